/**
 * Route table entries that are not pages: the downloads under /data (DOWNLOADS in exports.ts says what each is),
 * the Atom feeds, the site's assets and the API description (/api and /api/openapi.json).
 */
import { createReadStream } from 'node:fs';
import { Readable } from 'node:stream';
import { DATABASE_DOWNLOAD } from '../../store/types.js';
import type { Store } from '../../store/types.js';
import { SITE_JS, STYLE_CSS } from '../assets.js';
import { goodsCsv, unodcCsv } from '../contextExports.js';
import type { ColumnDoc, Download } from '../downloadTypes.js';
import type { ExportFilters } from '../exports.js';
import {
  DOWNLOADS,
  SnapshotDownloads,
  assessmentsCsv,
  assessmentsJson,
  placementsCsv,
  placementsJson,
  recommendationsCsv,
  sectionsCsv,
} from '../exports.js';
import { changesFeed, countryFeed } from '../feeds/atom.js';
import { notFound } from '../http.js';
import { apiPage } from '../pages/api.js';
import { finderEntries } from '../finder.js';
import { FAVICON_SVG, dataUpdated, robotsTxt, sitemapXml } from '../siteFiles.js';
import type { At, Deps, Route } from './define.js';
import { countryAt, page, resource } from './define.js';
import type { Values } from './params.js';
import { countQuery, countryPath, regionQuery, tierQuery, yearQuery } from './params.js';

type Json = Record<string, unknown>;

const FILTERS = { year: yearQuery, region: regionQuery, tier: tierQuery };

/** The filters of a download; a year not held is a 404 (not an empty file). */
function filters(store: Store, p: Values<typeof FILTERS>): ExportFilters {
  if (p.year !== undefined && !store.reportYears().some((y) => y.reportYear === p.year)) throw notFound(`the ${p.year} report is not held`);
  return p;
}

function columnsSchema(columns: ColumnDoc[]): Json {
  return {
    type: 'object',
    properties: Object.fromEntries(columns.map((c) => [c.name, { type: c.nullable ? [c.type, 'null'] : c.type, description: c.description }])),
  };
}

/** The body of each download, by address. */
function downloadBodies(snapshots: SnapshotDownloads): Record<string, (d: Deps, f: Values<typeof FILTERS>, at: At) => unknown> {
  const attachment = (at: At, name: string, value: unknown) =>
    at.c.body(JSON.stringify(value, null, 1), 200, {
      'Content-Type': 'application/json; charset=utf-8',
      'Content-Disposition': `attachment; filename="${name}"`,
    });
  return {
    '/data/tier-placements.csv': (d, f) => placementsCsv(d.store, filters(d.store, f)),
    '/data/tier-placements.json': (d, f, at) => attachment(at, 'tier-placements.json', placementsJson(d.store, filters(d.store, f))),
    '/data/assessments.json': (d, f, at) => attachment(at, 'assessments.json', assessmentsJson(d.store, filters(d.store, f))),
    '/data/assessments.csv': (d, f) => assessmentsCsv(d.store, filters(d.store, f)),
    '/data/sections.csv': (d, f) => sectionsCsv(d.store, filters(d.store, f)),
    '/data/recommendations.csv': (d, f) => recommendationsCsv(d.store, filters(d.store, f)),
    '/data/goods.csv': (d) => goodsCsv(d.store),
    '/data/unodc.csv': (d) => unodcCsv(d.store),
    '/data/tip-atlas.sqlite': async (_d, _f, at) => {
      // Written once per version of the data and streamed from disk (SnapshotDownloads), never built in memory.
      const snap = await snapshots.file();
      const headers = {
        'Content-Type': DATABASE_DOWNLOAD.mediaType,
        'Content-Length': String(snap.size),
        'Content-Disposition': `attachment; filename="${DATABASE_DOWNLOAD.fileName}"`,
        'Cache-Control': 'no-store',
      };
      if (at.c.req.method === 'HEAD') return at.c.body(null, 200, headers);
      return at.c.body(Readable.toWeb(createReadStream(snap.path)) as ReadableStream<Uint8Array>, 200, headers);
    },
  };
}

function downloadRoute(dl: Download, body: (d: Deps, f: Values<typeof FILTERS>, at: At) => unknown): Route {
  const isCsv = dl.mediaType === 'text/csv';
  return resource({
    path: dl.path,
    tag: 'data',
    summary: dl.title,
    description: dl.description + (dl.columns.length ? ` Columns: ${dl.columns.map((c) => `${c.name} — ${c.description}`).join(' ')}` : ''),
    params: dl.filters ? FILTERS : ({} as typeof FILTERS),
    ...(dl.filters ? { errors: { 400: 'A bad parameter (the message says which and why).', 404: 'The report of that year is not held.' } } : {}),
    mediaType: dl.mediaType,
    responseDescription: dl.title,
    schema: isCsv
      ? { type: 'string', description: `CSV with a header row; each row: ${JSON.stringify(columnsSchema(dl.columns))}` }
      : dl.mediaType === 'application/json'
        ? { type: 'object' }
        : { type: 'string', format: 'binary' },
    body,
    ...(isCsv ? { fileName: () => dl.path.slice(dl.path.lastIndexOf('/') + 1) } : {}),
  });
}

