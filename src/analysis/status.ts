/**
 * A country's status in one report year, decided in one place so that every page and JSON twin says the same
 * (the map and /index.json, /countries.json?year=, /years/{year}, a country's timeline):
 *   - `placed`: a placement is known;
 *   - `not-in-report`: the year's list is complete and the country is not on it;
 *   - `not-known`: the year's list has gaps, and the country is expected in that report (placed in that year or
 *     before, and still placed after it or in the latest complete year or later);
 *   - `not-expected`: the registry says the country did not exist in that report year (South Sudan before 2012,
 *     Serbia and Montenegro after 2006), or the year's list has gaps and the country is not expected in that
 *     report (never placed before it, or no longer placed), so it is named neither "not known" nor "not in the
 *     report".
 */
import type { Country } from '../domain/index.js';
import { existsInReportYear } from '../domain/index.js';
import type { Store } from '../store/types.js';

export type YearStatus = 'placed' | 'not-in-report' | 'not-known' | 'not-expected';

export interface StatusIndex {
  /** The status of a country in a report year; undefined when that year is not held. */
  status(countryId: string, reportYear: number): YearStatus | undefined;
  /** False where the registry says the country did not exist in that report year. */
  existed(countryId: string, reportYear: number): boolean;
}

const cache = new WeakMap<Store, { version: number; index: StatusIndex }>();

/** Whether a country absent from an incomplete year's list is expected in that report (see the file comment). */
function expectedIn(year: number, placedYears: number[], lastCompleteYear: number): boolean {
  if (placedYears.length === 0) return false;
  const first = Math.min(...placedYears);
  const last = Math.max(...placedYears);
  return first <= year && (last >= year || last >= lastCompleteYear);
}

/** The statuses of every country in every year held, built once per store version. */
export function statusIndex(store: Store): StatusIndex {
  const version = store.version();
  const hit = cache.get(store);
  if (hit && hit.version === version) return hit.index;
  const years = new Map(store.reportYears().map((y) => [y.reportYear, y] as const));
  const placed = new Map<string, number[]>();
  for (const y of years.keys()) {
    for (const p of store.placementsForYear(y)) {
      let list = placed.get(p.countryId);
      if (!list) placed.set(p.countryId, (list = []));
      list.push(y);
    }
  }
  const lastComplete = Math.max(0, ...[...years.values()].filter((y) => y.complete).map((y) => y.reportYear));
  const countries = new Map<string, Country>(store.listCountries().map((c) => [c.id, c]));
  const existed = (countryId: string, reportYear: number) => {
    const c = countries.get(countryId);
    return !c || existsInReportYear(c, reportYear);
  };
  const index: StatusIndex = {
    existed,
    status(countryId, reportYear) {
      const info = years.get(reportYear);
      if (!info) return undefined;
      const placedYears = placed.get(countryId) ?? [];
      if (placedYears.includes(reportYear)) return 'placed';
      if (!existed(countryId, reportYear)) return 'not-expected';
      if (info.complete) return 'not-in-report';
      return expectedIn(reportYear, placedYears, lastComplete) ? 'not-known' : 'not-expected';
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
    case 'not-expected':
      return `not expected in the ${reportYear} report`;
  }
}

/** Why a year has no placement, as a sentence ending (after "No tier placement is known for 2019"). */
export function statusReason(status: Exclude<YearStatus, 'placed'>, existed = true): string {
  if (!existed) return 'the country did not exist as such in that report year';
  switch (status) {
    case 'not-in-report':
      return 'the country is not in that report, whose list is complete';
    case 'not-known':
      return 'that year’s compiled list has gaps, and this country is expected in it';
    case 'not-expected':
      return 'that year’s compiled list has gaps, and this country is not placed in the reports around it (it may not have been assessed, or may not have existed then)';
  }
}
