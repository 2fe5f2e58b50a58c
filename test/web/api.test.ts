/**
 * The API's contracts: one error shape, CORS, security headers, escaping of imported text, the OpenAPI document
 * covering every route, Atom feeds, the page cache following the store's version, page weight.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Store } from '../../src/store/index.js';
import { openDerivingStore } from '../helpers/derivingStore.js';
import { syntheticDocument } from '../fixtures/syntheticDocument.js';
import type { ImportInput } from '../../src/store/types.js';
import { createApp } from '../../src/web/app.js';

let store: Store;
let app: Hono;
beforeAll(() => {
  store = openDerivingStore(':memory:', { now: () => new Date('2024-07-02T10:00:00Z') });
  app = createApp(store);
});
afterAll(() => store.close());

/** Every page and JSON twin with its example address. */
const PAGES = [
  '/',
  '/?year=2012',
  '/countries',
  '/countries?region=EUR&tier=2wl&sort=tier',
  '/countries/TJK',
  '/countries/TJK/2019',
  '/years',
  '/years/2023',
  '/compare',
  '/compare?c=TJK,UZB,KAZ',
  '/data',
  '/api',
];
const JSON_TWINS = [
  '/index.json',
  '/countries.json',
  '/countries/TJK.json',
  '/countries/TJK/2019.json',
  '/years.json',
  '/years/2023.json',
  '/compare.json?c=TJK,UZB,KAZ',
  '/data.json',
  '/api/openapi.json',
];

describe('one error shape for every JSON error', () => {
  const cases: [string, number][] = [
    ['/countries/ZZZ.json', 404],
    ['/countries/TJK/1999.json', 404],
    ['/countries/TJK/2029.json', 404],
    ['/years/abcd.json', 400],
    ['/years/2029.json', 404],
    ['/countries.json?tier=4', 400],
    ['/countries.json?region=XX', 400],
    ['/countries.json?sort=x', 400],
    ['/countries.json?year=1800', 400],
    ['/index.json?year=2029', 404],
    ['/compare.json', 400],
    ['/compare.json?c=QQQ', 404],
    ['/data/tier-placements.json?region=mars', 400],
    ['/no-such.json', 404],
    ['/api/nothing', 404],
  ];
  for (const [url, status] of cases) {
    it(`${url} → ${status}`, async () => {
      const res = await app.request(url);
      expect(res.status).toBe(status);
      expect(res.headers.get('content-type')).toMatch(/^application\/json/);
      const body = await res.json();
      expect(Object.keys(body).sort()).toEqual(['error', 'ok', 'status']);
      expect(body.ok).toBe(false);
      expect(body.status).toBe(status);
      expect(typeof body.error).toBe('string');
      expect(body.error.length).toBeGreaterThan(5);
    });
  }

  it('pages answer errors with an HTML page of the same status', async () => {
    for (const [url, status] of [
      ['/countries/ZZZ', 404],
      ['/years/20x3', 400],
      ['/nowhere', 404],
    ] as const) {
      const res = await app.request(url);
      expect(res.status).toBe(status);
      expect(res.headers.get('content-type')).toMatch(/^text\/html/);
    }
  });

  it('turns an unexpected failure into a plain 500 with nothing internal leaked', async () => {
    const broken = { ...store, listCountries: () => { throw new Error('secret path /etc/db'); } } as unknown as Store;
    const a = createApp(Object.assign(Object.create(Object.getPrototypeOf(store)), store, broken));
    const original = console.error;
    console.error = () => {};
    try {
      const res = await a.request('/countries.json');
      expect(res.status).toBe(500);
      expect(await res.json()).toEqual({ ok: false, status: 500, error: 'internal error' });
      const page = await a.request('/countries');
      expect(page.status).toBe(500);
      expect(await page.text()).not.toContain('secret');
    } finally {
      console.error = original;
    }
  });
});