/** The downloads under /data, in the order of DOWNLOADS. */
export function downloadRoutes(store: Store, snapshotDir?: string): Route[] {
  const bodies = downloadBodies(new SnapshotDownloads(store, snapshotDir));
  return DOWNLOADS.map((dl) => {
    const body = bodies[dl.path];
    if (!body) throw new Error(`no handler for the download ${dl.path}`);
    return downloadRoute(dl, body);
  });
}

const ATOM = 'application/atom+xml';

export const countryFeedRoute = resource({
  path: '/countries/:id/feed.atom',
  tag: 'feeds',
  summary: 'Atom feed of a country’s placements',
  params: { id: countryPath() },
  errors: { 301: 'A slug or lower-case code: redirect to the code.', 404: 'Nothing is known by that name.' },
  mediaType: ATOM,
  responseDescription: 'An Atom feed, one entry per placement.',
  schema: { type: 'string' },
  body: (d, p, at) => countryFeed(d.store, countryAt(d.store, at, p.id), d.base),
});

export const changesFeedRoute = resource({
  path: '/feeds/changes.atom',
  tag: 'feeds',
  summary: 'Atom feed of tier changes',
  description:
    'Every change of tier between consecutive reports, newest first, each dated by its report’s release date (June 30 of the year where it is not known); paged, 200 entries a page, with RFC 5005 `first`, `previous`, `next` and `last` links.',
  params: { page: countQuery('page', 'The page, from 1 (the newest); past the last: 404.', 1, 999_999) },
  errors: { 400: 'A page that is not a whole number from 1.', 404: 'A page past the last.' },
  mediaType: ATOM,
  responseDescription: 'An Atom feed.',
  schema: { type: 'string' },
  body: (d, p) => {
    const n = p.page;
    const feed = changesFeed(d.store, d.base, n);
    if (feed === null) throw notFound(`the changes feed has no page ${n} (see its rel="last" link)`);
    return feed;
  },
});

function asset(path: string, summary: string, mediaType: string, text: string): Route {
  return resource({
    path,
    tag: 'assets',
    summary,
    params: {},
    mediaType,
    responseDescription: mediaType === 'text/css' ? 'CSS.' : 'JavaScript.',
    schema: { type: 'string' },
    body: (_d, _p, at) => {
      at.c.header('Cache-Control', 'public, max-age=3600');
      return text;
    },
  });
}

export const ASSET_ROUTES: readonly Route[] = [
  asset('/assets/style.css', 'The site’s stylesheet', 'text/css', STYLE_CSS),
  asset('/assets/site.js', 'The site’s script (progressive enhancement only)', 'text/javascript', SITE_JS),
];

/** What browsers and crawlers ask a site for, and the finder's names (siteFiles.ts, finder.ts). */
export const SITE_FILE_ROUTES: readonly Route[] = [
  resource({
    path: '/assets/countries.json',
    tag: 'assets',
    summary: 'The country finder’s names',
    description: 'Every country the site lists as `[id, name, aliases, keys]`, keys being each spelling’s comparison form; fetched by the site’s script when the finder is first used.',
    params: {},
    mediaType: 'application/json',
    responseDescription: 'The names.',
    schema: { type: 'array', items: { type: 'array' } },
    body: (d) => finderEntries(d.store),
  }),
  resource({
    path: '/favicon.svg',
    tag: 'assets',
    summary: 'The site’s icon',
    params: {},
    mediaType: 'image/svg+xml',
    responseDescription: 'SVG.',
    schema: { type: 'string' },
    body: (_d, _p, at) => {
      at.c.header('Cache-Control', 'public, max-age=86400');
      return FAVICON_SVG;
    },
  }),
  resource({
    path: '/robots.txt',
    tag: 'assets',
    summary: 'Rules for crawlers',
    description: 'Everything may be crawled but the whole-database download; names the sitemap when the public URL is configured.',
    params: {},
    mediaType: 'text/plain',
    responseDescription: 'robots.txt.',
    schema: { type: 'string' },
    body: (d) => robotsTxt(d.base),
  }),
  resource({
    path: '/sitemap.xml',
    tag: 'assets',
    summary: 'Sitemap of every public page',
    description: 'Absolute addresses, so only when the site’s public URL is configured (`serve --public-url`); otherwise 404 saying so.',
    exampleNeeds: 'the site’s public URL (serve --public-url)',
    params: {},
    errors: { 404: 'No public URL is configured.' },
    mediaType: 'application/xml',
    responseDescription: 'A sitemaps.org 0.9 sitemap.',
    schema: { type: 'string' },
    body: (d) => {
      // A sitemap lists absolute addresses only (siteFiles.ts): without a configured public URL there is none.
      if (!d.base) throw notFound('no sitemap: it needs the site’s public address, which is not configured (serve --public-url URL)');
      return sitemapXml(d.store, d.base, dataUpdated(d.store).lastmod);
    },
  }),
];

/** /api (the readable page) and /api/openapi.json, of the document `doc` gives (made once every route is known). */
export function apiRoutes(doc: () => Json): Route[] {
  return [
    page({
      path: '/api',
      summary: 'This API, as a readable page',
      params: {},
      view: () => doc(),
      html: (v) => apiPage(v as unknown as Parameters<typeof apiPage>[0]),
    }),
    resource({
      path: '/api/openapi.json',
      tag: 'api',
      summary: 'This OpenAPI document',
      params: {},
      mediaType: 'application/json',
      responseDescription: 'OpenAPI 3.1.',
      schema: { type: 'object' },
      body: () => doc(),
    }),
  ];
}
