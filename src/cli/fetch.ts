import { isAbsolute, join } from 'node:path';
import { COUNTRIES, getCountryById } from '../countries/index.js';
import type { Country } from '../domain/index.js';
import { isPlausibleReportYear, UnknownCountryError } from '../domain/index.js';
import type { FetchEvent, FetchResult } from '../ingest/fetch/index.js';
import { DEFAULT_BASE_URL, fetchYear, findLatestYear, PoliteClient } from '../ingest/fetch/index.js';
import { formatBytes } from '../ingest/index.js';
import type { CliIO } from './io.js';
import { CliError, usageError } from './io.js';
import type { ParsedFlags } from './flags.js';
import { yearFlag } from './flags.js';
import { importSources, lookupFor, sizeFlag, storeFor } from './parseImport.js';

/** The countries to fetch: all known ones (the registry, or the injected list), or those named by --country. */
function countriesToFetch(flags: ParsedFlags, io: CliIO): { countries: Country[]; chosen: boolean } {
  const all: readonly Country[] = io.countries?.length ? io.countries : COUNTRIES;
  const raw = flags.values.country as unknown as string[] | string | undefined;
  const names = (Array.isArray(raw) ? raw : raw ? [raw] : []).flatMap((v) => v.split(',')).map((v) => v.trim()).filter(Boolean);
  if (names.length === 0) return { countries: [...all], chosen: false };
  const lookup = lookupFor(io);
  const out: Country[] = [];
  for (const n of names) {
    const c = all.find((x) => x.id === n.toUpperCase()) ?? getCountryById(n) ?? lookup.find(n);
    if (!c) throw new UnknownCountryError(n, lookup.suggest(n));
    if (!out.includes(c)) out.push(c);
  }
  return { countries: out, chosen: true };
}

function delayFlag(v: string | boolean | undefined): number {
  if (v === undefined) return 1000;
  if (typeof v !== 'string' || !/^\d{1,7}$/.test(v)) throw usageError(`--delay-ms must be a number of milliseconds, not "${String(v)}"`);
  return Number(v);
}

function baseUrlFlag(v: string | boolean | undefined): string {
  if (v === undefined) return DEFAULT_BASE_URL;
  try {
    const u = new URL(String(v));
    if (u.protocol !== 'http:' && u.protocol !== 'https:') throw new Error('not http');
    return u.href.replace(/\/+$/, '');
  } catch {
    throw usageError(`--base-url must be an http(s) URL, not "${String(v)}"`);
  }
}

function checkYear(y: number, what: string): number {
  if (!isPlausibleReportYear(y)) throw new CliError(`${what} ${y} is outside 2001–2030`, 1);
  return y;
}

const STATUS_WORDS: Record<string, string> = {
  cached: 'cached',
  downloaded: 'downloaded',
  'not-modified': 'not modified (HTTP 304, cache kept)',
  disallowed: 'skipped: disallowed by robots.txt',
};

/** Lines (or, on a terminal, a progress line on stderr) about each address. */
function fetchReporter(io: CliIO): (e: FetchEvent) => void {
  let total = 0;
  let seen = 0;
  const line = (s: string) => {
    if (io.isTTY) io.stderr('\r\x1b[K');
    io.stdout(s + '\n');
  };
  return (e) => {
    switch (e.type) {
      case 'year':
        line(`${e.year}: ${e.note}`);
        return;
      case 'note':
        line(e.message);
        return;
      case 'index':
        if (e.status === 'missing') line(`index ${e.url}: not found`);
        else if (e.status === 'failed') io.stderr(`tip-atlas: index ${e.url}: ${e.reason ?? 'failed'}\n`);
        else line(`index ${e.url}: ${STATUS_WORDS[e.status] ?? e.status}`);
        return;
      case 'discovered': {
        if (e.narrativePages) line(`found ${e.narrativePages} page(s) of country narratives on ${e.indexUrl} (several countries each, split on their headings)`);
        if (e.found || (e.indexUrl && !e.narrativePages)) line(`found ${e.found} of ${e.expected} expected countries${e.indexUrl ? ` linked from ${e.indexUrl}` : ''}`);
        if (e.notLinked.length) {
          const names = e.notLinked.map((c) => c.name);
          line(`not linked from the index (not in this report, or named otherwise): ${names.slice(0, 12).join(', ')}${names.length > 12 ? `, … ${names.length - 12} more` : ''}`);
        }
        if (e.unmapped.length) {
          const shown = e.unmapped.slice(0, 8).map((l) => `${l.url} "${l.text}"`);
          line(`links in the report not mapped to a country (${e.unmapped.length}): ${shown.join('; ')}${e.unmapped.length > 8 ? '; …' : ''}`);
        }
        return;
      }
      case 'start':
        total = e.total;
        seen = 0;
        return;
      case 'retry': {
        const l = `retrying ${e.url} in ${(e.waitMs / 1000).toFixed(1)} s (attempt ${e.attempt + 1}): ${e.reason}`;
        if (io.isTTY) io.stderr(`\r\x1b[K${l}`);
        else io.stderr(`${l}\n`);
        return;
      }
      case 'page': {
        seen++;
        if (e.status === 'failed') {
          if (io.isTTY) io.stderr('\r\x1b[K');
          io.stderr(`tip-atlas: ${e.url}: ${e.reason ?? 'failed'}\n`);
          return;
        }
        const what =
          e.status === 'missing' ? `not in this report (HTTP ${e.httpStatus ?? 404})`
          : e.status === 'cached' || e.status === 'downloaded' ? `${e.status} (${formatBytes(e.bytes ?? 0)})`
          : STATUS_WORDS[e.status] ?? e.status;
        if (io.isTTY) io.stderr(`\r\x1b[K[${seen}/${total}] ${e.country?.name ?? e.url}: ${what}`);
        else io.stdout(`${e.url}: ${what}\n`);
        if (io.isTTY && seen === total) io.stderr('\r\x1b[K');
      }
    }
  };
}

