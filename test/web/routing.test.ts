/**
 * The route table as a user meets it: addresses with a trailing slash redirect to the canonical one (pages and
 * twins alike, the query kept, never off the site), the security headers of hono/secure-headers are exactly
 * SECURITY_HEADERS on every kind of answer (fresh, from the cache, 304, error, redirect), CORS for any origin,
 * and parameter errors in the one error shape with the parameter's message.
 */
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import type { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Store } from '../../src/store/index.js';
import { openSqliteStore } from '../../src/store/index.js';
import { SECURITY_HEADERS, createApp } from '../../src/web/app.js';

let store: Store;
let app: Hono;
beforeAll(() => {
  store = openSqliteStore(':memory:');
  app = createApp(store);
});
afterAll(() => store.close());

describe('trailing slashes', () => {
  it('redirect (301) pages and JSON twins to the address without the slash, never a 404', async () => {
    const cases: [string, string][] = [
      ['/countries/TJK/', '/countries/TJK'],
      ['/countries/TJK.json/', '/countries/TJK.json'],
      ['/countries/TJK/2019/', '/countries/TJK/2019'],
      ['/years/', '/years'],
      ['/years/2013/', '/years/2013'],
      ['/years/2013.json/', '/years/2013.json'],
      ['/countries/TJK/diff/2022/2023/', '/countries/TJK/diff/2022/2023'],
      ['/countries/', '/countries'],
      ['/data/', '/data'],
      ['/api/', '/api'],
      ['/countries/TJK///', '/countries/TJK'],
    ];
    for (const [from, to] of cases) {
      const res = await app.request(from);
      expect(res.status, from).toBe(301);
      expect(res.headers.get('location'), from).toBe(to);
      // The address exists (the diff itself is a 404 here: this database holds no narrative).
      expect(await (await app.request(to)).text(), to).not.toContain('no page at');
    }
  });

  it('keeps the query, answers HEAD the same, and leaves / alone', async () => {
    const res = await app.request('/countries/?region=EUR&tier=2');
    expect(res.headers.get('location')).toBe('/countries?region=EUR&tier=2');
    expect((await app.request('/years/', { method: 'HEAD' })).status).toBe(301);
    expect((await app.request('/')).status).toBe(200);
  });

  it('never redirects off the site (`//host/` is not a path to keep)', async () => {
    for (const from of ['//evil.example/', '///evil.example//']) {
      const res = await app.request(`http://localhost${from}`);
      expect(res.status, from).toBe(301);
      expect(res.headers.get('location'), from).toBe('/evil.example');
    }
  });
});

describe('security headers (hono/secure-headers)', () => {
  const exactly = (res: Response, what: string) => {
    for (const [k, v] of Object.entries(SECURITY_HEADERS)) expect(res.headers.get(k), `${what}: ${k}`).toBe(v);
    expect(res.headers.get('strict-transport-security'), what).toBeNull();
    expect(res.headers.get('x-powered-by'), what).toBeNull();
  };

  it('sends SECURITY_HEADERS on a fresh page, a cache hit, a 304, an error and a redirect', async () => {
    const first = await app.request('/years.json');
    exactly(first, 'fresh');
    exactly(await app.request('/years.json'), 'cache hit');
    const etag = first.headers.get('etag')!;
    const not = await app.request('/years.json', { headers: { 'If-None-Match': etag } });
    expect(not.status).toBe(304);
    exactly(not, '304');
    expect(not.headers.get('access-control-allow-origin')).toBe('*');
    expect(not.headers.get('etag')).toBe(etag);
    exactly(await app.request('/countries/ZZZ.json'), '404');
    exactly(await app.request('/years/abcd'), '400 page');
    exactly(await app.request('/countries/tjk'), '301');
  });

  it('keeps the CSP as strict as it was: nothing inline, nothing from elsewhere', () => {
    const csp = SECURITY_HEADERS['Content-Security-Policy']!;
    expect(csp).not.toMatch(/unsafe|\*|https?:/);
    expect(csp).toContain("frame-ancestors 'none'");
  });
});

