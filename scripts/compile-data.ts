/**
 * Compiles the project's shipped facts (`data/tier-placements.csv`, `data/report-years.csv`,
 * `data/tier-conflicts.csv`) from the research data (`../shared/data` by default), validating every row against
 * the country registry and the domain rules.
 *
 *   npx tsx scripts/compile-data.ts [--check] [SOURCE_DIR]
 *
 * Without `--check` it writes the files (only when they change). With `--check` it writes nothing and exits 1
 * when a file is missing or differs from what would be written. Any invalid input fails the run with every
 * problem listed, and nothing is written: an unknown country id, a name that does not resolve to its id (or
 * that could name two countries), a placement outside the country's years, a bad tier or basis, a duplicate
 * country-year, per-year totals or per-tier counts that differ from what the source's report-years.csv states,
 * a conflict (tier-conflicts.csv) that is also placed, lists no two tiers, or falls in a year called complete.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { findCountry, getCountryById } from '../src/countries/index.js';
import { formatCsv, parseCsvRecords } from '../src/domain/csv.js';
import { compileContext, type ContextOutput } from './compile-context.js';
import { existsInReportYear, isPlausibleReportYear, isTier, TIERS, type Tier } from '../src/domain/index.js';

export const REPO_ROOT = resolve(fileURLToPath(new URL('..', import.meta.url)));
export const DEFAULT_SOURCE_DIR = resolve(REPO_ROOT, '../shared/data');
export const OUTPUT_FILES = {
  placements: 'data/tier-placements.csv',
  reportYears: 'data/report-years.csv',
  conflicts: 'data/tier-conflicts.csv',
  goods: 'data/goods.csv',
  unodc: 'data/unodc.csv',
} as const;

/** How a placement is known (see data/SOURCES.md). */
export const BASES = ['dataset', 'narrative', 'seen', 'seen, year inferred', 'derived'] as const;

/**
 * Source names damaged in transit, mapped to what they say. Kept here, not as registry aliases, because they
 * are not spellings anyone uses: "Cura ao" is "Curaçao" with its ç lost (2024 CIA World Factbook row).
 */
export const DAMAGED_SOURCE_NAMES: Readonly<Record<string, string>> = {
  'Cura ao': 'Curaçao',
};

/**
 * Names that could denote more than one country, so the registry does not resolve them, accepted for one id
 * only where the row's context settles it: the row comes from one of `sources` and the same report year
 * places `otherId` under its own, unambiguous name (so this name cannot be that one).
 */
export const CONTEXT_NAMES: readonly { name: string; id: string; sources: RegExp; otherId: string; why: string }[] = [
  {
    name: 'Congo',
    id: 'COG',
    sources: /^(cho_merged_jk_2015-08-10\.dta|tiers_2015\.csv\b)/,
    otherId: 'COD',
    why:
      'the academic datasets write the Republic of the Congo as "Congo" (its ISO 3166 short name; the Cho data ' +
      'gives it COW code 484, "Congo (Brazzaville; Rep)") and the Democratic Republic as "Congo, the Democratic ' +
      'Republic of the" in the same year',
  },
];

/**
 * Placements the source carries once per successor state for years when the reports assessed the one state
 * they came from. Shipped as one placement of `id`, provided the source rows for `parts` agree.
 */
export const JOINT_PLACEMENTS: readonly { id: string; parts: readonly string[]; years: readonly number[]; why: string }[] = [
  {
    id: 'SCG',
    parts: ['SRB', 'MNE'],
    years: [2003, 2004, 2005, 2006],
    why: 'the 2003–2006 reports assessed Serbia and Montenegro as one country; the Cho data repeats it as SRB and MNE',
  },
];

/**
 * Years the research data calls complete but that are known to miss countries: shipped as incomplete, so that a
 * missing country reads "not known", never "not in the report" (data/SOURCES.md lists the gaps).
 */
