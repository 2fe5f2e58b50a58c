/**
 * Generates `src/domain/publisherYears.data.ts` from `data/publisher-years.csv`: the publisher's own addresses per
 * report year (release date, landing page, archived landing page, full-report PDF, country page pattern and
 * example, index page, countries in the report), each row with the public pages it rests on (`sources`).
 *
 *   npx tsx scripts/generate-publisher-years.ts            # writes the module (only when it changes)
 *   npx tsx scripts/generate-publisher-years.ts --check    # writes nothing; exits 1 when the module is out of date
 *
 * The CSV is compiled from `../shared/data/publisher-years.csv` (see data/SOURCES.md); an empty cell means no
 * evidence was seen, and stays empty (null) here: nothing is guessed.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseCsvRecords } from '../src/domain/csv.js';
import { isPlausibleReportYear } from '../src/domain/reportYears.js';

const REPO_ROOT = resolve(fileURLToPath(new URL('..', import.meta.url)));
export const INPUT_FILE = resolve(REPO_ROOT, 'data/publisher-years.csv');
export const OUTPUT_FILE = resolve(REPO_ROOT, 'src/domain/publisherYears.data.ts');

const COLUMNS = [
  ['report_year', 'reportYear'],
  ['release_date', 'releaseDate'],
  ['landing_url', 'landingUrl'],
  ['archived_landing_url', 'archivedLandingUrl'],
  ['pdf_url', 'pdfUrl'],
  ['country_page_pattern', 'countryPagePattern'],
  ['country_page_example', 'countryPageExample'],
  ['index_url', 'indexUrl'],
  ['countries_in_report', 'countriesInReport'],
  ['sources', 'sources'],
] as const;

export function generate(csv: string): string {
  const { header, records } = parseCsvRecords(csv);
  const missing = COLUMNS.map(([c]) => c).filter((c) => !header.includes(c));
  if (missing.length) throw new Error(`data/publisher-years.csv: missing column(s) ${missing.join(', ')}`);
  const rows = records.map((r, i) => {
    const year = Number(r.report_year);
    if (!isPlausibleReportYear(year)) throw new Error(`data/publisher-years.csv record ${i + 2}: bad report year "${r.report_year}"`);
    if (r.release_date && !/^\d{4}-\d{2}-\d{2}$/.test(r.release_date)) {
      throw new Error(`data/publisher-years.csv record ${i + 2}: bad release date "${r.release_date}"`);
    }
    const fields = COLUMNS.map(([col, key]) => {
      if (key === 'reportYear') return `reportYear: ${year}`;
      const v = (r[col] ?? '').trim();
      return `${key}: ${v === '' ? 'null' : JSON.stringify(v)}`;
    });
    return `  { ${fields.join(', ')} },`;
  });
  return [
    '// Generated from data/publisher-years.csv by scripts/generate-publisher-years.ts: do not edit; run',
    '// `npx tsx scripts/generate-publisher-years.ts`. An empty cell (null) means no evidence was seen.',
    '// Typed where it is used (publisherYears.ts: PUBLISHER_YEARS), so this module imports nothing.',
    '',
    'export const PUBLISHER_YEAR_ROWS = [',
    ...rows,
    '];',
    '',
  ].join('\n');
}

function main(argv: string[]): number {
  const check = argv.includes('--check');
  const out = generate(readFileSync(INPUT_FILE, 'utf8'));
  const current = existsSync(OUTPUT_FILE) ? readFileSync(OUTPUT_FILE, 'utf8') : '';
  if (current === out) {
    console.log('src/domain/publisherYears.data.ts is up to date');
    return 0;
  }
  if (check) {
    console.error('out of date: src/domain/publisherYears.data.ts (run: npx tsx scripts/generate-publisher-years.ts)');
    return 1;
  }
  writeFileSync(OUTPUT_FILE, out);
  console.log('wrote src/domain/publisherYears.data.ts');
  return 0;
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  process.exitCode = main(process.argv.slice(2));
}
