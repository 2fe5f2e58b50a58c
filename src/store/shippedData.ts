import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseCsv } from '../domain/csv.js';
import { InputError } from '../domain/errors.js';
import { isPlausibleReportYear } from '../domain/reportYears.js';
import { isTier, TIERS, type Tier } from '../domain/tiers.js';

/**
 * Reads the shipped facts in data/ (tier placements and report years) for a store to load. Backend-neutral:
 * every store engine loads the same rows. Rows are validated here; a bad row is a ShippedDataError naming the
 * file and line, never silently skipped (a wrong tier is worse than none).
 */

/** The shipped facts in data/ are missing or cannot be read as they must be (an InputError naming the file). */
export class ShippedDataError extends InputError {
  override name = 'ShippedDataError';
}

/**
 * The package's data/ folder. This module sits two levels below the package root both as
 * src/store/shippedData.ts and as dist/store/shippedData.js, so the same relative URL works from both.
 */
export const DEFAULT_DATA_DIR: URL = new URL('../../data/', import.meta.url);

export const PLACEMENTS_FILE = 'tier-placements.csv';
export const REPORT_YEARS_FILE = 'report-years.csv';
export const CONFLICTS_FILE = 'tier-conflicts.csv';

export interface ShippedPlacement {
  reportYear: number;
  countryId: string;
  tier: Tier;
  /** `Tier 3*` in the file; normally false (the shipped sources rarely record it). */
  asterisk: boolean;
  /** How the placement is known (`dataset`, `seen`, `derived`, …); free text. */
  basis: string;
  /** Where it was read: a URL or a dataset file name. */
  source: string;
}

export interface ShippedReportYear {
  reportYear: number;
  complete: boolean;
  countriesInReport: number | null;
}

/** A country and year whose sources disagree on the tier (none is shipped): "Tier 2 (url) / Tier 3 (url)". */
export interface ShippedConflict {
  reportYear: number;
  countryId: string;
  sightings: string;
}

export interface ShippedData {
  placements: ShippedPlacement[];
  reportYears: ShippedReportYear[];
  conflicts: ShippedConflict[];
  /** sha256 over the files' bytes: a store reloads its shipped rows when this changes. */
  hash: string;
}

/** Bump when the way rows are read changes, so that existing databases reload their shipped rows. */
const READER_VERSION = '2';

export function dirUrl(dir: URL | string): URL {
  if (dir instanceof URL) return dir.href.endsWith('/') ? dir : new URL(`${dir.href}/`);
  return pathToFileURL(`${path.resolve(dir)}/`);
}

/** Reads and validates both shipped CSVs. `knownCountryIds`: reject rows naming a country not in it. */
export function readShippedData(
  dataDir: URL | string = DEFAULT_DATA_DIR,
  knownCountryIds?: ReadonlySet<string>,
): ShippedData {
  const dir = dirUrl(dataDir);
  const placementsUrl = new URL(PLACEMENTS_FILE, dir);
  const yearsUrl = new URL(REPORT_YEARS_FILE, dir);
  const conflictsUrl = new URL(CONFLICTS_FILE, dir);
  const placementsText = readText(placementsUrl);
  const yearsText = readText(yearsUrl);
  // Optional: a data folder without conflicts may leave the file out.
  const conflictsText = existsSync(conflictsUrl) ? readText(conflictsUrl) : 'report_year,country_id,sightings\n';
  const hash = createHash('sha256')
    .update(`reader ${READER_VERSION}\n`)
    .update(placementsText)
    .update('\n\0\n')
    .update(yearsText)
    .update('\n\0\n')
    .update(conflictsText)
    .digest('hex');
  return {
    placements: parsePlacementsCsv(placementsText, fileURLToPath(placementsUrl), knownCountryIds),
    reportYears: parseReportYearsCsv(yearsText, fileURLToPath(yearsUrl)),
    conflicts: parseConflictsCsv(conflictsText, fileURLToPath(conflictsUrl), knownCountryIds),
    hash,
  };
}

function readText(url: URL): string {
  try {
    return readFileSync(url, 'utf8');
  } catch (err) {
    throw new ShippedDataError(`cannot read shipped data: ${(err as Error).message}`, fileURLToPath(url));
  }
}

interface CsvTable {
  /** Data rows with their 1-based line number (the header is line 1; exact while no cell spans lines). */
  rows: { line: number; get(column: string): string }[];
}

