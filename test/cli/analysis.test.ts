import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COUNTRIES } from '../../src/countries/index.js';
import { openDerivingStore } from '../helpers/derivingStore.js';
import { FICTIONAL_COUNTRIES } from '../fixtures/countries.js';
import { multiyearDocument } from '../fixtures/multiyear.js';
import { runCli, tableCounts, tempDir } from '../helpers/cli.js';
import { HAVE_CORPUS, NO_CORPUS_REASON, SEED_FILE } from '../helpers/shared.js';

const tmp = tempDir();
const db = join(tmp.dir, 'analysis.db');
afterAll(() => tmp.cleanup());

beforeAll(() => {
  const store = openDerivingStore(db, { countries: [...COUNTRIES, ...FICTIONAL_COUNTRIES] });
  for (const y of [2019, 2020, 2021, 2022, 2023]) {
    store.importDocument(multiyearDocument('mirovia', y, `mirovia-${y}.txt`));
  }
  store.close();
}, 60_000); // five imports with their derive stage: seconds on a loaded machine

describe('tip-atlas search', () => {
  it('prints hits with their source and marked matches, and the facet counts', async () => {
    const r = await runCli(['search', '"labor inspectors"', '--db', db]);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    expect(r.stdout).toMatch(/^1–3 of 3 passages match "labor inspectors"\n/);
    expect(r.stdout).toContain('  year: 2022 1, 2020 1, 2019 1');
    expect(r.stdout).toMatch(/ {2}1\. Mirovia \(XMR\) · \d{4} · Tier 2[^\n]* · Recommendation 4\n {5}[^\n]*\[labor inspectors\]/);
    // A hit names its document's public address, or its number when it has none (never the local path).
    expect(r.stdout).toMatch(/\[imported document \d+ \(no public address\), characters \d+–\d+\]/);
    expect(r.stdout).not.toContain('mirovia-');
  });

  it('filters by year and prints JSON', async () => {
    const r = await runCli(['search', 'cotton harvest', '--year', '2023', '--json', '--db', db]);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ q: 'cotton harvest', total: 0, hits: [] });
    const s = await runCli(['search', 'shelters', '--year', '2022,2023', '--section', 'recommendation', '--json', '--db', db]);
    const json = JSON.parse(s.stdout);
    expect(json.hits.length).toBeGreaterThan(0);
    expect(json.hits.every((h: { reportYear: number; section: string }) => h.reportYear >= 2022 && h.section === 'recommendation')).toBe(true);
  });

  it('exits 1 with a clear message on a malformed query or filter, 2 without a query, writing nothing', async () => {
    const before = tableCounts(db);
    for (const [args, message] of [
      [['"unbalanced'], /unbalanced quote/],
      [['AND OR'], /cannot start with AND/],
      [['foo*bar('], /a \* may only end a word/],
      [['x', '--tier', 'gold'], /unknown tier "gold"/],
      [['x', '--year', '1990'], /not a report year/],
      [['labor', '--country', 'ZZZ'], /--country has unknown country id "ZZZ"/],
    ] as const) {
      const r = await runCli(['search', ...args, '--db', db]);
      expect(r.code, args.join(' ')).toBe(1);
      expect(r.stderr).toMatch(message);
      expect(r.stderr).toMatch(/^tip-atlas: /);
      expect(r.stdout).toBe('');
    }
    expect((await runCli(['search', '--db', db])).code).toBe(2);
    expect((await runCli(['search', 'x', '--limit', '0', '--db', db])).code).toBe(2);
    expect(tableCounts(db)).toEqual(before);
  });
});