describe('CORS (hono/cors)', () => {
  it('lets any origin GET, without credentials, and answers a preflight with GET and HEAD', async () => {
    const res = await app.request('/countries.json', { headers: { Origin: 'https://elsewhere.example' } });
    expect(res.headers.get('access-control-allow-origin')).toBe('*');
    expect(res.headers.get('access-control-allow-credentials')).toBeNull();
    const pre = await app.request('/countries.json', {
      method: 'OPTIONS',
      headers: { Origin: 'https://elsewhere.example', 'Access-Control-Request-Method': 'GET' },
    });
    expect(pre.status).toBe(204);
    expect(pre.headers.get('access-control-allow-methods')).toBe('GET,HEAD');
  });
});

describe('parameters checked by the route table', () => {
  const error = async (path: string) => {
    const res = await app.request(path);
    return { status: res.status, body: (await res.json()) as { ok: boolean; status: number; error: string } };
  };

  it('answers a refused value with a 400 naming the parameter and quoting the value', async () => {
    expect(await error('/years/20x3.json')).toEqual({ status: 400, body: { ok: false, status: 400, error: 'the year in the address must be a report year (2001–2030), not "20x3"' } });
    expect((await error('/countries.json?sort=size')).body.error).toBe('?sort= must be one of name, tier, region, not "size"');
    expect((await error('/index.json?layer=rivers')).body.error).toBe('?layer= must be one of tiers, goods, not "rivers"');
    expect((await error('/countries.json?year=0x7E7')).body.error).toBe('?year= must be a report year (2001–2030), not "0x7E7"');
    expect((await error('/search.json?q=x&limit=101')).body.error).toBe('?limit= must be a whole number from 1 to 100, not "101"');
    expect((await error('/countries.json?tier=2&tier=3')).body.error).toBe('?tier= is given 2 times; give it once');
  });

  it('checks a required parameter of a twin after the others, and not on its page', async () => {
    expect((await error('/search.json?page=0')).body.error).toBe('?page= must be a whole number from 1 to 500, not "0"');
    expect((await error('/search.json')).body.error).toContain('?q= is required');
    expect((await app.request('/search')).status).toBe(200);
    expect((await error('/compare.json')).body.error).toContain('?c= must list the countries to compare');
    expect((await app.request('/compare')).status).toBe(200);
  });

  it('accepts a value in any case where the table says so, and its schema’s default when absent', async () => {
    const a = (await (await app.request('/countries.json?sort=TIER&region=europe')).json()) as { filters: { sort: string; region: string } };
    expect(a.filters).toMatchObject({ sort: 'tier', region: 'EUR' });
  });
});

describe('served by @hono/node-server (as `tip-atlas serve` does)', () => {
  it('sends the security headers and CORS on a cache hit, a 304 and a HEAD as on the first answer', async () => {
    const server = await new Promise<ReturnType<typeof serve>>((resolve) => {
      const s = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, () => resolve(s));
    });
    const { port } = server.address() as AddressInfo;
    try {
      const url = `http://127.0.0.1:${port}/countries/TJK`;
      const first = await fetch(url);
      await first.arrayBuffer();
      const hit = await fetch(url);
      expect(hit.status).toBe(200);
      expect((await hit.arrayBuffer()).byteLength).toBeGreaterThan(1000);
      const not = await fetch(url, { headers: { 'If-None-Match': hit.headers.get('etag')! } });
      expect(not.status).toBe(304);
      const head = await fetch(url, { method: 'HEAD' });
      expect(head.status).toBe(200);
      for (const [what, res] of [['first', first], ['hit', hit], ['304', not], ['HEAD', head]] as const) {
        for (const [k, v] of Object.entries(SECURITY_HEADERS)) expect(res.headers.get(k), `${what}: ${k}`).toBe(v);
        expect(res.headers.get('access-control-allow-origin'), what).toBe('*');
      }
    } finally {
      await new Promise((r) => server.close(r));
    }
  });
});
