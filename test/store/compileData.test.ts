/**
 * scripts/compile-data.ts on small hand-made inputs. Country ids are real registry ids (the script checks them
 * against the registry); the tiers and sources are made up for the tests and are not facts.
 */
import { describe, expect, it } from 'vitest';
import { compile, CompileError, type CompileInput } from '../../scripts/compile-data.js';
import { parseCsvRecords } from '../../src/domain/csv.js';
import { TIERS, type Tier } from '../../src/domain/index.js';

type SourceRow = [year: number, id: string, name: string, tier: string, basis?: string, source?: string];

const DATASET = 'cho_merged_jk_2015-08-10.dta';
const YEAR_HEADER = 'report_year,countries_in_shipped_data,tier_1,tier_2,tier_2_watch_list,tier_3,special_case,countries_in_report_if_known,complete';

function cell(v: string | number): string {
  const s = String(v);
  return /[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/**
 * A source folder's three files. report-years.csv states the true counts of `rows` unless `years` overrides a
 * year's line (a full CSV line without the header).
 */
function input(rows: SourceRow[], opts: { years?: Record<number, string>; complete?: 'yes' | 'no'; conflicts?: string[] } = {}): CompileInput {
  const placements = [
    'report_year,country_id,country_name_in_source,tier,basis,source',
    ...rows.map(([y, id, name, tier, basis = 'dataset', source = DATASET]) => [y, id, name, tier, basis, source].map(cell).join(',')),
  ].join('\n');
  const years = [...new Set(rows.map((r) => r[0]))].sort();
  const line = (y: number) => {
    const inYear = rows.filter((r) => r[0] === y);
    const count = (t: Tier) => inYear.filter((r) => r[3] === t).length;
    return [y, inYear.length, ...TIERS.map(count), '', opts.complete ?? 'yes'].join(',');
  };
  const reportYears = [YEAR_HEADER, ...years.map((y) => opts.years?.[y] ?? line(y))].join('\n');
  const conflicts = ['report_year,country_id,sightings', ...(opts.conflicts ?? [])].join('\n');
  return { placements, reportYears, conflicts };
}

function problems(i: CompileInput): string[] {
  try {
    compile(i);
  } catch (err) {
    if (err instanceof CompileError) return err.problems;
    throw err;
  }
  throw new Error('compile accepted the input');
}

function shipped(i: CompileInput): string[] {
  return parseCsvRecords(compile(i).placements).records.map((r) => `${r.report_year} ${r.country_id} ${r.tier} | ${r.source}`);
}

describe('compile-data: Serbia and Montenegro', () => {
  it('ships the 2003–2006 SRB and MNE rows as one SCG placement, keeping later years as they are', () => {
    const out = shipped(
      input([
        [2004, 'SRB', 'Serbia', 'Tier 2 Watch List'],
        [2004, 'MNE', 'Montenegro', 'Tier 2 Watch List'],
        [2004, 'TJK', 'Tajikistan', 'Tier 2'],
        [2007, 'SRB', 'Serbia', 'Tier 2'],
        [2007, 'MNE', 'Montenegro', 'Tier 1'],
      ]),
    );
    expect(out).toEqual([
      `2004 SCG Tier 2 Watch List | ${DATASET} (coded there as SRB and MNE)`,
      `2004 TJK Tier 2 | ${DATASET}`,
      `2007 MNE Tier 1 | ${DATASET}`,
      `2007 SRB Tier 2 | ${DATASET}`,
    ]);
  });

  it('refuses SRB and MNE rows of a joint year that disagree, or one without the other', () => {
    expect(
      problems(
        input([
          [2005, 'SRB', 'Serbia', 'Tier 2'],
          [2005, 'MNE', 'Montenegro', 'Tier 3'],
        ]),
      ),
    ).toEqual([expect.stringMatching(/2005: SRB and MNE stand for SCG .* not one placement: SRB Tier 2 .* \/ MNE Tier 3/)]);
    expect(problems(input([[2006, 'SRB', 'Serbia', 'Tier 2']]))).toEqual([expect.stringMatching(/2006: SRB and MNE stand for SCG/)]);
  });

  it('refuses a placement outside the country\'s report years (registry)', () => {
    expect(problems(input([[2002, 'MNE', 'Montenegro', 'Tier 2']]))).toEqual([
      expect.stringContaining('MNE placed in 2002, outside its report years 2007–…'),
    ]);
    expect(problems(input([[2007, 'SCG', 'Serbia and Montenegro', 'Tier 2']]))).toEqual([
      expect.stringContaining('SCG placed in 2007, outside its report years …–2006'),
    ]);
    expect(problems(input([[2011, 'ANT', 'Netherlands Antilles', 'Tier 1']]))).toEqual([
      expect.stringContaining('ANT placed in 2011, outside its report years …–2010'),
    ]);
    expect(shipped(input([[2010, 'ANT', 'Netherlands Antilles', 'Tier 1']]))).toEqual([`2010 ANT Tier 1 | ${DATASET}`]);
  });
});

describe('compile-data: a bare "Congo"', () => {
  it('is COG only in the academic data, in a year that places the DRC under its own name', () => {
    const rows: SourceRow[] = [
      [2010, 'COG', 'Congo', 'Tier 2 Watch List'],
      [2010, 'COD', 'Congo, the Democratic Republic of the', 'Tier 3'],
    ];
    expect(shipped(input(rows))).toEqual([`2010 COD Tier 3 | ${DATASET}`, `2010 COG Tier 2 Watch List | ${DATASET}`]);
  });

  it('is refused anywhere else: another source, no DRC that year, or another id', () => {
    expect(
      problems(
        input([
          [2020, 'COG', 'Congo', 'Tier 2', 'seen', 'https://example.org/list'],
          [2020, 'COD', 'Congo, Democratic Republic of the', 'Tier 3', 'seen', 'https://example.org/list'],
        ]),
      ),
    ).toContainEqual(expect.stringContaining('name "Congo" could denote more than one country'));
    expect(problems(input([[2010, 'COG', 'Congo', 'Tier 2']]))).toEqual([
      expect.stringContaining('"Congo" could be COD as well, which has no other row in 2010'),
    ]);
    expect(problems(input([[2010, 'COD', 'Congo', 'Tier 2']]))).toContainEqual(expect.stringContaining('could denote more than one country'));
  });
});

describe('compile-data: counts and conflicts against the source', () => {
  const rows: SourceRow[] = [
    [2015, 'TJK', 'Tajikistan', 'Tier 2'],
    [2015, 'UZB', 'Uzbekistan', 'Tier 3'],
  ];

  it('fails on a per-tier count that differs from report-years.csv, even when the total agrees', () => {
    const i = input(rows, { years: { 2015: '2015,2,0,2,0,0,0,,yes' } });
    expect(problems(i)).toEqual([
      expect.stringContaining('says tier_2 = 2, the placements have 1'),
      expect.stringContaining('says tier_3 = 0, the placements have 1'),
    ]);
  });

  it('fails on a total that differs, and on a missing per-tier column', () => {
    expect(problems(input(rows, { years: { 2015: '2015,3,0,1,0,1,0,,yes' } }))).toEqual([
      expect.stringContaining('says 3 countries in the shipped data, the placements have 2'),
    ]);
    const i = input(rows);
    i.reportYears = i.reportYears.replace(',special_case', '').replace(/,0,,yes/g, ',,yes');
    expect(problems(i)).toEqual([expect.stringContaining('missing column(s) special_case')]);
  });

  it('ships conflicts, and fails when a conflict is also placed, shows no two tiers, or sits in a complete year', () => {
    const conflict = '2015,KAZ,Tier 2 (https://example.org/a) / Tier 3 (https://example.org/b)';
    const out = compile(input(rows, { complete: 'no', conflicts: [conflict] }));
    expect(out.conflicts).toBe(`report_year,country_id,sightings\n${conflict}\n`);
    expect(out.stats.conflicts).toBe(1);

    expect(problems(input(rows, { complete: 'no', conflicts: ['2015,TJK,Tier 2 (https://example.org/a) / Tier 3 (https://example.org/b)'] }))).toEqual([
      expect.stringContaining('in conflict, yet tier-placements.csv places it'),
    ]);
    expect(problems(input(rows, { complete: 'no', conflicts: ['2015,KAZ,Tier 2 (https://example.org/a) / Tier 2 (https://example.org/b)'] }))).toEqual([
      expect.stringContaining('the sightings show no two different tiers (Tier 2)'),
    ]);
    expect(problems(input(rows, { complete: 'no', conflicts: ['2015,KAZ,Tier Two (https://example.org/a) / Tier 3 (x)'] }))).toEqual([
      expect.stringContaining('sighting 1 is not "<tier> (<source>)"'),
      expect.stringContaining('no two different tiers'),
    ]);
    expect(problems(input(rows, { complete: 'yes', conflicts: [conflict] }))).toEqual([
      expect.stringContaining('marked complete, yet KAZ is left out as in conflict'),
    ]);
  });
});
