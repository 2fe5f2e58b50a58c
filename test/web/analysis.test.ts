import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COUNTRIES } from '../../src/countries/index.js';
import { openDerivingStore } from '../helpers/derivingStore.js';
import type { Store } from '../../src/store/index.js';
import { createApp } from '../../src/web/app.js';
import { FICTIONAL_COUNTRIES } from '../fixtures/countries.js';
import { multiyearDocument } from '../fixtures/multiyear.js';

let store: Store;
let app: ReturnType<typeof createApp>;
beforeAll(() => {
  store = openDerivingStore(':memory:', { countries: [...COUNTRIES, ...FICTIONAL_COUNTRIES] });
  for (const y of [2019, 2020, 2021, 2022, 2023]) {
    store.importDocument(multiyearDocument('mirovia', y));
  }
  app = createApp(store);
});
afterAll(() => store.close());

const get = async (url: string) => {
  const res = await app.request(url);
  return { res, text: await res.text() };
};

function noInlineStyleOrScript(html: string) {
  expect(html).not.toMatch(/\sstyle=/);
  expect(html).not.toMatch(/<script(?![^>]*\bsrc=)/);
}

describe('search', () => {
  it('shows hits with highlighted snippets, facets with counts and a JSON twin', async () => {
    const { res, text } = await get('/search?q=shelters');
    expect(res.status).toBe(200);
    expect(text).toContain('<h1>Search the narratives</h1>');
    expect(text).toMatch(/\d+ passages match <strong>shelters<\/strong>/);
    expect(text).toContain('<mark>shelters</mark>');
    expect(text).toContain('href="/search?q=shelters&amp;year=2023"');
    expect(text).toContain('<link rel="alternate" type="application/json" href="/search.json?q=shelters">');
    expect(text).toMatch(/<a href="\/countries\/XMR\/\d{4}#rec-\d+"><strong>Mirovia<\/strong>/);
    noInlineStyleOrScript(text);
    const json = await (await app.request('/search.json?q=shelters')).json();
    expect(json.total).toBeGreaterThan(0);
    expect(json.hits[0]).toMatchObject({ countryId: 'XMR', snippet: expect.any(String), highlights: expect.any(Array) });
    expect(Object.keys(json.facets)).toEqual(['year', 'tier', 'region', 'section']);
  });

  it('filters by repeated or comma-separated facets and pages', async () => {
    const a = await (await app.request('/search.json?q=victims&year=2022&year=2023&section=protection')).json();
    const b = await (await app.request('/search.json?q=victims&year=2022,2023&section=protection')).json();
    expect(a).toEqual(b);
    expect(a.hits.every((h: { reportYear: number; section: string }) => [2022, 2023].includes(h.reportYear) && h.section === 'protection')).toBe(true);
    const p2 = await (await app.request('/search.json?q=victims&limit=2&page=2')).json();
    expect(p2).toMatchObject({ limit: 2, offset: 2 });
  });

  it('answers a malformed query with 400 and the message: the error shape for JSON, the form for the page', async () => {
    for (const q of ['"unbalanced', 'AND OR', 'foo*bar(']) {
      const res = await app.request(`/search.json?q=${encodeURIComponent(q)}`);
      expect(res.status, q).toBe(400);
      const body = await res.json();
      expect(Object.keys(body).sort()).toEqual(['error', 'ok', 'status']);
      expect(body).toMatchObject({ ok: false, status: 400 });
      const page = await app.request(`/search?q=${encodeURIComponent(q)}`);
      expect(page.status).toBe(400);
      const html = await page.text();
      expect(html).toContain('The query cannot be searched');
      expect(html).toContain(`value="${q.replace(/"/g, '&quot;')}"`);
    }
    expect((await app.request('/search.json')).status).toBe(400);
    expect((await app.request('/search.json?q=x&tier=9')).status).toBe(400);
    expect((await app.request('/search.json?q=x&page=0')).status).toBe(400);
    expect((await app.request('/search')).status).toBe(200);
  });

  it('escapes what the user typed', async () => {
    const { text } = await get('/search?q=%3Cscript%3Ealert(1)%3C%2Fscript%3E');
    expect(text).not.toContain('<script>alert');
    expect(text).toContain('&lt;script&gt;');
  });
});

