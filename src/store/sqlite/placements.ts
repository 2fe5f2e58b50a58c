import type Database from 'better-sqlite3';
import { normalizeCountryName } from '../../countries/index.js';
import type { Country, RegionCode } from '../../domain/types.js';
import type { Tier } from '../../domain/tiers.js';
import type { CountryWithLatest, ReportYearInfo, TierConflict, TierPlacement } from '../types.js';
import { documentLabel } from './narratives.js';

/** The registry and tier placements: shipped rows and those read from imported narratives, merged. */

type Prepare = (sql: string) => Database.Statement;

export interface CountryRow {
  id: string;
  name: string;
  region: string;
  slug: string;
  aliases: string;
  first_report_year: number | null;
  last_report_year: number | null;
}

const COUNTRY_COLUMNS = 'id, name, region, slug, aliases, first_report_year, last_report_year';

interface ShippedRow {
  country_id: string;
  report_year: number;
  tier: Tier;
  asterisk: number;
  basis: string;
  source: string;
}

const SHIPPED_COLUMNS = 'country_id, report_year, tier, asterisk, basis, source';

/** How an imported placement is known: read from the heading of that year's narrative (see data/SOURCES.md). */
const IMPORTED_BASIS = 'narrative';

interface ImportedRow {
  country_id: string;
  report_year: number;
  tier: Tier;
  tier_asterisk: number;
  document_id: number;
  public_url: string | null;
}

const IMPORTED_PLACEMENT_SELECT = `SELECT a.country_id, a.report_year, a.tier, a.tier_asterisk, a.document_id, d.public_url
  FROM assessments a JOIN documents d ON d.id = a.document_id
  WHERE a.is_current = 1 AND a.tier IS NOT NULL`;

/** Sort key of a country name, the registry's own (accents and punctuation folded), memoised. */
const nameKeys = new Map<string, string>();
function nameKey(name: string): string {
  let k = nameKeys.get(name);
  if (k === undefined) {
    k = normalizeCountryName(name);
    nameKeys.set(name, k);
  }
  return k;
}