/** The run's summary for one year: downloaded, cached, not modified, not in the report, failed, disallowed. */
export function fetchSummary(r: FetchResult): string {
  const parts = [`${r.downloaded} downloaded`, `${r.cached} from the cache`, `${r.notModified} not modified`, `${r.missing.length} not in the report (HTTP 404)`, `${r.failed.length} failed`];
  if (r.disallowed.length) parts.push(`${r.disallowed.length} disallowed by robots.txt`);
  return `fetched ${r.year}: ${parts.join(', ')}`;
}

/** The years a command line asks for: --year N, --from A --to B, or --latest (found by asking the publisher). */
function yearsAsked(flags: ParsedFlags): { years?: number[]; latest: boolean } {
  const year = yearFlag(flags.values.year);
  const from = yearFlag(flags.values.from, '--from');
  const to = yearFlag(flags.values.to, '--to');
  const latest = flags.values.latest === true;
  const ways = [year !== undefined, from !== undefined || to !== undefined, latest].filter(Boolean).length;
  if (ways === 0) throw usageError('fetch needs --year N, --from A --to B, or --latest');
  if (ways > 1) throw usageError('give only one of --year, --from/--to and --latest');
  if (latest) return { latest: true };
  if (year !== undefined) return { years: [checkYear(year, 'report year')], latest: false };
  const a = checkYear(from ?? 2001, '--from');
  const b = checkYear(to ?? new Date().getUTCFullYear(), '--to');
  if (a > b) throw usageError(`--from ${a} is after --to ${b}`);
  return { years: Array.from({ length: b - a + 1 }, (_, i) => a + i), latest: false };
}

export async function runFetch(flags: ParsedFlags, io: CliIO): Promise<number> {
  const asked = yearsAsked(flags);
  const { countries, chosen } = countriesToFetch(flags, io);
  const baseUrl = baseUrlFlag(flags.values['base-url']);
  const delayMs = delayFlag(flags.values['delay-ms']);
  const maxBytes = sizeFlag(flags.values['max-size']);
  const cacheArg = flags.values.cache as string | undefined;
  const cacheDir = cacheArg ? (isAbsolute(cacheArg) ? cacheArg : join(io.cwd, cacheArg)) : join(io.cwd, '.cache', 'fetch');
  const onEvent = fetchReporter(io);
  // One client for the whole run: never more than one request at a time to the publisher, across years.
  const client = new PoliteClient({ delayMs, robotsDir: join(cacheDir, '.robots'), onRetry: (r) => onEvent({ type: 'retry', ...r }) });
  const common = { countries, chosen, lookup: lookupFor(io), baseUrl, cacheDir, client, onEvent, refresh: flags.values.refresh === true, preferPdf: flags.values.pdf === true };

  let years = asked.years;
  if (asked.latest) {
    const now = new Date().getUTCFullYear();
    const y = await findLatestYear({ ...common, fromYear: Math.min(now, 2030) });
    if (y === undefined) throw new CliError(`no report found on ${baseUrl} from ${now} down to 2017`, 1);
    io.stdout(`the latest report on ${baseUrl} is ${y}\n`);
    years = [y];
  }

  let failed = false;
  const totals = { downloaded: 0, cached: 0, notModified: 0, missing: 0, failed: 0, documents: 0 };
  // Opened when the first pages are there to import: an offline run leaves no database behind.
  let store: ReturnType<typeof storeFor> | undefined;
  const dryRun = flags.values['dry-run'] === true;
  try {
    for (const year of years!) {
      const r = await fetchYear({ ...common, year });
      io.stdout(fetchSummary(r) + '\n');
      totals.downloaded += r.downloaded;
      totals.cached += r.cached;
      totals.notModified += r.notModified;
      totals.missing += r.missing.length;
      totals.failed += r.failed.length;
      if (r.failed.length) failed = true;
      if (r.pages.length === 0) {
        io.stdout(`nothing to import for ${year}\n`);
        // Nothing found at all (not even a page the publisher says it does not have): the year was not fetched.
        if (r.missing.length === 0) failed = true;
        continue;
      }
      if (!dryRun) store ??= storeFor(flags, io);
      const { code, summary } = await importSources(r.pages, { io, year, maxBytes, quietDocs: dryRun, ...(store ? { store } : { dryRun: true }) });
      totals.documents += summary.imported + summary.unchanged + summary.parsed;
      if (code) failed = true;
    }
  } finally {
    store?.close();
  }
  if (years!.length > 1) {
    io.stdout(
      `all ${years!.length} years: ${totals.downloaded} downloaded, ${totals.cached} from the cache, ${totals.notModified} not modified, ${totals.missing} not in the report, ${totals.failed} failed; ${totals.documents} document(s) read\n`,
    );
  }
  return failed ? 1 : 0;
}
