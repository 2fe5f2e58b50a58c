/**
 * Store behaviour around the shipped facts: "not known" vs "not in the report", the placement's basis,
 * duplicate narratives, a damaged data/ folder, canonical tiers, countries' report years. Shipped rows here are
 * small hand-made files (real registry ids, made-up tiers and sources); narratives are synthetic.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { InputError } from '../../src/domain/errors.js';
import { parseTierFilter, SearchQueryError } from '../../src/store/search.js';
import { CONFLICTS_FILE, parsePlacementsCsv, PLACEMENTS_FILE, REPORT_YEARS_FILE, ShippedDataError } from '../../src/store/shippedData.js';
import { LATEST_SCHEMA_VERSION, MIGRATIONS } from '../../src/store/sqlite/migrations.js';
import { openSqliteStore, type SqliteStore } from '../../src/store/sqlite/SqliteStore.js';
import { syntheticDocument } from '../fixtures/syntheticDocument.js';

let dir: string;
let dataDir: string;
const open: SqliteStore[] = [];

function writeData(placements: string[], years: string[]): void {
  mkdirSync(dataDir, { recursive: true });
  writeFileSync(path.join(dataDir, PLACEMENTS_FILE), ['report_year,country_id,tier,basis,source', ...placements, ''].join('\n'));
  writeFileSync(path.join(dataDir, REPORT_YEARS_FILE), ['report_year,complete,countries_in_report', ...years, ''].join('\n'));
}

function store(file = ':memory:', opts: Parameters<typeof openSqliteStore>[1] = {}): SqliteStore {
  const s = openSqliteStore(file, { dataDir, ...opts });
  open.push(s);
  return s;
}

beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'tip-atlas-fixes-'));
  dataDir = path.join(dir, 'data');
  writeData(['2020,TJK,Tier 2,derived,https://example.org/tjk', '2021,TJK,Tier 2 Watch List,seen,https://example.org/list'], ['2020,yes,', '2021,no,']);
});
afterEach(() => {
  for (const s of open.splice(0)) s.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('a narrative whose tier could not be read', () => {
  it('makes a complete year incomplete when the shipped list has no placement for its country ("not known", never "not in the report")', () => {
    const s = store();
    expect(s.reportYears().find((y) => y.reportYear === 2020)?.complete).toBe(true);
    s.importDocument(syntheticDocument([{ countryId: 'UZB', reportYear: 2020, tier: null }]));
    expect(s.getAssessment('UZB', 2020)?.tier).toBeNull();
    expect(s.placementsForYear(2020).map((p) => p.countryId)).toEqual(['TJK']);
    expect(s.reportYears().find((y) => y.reportYear === 2020)).toEqual({ reportYear: 2020, complete: false, countriesInReport: null });
  });

  it('leaves the year complete and the shipped placement shown when the shipped list places the country', () => {
    const s = store();
    s.importDocument(syntheticDocument([{ countryId: 'TJK', reportYear: 2020, tier: null }]));
    expect(s.reportYears().find((y) => y.reportYear === 2020)?.complete).toBe(true);
    expect(s.tierHistory('TJK').find((p) => p.reportYear === 2020)).toMatchObject({ origin: 'shipped', tier: 'Tier 2' });
  });

  it('stops counting once a later document gives the tier', () => {
    const s = store();
    s.importDocument(syntheticDocument([{ countryId: 'UZB', reportYear: 2020, tier: null }]));
    s.importDocument(syntheticDocument([{ countryId: 'UZB', reportYear: 2020, tier: 'Tier 3' }], 'test://later.txt'));
    expect(s.reportYears().find((y) => y.reportYear === 2020)?.complete).toBe(true);
  });
});

describe("a placement's basis", () => {
  it('is the shipped row\'s basis, and "narrative" for an imported placement, wherever placements are returned', () => {
    const s = store();
    expect(s.tierHistory('TJK').map((p) => [p.reportYear, p.basis])).toEqual([
      [2020, 'derived'],
      [2021, 'seen'],
    ]);
    expect(s.placementsForYear(2020)[0]).toMatchObject({ countryId: 'TJK', basis: 'derived', origin: 'shipped' });
    expect(s.listCountries().find((c) => c.id === 'TJK')?.latest).toMatchObject({ reportYear: 2021, basis: 'seen' });
    s.importDocument(syntheticDocument([{ countryId: 'TJK', reportYear: 2021, tier: 'Tier 3' }]));
    expect(s.tierHistory('TJK').at(-1)).toMatchObject({ origin: 'imported', basis: 'narrative', supersededShippedTier: 'Tier 2 Watch List' });
    expect(s.listCountries().find((c) => c.id === 'TJK')?.latest).toMatchObject({ basis: 'narrative' });
  });
});

describe('two narratives for one country and year in one document', () => {
  it('imports them with a document warning quoting both, the last as current', () => {
    const s = store();
    const doc = syntheticDocument([
      { countryId: 'UZB', reportYear: 2021, tier: 'Tier 2', variant: 'first' },
      { countryId: 'TJK', reportYear: 2021, tier: 'Tier 2' },
      { countryId: 'UZB', reportYear: 2021, tier: 'Tier 3', variant: 'second' },
    ]);
    const out = s.importDocument(doc);
    if (out.status !== 'imported') throw new Error('not imported');
    const second = doc.assessments[2]!.source;
    const expected = {
      message:
        '2 narratives for Republic of Examplia UZB (UZB) in 2021 in this document (assessments 1, 3); the most complete (3; the last when equally complete) is kept as current, the others as history',
      excerpt: expect.stringMatching(/^1: "REPUBLIC OF EXAMPLIA UZB: Tier 2 .*" \/ 3: "REPUBLIC OF EXAMPLIA UZB: Tier 3 /),
      span: { start: second.start, end: second.end },
    };
    expect(out.warnings).toEqual([expected]);
    const stored = s.documentWarnings(out.documentId);
    expect(stored).toHaveLength((doc.warnings ?? []).length + 1);
    expect(stored.at(-1)).toEqual(expected);
    expect(s.getAssessment('UZB', 2021)?.tier).toBe('Tier 3');
    expect(s.assessmentHistory('UZB', 2021).map((a) => a.tier)).toEqual(['Tier 3', 'Tier 2']);
  });

  it('adds no warning (and no warnings field) when every narrative is for a different country or year', () => {
    const s = store();
    const out = s.importDocument(syntheticDocument([{ countryId: 'UZB', reportYear: 2021, tier: 'Tier 2' }, { countryId: 'UZB', reportYear: 2020, tier: 'Tier 2' }]));
    expect(out).not.toHaveProperty('warnings');
  });
});

describe('a damaged data/ folder under an existing database', () => {
  it('keeps the shipped facts loaded earlier and reports a ShippedDataError naming the file', () => {
    const file = path.join(dir, 'atlas.db');
    store(file).close();
    writeFileSync(path.join(dataDir, PLACEMENTS_FILE), 'report_year,country_id,tier,basis,source\n2020,TJK,2wl,seen,x\n');
    const warnings: ShippedDataError[] = [];
    const s = store(file, { onWarning: (w) => warnings.push(w) });
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toBeInstanceOf(ShippedDataError);
    expect(warnings[0]!.message).toMatch(/keeping the shipped facts loaded earlier: .*tier-placements\.csv: line 2: unknown tier "2wl"/);
    expect(s.tierHistory('TJK').map((p) => p.tier)).toEqual(['Tier 2', 'Tier 2 Watch List']);

    rmSync(dataDir, { recursive: true });
    const seen: string[] = [];
    store(file, { onWarning: (w) => seen.push(w.message) });
    expect(seen).toEqual([expect.stringMatching(/cannot read shipped data: .*tier-placements\.csv/)]);
  });

  it('warns on stderr through process.emitWarning by default', () => {
    const file = path.join(dir, 'atlas.db');
    store(file).close();
    rmSync(dataDir, { recursive: true });
    const spy = vi.spyOn(process, 'emitWarning').mockImplementation(() => undefined);
    try {
      store(file);
      expect(spy).toHaveBeenCalledWith(expect.stringContaining('keeping the shipped facts loaded earlier'), {
        type: 'ShippedDataError',
        code: 'TIP_ATLAS_SHIPPED_DATA',
      });
    } finally {
      spy.mockRestore();
    }
  });

  it('does not warn when data/ reads fine', () => {
    const onWarning = vi.fn();
    const file = path.join(dir, 'atlas.db');
    store(file, { onWarning }).close();
    store(file, { onWarning });
    expect(onWarning).not.toHaveBeenCalled();
  });
});

describe('shipped tier conflicts (sources that disagree)', () => {
  it('are loaded with the shipped facts and returned per country, and reload when the file changes', () => {
    const file = path.join(dir, 'atlas.db');
    writeFileSync(path.join(dataDir, CONFLICTS_FILE), 'report_year,country_id,sightings\n2021,UZB,"Tier 2 (https://example.org/a) / Tier 3 (https://example.org/b)"\n');
    const s = store(file);
    expect(s.tierConflicts('uzb')).toEqual([{ reportYear: 2021, sightings: 'Tier 2 (https://example.org/a) / Tier 3 (https://example.org/b)' }]);
    expect(s.tierConflicts('TJK')).toEqual([]);
    s.close();
    writeFileSync(path.join(dataDir, CONFLICTS_FILE), 'report_year,country_id,sightings\n');
    expect(store(file).tierConflicts('UZB')).toEqual([]);
  });

  it('refuse a row naming an unknown country', () => {
    writeFileSync(path.join(dataDir, CONFLICTS_FILE), 'report_year,country_id,sightings\n2021,ZZZ,Tier 2 (x) / Tier 3 (y)\n');
    expect(() => store()).toThrow(/tier-conflicts\.csv.*line 2: unknown country "ZZZ"|line 2: unknown country "ZZZ"/);
  });
});

describe('shipped tiers are canonical', () => {
  it.each(['2wl', 'tier 2', 'TIER 2 - WATCH LIST', 'Tier 2 WL', '3', 'special case', 'Tier 4'])('rejects "%s" with a ShippedDataError', (tier) => {
    const parse = () => parsePlacementsCsv(`report_year,country_id,tier,basis,source\n2020,TJK,${tier},seen,x\n`, 'p.csv');
    expect(parse).toThrow(ShippedDataError);
    expect(parse).toThrow(InputError);
    expect(parse).toThrow(`p.csv: line 2: unknown tier "${tier}" (the file must write one of Tier 1 | Tier 2 | Tier 2 Watch List | Tier 3 | Special Case, optionally followed by *)`);
  });

  it('accepts the five names, with an asterisk', () => {
    const rows = parsePlacementsCsv('report_year,country_id,tier,basis,source\n2020,TJK,Tier 2 Watch List,seen,x\n2020,UZB,Tier 3*,seen,y\n');
    expect(rows.map((r) => [r.tier, r.asterisk])).toEqual([
      ['Tier 2 Watch List', false],
      ['Tier 3', true],
    ]);
  });
});

describe('search tier filter', () => {
  it('reads names and codes as domain tierFromCode does, and refuses anything else', () => {
    expect(['Tier 2 Watch List', 'tier 2 watch list', '2WL', ' sc ', '1'].map(parseTierFilter)).toEqual([
      'Tier 2 Watch List',
      'Tier 2 Watch List',
      'Tier 2 Watch List',
      'Special Case',
      'Tier 1',
    ]);
    expect(() => parseTierFilter('Tier 4')).toThrow(SearchQueryError);
    expect(() => parseTierFilter('Tier 4')).toThrow(/unknown tier "Tier 4"; use one of Tier 1, .* or 1, 2, 2wl, 3, sc/);
  });
});

describe("countries' report years in the store", () => {
  it('stores them from the registry, and fills them in a database of schema version 3', () => {
    const s = store();
    expect(s.getCountry('SCG')).toMatchObject({ lastReportYear: 2006 });
    expect(s.getCountry('SRB')).toMatchObject({ firstReportYear: 2007 });
    expect(s.getCountry('TJK')).not.toHaveProperty('firstReportYear');
    expect(s.listCountries().find((c) => c.id === 'ANT')).toMatchObject({ name: 'Netherlands Antilles', lastReportYear: 2010, latest: null });

    const file = path.join(dir, 'v3.db');
    const raw = new Database(file);
    for (const m of MIGRATIONS.filter((x) => x.version <= 3)) raw.exec(m.sql);
    raw.pragma('user_version = 3');
    raw.close();
    const upgraded = store(file);
    expect(upgraded.schemaVersion()).toBe(LATEST_SCHEMA_VERSION);
    expect(upgraded.getCountry('MNE')).toMatchObject({ firstReportYear: 2007 });
  });
});