export const KNOWN_GAPS: ReadonlyMap<number, string> = new Map<number, string>([
  [2001, 'the report covered 82 countries, the data has 80'],
  [2002, 'the report covered 89 countries, the data has 88'],
  ...[2003, 2004, 2005, 2006].map((y): [number, string] => [
    y,
    'the data counted Serbia and Montenegro twice (as SRB and MNE), so its totals are not the report\'s; the list is not verified against the report',
  ]),
  [2007, 'countries placed the years around it (Eritrea, Turkmenistan, …) are absent: not verified against the report'],
  [2008, 'countries placed the years around it are absent: not verified against the report'],
  ...[2009, 2010, 2011, 2012, 2013, 2014].map((y): [number, string] => [y, 'Netherlands Antilles, Aruba, Curaçao, Sint Maarten and South Sudan are missing from the data']),
]);

/**
 * Conflicts whose sightings column shows fewer than two different tiers, with why they are conflicts all the
 * same (the research notes): kept out of the placements like every other conflict.
 */
export const CONFLICTS_WITHOUT_TWO_TIERS: ReadonlyMap<string, string> = new Map([
  ['2022 CYP', "the one page's heading gives a different tier from its text (research notes)"],
  ['2023 BFA', "a page's heading (Tier 2 Watch List) disagrees with its own text and the list (Tier 2) (research notes)"],
]);

/** The per-tier count columns of the source's report-years.csv, by tier. */
export const TIER_COUNT_COLUMNS: Readonly<Record<Tier, string>> = {
  'Tier 1': 'tier_1',
  'Tier 2': 'tier_2',
  'Tier 2 Watch List': 'tier_2_watch_list',
  'Tier 3': 'tier_3',
  'Special Case': 'special_case',
};

export class CompileError extends Error {
  override name = 'CompileError';
  constructor(readonly problems: string[]) {
    super(`${problems.length} problem(s) in the source data:\n  ${problems.join('\n  ')}`);
  }
}

export interface CompileInput {
  /** Text of the source tier-placements.csv. */
  placements: string;
  /** Text of the source report-years.csv. */
  reportYears: string;
  /** Text of the source tier-conflicts.csv. */
  conflicts: string;
}

export interface CompileOutput {
  /** Text of data/tier-placements.csv. */
  placements: string;
  /** Text of data/report-years.csv. */
  reportYears: string;
  /** Text of data/tier-conflicts.csv. */
  conflicts: string;
  stats: { placements: number; countries: number; years: number; conflicts: number };
  /** data/goods.csv and data/unodc.csv, when the source has context/ (see compile-context.ts). */
  goods?: string;
  unodc?: string;
  context?: ContextOutput;
}

function requireColumns(file: string, header: string[], columns: readonly string[], problems: string[]): boolean {
  const missing = columns.filter((c) => !header.includes(c));
  if (missing.length) problems.push(`${file}: missing column(s) ${missing.join(', ')} (header: ${header.join(',')})`);
  return missing.length === 0;
}

interface Row {
  year: number;
  id: string;
  tier: Tier;
  basis: string;
  source: string;
}

const byYearThenId = (a: { year: number; id: string }, b: { year: number; id: string }) =>
  a.year - b.year || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/** Pure: validates the source CSV texts and returns the shipped CSV texts. Throws CompileError on bad input. */