describe('headers', () => {
  it('every response has the security headers; no page has inline styles or scripts', async () => {
    for (const url of [...PAGES, ...JSON_TWINS, '/feeds/changes.atom', '/data/tier-placements.csv', '/assets/style.css', '/nowhere']) {
      const res = await app.request(url);
      const csp = res.headers.get('content-security-policy') ?? '';
      expect(csp, url).toContain("default-src 'none'");
      expect(csp, url).toContain("script-src 'self'");
      expect(csp, url).not.toContain('unsafe-inline');
      expect(res.headers.get('x-content-type-options'), url).toBe('nosniff');
      expect(res.headers.get('referrer-policy'), url).toBe('no-referrer');
      expect(res.headers.get('x-frame-options'), url).toBe('DENY');
      if ((res.headers.get('content-type') ?? '').startsWith('text/html')) {
        const body = await res.text();
        expect(body, url).not.toMatch(/\sstyle\s*=/i);
        expect(body, url).not.toMatch(/<style/i);
        expect(body.match(/<script\b[^>]*>/g) ?? [], url).toEqual(['<script src="/assets/site.js" defer>']);
        expect(body, url).not.toMatch(/\son[a-z]+\s*=/i);
        // No third-party requests: every src/href that loads something is same-origin.
        for (const m of body.matchAll(/<(?:script|link|img)\b[^>]*(?:src|href)="([^"]+)"/g)) expect(m[1], url).toMatch(/^\//);
      }
    }
  });

  it('CORS is open for GET on the JSON API, downloads and feeds', async () => {
    for (const url of [...JSON_TWINS, '/data/tier-placements.csv', '/feeds/changes.atom', '/countries/ZZZ.json']) {
      const res = await app.request(url, { headers: { Origin: 'https://elsewhere.example' } });
      expect(res.headers.get('access-control-allow-origin'), url).toBe('*');
    }
  });

  it('pages stay under 150 KB without the map data', async () => {
    for (const url of PAGES) {
      const body = await (await app.request(url)).text();
      const withoutMap = body.replace(/<svg class="world-map"[\s\S]*?<\/svg>/, '');
      expect(Buffer.byteLength(withoutMap), url).toBeLessThan(150 * 1024);
    }
  });

  it('answers a repeated request with the same ETag, and 304 when the client has it', async () => {
    const first = await app.request('/countries/TJK');
    const etag = first.headers.get('etag');
    expect(etag).toMatch(/^W\/"/);
    const again = await app.request('/countries/TJK', { headers: { 'If-None-Match': etag! } });
    expect(again.status).toBe(304);
  });
});

describe('imported text is always escaped', () => {
  const EVIL = '<script>alert("x")</script><img src=x onerror=alert(1)>';
  let s: Store;
  let a: Hono;
  beforeAll(() => {
    s = openDerivingStore(':memory:');
    const doc: ImportInput = syntheticDocument([{ countryId: 'UZB', reportYear: 2023, tier: 'Tier 2' }], `test://${EVIL}.txt`);
    const x = doc.assessments[0]!;
    x.countryName = `Examplia ${EVIL}`;
    x.summary = `The Government of Examplia ${EVIL} does not fully meet the minimum standards.`;
    x.sections = x.sections.map((sec) => ({ ...sec, heading: `${sec.heading} ${EVIL}`, text: `${sec.text} ${EVIL}` }));
    x.recommendations = x.recommendations.map((r) => ({ ...r, text: `${r.text} ${EVIL}` }));
    x.warnings = x.warnings.map((w) => ({ ...w, message: `${w.message} ${EVIL}`, excerpt: `${w.excerpt} ${EVIL}` }));
    s.importDocument(doc);
    a = createApp(s);
  });
  afterAll(() => s.close());

  for (const url of ['/countries/UZB', '/countries/UZB/2023', '/compare?c=UZB,TJK', '/data', '/years/2023', '/countries?region=SCA', '/']) {
    it(url, async () => {
      const body = await (await a.request(url)).text();
      expect(body).not.toContain('<script>alert');
      expect(body).not.toContain('<img src=x');
      if (url.startsWith('/countries/UZB') || url.startsWith('/compare')) {
        expect(body).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;');
      }
    });
  }

  it('in feeds too', async () => {
    for (const url of ['/countries/UZB/feed.atom', '/feeds/changes.atom']) {
      const body = await (await a.request(url)).text();
      expect(body, url).not.toContain('<script>');
      expect(body, url).not.toContain('<img');
    }
    // The document's origin (a local path, here with markup in it) is never shown: readers see its number.
    expect(await (await a.request('/countries/UZB/feed.atom')).text()).toContain('imported document 1 (no public address)');
  });
});

describe('the OpenAPI document', () => {
  let doc: { openapi: string; paths: Record<string, { get?: { parameters?: { name: string; in: string }[]; responses: Record<string, unknown> } }> };
  beforeAll(async () => {
    doc = await (await app.request('/api/openapi.json')).json();
  });

  const toOpenApi = (p: string) => p.replace(/:([A-Za-z_]+)/g, '{$1}');

  it('is OpenAPI 3.1 and describes every GET route the app registers', () => {
    expect(doc.openapi).toBe('3.1.0');
    const routes = app.routes.filter((r) => r.method === 'GET');
    expect(routes.length).toBeGreaterThan(15);
    const missing = routes.map((r) => toOpenApi(r.path)).filter((p) => !doc.paths[p]?.get);
    expect(missing, 'routes without an OpenAPI entry').toEqual([]);
  });

  it('describes the .json twin of every page route', () => {
    const pages = app.routes
      .filter((r) => r.method === 'GET')
      .map((r) => toOpenApi(r.path))
      .filter((p) => !/\.\w+$/.test(p) && !p.startsWith('/assets/') && p !== '/api');
    for (const p of pages) {
      const twin = p === '/' ? '/index.json' : `${p}.json`;
      expect(doc.paths[twin]?.get, `${p} → ${twin}`).toBeDefined();
    }
  });

  it('documents only routes that exist, with their path parameters', async () => {
    for (const [p, item] of Object.entries(doc.paths)) {
      const op = item.get!;
      expect(Object.keys(op.responses).length, p).toBeGreaterThan(0);
      const inPath = [...p.matchAll(/\{(\w+)\}/g)].map((m) => m[1]);
      const declared = (op.parameters ?? []).filter((x) => x.in === 'path').map((x) => x.name);
      expect(declared.sort(), p).toEqual(inPath.sort());
      // Fill the path with the parameters' examples (or plausible values) and the required query parameters.
      const params = (op.parameters ?? []) as { name: string; in: string; required?: boolean; example?: unknown }[];
      const fallback: Record<string, string> = { id: 'TJK', year: '2019', from: '2022', to: '2023', c: 'TJK', q: 'labor' };
      let url = p.replace(/\{(\w+)\}/g, (_m, name: string) => String(params.find((x) => x.name === name)?.example ?? fallback[name] ?? 'x'));
      const required = params.filter((x) => x.in === 'query' && x.required);
      if (required.length) url += '?' + required.map((x) => `${x.name}=${encodeURIComponent(String(x.example ?? fallback[x.name] ?? 'x'))}`).join('&');
      const res = await app.request(url);
      // The route exists: whatever it answers, it is not the catch-all "no page at …".
      const text = await res.text();
      expect(text, url).not.toContain('no page at');
      expect(res.status, url).toBeLessThan(500);
    }
  });

  it('has a readable page at /api', async () => {
    const body = await (await app.request('/api')).text();
    expect(body).toContain('<code>/countries/{id}.json</code>');
    expect(body).toContain('<a href="/api/openapi.json">OpenAPI 3.1 document</a>');
    expect(body).toContain('Example: <a href="/countries/TJK.json">/countries/TJK.json</a>');
    // The descriptions' Markdown code spans are shown as code, not as backticks.
    const main = /<main[\s\S]*<\/main>/.exec(body)?.[0] ?? '';
    expect(main).not.toContain('`');
    expect(main).toContain('<code>.json</code>');
  });
});

describe('Atom feeds', () => {
  function entries(xml: string): string[] {
    return [...xml.matchAll(/<entry>([\s\S]*?)<\/entry>/g)].map((m) => m[1]!);
  }
  function check(xml: string, selfPath: string) {
    expect(xml.startsWith('<?xml version="1.0" encoding="utf-8"?>\n<feed xmlns="http://www.w3.org/2005/Atom">')).toBe(true);
    expect(xml).toMatch(/<feed[^>]*>\n<id>tag:tip-atlas,2001:[^<]+<\/id>/);
    expect(xml).toMatch(/<updated>\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z<\/updated>/);
    expect(xml).toContain('<author><name>TIP Atlas</name></author>');
    expect(xml).toContain(`<link rel="self" type="application/atom+xml" href="${selfPath}"/>`); // relative: no public address configured, never the Host header
    const list = entries(xml);
    const ids = list.map((e) => /<id>([^<]+)<\/id>/.exec(e)?.[1]);
    expect(new Set(ids).size).toBe(list.length);
    for (const e of list) {
      expect(e).toMatch(/<id>tag:tip-atlas,2001:[^<]+<\/id>/);
      expect(e).toMatch(/<title>[^<]+<\/title>/);
      expect(e).toMatch(/<updated>\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z<\/updated>/);
      expect(e).toMatch(/<link rel="alternate" type="text\/html" href="\/countries\/[A-Z]{3}\/\d{4}"\/>/);
      expect(e).toMatch(/<content type="text">[^<]+<\/content>/);
    }
    // Newest first.
    const updated = list.map((e) => /<updated>([^<]+)<\/updated>/.exec(e)![1]!);
    expect(updated).toEqual([...updated].sort().reverse());
    return list;
  }

  it('/feeds/changes.atom has tier movements between consecutive known years, dated by the report\'s release', async () => {
    const res = await app.request('/feeds/changes.atom');
    expect(res.headers.get('content-type')).toBe('application/atom+xml; charset=utf-8');
    const list = check(await res.text(), '/feeds/changes.atom');
    expect(list.length).toBe(200);
    // No entry for an unchanged tier.
    for (const e of list) expect(e).not.toMatch(/remained/);
    // Each entry is dated by its report's release (data/publisher-years.csv): the 2025 report came out 2025-09-29.
    const y2025 = list.find((e) => /in the 2025 report<\/title>/.test(e))!;
    expect(y2025).toContain('<updated>2025-09-29T00:00:00.000Z</updated>');
  });

  it('pages the changes feed (RFC 5005): every movement once, following rel="next" to the last page', async () => {
    const seen: string[] = [];
    let next: string | undefined = '/feeds/changes.atom';
    let pages = 0;
    let last = '';
    while (next) {
      const xml = await (await app.request(next)).text();
      pages++;
      const list = check(xml, next);
      seen.push(...list.map((e) => /<id>([^<]+)<\/id>/.exec(e)![1]!));
      expect(xml).toContain('<link rel="first" type="application/atom+xml" href="/feeds/changes.atom"/>');
      last = /<link rel="last" type="application\/atom\+xml" href="([^"]+)"\/>/.exec(xml)![1]!;
      if (pages > 1) expect(xml).toMatch(/<link rel="previous" type="application\/atom\+xml" href="\/feeds\/changes\.atom(\?page=\d+)?"\/>/);
      next = /<link rel="next" type="application\/atom\+xml" href="([^"]+)"\/>/.exec(xml)?.[1]?.replace(/&amp;/g, '&');
      expect(pages).toBeLessThan(50);
    }
    expect(pages).toBeGreaterThan(1);
    expect(last).toBe(`/feeds/changes.atom?page=${pages}`);
    // Every movement between consecutive known placements, once: counted from the store here.
    let expected = 0;
    for (const c of store.listCountries()) {
      const h = new Map(store.tierHistory(c.id).map((p) => [p.reportYear, p.tier]));
      for (const [y, t] of h) if (h.has(y - 1) && h.get(y - 1) !== t) expected++;
    }
    expect(seen.length).toBe(expected);
    expect(new Set(seen).size).toBe(seen.length);
    expect((await app.request(`/feeds/changes.atom?page=${pages + 1}`)).status).toBe(404);
    expect((await app.request('/feeds/changes.atom?page=0')).status).toBe(400);
    expect((await app.request('/feeds/changes.atom?page=x')).status).toBe(400);
  });

  it('dates an imported placement by its report\'s release, not by its import', async () => {
    const s = openDerivingStore(':memory:', { now: () => new Date('2031-01-01T00:00:00Z') });
    try {
      s.importDocument(syntheticDocument([{ countryId: 'UZB', reportYear: 2024, tier: 'Tier 3' }]));
      const xml = await (await createApp(s).request('/feeds/changes.atom')).text();
      const first = entries(xml).find((e) => e.includes('movement/UZB/2024/'))!;
      expect(first).toContain('<title>Uzbekistan downgraded from Tier 2 to Tier 3 in the 2024 report</title>');
      expect(first).toContain('<updated>2024-06-24T00:00:00.000Z</updated>');
      expect(xml).not.toContain('2031-01-01');
      expect(first).toContain('<id>tag:tip-atlas,2001:movement/UZB/2024/2-3</id>');
    } finally {
      s.close();
    }
  });

  it('/countries/UZB/feed.atom has each placement of the country', async () => {
    const list = check(await (await app.request('/countries/UZB/feed.atom')).text(), '/countries/UZB/feed.atom');
    expect(list).toHaveLength(store.tierHistory('UZB').length);
    const e2013 = list.find((e) => e.includes('/countries/UZB/2013'))!;
    expect(e2013).toContain('<title>Uzbekistan: Tier 3 in the 2013 report</title>');
    expect(e2013).toContain('<updated>2013-06-19T00:00:00.000Z</updated>');
    expect(e2013).toContain('downgraded from Tier 2 Watch List to Tier 3');
    expect((await app.request('/countries/ZZZ/feed.atom')).status).toBe(404);
  });
});

