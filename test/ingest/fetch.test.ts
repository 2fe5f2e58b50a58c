import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { COUNTRIES } from '../../src/countries/index.js';
import { MANIFEST_FILE, USER_AGENT, fetchYear } from '../../src/ingest/fetch/index.js';
import { openDerivingStore } from '../helpers/derivingStore.js';
import { FICTIONAL_COUNTRIES, fictionalLookup } from '../fixtures/countries.js';
import { tempDir } from '../helpers/cli.js';
import { runCliWith } from '../helpers/ingestCli.js';
import type { Mirror } from '../helpers/publisherMirror.js';
import { startMirror } from '../helpers/publisherMirror.js';

const ID: Record<string, string> = Object.fromEntries(FICTIONAL_COUNTRIES.map((c) => [c.name, c.id]));

let mirror: Mirror;
beforeAll(async () => {
  mirror = await startMirror();
});
afterAll(() => mirror.close());
beforeEach(() => {
  mirror.hits.length = 0;
});

const tmp = tempDir();
afterAll(() => tmp.cleanup());

const openDb = (db: string) => openDerivingStore(db, { countries: [...COUNTRIES, ...FICTIONAL_COUNTRIES] });

function tiersIn(db: string, year: number): Record<string, string | null | undefined> {
  const store = openDb(db);
  try {
    return Object.fromEntries((mirror.years.get(year) ?? []).map((n) => [n.name, store.getAssessment(ID[n.name]!, year)?.tier]));
  } finally {
    store.close();
  }
}

const expectedTiers = (year: number) => Object.fromEntries((mirror.years.get(year) ?? []).map((n) => [n.name, n.tier]));

