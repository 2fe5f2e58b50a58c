/**
 * `tip-atlas export`: the whole site as files. Every address is answered by the app itself, in this process
 * (createApp → app.request), so each exported file is byte for byte what the server answers (JSON twins, CSV,
 * feeds, the database); pages only get their links prefixed for a subfolder and the static copy's script.
 *
 * The files are written to a temporary folder beside DIR, which then takes DIR's place (two renames). A manifest
 * (`.tip-atlas-export.json`: path → SHA-256) tells a rerun which files did not change: those are hard-linked from
 * the previous copy instead of written, so a sync to a host (rsync, `aws s3 sync`) sends only what changed. It
 * also keeps each country's fingerprint (fingerprints.ts): a country whose fingerprint did not change is not
 * rendered again, its own files are kept from the previous copy.
 */
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, linkSync, mkdirSync, readFileSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { InputError } from '../../domain/index.js';
import { compareIds, compareUnknownMessage, MAX_COMPARE } from '../../views/views.js';
import { createApp } from '../app.js';
import type { Store } from '../../store/types.js';
import { clientScript } from './clientScript.js';
import { countryFingerprints, countryOfUrl, isCountryFile } from './fingerprints.js';
import { buildSearchIndex } from './searchIndex.js';
import {
  addToHead,
  addToMain,
  addToMainEnd,
  STATIC_COMPARE_ROOT,
  compareNoScript,
  notFoundPage,
  staticSearchPage,
  withBasePath,
} from './staticPages.js';
import { QUERY_DIR, fileFor, siteUrls, type SiteUrl } from './urls.js';

export const MANIFEST_FILE = '.tip-atlas-export.json';

/** The server's files for browsers and crawlers (siteFiles.ts); sitemap.xml only with a public address. */
const SITE_FILES = ['/favicon.svg', '/robots.txt', '/sitemap.xml'];

const STATIC_API_NOTE =
  '<p class="notice">This is a static copy of the site: every address below that needs no query is here as a file ' +
  '(pages, JSON twins, downloads, feeds), but <code>/search.json</code> and filters given as a query need the server. ' +
  'Search this copy on the <a href="/search">search page</a>.</p>';

const SCRIPT = '<script src="/assets/export.js" defer></script>\n';

export interface ExportOptions {
  /** A subfolder the site is served from, e.g. '/tip-atlas' ('' for the root). */
  basePath?: string;
  /** The site's public address without the subfolder (https://example.org), for feeds, citations and the sitemap. */
  baseUrl?: string;
  /** Comparisons to export (ids or names); default: urls.DEFAULT_COMPARE. */
  compare?: string[][];
  /** Only these countries' own addresses (see SiteUrlOptions.countries). */
  countries?: readonly string[];
  /** Clock for "accessed" dates in citations. */
  now?: () => Date;
  /** Told after each address (done of total); `phase` names what is being done. */
  onProgress?: (p: { done: number; total: number; phase: string }) => void;
  /** Where the app writes its database snapshot (a private folder is made in it). */
  snapshotDir?: string;
  /** Render every address, even a country's whose fingerprint is the previous export's (see fingerprints.ts). */
  full?: boolean;
}

export interface ExportSummary {
  /** Files in the copy. */
  files: number;
  /** Written because new or changed. */
  written: number;
  /** Kept from the previous copy: same content. */
  unchanged: number;
  /** In the previous copy and no longer. */
  removed: number;
  bytes: number;
  /** HTML pages among the files. */
  pages: number;
  /** Records in the search index. */
  searchRecords: number;
  /** Addresses answered by the app in this run (those of countries kept are not). */
  rendered: number;
  /** Countries whose files were kept from the previous export without rendering (same fingerprint). */
  keptCountries: string[];
  seconds: number;
  /** Addresses of the site's list the app did not answer with 200 (nothing is written for them). */
  failed: { url: string; status: number }[];
  /** Addresses with a query that a page links to and the app answers with an error (on the server too). */
  linkedErrors: { url: string; status: number }[];
  /** Whether a sitemap was written (it needs the site's absolute address). */
  sitemap: boolean;
}