describe('the page cache follows the store', () => {
  it('renders again after an import through the same store', async () => {
    const s = openDerivingStore(':memory:');
    try {
      const a = createApp(s);
      const before = await (await a.request('/countries/UZB/2023')).text();
      expect(before).toContain('<h1>UZBEKISTAN (Tier 2)</h1>');
      s.importDocument(syntheticDocument([{ countryId: 'UZB', reportYear: 2023, tier: 'Tier 3' }]));
      const after = await (await a.request('/countries/UZB/2023')).text();
      expect(after).toContain('<h1>UZBEKISTAN (Tier 3)</h1>');
      const map = await (await a.request('/?year=2023')).text();
      expect(map).toMatch(/aria-label="Uzbekistan: Tier 3( — [^"]+)?"/);
    } finally {
      s.close();
    }
  });

  it('and after an import by another connection to the same file', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'tip-atlas-cache-'));
    const file = path.join(dir, 'shared.db');
    const server = openDerivingStore(file);
    const importer = openDerivingStore(file);
    try {
      const a = createApp(server);
      expect(await (await a.request('/countries/UZB/2023')).text()).toContain('(Tier 2)</h1>');
      const v = server.version();
      importer.importDocument(syntheticDocument([{ countryId: 'UZB', reportYear: 2023, tier: 'Special Case' }]));
      expect(server.version()).not.toBe(v);
      expect(await (await a.request('/countries/UZB/2023')).text()).toContain('<h1>UZBEKISTAN (Special Case)</h1>');
    } finally {
      importer.close();
      server.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
