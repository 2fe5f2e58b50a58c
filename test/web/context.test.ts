/**
 * The context beside the narrative: the Department of Labor's List of Goods and UNODC's figures, from the shipped
 * files through the store to the profile, its JSON twin, `show`, the countries list, the map layer and the
 * downloads. Expected values are read from the research data in ../shared/data/context (skipped, saying so, when
 * it is absent) — never written into the test.
 */
import { existsSync, readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compileContext } from '../../scripts/compile-context.js';
import { CONTEXT_SOURCES, DEFAULT_SOURCE_DIR } from '../../scripts/compile-data.js';
import { parseCsvRecords } from '../../src/domain/csv.js';
import { GOODS_SOURCE, UNODC_SOURCE, type UnodcFigure } from '../../src/domain/context.js';
import { unodcPanel } from '../../src/analysis/context.js';
import type { IndicatorTable } from '../../src/analysis/indicators.js';
import { openDerivingStore } from '../helpers/derivingStore.js';
import type { Store } from '../../src/store/index.js';
import { createApp } from '../../src/web/app.js';
import { profileText } from '../../src/cli/show.js';
import { profileView } from '../../src/views/views.js';
import { getCountryById } from '../../src/countries/index.js';
import { runCli, tempDir } from '../helpers/cli.js';

const GOODS_PATH = `${DEFAULT_SOURCE_DIR}/${CONTEXT_SOURCES.goods}`;
const UNODC_PATH = `${DEFAULT_SOURCE_DIR}/${CONTEXT_SOURCES.unodc}`;
const HAVE_CONTEXT = existsSync(GOODS_PATH) && existsSync(UNODC_PATH);
if (!HAVE_CONTEXT) console.warn(`../shared/data/context is absent (${DEFAULT_SOURCE_DIR}): the tests against the research data are skipped`);

const unescape = (s: string) => s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&').replace(/&#39;|&#x27;/g, "'").replace(/&quot;/g, '"');

let store: Store;
let app: ReturnType<typeof createApp>;
beforeAll(() => {
  store = openDerivingStore(':memory:');
  app = createApp(store, { now: () => new Date('2026-12-06T00:00:00Z') });
});
afterAll(() => store.close());

describe('compile step: the context files', () => {
  const goodsHeader = 'good,sector,country,region,child_labor,forced_labor,forced_child_labor,derived_labor_exploitation,derived_country';
  const unodcHeader = 'Iso3_code,Country,Region,Subregion,Indicator,Dimension,Category,Sex,Age,Year,Unit of measurement,txtVALUE,Source';
  const unodcRow = (code: string, name: string, value: string, year = '2019') =>
    `${code},${name},Asia,Central Asia,Persons convicted,Total,Total,Total,Total,${year},Counts,${value},GLOTIP`;

  it('ships rows that resolve, reports the others with their counts, and keeps values as written', () => {
    const problems: string[] = [];
    const out = compileContext(
      {
        goods: [goodsHeader, 'Cotton,Agriculture,Tajikistan,X,Yes,Yes,No,No,No', 'Hazelnuts,Agriculture,Turkey (Türkiye),X,Yes,No,No,No,No', 'Salt,Mining,Atlantis,X,Yes,No,No,No,No'].join('\n'),
        unodc: [unodcHeader, unodcRow('TJK', 'Tajikistan', '<5'), unodcRow('TJK', 'Tajikistan', '"1,252"', '2020'), unodcRow('SAM', '', '12'), unodcRow('LIE', 'Liechtenstein', '7')].join('\n'),
      },
      problems,
    );
    expect(problems).toEqual([]);
    const goods = parseCsvRecords(out!.goods).records;
    expect(goods.map((r) => `${r.country_id} ${r.good} ${r.forced_labor} ${r.source_row}`)).toEqual(['TJK Cotton Yes 2', 'TUR Hazelnuts No 3']);
    const unodc = parseCsvRecords(out!.unodc).records;
    expect(unodc.map((r) => `${r.country_id} ${r.year} ${r.value} ${r.source_row}`)).toEqual(['TJK 2019 <5 2', 'TJK 2020 1,252 3']);
    expect(out!.unresolved).toEqual([
      { file: GOODS_SOURCE.sourceFile, what: 'Atlantis', rows: 1 },
      { file: UNODC_SOURCE.sourceFile, what: 'LIE | Liechtenstein', rows: 1 },
      { file: UNODC_SOURCE.sourceFile, what: 'SAM | (no name)', rows: 1 },
    ]);
    expect(out!.stats).toMatchObject({ goodsRead: 3, goodsShipped: 2, unodcRead: 4, unodcShipped: 2 });
  });

  it('refuses a value that is neither a count nor <5, an unknown flag, and a duplicate good', () => {
    const problems: string[] = [];
    const out = compileContext(
      {
        goods: [goodsHeader, 'Cotton,Agriculture,Tajikistan,X,Maybe,Yes,No,No,No', 'Bricks,Manufacturing,Tajikistan,X,Yes,No,No,No,No', 'Bricks,Manufacturing,Tajikistan,X,Yes,No,No,No,No'].join('\n'),
        unodc: [unodcHeader, unodcRow('TJK', 'Tajikistan', 'n/a')].join('\n'),
      },
      problems,
    );
    expect(out).toBeUndefined();
    expect(problems.join('\n')).toMatch(/"Maybe", not Yes or No/);
    expect(problems.join('\n')).toMatch(/the same good and country as record 3/);
    expect(problems.join('\n')).toMatch(/value "n\/a" is neither a count nor <5/);
  });

  it.skipIf(!HAVE_CONTEXT)('every row of both research files is shipped or reported, and the shipped files are what the store holds', () => {
    const problems: string[] = [];
    const goodsText = readFileSync(GOODS_PATH, 'utf8');
    const unodcText = readFileSync(UNODC_PATH, 'utf8');
    const out = compileContext({ goods: goodsText, unodc: unodcText }, problems);
    expect(problems).toEqual([]);
    const reported = (file: string) => out!.unresolved.filter((u) => u.file === file).reduce((n, u) => n + u.rows, 0);
    const goodsRows = parseCsvRecords(goodsText).records.length;
    const unodcRows = parseCsvRecords(unodcText.replace(/^\uFEFF/, '')).records.length;
    expect(out!.stats.goodsShipped + reported(GOODS_SOURCE.sourceFile)).toBe(goodsRows);
    expect(out!.stats.unodcShipped + reported(UNODC_SOURCE.sourceFile)).toBe(unodcRows);
    // Every shipped row names a registry country; the store holds exactly the shipped rows.
    for (const id of new Set(parseCsvRecords(out!.unodc).records.map((r) => r.country_id!))) expect(getCountryById(id)?.id).toBe(id);
    expect(store.goods().length).toBe(out!.stats.goodsShipped);
    expect(store.unodcFigures().length).toBe(out!.stats.unodcShipped);
  });
});

