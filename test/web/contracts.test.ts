/**
 * Review findings on the HTTP contracts: errors of CSV/Atom/download addresses in the one JSON shape, downloads of
 * a year not held, the OpenAPI entries of the analyses, working links (/compare, /api examples, tier anchors),
 * search parameters, If-None-Match lists and `*`, and 405 for another method than GET.
 */
import type { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Store } from '../../src/store/index.js';
import { openDerivingStore } from '../helpers/derivingStore.js';
import { syntheticDocument } from '../fixtures/syntheticDocument.js';
import { createApp } from '../../src/web/app.js';

let store: Store;
let app: Hono;
beforeAll(() => {
  store = openDerivingStore(':memory:');
  app = createApp(store);
});
afterAll(() => store.close());

async function apiError(path: string, status: number, init?: RequestInit): Promise<string> {
  const res = await app.request(path, init);
  expect(res.status, path).toBe(status);
  expect(res.headers.get('content-type'), path).toMatch(/^application\/json/);
  const body = (await res.json()) as { ok: boolean; status: number; error: string };
  expect(body, path).toMatchObject({ ok: false, status });
  return body.error;
}

describe('errors of every non-page address are JSON in the one shape', () => {
  it('answers CSV, Atom and download errors as JSON, not as an HTML page', async () => {
    expect(await apiError('/countries/ZZZ/indicators.csv', 404)).toContain('no country with id "ZZZ"');
    expect(await apiError('/countries/ZZZ/feed.atom', 404)).toContain('no country with id "ZZZ"');
    expect(await apiError('/data/tier-placements.csv?tier=9', 400)).toContain('?tier= must be');
    expect(await apiError('/data/recommendations.csv?year=abcd', 400)).toContain('?year= must be a report year');
    expect(await apiError('/feeds/nothing.atom', 404)).toBe('no page at /feeds/nothing.atom');
    expect(await apiError('/data/nothing.sqlite', 404)).toBe('no page at /data/nothing.sqlite');
  });

  it('answers a download of a year not held with a 404 instead of an empty file', async () => {
    expect(await apiError('/data/tier-placements.csv?year=2029', 404)).toBe('the 2029 report is not held');
    expect(await apiError('/data/tier-placements.json?year=2029', 404)).toBe('the 2029 report is not held');
    expect(await apiError('/data/assessments.csv?year=2029', 404)).toBe('the 2029 report is not held');
  });

  it('refuses filters on /data itself (they would do nothing) and names where they belong', async () => {
    const res = await app.request('/data?year=2029');
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toMatch(/^text\/html/);
    expect(await res.text()).toContain('/data takes no ?year=: the downloads do, e.g. /data/tier-placements.csv?year=2023');
    expect(await apiError('/data.json?region=EUR', 400)).toBe('/data.json takes no ?region=: the downloads do, e.g. /data/tier-placements.csv?year=2023');
  });
});

describe('405 for another method than GET', () => {
  it('answers POST to a GET route with 405 and Allow, and keeps 404 for an address that does not exist', async () => {
    const res = await app.request('/countries', { method: 'POST' });
    expect(res.status).toBe(405);
    expect(res.headers.get('allow')).toBe('GET, HEAD');
    expect(await res.text()).toContain('POST is not allowed at /countries: use GET or HEAD');
    expect(await apiError('/countries/TJK.json', 405, { method: 'DELETE' })).toBe('DELETE is not allowed at /countries/TJK.json: use GET or HEAD');
    expect(await apiError('/search.json', 405, { method: 'PUT' })).toContain('PUT is not allowed');
    expect((await app.request('/nothing-here', { method: 'POST' })).status).toBe(404);
  });
});

