import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Country } from '../../domain/index.js';
import { existsInReportYear } from '../../domain/index.js';
import { PUBLISHER_YEARS } from '../../domain/publisherYears.js';
import type { CountryLookup } from '../headings.js';
import type { SourceFile } from '../sources.js';
import type { ManifestEntry } from './cache.js';
import { cachePathFor, Manifest, sha256Hex, writeWhole } from './cache.js';
import type { Discovered, Link } from './discover.js';
import { discover } from './discover.js';
import type { ClientOptions } from './http.js';
import { PoliteClient } from './http.js';
import type { YearPlan } from './publisher.js';
import { DEFAULT_BASE_URL, FIRST_WORDPRESS_YEAR, rebase, yearPlan } from './publisher.js';

export { OfflineError, PoliteClient, USER_AGENT, retryAfterMs } from './http.js';
export { DEFAULT_BASE_URL, rebase, yearPlan } from './publisher.js';
export { parseRobots, robotsAllows } from './robots.js';
export { extractLinks, discover } from './discover.js';
export { MANIFEST_FILE } from './cache.js';

/** What became of one address. */
export type PageStatus = 'downloaded' | 'cached' | 'not-modified' | 'missing' | 'failed' | 'disallowed';

export type FetchEvent =
  | { type: 'year'; year: number; note: string }
  | { type: 'index'; url: string; status: PageStatus; reason?: string }
  | { type: 'discovered'; indexUrl: string | null; found: number; expected: number; notLinked: Country[]; unmapped: Link[]; narrativePages: number }
  | { type: 'start'; total: number }
  | { type: 'page'; index: number; country?: Country; url: string; status: PageStatus; bytes?: number; httpStatus?: number; reason?: string }
  | { type: 'retry'; url: string; attempt: number; waitMs: number; reason: string }
  | { type: 'note'; message: string };

export interface FetchOptions {
  year: number;
  /** The countries asked for (default: every country the lookup's registry expects that year). */
  countries: readonly Country[];
  /** Whether `countries` is a choice (--country): then only those are fetched, and unlinked others are not listed. */
  chosen?: boolean;
  /** Names and aliases → countries, for the index's links. */
  lookup: CountryLookup;
  baseUrl?: string;
  /** The cache root; the year's pages go to `<cacheDir>/<year>/`. */
  cacheDir?: string;
  cwd?: string;
  /** Ask again for cached pages, conditionally (If-None-Match / If-Modified-Since; 304 keeps the cache). */
  refresh?: boolean;
  /** Prefer the full-report PDF (where one is found); pages otherwise. */
  preferPdf?: boolean;
  /** A client shared between years (one request at a time across the whole run). */
  client?: PoliteClient;
  clientOptions?: ClientOptions;
  onEvent?: (e: FetchEvent) => void;
}

export interface FetchResult {
  year: number;
  /** Documents on disk, ready to import; `origin` is the page's public address. */
  pages: SourceFile[];
  downloaded: number;
  cached: number;
  notModified: number;
  /** Addresses the publisher does not have (404/410): not in that year's report. */
  missing: { country?: Country; url: string; status: number }[];
  failed: { country?: Country; url: string; reason: string }[];
  disallowed: string[];
  /** The index page used, or null when none answered. */
  indexUrl: string | null;
  /** Countries expected that year but not linked from the index (not in the report, or named otherwise). */
  notLinked: Country[];
  unmapped: Link[];
}

export function yearCacheDir(opts: Pick<FetchOptions, 'cacheDir' | 'cwd'>, year: number): string {
  return join(opts.cacheDir ?? join(opts.cwd ?? process.cwd(), '.cache', 'fetch'), String(year));
}

function newClient(opts: FetchOptions, cacheNote: () => string): PoliteClient {
  return (
    opts.client ??
    new PoliteClient({
      ...opts.clientOptions,
      cacheNote,
      onRetry: (r) => {
        opts.clientOptions?.onRetry?.(r);
        opts.onEvent?.({ type: 'retry', ...r });
      },
    })
  );
}

interface Got {
  status: PageStatus;
  path?: string;
  size?: number;
  finalUrl: string;
  httpStatus?: number;
  reason?: string;
}