export function compile(input: CompileInput): CompileOutput {
  const problems: string[] = [];

  // ── Tier placements ──────────────────────────────────────────────────────────────────────────────────────
  const src = 'tier-placements.csv';
  const p = parseCsvRecords(input.placements);
  const placementColumns = ['report_year', 'country_id', 'country_name_in_source', 'tier', 'basis', 'source'];
  if (!requireColumns(src, p.header, placementColumns, problems)) throw new CompileError(problems);

  const sourceRows: (Row & { where: string; contextName?: (typeof CONTEXT_NAMES)[number] })[] = [];
  const seen = new Map<string, number>();
  p.records.forEach((r, index) => {
    const where = `${src} record ${index + 2} (${r.report_year},${r.country_id})`;
    const year = Number(r.report_year);
    const id = r.country_id ?? '';
    const name = r.country_name_in_source ?? '';
    const tier = r.tier ?? '';
    const basis = r.basis ?? '';
    const source = (r.source ?? '').trim();
    let ok = true;
    const fail = (message: string) => {
      problems.push(`${where}: ${message}`);
      ok = false;
    };

    if (!/^\d{4}$/.test(r.report_year ?? '') || !isPlausibleReportYear(year)) fail(`bad report year "${r.report_year}"`);
    const country = getCountryById(id);
    const contextName = CONTEXT_NAMES.find((c) => c.name === name);
    if (!country || country.id !== id) fail(`country id "${id}" is not in the registry (src/countries/registry.ts)`);
    else if (contextName) {
      if (contextName.id !== id || !contextName.sources.test(source)) {
        fail(`name "${name}" could denote more than one country, and nothing in this row settles it (see CONTEXT_NAMES)`);
      }
    } else {
      const resolved = findCountry(DAMAGED_SOURCE_NAMES[name] ?? name);
      if (!resolved) fail(`name "${name}" does not resolve to a country: add it to ${id}'s aliases`);
      else if (resolved.id !== id) fail(`name "${name}" resolves to ${resolved.id}, not ${id}`);
    }
    if (!isTier(tier)) fail(`bad tier "${tier}"`);
    if (!(BASES as readonly string[]).includes(basis)) fail(`unknown basis "${basis}" (known: ${BASES.join(' | ')})`);
    if (source === '') fail('empty source');
    const key = `${r.report_year}|${id}`;
    const first = seen.get(key);
    if (first !== undefined) fail(`duplicate of record ${first} (one placement per country and year)`);
    else seen.set(key, index + 2);
    if (ok && isTier(tier)) sourceRows.push({ year, id, tier, basis, source, where, ...(contextName ? { contextName } : {}) });
  });

  // A context name stands only where the same year places the other country under its own name.
  const idsByYear = new Map<number, Set<string>>();
  for (const r of sourceRows) {
    if (r.contextName) continue;
    let ids = idsByYear.get(r.year);
    if (!ids) idsByYear.set(r.year, (ids = new Set()));
    ids.add(r.id);
  }
  for (const r of sourceRows) {
    if (r.contextName && !idsByYear.get(r.year)?.has(r.contextName.otherId)) {
      problems.push(
        `${r.where}: name "${r.contextName.name}" could be ${r.contextName.otherId} as well, which has no other row in ${r.year} (see CONTEXT_NAMES)`,
      );
    }
  }

  // Joint placements: the successors' rows become one row of the state the reports assessed.
  const rows: Row[] = [];
  const jointKey = new Map<string, (typeof JOINT_PLACEMENTS)[number]>();
  for (const j of JOINT_PLACEMENTS) for (const y of j.years) for (const part of j.parts) jointKey.set(`${y} ${part}`, j);
  const jointRows = new Map<string, Row[]>();
  for (const r of sourceRows) {
    const j = jointKey.get(`${r.year} ${r.id}`);
    if (!j) {
      rows.push(r);
      continue;
    }
    const k = `${r.year} ${j.id}`;
    jointRows.set(k, [...(jointRows.get(k) ?? []), r]);
  }
  for (const j of JOINT_PLACEMENTS) {
    for (const year of j.years) {
      const parts = jointRows.get(`${year} ${j.id}`) ?? [];
      if (parts.length === 0) continue;
      const [one] = parts;
      const what = parts.map((r) => `${r.id} ${r.tier} (${r.basis}, ${r.source})`).join(' / ');
      if (!one || parts.length !== j.parts.length || parts.some((r) => r.tier !== one.tier || r.basis !== one.basis || r.source !== one.source)) {
        problems.push(`${src} ${year}: ${j.parts.join(' and ')} stand for ${j.id} (${j.why}), but the rows are not one placement: ${what || 'none'}`);
        continue;
      }
      if (seen.has(`${year}|${j.id}`)) {
        problems.push(`${src} ${year}: ${j.id} has a row of its own as well as ${j.parts.join(' and ')} rows`);
        continue;
      }
      rows.push({ year, id: j.id, tier: one.tier, basis: one.basis, source: `${one.source} (coded there as ${j.parts.join(' and ')})` });
    }
  }

  for (const r of rows) {
    const country = getCountryById(r.id);
    if (country && !existsInReportYear(country, r.year)) {
      const span = `${country.firstReportYear ?? '…'}–${country.lastReportYear ?? '…'}`;
      problems.push(`${src}: ${r.id} placed in ${r.year}, outside its report years ${span} (registry)`);
    }
  }

  rows.sort(byYearThenId);
  const shippedPerYear = new Map<number, number>();
  for (const r of rows) shippedPerYear.set(r.year, (shippedPerYear.get(r.year) ?? 0) + 1);
  // The source's counts describe the source file, before joint placements were merged.
  const sourcePerYear = new Map<number, Map<Tier | 'all', number>>();
  for (const r of sourceRows) {
    let m = sourcePerYear.get(r.year);
    if (!m) sourcePerYear.set(r.year, (m = new Map()));
    m.set('all', (m.get('all') ?? 0) + 1);
    m.set(r.tier, (m.get(r.tier) ?? 0) + 1);
  }

  // ── Tier conflicts ───────────────────────────────────────────────────────────────────────────────────────
  const csrc = 'tier-conflicts.csv';
  const c = parseCsvRecords(input.conflicts);
  if (!requireColumns(csrc, c.header, ['report_year', 'country_id', 'sightings'], problems)) throw new CompileError(problems);
  const conflicts: { year: number; id: string; sightings: string }[] = [];
  const conflictsSeen = new Set<string>();
  c.records.forEach((r, index) => {
    const where = `${csrc} record ${index + 2} (${r.report_year},${r.country_id})`;
    const year = Number(r.report_year);
    const id = r.country_id ?? '';
    const sightings = (r.sightings ?? '').trim();
    const before = problems.length;
    if (!/^\d{4}$/.test(r.report_year ?? '') || !isPlausibleReportYear(year)) problems.push(`${where}: bad report year "${r.report_year}"`);
    if (getCountryById(id)?.id !== id) problems.push(`${where}: country id "${id}" is not in the registry`);
    const key = `${year} ${id}`;
    if (conflictsSeen.has(key)) problems.push(`${where}: duplicate conflict`);
    conflictsSeen.add(key);
    if (seen.has(`${r.report_year}|${id}`)) problems.push(`${where}: in conflict, yet tier-placements.csv places it (a wrong tier is worse than none)`);
    // "Tier 2 (url) / Tier 2 Watch List (url)": every sighting a canonical tier with where it was seen.
    const parsed = sightings.split(' / ').map((part) => /^(.+?) \((.+)\)$/.exec(part.trim()));
    const tiers = new Set<string>();
    parsed.forEach((m, i) => {
      if (!m || !isTier(m[1] ?? '')) problems.push(`${where}: sighting ${i + 1} is not "<tier> (<source>)": "${sightings.split(' / ')[i] ?? ''}"`);
      else tiers.add(m[1] ?? '');
    });
    if (tiers.size < 2 && !CONFLICTS_WITHOUT_TWO_TIERS.has(key)) {
      problems.push(`${where}: the sightings show no two different tiers (${[...tiers].join(', ') || 'none'}); list it in CONFLICTS_WITHOUT_TWO_TIERS with why, or drop it`);
    }
    if (problems.length === before) conflicts.push({ year, id, sightings });
  });
  conflicts.sort(byYearThenId);

  // ── Report years ─────────────────────────────────────────────────────────────────────────────────────────
  const ysrc = 'report-years.csv';
  const y = parseCsvRecords(input.reportYears);
  const yearColumns = ['report_year', 'countries_in_shipped_data', ...Object.values(TIER_COUNT_COLUMNS), 'countries_in_report_if_known', 'complete'];
  if (!requireColumns(ysrc, y.header, yearColumns, problems)) throw new CompileError(problems);

  const years: { year: number; complete: 'yes' | 'no'; inReport: number | null }[] = [];
  const yearsSeen = new Set<number>();
  y.records.forEach((r, index) => {
    const where = `${ysrc} record ${index + 2} (${r.report_year})`;
    const year = Number(r.report_year);
    if (!/^\d{4}$/.test(r.report_year ?? '') || !isPlausibleReportYear(year)) {
      problems.push(`${where}: bad report year "${r.report_year}"`);
      return;
    }
    if (yearsSeen.has(year)) problems.push(`${where}: duplicate year`);
    yearsSeen.add(year);
    const complete = r.complete;
    if (complete !== 'yes' && complete !== 'no') problems.push(`${where}: complete must be yes or no, not "${complete}"`);
    const known = r.countries_in_report_if_known ?? '';
    let inReport: number | null = null;
    if (known !== '') {
      if (!/^\d+$/.test(known) || Number(known) === 0) problems.push(`${where}: bad countries_in_report "${known}"`);
      else inReport = Number(known);
    }
    const counted = sourcePerYear.get(year);
    const claimed = r.countries_in_shipped_data ?? '';
    if (claimed !== String(counted?.get('all') ?? 0)) {
      problems.push(`${where}: says ${claimed} countries in the shipped data, the placements have ${counted?.get('all') ?? 0}`);
    }
    for (const tier of TIERS) {
      const column = TIER_COUNT_COLUMNS[tier];
      const stated = r[column] ?? '';
      const actual = counted?.get(tier) ?? 0;
      if (stated !== String(actual)) problems.push(`${where}: says ${column} = ${stated || '(empty)'}, the placements have ${actual}`);
    }
    const shipped = shippedPerYear.get(year) ?? 0;
    if (complete === 'yes' && inReport !== null && inReport !== shipped) {
      problems.push(`${where}: marked complete but has ${shipped} of ${inReport} countries`);
    }
    if (inReport !== null && shipped > inReport) {
      problems.push(`${where}: ${shipped} placements for a report of ${inReport} countries`);
    }
    const inConflict = conflicts.filter((x) => x.year === year).map((x) => x.id);
    if (complete === 'yes' && inConflict.length) {
      problems.push(`${where}: marked complete, yet ${inConflict.join(', ')} ${inConflict.length === 1 ? 'is' : 'are'} left out as in conflict`);
    }
    if (complete === 'yes' || complete === 'no') years.push({ year, complete: KNOWN_GAPS.has(year) ? 'no' : complete, inReport });
  });
  for (const year of new Set([...sourcePerYear.keys(), ...conflicts.map((x) => x.year)])) {
    if (!yearsSeen.has(year)) problems.push(`${ysrc}: no row for report year ${year}, which has placements or conflicts`);
  }

  if (problems.length) throw new CompileError(problems);
  years.sort((a, b) => a.year - b.year);

  const placements = formatCsv([
    ['report_year', 'country_id', 'tier', 'basis', 'source'],
    ...rows.map((r) => [r.year, r.id, r.tier, r.basis, r.source]),
  ]);
  const reportYears = formatCsv([
    ['report_year', 'complete', 'countries_in_report'],
    ...years.map((r) => [r.year, r.complete, r.inReport]),
  ]);
  const conflictsCsv = formatCsv([
    ['report_year', 'country_id', 'sightings'],
    ...conflicts.map((r) => [r.year, r.id, r.sightings]),
  ]);
  return {
    placements,
    reportYears,
    conflicts: conflictsCsv,
    stats: {
      placements: rows.length,
      countries: new Set(rows.map((r) => r.id)).size,
      years: years.length,
      conflicts: conflicts.length,
    },
  };
}