describe('If-None-Match (RFC 9110 §13.1.2)', () => {
  it('matches a tag in a list, weakly, and `*`; answers 200 when none matches', async () => {
    const first = await app.request('/years.json');
    const etag = first.headers.get('etag')!;
    expect(etag).toMatch(/^W\/"/);
    for (const header of [etag, `"other", ${etag}`, `${etag.slice(2)}`, '*', ` W/"x" ,${etag} `]) {
      const res = await app.request('/years.json', { headers: { 'If-None-Match': header } });
      expect(res.status, header).toBe(304);
    }
    for (const header of ['"other"', 'W/"a", "b"', '']) {
      const res = await app.request('/years.json', { headers: { 'If-None-Match': header } });
      expect(res.status, header).toBe(200);
    }
  });

  it('compares each tag of a list whole: a comma inside quotes is part of a tag', async () => {
    const etag = (await app.request('/years.json')).headers.get('etag')!;
    const inside = `"${etag.slice(3, -1)},x"`;
    expect((await app.request('/years.json', { headers: { 'If-None-Match': inside } })).status).toBe(200);
  });
});

describe('the OpenAPI document and the /api page', () => {
  it('describes every GET route of the app, twins included, and only those', async () => {
    const doc = (await (await app.request('/api/openapi.json')).json()) as { paths: Record<string, { get: { operationId: string } }> };
    const documented = Object.keys(doc.paths).sort();
    const registered = [...new Set(app.routes.filter((r) => r.method === 'GET').map((r) => r.path.replace(/:(\w+)/g, '{$1}')))];
    // A page whose last segment is a parameter takes its twin at the same route: `/years/{year}` answers `/years/{year}.json`.
    const twins = registered.filter((p) => /\}$/.test(p) && doc.paths[`${p}.json`]).map((p) => `${p}.json`);
    expect(documented).toEqual([...registered, ...twins].sort());
    for (const p of ['/search', '/search.json', '/countries/{id}/diff/{from}/{to}.json', '/countries/{id}/indicators.csv', '/countries/{id}/recommendations.json']) {
      expect(documented, p).toContain(p);
    }
    const ids = Object.values(doc.paths).map((op) => op.get.operationId);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('gives example links that all answer 200 on the shipped database', async () => {
    const body = await (await app.request('/api')).text();
    const links = [...body.matchAll(/Example: <a href="([^"]+)">/g)].map((m) => m[1]!.replace(/&amp;/g, '&'));
    expect(links.length).toBeGreaterThan(20);
    for (const href of links) expect((await app.request(href)).status, href).toBe(200);
    // The diff needs imported narratives: no link, but what it needs.
    expect(body).not.toContain('Example: <a href="/countries/TJK/diff/');
    expect(body).toContain('Needs the imported narratives of both years');
  });
});

describe('links that lead somewhere', () => {
  it('/compare links its JSON twin with the countries, and none without them', async () => {
    const empty = await (await app.request('/compare')).text();
    expect(empty).not.toContain('href="/compare.json"');
    const full = await (await app.request('/compare?c=tjk,UZB')).text();
    expect(full).toContain('<link rel="alternate" type="application/json" href="/compare.json?c=TJK,UZB">');
    expect((await app.request('/compare.json?c=TJK,UZB')).status).toBe(200);
  });

  it('links a tier section of a year page only where it exists (on the year page and the map legend)', async () => {
    for (const [path, year] of [['/years/2013', 2013], ['/?year=2013', 2013], ['/years/2003', 2003], ['/?year=2003', 2003]] as const) {
      const yearPage = await (await app.request(`/years/${year}`)).text();
      const ids = new Set([...yearPage.matchAll(/id="(tier-[\w]+)"/g)].map((m) => m[1]));
      const body = await (await app.request(path)).text();
      const anchors = [...body.matchAll(/href="(?:\/years\/\d{4})?#(tier-\w+)"/g)].map((m) => m[1]);
      expect(anchors.length, path).toBeGreaterThan(0);
      for (const a of anchors) expect(ids, `${path} → #${a}`).toContain(a);
    }
  });
});

describe('search parameters and the diff page', () => {
  let s: Store;
  let a: Hono;
  beforeAll(() => {
    s = openDerivingStore(':memory:');
    s.importDocument(syntheticDocument([{ countryId: 'UZB', reportYear: 2023, tier: 'Tier 2' }], 'test://examplia-uzb.txt'));
    s.importDocument(syntheticDocument([{ countryId: 'UZB', reportYear: 2022, tier: 'Tier 2', variant: 'b' }], 'test://examplia-uzb-2022.txt'));
    a = createApp(s);
  });
  afterAll(() => s.close());

  it('refuses an unknown country id with a 400 naming it', async () => {
    const res = await a.request('/search.json?q=examples&country=ZZZ,uzb');
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: string }).error).toBe('?country= has unknown country id "ZZZ" (use ISO 3166-1 alpha-3 codes such as TJK)');
    expect((await a.request('/search?q=examples&country=XYZ')).status).toBe(400);
    expect((await a.request('/search.json?q=examples&country=uzb')).status).toBe(200);
  });

  it('says so on a page beyond the last, with links back', async () => {
    const res = await a.request('/search?q=examples&page=7');
    expect(res.status).toBe(200);
    const body = await res.text();
    expect(body).toContain('Page 7 is beyond the last page of these results (1).');
    expect(body).toContain('<a href="/search?q=examples">Go to page 1</a>');
  });

  it('cites each side of a diff with its span', async () => {
    const body = await (await a.request('/countries/UZB/diff/2022/2023')).text();
    const from = s.getAssessment('UZB', 2022)!.source;
    const to = s.getAssessment('UZB', 2023)!.source;
    const side = (year: number, docId: number, span: { start: number; end: number }) =>
      `Source: <a href="https://www.state.gov/reports/${year}-trafficking-in-persons-report${year === 2019 ? '-2' : ''}/uzbekistan/" class="ext official" rel="noreferrer" title="The publisher’s country page">U.S. Department of State, <cite>${year} Trafficking in Persons Report</cite>: Uzbekistan</a>, narrative` +
      `<span class="how block">How we know: read from imported document ${docId}, which has no public address <span class="muted">characters ${span.start}–${span.end}</span>.</span>`;
    const a22 = s.getAssessment('UZB', 2022)!;
    const a23 = s.getAssessment('UZB', 2023)!;
    expect(body).toContain(`<p class="source">From: ${side(2022, a22.document.id, from)} · To: ${side(2023, a23.document.id, to)}</p>`);
    expect(body).not.toContain('examplia-uzb');
  });
});