describe('year-over-year diff', () => {
  it('shows the narrative sentence by sentence with changed words marked, and a JSON twin', async () => {
    const { res, text } = await get('/countries/XMR/diff/2022/2023');
    expect(res.status).toBe(200);
    expect(text).toContain('Mirovia: the 2022 and 2023 narratives, sentence by sentence');
    expect(text).toContain('<del>five </del>');
    expect(text).toContain('<ins>nine </ins>');
    expect(text).toMatch(/<ins>Publicize and fund the national anti-trafficking hotline\.<\/ins>/);
    expect(text).toContain('<summary>1 unchanged sentence</summary>');
    expect(text).toContain('href="/countries/XMR/diff/2019/2020"');
    noInlineStyleOrScript(text);
    const json = await (await app.request('/countries/XMR/diff/2022/2023.json')).json();
    expect(json).toMatchObject({ countryId: 'XMR', from: { reportYear: 2022 }, to: { reportYear: 2023 } });
    expect(json.counts.changed).toBeGreaterThan(0);
    // Each side cites its narrative: document and where it is in the document's text, in the page and its twin.
    const stored = store.getAssessment('XMR', 2023)!;
    expect(json.to.cite).toMatchObject({ reportYear: 2023, section: 'narrative', document: { id: stored.document.id }, span: { start: stored.source.start, end: stored.source.end } });
    expect(text).toContain(`characters ${stored.source.start}–${stored.source.end}`);
  });

  it('orders the years, and says clearly when a year is missing', async () => {
    const back = await app.request('/countries/XMR/diff/2023/2022.json');
    expect(back.status).toBe(301);
    expect(back.headers.get('location')).toBe('/countries/XMR/diff/2022/2023.json');
    expect((await app.request('/countries/xmr/diff/2022/2023')).status).toBe(301);
    const missing = await app.request('/countries/XMR/diff/2010/2023.json');
    expect(missing.status).toBe(404);
    expect((await missing.json()).error).toBe('no 2010 narrative of Mirovia is held (narratives held: 2019, 2020, 2021, 2022, 2023)');
    expect((await app.request('/countries/XMR/diff/2023/2023.json')).status).toBe(400);
    expect((await app.request('/countries/XMR/diff/20x3/2023.json')).status).toBe(400);
    expect((await app.request('/countries/ZZZ/diff/2022/2023.json')).status).toBe(404);
  });
});

