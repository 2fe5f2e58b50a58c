/**
 * A country's status in one report year, decided in one place so that every page and JSON twin says the same
 * (the map and /index.json, /countries.json?year=, /years/{year}, a country's timeline, `tip-atlas show`):
 *   - `placed`: a placement is known;
 *   - `not-in-report`: the year's list is complete and the country is not on it, or the reports had not yet begun
 *     to assess it (the United States before the 2010 report: domain/assessedFrom.ts);
 *   - `not-known`: the year's list has gaps and the country is not on it: it may be in that report, with a tier
 *     the list does not give (never "not in the report");
 *   - `did-not-exist`: the registry says the country did not exist in that report year (South Sudan before
 *     2012, Serbia and Montenegro after 2006).
 * Of the `not-known` ones, `assessedAround` tells those placed in the reports before and after that year (the
 * likely gaps of the list, which the year page names first) from the rest.
 */
import type { Country } from '../domain/index.js';
import { existsInReportYear, notYetAssessed } from '../domain/index.js';
import type { Store } from '../store/types.js';

export type YearStatus = 'placed' | 'not-in-report' | 'not-known' | 'did-not-exist';

export interface StatusIndex {
  /** The status of a country in a report year; undefined when that year is not held. */
  status(countryId: string, reportYear: number): YearStatus | undefined;
  /** False where the registry says the country did not exist in that report year. */
  existed(countryId: string, reportYear: number): boolean;
  /** Whether the country is placed in the reports before and after that year (see expectedIn). */
  assessedAround(countryId: string, reportYear: number): boolean;
}

/**
 * Whether a country absent from an incomplete year's list is likely in that report: placed in that year or
 * before, and still placed after it or in the latest complete year or later.
 */
function expectedIn(year: number, placedYears: number[], lastCompleteYear: number): boolean {
  if (placedYears.length === 0) return false;
  const first = Math.min(...placedYears);
  const last = Math.max(...placedYears);
  return first <= year && (last >= year || last >= lastCompleteYear);
}

/**
 * The last index built per store, with the store version it was built at: a new version (an import, a commit by
 * another connection) builds a new one, so it is never stale. Kept although the other analysis caches went (facts
 * are derived at import now) because statuses come from every placement, shipped and imported, not from a
 * narrative, and building them costs 10–20 ms (three queries over ~3,900 placements; measured on the corpus
 * database) where a hit costs one PRAGMA.
 */
const cache = new WeakMap<Store, { version: number; index: StatusIndex }>();

/** The statuses of every country in every year held, built once per store version. */
export function statusIndex(store: Store): StatusIndex {
  const version = store.version();
  const hit = cache.get(store);
  if (hit && hit.version === version) return hit.index;
  const years = new Map(store.reportYears().map((y) => [y.reportYear, y] as const));
  const placed = new Map<string, number[]>();
  for (const p of store.placedCountryYears()) {
    if (!years.has(p.reportYear)) continue;
    let list = placed.get(p.countryId);
    if (!list) placed.set(p.countryId, (list = []));
    list.push(p.reportYear);
  }
  const lastComplete = Math.max(0, ...[...years.values()].filter((y) => y.complete).map((y) => y.reportYear));
  const countries = new Map<string, Country>(store.listCountries().map((c) => [c.id, c]));
  const existed = (countryId: string, reportYear: number) => {
    const c = countries.get(countryId);
    return !c || existsInReportYear(c, reportYear);
  };
  const index: StatusIndex = {
    existed,
    assessedAround: (countryId, reportYear) => expectedIn(reportYear, placed.get(countryId) ?? [], lastComplete),
    status(countryId, reportYear) {
      const info = years.get(reportYear);
      if (!info) return undefined;
      if (placed.get(countryId)?.includes(reportYear)) return 'placed';
      if (!existed(countryId, reportYear)) return 'did-not-exist';
      return info.complete || notYetAssessed(countryId, reportYear) ? 'not-in-report' : 'not-known';
    },
  };
  cache.set(store, { version, index });
  return index;
}

/** In words, for a year without a placement ("not known", …). */
export function statusWords(status: Exclude<YearStatus, 'placed'>, reportYear: number): string {
  switch (status) {
    case 'not-in-report':
      return `not in the ${reportYear} report`;
    case 'not-known':
      return 'not known';
    case 'did-not-exist':
      return `did not exist in ${reportYear}`;
  }
}

/** Why a year has no placement, as a sentence ending (after "No tier placement is known for 2019"). */
export function statusReason(status: Exclude<YearStatus, 'placed'>, at?: { countryId: string; reportYear: number }): string {
  switch (status) {
    case 'not-in-report':
      return at && notYetAssessed(at.countryId, at.reportYear)
        ? 'the country is not in that report: the reports had not yet begun to assess it'
        : 'the country is not in that report, whose list is complete';
    case 'not-known':
      return 'that year’s compiled list has gaps: the country may be in that report, with a tier the list does not give';
    case 'did-not-exist':
      return 'the country did not exist as such in that report year';
  }
}

/** What a heading says in place of a tier ("TAJIKISTAN (tier not known)"). */
export function noTierWords(status: YearStatus | null): string {
  return status === 'did-not-exist' ? 'did not exist' : status === 'not-in-report' ? 'not in the report' : 'tier not known';
}