describe('tip-atlas fetch against a mirror of the publisher', () => {
  const cache = join(tmp.dir, 'cache');
  const db = join(tmp.dir, 'fetch.db');
  const fetchCli = (args: string[], opts: { cache?: string; db?: string } = {}) =>
    runCliWith(['fetch', ...args, '--base-url', mirror.base, '--cache', opts.cache ?? cache, '--delay-ms', '20', '--db', opts.db ?? db], { countries: FICTIONAL_COUNTRIES });
  const WP24 = '/reports/2024-trafficking-in-persons-report/';

  it('the mirror refuses a User-Agent without Mozilla/5.0, as the publisher does; ours is accepted', async () => {
    const old = await fetch(`${mirror.base}${WP24}`, { headers: { 'user-agent': 'tip-atlas/0.1 (+research; contact in README)' } });
    expect(old.status).toBe(403);
    expect(USER_AGENT).toMatch(/^Mozilla\/5\.0 \(compatible; tip-atlas\/\d+\.\d+\.\d+; \+[^)]+\)$/);
    const ours = await fetch(`${mirror.base}${WP24}`, { headers: { 'user-agent': USER_AGENT } });
    expect(ours.status).toBe(200);
  });

  it('--year 2024: reads robots.txt and the landing page, follows its links (a slug that differs, a redirect), retries 429/5xx, imports', async () => {
    mirror.trouble.tooMany.set(`${WP24}fictonia/`, 1);
    mirror.trouble.busy.set(`${WP24}quuxland/`, 2);
    mirror.trouble.drop.add(`${WP24}nowhereland/`);
    const r = await fetchCli(['--year', '2024']);
    expect(r.code).toBe(1);
    const paths = mirror.hits.map((h) => h.path);
    expect(paths.slice(0, 2)).toEqual(['/robots.txt', WP24]);
    expect(mirror.hits.every((h) => h.ua === USER_AGENT && h.status !== 403)).toBe(true);
    // One at a time, at least --delay-ms apart (the whole span, measured at the server).
    expect(mirror.hits.at(-1)!.at - mirror.hits[0]!.at).toBeGreaterThanOrEqual((mirror.hits.length - 1) * 20 - 30);
    // The publisher's slug, found from the link, not the registry's.
    expect(paths).toContain(`${WP24}the-zanbar-islands/`);
    expect(paths).not.toContain(`${WP24}zanbar-islands/`);
    expect(paths.filter((p) => p === `${WP24}fictonia/`)).toHaveLength(2);
    expect(paths.filter((p) => p === `${WP24}quuxland/`)).toHaveLength(3);
    expect(r.stdout).toMatch(/^found 6 of 6 expected countries linked from http:\/\/127\.0\.0\.1:\d+\/reports\/2024-trafficking-in-persons-report\/$/m);
    expect(r.stdout).toMatch(/^links in the report not mapped to a country \(3\): .*introduction\/ "Introduction"; .*tier-placements\/ "Tier Placements"; .*atlantis\/ "Atlantis"$/m);
    expect(r.stderr).toMatch(/retrying .*fictonia\/ in 0\.0 s \(attempt 2\): HTTP 429/);
    expect(r.stderr.split('\n').filter((l) => l.startsWith('tip-atlas: '))).toEqual([expect.stringMatching(/^tip-atlas: .*\/nowhereland\/: the connection closed/)]);
    expect(r.stdout).toMatch(/^fetched 2024: 5 downloaded, 0 from the cache, 0 not modified, 0 not in the report \(HTTP 404\), 1 failed$/m);
    expect(r.stdout).toMatch(/^5 document\(s\) imported, 0 unchanged, 5 narrative\(s\)/m);
    const store = openDb(db);
    try {
      // Each document's origin is the page's public address (after the redirect).
      expect(store.documents().map((d) => d.origin.replace(mirror.base, '')).sort()).toEqual(
        ['examplia', 'fictonia', 'mirovia', 'quuxland', 'the-zanbar-islands'].map((s) => `${WP24}${s}/`),
      );
    } finally {
      store.close();
    }
    const { Nowhereland: _n, ...rest } = expectedTiers(2024);
    expect(tiersIn(db, 2024)).toEqual({ ...rest, Nowhereland: undefined });
    // The manifest: address, status, date, sha256 and the validators of each page.
    const manifest = JSON.parse(readFileSync(join(cache, '2024', MANIFEST_FILE), 'utf8')) as { entries: Record<string, unknown>[] };
    const zanbar = manifest.entries.find((e) => String(e.url).endsWith('/the-zanbar-islands/'));
    expect(zanbar).toMatchObject({ status: 200, kind: 'page', country: 'XZA', file: 'reports/2024-trafficking-in-persons-report/the-zanbar-islands/index.html' });
    expect(zanbar?.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(zanbar?.etag).toMatch(/^"/);
    expect(zanbar?.date).toMatch(/^\d{4}-\d\d-\d\dT/);
  });

  it('a second run resumes: nothing is downloaded twice (robots.txt is kept a day), only what failed is asked for', async () => {
    mirror.trouble.drop.clear();
    const r = await fetchCli(['--year', '2024']);
    expect(r.code).toBe(0);
    expect(mirror.hits.map((h) => h.path)).toEqual([`${WP24}nowhereland/`]);
    expect(existsSync(join(cache, '.robots', `${new URL(mirror.base).host.replace(':', '_')}.txt`))).toBe(true);
    expect(r.stdout).toMatch(/^fetched 2024: 1 downloaded, 5 from the cache, 0 not modified/m);
    expect(r.stdout).toMatch(/^1 document\(s\) imported, 5 unchanged, 1 narrative\(s\)/m);
    expect(tiersIn(db, 2024)).toEqual(expectedTiers(2024));
  });

  it('--refresh asks again conditionally (If-None-Match, If-Modified-Since); a 304 keeps the cache', async () => {
    const r = await fetchCli(['--year', '2024', '--refresh']);
    expect(r.code).toBe(0);
    // The landing page and six country pages (Mirovia's old address answers a redirect first).
    const pages = mirror.hits.filter((h) => h.path !== '/robots.txt' && h.status !== 301);
    expect(pages.length).toBe(7);
    expect(pages.every((h) => /^"/.test(h.ifNoneMatch ?? '') && h.ifModifiedSince === 'Mon, 24 Jun 2024 12:00:00 GMT')).toBe(true);
    expect(pages.every((h) => h.status === 304)).toBe(true);
    expect(r.stdout).toMatch(/^fetched 2024: 0 downloaded, 0 from the cache, 6 not modified/m);
    expect(r.stdout).toMatch(/^0 document\(s\) imported, 6 unchanged/m);
  });

  it.each([
    [2001, 'first report (assumed landing)'],
    [2005, 'alphabetical pages of narratives'],
    [2014, 'one page per country, heading without the name'],
    [2016, 'one page per country, colon form'],
    [2019, 'WordPress, the -2 slug'],
  ])('--year %i (%s): every mirrored narrative is imported', async (year) => {
    const yearDb = join(tmp.dir, `era-${year}.db`);
    const r = await fetchCli(['--year', String(year)], { db: yearDb });
    // 2014's headings name no country: the page title does, and a warning says so.
    const other = r.stderr.split('\n').filter((l) => l && !/^warning: .*: the heading "Tier \d" names no country; \w+ is read from the page title/.test(l));
    expect(other).toEqual([]);
    if (year === 2014) expect(r.stderr).toMatch(/the heading "Tier 3" names no country; Quuxland is read from the page title/);
    expect(r.code).toBe(0);
    expect(tiersIn(yearDb, year)).toEqual(expectedTiers(year));
    // Only the mirror was asked, and nothing outside the year's report but robots.txt.
    expect(mirror.hits.every((h) => h.path === '/robots.txt' || new RegExp(`(?:/tiprpt/(?:countries/)?${year}/|/${year}-trafficking)`).test(h.path))).toBe(true);
  });

  it('--latest asks for the newest reports first (not assuming the calendar year) and skips what robots.txt disallows', async () => {
    const r = await fetchCli(['--latest'], { db: join(tmp.dir, 'latest.db') });
    expect(r.code).toBe(0);
    const thisYear = new Date().getUTCFullYear();
    expect(mirror.hits.map((h) => h.path)).toContain(`/reports/${thisYear}-trafficking-in-persons-report/`);
    expect(r.stdout).toMatch(/^the latest report on http:\/\/127\.0\.0\.1:\d+ is 2025$/m);
    expect(r.stdout).toMatch(/nowhereland\/: skipped: disallowed by robots\.txt$/m);
    expect(mirror.hits.map((h) => h.path)).not.toContain('/reports/2025-trafficking-in-persons-report/nowhereland/');
    expect(r.stdout).toMatch(/^fetched 2025: 2 downloaded, .* 1 disallowed by robots\.txt$/m);
  });

  it('--from 2014 --to 2016 fetches each year in turn; a year without an index says so', async () => {
    const r = await fetchCli(['--from', '2014', '--to', '2016', '--dry-run']);
    // 2015 was asked for and nothing of it was found: exit 1, the other years are fetched all the same.
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/^no country pages of 2015 found: no index page answered/m);
    expect(r.stdout).toMatch(/^all 3 years: /m);
    expect(r.stdout.match(/^\d document\(s\) parsed \(dry run: nothing stored\)/gm)).toEqual(['3 document(s) parsed (dry run: nothing stored)', '2 document(s) parsed (dry run: nothing stored)']);
  });

  it('without an index page the registry\'s slugs are the fallback; a 404 is "not in the report"', async () => {
    const r = await fetchCli(['--year', '2023', '--country', 'Examplia,Fictonia', '--dry-run']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^no index page of 2023 answered; trying the registry's slugs$/m);
    expect(r.stdout).toMatch(/\/2023-trafficking-in-persons-report\/fictonia\/: not in this report \(HTTP 404\)$/m);
    expect(r.stdout).toMatch(/^fetched 2023: 1 downloaded, 0 from the cache, 0 not modified, 1 not in the report \(HTTP 404\), 0 failed$/m);
    expect(r.stdout).toMatch(/^1 document\(s\) parsed \(dry run: nothing stored\), 1 narrative\(s\)/m);
  });

  it('--pdf prefers the full report the landing page links', async () => {
    const r = await fetchCli(['--year', '2024', '--pdf', '--dry-run'], { cache: join(tmp.dir, 'cache-pdf') });
    expect(r.code).toBe(0);
    expect(mirror.hits.map((h) => h.path)).toEqual(['/robots.txt', WP24, '/wp-content/uploads/2024/06/2024-TIP-Report.pdf']);
    expect(r.stdout).toMatch(/^1 document\(s\) parsed \(dry run: nothing stored\), 2 narrative\(s\)/m);
  });

  it('a folder of saved pages of several years imports without --year (the fetch cache, a mirrored tree, saved pages)', async () => {
    // The fetch cache of several years: the manifest gives each page its public address, the path its year.
    const a = await runCliWith(['import', cache, '--db', join(tmp.dir, 'folder.db')], { countries: FICTIONAL_COUNTRIES });
    expect(a.stderr.split('\n').filter((l) => l && !l.includes('names no country'))).toEqual([]);
    expect(a.code).toBe(0);
    const store = openDb(join(tmp.dir, 'folder.db'));
    try {
      const years = [...new Set(store.documents().flatMap((d) => [...d.origin.matchAll(/(20\d\d)/g)].map((m) => Number(m[1]))))].sort();
      expect(years).toEqual([2001, 2005, 2014, 2016, 2019, 2023, 2024, 2025]);
      expect(store.documents().every((d) => d.origin.startsWith(mirror.base))).toBe(true);
      expect(store.getAssessment('XQU', 2014)?.tier).toBe('Tier 3');
    } finally {
      store.close();
    }
    // Pages saved by hand: the year is in no text, only in the address the page or its path states.
    const saved = join(tmp.dir, 'saved');
    const page2014 = readFileSync(join(cache, '2014', 'j/tip/rls/tiprpt/countries/2014/226002.htm'), 'utf8');
    const put = (rel: string, body: string) => {
      mkdirSync(dirname(join(saved, rel)), { recursive: true });
      writeFileSync(join(saved, rel), body);
    };
    put('quuxland.html', page2014.replace('<head>', '<head><link rel="canonical" href="https://2009-2017.state.gov/j/tip/rls/tiprpt/countries/2014/226002.htm">'));
    put('2009-2017.state.gov/j/tip/rls/tiprpt/countries/2016/258002.htm', readFileSync(join(cache, '2016', 'j/tip/rls/tiprpt/countries/2016/258002.htm'), 'utf8'));
    const wp = readFileSync(join(cache, '2025', 'reports/2025-trafficking-in-persons-report/mirovia/index.html'), 'utf8').replace(/<h1>.*?<\/h1>/, '');
    put('mirovia.html', `<!-- saved from url=(0068)https://www.state.gov/reports/2022-trafficking-in-persons-report/mirovia/ -->\n${wp}`);
    expect(readFileSync(join(saved, 'mirovia.html'), 'utf8')).not.toMatch(/Trafficking in Persons Report/);
    const b = await runCliWith(['parse', saved, '--json'], { countries: FICTIONAL_COUNTRIES });
    expect(b.stderr).toBe('');
    expect(b.code).toBe(0);
    const parsed = JSON.parse(b.stdout) as { countryId: string; reportYear: number }[];
    expect(parsed.map((p) => `${p.countryId} ${p.reportYear}`).sort()).toEqual(['XMR 2022', 'XQU 2014', 'XZA 2016']);
    // Without any address, the year is still asked for.
    put('../bare/quuxland.html', page2014);
    const c = await runCliWith(['parse', join(tmp.dir, 'bare')], { countries: FICTIONAL_COUNTRIES });
    expect(c.stderr).toMatch(/does not say its report year/);
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

  it('--country takes ids and names; an unknown one is an error', async () => {
    const r = await fetchCli(['--year', '2024', '--country', 'xex', '--country', 'Zanbar', '--dry-run'], { cache: join(tmp.dir, 'cache3') });
    expect(r.code).toBe(0);
    // The landing page, then only the two pages asked for.
    expect(mirror.hits.map((h) => h.path)).toEqual(['/robots.txt', WP24, `${WP24}examplia/`, `${WP24}the-zanbar-islands/`]);
    const bad = await fetchCli(['--year', '2024', '--country', 'Atlantis']);
    expect(bad.code).toBe(1);
    expect(bad.stderr.trim()).toMatch(/^tip-atlas: unknown country "Atlantis"/);
  });

  it('usage errors: no year, two ways of giving years, a bad --base-url or --delay-ms, --from after --to', async () => {
    for (const args of [['fetch'], ['fetch', '--year', '2024', '--latest'], ['fetch', '--year', '2024', '--base-url', 'ftp://x'], ['fetch', '--year', '2024', '--delay-ms', 'soon'], ['fetch', '--from', '2020', '--to', '2019']]) {
      const r = await runCliWith(args, { countries: FICTIONAL_COUNTRIES });
      expect(r.code, args.join(' ')).toBe(2);
    }
  });
});

describe('fetchYear with an injected fetch', () => {
  it('honours Retry-After (seconds or an HTTP date), capped, and backs off without one', async () => {
    const waits: number[] = [];
    let calls = 0;
    const landing = '<a href="/reports/2024-trafficking-in-persons-report/mirovia/">Mirovia</a>';
    const fakeFetch = (async (input: string | URL | Request) => {
      const url = String(input);
      if (url.endsWith('/robots.txt')) return new Response('', { status: 404 });
      if (url.endsWith('/2024-trafficking-in-persons-report/')) return new Response(landing, { status: 200 });
      calls++;
      if (calls === 1) return new Response('', { status: 429, headers: { 'retry-after': '7' } });
      if (calls === 2) return new Response('', { status: 503, headers: { 'retry-after': new Date(Date.parse('2030-01-01T00:00:30Z')).toUTCString() } });
      if (calls === 3) return new Response('', { status: 502 });
      return new Response('<p>MIROVIA (Tier 1)</p>', { status: 200 });
    }) as typeof fetch;
    const result = await fetchYear({
      year: 2024,
      countries: FICTIONAL_COUNTRIES,
      lookup: fictionalLookup,
      baseUrl: 'http://127.0.0.1:9',
      cacheDir: join(tmp.dir, 'cache5'),
      clientOptions: {
        delayMs: 1000,
        fetchImpl: fakeFetch,
        now: () => Date.parse('2030-01-01T00:00:00Z'),
        sleep: async (ms) => void waits.push(ms),
        maxRetryAfterMs: 20_000,
      },
    });
    expect(result.downloaded).toBe(1);
    expect(result.pages.map((p) => p.origin)).toEqual(['http://127.0.0.1:9/reports/2024-trafficking-in-persons-report/mirovia/']);
    // 7 s as asked; 30 s capped at 20 s; no Retry-After: backoff 1 s · 2² (the rate limit's own waits are 1 s).
    expect(waits.filter((w) => w !== 1000)).toEqual([7000, 20_000, 4000]);
  });
});