describe.skipIf(!HAVE_CONTEXT)("Tajikistan's profile against the research data", () => {
  const goods = () => parseCsvRecords(readFileSync(GOODS_PATH, 'utf8')).records.filter((r) => r.country === 'Tajikistan');
  const unodc = () => parseCsvRecords(readFileSync(UNODC_PATH, 'utf8').replace(/^\uFEFF/, '')).records.filter((r) => r.Iso3_code === 'TJK');
  const totals = (indicator: string) =>
    unodc().filter((r) => r.Indicator === indicator && r.Dimension === 'Total' && r.Category === 'Total' && r.Sex === 'Total' && r.Age === 'Total');

  it('shows cotton with the kinds the List gives it and the List’s citation', async () => {
    const cotton = goods().find((r) => r.good === 'Cotton');
    expect(cotton, 'the List names cotton from Tajikistan').toBeDefined();
    const page = unescape(await (await app.request('/countries/TJK')).text());
    const section = page.slice(page.indexOf('id="goods-h"'), page.indexOf('</section>', page.indexOf('id="goods-h"')));
    expect(section).toContain('>Cotton</a>');
    if (cotton!.forced_labor === 'Yes') expect(section).toContain('<li>forced labor</li>');
    if (cotton!.child_labor === 'Yes') expect(section).toContain('<li>child labor</li>');
    expect(section).toContain(GOODS_SOURCE.citation);
    expect(section).toContain(GOODS_SOURCE.url);
    const json = (await (await app.request('/countries/TJK.json')).json()) as { context: { goods: { source: { edition: number }; items: { good: string; kinds: string[] }[] } } };
    expect(json.context.goods.source.edition).toBe(GOODS_SOURCE.edition);
    expect(json.context.goods.items.find((g) => g.good === 'Cotton')?.kinds).toEqual(expect.arrayContaining(['forced labor', 'child labor']));
  });

  it("shows UNODC's series as written, a year without data as no data, with UNODC's citation and export date", async () => {
    const page = unescape(await (await app.request('/countries/TJK')).text());
    const start = page.indexOf('id="unodc-h"');
    const section = page.slice(start, page.indexOf('</section>', start));
    expect(section).toContain(UNODC_SOURCE.citation);
    expect(section).toContain(UNODC_SOURCE.exportDate);
    const json = (await (await app.request('/countries/TJK.json')).json()) as {
      context: { unodc: { years: number[]; series: { indicator: string; byYear: ({ value: string }[] | null)[] }[] } };
    };
    const u = json.context.unodc;
    for (const indicator of ['Detected trafficking victims', 'Persons prosecuted', 'Persons convicted']) {
      const rows = totals(indicator);
      const series = u.series.find((s) => s.indicator === indicator)!;
      expect(series, indicator).toBeDefined();
      for (const [i, year] of u.years.entries()) {
        const expected = rows.filter((r) => Number(r.Year) === year).map((r) => r.txtVALUE);
        // A year without a row is null ("no data"), never 0.
        expect(series.byYear[i]?.map((v) => v.value) ?? [], `${indicator} ${year}`).toEqual(expected);
      }
      // The table row of the latest year shows the value as written.
      const last = rows.at(-1)!;
      expect(section).toMatch(new RegExp(`<tr><td[^>]*>${last.Year}</td>[\\s\\S]*?<td[^>]*>${last.txtVALUE}</td>`));
    }
    const missing = u.years.find((y, i) => u.series[0]!.byYear[i] === null);
    if (missing !== undefined) expect(section).toMatch(new RegExp(`<tr><td[^>]*>${missing}</td><td class="nodata"[^>]*>no data</td>`));
  });

  it('keeps a <5 as written on the page and in /data/unodc.csv, with its row in the export', async () => {
    const all = unodc();
    const index = all.findIndex((r) => r.txtVALUE === '<5' && r.Dimension === 'Total' && r.Category === 'Total' && r.Sex === 'Total' && r.Age === 'Total');
    expect(index, 'the export has a <5 total for Tajikistan').toBeGreaterThanOrEqual(0);
    const row = all[index]!;
    const page = unescape(await (await app.request('/countries/TJK')).text());
    expect(page).toMatch(new RegExp(`<tr><td[^>]*>${row.Year}</td>[^\\n]*<td[^>]*><5</td>`));
    const csv = await (await app.request('/data/unodc.csv')).text();
    const records = parseCsvRecords(csv).records.filter((r) => r.country_id === 'TJK' && r.year === row.Year && r.indicator === row.Indicator && r.sex === 'Total' && r.age === 'Total' && r.dimension === 'Total');
    expect(records.map((r) => r.value)).toContain('<5');
    expect(records[0]!.source).toBe(UNODC_SOURCE.citation);
    // The source row points at the very row of the export (header = row 1).
    const sourceLines = readFileSync(UNODC_PATH, 'utf8').split('\n');
    for (const r of records) expect(sourceLines[Number(r.source_row) - 1]).toContain(`,${r.value},GLOTIP`);
  });

  it('prints both in tip-atlas show, with their citations', () => {
    const text = profileText(profileView(store, getCountryById('TJK')!));
    expect(text).toMatch(/GOODS PRODUCED WITH FORCED OR CHILD LABOR[\s\S]*Cotton\s+Agriculture\s+forced labor, child labor/);
    expect(text).toContain(GOODS_SOURCE.citation);
    expect(text).toContain(UNODC_SOURCE.citation);
    expect(text).toMatch(/Persons convicted\s+\d{4}: /);
  });
});