function readTable(text: string, file: string, required: string[], alternatives: Record<string, string[]> = {}): CsvTable {
  let all: string[][];
  try {
    all = parseCsv(text);
  } catch (err) {
    throw new ShippedDataError((err as Error).message, file);
  }
  const header = (all[0] ?? []).map((h) => h.trim().toLowerCase());
  const index = new Map<string, number>();
  for (const col of required) {
    const names = [col, ...(alternatives[col] ?? [])];
    const i = names.map((n) => header.indexOf(n)).find((x) => x >= 0);
    if (i === undefined) {
      throw new ShippedDataError(`missing column "${col}" (header: ${header.join(',') || 'empty'})`, file);
    }
    index.set(col, i);
  }
  const rows: CsvTable['rows'] = [];
  all.slice(1).forEach((cells, k) => {
    if (cells.every((c) => c.trim() === '')) return;
    rows.push({ line: k + 2, get: (column) => (cells[index.get(column) ?? -1] ?? '').trim() });
  });
  return { rows };
}

function parseYear(value: string, file: string, line: number): number {
  const year = /^\d{4}$/.test(value) ? Number(value) : NaN;
  if (!isPlausibleReportYear(year)) throw new ShippedDataError(`line ${line}: bad report year "${value}"`, file);
  return year;
}

export function parsePlacementsCsv(
  text: string,
  file: string = PLACEMENTS_FILE,
  knownCountryIds?: ReadonlySet<string>,
): ShippedPlacement[] {
  const table = readTable(text, file, ['report_year', 'country_id', 'tier', 'basis', 'source']);
  const seen = new Set<string>();
  return table.rows.map(({ line, get }) => {
    const reportYear = parseYear(get('report_year'), file, line);
    const countryId = get('country_id');
    if (!/^[A-Z]{3}$/.test(countryId)) throw new ShippedDataError(`line ${line}: bad country id "${countryId}"`, file);
    if (knownCountryIds && !knownCountryIds.has(countryId)) {
      throw new ShippedDataError(`line ${line}: country id "${countryId}" is not in the country registry`, file);
    }
    const rawTier = get('tier');
    // Exactly as compile-data writes it: a tier's full name, with `*` for an asterisk. Nothing looser.
    const asterisk = rawTier.endsWith('*');
    const tier = asterisk ? rawTier.slice(0, -1) : rawTier;
    if (!isTier(tier)) {
      throw new ShippedDataError(
        `line ${line}: unknown tier "${rawTier}" (the file must write one of ${TIERS.join(' | ')}, optionally followed by *)`,
        file,
      );
    }
    const key = `${reportYear} ${countryId}`;
    if (seen.has(key)) throw new ShippedDataError(`line ${line}: a second row for ${countryId} in ${reportYear}`, file);
    seen.add(key);
    const source = get('source');
    if (!source) throw new ShippedDataError(`line ${line}: empty source for ${countryId} in ${reportYear}`, file);
    return { reportYear, countryId, tier, asterisk, basis: get('basis'), source };
  });
}

export function parseReportYearsCsv(text: string, file: string = REPORT_YEARS_FILE): ShippedReportYear[] {
  const table = readTable(text, file, ['report_year', 'complete', 'countries_in_report'], {
    countries_in_report: ['countries_in_report_if_known'],
  });
  const seen = new Set<number>();
  return table.rows.map(({ line, get }) => {
    const reportYear = parseYear(get('report_year'), file, line);
    if (seen.has(reportYear)) throw new ShippedDataError(`line ${line}: a second row for ${reportYear}`, file);
    seen.add(reportYear);
    const c = get('complete').toLowerCase();
    let complete: boolean;
    if (c === 'yes' || c === 'true' || c === '1') complete = true;
    else if (c === 'no' || c === 'false' || c === '0') complete = false;
    else throw new ShippedDataError(`line ${line}: "complete" must be yes or no, not "${get('complete')}"`, file);
    const n = get('countries_in_report');
    let countriesInReport: number | null = null;
    if (n !== '') {
      if (!/^\d+$/.test(n) || Number(n) === 0) {
        throw new ShippedDataError(`line ${line}: bad countries_in_report "${n}"`, file);
      }
      countriesInReport = Number(n);
    }
    return { reportYear, complete, countriesInReport };
  });
}

export function parseConflictsCsv(text: string, file: string = CONFLICTS_FILE, knownCountryIds?: ReadonlySet<string>): ShippedConflict[] {
  const { rows } = readTable(text, file, ['report_year', 'country_id', 'sightings']);
  return rows.map(({ line, get }) => {
    const countryId = get('country_id').toUpperCase();
    if (knownCountryIds && !knownCountryIds.has(countryId)) throw new ShippedDataError(`line ${line}: unknown country "${countryId}"`, file);
    const sightings = get('sightings');
    if (!sightings) throw new ShippedDataError(`line ${line}: no sightings`, file);
    return { reportYear: parseYear(get('report_year'), file, line), countryId, sightings };
  });
}
