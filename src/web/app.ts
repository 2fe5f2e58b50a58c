import { createReadStream } from 'node:fs';
import { Readable } from 'node:stream';
import { Hono } from 'hono';
import type { Context } from 'hono';
import { TrieRouter } from 'hono/router/trie-router';
import { NotFoundError } from '../domain/index.js';
import type { Store } from '../store/types.js';
import { DATABASE_DOWNLOAD } from '../store/types.js';
import { SearchBudgetError } from '../store/search.js';
import { openApiDocument } from './api/openapi.js';
import { SITE_JS, STYLE_CSS } from './assets.js';
import { ResponseCache } from './cache.js';
import {
  DOWNLOADS,
  SnapshotDownloads,
  assessmentsCsv,
  assessmentsJson,
  placementsCsv,
  placementsJson,
  recommendationsCsv,
  sectionsCsv,
} from './exports.js';
import type { ExportFilters } from './exports.js';
import { goodsCsv, unodcCsv } from './contextExports.js';
import { changesFeed, countryFeed } from './feeds/atom.js';
import type { Html } from './html.js';
import type { ApiError } from './http.js';
import {
  HttpError,
  badRequest,
  countryParam,
  notFound,
  parseChoice,
  parseRegion,
  parseTier,
  parseYear,
  queryParam,
  splitJson,
  wantsJson,
} from './http.js';
import { renderWorldMap } from './map/worldMap.js';
import { MAP_LAYERS, goodsLayer, goodsMapLayer, type GoodsLayer } from './map/goodsLayer.js';
import { siteBase } from './publicUrl.js';
import { FAVICON_SVG, robotsTxt, sitemapXml } from './siteFiles.js';
import { finderEntries } from './finder.js';
import { HEAD_MARK, UPDATED_MARK } from './layout.js';
import { escapeHtml } from './html.js';
import { publisherYear } from '../domain/index.js';
import { analysisRoutes } from './routes/analysis.js';
import type { MapCountry } from './map/worldMap.js';
import { apiPage } from './pages/api.js';
import { comparePage } from './pages/compare.js';
import { countriesPage } from './pages/countries.js';
import { countryPage } from './pages/country.js';
import { profileCite } from './pages/citeHtml.js';
import { dataPage } from './pages/data.js';
import { errorPage } from './pages/error.js';
import { homePage } from './pages/home.js';
import { yearPage, yearsIndexPage } from './pages/year.js';
import { yearView } from '../analysis/yearView.js';
import type { HomeView } from '../views/views.js';
import {
  COUNTRY_SORTS,
  MAX_COMPARE,
  compareIds,
  compareView,
  countriesView,
  homeView,
  profileView,
  yearsIndexView,
} from '../views/views.js';

export type { ApiError } from './http.js';

export const SECURITY_HEADERS: Record<string, string> = {
  'Content-Security-Policy':
    "default-src 'none'; style-src 'self'; img-src 'self' data:; script-src 'self'; connect-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'",
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'X-Frame-Options': 'DENY',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Permissions-Policy': 'geolocation=(), camera=(), microphone=()',
};

/** Responses never kept in the page cache (large and built from a fresh snapshot each time). */
const UNCACHED = new Set(['/data/tip-atlas.sqlite']);

export interface AppOptions {
  /** Clock for "accessed" dates in citations; default: the system clock. */
  now?: () => Date;
  /** The site's public address for absolute links (parsePublicUrl); without one they are relative. */
  publicUrl?: string;
  /** Where database downloads are written (a private folder is made in it); default: the system's temporary folder. */
  snapshotDir?: string;
}

/**
 * The If-None-Match header, read from Node's own parsed headers when served by @hono/node-server (cheaper than
 * building a Fetch Headers object on every request), else from the Fetch request.
 */
function ifNoneMatch(c: Context): string | undefined {
  const incoming = (c.env as { incoming?: { headers?: Record<string, string | string[] | undefined> } } | undefined)?.incoming;
  if (incoming?.headers) {
    const v = incoming.headers['if-none-match'];
    return Array.isArray(v) ? v.join(', ') : v;
  }
  return c.req.header('If-None-Match');
}

/**
 * Whether If-None-Match matches an entity tag (RFC 9110 §13.1.2): `*`, or a comma-separated list of tags compared
 * weakly (`W/"x"` matches `"x"`).
 */
