import { mkdir, readFile, rename, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Country } from '../domain/index.js';
import { InputError } from '../domain/index.js';
import type { SourceFile } from './sources.js';

/**
 * Downloads a report year's country pages from the publisher, politely: one request at a time, at most one per
 * `delayMs` (default 1 s), a User-Agent that says who is asking, retries with backoff on 429 and 5xx (honouring
 * Retry-After), and a cache folder so an interrupted fetch resumes without downloading anything twice.
 */

export const DEFAULT_BASE_URL = 'https://www.state.gov';
export const USER_AGENT = 'tip-atlas/0.1 (+research; contact in README)';

/** The publisher's URL of a country page: `<base>/reports/<year>-trafficking-in-persons-report/<slug>/`. */
export function countryPageUrl(baseUrl: string, year: number, slug: string): string {
  return `${baseUrl.replace(/\/+$/, '')}/reports/${year}-trafficking-in-persons-report/${slug}/`;
}

export type FetchEvent =
  | { type: 'start'; total: number }
  | { type: 'page'; index: number; country: Country; url: string; status: 'cached' | 'downloaded' | 'missing'; bytes?: number; httpStatus?: number }
  | { type: 'retry'; country: Country; url: string; attempt: number; waitMs: number; reason: string }
  | { type: 'failed'; index: number; country: Country; url: string; reason: string };

export interface FetchOptions {
  year: number;
  /** The countries whose pages to fetch (their `slug` makes the URL). */
  countries: readonly Country[];
  baseUrl?: string;
  /** Where pages are kept (default `.cache/fetch/<year>/`, relative to `cwd`). */
  cacheDir?: string;
  cwd?: string;
  /** Minimum time between the starts of two requests (default 1000 ms). */
  delayMs?: number;
  /** Attempts per page on 429, 5xx and dropped connections (default 4). */
  attempts?: number;
  /** Per-request timeout (default 30 s). */
  timeoutMs?: number;
  /** Longest wait a Retry-After may ask for (default 120 s). */
  maxRetryAfterMs?: number;
  fetchImpl?: typeof fetch;
  sleep?: (ms: number) => Promise<void>;
  now?: () => number;
  onEvent?: (e: FetchEvent) => void;
}

export interface FetchResult {
  /** Pages on disk (downloaded now or earlier), ready to import; `origin` is the page URL. */
  pages: SourceFile[];
  downloaded: number;
  cached: number;
  /** Pages the publisher does not have (404/410): the country is not in that year's report, or its slug differs. */
  missing: { country: Country; url: string; status: number }[];
  failed: { country: Country; url: string; reason: string }[];
}

/** No connection to the publisher at all: nothing more can be fetched. */
export class OfflineError extends InputError {
  override name = 'OfflineError';
}

const OFFLINE_CODES = new Set(['ENOTFOUND', 'EAI_AGAIN', 'ECONNREFUSED', 'ENETUNREACH', 'EHOSTUNREACH', 'ENETDOWN']);

function errorCode(e: unknown): string | undefined {
  let cur: unknown = e;
  for (let i = 0; i < 4 && cur; i++) {
    const code = (cur as { code?: unknown }).code;
    if (typeof code === 'string') return code;
    cur = (cur as { cause?: unknown }).cause;
  }
  return undefined;
}

function describeError(e: unknown): string {
  const code = errorCode(e);
  const name = (e as Error)?.name;
  if (name === 'TimeoutError' || code === 'ETIMEDOUT' || code === 'UND_ERR_CONNECT_TIMEOUT') return 'timed out';
  const msg = (e as Error)?.message ?? String(e);
  return code ? `${msg} (${code})` : msg;
}

/** Retry-After as milliseconds: seconds, or an HTTP date. */
export function retryAfterMs(value: string | null, now: number): number | undefined {
  if (!value) return undefined;
  const v = value.trim();
  if (/^\d+$/.test(v)) return Number(v) * 1000;
  const t = Date.parse(v);
  return Number.isNaN(t) ? undefined : Math.max(0, t - now);
}

async function exists(path: string): Promise<boolean> {
  try {
    const st = await stat(path);
    return st.isFile() && st.size > 0;
  } catch {
    return false;
  }
}

/**
 * Fetches the pages (or finds them in the cache). Throws OfflineError when the publisher cannot be reached at all
 * (DNS failure, connection refused): what was downloaded stays in the cache for the next run.
 */