/** One address through the cache: a whole cached copy is used (or, with refresh, revalidated); else downloaded. */
async function through(client: PoliteClient, manifest: Manifest, url: string, kind: ManifestEntry['kind'], refresh: boolean, country?: Country): Promise<Got> {
  const known = manifest.get(url);
  const onDisk = await manifest.fileOf(known);
  if (!refresh && known && onDisk && known.status < 300) return { status: 'cached', ...onDisk, finalUrl: known.finalUrl ?? url };
  if (!refresh && known && (known.status === 404 || known.status === 410)) return { status: 'missing', finalUrl: url, httpStatus: known.status };
  const conditional = onDisk && known ? { ...(known.etag ? { etag: known.etag } : {}), ...(known.lastModified ? { lastModified: known.lastModified } : {}) } : {};
  const r = await client.get(url, conditional, kind === 'pdf' ? 'application/pdf,*/*;q=0.5' : undefined);
  const date = new Date().toISOString();
  const base = { url, kind, date, ...(country ? { country: country.id } : {}) };
  switch (r.kind) {
    case 'disallowed':
      return { status: 'disallowed', finalUrl: url, reason: 'disallowed by robots.txt' };
    case 'failed':
      return { status: 'failed', finalUrl: r.url, reason: r.reason };
    case 'gone':
      await manifest.set({ ...base, status: r.status, ...(r.url !== url ? { finalUrl: r.url } : {}) });
      return { status: 'missing', finalUrl: r.url, httpStatus: r.status };
    case 'not-modified':
      await manifest.set({ ...known!, date, status: 200 });
      return { status: 'not-modified', ...onDisk!, finalUrl: known!.finalUrl ?? url, httpStatus: 304 };
    case 'ok': {
      const file = known?.file ?? cachePathFor(r.url, kind);
      const path = await writeWhole(manifest.dir, file, r.body);
      const etag = r.headers.get('etag');
      const lastModified = r.headers.get('last-modified');
      await manifest.set({
        ...base,
        file,
        status: r.status,
        sha256: sha256Hex(r.body),
        ...(etag ? { etag } : {}),
        ...(lastModified ? { lastModified } : {}),
        ...(r.url !== url ? { finalUrl: r.url } : {}),
      });
      return { status: 'downloaded', path, size: r.body.length, finalUrl: r.url, httpStatus: r.status };
    }
  }
}

/** The countries a report of this year can assess (the registry's firstReportYear/lastReportYear). */
export function expectedCountries(countries: readonly Country[], year: number): Country[] {
  return countries.filter((c) => existsInReportYear(c, year));
}

/**
 * Fetches a report year: reads its index page, follows the links to the country pages (or, before 2014, to the
 * pages of narratives), and downloads what is not in the cache. Throws OfflineError when the publisher cannot be
 * reached at all: what was downloaded stays in the cache for the next run.
 */
export async function fetchYear(opts: FetchOptions): Promise<FetchResult> {
  const base = (opts.baseUrl ?? DEFAULT_BASE_URL).replace(/\/+$/, '');
  const dir = yearCacheDir(opts, opts.year);
  const manifest = await Manifest.load(dir);
  const result: FetchResult = {
    year: opts.year, pages: [], downloaded: 0, cached: 0, notModified: 0, missing: [], failed: [], disallowed: [],
    indexUrl: null, notLinked: [], unmapped: [],
  };
  const client = newClient(opts, () => `${result.downloaded + result.cached + result.notModified} page(s) of ${opts.year} are in the cache ${dir}; `);
  const emit = opts.onEvent ?? (() => {});
  const refresh = opts.refresh ?? false;
  const plan = yearPlan(opts.year);
  emit({ type: 'year', year: opts.year, note: plan.note });
  const count = (g: Got) => {
    if (g.status === 'downloaded') result.downloaded++;
    else if (g.status === 'cached') result.cached++;
    else if (g.status === 'not-modified') result.notModified++;
  };

  // 1. The index: the first of the year's landing/index addresses that answers.
  let landing: { url: string; html: string } | undefined;
  for (const real of plan.indexUrls) {
    const url = rebase(real, base);
    const g = await through(client, manifest, url, 'index', refresh);
    emit({ type: 'index', url, status: g.status, ...(g.reason ? { reason: g.reason } : {}) });
    if (g.status === 'disallowed') result.disallowed.push(url);
    if (g.path) {
      landing = { url: g.finalUrl, html: await readFile(g.path, 'utf8') };
      result.indexUrl = g.finalUrl;
      break;
    }
    if (g.status === 'failed') result.failed.push({ url, reason: g.reason ?? 'failed' });
  }

  // 2. Discovery: the landing page, then (one level down) the pages of narratives it links.
  const found: Discovered = { countries: [], narratives: [], pdfs: [], unmapped: [] };
  const documents: Link[] = [];
  if (landing) {
    const first = discover(landing.html, landing.url, plan, base, opts.lookup, opts.countries);
    merge(found, first);
    for (const link of first.narratives) {
      // Kept with the index pages until its links show what it is.
      const g = await through(client, manifest, link.url, 'index', refresh);
      if (!g.path) {
        record(result, g, link.url);
        continue;
      }
      const sub = discover(await readFile(g.path, 'utf8'), g.finalUrl, plan, base, opts.lookup, opts.countries);
      if (sub.countries.length) merge(found, sub);
      // No country links: a page of narratives itself (split on the country headings at import), kept with the pages.
      else {
        count(g);
        const path = await manifest.moveTo(link.url, cachePathFor(g.finalUrl, 'page'), 'page');
        documents.push({ url: g.finalUrl, text: link.text });
        result.pages.push({ path: path ?? g.path, origin: g.finalUrl, size: g.size ?? 0 });
      }
    }
  }

  // 3. The full report as a PDF, when asked for and found.
  if (opts.preferPdf) {
    const candidates = [...(plan.pdfUrl ? [rebase(plan.pdfUrl, base)] : []), ...found.pdfs.map((l) => l.url)];
    for (const url of candidates) {
      const g = await through(client, manifest, url, 'pdf', refresh);
      count(g);
      emit({ type: 'page', index: 0, url, status: g.status, ...(g.size ? { bytes: g.size } : {}), ...(g.reason ? { reason: g.reason } : {}) });
      if (g.path) {
        result.pages = [{ path: g.path, origin: g.finalUrl, size: g.size ?? 0 }];
        return result;
      }
      record(result, g, url);
    }
    emit({ type: 'note', message: `no full-report PDF of ${opts.year} found${candidates.length ? ' that answers' : ' (its address is known only for 2021, and the index links none)'}; fetching the pages instead` });
  }

  // 4. Which country pages to ask for: those linked (of the countries asked for), else the registry's slugs.
  const wanted = new Set(opts.countries.map((c) => c.id));
  const expected = expectedCountries(opts.countries, opts.year);
  let targets: { country: Country; url: string }[];
  if (found.countries.length) {
    targets = found.countries.filter((c) => wanted.has(c.country.id));
    const linked = new Set(found.countries.map((c) => c.country.id));
    result.notLinked = documents.length ? [] : expected.filter((c) => !linked.has(c.id));
  } else if (documents.length) {
    targets = [];
  } else if (plan.slugUrl && found.unmapped.length === 0) {
    // Only when the index says nothing about the report's pages: links it has that name no country are listed instead.
    emit({ type: 'note', message: landing ? `the ${opts.year} index links no page of the report; trying the registry's slugs` : `no index page of ${opts.year} answered; trying the registry's slugs` });
    targets = expected.map((country) => ({ country, url: rebase(plan.slugUrl!(country), base) }));
  } else {
    targets = [];
    const why = !landing ? ': no index page answered' : ` from its index (none of its ${found.unmapped.length} links names a known country)`;
    emit({ type: 'note', message: `no country pages of ${opts.year} found${why}${plan.slugUrl ? '' : ", and this era's pages have numbered addresses that cannot be guessed"}` });
  }
  result.unmapped = found.unmapped;
  emit({
    type: 'discovered',
    indexUrl: result.indexUrl,
    found: found.countries.length,
    expected: expected.length,
    notLinked: opts.chosen ? result.notLinked.filter((c) => wanted.has(c.id)) : result.notLinked,
    unmapped: found.unmapped,
    narrativePages: documents.length,
  });

  emit({ type: 'start', total: targets.length });
  for (const [index, { country, url }] of targets.entries()) {
    const g = await through(client, manifest, url, 'page', refresh, country);
    count(g);
    emit({ type: 'page', index, country, url, status: g.status, ...(g.size ? { bytes: g.size } : {}), ...(g.httpStatus ? { httpStatus: g.httpStatus } : {}), ...(g.reason ? { reason: g.reason } : {}) });
    if (g.path) result.pages.push({ path: g.path, origin: g.finalUrl, size: g.size ?? 0 });
    else record(result, g, url, country);
  }
  return result;
}

