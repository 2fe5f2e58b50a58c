/**
 * What the reader is told must be true (issue 15): the profile's headline is the latest known placement, comparisons
 * across years not held say so, the home page opens on a year whose placements are at least 95% known, compare takes
 * names, and empty states speak to readers. Over fictional countries (Mirovia, Examplia, Quuxland) with fictional
 * shipped placements written to a temporary data folder.
 */
import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COUNTRIES } from '../../src/countries/index.js';
import { homeReportYear, knownShare } from '../../src/domain/index.js';
import type { Store } from '../../src/store/index.js';
import { openSqliteStore } from '../../src/store/index.js';
import { CONFLICTS_FILE, PLACEMENTS_FILE, REPORT_YEARS_FILE } from '../../src/store/shippedData.js';
import { GOODS_FILE, UNODC_FILE } from '../../src/store/contextData.js';
import { createApp } from '../../src/web/app.js';
import { FICTIONAL_COUNTRIES } from '../fixtures/countries.js';
import { multiyearDocument } from '../fixtures/multiyear.js';

let dir: string;
let store: Store;
let empty: Store;
let app: ReturnType<typeof createApp>;
let emptyApp: ReturnType<typeof createApp>;

/** Fictional shipped facts: Mirovia placed 2019–2025 (Tier 3 in 2025), Quuxland 2019–2024, Examplia 2019–2023. */
function writeData(dataDir: string): void {
  const rows: string[] = [];
  const tiers: Record<string, Record<number, string>> = {
    XMR: { 2019: 'Tier 2', 2020: 'Tier 2', 2021: 'Tier 2', 2022: 'Tier 2 Watch List', 2023: 'Tier 2 Watch List', 2024: 'Tier 2 Watch List', 2025: 'Tier 3' },
    XQU: { 2019: 'Tier 1', 2020: 'Tier 1', 2021: 'Tier 1', 2022: 'Tier 1', 2023: 'Tier 1', 2024: 'Tier 2' },
    XEX: { 2019: 'Tier 2', 2020: 'Tier 2', 2021: 'Tier 2', 2022: 'Tier 2 Watch List', 2023: 'Tier 2 Watch List' },
  };
  for (const [id, byYear] of Object.entries(tiers)) {
    for (const [year, tier] of Object.entries(byYear)) rows.push(`${year},${id},${tier},dataset,fictional test data`);
  }
  writeFileSync(path.join(dataDir, PLACEMENTS_FILE), ['report_year,country_id,tier,basis,source', ...rows, ''].join('\n'));
  // 2024: 2 of 2 known (100%); 2025: 1 of 3 known (33%), the latest report.
  const years = ['2019,yes,', '2020,yes,', '2021,yes,', '2022,yes,', '2023,yes,', '2024,no,2', '2025,no,3'];
  writeFileSync(path.join(dataDir, REPORT_YEARS_FILE), ['report_year,complete,countries_in_report', ...years, ''].join('\n'));
  writeFileSync(path.join(dataDir, CONFLICTS_FILE), 'report_year,country_id,sightings\n');
  for (const f of [GOODS_FILE, UNODC_FILE]) copyFileSync(path.join('data', f), path.join(dataDir, f));
}

beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'tip-atlas-reader-'));
  writeData(dir);
  const opts = { countries: [...COUNTRIES, ...FICTIONAL_COUNTRIES], dataDir: dir };
  store = openSqliteStore(':memory:', opts);
  // Mirovia: 2019 and 2023 held, 2020–2022 not (a gap); Examplia: 2021 only.
  store.importDocument(multiyearDocument('mirovia', 2019));
  store.importDocument(multiyearDocument('mirovia', 2023));
  store.importDocument(multiyearDocument('examplia', 2021));
  app = createApp(store);
  empty = openSqliteStore(':memory:', opts);
  emptyApp = createApp(empty);
});
afterAll(() => {
  store.close();
  empty.close();
  rmSync(dir, { recursive: true, force: true });
});

async function get(a: ReturnType<typeof createApp>, url: string, status = 200): Promise<string> {
  const res = await a.request(url);
  expect(res.status, url).toBe(status);
  return res.text();
}

/** The text of an HTML fragment, tags removed. */
function text(h: string): string {
  return h.replace(/<[^>]+>/g, ' ').replace(/&amp;/g, '&').replace(/\s+/g, ' ');
}

