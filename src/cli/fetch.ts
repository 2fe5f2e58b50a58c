import { isAbsolute, join } from 'node:path';
import { COUNTRIES, getCountryById } from '../countries/index.js';
import type { Country } from '../domain/index.js';
import { isPlausibleReportYear, UnknownCountryError } from '../domain/index.js';
import type { FetchEvent } from '../ingest/fetch.js';
import { DEFAULT_BASE_URL, fetchYear } from '../ingest/fetch.js';
import { formatBytes } from '../ingest/index.js';
import type { CliIO } from './io.js';
import { CliError, usageError } from './io.js';
import type { ParsedFlags } from './flags.js';
import { yearFlag } from './flags.js';
import { importSources, lookupFor, sizeFlag, storeFor } from './parseImport.js';

/** The countries to fetch: all known ones (the registry, or the injected list), or those named by --country. */
function countriesToFetch(flags: ParsedFlags, io: CliIO): Country[] {
  const all: readonly Country[] = io.countries?.length ? io.countries : COUNTRIES;
  const raw = flags.values.country as unknown as string[] | string | undefined;
  const names = (Array.isArray(raw) ? raw : raw ? [raw] : []).flatMap((v) => v.split(',')).map((v) => v.trim()).filter(Boolean);
  if (names.length === 0) return [...all];
  const lookup = lookupFor(io);
  const out: Country[] = [];
  for (const n of names) {
    const c = all.find((x) => x.id === n.toUpperCase()) ?? getCountryById(n) ?? lookup.find(n);
    if (!c) throw new UnknownCountryError(n, lookup.suggest(n));
    if (!out.includes(c)) out.push(c);
  }
  return out;
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

/** Lines (or, on a terminal, a progress line on stderr) about each page. */
function fetchReporter(io: CliIO): (e: FetchEvent) => void {
  let total = 0;
  let seen = 0;
  return (e) => {
    if (e.type === 'start') {
      total = e.total;
      return;
    }
    if (e.type === 'retry') {
      const line = `retrying ${e.url} in ${(e.waitMs / 1000).toFixed(1)} s (attempt ${e.attempt + 1}): ${e.reason}`;
      if (io.isTTY) io.stderr(`\r\x1b[K${line}`);
      else io.stderr(`${line}\n`);
      return;
    }
    seen++;
    if (e.type === 'failed') {
      if (io.isTTY) io.stderr('\r\x1b[K');
      io.stderr(`tip-atlas: ${e.url}: ${e.reason}\n`);
      return;
    }
    const what =
      e.status === 'cached' ? `cached (${formatBytes(e.bytes ?? 0)})`
      : e.status === 'downloaded' ? `downloaded (${formatBytes(e.bytes ?? 0)})`
      : `not in this report (HTTP ${e.httpStatus ?? 404})`;
    if (io.isTTY) io.stderr(`\r\x1b[K[${seen}/${total}] ${e.country.name}: ${what}`);
    else io.stdout(`${e.url}: ${what}\n`);
    if (io.isTTY && seen === total) io.stderr('\r\x1b[K');
  };
}

export async function runFetch(flags: ParsedFlags, io: CliIO): Promise<number> {
  const year = yearFlag(flags.values.year);
  if (year === undefined) throw usageError('fetch needs --year N (the report year, e.g. --year 2024)');
  if (!isPlausibleReportYear(year)) throw new CliError(`report year ${year} is outside 2001–2030`, 1);
  const countries = countriesToFetch(flags, io);
  const baseUrl = baseUrlFlag(flags.values['base-url']);
  const delayMs = delayFlag(flags.values['delay-ms']);
  const maxBytes = sizeFlag(flags.values['max-size']);
  const cacheArg = flags.values.cache as string | undefined;
  const cacheDir = cacheArg ? (isAbsolute(cacheArg) ? cacheArg : join(io.cwd, cacheArg)) : join(io.cwd, '.cache', 'fetch', String(year));

  const fetched = await fetchYear({ year, countries, baseUrl, cacheDir, delayMs, onEvent: fetchReporter(io) });
  io.stdout(
    `fetched ${fetched.downloaded} page(s), ${fetched.cached} from the cache ${cacheDir}` +
      (fetched.missing.length ? `, ${fetched.missing.length} not in the ${year} report (HTTP 404)` : '') +
      (fetched.failed.length ? `, ${fetched.failed.length} failed (see above)` : '') +
      '\n',
  );
  if (fetched.pages.length === 0) {
    io.stdout('nothing to import\n');
    return fetched.failed.length ? 1 : 0;
  }
  if (flags.values['dry-run']) {
    const { code } = await importSources(fetched.pages, { io, year, maxBytes, quietDocs: true, dryRun: true });
    return fetched.failed.length ? 1 : code;
  }
  const store = storeFor(flags, io);
  try {
    const { code } = await importSources(fetched.pages, { io, store, year, maxBytes, quietDocs: false });
    return fetched.failed.length ? 1 : code;
  } finally {
    store.close();
  }
}
