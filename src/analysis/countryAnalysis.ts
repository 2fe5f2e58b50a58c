/**
 * The analyses a country profile shows beside the narrative: indicators over every year held, and where the
 * shown year's recommendations come from (recommendation tracking). One read of the country's narratives.
 */
import type { Store } from '../store/types.js';
import { countryIndicators, type IndicatorTable } from './indicators.js';
import { countryNarratives, countryRecommendationTracking } from './derive.js';
import type { RecommendationTracking, TrackedYear } from './recommendationTracking.js';

export interface CountryAnalysis {
  /** Indicators stated in the narratives held, kinds × report years, each cell citing its sentence. */
  indicators: IndicatorTable;
  /** The shown year's recommendations with pillar, themes and history, and what it dropped; null without any. */
  recommendationTracking: TrackedYear | null;
}

export interface CountryTables {
  indicators: IndicatorTable;
  tracking: RecommendationTracking;
}

/**
 * The last few countries analysed, per store, under the store's version: every page of a country (its years, their
 * JSON twins, its indicators) needs the same tables, and reading every year's narrative for each was most of the
 * cost of rendering one (an export renders them all, country by country). Never modified by readers.
 */
const recent = new WeakMap<Store, { version: number; countries: Map<string, CountryTables> }>();
const KEPT = 8;

export function countryTables(store: Store, countryId: string): CountryTables {
  const version = store.version();
  let memo = recent.get(store);
  if (memo?.version !== version) recent.set(store, (memo = { version, countries: new Map() }));
  const hit = memo.countries.get(countryId);
  if (hit) return hit;
  const narratives = countryNarratives(store, countryId);
  const a = { indicators: countryIndicators(store, countryId, narratives), tracking: countryRecommendationTracking(store, countryId, narratives) };
  memo.countries.set(countryId, a);
  if (memo.countries.size > KEPT) memo.countries.delete(memo.countries.keys().next().value!);
  return a;
}

export function countryAnalysis(store: Store, countryId: string, reportYear: number | undefined): CountryAnalysis {
  const { indicators, tracking } = countryTables(store, countryId);
  const shown = reportYear === undefined ? undefined : tracking.years.find((y) => y.reportYear === reportYear);
  return { indicators, recommendationTracking: shown ?? null };
}
