/**
 * Compiles the project's shipped facts (`data/tier-placements.csv`, `data/report-years.csv`) from the research
 * data (`../shared/data` by default), validating every row against the country registry and the domain rules.
 *
 *   npx tsx scripts/compile-data.ts [--check] [SOURCE_DIR]
 *
 * Without `--check` it writes the two files (only when they change). With `--check` it writes nothing and exits
 * 1 when a file is missing or differs from what would be written. Any invalid input row (unknown country id, a
 * name that does not resolve to its id, a bad tier or basis, a duplicate country-year, counts that do not add
 * up) fails the run with every problem listed: nothing is written from bad input.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { findCountry, getCountryById } from '../src/countries/index.js';
import { formatCsv, parseCsvRecords } from '../src/domain/csv.js';
import { isPlausibleReportYear, isTier } from '../src/domain/index.js';

export const REPO_ROOT = resolve(fileURLToPath(new URL('..', import.meta.url)));
export const DEFAULT_SOURCE_DIR = resolve(REPO_ROOT, '../shared/data');
export const OUTPUT_FILES = {
  placements: 'data/tier-placements.csv',
  reportYears: 'data/report-years.csv',
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
}

export interface CompileOutput {
  /** Text of data/tier-placements.csv. */
  placements: string;
  /** Text of data/report-years.csv. */
  reportYears: string;
  stats: { placements: number; countries: number; years: number };
}

function requireColumns(file: string, header: string[], columns: readonly string[], problems: string[]): boolean {
  const missing = columns.filter((c) => !header.includes(c));
  if (missing.length) problems.push(`${file}: missing column(s) ${missing.join(', ')} (header: ${header.join(',')})`);
  return missing.length === 0;
}

/** Pure: validates the source CSV texts and returns the shipped CSV texts. Throws CompileError on bad input. */
export function compile(input: CompileInput): CompileOutput {
  const problems: string[] = [];

  // ── Tier placements ──────────────────────────────────────────────────────────────────────────────────────
  const src = 'tier-placements.csv';
  const p = parseCsvRecords(input.placements);
  const placementColumns = ['report_year', 'country_id', 'country_name_in_source', 'tier', 'basis', 'source'];
  if (!requireColumns(src, p.header, placementColumns, problems)) throw new CompileError(problems);

  const rows: { year: number; id: string; tier: string; basis: string; source: string }[] = [];
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
    if (!country || country.id !== id) fail(`country id "${id}" is not in the registry (src/countries/registry.ts)`);
    else {
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
    if (ok) rows.push({ year, id, tier, basis, source });
  });

  rows.sort((a, b) => a.year - b.year || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const perYear = new Map<number, number>();
  for (const r of rows) perYear.set(r.year, (perYear.get(r.year) ?? 0) + 1);

  // Years the research data calls complete but that are known to miss countries: shipped as incomplete, so that a
  // missing country reads "not known", never "not in the report" (data/SOURCES.md lists the gaps).
  const KNOWN_GAPS = new Map<number, string>([
    [2001, 'the report covered 82 countries, the data has 80'],
    [2002, 'the report covered 89 countries, the data has 88'],
    ...[2003, 2004, 2005, 2006].map((y): [number, string] => [y, 'Serbia and Montenegro was assessed as one country; the data carries it as SRB and MNE']),
    [2007, 'countries placed the years around it (Eritrea, Turkmenistan, …) are absent: not verified against the report'],
    [2008, 'countries placed the years around it are absent: not verified against the report'],
    ...[2009, 2010, 2011, 2012, 2013, 2014].map((y): [number, string] => [y, 'Netherlands Antilles, Aruba, Curaçao, Sint Maarten and South Sudan are missing from the data']),
  ]);
  // ── Report years ─────────────────────────────────────────────────────────────────────────────────────────
  const ysrc = 'report-years.csv';
  const y = parseCsvRecords(input.reportYears);
  const yearColumns = ['report_year', 'countries_in_shipped_data', 'countries_in_report_if_known', 'complete'];
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
    const shipped = perYear.get(year) ?? 0;
    const claimed = r.countries_in_shipped_data ?? '';
    if (claimed !== String(shipped)) {
      problems.push(`${where}: says ${claimed} countries in the shipped data, the placements have ${shipped}`);
    }
    if (complete === 'yes' && inReport !== null && inReport !== shipped) {
      problems.push(`${where}: marked complete but has ${shipped} of ${inReport} countries`);
    }
    if (inReport !== null && shipped > inReport) {
      problems.push(`${where}: ${shipped} placements for a report of ${inReport} countries`);
    }
    if (complete === 'yes' || complete === 'no') years.push({ year, complete: KNOWN_GAPS.has(year) ? 'no' : complete, inReport });
  });
  for (const year of perYear.keys()) {
    if (!yearsSeen.has(year)) problems.push(`${ysrc}: no row for report year ${year}, which has placements`);
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
  return {
    placements,
    reportYears,
    stats: { placements: rows.length, countries: new Set(rows.map((r) => r.id)).size, years: years.length },
  };
}

/** Reads the source files of `sourceDir` and compiles them. */
export function compileFromDir(sourceDir: string): CompileOutput {
  return compile({
    placements: readFileSync(join(sourceDir, 'tier-placements.csv'), 'utf8'),
    reportYears: readFileSync(join(sourceDir, 'report-years.csv'), 'utf8'),
  });
}

/** The shipped files that are missing or differ from `out` (paths relative to the repo root). */
export function staleFiles(out: CompileOutput, repoRoot = REPO_ROOT): string[] {
  const stale: string[] = [];
  for (const [key, file] of Object.entries(OUTPUT_FILES) as [keyof typeof OUTPUT_FILES, string][]) {
    const path = join(repoRoot, file);
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
  if (!existsSync(join(sourceDir, 'tier-placements.csv'))) {
    console.error(`no tier-placements.csv in ${sourceDir} (pass the research data folder as an argument)`);
    return 2;
  }
  let out: CompileOutput;
  try {
    out = compileFromDir(sourceDir);
  } catch (err) {
    console.error(err instanceof Error ? err.message : String(err));
    return 1;
  }
  const { placements, countries, years } = out.stats;
  const summary = `${placements} placements, ${countries} countries, ${years} report years`;
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
    if (key) writeFileSync(join(REPO_ROOT, file), out[key]);
  }
  console.log(stale.length ? `wrote ${stale.join(', ')} (${summary})` : `data files already up to date (${summary})`);
  return 0;
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  process.exitCode = main(process.argv.slice(2));
}
