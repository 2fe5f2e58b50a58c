/**
 * The files a browser or crawler asks a site for: the favicon (an SVG drawn here), robots.txt and sitemap.xml.
 *
 * A sitemap must list absolute addresses (sitemaps.org protocol: "must … begin with the protocol"; the `Sitemap:`
 * line of robots.txt likewise takes a full address). The site knows its address only when it is configured
 * (`serve --public-url`, see publicUrl.ts), never from the request's Host header. Without it, /sitemap.xml answers
 * 404 saying so, and robots.txt has no `Sitemap:` line.
 */
import type { MiddlewareHandler } from 'hono';
import { publisherYear } from '../domain/index.js';
import type { Store } from '../store/types.js';
import { escapeHtml } from './html.js';
import { pathAndQuery } from './http.js';
import { HEAD_MARK, UPDATED_MARK } from './layout.js';

/** A map pin over a globe's meridian, in the site's brand and tier colours (32×32, no text, no external font). */
export const FAVICON_SVG = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32">
<rect width="32" height="32" rx="6" fill="#12263f"/>
<circle cx="16" cy="16" r="10.5" fill="none" stroke="#9fc3ea" stroke-width="2"/>
<path d="M16 5.5c-4 3-4 18 0 21M16 5.5c4 3 4 18 0 21M5.5 16h21" fill="none" stroke="#9fc3ea" stroke-width="1.5"/>
<rect x="6" y="22" width="5" height="5" fill="#1a7f37"/><rect x="11" y="22" width="5" height="5" fill="#d9a400"/><rect x="16" y="22" width="5" height="5" fill="#e8701a"/><rect x="21" y="22" width="5" height="5" fill="#b3261e"/>
</svg>
`;

/** robots.txt: everything may be crawled but the whole-database download; the sitemap where an address is known. */
export function robotsTxt(base: string): string {
  return [
    '# TIP Atlas: every page is public. The SQLite download is large and changes only with the data.',
    'User-agent: *',
    'Disallow: /data/tip-atlas.sqlite',
    ...(base ? [`Sitemap: ${base}/sitemap.xml`] : []),
    '',
  ].join('\n');
}

/** The public pages worth indexing, as paths: the sections, every country, every year of each held, every report year. */
export function sitemapPaths(store: Store): string[] {
  const years = store.reportYears().map((y) => y.reportYear);
  const paths = ['/', '/countries', '/years', '/compare', '/search', '/data', '/api'];
  for (const y of [...years].reverse()) paths.push(`/years/${y}`);
  for (const c of store.listCountries()) {
    paths.push(`/countries/${c.id}`);
    const held = new Set<number>([...store.tierHistory(c.id).map((p) => p.reportYear), ...store.assessmentYears(c.id)]);
    for (const y of [...held].sort((a, b) => b - a)) paths.push(`/countries/${c.id}/${y}`);
  }
  return paths;
}

/** sitemap.xml (sitemaps.org 0.9) with absolute addresses under `base`; `lastmod` is the data's last update. */
export function sitemapXml(store: Store, base: string, lastmod: string | null): string {
  const urls = sitemapPaths(store).map(
    (p) => `<url><loc>${escapeHtml(base + p)}</loc>${lastmod ? `<lastmod>${lastmod}</lastmod>` : ''}</url>`,
  );
  return `<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n${urls.join('\n')}\n</urlset>\n`;
}

/** When the data last changed: the newest import, and the newest report whose tiers are held (with its release). */
export interface DataUpdated {
  text: string;
  lastmod: string | null;
}

const updatedByStore = new WeakMap<Store, { version: number; info: DataUpdated }>();

export function dataUpdated(store: Store): DataUpdated {
  const version = store.version();
  const hit = updatedByStore.get(store);
  if (hit?.version === version) return hit.info;
  const imported = store.documents().reduce<string | null>((m, d) => (m === null || d.importedAt > m ? d.importedAt : m), null)?.slice(0, 10) ?? null;
  const latest = store.reportYears().at(-1)?.reportYear;
  const released = latest === undefined ? undefined : publisherYear(latest)?.releaseDate;
  const parts = [
    latest === undefined ? 'no report year held' : `tier placements to the ${latest} report${released ? ` (released ${released})` : ''}`,
    imported ? `narratives last imported ${imported}` : 'no narrative imported',
  ];
  const lastmod = [imported, released].filter((d): d is string => Boolean(d)).sort().at(-1) ?? null;
  const info = { text: `Data updated${lastmod ? ` ${lastmod}` : ''}: ${parts.join('; ')}.`, lastmod };
  updatedByStore.set(store, { version, info });
  return info;
}

/**
 * Pages get the canonical address (with a public URL only: it must be absolute) and the footer's "data updated",
 * filled in where layout.ts left its marks. Inside the response cache, so a cached page carries them.
 */
export function stampPages(store: Store, base: string): MiddlewareHandler {
  return async (c, next) => {
    await next();
    if (!(c.res.headers.get('Content-Type') ?? '').startsWith('text/html')) return;
    const body = await c.res.text();
    const self = base ? escapeHtml(`${base}${pathAndQuery(c.req.url)}`) : '';
    const head = self ? `<link rel="canonical" href="${self}">\n<meta property="og:url" content="${self}">` : '';
    // As bytes: a Response made from a string is scanned for lone surrogates first, which costs more than encoding.
    const res = new Response(Buffer.from(body.replace(HEAD_MARK, head).replace(UPDATED_MARK, escapeHtml(dataUpdated(store).text))), c.res);
    res.headers.delete('Content-Length');
    c.res = undefined;
    c.res = res;
  };
}
