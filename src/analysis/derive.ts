/**
 * The derive stage: what the analyses compute from a narrative, computed once when it is imported (the store
 * calls `deriver` inside the import's transaction) and stored stamped with DERIVATION_VERSION, instead of on every
 * read. Per narrative: the sentences of each section (diff) and the indicators (indicators/). Per country, over its
 * current narratives: recommendation tracking, the cross-year links with each recommendation's pillar and themes
 * (pillars are classified with abbreviations learned from all the country's narratives, so they belong to the
 * country's facts). `tip-atlas rederive` recomputes everything; a store opened for writing with facts of another
 * version is rederived on open.
 *
 * Readers (narrativeFacts, countryFacts) use the stored facts when they are of this version and, for a country,
 * derived from the narratives now current; otherwise (a database another version wrote, a store opened without a
 * deriver) they compute them, never serving stale facts.
 */
import type { Span } from '../domain/index.js';
import type { Deriver, Store, StoredAssessment } from '../store/types.js';
import { FACT_SECTIONS, sectionIndicators } from './indicators/extract.js';
import type { Indicator } from './indicators/types.js';
import { trackNarratives, type RecommendationTracking } from './recommendationTracking.js';
import { splitSentences } from '../text/index.js';

/**
 * Bump when a rule that derives stored facts changes (sentence splitting, indicator extraction, pillars and themes,
 * recommendation matching): opening a database for writing then recomputes them.
 */
export const DERIVATION_VERSION = 1;

/** What is derived from one narrative. */
export interface NarrativeFacts {
  /** Per section (in the narrative's order), its sentences as [start, end) offsets into the section's text. */
  sentences: [number, number][][];
  /** The indicators its sections state, in order. */
  indicators: Indicator[];
}

/** What is derived from a country's current narratives. */
export interface CountryFacts {
  tracking: RecommendationTracking;
}

export function deriveNarrative(a: StoredAssessment, text: (span: Span) => string | undefined): NarrativeFacts {
  return {
    sentences: a.sections.map((s) => splitSentences(s.text).map((x): [number, number] => [x.start, x.end])),
    indicators: a.sections.flatMap((section) =>
      FACT_SECTIONS.has(section.kind) ? sectionIndicators(section, text(section.span), a.reportYear) : [],
    ),
  };
}

export function deriveCountry(narratives: StoredAssessment[]): CountryFacts {
  return { tracking: trackNarratives(narratives) };
}

/** The derive stage, for the store (openStore's `deriver`). */
export const deriver: Deriver = {
  version: DERIVATION_VERSION,
  narrative: deriveNarrative,
  country: deriveCountry,
};

/** The facts derived from one stored narrative: stored ones of this version, else computed now. */
export function narrativeFacts(store: Store, a: StoredAssessment): NarrativeFacts {
  const stored = store.derivedNarrative(a.id);
  if (stored && stored.version === DERIVATION_VERSION) return stored.facts as NarrativeFacts;
  return deriveNarrative(a, (span) => store.documentText(a.document.id, span));
}

/** The current narratives of a country, oldest first. */
export function countryNarratives(store: Store, countryId: string): StoredAssessment[] {
  return store
    .assessmentYears(countryId)
    .map((y) => store.getAssessment(countryId, y))
    .filter((a): a is StoredAssessment => a !== undefined);
}

/**
 * The facts derived from a country's current narratives (`narratives`, oldest first, when already read): stored
 * ones of this version derived from exactly these narratives, else computed now.
 */
export function countryFacts(store: Store, countryId: string, narratives?: StoredAssessment[]): CountryFacts {
  const all = narratives ?? countryNarratives(store, countryId);
  const stored = store.derivedCountry(countryId);
  if (stored && stored.version === DERIVATION_VERSION && sameIds(stored.narratives, all)) return stored.facts as CountryFacts;
  return deriveCountry(all);
}

function sameIds(ids: number[], narratives: StoredAssessment[]): boolean {
  return ids.length === narratives.length && narratives.every((a, i) => a.id === ids[i]);
}

/** Recommendation tracking over every narrative held for a country (derived at import). */
export function countryRecommendationTracking(store: Store, countryId: string, narratives?: StoredAssessment[]): RecommendationTracking {
  return countryFacts(store, countryId, narratives).tracking;
}

/** The sentences of a narrative's sections (texts), from its derived facts. */
export function narrativeSentences(store: Store, a: StoredAssessment): string[][] {
  const { sentences } = narrativeFacts(store, a);
  return a.sections.map((s, i) => (sentences[i] ?? []).map(([start, end]) => s.text.slice(start, end)));
}