export function noneMatchHits(header: string | undefined, etag: string): boolean {
  if (header === undefined) return false;
  if (header.trim() === '*') return true;
  const opaque = (t: string) => t.trim().replace(/^W\//, '');
  const want = opaque(etag);
  return (header.match(/(?:W\/)?"[^"]*"/g) ?? []).some((t) => opaque(t) === want);
}

/** `http://any-host/a/b?c` → `/a/b?c`. */
function pathAndQuery(url: string): string {
  const slash = url.indexOf('/', url.indexOf('//') + 2);
  return slash === -1 ? '/' : url.slice(slash);
}

export function createApp(store: Store, opts: AppOptions = {}): Hono {
  const app = new Hono();
  const now = opts.now ?? (() => new Date());
  const cache = new ResponseCache();
  const snapshots = new SnapshotDownloads(store, opts.snapshotDir);
  const mapCache = new Map<string, Html>();

  // Absolute links use the configured public address, never the request's Host header (see publicUrl.ts).
  const base = siteBase(opts.publicUrl);
  const today = () => now().toISOString().slice(0, 10);

  // When the data last changed: the newest import, and the newest report whose tiers are held (with its release).
  let updated: { version: number; text: string; lastmod: string | null } | null = null;
  const updatedInfo = () => {
    const version = store.version();
    if (updated?.version !== version) {
      const imported = store.documents().reduce<string | null>((m, d) => (m === null || d.importedAt > m ? d.importedAt : m), null)?.slice(0, 10) ?? null;
      const latest = store.reportYears().at(-1)?.reportYear;
      const released = latest === undefined ? undefined : publisherYear(latest)?.releaseDate;
      const parts = [
        latest === undefined ? 'no report year held' : `tier placements to the ${latest} report${released ? ` (released ${released})` : ''}`,
        imported ? `narratives last imported ${imported}` : 'no narrative imported',
      ];
      const lastmod = [imported, released].filter((d): d is string => Boolean(d)).sort().at(-1) ?? null;
      updated = { version, text: `Data updated${lastmod ? ` ${lastmod}` : ''}: ${parts.join('; ')}.`, lastmod };
    }
    return updated;
  };
  const dataUpdated = () => updatedInfo().text;

  // Rendered responses, kept under the store's version (see ResponseCache). Outermost, so that a hit is answered
  // before anything else runs, with every header (security headers included) as it was stored; the body is kept
  // as bytes with its length, which @hono/node-server writes straight out.
  app.use('*', async (c, next) => {
    if ((c.req.method !== 'GET' && c.req.method !== 'HEAD') || UNCACHED.has(c.req.path)) return next();
    const version = store.version();
    const key = `${today()} ${pathAndQuery(c.req.url)}`; // not the Host header: it changes no response
    let hit = cache.get(key, version);
    if (!hit) {
      await next();
      const ct = c.res.headers.get('Content-Type') ?? '';
      if (c.res.status !== 200 || !/^(text\/|application\/(json|atom\+xml|javascript))/.test(ct)) return;
      const headers: Record<string, string> = {};
      c.res.headers.forEach((v, k) => {
        headers[k] = v;
      });
      hit = cache.set(key, version, c.res.status, headers, await c.res.text());
    }
    const res =
      noneMatchHits(ifNoneMatch(c), hit.etag)
        ? new Response(null, { status: 304, headers: { ...SECURITY_HEADERS, 'Access-Control-Allow-Origin': '*', ETag: hit.etag } })
        : new Response(hit.body as Uint8Array<ArrayBuffer>, { status: hit.status, headers: hit.headers });
    if (!c.finalized) return res;
    // After next(): replace the response read above (without merging its headers into this one).
    c.res = undefined;
    c.res = res;
  });

  // Pages: the canonical address (with a public URL only: it must be absolute) and the footer's "data updated".
  app.use('*', async (c, next) => {
    await next();
    if (!(c.res.headers.get('Content-Type') ?? '').startsWith('text/html')) return;
    const body = await c.res.text();
    const self = base ? escapeHtml(`${base}${pathAndQuery(c.req.url)}`) : '';
    const head = self ? `<link rel="canonical" href="${self}">\n<meta property="og:url" content="${self}">` : '';
    const res = new Response(body.replace(HEAD_MARK, head).replace(UPDATED_MARK, escapeHtml(dataUpdated())), c.res);
    res.headers.delete('Content-Length');
    c.res = undefined;
    c.res = res;
  });

  app.use('*', async (c, next) => {
    await next();
    for (const [k, v] of Object.entries(SECURITY_HEADERS)) c.res.headers.set(k, v);
    // Everything is public and read-only: any origin may GET it (no credentials).
    if (c.req.method === 'GET' || c.req.method === 'HEAD') c.res.headers.set('Access-Control-Allow-Origin', '*');
  });

  app.get('/assets/style.css', (c) => {
    c.header('Cache-Control', 'public, max-age=3600');
    return c.body(STYLE_CSS, 200, { 'Content-Type': 'text/css; charset=utf-8' });
  });
  app.get('/assets/site.js', (c) => {
    c.header('Cache-Control', 'public, max-age=3600');
    return c.body(SITE_JS, 200, { 'Content-Type': 'text/javascript; charset=utf-8' });
  });
  // The country finder's names (finder.ts), fetched by site.js when the finder is first used.
  app.get('/assets/countries.json', (c) => c.json(finderEntries(store)));
  app.get('/favicon.svg', (c) => {
    c.header('Cache-Control', 'public, max-age=86400');
    return c.body(FAVICON_SVG, 200, { 'Content-Type': 'image/svg+xml' });
  });
  app.get('/robots.txt', (c) => c.body(robotsTxt(base), 200, { 'Content-Type': 'text/plain; charset=utf-8' }));
  app.get('/sitemap.xml', (c) => {
    // A sitemap lists absolute addresses only (siteFiles.ts): without a configured public URL there is none.
    if (!base) throw notFound('no sitemap: it needs the site’s public address, which is not configured (serve --public-url URL)');
    return c.body(sitemapXml(store, base, updatedInfo().lastmod), 200, { 'Content-Type': 'application/xml; charset=utf-8' });
  });

  // ---------------------------------------------------------------------------------------------------------
  // Home

  const mapSvg = (v: HomeView, goods?: GoodsLayer): Html => {
    const key = `${v.reportYear}${goods ? ' goods' : ''}@${store.version()}`;
    let svg = mapCache.get(key);
    if (!svg) {
      const countries = new Map<string, MapCountry>(
        v.countries.map((x) => [x.id, { id: x.id, name: x.name, status: x.status, tier: x.placement?.tier ?? null, asterisk: x.placement?.asterisk ?? false }]),
      );
      svg = renderWorldMap({ reportYear: v.reportYear, countries, ...(goods ? { layer: goodsMapLayer(goods) } : {}) });
      // Old versions are of no use any more.
      for (const k of mapCache.keys()) if (!k.endsWith(`@${store.version()}`)) mapCache.delete(k);
      mapCache.set(key, svg);
    }
    return svg;
  };
  const home = (c: Context) => homeView(store, parseYear(queryParam(c, 'year')));
  const layerOf = (c: Context, v: HomeView) =>
    parseChoice(queryParam(c, 'layer'), 'layer', MAP_LAYERS) === 'goods' ? goodsLayer(store, v.countries.map((x) => x.id)) : undefined;
  app.get('/', (c) => {
    const v = home(c);
    const goods = layerOf(c, v);
    return c.html(homePage(v, mapSvg(v, goods), goods));
  });
  app.get('/index.json', (c) => {
    const v = home(c);
    const goods = layerOf(c, v);
    return c.json(goods ? { ...v, layer: 'goods', goodsLayer: goods } : v);
  });

  // ---------------------------------------------------------------------------------------------------------
  // Countries

  const countries = (c: Context) =>
    countriesView(store, {
      region: parseRegion(queryParam(c, 'region')),
      tier: parseTier(queryParam(c, 'tier')),
      year: parseYear(queryParam(c, 'year')),
      sort: parseChoice(queryParam(c, 'sort'), 'sort', COUNTRY_SORTS),
      good: queryParam(c, 'good'),
      q: queryParam(c, 'q'),
    });
  const yearsHeld = () =>
    store
      .reportYears()
      .map((y) => y.reportYear)
      .reverse();
  app.get('/countries', (c) => c.html(countriesPage(countries(c), yearsHeld())));
  app.get('/countries.json', (c) => c.json(countries(c)));

  const countryOf = (c: Context, segment: string, rebuild: (id: string) => string) => countryParam(store, c, segment, rebuild);

  app.get('/countries/:id/feed.atom', (c) => {
    const country = countryOf(c, c.req.param('id'), (id) => `/countries/${id}/feed.atom`);
    if (country instanceof Response) return country;
    return c.body(countryFeed(store, country, base), 200, { 'Content-Type': 'application/atom+xml; charset=utf-8' });
  });

  // Search, diffs, indicators, recommendation tracking (before /countries/:id/:year, which would take them).
  app.route('/', analysisRoutes(store));

  const profileRoute = (c: Context, idSegment: string, yearSegment?: string) => {
    const id = yearSegment === undefined ? splitJson(idSegment) : { name: idSegment, json: false };
    const y = yearSegment === undefined ? undefined : splitJson(yearSegment);
    const json = id.json || Boolean(y?.json);
    const country = countryOf(c, id.name, (cid) =>
      y ? `/countries/${cid}/${yearSegment}` : `/countries/${cid}${json ? '.json' : ''}`,
    );
    if (country instanceof Response) return country;
    let year: number | undefined;
    if (y) year = parseYear(y.name, 'the year in the address');
    const profile = profileView(store, country, year);
    // A year held without a placement of this country is still a page: it says what is known of that year.
    if (year !== undefined && !profile.placement && !profile.assessment && !store.reportYears().some((y) => y.reportYear === year)) {
      throw notFound(`the ${year} report is not held`);
    }
    const citeCtx = { origin: base, today: today() };
    return json ? c.json({ ...profile, cite: profileCite(profile, citeCtx) }) : c.html(countryPage(profile, citeCtx));
  };
  app.get('/countries/:id', (c) => profileRoute(c, c.req.param('id')));
  app.get('/countries/:id/:year', (c) => profileRoute(c, c.req.param('id'), c.req.param('year')));

  // ---------------------------------------------------------------------------------------------------------
  // Years

  app.get('/years', (c) => c.html(yearsIndexPage(yearsIndexView(store))));
  app.get('/years.json', (c) => c.json(yearsIndexView(store)));
  app.get('/years/:year', (c) => {
    const seg = splitJson(c.req.param('year'));
    const year = parseYear(seg.name, 'the year in the address')!;
    const view = yearView(store, year, { region: parseRegion(queryParam(c, 'region')), tier: parseTier(queryParam(c, 'tier')) });
    if (!view) throw notFound(`the ${year} report is not held`);
    return seg.json ? c.json(view) : c.html(yearPage(view, yearsHeld()));
  });

  // ---------------------------------------------------------------------------------------------------------
  // Compare

  const compare = (c: Context, required: boolean) => {
    const raw = (c.req.queries('c') ?? []).map((s) => s.trim()).filter(Boolean);
    if (raw.length === 0 && required) throw badRequest('?c= must list the countries to compare, e.g. ?c=TJK,UZB,KAZ');
    const { countries: found, unknown } = compareIds(store, raw);
    if (unknown.length) throw notFound(`unknown country id${unknown.length > 1 ? 's' : ''}: ${unknown.join(', ')}`);
    if (found.length > MAX_COMPARE) throw badRequest(`?c= may list up to ${MAX_COMPARE} countries, not ${found.length}`);
    return { view: compareView(store, found), input: raw.join(',') };
  };
  app.get('/compare', (c) => {
    const { view, input } = compare(c, false);
    return c.html(comparePage(view, input));
  });
  app.get('/compare.json', (c) => c.json(compare(c, true).view));

  // ---------------------------------------------------------------------------------------------------------
  // Data

  const dataView = () => {
    const years = store.reportYears();
    return {
      downloads: DOWNLOADS,
      documents: store.documents().map(({ origin: _local, ...d }) => d),
      reportYears: {
        first: years[0]?.reportYear ?? null,
        last: years.at(-1)?.reportYear ?? null,
        incomplete: years.filter((y) => !y.complete).map((y) => y.reportYear),
      },
    };
  };
  // The filters belong to the downloads: on the page itself they would silently do nothing.
  const noFilters = (c: Context) => {
    const given = ['year', 'region', 'tier'].filter((k) => c.req.query(k) !== undefined);
    if (given.length) {
      throw badRequest(`${c.req.path} takes no ${given.map((k) => `?${k}=`).join(' or ')}: the downloads do, e.g. /data/tier-placements.csv?year=2023`);
    }
  };
  app.get('/data', (c) => {
    noFilters(c);
    return c.html(dataPage(dataView()));
  });
  app.get('/data.json', (c) => {
    noFilters(c);
    return c.json(dataView());
  });

  const filters = (c: Context): ExportFilters => {
    const year = parseYear(queryParam(c, 'year'));
    if (year !== undefined && !store.reportYears().some((y) => y.reportYear === year)) {
      throw notFound(`the ${year} report is not held`);
    }
    return { year, region: parseRegion(queryParam(c, 'region')), tier: parseTier(queryParam(c, 'tier')) };
  };
  const csv = (c: Context, name: string, text: string) =>
    c.body(text, 200, { 'Content-Type': 'text/csv; charset=utf-8', 'Content-Disposition': `attachment; filename="${name}"` });
  const attachment = (c: Context, name: string, value: unknown) =>
    c.body(JSON.stringify(value, null, 1), 200, {
      'Content-Type': 'application/json; charset=utf-8',
      'Content-Disposition': `attachment; filename="${name}"`,
    });
  const downloadHandlers: Record<string, (c: Context) => Response | Promise<Response>> = {
    '/data/tier-placements.csv': (c) => csv(c, 'tier-placements.csv', placementsCsv(store, filters(c))),
    '/data/tier-placements.json': (c) => attachment(c, 'tier-placements.json', placementsJson(store, filters(c))),
    '/data/assessments.json': (c) => attachment(c, 'assessments.json', assessmentsJson(store, filters(c))),
    '/data/assessments.csv': (c) => csv(c, 'assessments.csv', assessmentsCsv(store, filters(c))),
    '/data/sections.csv': (c) => csv(c, 'sections.csv', sectionsCsv(store, filters(c))),
    '/data/recommendations.csv': (c) => csv(c, 'recommendations.csv', recommendationsCsv(store, filters(c))),
    '/data/goods.csv': (c) => csv(c, 'goods.csv', goodsCsv(store)),
    '/data/unodc.csv': (c) => csv(c, 'unodc.csv', unodcCsv(store)),
    '/data/tip-atlas.sqlite': async (c) => {
      // Written once per version of the data and streamed from disk (SnapshotDownloads), never built in memory.
      const snap = await snapshots.file();
      const headers = {
        'Content-Type': DATABASE_DOWNLOAD.mediaType,
        'Content-Length': String(snap.size),
        'Content-Disposition': `attachment; filename="${DATABASE_DOWNLOAD.fileName}"`,
        'Cache-Control': 'no-store',
      };
      if (c.req.method === 'HEAD') return c.body(null, 200, headers);
      return c.body(Readable.toWeb(createReadStream(snap.path)) as ReadableStream<Uint8Array>, 200, headers);
    },
  };
  for (const d of DOWNLOADS) {
    const handler = downloadHandlers[d.path];
    if (!handler) throw new Error(`no handler for the download ${d.path}`);
    app.get(d.path, handler);
  }

  // ---------------------------------------------------------------------------------------------------------
  // API description and feeds

  const openapi = openApiDocument();
  app.get('/api', (c) => c.html(apiPage(openapi as unknown as Parameters<typeof apiPage>[0])));
  app.get('/api/openapi.json', (c) => c.json(openapi));
  app.get('/feeds/changes.atom', (c) =>
    c.body(changesFeed(store, base), 200, { 'Content-Type': 'application/atom+xml; charset=utf-8' }),
  );

  // ---------------------------------------------------------------------------------------------------------
  // Errors: one shape for JSON, a page for HTML; unknown errors become a plain 500 with nothing internal leaked.

  // Every route is GET (and HEAD): another method on an address that exists is a 405 naming the ones allowed.
  const getRoutes = new TrieRouter<true>();
  for (const r of app.routes) if (r.method === 'GET') getRoutes.add('GET', r.path, true);
  app.notFound((c) => {
    const allowed = c.req.method !== 'GET' && c.req.method !== 'HEAD' && getRoutes.match('GET', c.req.path)[0].length > 0;
    const status = allowed ? 405 : 404;
    const message = allowed ? `${c.req.method} is not allowed at ${c.req.path}: use GET or HEAD` : `no page at ${c.req.path}`;
    if (allowed) c.header('Allow', 'GET, HEAD');
    return wantsJson(c)
      ? c.json({ ok: false, status, error: message } satisfies ApiError, status)
      : c.html(errorPage(status, message), status);
  });

  app.onError((err, c) => {
    if (err instanceof SearchBudgetError) {
      // Stopped at its time budget: the server is busy with nothing; asking again later (or narrower) may work.
      c.header('Retry-After', String(err.retryAfterSeconds));
      return wantsJson(c)
        ? c.json({ ok: false, status: 503, error: err.message } satisfies ApiError, 503)
        : c.html(errorPage(503, err.message), 503);
    }
    // The read model's domain errors: something asked for that is not held.
    const status = err instanceof HttpError ? err.status : err instanceof NotFoundError ? 404 : 500;
    const message = status === 500 ? 'internal error' : err.message;
    if (status === 500) console.error(err);
    return wantsJson(c)
      ? c.json({ ok: false, status, error: message } satisfies ApiError, status)
      : c.html(errorPage(status, message), status);
  });

  return app;
}