describe('tip-atlas diff', () => {
  it('prints the narratives of two years sentence by sentence with +/- markers', async () => {
    const r = await runCli(['diff', 'XMR', '2022', '2023', '--db', db]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('MIROVIA (XMR): 2022 → 2023 report');
    expect(r.stdout).toContain('== Prosecution');
    expect(r.stdout).toContain('- Authorities investigated [-five-] cases');
    expect(r.stdout).toContain('+ Authorities investigated {+nine+} cases');
    expect(r.stdout).toContain('+ Formalize partnerships with civil society organizations that assist victims.');
    expect(r.stdout).toMatch(/… \d+ unchanged sentences? …/);
    const all = await runCli(['diff', 'XMR', '2023', '2022', '--all', '--db', db]);
    expect(all.stdout).toContain('2022 → 2023');
    expect(all.stdout).not.toMatch(/unchanged sentences? …/);
  });

  it('prints JSON, and says which years are held when one is missing', async () => {
    const r = await runCli(['diff', 'XMR', '2021', '2022', '--json', '--db', db]);
    expect(JSON.parse(r.stdout)).toMatchObject({ countryId: 'XMR', from: { reportYear: 2021 }, to: { reportYear: 2022 } });
    const missing = await runCli(['diff', 'XMR', '2018', '2022', '--db', db]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('no 2018 narrative of Mirovia (XMR) is held; narratives held: 2019, 2020, 2021, 2022, 2023');
    expect((await runCli(['diff', 'XMR', '2022', '--db', db])).code).toBe(2);
    expect((await runCli(['diff', 'XMR', '2022', '2022', '--db', db])).code).toBe(2);
    expect((await runCli(['diff', 'Atlantis', '2022', '2023', '--db', db])).code).toBe(1);
  });
});

describe('tip-atlas show (terminal) has the recommendation tracking and the indicators', () => {
  it('marks each recommendation with its pillar, themes and history, lists what was dropped, and tabulates indicators with their sentences', async () => {
    const r = await runCli(['show', 'XMR', '--db', db]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^MIROVIA \(Tier 2 Watch List\)\n2023 Trafficking in Persons Report/);
    // Recommendation 1 has been made since 2019; no. 6 is new; the tracking line follows its recommendation.
    expect(r.stdout).toMatch(/ {3}1\. Adopt and implement SOPs[^[]*\[Protection · victim identification[^\]]*· first recommended in 2019 · repeated 5\s+years in a row \(2022 no\. 1\)\]/);
    expect(r.stdout).toMatch(/ {3}6\. Improve the collection of law enforcement data[^[]*\[Prosecution · data collection · new this year\]/);
    expect(r.stdout).toContain('DROPPED SINCE THE 2022 REPORT\n  2022 no. 4: Hire and train more labor inspectors');
    expect(r.stdout).toContain('INDICATORS STATED IN THE NARRATIVES (2019, 2020, 2021, 2022, 2023)');
    expect(r.stdout).toMatch(/ {2}Convictions {16}2019: five persons · 2020: four persons · 2021: none reported · 2022: none reported \(2nd consecutive year\) · 2023: two persons\n/);
    // The sentences of the shown year only, each with its section and span.
    expect(r.stdout).toMatch(/2023 Victims assisted: 38 — "The shelters assisted 38 victims\." \[2023 TIP Report,\s+protection, characters \d+–\d+\]/);
    expect(r.stdout).not.toContain('2019 Victims assisted: 26');
    const y2019 = await runCli(['show', 'XMR', '--year', '2019', '--db', db]);
    expect(y2019.stdout).toContain('2019 Victims assisted: 26');
    expect(y2019.stdout).not.toContain('DROPPED SINCE');
  });
});

describe('tip-atlas show when a list is cut short (Examplia: its 2021 list stops mid-sentence)', () => {
  const exDb = join(tmp.dir, 'examplia.db');
  beforeAll(() => {
    const store = openDerivingStore(exDb, { countries: [...COUNTRIES, ...FICTIONAL_COUNTRIES] });
    for (const y of [2020, 2021, 2022, 2023]) {
      store.importDocument(multiyearDocument('examplia', y, `examplia-${y}.txt`));
    }
    store.close();
  });

  it('says whether anything was dropped is not known, and marks what a cut-short list does not hold, as the page does', async () => {
    const y2021 = await runCli(['show', 'XEX', '--year', '2021', '--db', exDb]);
    expect(y2021.code).toBe(0);
    expect(y2021.stdout).toContain('DROPPED SINCE THE 2020 REPORT: NOT KNOWN, THE 2021 LIST IS CUT SHORT (2 NOT IN THE PART HELD)\n');
    expect(y2021.stdout).toMatch(/so\s+whether\s+they\s+were\s+dropped\s+is\s+not\s+known\./);
    expect(y2021.stdout).toMatch(/ {2}2020 no\. 4: End the compulsory mobilization/);
    const y2022 = await runCli(['show', 'XEX', '--year', '2022', '--db', exDb]);
    expect(y2022.stdout).toMatch(/ {3}3\. End government policies[^[]*\[Prevention · forced labor, children · not in the part of the\s+2021 list held \(cut short\)\]/);
    expect(y2022.stdout).not.toContain('new this year');
    expect(y2022.stdout).toContain('DROPPED SINCE THE 2021 REPORT\n  The 2021 list held is cut short:');
    const json = JSON.parse((await runCli(['show', 'XEX', '--year', '2021', '--json', '--db', exDb])).stdout);
    expect(json.recommendationTracking).toMatchObject({ cutShort: true, dropped: [] });
    expect(json.recommendationTracking.droppedUnknown).toHaveLength(2);
  });
});

describe.skipIf(!HAVE_CORPUS)(`tip-atlas show --json has the indicators (${HAVE_CORPUS ? 'seed' : NO_CORPUS_REASON})`, () => {
  it('gives convictions: none reported for the second consecutive year, and official complicity: none reported', async () => {
    const seedDb = join(tmp.dir, 'seed.db');
    expect((await runCli(['import', SEED_FILE, '--db', seedDb])).code).toBe(0);
    const r = await runCli(['show', 'TJK', '--json', '--db', seedDb]);
    expect(r.code).toBe(0);
    const p = JSON.parse(r.stdout);
    expect(p.indicators.years).toEqual([2023]);
    const cell = (kind: string) => p.indicators.rows.find((x: { kind: string }) => x.kind === kind)?.cells[0];
    expect(cell('convictions')).toMatchObject({ status: 'none-reported', consecutiveYears: 2, section: 'summary', reportYear: 2023 });
    expect(cell('official-complicity')).toMatchObject({ status: 'none-reported' });
    expect(p.recommendationTracking.recommendations).toHaveLength(10);
    expect(p.recommendationTracking.recommendations[0]).toMatchObject({ number: 1, pillar: 'protection', status: 'first-held' });
  });
});
