import type Database from 'better-sqlite3';
import type { GoodEntry, UnodcFigure } from '../../domain/context.js';
import { contextFiles } from '../contextData.js';
import { ShippedDataError } from '../shippedData.js';

/**
 * The context facts in SQLite: the List of Goods and the UNODC figures (schema: migration 7), loaded from data/
 * like the tier placements — replaced wholesale when the shipped files change (compared by hash).
 */

const UNODC_INDEX_SQL = 'CREATE INDEX unodc_figures_country ON unodc_figures (country_id, indicator, year);';


const META_CONTEXT_HASH = 'context_data_hash';

/** Loads data/goods.csv and data/unodc.csv when they changed since the last load (one transaction). */
export function syncContextFacts(
  db: Database.Database,
  dataDir: URL | string,
  knownCountryIds: ReadonlySet<string>,
  warn: (warning: ShippedDataError) => void,
): void {
  const stored = (db.prepare('SELECT value FROM meta WHERE key = ?').get(META_CONTEXT_HASH) as { value: string } | undefined)?.value;
  let parsed: ReturnType<ReturnType<typeof contextFiles>['parse']>;
  let hash: string;
  try {
    const files = contextFiles(dataDir);
    if (files.hash === stored) return;
    hash = files.hash;
    parsed = files.parse(knownCountryIds);
  } catch (err) {
    if (!(err instanceof ShippedDataError)) throw err;
    if (stored === undefined) throw err; // a new database needs its shipped facts
    warn(new ShippedDataError(`the shipped context data cannot be read; keeping what was loaded earlier: ${err.message}`));
    return;
  }
  db.transaction(() => {
    // The UNODC index is built once after the 45,000 rows rather than kept up row by row (about 40% of the load).
    db.exec('DELETE FROM goods; DROP INDEX unodc_figures_country; DELETE FROM unodc_figures;');
    const insGood = db.prepare(
      `INSERT INTO goods (country_id, good, sector, child_labor, forced_labor, forced_child_labor, derived_labor_exploitation, inputs_from, source_row)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    for (const g of parsed.goods) {
      insGood.run(g.countryId, g.good, g.sector, +g.childLabor, +g.forcedLabor, +g.forcedChildLabor, +g.derivedLaborExploitation, g.inputsFrom, g.sourceRow);
    }
    const insFigure = db.prepare(
      'INSERT INTO unodc_figures (source_row, country_id, year, indicator, dimension, category, sex, age, value) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
    );
    for (const f of parsed.unodc) insFigure.run(f.sourceRow, f.countryId, f.year, f.indicator, f.dimension, f.category, f.sex, f.age, f.value);
    db.exec(UNODC_INDEX_SQL);
    db.prepare('INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value').run(META_CONTEXT_HASH, hash);
  }).immediate();
}

interface GoodRow {
  country_id: string;
  good: string;
  sector: string;
  child_labor: number;
  forced_labor: number;
  forced_child_labor: number;
  derived_labor_exploitation: number;
  inputs_from: string | null;
  source_row: number;
}

const toGood = (r: GoodRow): GoodEntry => ({
  countryId: r.country_id,
  good: r.good,
  sector: r.sector,
  childLabor: r.child_labor === 1,
  forcedLabor: r.forced_labor === 1,
  forcedChildLabor: r.forced_child_labor === 1,
  derivedLaborExploitation: r.derived_labor_exploitation === 1,
  inputsFrom: r.inputs_from,
  sourceRow: r.source_row,
});

type Prepare = (sql: string) => Database.Statement;

/** Goods on the List, by country then good; `countryId` and `good` (any case) narrow them. */
export function queryGoods(q: Prepare, filter: { countryId?: string | undefined; good?: string | undefined } = {}): GoodEntry[] {
  const rows = q(
    `SELECT * FROM goods WHERE (@c IS NULL OR country_id = @c) AND (@g IS NULL OR good = @g COLLATE NOCASE) ORDER BY country_id, good COLLATE NOCASE`,
  ).all({ c: filter.countryId ?? null, g: filter.good ?? null }) as GoodRow[];
  return rows.map(toGood);
}

/** UNODC rows, of one country or all, in the export's order. */
export function queryUnodc(q: Prepare, countryId?: string): UnodcFigure[] {
  const rows = q(
    `SELECT source_row, country_id, year, indicator, dimension, category, sex, age, value FROM unodc_figures
     WHERE (@c IS NULL OR country_id = @c) ORDER BY source_row`,
  ).all({ c: countryId ?? null }) as { source_row: number; country_id: string; year: number; indicator: string; dimension: string; category: string; sex: string; age: string; value: string }[];
  return rows.map((r) => ({
    countryId: r.country_id,
    year: r.year,
    indicator: r.indicator,
    dimension: r.dimension,
    category: r.category,
    sex: r.sex,
    age: r.age,
    value: r.value,
    sourceRow: r.source_row,
  }));
}