interface Manifest {
  version: 1;
  files: Record<string, string>;
  /** Per country: its fingerprint, and the addresses with a query its own pages link to (exported beside them). */
  countries?: Record<string, { fingerprint: string; links: string[] }>;
}

/** `/tip-atlas/` → `/tip-atlas`; '' stays ''. Throws a message for anything but a plain path. */
export function normaliseBasePath(value: string): string {
  const v = value.trim().replace(/\/+$/, '');
  if (v === '') return '';
  if (!/^\/[A-Za-z0-9._~\-/]*$/.test(v) || v.includes('//') || v.split('/').includes('..')) {
    throw new Error(`the base path must be a folder such as /tip-atlas, not "${value}"`);
  }
  return v;
}

function readManifest(dir: string): Manifest | undefined {
  try {
    const m = JSON.parse(readFileSync(path.join(dir, MANIFEST_FILE), 'utf8')) as Manifest;
    return m.version === 1 && typeof m.files === 'object' ? m : undefined;
  } catch {
    return undefined;
  }
}

const sha256 = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

/** Same-site addresses with a query that a page links to (`/?year=2012`, `/compare?c=TJK`), entities decoded. */
export function linkedQueries(page: string): string[] {
  const out: string[] = [];
  for (const m of page.matchAll(/\s(?:href|action)="(\/[^"/][^"]*|\/)"/g)) {
    const url = m[1]!.replace(/&amp;/g, '&').replace(/&#39;/g, "'").replace(/&quot;/g, '"').split('#')[0]!;
    if (url.includes('?') && !url.startsWith('/search')) out.push(url);
  }
  return out;
}

/**
 * Writes one file of the export into `tmp`: a file whose content hash is the previous export's is hard-linked
 * (or copied) from it rather than written again. Records the hash in `files` and counts it in `summary`.
 */
function fileWriter(tmp: string, target: string, previous: Manifest | undefined, files: Record<string, string>, summary: ExportSummary) {
  const folders = new Set<string>();
  const place = (rel: string, hash: string, size: number, write: (out: string) => void) => {
    const out = path.join(tmp, rel);
    const folder = path.dirname(out);
    if (!folders.has(folder)) {
      mkdirSync(folder, { recursive: true });
      folders.add(folder);
    }
    const old = path.join(target, rel);
    if (previous?.files[rel] === hash && existsSync(old)) {
      try {
        linkSync(old, out);
      } catch {
        copyFileSync(old, out);
      }
      summary.unchanged++;
    } else {
      write(out);
      summary.written++;
    }
    files[rel] = hash;
    summary.files++;
    summary.bytes += size;
    if (rel.endsWith('.html')) summary.pages++;
  };
  return {
    put: (rel: string, content: Uint8Array | string): void => {
      const bytes = typeof content === 'string' ? Buffer.from(content) : content;
      place(rel, sha256(bytes), bytes.length, (out) => writeFileSync(out, bytes));
    },
    /** A file of the previous copy kept as it is (its country was not rendered again). */
    keep: (rel: string): void => {
      const old = path.join(target, rel);
      place(rel, previous!.files[rel]!, statSync(old).size, (out) => copyFileSync(old, out));
    },
  };
}

/**
 * Each country's fingerprint under this export's options, and those whose fingerprint is the previous export's:
 * their own files are kept, not rendered (unless `full`).
 */
function countryPlan(store: Store, previous: Manifest | undefined, opts: ExportOptions & { siteUrl: string | undefined }) {
  const today = (opts.now ?? (() => new Date()))().toISOString().slice(0, 10); // citations' "accessed" date
  const options = { basePath: opts.basePath, siteUrl: opts.siteUrl, compare: opts.compare ?? null, countries: opts.countries ?? null, today };
  const kept = new Set<string>();
  const countries: NonNullable<Manifest['countries']> = {};
  for (const [id, fingerprint] of countryFingerprints(store, options)) {
    const before = opts.full ? undefined : previous?.countries?.[id];
    if (before?.fingerprint === fingerprint) kept.add(id);
    countries[id] = { fingerprint, links: before?.fingerprint === fingerprint ? before.links : [] };
  }
  return { kept, countries };
}

/** The new copy takes `target`'s place (two renames); the old one is removed after. */
function swapIn(tmp: string, target: string): void {
  const old = path.join(path.dirname(target), `.${path.basename(target)}.old-${process.pid}`);
  if (existsSync(target)) renameSync(target, old);
  renameSync(tmp, target);
  rmSync(old, { recursive: true, force: true });
}

/** Refuses a comparison of unknown countries or too many, before anything is written. */
function checkCompares(store: Store, compare: readonly string[][]): void {
  for (const list of compare) {
    const { countries, unknown } = compareIds(store, list);
    if (unknown.length) throw new InputError(`--compare ${list.join(',')}: ${compareUnknownMessage(unknown)}`);
    if (countries.length > MAX_COMPARE) throw new InputError(`--compare ${list.join(',')}: up to ${MAX_COMPARE} countries, not ${countries.length}`);
  }
}

export async function exportSite(store: Store, dir: string, opts: ExportOptions = {}): Promise<ExportSummary> {
  const started = performance.now();
  const basePath = normaliseBasePath(opts.basePath ?? '');
  const siteUrl = opts.baseUrl ? opts.baseUrl.replace(/\/+$/, '') + basePath : undefined;
  const target = path.resolve(dir);
  const parent = path.dirname(target);
  mkdirSync(parent, { recursive: true });
  checkCompares(store, opts.compare ?? []);
  const previous = existsSync(target) ? readManifest(target) : undefined;
  if (existsSync(target) && !previous && readdirSync(target).length > 0) {
    throw new InputError(`${target} is not empty and holds no earlier export (no ${MANIFEST_FILE}): choose an empty or new folder`);
  }
  const tmp = path.join(parent, `.${path.basename(target)}.export-${process.pid}`);
  rmSync(tmp, { recursive: true, force: true });
  mkdirSync(tmp, { recursive: true });

  const app = createApp(store, { ...(siteUrl ? { publicUrl: siteUrl } : {}), ...(opts.now ? { now: opts.now } : {}), ...(opts.snapshotDir ? { snapshotDir: opts.snapshotDir } : {}) });
  const summary: ExportSummary = { files: 0, written: 0, unchanged: 0, removed: 0, bytes: 0, pages: 0, searchRecords: 0, rendered: 0, keptCountries: [], seconds: 0, failed: [], linkedErrors: [], sitemap: false };
  const files: Record<string, string> = {};
  const { put, keep } = fileWriter(tmp, target, previous, files, summary);
  const { kept, countries } = countryPlan(store, previous, { ...opts, basePath, siteUrl });

  try {
    const urls: SiteUrl[] = siteUrls(store, { ...(opts.compare ? { compare: opts.compare } : {}), ...(opts.countries ? { countries: opts.countries } : {}) });
    const variants = new Set<string>(); // pages written, among them those with a query
    const exportedCompares = urls.filter((u) => u.url.startsWith('/compare?c=')).map((u) => ({ url: u.url, label: u.url.slice('/compare?c='.length).split(',').join(', ') }));
    const seen = new Set(urls.map((u) => u.url));
    let total = urls.length;
    let done = 0;

    const discover = (links: string[]) => {
      for (const q of links) {
        if (!seen.has(q)) {
          seen.add(q);
          queue.push({ url: q, kind: 'page' });
          total++;
        }
      }
    };
    const fetchOne = async (u: SiteUrl, variant: boolean, listed: boolean) => {
      const rel = fileFor(u.url);
      if (!rel) return;
      const res = await app.request(u.url);
      summary.rendered++;
      done++;
      opts.onProgress?.({ done, total, phase: 'pages' });
      if (res.status !== 200) {
        (listed ? summary.failed : summary.linkedErrors).push({ url: u.url, status: res.status });
        await res.body?.cancel();
        return;
      }
      const type = res.headers.get('Content-Type') ?? '';
      if (type.startsWith('text/html')) {
        let text = await res.text();
        if (variant) text = addToHead(text, '<meta name="tip-atlas-variant" content="1">\n');
        // One level of linked pages with a query; of a page with a query, its JSON twin and other files.
        const linked = linkedQueries(text).filter((q) => !variant || /^\/[^?]*\.[a-z]+\?/.test(q));
        const country = listed ? countryOfUrl(u.url) : undefined;
        if (country && countries[country]) countries[country].links.push(...linked);
        discover(linked);
        text = addToHead(text, SCRIPT);
        if (rel === 'compare/index.html' || rel.startsWith(`${QUERY_DIR}/compare/`)) text = addToMainEnd(addToMain(text, compareNoScript(exportedCompares)), STATIC_COMPARE_ROOT);
        if (rel === 'api/index.html') text = addToMain(text, STATIC_API_NOTE);
        put(rel, withBasePath(text, basePath));
        variants.add(u.url);
      } else if (type.startsWith('application/atom+xml') && !siteUrl) {
        put(rel, withBasePath(await res.text(), basePath));
      } else {
        put(rel, new Uint8Array(await res.arrayBuffer()));
      }
    };
    const queue: SiteUrl[] = [];
    for (const u of urls) {
      if (kept.has(countryOfUrl(u.url) ?? '')) done++;
      else await fetchOne(u, u.url.includes('?'), true);
    }
    // Countries not rendered again: their files as they were, and the addresses with a query their pages link to.
    for (const id of kept) {
      for (const rel of Object.keys(previous!.files)) if (isCountryFile(rel, id)) keep(rel);
      discover(countries[id]!.links);
    }
    summary.keptCountries = [...kept];
    // The favicon, robots.txt and (with a public address) sitemap.xml, as the server answers them.
    for (const url of SITE_FILES) {
      const res = await app.request(url);
      if (res.status === 200) put(fileFor(url)!, new Uint8Array(await res.arrayBuffer()));
      else await res.body?.cancel();
    }
    // One level of linked addresses with a query (the map of a year, a region's countries, a comparison).
    for (let i = 0; i < queue.length; i++) await fetchOne(queue[i]!, true, false);

    put('assets/export.js', clientScript({ basePath, variants: [...variants].filter((u) => u.includes('?')).sort(), variantFile: fileFor }));

    // Search without a server.
    opts.onProgress?.({ done, total, phase: 'search index' });
    const index = await buildSearchIndex(store, basePath);
    summary.searchRecords = index.records;
    for (const f of index.files) put(`pagefind/${f.path}`, f.content);
    put(
      'search/index.html',
      withBasePath(addToHead(staticSearchPage(), '<link rel="stylesheet" href="/pagefind/pagefind-ui.css">\n<script src="/pagefind/pagefind-ui.js" defer></script>\n' + SCRIPT), basePath),
    );
    put('404.html', withBasePath(notFoundPage(), basePath));
    summary.sitemap = 'sitemap.xml' in files;

    writeFileSync(path.join(tmp, MANIFEST_FILE), JSON.stringify({ version: 1, files, countries } satisfies Manifest));
    summary.removed = previous ? Object.keys(previous.files).filter((f) => !(f in files)).length : 0;

    swapIn(tmp, target);
  } catch (e) {
    rmSync(tmp, { recursive: true, force: true });
    throw e;
  }
  summary.seconds = (performance.now() - started) / 1000;
  return summary;
}