describe('indicators and recommendation tracking', () => {
  it('serves the indicators as CSV and JSON', async () => {
    const csv = await app.request('/countries/XMR/indicators.csv');
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toMatch(/^text\/csv/);
    const text = await csv.text();
    expect(text.split('\n')[0]).toMatch(/^country_id,report_year,indicator,status,value,value_text/);
    expect(text).toContain('XMR,2022,convictions,none-reported,,none reported,,,,,,,,2,prosecution,');
    const json = await (await app.request('/countries/XMR/indicators.json')).json();
    expect(json.country.id).toBe('XMR');
    expect(json.years).toEqual([2019, 2020, 2021, 2022, 2023]);
    expect(json.rows.map((r: { kind: string }) => r.kind)).toContain('victims-referred');
  });

  it('serves the tracking of every year as JSON', async () => {
    const json = await (await app.request('/countries/XMR/recommendations.json')).json();
    expect(json.years).toHaveLength(5);
    expect(json.years[4].recommendations[0].label).toBe('first recommended in 2019 · repeated 5 years in a row');
    expect(json.years[1].dropped).toHaveLength(1);
  });

  it('shows them on the profile: the indicators table linking to its sentences, tracking notes, what was dropped', async () => {
    const { res, text } = await get('/countries/XMR');
    expect(res.status).toBe(200);
    expect(text).toContain('<h2 id="ind-h">Indicators stated in the narratives</h2>');
    const cell = /<a href="#(ind-2022-convictions-\d+)">none reported \(2nd consecutive year\)<\/a>/.exec(text);
    expect(cell).not.toBeNull();
    expect(text).toContain(`<li id="${cell![1]}" class="shown">`);
    expect(text).toContain('first recommended in 2019 · repeated 5 years in a row');
    expect(text).toContain('<span class="pillar pillar-protection">Protection</span>');
    expect(text).toContain('Dropped since the 2022 report (2)');
    expect(text).toContain('href="/countries/XMR/diff/2022/2023"');
    noInlineStyleOrScript(text);
    const json = await (await app.request('/countries/XMR.json')).json();
    expect(json.indicators.rows.find((r: { kind: string }) => r.kind === 'convictions').cells[3]).toMatchObject({
      status: 'none-reported',
      consecutiveYears: 2,
      reportYear: 2022,
      section: 'prosecution',
    });
    expect(json.recommendationTracking).toMatchObject({ reportYear: 2023, previousYear: 2022 });
  });
});

describe('recommendation tracking when a list is cut short (Examplia: its 2021 list stops mid-sentence)', () => {
  let ex: Store;
  let exApp: ReturnType<typeof createApp>;
  beforeAll(() => {
    ex = openDerivingStore(':memory:', { countries: [...COUNTRIES, ...FICTIONAL_COUNTRIES] });
    for (const y of [2020, 2021, 2022, 2023]) {
      ex.importDocument(multiyearDocument('examplia', y));
    }
    exApp = createApp(ex);
  });
  afterAll(() => ex.close());

  it('the profile of the cut-short year does not say what was dropped, and lists what its part does not hold', async () => {
    const text = await (await exApp.request('/countries/XEX/2021')).text();
    expect(text).not.toContain('Dropped since the 2020 report (');
    expect(text).toContain('<summary>Dropped since the 2020 report: not known, the 2021 list is cut short (2 not in the part held)</summary>');
    expect(text).toContain('so whether they were dropped is not known');
    expect(text).toMatch(/<a href="\/countries\/XEX\/2020#rec-4">2020 no\. 4<\/a>: End the compulsory mobilization/);
    noInlineStyleOrScript(text);
  });

  it('the profile after it marks what the cut-short list does not hold, not "new", and its JSON twin says the same', async () => {
    const text = await (await exApp.request('/countries/XEX/2022')).text();
    expect(text).toContain('<span class="history">not in the part of the 2021 list held (cut short)</span>');
    expect(text).not.toContain('<span class="history">new this year</span>');
    expect(text).toContain('The 2021 list held is cut short: a recommendation of 2022 not in the part held is marked so');
    expect(text).toContain('Dropped since the 2021 report (2)');
    const json = await (await exApp.request('/countries/XEX/2022.json')).json();
    expect(json.recommendationTracking).toMatchObject({ reportYear: 2022, cutShort: false, previousCutShort: true, droppedUnknown: [] });
    expect(json.recommendationTracking.recommendations[2]).toMatchObject({ status: 'not-in-part-held', label: 'not in the part of the 2021 list held (cut short)' });
    const all = await (await exApp.request('/countries/XEX/recommendations.json')).json();
    expect(all.years[1]).toMatchObject({ reportYear: 2021, cutShort: true, dropped: [] });
    expect(all.years[1].droppedUnknown.map((d: { number: number }) => d.number)).toEqual([4, 5]);
    expect(all.years[3].recommendations[2].label).toBe('first recommended in 2022 or earlier · repeated 2 years in a row');
  });
});
