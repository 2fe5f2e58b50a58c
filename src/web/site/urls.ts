/**
 * Every address of the site that a static copy holds, from the store: one list, used by `tip-atlas export` (and
 * meant to feed a sitemap). Each address is the server's own (`/countries/TJK`, `/countries/TJK.json`); where it
 * lies in a folder of files is `fileFor`'s business.
 */
import { DOWNLOADS } from '../exports.js';
import type { Store } from '../../store/types.js';
import { compareIds, MAX_COMPARE } from '../../views/views.js';

/** What an address answers: a page (HTML) or anything else (JSON, CSV, Atom, assets, the database). */
export type SiteUrlKind = 'page' | 'file';

export interface SiteUrl {
  /** The address as the server answers it, from the site's root, with its query if any. */
  url: string;
  kind: SiteUrlKind;
}

export interface SiteUrlOptions {
  /** Lists of countries (ids or names) whose comparison is exported, e.g. [['TJK', 'UZB']]. Default: DEFAULT_COMPARE. */
  compare?: string[][];
  /** Only these countries' own addresses (ids): a partial copy, for previews and tests; links to others then break. */
  countries?: readonly string[];
}

/** Comparisons exported when none is asked for: neighbours in Central Asia, and in the Gulf. */
export const DEFAULT_COMPARE: readonly string[][] = [
  ['TJK', 'UZB', 'KAZ'],
  ['KGZ', 'TKM'],
  ['ARE', 'QAT', 'SAU'],
];

const page = (url: string): SiteUrl => ({ url, kind: 'page' });
const file = (url: string): SiteUrl => ({ url, kind: 'file' });

/** Every address whose answer does not depend on a query, then the comparisons asked for. */
export function siteUrls(store: Store, opts: SiteUrlOptions = {}): SiteUrl[] {
  const out: SiteUrl[] = [
    page('/'),
    file('/index.json'),
    file('/assets/style.css'),
    file('/assets/site.js'),
    file('/assets/countries.json'),
    page('/countries'),
    file('/countries.json'),
    page('/years'),
    file('/years.json'),
    page('/compare'),
    page('/data'),
    file('/data.json'),
    page('/api'),
    file('/api/openapi.json'),
    file('/feeds/changes.atom'),
    ...DOWNLOADS.map((d) => file(d.path)),
  ];
  for (const { reportYear } of store.reportYears()) out.push(page(`/years/${reportYear}`), file(`/years/${reportYear}.json`));
  const only = opts.countries ? new Set(opts.countries) : undefined;
  for (const c of store.listCountries()) {
    if (only && !only.has(c.id)) continue;
    const base = `/countries/${c.id}`;
    out.push(page(base), file(`${base}.json`), file(`${base}/feed.atom`));
    out.push(file(`${base}/indicators.csv`), file(`${base}/indicators.json`), file(`${base}/recommendations.json`));
    const years = new Set([...store.tierHistory(c.id).map((p) => p.reportYear), ...store.assessmentYears(c.id)]);
    for (const y of [...years].sort((a, b) => a - b)) out.push(page(`${base}/${y}`), file(`${base}/${y}.json`));
    // Diffs of consecutive years held.
    const held = [...store.assessmentYears(c.id)].sort((a, b) => a - b);
    for (let i = 1; i < held.length; i++) {
      out.push(page(`${base}/diff/${held[i - 1]}/${held[i]}`), file(`${base}/diff/${held[i - 1]}/${held[i]}.json`));
    }
  }
  for (const list of opts.compare ?? DEFAULT_COMPARE) {
    const { countries } = compareIds(store, list);
    if (countries.length === 0 || countries.length > MAX_COMPARE) continue;
    const ids = countries.map((c) => c.id).join(',');
    out.push(page(`/compare?c=${ids}`), file(`/compare.json?c=${ids}`));
  }
  return dedupe(out);
}

function dedupe(urls: SiteUrl[]): SiteUrl[] {
  const seen = new Set<string>();
  return urls.filter((u) => (seen.has(u.url) ? false : (seen.add(u.url), true)));
}

/** The folder under which an address with a query is kept: `/__q/<path>/<query>/index.<ext>` (see fileFor). */
export const QUERY_DIR = '__q';

/**
 * Where an address is kept in a static copy (a path relative to its root, with `/`):
 * a page `/countries/TJK` → `countries/TJK/index.html` (so `/countries/TJK/` and `/countries/TJK` both work),
 * `/` → `index.html`, a file `/countries/TJK.json` → `countries/TJK.json`. An address with a query,
 * `/compare?c=TJK,UZB` → `__q/compare/c=TJK,UZB/index.html` (`/?year=2012` → `__q/year=2012/index.html`) and `/compare.json?c=…` → `__q/compare.json/c=…/index.json`:
 * nginx finds them with `try_files /__q$uri/$args/index.html` (deploy/nginx.conf); other hosts answer the page
 * without its query. Returns undefined for a query that cannot be a folder name.
 */
export function fileFor(url: string): string | undefined {
  const q = url.indexOf('?');
  const path = q === -1 ? url : url.slice(0, q);
  const query = q === -1 ? '' : url.slice(q + 1);
  const clean = path.replace(/^\/+|\/+$/g, '');
  if (clean.split('/').some((s) => s === '..' || s === '.' || s === QUERY_DIR)) return undefined;
  const ext = /\.([a-z0-9]+)$/i.exec(clean)?.[1]?.toLowerCase();
  if (!query) {
    if (ext) return clean;
    return clean ? `${clean}/index.html` : 'index.html';
  }
  if (query.length > 200 || /[/\\\0]/.test(query) || query.startsWith('.')) return undefined;
  return [QUERY_DIR, clean, query, `index.${ext ?? 'html'}`].filter(Boolean).join('/');
}