describe('the profile headline', () => {
  it('is the latest known placement, with the narrative’s year beside it (page and JSON)', async () => {
    const body = await get(app, '/countries/XMR');
    expect(body).toContain('<h1>MIROVIA (Tier 3)</h1>');
    const meta = text(/<h1>[\s\S]*?<\/h1>\s*<p class="meta">([\s\S]*?)<\/p>/.exec(body)![1]!);
    expect(meta).toMatch(/Tier 3 in the 2025 Trafficking in Persons Report , the latest placement known · narrative: 2023 report , the latest held/);
    // Both tiers cited: the 2025 placement the title names, and the 2023 one of the narrative shown.
    expect(body).toMatch(/id="latest-tier"><summary>Source of the 2025 tier<\/summary><div class="src-body">Tier in 2025:/);
    expect(body).toContain('id="tier"><summary>Source of the 2023 tier</summary><div class="src-body">Tier in 2023:');
    expect(text(/<p class="notice">[\s\S]*?<\/p>/.exec(body)![0])).toContain('This page shows the 2023 report, the latest narrative held, in which Mirovia was on Tier 2 Watch List.');
    expect(body).toMatch(/<title>Mirovia \(Tier 3\) — 2025 TIP Report \(narrative: 2023\)/);
    const json = (await (await app.request('/countries/XMR.json')).json()) as { reportYear: number; headline: Record<string, unknown> };
    expect(json.reportYear).toBe(2023);
    expect(json.headline).toEqual({ tier: 'Tier 3', asterisk: false, reportYear: 2025, latest: true, narrativeYear: 2023, narrativeIsLatest: true });
  });

  it('is that year’s tier on a year’s page, which says a later placement is known', async () => {
    const body = await get(app, '/countries/XMR/2019');
    expect(body).toContain('<h1>MIROVIA (Tier 2)</h1>');
    expect(text(body)).toContain('A later placement is known: Tier 3 in the 2025 report . This page shows the 2019 report.');
    const json = (await (await app.request('/countries/XMR/2019.json')).json()) as { headline: Record<string, unknown> };
    expect(json.headline).toMatchObject({ tier: 'Tier 2', reportYear: 2019, latest: false, narrativeYear: 2019, narrativeIsLatest: false });
  });

  it('is the narrative’s tier when it is the latest placement', async () => {
    const body = await get(app, '/countries/XQU');
    expect(body).toContain('<h1>QUUXLAND (Tier 2)</h1>');
    expect(body).not.toContain('the latest placement known');
  });
});

describe('comparisons across years not held', () => {
  it('labels recommendations and the dropped list with the gap on the profile', async () => {
    const t = text(await get(app, '/countries/XMR/2023'));
    const gap = 'since the 2019 report, the previous one held (2020–2022 no recommendations held)';
    expect(t).toMatch(/new since the 2019 report, the previous one held \(2020–2022 no recommendations held\)/);
    expect(t).toMatch(new RegExp(`(Dropped|Nothing dropped) ${gap.replace(/[()]/g, '\\$&')}`));
    expect(t).not.toContain('new this year');
    expect(t).toContain('What changed in the narrative since the 2019 report, the previous one held (2020–2022 not held)');
  });

  it('says on the diff that the two reports are not consecutive', async () => {
    const t = text(await get(app, '/countries/XMR/diff/2019/2023'));
    expect(t).toContain('The 2019 and 2023 reports are not consecutive: what changed below may have changed in any report of 2020–2022, of which no narrative is held.');
    const json = (await (await app.request('/countries/XMR/diff/2019/2023.json')).json()) as { between: unknown };
    expect(json.between).toEqual({ from: 2020, to: 2022, narrativesHeld: [] });
  });
});

