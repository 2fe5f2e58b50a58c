/**
 * The analyses a country profile shows beside the narrative: indicators over every year held, and where the
 * shown year's recommendations come from (recommendation tracking). One read of the country's narratives.
 */
import type { Store } from '../store/types.js';
import { countryIndicators, type IndicatorTable } from './indicators.js';
import { countryNarratives, countryRecommendationTracking } from './derive.js';
import type { TrackedYear } from './recommendationTracking.js';

export interface CountryAnalysis {
  /** Indicators stated in the narratives held, kinds × report years, each cell citing its sentence. */
  indicators: IndicatorTable;
  /** The shown year's recommendations with pillar, themes and history, and what it dropped; null without any. */
  recommendationTracking: TrackedYear | null;
}

export function countryAnalysis(store: Store, countryId: string, reportYear: number | undefined): CountryAnalysis {
  const narratives = countryNarratives(store, countryId);
  const indicators = countryIndicators(store, countryId, narratives);
  const tracking = reportYear === undefined ? undefined : countryRecommendationTracking(store, countryId, narratives).years.find((y) => y.reportYear === reportYear);
  return { indicators, recommendationTracking: tracking ?? null };
}
