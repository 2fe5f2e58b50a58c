import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import type { Server } from 'node:http';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { COUNTRIES } from '../../src/countries/index.js';
import { USER_AGENT, fetchYear, retryAfterMs } from '../../src/ingest/fetch.js';
import { openSqliteStore } from '../../src/store/index.js';
import { FICTIONAL_COUNTRIES } from '../fixtures/countries.js';
import { tempDir } from '../helpers/cli.js';
import { runCliWith } from '../helpers/ingestCli.js';

/** Pages the local publisher serves: fictional countries only, written for these tests. */
const PAGE = (name: string, heading: string, body: string) =>
  `<!doctype html><html><head><title>${name} - United States Department of State</title></head><body>` +
  `<div class="usa-banner">An official website of the United States government</div><nav><a>Home</a></nav>` +
  `<main><h1>2024 Trafficking in Persons Report: ${name}</h1><p>${heading}</p><p>${body}</p>` +
  `<p>PRIORITIZED RECOMMENDATIONS:</p><ul><li>Fund the invented shelters.</li><li>Train the imaginary inspectors.</li></ul></main></body></html>`;
const EXAMPLIA = readFileSync(new URL('../fixtures/pages/examplia-2024-publisher.html', import.meta.url), 'utf8');
const PAGES: Record<string, string> = {
  examplia: EXAMPLIA,
  fictonia: PAGE('Fictonia', 'FICTONIA: Tier 2 Watch List', 'The Government of Fictonia does not fully meet the minimum standards for the elimination of trafficking but is making significant efforts to do so; therefore Fictonia remained on Tier 2 Watch List for the second consecutive year.'),
  quuxland: PAGE('Quuxland', 'QUUXLAND: Tier 3', 'The Government of Quuxland does not fully meet the minimum standards for the elimination of trafficking and is not making significant efforts to do so; therefore Quuxland remained on Tier 3.'),
  nowhereland: PAGE('Nowhereland', 'NOWHERELAND: Special Case', 'Nowhereland remains a Special Case for the ninth consecutive year.'),
  mirovia: PAGE('Mirovia', 'MIROVIA: Tier 1', 'The Government of Mirovia fully meets the minimum standards for the elimination of trafficking; therefore Mirovia remained on Tier 1.'),
};

interface Hit {
  path: string;
  at: number;
  ua: string | undefined;
}

let server: Server;
let base = '';
const hits: Hit[] = [];
/** How the server misbehaves, per slug: counts of failures left to give. */
const trouble = { fictonia429: 0, quuxland503: 0, nowhereDrop: true };

beforeAll(async () => {
  server = createServer((req, res) => {
    const path = req.url ?? '';
    hits.push({ path, at: Date.now(), ua: req.headers['user-agent'] });
    const m = /^\/reports\/2024-trafficking-in-persons-report\/([a-z-]+)\/$/.exec(path);
    const slug = m?.[1];
    if (!slug || !(slug in PAGES)) {
      res.writeHead(404, { 'content-type': 'text/html' }).end('<h1>Not found</h1>');
      return;
    }
    if (slug === 'fictonia' && trouble.fictonia429 > 0) {
      trouble.fictonia429--;
      res.writeHead(429, { 'retry-after': '0' }).end('slow down');
      return;
    }
    if (slug === 'quuxland' && trouble.quuxland503 > 0) {
      trouble.quuxland503--;
      res.writeHead(503).end('busy');
      return;
    }
    const body = Buffer.from(PAGES[slug]!, 'utf8');
    if (slug === 'nowhereland' && trouble.nowhereDrop) {
      // The connection dies midway through the page.
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'content-length': String(body.length) });
      res.write(body.subarray(0, 100));
      setTimeout(() => res.socket?.destroy(), 5);
      return;
    }
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'content-length': String(body.length) }).end(body);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

const tmp = tempDir();
afterAll(() => tmp.cleanup());

beforeEach(() => {
  hits.length = 0;
});