/** Orders like COUNTRIES: by normalised name, then id. */
export function compareByName(a: { name: string; id: string }, b: { name: string; id: string }): number {
  const ka = nameKey(a.name);
  const kb = nameKey(b.name);
  return ka < kb ? -1 : ka > kb ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

export function toCountry(r: CountryRow): Country {
  const c: Country = { id: r.id, name: r.name, aliases: JSON.parse(r.aliases) as string[], region: r.region as RegionCode, slug: r.slug };
  if (r.first_report_year !== null) c.firstReportYear = r.first_report_year;
  if (r.last_report_year !== null) c.lastReportYear = r.last_report_year;
  return c;
}

function shippedPlacement(r: ShippedRow): TierPlacement {
  return {
    countryId: r.country_id,
    reportYear: r.report_year,
    tier: r.tier,
    asterisk: r.asterisk === 1,
    origin: 'shipped',
    basis: r.basis,
    source: r.source,
  };
}

/** The imported placement, noting the shipped tier it overrides when they differ. */
function importedPlacement(r: ImportedRow, shipped: ShippedRow | undefined): TierPlacement {
  const p: TierPlacement = {
    countryId: r.country_id,
    reportYear: r.report_year,
    tier: r.tier,
    asterisk: r.tier_asterisk === 1,
    origin: 'imported',
    basis: IMPORTED_BASIS,
    source: documentLabel({ id: r.document_id, publicUrl: r.public_url }),
    documentId: r.document_id,
  };
  if (shipped && shipped.tier !== r.tier) p.supersededShippedTier = shipped.tier;
  return p;
}

/** Shipped and imported placements, one per country-year, imported superseding shipped. */
function mergePlacements(shipped: ShippedRow[], imported: ImportedRow[]): TierPlacement[] {
  const key = (r: { country_id: string; report_year: number }) => `${r.report_year} ${r.country_id}`;
  const shippedByKey = new Map(shipped.map((r) => [key(r), r]));
  const out = new Map<string, TierPlacement>();
  for (const r of shipped) out.set(key(r), shippedPlacement(r));
  for (const r of imported) out.set(key(r), importedPlacement(r, shippedByKey.get(key(r))));
  return [...out.values()];
}

/** Countries with their latest known placement (imported beats shipped), ordered by name. */
export function listCountries(q: Prepare): CountryWithLatest[] {
  const countries = (q(`SELECT ${COUNTRY_COLUMNS} FROM countries`).all() as CountryRow[]).map(toCountry);
  const shipped = q(
    `SELECT p.country_id, p.report_year, p.tier, p.asterisk, p.basis, p.source FROM tier_placements p
     JOIN (SELECT country_id, max(report_year) AS y FROM tier_placements GROUP BY country_id) m
       ON m.country_id = p.country_id AND m.y = p.report_year`,
  ).all() as ShippedRow[];
  const imported = q(
    `${IMPORTED_PLACEMENT_SELECT} AND a.report_year = (SELECT max(b.report_year) FROM assessments b
       WHERE b.country_id = a.country_id AND b.is_current = 1 AND b.tier IS NOT NULL)`,
  ).all() as ImportedRow[];
  const shippedBy = new Map(shipped.map((r) => [r.country_id, r]));
  const importedBy = new Map(imported.map((r) => [r.country_id, r]));
  return countries
    .map((c): CountryWithLatest => {
      const s = shippedBy.get(c.id);
      const i = importedBy.get(c.id);
      let latest: TierPlacement | null = null;
      if (i && (!s || i.report_year >= s.report_year)) {
        latest = importedPlacement(i, s && s.report_year === i.report_year ? s : undefined);
      } else if (s) {
        latest = shippedPlacement(s);
      }
      return { ...c, latest };
    })
    .sort(compareByName);
}

export function getCountry(q: Prepare, id: string): Country | undefined {
  const row = q(`SELECT ${COUNTRY_COLUMNS} FROM countries WHERE id = ?`).get(
    id.trim().toUpperCase(),
  ) as CountryRow | undefined;
  return row ? toCountry(row) : undefined;
}

export function tierHistory(q: Prepare, countryId: string): TierPlacement[] {
  const id = countryId.trim().toUpperCase();
  const shipped = q(`SELECT ${SHIPPED_COLUMNS} FROM tier_placements WHERE country_id = ?`).all(id) as ShippedRow[];
  const imported = q(`${IMPORTED_PLACEMENT_SELECT} AND a.country_id = ?`).all(id) as ImportedRow[];
  return mergePlacements(shipped, imported).sort((a, b) => a.reportYear - b.reportYear);
}

export function tierConflicts(q: Prepare, countryId: string): TierConflict[] {
  return q('SELECT report_year AS reportYear, sightings FROM tier_conflicts WHERE country_id = ? ORDER BY report_year').all(
    countryId.trim().toUpperCase(),
  ) as TierConflict[];
}

/** Ordered by country name. */
export function placementsForYear(q: Prepare, reportYear: number): TierPlacement[] {
  const shipped = q(`SELECT ${SHIPPED_COLUMNS} FROM tier_placements WHERE report_year = ?`).all(
    reportYear,
  ) as ShippedRow[];
  const imported = q(`${IMPORTED_PLACEMENT_SELECT} AND a.report_year = ?`).all(reportYear) as ImportedRow[];
  const names = new Map(
    (q('SELECT id, name FROM countries').all() as { id: string; name: string }[]).map((r) => [r.id, r.name]),
  );
  const named = (p: TierPlacement) => ({ id: p.countryId, name: names.get(p.countryId) ?? p.countryId });
  return mergePlacements(shipped, imported).sort((a, b) => compareByName(named(a), named(b)));
}

/**
 * A year shipped as complete stops being complete when a current narrative of that year has no tier and the
 * shipped list has no placement for its country: the country was in the report, its tier is not known, so a
 * missing placement must not read as "not in the report".
 */
export function reportYears(q: Prepare): ReportYearInfo[] {
  const rows = q(
    `SELECT report_year,
       complete AND NOT EXISTS (
         SELECT 1 FROM assessments a
         WHERE a.report_year = report_years.report_year AND a.is_current = 1 AND a.tier IS NULL
           AND NOT EXISTS (SELECT 1 FROM tier_placements p
                           WHERE p.report_year = a.report_year AND p.country_id = a.country_id)
       ) AS complete,
       countries_in_report FROM report_years
     UNION
     SELECT report_year, 0, NULL FROM (
       SELECT report_year FROM assessments UNION SELECT report_year FROM tier_placements
     ) WHERE report_year NOT IN (SELECT report_year FROM report_years)
     ORDER BY report_year`,
  ).all() as { report_year: number; complete: number; countries_in_report: number | null }[];
  return rows.map((r) => ({
    reportYear: r.report_year,
    complete: r.complete === 1,
    countriesInReport: r.countries_in_report,
  }));
}

/** Every country-year with a placement: the shipped ones and those of current imported narratives with a tier (a year both give comes twice). */
export function placedCountryYears(q: Prepare): { countryId: string; reportYear: number }[] {
  return q(
    `SELECT country_id AS countryId, report_year AS reportYear FROM tier_placements
     UNION ALL SELECT country_id, report_year FROM assessments WHERE is_current = 1 AND tier IS NOT NULL`,
  ).all() as { countryId: string; reportYear: number }[];
}