function merge(into: Discovered, from: Discovered): void {
  for (const c of from.countries) if (!into.countries.some((x) => x.country.id === c.country.id)) into.countries.push(c);
  for (const k of ['pdfs', 'unmapped'] as const) for (const l of from[k]) if (!into[k].some((x) => x.url === l.url)) into[k].push(l);
}

function record(result: FetchResult, g: Got, url: string, country?: Country): void {
  if (g.status === 'missing') result.missing.push({ ...(country ? { country } : {}), url, status: g.httpStatus ?? 404 });
  else if (g.status === 'failed') result.failed.push({ ...(country ? { country } : {}), url, reason: g.reason ?? 'failed' });
  else if (g.status === 'disallowed') result.disallowed.push(url);
}

/**
 * The newest report that exists: the landing pages of the years from `fromYear` (the current calendar year) down to
 * the first WordPress year are asked for, newest first, and the first that answers wins. The newest year in
 * data/publisher-years.csv is not assumed to be the latest.
 */
export async function findLatestYear(opts: Omit<FetchOptions, 'year'> & { fromYear: number }): Promise<number | undefined> {
  const base = (opts.baseUrl ?? DEFAULT_BASE_URL).replace(/\/+$/, '');
  const client = newClient({ ...opts, year: opts.fromYear }, () => '');
  for (let y = opts.fromYear; y >= FIRST_WORDPRESS_YEAR; y--) {
    const manifest = await Manifest.load(yearCacheDir(opts, y));
    const plan: YearPlan = yearPlan(y);
    for (const real of plan.indexUrls) {
      const url = rebase(real, base);
      // Always asked again (conditionally when cached): a newer report may have appeared since the last run.
      const g = await through(client, manifest, url, 'index', y > latestKnownYear());
      opts.onEvent?.({ type: 'index', url, status: g.status, ...(g.reason ? { reason: g.reason } : {}) });
      if (g.path) return y;
    }
  }
  return undefined;
}

export function latestKnownYear(): number {
  return Math.max(...PUBLISHER_YEARS.map((y) => y.reportYear));
}
