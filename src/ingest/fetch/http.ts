import { readFileSync } from 'node:fs';
import { mkdir, readFile, stat, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { InputError } from '../../domain/index.js';
import type { Robots } from './robots.js';
import { parseRobots, robotsAllows } from './robots.js';

/** How long a robots.txt kept on disk is used before it is asked for again. */
const ROBOTS_MAX_AGE_MS = 24 * 60 * 60 * 1000;

async function readFresh(file: string, notBefore: number): Promise<string | undefined> {
  try {
    const st = await stat(file);
    return st.mtimeMs >= notBefore ? await readFile(file, 'utf8') : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The HTTP side of fetching, for one publisher: one request at a time, at most one per `delayMs` (or the
 * robots.txt Crawl-delay, if longer), retries with backoff on 429, 5xx and dropped connections (a Retry-After is
 * honoured, capped), conditional requests (If-None-Match / If-Modified-Since), robots.txt read once per host.
 */

function packageInfo(): { version: string; homepage?: string } {
  try {
    return JSON.parse(readFileSync(new URL('../../../package.json', import.meta.url), 'utf8')) as { version: string; homepage?: string };
  } catch {
    return { version: '0' };
  }
}

const PKG = packageInfo();

/** Where the User-Agent points a site operator: the project's homepage (package.json), else its README's "Contact". */
export const PROJECT_ADDRESS = PKG.homepage ?? 'tip-atlas README, section Contact';

/**
 * The User-Agent. The publisher answers 403 to a client whose User-Agent does not begin with `Mozilla/5.0`
 * (a public collector's code comment: "state.gov rechaza con 403 a quien no antepone «Mozilla/5.0»", which sends
 * `Mozilla/5.0 (compatible; <agent>)`: public-code:67169956584, see data/SOURCES.md). The `compatible`
 * form, long used by crawlers, satisfies that rule while saying who asks, without pretending to be a browser.
 */
export const USER_AGENT = `Mozilla/5.0 (compatible; tip-atlas/${PKG.version}; +${PROJECT_ADDRESS})`;
/** The product token robots.txt groups are matched against. */
export const ROBOTS_TOKEN = 'tip-atlas';

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
  if (code === 'UND_ERR_SOCKET' || code === 'ECONNRESET') return `the connection closed midway (${code})`;
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

export interface ClientOptions {
  /** Minimum time between the starts of two requests (default 1000 ms). */
  delayMs?: number;
  /** Attempts per address on 429, 5xx and dropped connections (default 4). */
  attempts?: number;
  timeoutMs?: number;
  maxRetryAfterMs?: number;
  fetchImpl?: typeof fetch;
  sleep?: (ms: number) => Promise<void>;
  now?: () => number;
  onRetry?: (e: { url: string; attempt: number; waitMs: number; reason: string }) => void;
  /** Where robots.txt files are kept between runs (reused for a day); absent: read once per run. */
  robotsDir?: string;
  /** Text of the cache folder, for the offline message. */
  cacheNote?: () => string;
}

export type GetResult =
  | { kind: 'ok'; status: number; body: Uint8Array; headers: Headers; url: string }
  | { kind: 'not-modified'; url: string; headers: Headers }
  | { kind: 'gone'; status: number; url: string }
  | { kind: 'failed'; reason: string; url: string }
  | { kind: 'disallowed'; url: string };

export interface Conditional {
  etag?: string;
  lastModified?: string;
}

export class PoliteClient {
  private lastStart = -Infinity;
  private readonly robots = new Map<string, Robots>();
  readonly delayMs: number;
  private readonly attempts: number;
  private readonly timeoutMs: number;
  private readonly maxRetryAfter: number;
  private readonly doFetch: typeof fetch;
  private readonly sleep: (ms: number) => Promise<void>;
  private readonly now: () => number;
  private busy = false;
  /** Requests sent (every attempt, robots.txt included). */
  requests = 0;

  constructor(private readonly opts: ClientOptions = {}) {
    this.delayMs = opts.delayMs ?? 1000;
    this.attempts = Math.max(1, opts.attempts ?? 4);
    this.timeoutMs = opts.timeoutMs ?? 30_000;
    this.maxRetryAfter = opts.maxRetryAfterMs ?? 120_000;
    this.doFetch = opts.fetchImpl ?? fetch;
    this.sleep = opts.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
    this.now = opts.now ?? Date.now;
  }

  /** The robots.txt of an origin, read once per run (a 4xx allows everything; a 5xx or failure allows nothing). */
  async robotsFor(origin: string): Promise<Robots> {
    const known = this.robots.get(origin);
    if (known) return known;
    const file = this.opts.robotsDir ? join(this.opts.robotsDir, `${new URL(origin).host.replace(/[^A-Za-z0-9.-]+/g, '_')}.txt`) : undefined;
    const kept = file ? await readFresh(file, this.now() - ROBOTS_MAX_AGE_MS) : undefined;
    if (kept !== undefined) {
      const robots = parseRobots(kept, ROBOTS_TOKEN);
      this.robots.set(origin, robots);
      return robots;
    }
    const r = await this.request(`${origin}/robots.txt`, {}, 'text/plain');
    let robots: Robots;
    let text: string | undefined;
    if (r.kind === 'ok') robots = parseRobots((text = new TextDecoder().decode(r.body)), ROBOTS_TOKEN);
    else if (r.kind === 'gone' || (r.kind === 'failed' && /^HTTP 4\d\d/.test(r.reason))) robots = parseRobots((text = ''), ROBOTS_TOKEN);
    else robots = { rules: [], disallowAll: true };
    if (file && text !== undefined) {
      await mkdir(dirname(file), { recursive: true });
      await writeFile(file, text);
    }
    this.robots.set(origin, robots);
    return robots;
  }

  /** GET an address (after robots.txt allows it), with a conditional request when validators are given. */
  async get(url: string, conditional: Conditional = {}, accept = 'text/html,application/xhtml+xml;q=0.9,*/*;q=0.5'): Promise<GetResult> {
    const u = new URL(url);
    const robots = await this.robotsFor(u.origin);
    if (!robotsAllows(robots, u.pathname + u.search)) return { kind: 'disallowed', url };
    return this.request(url, conditional, accept);
  }

  private async request(url: string, conditional: Conditional, accept: string): Promise<GetResult> {
    if (this.busy) throw new Error('PoliteClient: one request at a time');
    this.busy = true;
    try {
      return await this.requestOnce(url, conditional, accept);
    } finally {
      this.busy = false;
    }
  }

  private async requestOnce(url: string, conditional: Conditional, accept: string): Promise<GetResult> {
    let lastReason = '';
    for (let attempt = 1; attempt <= this.attempts; attempt++) {
      const robotsDelay = [...this.robots.values()].reduce((m, r) => Math.max(m, Math.min(r.crawlDelayMs ?? 0, 60_000)), 0);
      const wait = this.lastStart + Math.max(this.delayMs, robotsDelay) - this.now();
      if (wait > 0) await this.sleep(wait);
      this.lastStart = this.now();
      this.requests++;
      let retryWait: number | undefined;
      try {
        const headers: Record<string, string> = { 'user-agent': USER_AGENT, accept, 'accept-language': 'en' };
        if (conditional.etag) headers['if-none-match'] = conditional.etag;
        if (conditional.lastModified) headers['if-modified-since'] = conditional.lastModified;
        const res = await this.doFetch(url, { headers, redirect: 'follow', signal: AbortSignal.timeout(this.timeoutMs) });
        const finalUrl = res.url || url;
        if (res.status === 304) {
          await res.body?.cancel();
          return { kind: 'not-modified', url: finalUrl, headers: res.headers };
        }
        if (res.status === 404 || res.status === 410) {
          await res.body?.cancel();
          return { kind: 'gone', status: res.status, url: finalUrl };
        }
        const statusText = `HTTP ${res.status}${res.statusText ? ` ${res.statusText}` : ''}`;
        if (res.status === 429 || res.status >= 500) {
          await res.body?.cancel();
          lastReason = statusText;
          const ra = retryAfterMs(res.headers.get('retry-after'), this.now());
          retryWait = ra === undefined ? undefined : Math.min(ra, this.maxRetryAfter);
        } else if (!res.ok) {
          await res.body?.cancel();
          // 403 and the like: asking again will not help.
          const hint = res.status === 403 ? ' (refused: the publisher refuses some clients, see README "fetch")' : '';
          return { kind: 'failed', reason: statusText + hint, url: finalUrl };
        } else {
          // The whole body, or an error if the connection drops midway.
          const body = new Uint8Array(await res.arrayBuffer());
          const declared = Number(res.headers.get('content-length'));
          if (Number.isFinite(declared) && declared > 0 && !res.headers.get('content-encoding') && body.length < declared) {
            throw new Error(`the connection closed after ${body.length} of ${declared} bytes`);
          }
          if (body.length === 0) throw new Error('the server sent an empty page');
          return { kind: 'ok', status: res.status, body, headers: res.headers, url: finalUrl };
        }
      } catch (e) {
        const code = errorCode(e);
        if (code && OFFLINE_CODES.has(code)) {
          const host = new URL(url).host;
          throw new OfflineError(`cannot reach ${host} (${code}): are you offline? ${this.opts.cacheNote?.() ?? ''}run the same command again to resume`);
        }
        lastReason = describeError(e);
      }
      if (attempt < this.attempts) {
        const backoff = Math.max(this.delayMs, 250) * 2 ** (attempt - 1);
        const waitMs = retryWait ?? backoff;
        this.opts.onRetry?.({ url, attempt, waitMs, reason: lastReason });
        await this.sleep(waitMs);
      }
    }
    return { kind: 'failed', reason: lastReason || 'failed', url };
  }
}