describe('tip-atlas fetch --year N (against a local publisher)', () => {
  const cache = join(tmp.dir, 'cache');
  const db = join(tmp.dir, 'fetch.db');
  const fetchCli = (extra: string[] = []) =>
    runCliWith(['fetch', '--year', '2024', '--base-url', base, '--cache', cache, '--delay-ms', '40', '--db', db, ...extra], { countries: FICTIONAL_COUNTRIES });

  it('downloads each page politely, retries 429/5xx, notes a 404, reports a page that dies midway, and imports the rest', async () => {
    trouble.fictonia429 = 1;
    trouble.quuxland503 = 2;
    trouble.nowhereDrop = true;
    const r = await fetchCli();
    expect(r.code).toBe(1);
    // Every request: the project's User-Agent, one at a time, at least --delay-ms apart, loopback only.
    expect(hits.every((h) => h.ua === USER_AGENT)).toBe(true);
    expect(USER_AGENT).toBe('tip-atlas/0.1 (+research; contact in README)');
    // Measured at the server: single gaps jitter with the machine's load, the whole span cannot shrink.
    expect(hits.at(-1)!.at - hits[0]!.at).toBeGreaterThanOrEqual((hits.length - 1) * 40 - 30);
    const count = (slug: string) => hits.filter((h) => h.path.endsWith(`/${slug}/`)).length;
    expect([count('examplia'), count('fictonia'), count('quuxland'), count('zanbar-islands'), count('nowhereland'), count('mirovia')]).toEqual([1, 2, 3, 1, 4, 1]);
    // One line for the page that failed; retries are announced as they happen.
    const failures = r.stderr.split('\n').filter((l) => l.startsWith('tip-atlas: '));
    expect(failures).toEqual([expect.stringMatching(new RegExp(`^tip-atlas: ${base}/reports/2024-trafficking-in-persons-report/nowhereland/: `))]);
    expect(r.stderr).toMatch(/retrying .*fictonia\/ in 0\.0 s \(attempt 2\): HTTP 429/);
    expect(r.stderr).toMatch(/retrying .*quuxland\/ in 0\.\d s \(attempt 2\): HTTP 503/);
    expect(r.stdout).toMatch(/zanbar-islands\/: not in this report \(HTTP 404\)/);
    expect(r.stdout).toMatch(/^fetched 4 page\(s\), 0 from the cache .*, 1 not in the 2024 report \(HTTP 404\), 1 failed \(see above\)$/m);
    expect(r.stdout).toMatch(/^4 document\(s\) imported, 0 unchanged, 4 narrative\(s\)/m);
    // The cache holds complete pages only.
    expect(readdirSync(cache).sort()).toEqual(['examplia.html', 'fictonia.html', 'mirovia.html', 'quuxland.html', 'zanbar-islands.missing']);
    const store = openSqliteStore(db, { countries: [...COUNTRIES, ...FICTIONAL_COUNTRIES] });
    try {
      expect(store.documents().map((d) => d.origin).sort()).toEqual(['examplia', 'fictonia', 'mirovia', 'quuxland'].map((s) => `${base}/reports/2024-trafficking-in-persons-report/${s}/`));
      expect(['XEX', 'XFC', 'XQU', 'XMR'].map((id) => store.getAssessment(id, 2024)?.tier)).toEqual(['Tier 2', 'Tier 2 Watch List', 'Tier 3', 'Tier 1']);
      expect(store.getAssessment('XFC', 2024)?.recommendations.map((r) => r.text)).toEqual(['Fund the invented shelters.', 'Train the imaginary inspectors.']);
    } finally {
      store.close();
    }
  });

  it('a second run resumes: cached pages and known 404s are not requested again, only what failed', async () => {
    trouble.nowhereDrop = false;
    const r = await fetchCli();
    expect(r.code).toBe(0);
    expect(hits.map((h) => h.path)).toEqual(['/reports/2024-trafficking-in-persons-report/nowhereland/']);
    expect(r.stdout).toMatch(/^fetched 1 page\(s\), 4 from the cache/m);
    expect(r.stdout).toMatch(/^1 document\(s\) imported, 4 unchanged, 1 narrative\(s\)/m);
  });

  it('a partial download left by an interrupted run is fetched again, never imported', async () => {
    const c2 = join(tmp.dir, 'cache2');
    mkdirSync(c2);
    writeFileSync(join(c2, 'mirovia.html.part'), '<html><body><p>MIROVIA: Ti');
    const r = await runCliWith(['fetch', '--year', '2024', '--base-url', base, '--cache', c2, '--delay-ms', '0', '--country', 'XMR', '--dry-run'], { countries: FICTIONAL_COUNTRIES });
    expect(r.code).toBe(0);
    expect(hits.map((h) => h.path)).toEqual(['/reports/2024-trafficking-in-persons-report/mirovia/']);
    expect(r.stdout).toMatch(/^1 document\(s\) parsed \(dry run: nothing stored\), 1 narrative\(s\)/m);
  });

  it('--country takes ids and names, repeated or comma-separated, and an unknown one is an error', async () => {
    const c3 = join(tmp.dir, 'cache3');
    const r = await runCliWith(['fetch', '--year', '2024', '--base-url', base, '--cache', c3, '--delay-ms', '0', '--country', 'xex', '--country', 'Mirovia,QUUXLAND', '--dry-run'], { countries: FICTIONAL_COUNTRIES });
    expect(r.code).toBe(0);
    expect(hits.map((h) => h.path.split('/')[3])).toEqual(['examplia', 'mirovia', 'quuxland']);
    const bad = await runCliWith(['fetch', '--year', '2024', '--base-url', base, '--cache', c3, '--country', 'Atlantis'], { countries: FICTIONAL_COUNTRIES });
    expect(bad.code).toBe(1);
    expect(bad.stderr.trim()).toMatch(/^tip-atlas: unknown country "Atlantis"/);
  });

  it('offline (connection refused): one line, exit 1, nothing written to the database', async () => {
    const closed = createServer();
    await new Promise<void>((r) => closed.listen(0, '127.0.0.1', () => r()));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((r) => closed.close(() => r()));
    const offDb = join(tmp.dir, 'offline.db');
    const r = await runCliWith(['fetch', '--year', '2024', '--base-url', `http://127.0.0.1:${port}`, '--cache', join(tmp.dir, 'cache4'), '--db', offDb], { countries: FICTIONAL_COUNTRIES });
    expect(r.code).toBe(1);
    expect(r.stderr.split('\n').filter(Boolean)).toEqual([
      expect.stringMatching(new RegExp(`^tip-atlas: cannot reach 127\\.0\\.0\\.1:${port} \\(ECONNREFUSED\\): are you offline\\?`)),
    ]);
    expect(existsSync(offDb)).toBe(false);
  });

  it('usage errors: no --year, a bad --base-url or --delay-ms', async () => {
    for (const args of [['fetch'], ['fetch', '--year', '2024', '--base-url', 'ftp://x'], ['fetch', '--year', '2024', '--delay-ms', 'soon']]) {
      const r = await runCliWith(args, { countries: FICTIONAL_COUNTRIES });
      expect(r.code, args.join(' ')).toBe(2);
    }
  });
});

