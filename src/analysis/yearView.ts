/**
 * One report year as a whole: every placement of that year, each compared with the country's placement in the
 * previous report, tier counts, which countries have no known placement, and the sources the placements come
 * from. Used by the home page (map, movements), the year page and their JSON twins.
 */
import type { Country, MovementKind, OfficialSource, RegionCode, Tier } from '../domain/index.js';
import { REGION_NAMES, TIER_CODES, TIERS, movementBetween, officialSource } from '../domain/index.js';
import type { ReportYearInfo, Store, TierPlacement } from '../store/types.js';
import { statusIndex } from './status.js';

/**
 * How a placement compares with the previous report: a movement, or why there is none to tell —
 * `entered` (not in the previous report, whose list is complete), `previous-not-known` (the previous year's list
 * has gaps and this country is not in it), `first-report` (2001, or no earlier report year held).
 */
export type YearChange = MovementKind | 'previous-not-known' | 'first-report';

export type PlacementStatus = 'placed' | 'not-known' | 'not-in-report';

export interface CountryRef {
  id: string;
  name: string;
  region: RegionCode;
  regionName: string;
}

export interface YearEntry {
  country: CountryRef;
  placement: TierPlacement;
  /** The placement in the previous report year, where known. */
  previous: TierPlacement | null;
  change: YearChange;
  /** The change in words ("upgraded from Tier 2 Watch List", "no change", "not in the 2015 report"). */
  changeLabel: string;
  /** An arrow for the eye: ↑ upgraded, ↓ downgraded, = no change, • anything else. */
  symbol: '↑' | '↓' | '=' | '•';
  /** 1-based index into `sources`. */
  sourceNumber: number;
}

export interface YearSource {
  number: number;
  /** The shipped row's source, or the imported document's origin. */
  source: string;
  origin: 'shipped' | 'imported';
  placements: number;
}

export interface YearView {
  reportYear: number;
  /** The report itself: U.S. Department of State, YYYY Trafficking in Persons Report, with its page (or why none). */
  official: OfficialSource;
  /** True when every country of that year's report is known: a missing country is then not in the report. */
  complete: boolean;
  /** How many countries the report assessed, where known. */
  countriesInReport: number | null;
  /** Placements known for the year (after filters). */
  known: number;
  previousYear: { reportYear: number; complete: boolean } | null;
  counts: Record<Tier, number>;
  /** Placements by tier, Tier 1 first; each list ordered by country name. */
  tiers: { tier: Tier; code: string; count: number; entries: YearEntry[] }[];
  /**
   * Incomplete years only: the countries of that year with no placement in its list ("not known"), those placed
   * in the reports before and after it (`assessedAround`, the likely gaps of the list) first, then by name.
   */
  notKnown: (CountryRef & { assessedAround: boolean })[];
  sources: YearSource[];
  filters: { region: RegionCode | null; tier: Tier | null };
}

export function countryRef(c: Pick<Country, 'id' | 'name' | 'region'>): CountryRef {
  return { id: c.id, name: c.name, region: c.region, regionName: REGION_NAMES[c.region] };
}

/** The latest report year the store knows of, or null for an empty store. */
export function latestReportYear(years: ReportYearInfo[]): number | null {
  return years.length ? Math.max(...years.map((y) => y.reportYear)) : null;
}

/**
 * How a placement compares with the previous report year. No movement is told across a year whose placement is
 * not known: `lastKnown` (the latest placement before that year, if any) is only named, as the country timeline
 * names it ("downgraded from Tier 2 (2012) to Tier 3, across unknown years").
 */
export function changeOf(
  placement: TierPlacement,
  previous: TierPlacement | null,
  previousYear: { reportYear: number; complete: boolean } | null,
  lastKnown: TierPlacement | null = null,
): { change: YearChange; changeLabel: string; symbol: YearEntry['symbol'] } {
  if (previous) {
    const m = movementBetween(previous.tier, placement.tier);
    switch (m.kind) {
      case 'upgraded':
        return { change: m.kind, changeLabel: `upgraded from ${previous.tier}`, symbol: '↑' };
      case 'downgraded':
        return { change: m.kind, changeLabel: `downgraded from ${previous.tier}`, symbol: '↓' };
      case 'remained':
        return { change: m.kind, changeLabel: 'no change', symbol: '=' };
      case 'special-case':
        return { change: m.kind, changeLabel: `became a Special Case (was ${previous.tier})`, symbol: '•' };
      case 'left-special-case':
        return { change: m.kind, changeLabel: 'was a Special Case', symbol: '•' };
      default:
        return { change: m.kind, changeLabel: '', symbol: '•' };
    }
  }
  if (!previousYear) return { change: 'first-report', changeLabel: 'no earlier report', symbol: '•' };
  if (previousYear.complete) {
    return { change: 'entered', changeLabel: `not in the ${previousYear.reportYear} report`, symbol: '•' };
  }
  const last = lastKnown ? `; last known: ${lastKnown.tier} in ${lastKnown.reportYear}` : '';
  return { change: 'previous-not-known', changeLabel: `${previousYear.reportYear} placement not known${last}`, symbol: '•' };
}