describe('the home page year', () => {
  it('opens on the latest year at least 95% known, says so, and links the latest report', async () => {
    const years = store.reportYears();
    const known = (y: number) => store.placementsForYear(y).length;
    expect(homeReportYear(years, known)).toBe(2024);
    expect(knownShare(years.find((y) => y.reportYear === 2025)!, known(2025))).toBeCloseTo(1 / 3);
    const body = await get(app, '/');
    expect(body).toContain('Tier placements in the 2024 report');
    expect(text(body)).toContain('This map shows the 2024 report , the latest whose placements are at least 95% known here (100%). The latest report is 2025');
    expect(body).toContain('<a href="/?year=2025">show the 2025 report</a>');
    // The stepper, and a way past the map's links.
    expect(body).toContain('<a href="/?year=2023" rel="prev">← 2023</a> <strong aria-current="page">2024</strong> <a href="/?year=2025" rel="next">2025 →</a>');
    expect(body).toMatch(/<a class="skip-map" href="#after-map">Skip the map \(\d+ country links\)<\/a>/);
    expect(body).toContain('id="after-map" tabindex="-1"');
    // (Hover and focus naming tier and movement: test/web/site.test.ts, on real outlines; fictional ones have none.)
    const json = (await (await app.request('/index.json')).json()) as Record<string, unknown>;
    expect(json).toMatchObject({ reportYear: 2024, chosenBy: 'rule', openingYear: 2024, latestYear: 2025, knownShare: 1 });
    const latest = await get(app, '/?year=2025');
    expect(latest).toContain('<a href="/">Back to the 2024 report</a>');
    expect(latest).toContain('<a href="/" rel="prev">← 2024</a>');
  });

  it('falls back to the latest year when none is 95% known, and skips years of unknown size', () => {
    const y = (reportYear: number, complete: boolean, countriesInReport: number | null) => ({ reportYear, complete, countriesInReport });
    expect(homeReportYear([y(2024, false, 100), y(2025, false, 100)], () => 50)).toBe(2025);
    expect(homeReportYear([y(2023, true, null), y(2024, false, null), y(2025, false, 100)], () => 94)).toBe(2023);
    expect(homeReportYear([y(2025, false, 100)], () => 95)).toBe(2025);
    expect(homeReportYear([], () => 0)).toBeNull();
  });
});

describe('compare by name', () => {
  it('takes names and aliases, on the page and in JSON, and a picker adds a country', async () => {
    const body = await get(app, '/compare?c=Mirovia,Republic%20of%20Examplia');
    expect(body).toContain('<input id="compare-c" name="c" value="Mirovia, Examplia"');
    expect(body).toContain('<select id="compare-add" name="c">');
    expect(body).toContain('<input type="hidden" name="c" value="XMR">');
    expect(body).not.toContain('<option value="XMR">');
    const json = (await (await app.request('/compare.json?c=mirovian%20republic&c=Korea,%20South')).json()) as { ids: string[] };
    expect(json.ids).toEqual(['XMR', 'KOR']);
    const byIds = (await (await app.request('/compare.json?c=XMR%20XEX')).json()) as { ids: string[] };
    expect(byIds.ids).toEqual(['XMR', 'XEX']);
  });

  it('answers an unknown name with the closest known ones', async () => {
    const res = await app.request('/compare.json?c=Tajikstan');
    expect(res.status).toBe(404);
    expect(await res.json()).toEqual({ ok: false, status: 404, error: 'unknown country: Tajikstan (did you mean Tajikistan?)' });
  });

  it('labels summaries of different reports, and compares one report year with ?year=', async () => {
    const body = await get(app, '/compare?c=XMR,XEX');
    const t = text(body);
    expect(t).toContain('These summaries are of different reports (Mirovia: 2023, Examplia: 2021): each is the latest narrative held of its country.');
    expect(t).toContain('No report year is held with a narrative of each of them.');
    expect(body).toContain('Mirovia — <span class="summary-year">2023 report</span>');
    const json = (await (await app.request('/compare.json?c=XMR,XEX')).json()) as Record<string, unknown>;
    expect(json).toMatchObject({ summaryYear: null, summaryYearsDiffer: true, commonNarrativeYears: [] });
    const y2023 = text(await get(app, '/compare?c=XMR,XEX&year=2023'));
    expect(y2023).toContain('Summaries of the 2023 report');
    expect(y2023).toContain('No narrative of the 2023 report is held for Examplia.');
  });
});

describe('empty states speak to readers', () => {
  it('says no narrative is held, without operator instructions', async () => {
    const search = await get(emptyApp, '/search?q=shelter');
    expect(text(search)).toContain('No country narrative is held on this site yet, so there is nothing to search.');
    for (const url of ['/', '/countries/XMR', '/data', '/search?q=shelter', '/compare?c=XMR']) {
      const body = await get(emptyApp, url);
      expect(body, url).not.toMatch(/tip-atlas import|you import|Import a report/);
    }
    expect(text(await get(emptyApp, '/countries/XMR'))).toContain('No narrative of Mirovia is held on this site');
  });
});
