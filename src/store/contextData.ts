import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseCsv } from '../domain/csv.js';
import { UNODC_VALUE, type GoodEntry, type UnodcFigure } from '../domain/context.js';
import { ShippedDataError, dirUrl } from './shippedData.js';

/**
 * Reads the shipped context facts (data/goods.csv and data/unodc.csv, written by scripts/compile-data.ts) for a
 * store to load. The files are hashed first and parsed only when the store's copy is older (the UNODC file has
 * 45,000 rows). A bad row is a ShippedDataError naming the file and line, never skipped.
 */

export const GOODS_FILE = 'goods.csv';
export const UNODC_FILE = 'unodc.csv';
const READER_VERSION = '1';

export interface ContextFiles {
  /** sha256 over both files (empty when neither exists). */
  hash: string;
  /** Parses the files (call only when the hash differs from what the store holds). */
  parse(knownCountryIds?: ReadonlySet<string>): { goods: GoodEntry[]; unodc: UnodcFigure[] };
}

/** The context files of a data folder; a folder without them (test fixtures) has none, which is not an error. */
export function contextFiles(dataDir: URL | string): ContextFiles {
  const dir = dirUrl(dataDir);
  const read = (name: string) => {
    const url = new URL(name, dir);
    if (!existsSync(url)) return { text: '', file: fileURLToPath(url) };
    try {
      return { text: readFileSync(url, 'utf8'), file: fileURLToPath(url) };
    } catch (err) {
      throw new ShippedDataError(`cannot read shipped data: ${(err as Error).message}`, fileURLToPath(url));
    }
  };
  const goods = read(GOODS_FILE);
  const unodc = read(UNODC_FILE);
  const hash = createHash('sha256').update(`context reader ${READER_VERSION}\n`).update(goods.text).update('\n\0\n').update(unodc.text).digest('hex');
  return {
    hash,
    parse: (known) => {
      // One process opens many new databases from the same files (tests, the CLI): parse them once.
      const key = `${hash} ${known ? [...known].sort().join(',') : ''}`;
      if (lastParse?.key === key) return lastParse.value;
      const value = {
        goods: goods.text ? parseGoodsCsv(goods.text, goods.file, known) : [],
        unodc: unodc.text ? parseUnodcCsv(unodc.text, unodc.file, known) : [],
      };
      lastParse = { key, value };
      return value;
    },
  };
}

let lastParse: { key: string; value: ReturnType<ContextFiles['parse']> } | undefined;

/**
 * The files are written by compile-data (one record per line, `\n` line ends, no cell spanning lines), so a line
 * without a quote is split at its commas and only a quoted one goes through the full CSV parser: 20× faster on
 * the 45,000-line UNODC file, which a new database reads on every first open.
 */
function fastCsv(text: string): string[][] {
  const lines = text.split('\n');
  if (lines.at(-1) === '') lines.pop();
  return lines.map((l) => {
    const line = l.endsWith('\r') ? l.slice(0, -1) : l;
    return line.includes('"') ? (parseCsv(line)[0] ?? []) : line.split(',');
  });
}

function table(text: string, file: string, columns: readonly string[]): { line: number; cells: string[] }[] {
  let all: string[][];
  try {
    all = fastCsv(text);
  } catch (err) {
    throw new ShippedDataError((err as Error).message, file);
  }
  const header = all[0] ?? [];
  if (header.join(',') !== columns.join(',')) {
    throw new ShippedDataError(`the header must be ${columns.join(',')} (it is ${header.join(',') || 'empty'}); rerun scripts/compile-data.ts`, file);
  }
  return all
    .slice(1)
    .map((cells, k) => ({ line: k + 2, cells }))
    .filter((r) => r.cells.some((c) => c !== ''));
}

function checkCountry(id: string, line: number, file: string, known?: ReadonlySet<string>): void {
  if (!/^[A-Z]{3}$/.test(id) || (known && !known.has(id))) {
    throw new ShippedDataError(`line ${line}: country id "${id}" is not in the country registry`, file);
  }
}

function row(line: number, file: string, text: string): number {
  if (!/^\d+$/.test(text)) throw new ShippedDataError(`line ${line}: bad source_row "${text}"`, file);
  return Number(text);
}

const GOODS_COLUMNS = ['country_id', 'good', 'sector', 'child_labor', 'forced_labor', 'forced_child_labor', 'derived_labor_exploitation', 'derived_country', 'country_name_in_source', 'source_row'];

export function parseGoodsCsv(text: string, file: string = GOODS_FILE, known?: ReadonlySet<string>): GoodEntry[] {
  return table(text, file, GOODS_COLUMNS).map(({ line, cells }) => {
    const [countryId = '', good = '', sector = '', child = '', forced = '', forcedChild = '', derived = '', derivedCountry = '', , sourceRow = ''] = cells;
    checkCountry(countryId, line, file, known);
    const flag = (v: string) => {
      if (v !== 'Yes' && v !== 'No') throw new ShippedDataError(`line ${line}: a flag is "${v}", not Yes or No`, file);
      return v === 'Yes';
    };
    if (!good || !sector) throw new ShippedDataError(`line ${line}: empty good or sector`, file);
    return {
      countryId,
      good,
      sector,
      childLabor: flag(child),
      forcedLabor: flag(forced),
      forcedChildLabor: flag(forcedChild),
      derivedLaborExploitation: flag(derived),
      inputsFrom: derivedCountry === 'No' || derivedCountry === '' ? null : derivedCountry,
      sourceRow: row(line, file, sourceRow),
    };
  });
}

const UNODC_COLUMNS = ['country_id', 'year', 'indicator', 'dimension', 'category', 'sex', 'age', 'value', 'source_row'];

export function parseUnodcCsv(text: string, file: string = UNODC_FILE, known?: ReadonlySet<string>): UnodcFigure[] {
  return table(text, file, UNODC_COLUMNS).map(({ line, cells }) => {
    const [countryId = '', year = '', indicator = '', dimension = '', category = '', sex = '', age = '', value = '', sourceRow = ''] = cells;
    checkCountry(countryId, line, file, known);
    if (!/^\d{4}$/.test(year)) throw new ShippedDataError(`line ${line}: bad year "${year}"`, file);
    if (!UNODC_VALUE.test(value)) throw new ShippedDataError(`line ${line}: value "${value}" is neither a count nor <5`, file);
    return { countryId, year: Number(year), indicator, dimension, category, sex, age, value, sourceRow: row(line, file, sourceRow) };
  });
}