describe('context everywhere else', () => {
  it('/countries?good=cotton lists the countries the List names for cotton, with a goods facet', async () => {
    const expected = store.goods({ good: 'cotton' }).map((g) => g.countryId);
    expect(expected.length).toBeGreaterThan(0);
    const json = (await (await app.request('/countries.json?good=cotton')).json()) as {
      count: number;
      filters: { good: string };
      countries: { id: string; goodKinds: string[] }[];
      facets: { goods: { good: string; countries: number }[] };
    };
    expect(json.filters.good).toBe('Cotton');
    expect(json.countries.map((c) => c.id).sort()).toEqual([...expected].sort());
    expect(json.facets.goods.find((g) => g.good === 'Cotton')?.countries).toBe(expected.length);
    const page = await (await app.request('/countries?good=cotton')).text();
    expect(page).toContain('<select id="f-good" name="good">');
    expect(page).toContain('<option value="Cotton" selected>');
    expect(page).toMatch(/Tajikistan<\/a><span class="cite block">Cotton: forced labor, child labor/);
    const unknown = await app.request('/countries.json?good=unobtainium');
    expect(unknown.status).toBe(404);
    expect(((await unknown.json()) as { error: string }).error).toMatch(/unobtainium/);
  });

  it('/data/goods.csv has the documented columns, and /data lists both downloads with them', async () => {
    const res = await app.request('/data/goods.csv');
    expect(res.headers.get('Content-Type')).toMatch(/text\/csv/);
    const { header, records } = parseCsvRecords(await res.text());
    expect(records.length).toBe(store.goods().length);
    const data = await (await app.request('/data.json')).json() as { downloads: { path: string; columns: { name: string }[] }[] };
    for (const path of ['/data/goods.csv', '/data/unodc.csv']) {
      const d = data.downloads.find((x) => x.path === path);
      expect(d, path).toBeDefined();
      if (path === '/data/goods.csv') expect(d!.columns.map((c) => c.name)).toEqual(header);
    }
    const unodcHeader = parseCsvRecords((await (await app.request('/data/unodc.csv')).text()).split('\n').slice(0, 2).join('\n')).header;
    expect(data.downloads.find((x) => x.path === '/data/unodc.csv')!.columns.map((c) => c.name)).toEqual(unodcHeader);
    const openapi = await (await app.request('/api/openapi.json')).json() as { paths: Record<string, { get: { parameters?: { name: string }[] } }> };
    expect(openapi.paths['/data/unodc.csv']).toBeDefined();
    expect(openapi.paths['/countries']!.get.parameters!.map((p) => p.name)).toContain('good');
    expect(openapi.paths['/']!.get.parameters!.map((p) => p.name)).toContain('layer');
  });

  it('/?layer=goods colours the map by the List, with a legend, counts and source; works as links without JavaScript', async () => {
    const tiers = await (await app.request('/')).text();
    expect(tiers).toContain('href="/?year=');
    expect(tiers).toMatch(/<a href="\/\?year=\d{4}&amp;layer=goods">Goods produced with forced labor<\/a>/);
    const page = unescape(await (await app.request('/?layer=goods')).text());
    const forcedIds = [...new Set(store.goods().filter((g) => g.forcedLabor || g.forcedChildLabor).map((g) => g.countryId))];
    expect(page).toContain(`goods produced with forced labor on the List: <strong>${forcedIds.length}</strong>`);
    expect(page).toContain(GOODS_SOURCE.citation);
    if (forcedIds.includes('TJK')) expect(page).toMatch(/aria-label="Tajikistan: goods produced with forced labor on the List: [^"]*Cotton/);
    expect(page).toContain('<input type="hidden" name="layer" value="goods">');
    expect((await app.request('/?layer=bogus')).status).toBe(400);
  });

  it('a country without data shows neither panel', async () => {
    const without = store.listCountries().find((c) => store.goods({ countryId: c.id }).length === 0 && store.unodcFigures(c.id).length === 0);
    expect(without).toBeDefined();
    const page = await (await app.request(`/countries/${without!.id}`)).text();
    expect(page).not.toContain('id="goods-h"');
    expect(page).not.toContain('id="unodc-h"');
  });

  it('tip-atlas show --json carries the same context as the JSON twin', async () => {
    const t = tempDir();
    try {
      const r = await runCli(['show', 'TJK', '--json', '--db', `${t.dir}/x.db`]);
      expect(r.code).toBe(0);
      const twin = await (await app.request('/countries/TJK.json')).json() as { context: unknown };
      expect((JSON.parse(r.stdout) as { context: unknown }).context).toEqual(twin.context);
    } finally {
      t.cleanup();
    }
  });
});