/** The context files, relative to the source folder. */
export const CONTEXT_SOURCES = { goods: 'context/ilab-list-of-goods.csv', unodc: 'context/unodc-glotip-2023-05-30.csv' } as const;

/** Reads the source files of `sourceDir` and compiles them (with the context files when `context/` holds them). */
export function compileFromDir(sourceDir: string): CompileOutput {
  const out = compile({
    placements: readFileSync(join(sourceDir, 'tier-placements.csv'), 'utf8'),
    reportYears: readFileSync(join(sourceDir, 'report-years.csv'), 'utf8'),
    conflicts: readFileSync(join(sourceDir, 'tier-conflicts.csv'), 'utf8'),
  });
  if (!Object.values(CONTEXT_SOURCES).every((f) => existsSync(join(sourceDir, f)))) return out;
  const problems: string[] = [];
  const context = compileContext(
    { goods: readFileSync(join(sourceDir, CONTEXT_SOURCES.goods), 'utf8'), unodc: readFileSync(join(sourceDir, CONTEXT_SOURCES.unodc), 'utf8') },
    problems,
  );
  if (!context) throw new CompileError(problems);
  return { ...out, goods: context.goods, unodc: context.unodc, context };
}

/** The shipped files that are missing or differ from `out` (paths relative to the repo root). */
export function staleFiles(out: CompileOutput, repoRoot = REPO_ROOT): string[] {
  const stale: string[] = [];
  for (const [key, file] of Object.entries(OUTPUT_FILES) as [keyof typeof OUTPUT_FILES, string][]) {
    const path = join(repoRoot, file);
    if (out[key] === undefined) continue; // context files: only checked where the source has them
    if (!existsSync(path) || readFileSync(path, 'utf8') !== out[key]) stale.push(file);
  }
  return stale;
}