describe('fetchYear', () => {
  it('honours Retry-After (seconds or an HTTP date), capped, and backs off without one', async () => {
    const waits: number[] = [];
    let calls = 0;
    const fakeFetch = (async () => {
      calls++;
      if (calls === 1) return new Response('', { status: 429, headers: { 'retry-after': '7' } });
      if (calls === 2) return new Response('', { status: 503, headers: { 'retry-after': new Date(Date.parse('2030-01-01T00:00:30Z')).toUTCString() } });
      if (calls === 3) return new Response('', { status: 502 });
      return new Response(PAGES.mirovia, { status: 200 });
    }) as typeof fetch;
    const result = await fetchYear({
      year: 2024,
      countries: FICTIONAL_COUNTRIES.filter((c) => c.id === 'XMR'),
      baseUrl: 'http://127.0.0.1:9',
      cacheDir: join(tmp.dir, 'cache5'),
      delayMs: 1000,
      fetchImpl: fakeFetch,
      now: () => Date.parse('2030-01-01T00:00:00Z'),
      sleep: async (ms) => void waits.push(ms),
      maxRetryAfterMs: 20_000,
    });
    expect(result.downloaded).toBe(1);
    // 7 s as asked; 30 s capped at 20 s; no Retry-After: backoff 1 s · 2². (Waits of the rate limit itself: none,
    // since the fake clock does not move and the first request has no predecessor… each later start waits 1 s.)
    expect(waits.filter((w) => w !== 1000)).toEqual([7000, 20_000, 4000]);
  });

  it('reads Retry-After values', () => {
    expect(retryAfterMs('120', 0)).toBe(120_000);
    expect(retryAfterMs('Wed, 01 Jan 2030 00:01:00 GMT', Date.parse('2030-01-01T00:00:00Z'))).toBe(60_000);
    expect(retryAfterMs('soon', 0)).toBeUndefined();
    expect(retryAfterMs(null, 0)).toBeUndefined();
  });
});