describe('unodcPanel (pure)', () => {
  const row = (year: number, value: string, sourceRow: number, extra: Partial<UnodcFigure> = {}): UnodcFigure => ({
    countryId: 'XEX',
    year,
    indicator: 'Persons convicted',
    dimension: 'Total',
    category: 'Total',
    sex: 'Total',
    age: 'Total',
    value,
    sourceRow,
    ...extra,
  });

  it('keeps both rows of a cell the export gives twice, leaves a missing year null, and never sums breakdowns', () => {
    const p = unodcPanel([row(2018, '12', 2), row(2020, '<5', 3), row(2020, '7', 4), row(2020, '5', 5, { sex: 'Female' }), row(2020, '<5', 6, { sex: 'Male' })])!;
    expect(p.years).toEqual([2018, 2019, 2020]);
    expect(p.series[0]!.byYear).toEqual([[{ value: '12', sourceRow: 2 }], null, [{ value: '<5', sourceRow: 3 }, { value: '7', sourceRow: 4 }]]);
    expect(p.breakdowns[0]!.bySexAge.map((r) => `${r.sex} ${r.values.map((v) => v.value).join('/')}`)).toEqual(['Female 5', 'Male <5']);
    expect(unodcPanel([])).toBeNull();
  });

  it("puts the report's stated figure of the following report year beside UNODC's calendar year", () => {
    const fact = { reportYear: 2021, kind: 'convictions', valueText: '17', anchor: 'ind-2021-convictions-1' };
    const table = { years: [2021], rows: [{ kind: 'convictions', label: 'Convictions', cells: [fact] }], facts: [] } as unknown as IndicatorTable;
    const p = unodcPanel([row(2020, '15', 2), row(2019, '9', 3)], table)!;
    expect(p.beside).toEqual([{ indicator: 'Persons convicted', year: 2020, unodc: [{ value: '15', sourceRow: 2 }], report: fact }]);
  });
});