export async function fetchYear(opts: FetchOptions): Promise<FetchResult> {
  const base = opts.baseUrl ?? DEFAULT_BASE_URL;
  const cacheDir = opts.cacheDir ?? join(opts.cwd ?? process.cwd(), '.cache', 'fetch', String(opts.year));
  const delayMs = opts.delayMs ?? 1000;
  const attempts = Math.max(1, opts.attempts ?? 4);
  const timeoutMs = opts.timeoutMs ?? 30_000;
  const maxRetryAfter = opts.maxRetryAfterMs ?? 120_000;
  const doFetch = opts.fetchImpl ?? fetch;
  const sleep = opts.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  const now = opts.now ?? Date.now;
  const emit = opts.onEvent ?? (() => {});
  await mkdir(cacheDir, { recursive: true });

  const result: FetchResult = { pages: [], downloaded: 0, cached: 0, missing: [], failed: [] };
  let lastStart = -Infinity;
  emit({ type: 'start', total: opts.countries.length });

  for (const [index, country] of opts.countries.entries()) {
    const url = countryPageUrl(base, opts.year, country.slug);
    const file = join(cacheDir, `${country.slug}.html`);
    const missingMarker = join(cacheDir, `${country.slug}.missing`);
    if (await exists(file)) {
      const size = (await stat(file)).size;
      result.pages.push({ path: file, origin: url, size });
      result.cached++;
      emit({ type: 'page', index, country, url, status: 'cached', bytes: size });
      continue;
    }
    if (await exists(missingMarker)) {
      const status = Number((await readFile(missingMarker, 'utf8')).split(/\s/)[0]) || 404;
      result.missing.push({ country, url, status });
      emit({ type: 'page', index, country, url, status: 'missing', httpStatus: status });
      continue;
    }

    let lastReason = '';
    let done = false;
    for (let attempt = 1; attempt <= attempts && !done; attempt++) {
      const wait = lastStart + delayMs - now();
      if (wait > 0) await sleep(wait);
      lastStart = now();
      let retryWait: number | undefined;
      try {
        const res = await doFetch(url, {
          headers: { 'user-agent': USER_AGENT, accept: 'text/html,application/xhtml+xml;q=0.9,*/*;q=0.5' },
          redirect: 'follow',
          signal: AbortSignal.timeout(timeoutMs),
        });
        if (res.status === 404 || res.status === 410) {
          await res.body?.cancel();
          await writeFile(missingMarker, `${res.status} ${new Date(now()).toISOString()} ${url}\n`);
          result.missing.push({ country, url, status: res.status });
          emit({ type: 'page', index, country, url, status: 'missing', httpStatus: res.status });
          done = true;
          break;
        }
        if (res.status === 429 || res.status >= 500) {
          await res.body?.cancel();
          lastReason = `HTTP ${res.status}${res.statusText ? ` ${res.statusText}` : ''}`;
          const ra = retryAfterMs(res.headers.get('retry-after'), now());
          retryWait = ra === undefined ? undefined : Math.min(ra, maxRetryAfter);
        } else if (!res.ok) {
          await res.body?.cancel();
          lastReason = `HTTP ${res.status}${res.statusText ? ` ${res.statusText}` : ''}`;
          break; // 403 and the like: asking again will not help
        } else {
          // The whole body, or an error if the connection drops midway; only then is the page written.
          const body = new Uint8Array(await res.arrayBuffer());
          const declared = Number(res.headers.get('content-length'));
          if (Number.isFinite(declared) && declared > 0 && !res.headers.get('content-encoding') && body.length < declared) {
            throw new Error(`the connection closed after ${body.length} of ${declared} bytes`);
          }
          if (body.length === 0) throw new Error('the server sent an empty page');
          const tmp = `${file}.part`;
          await writeFile(tmp, body);
          await rename(tmp, file);
          result.pages.push({ path: file, origin: url, size: body.length });
          result.downloaded++;
          emit({ type: 'page', index, country, url, status: 'downloaded', bytes: body.length, httpStatus: res.status });
          done = true;
          break;
        }
      } catch (e) {
        const code = errorCode(e);
        if (code && OFFLINE_CODES.has(code)) {
          const host = (() => {
            try {
              return new URL(base).host;
            } catch {
              return base;
            }
          })();
          throw new OfflineError(
            `cannot reach ${host} (${code}): are you offline? ${result.downloaded + result.cached} page(s) are in the cache ${cacheDir}; run the same command again to resume`,
          );
        }
        lastReason = describeError(e);
      }
      if (attempt < attempts) {
        const backoff = Math.max(delayMs, 250) * 2 ** (attempt - 1);
        const waitMs = retryWait ?? backoff;
        emit({ type: 'retry', country, url, attempt, waitMs, reason: lastReason });
        await sleep(waitMs);
      }
    }
    if (!done) {
      result.failed.push({ country, url, reason: lastReason || 'failed' });
      emit({ type: 'failed', index, country, url, reason: lastReason || 'failed' });
    }
  }
  return result;
}