export interface YearViewOptions {
  region?: RegionCode | null;
  tier?: Tier | null;
}

/**
 * A country's latest placement before `year`, unless a complete year without it came in between (it left the
 * report). `placementsOf` reads a year's placements (by country), once per year for a whole year page.
 */
function lastPlacementBefore(
  placementsOf: (year: number) => Map<string, TierPlacement>,
  years: ReportYearInfo[],
  countryId: string,
  year: number,
): TierPlacement | null {
  const earlier = years.filter((y) => y.reportYear < year).sort((a, b) => b.reportYear - a.reportYear);
  for (const y of earlier) {
    const p = placementsOf(y.reportYear).get(countryId);
    if (p) return p;
    if (y.complete) return null;
  }
  return null;
}

/** The view of one report year; undefined when the store knows nothing of that year. */
export function yearView(store: Store, reportYear: number, opts: YearViewOptions = {}): YearView | undefined {
  const years = store.reportYears();
  const info = years.find((y) => y.reportYear === reportYear);
  if (!info) return undefined;
  const prevInfo = years.find((y) => y.reportYear === reportYear - 1) ?? null;
  const previousYear = prevInfo ? { reportYear: prevInfo.reportYear, complete: prevInfo.complete } : null;
  const countries = new Map(store.listCountries().map((c) => [c.id, c]));
  const current = store.placementsForYear(reportYear);
  const previous = new Map(
    (prevInfo ? store.placementsForYear(prevInfo.reportYear) : []).map((p) => [p.countryId, p] as const),
  );
  const region = opts.region ?? null;
  const tierFilter = opts.tier ?? null;
  const byYear = new Map<number, Map<string, TierPlacement>>();
  const placementsOf = (year: number) => {
    let m = byYear.get(year);
    if (!m) byYear.set(year, (m = new Map(store.placementsForYear(year).map((p) => [p.countryId, p] as const))));
    return m;
  };

  const sourceNumbers = new Map<string, YearSource>();
  const entries: YearEntry[] = [];
  for (const p of current) {
    const c = countries.get(p.countryId);
    if (!c) continue;
    if (region && c.region !== region) continue;
    if (tierFilter && p.tier !== tierFilter) continue;
    const key = `${p.origin} ${p.source}`;
    let src = sourceNumbers.get(key);
    if (!src) {
      src = { number: sourceNumbers.size + 1, source: p.source, origin: p.origin, placements: 0 };
      sourceNumbers.set(key, src);
    }
    src.placements++;
    const prev = previous.get(p.countryId) ?? null;
    const lastKnown = !prev && previousYear && !previousYear.complete ? lastPlacementBefore(placementsOf, years, p.countryId, previousYear.reportYear) : null;
    entries.push({ country: countryRef(c), placement: p, previous: prev, ...changeOf(p, prev, previousYear, lastKnown), sourceNumber: src.number });
  }
  const counts = Object.fromEntries(TIERS.map((t) => [t, 0])) as Record<Tier, number>;
  for (const e of entries) counts[e.placement.tier]++;

  // Named by the one rule every page uses (status.ts): expected in that report, and its placement not known.
  const statuses = statusIndex(store);
  const notKnown = tierFilter
    ? []
    : [...countries.values()]
        .filter((c) => (!region || c.region === region) && statuses.status(c.id, reportYear) === 'not-known')
        .map((c) => ({ ...countryRef(c), assessedAround: statuses.assessedAround(c.id, reportYear) }))
        .sort((a, b) => Number(b.assessedAround) - Number(a.assessedAround) || a.name.localeCompare(b.name));

  return {
    reportYear,
    official: officialSource(reportYear),
    complete: info.complete,
    countriesInReport: info.countriesInReport,
    known: entries.length,
    previousYear,
    counts,
    tiers: TIERS.map((tier) => {
      const list = entries.filter((e) => e.placement.tier === tier);
      return { tier, code: TIER_CODES[tier], count: list.length, entries: list };
    }),
    notKnown,
    sources: [...sourceNumbers.values()],
    filters: { region, tier: tierFilter },
  };
}

/** Every placement status of one year, for the map: placed, not known (incomplete year) or not in the report. */
export function statusIn(view: Pick<YearView, 'complete'>, placement: TierPlacement | undefined): PlacementStatus {
  return placement ? 'placed' : view.complete ? 'not-in-report' : 'not-known';
}
