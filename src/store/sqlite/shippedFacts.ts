import { createHash } from 'node:crypto';
import type Database from 'better-sqlite3';
import type { Country } from '../../domain/types.js';
import { readShippedData, ShippedDataError, type ShippedData } from '../shippedData.js';
import { getMeta, setMeta } from './meta.js';

const META_COUNTRIES_HASH = 'countries_hash';
const META_SHIPPED_HASH = 'shipped_data_hash';

export function emitWarning(warning: ShippedDataError): void {
  process.emitWarning(warning.message, { type: warning.name, code: 'TIP_ATLAS_SHIPPED_DATA' });
}

function countriesHash(countries: readonly Country[]): string {
  const canonical = [...countries]
    .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
    .map((c) => [c.id, c.name, c.region, c.slug, c.aliases, c.firstReportYear ?? null, c.lastReportYear ?? null]);
  return createHash('sha256').update(JSON.stringify(canonical)).digest('hex');
}

/** Registry upsert and shipped-data load, in one transaction, only when something changed. */
export function syncShippedFacts(
  db: Database.Database,
  countries: readonly Country[],
  dataDir: URL | string,
  warn: (warning: ShippedDataError) => void,
): void {
  const q = (sql: string) => db.prepare(sql);
  const cHash = countriesHash(countries);
  let shipped: ShippedData | undefined;
  let readError: unknown;
  try {
    shipped = readShippedData(dataDir, new Set(countries.map((c) => c.id)));
  } catch (err) {
    readError = err;
  }
  const storedShipped = getMeta(q, META_SHIPPED_HASH);
  if (!shipped && storedShipped === undefined) throw readError; // a new database needs its shipped facts
  if (!shipped) {
    // An existing database whose data/ cannot be read keeps the shipped rows it has, and says so.
    const reason = readError instanceof Error ? readError.message : String(readError);
    warn(new ShippedDataError(`the shipped data cannot be read; keeping the shipped facts loaded earlier: ${reason}`));
  }
  const needCountries = getMeta(q, META_COUNTRIES_HASH) !== cHash;
  const needShipped = shipped !== undefined && storedShipped !== shipped.hash;
  if (!needCountries && !needShipped) return;

  db.transaction(() => {
    if (getMeta(q, META_COUNTRIES_HASH) !== cHash) {
      const upsert = db.prepare(
        `INSERT INTO countries (id, name, region, slug, aliases, first_report_year, last_report_year)
         VALUES (?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT(id) DO UPDATE SET name = excluded.name, region = excluded.region, slug = excluded.slug,
           aliases = excluded.aliases, first_report_year = excluded.first_report_year,
           last_report_year = excluded.last_report_year`,
      );
      for (const c of countries) {
        const { id, name, region, slug, aliases, firstReportYear, lastReportYear } = c;
        upsert.run(id, name, region, slug, JSON.stringify(aliases), firstReportYear ?? null, lastReportYear ?? null);
      }
      setMeta(q, META_COUNTRIES_HASH, cHash);
    }
    if (shipped && getMeta(q, META_SHIPPED_HASH) !== shipped.hash) {
      db.exec('DELETE FROM tier_placements; DELETE FROM report_years; DELETE FROM tier_conflicts;');
      const insPlacement = db.prepare(
        `INSERT INTO tier_placements (report_year, country_id, tier, asterisk, basis, source)
         VALUES (?, ?, ?, ?, ?, ?)`,
      );
      for (const p of shipped.placements) {
        insPlacement.run(p.reportYear, p.countryId, p.tier, p.asterisk ? 1 : 0, p.basis, p.source);
      }
      const insYear = db.prepare(
        'INSERT INTO report_years (report_year, complete, countries_in_report) VALUES (?, ?, ?)',
      );
      for (const y of shipped.reportYears) insYear.run(y.reportYear, y.complete ? 1 : 0, y.countriesInReport);
      const insConflict = db.prepare('INSERT INTO tier_conflicts (report_year, country_id, sightings) VALUES (?, ?, ?)');
      for (const c of shipped.conflicts) insConflict.run(c.reportYear, c.countryId, c.sightings);
      setMeta(q, META_SHIPPED_HASH, shipped.hash);
    }
  }).immediate();
}