function main(argv: string[]): number {
  const check = argv.includes('--check');
  const unknown = argv.filter((a) => a.startsWith('-') && a !== '--check');
  if (unknown.length) {
    console.error(`unknown option(s): ${unknown.join(' ')}\nusage: npx tsx scripts/compile-data.ts [--check] [SOURCE_DIR]`);
    return 2;
  }
  const positional = argv.filter((a) => !a.startsWith('-'));
  const sourceDir = resolve(positional[0] ?? DEFAULT_SOURCE_DIR);
  const missing = ['tier-placements.csv', 'report-years.csv', 'tier-conflicts.csv'].filter((f) => !existsSync(join(sourceDir, f)));
  if (missing.length) {
    console.error(`no ${missing.join(', ')} in ${sourceDir} (pass the research data folder as an argument)`);
    return 2;
  }
  let out: CompileOutput;
  try {
    out = compileFromDir(sourceDir);
  } catch (err) {
    console.error(err instanceof Error ? err.message : String(err));
    return 1;
  }
  const { placements, countries, years, conflicts } = out.stats;
  let summary = `${placements} placements, ${countries} countries, ${years} report years, ${conflicts} conflicts`;
  const ctx = out.context;
  if (ctx) {
    const s = ctx.stats;
    summary += `; goods: ${s.goodsShipped} of ${s.goodsRead} rows, ${s.goodsCountries} countries; UNODC: ${s.unodcShipped} of ${s.unodcRead} rows, ${s.unodcCountries} countries`;
    for (const u of ctx.unresolved) console.log(`not in the registry, not shipped: ${u.file}: ${u.what} (${u.rows} row${u.rows === 1 ? '' : 's'})`);
    for (const n of ctx.nameNotes) console.log(`name note: ${n}`);
  } else {
    console.log(`no ${Object.values(CONTEXT_SOURCES).join(' and ')} in ${sourceDir}: data/goods.csv and data/unodc.csv not checked`);
  }
  const stale = staleFiles(out);
  if (check) {
    if (stale.length) {
      console.error(`out of date: ${stale.join(', ')} (run: npx tsx scripts/compile-data.ts)`);
      return 1;
    }
    console.log(`data files are up to date (${summary})`);
    return 0;
  }
  for (const file of stale) {
    const key = (Object.keys(OUTPUT_FILES) as (keyof typeof OUTPUT_FILES)[]).find((k) => OUTPUT_FILES[k] === file);
    const text = key ? out[key] : undefined;
    if (text !== undefined) writeFileSync(join(REPO_ROOT, file), text);
  }
  console.log(stale.length ? `wrote ${stale.join(', ')} (${summary})` : `data files already up to date (${summary})`);
  return 0;
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  process.exitCode = main(process.argv.slice(2));
}
