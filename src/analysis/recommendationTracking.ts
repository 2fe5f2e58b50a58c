/**
 * Recommendation tracking: the same recommendation across a country's report years, matched by meaning rather
 * than wording ("Adopt and implement standard operating procedures for identifying trafficking victims…" in 2021
 * is "Adopt and implement SOPs to identify trafficking victims…" in 2023).
 *
 * How: each recommendation becomes a bag of stems (abbreviations written out, stop words dropped, Porter stems)
 * plus stem bigrams, weighted by TF-IDF over all the country's recommendations; two recommendations of adjacent
 * narratives are scored by the cosine of their vectors, their theme overlap and their opening verb; then each
 * year pair gets a one-to-one assignment (best pairs first) above a threshold. Chains of matches give "first
 * recommended in 2019 · repeated 5 years in a row"; what a year no longer recommends is "dropped".
 *
 * A list the parser found cut short (its last recommendation, or the narrative, stops mid-sentence) says nothing
 * of what it does not hold: an earlier recommendation missing from it is not "dropped" but "not in the part of
 * the 2023 list held" (droppedUnknown), and a recommendation missing from a cut-short earlier list is not "new"
 * but "not in the part of the 2021 list held" (and the chain it starts may be older: "first recommended in 2023
 * or earlier").
 */
import type { Assessment, Span } from '../domain/index.js';
import { warningCode } from '../domain/index.js';
import { previousReportText, yearsBetween, type YearGap } from './gaps.js';
import type { StoredAssessment } from '../store/types.js';
import type { PillarOrUnclassified } from './pillars.js';
import { classifyRecommendation, expandAbbreviations, learnAbbreviations } from './pillars.js';
import { STOPWORDS, matchStem } from './text.js';

/** Two recommendations scoring at least this are the same recommendation (tuned on the labelled pairs). */
export const MATCH_THRESHOLD = 0.33;

export interface RecommendationInput {
  text: string;
  span?: Span;
}

export interface YearRecommendations {
  reportYear: number;
  recommendations: RecommendationInput[];
  /** The list may be cut short (see recommendationsMayBeCutShort): it may not hold every recommendation made. */
  cutShort?: boolean;
}

export interface RecommendationRef {
  reportYear: number;
  /** 1-based, as numbered on the page. */
  number: number;
}

export interface TrackedRecommendation extends RecommendationRef {
  text: string;
  span?: Span;
  pillar: PillarOrUnclassified;
  themes: string[];
  /** The same recommendation in the previous narrative held, with the match score (0–1). */
  previous: (RecommendationRef & { score: number }) | null;
  /** The same recommendation in the next narrative held. */
  next: RecommendationRef | null;
  /** Every report year of the chain up to this one, oldest first. */
  years: number[];
  firstRecommended: number;
  /** Report years in a row, ending with this one, that carry the recommendation. */
  consecutiveYears: number;
  /**
   * The chain starts right after a list that is cut short: the recommendation may be older than firstRecommended
   * (and consecutiveYears a floor).
   */
  mayBeOlder: boolean;
  /**
   * `new`: not in the previous narrative held; `not-in-part-held`: not in the part held of the previous narrative's
   * list, which is cut short (whether it is new is not known); `first-held`: no earlier narrative is held to
   * compare with.
   */
  status: 'new' | 'repeated' | 'not-in-part-held' | 'first-held';
  /**
   * "first recommended in 2019 · repeated 5 years in a row", "new this year", "new since the 2021 report", "not in
   * the part of the 2021 list held (cut short)", "first recommended in 2023 or earlier · …".
   */
  label: string;
}

export interface DroppedRecommendation extends RecommendationRef {
  text: string;
  span?: Span;
  pillar: PillarOrUnclassified;
  themes: string[];
  /** How many report years in a row it had been recommended. */
  consecutiveYears: number;
}

export interface TrackedYear {
  reportYear: number;
  /** The previous narrative held (not always the previous report year). */
  previousYear: number | null;
  /**
   * The report years between previousYear and this one, of which no list of recommendations is held: "new" and
   * "dropped" then span them, and every label says so. Null when previousYear is the previous report year.
   */
  yearsNotHeld: YearGap | null;
  /** This year's list may be cut short (the parser warned so): what it does not hold is not known. */
  cutShort: boolean;
  /** The previous narrative's list may be cut short: a recommendation not in it is not known to be new. */
  previousCutShort: boolean;
  recommendations: TrackedRecommendation[];
  /** Recommendations of the previous narrative held that this year no longer makes; empty when cutShort. */
  dropped: DroppedRecommendation[];
  /**
   * When this year's list is cut short: the previous narrative's recommendations that are not in the part held,
   * which may or may not have been dropped. Empty otherwise.
   */
  droppedUnknown: DroppedRecommendation[];
}

export interface RecommendationTracking {
  years: TrackedYear[];
}

// ---------------------------------------------------------------------------------------------------------
// Features and similarity

/** Extra stop words: words every recommendation uses, whatever it is about. */
const REC_STOPWORDS = new Set([
  'trafficking', 'traffick', 'anti', 'human', 'persons', 'person', 'adequate', 'adequately', 'sufficient',
  'sufficiently', 'appropriate', 'appropriately', 'increase', 'improve', 'strengthen', 'implement', 'implementation',
  'significant', 'significantly', 'effective', 'effectively', 'vigorously', 'proactively', 'continue', 'all',
  'new', 'existing', 'relevant', 'use', 'their', 'them', 'those', 'make', 'made', 'particularly', 'especially',
  'throughout', 'consistent', 'consistently', 'nationwide', 'country', 'government', 'officials', 'related', 'form', 'forms', 'type', 'types', 'kind', 'kinds',
]);

export interface RecommendationFeatures {
  /** Stems (and stem bigrams, prefixed `_`) with their counts. */
  terms: Map<string, number>;
  themes: Set<string>;
  verb: string;
  pillar: PillarOrUnclassified;
}

/** Phrases the reports use for one thing, made one token before stemming. */
const PHRASES: [RegExp, string][] = [
  [/\b(?:civil society|non-?governmental)(?: organi[sz]ations?)?|\bngo-(?:run|managed|operated|led)\b/g, ' ngo '],
  [/\b(?:penal|criminal) code\b|\blegislation\b|\blegal framework\b/g, ' law '],
  [/\bfinancial (?:and other )?(?:support|resources)\b/g, ' funding '],
  [/\b(?:private )?(?:employment|recruitment) agenc(?:y|ies)\b/g, ' recruiter '],
  [/\bcapacity[- ]building\b/g, ' training '],
];

/** Stems that mean the same in recommendations. */
const SYNONYMS: Record<string, string> = {
  compel: 'forc', compulsori: 'forc', coerc: 'forc', coerciv: 'forc',
  ceas: 'stop', end: 'stop', halt: 'stop', abolish: 'stop', discontinu: 'stop',
  statist: 'data', databas: 'data', figur: 'data',
  financ: 'fund', resourc: 'fund', budget: 'fund', alloc: 'fund',
  screen: 'identif',
  sentenc: 'penalti', penalt: 'penalti', imprison: 'penalti', prison: 'penalti', incarcer: 'penalti',
  awar: 'awar', campaign: 'awar', sensit: 'awar',
  recruit: 'recruit', recruiter: 'recruit',
  regul: 'monitor', oversight: 'monitor', oversee: 'monitor', observ: 'monitor',
  punish: 'penal',
  remov: 'deport',
  servic: 'servic', assist: 'servic', care: 'servic', support: 'servic',
  migrat: 'migrant',
  conscript: 'servic_nation',
  sign: 'indic', indic: 'indic',
};

export function recommendationFeatures(text: string, abbreviations: Record<string, string> = {}): RecommendationFeatures {
  let expanded = expandAbbreviations(text, abbreviations);
  for (const [re, token] of PHRASES) expanded = expanded.replace(re, token);
  const words = expanded.match(/[a-z0-9]+(?:'[a-z]+)?/g) ?? [];
  const stems = words
    .filter((w) => !STOPWORDS.has(w) && !REC_STOPWORDS.has(w) && w.length > 1 && !/^\d+$/.test(w))
    .map((w) => {
      const s = matchStem(w);
      return SYNONYMS[s] ?? s;
    })
    .filter((s) => !REC_STOPWORDS.has(s));
  const terms = new Map<string, number>();
  const add = (t: string, n = 1) => terms.set(t, (terms.get(t) ?? 0) + n);
  for (const s of stems) add(s);
  for (let i = 0; i + 1 < stems.length; i++) add(`_${stems[i]} ${stems[i + 1]}`, 0.5);
  const { themes, pillar } = classifyRecommendation(text, abbreviations);
  const verb = matchStem(words.find((w) => !['while', 'respecting', 'due', 'process', 'vigorously', 'proactively', 'and'].includes(w)) ?? '');
  return { terms, themes: new Set(themes), verb, pillar };
}

/** Inverse document frequencies over a set of recommendations (a country's, all years). */
export function inverseDocumentFrequencies(docs: RecommendationFeatures[]): Map<string, number> {
  const df = new Map<string, number>();
  for (const d of docs) for (const t of d.terms.keys()) df.set(t, (df.get(t) ?? 0) + 1);
  const n = docs.length;
  const idf = new Map<string, number>();
  for (const [t, k] of df) idf.set(t, Math.log(1 + (n + 1) / k));
  return idf;
}

function weighted(f: RecommendationFeatures, idf: Map<string, number>): Map<string, number> {
  const v = new Map<string, number>();
  for (const [t, c] of f.terms) v.set(t, c * (idf.get(t) ?? Math.log(2)));
  return v;
}

function cosine(a: Map<string, number>, b: Map<string, number>): number {
  let dot = 0;
  let na = 0;
  let nb = 0;
  for (const [t, x] of a) {
    na += x * x;
    const y = b.get(t);
    if (y !== undefined) dot += x * y;
  }
  for (const y of b.values()) nb += y * y;
  return na && nb ? dot / Math.sqrt(na * nb) : 0;
}

function jaccard(a: Set<string>, b: Set<string>): number {
  if (a.size === 0 && b.size === 0) return 0;
  let both = 0;
  for (const x of a) if (b.has(x)) both++;
  return both / (a.size + b.size - both);
}

/**
 * Themes that say whom or what a recommendation concerns, or how (train, fund), rather than what it asks for:
 * "train officials to identify victims among children" and "train officials to investigate crimes against
 * children" share them and are still different recommendations.
 */
const CROSS_CUTTING_THEMES: ReadonlySet<string> = new Set(['training', 'funding', 'children', 'forced-labor', 'sex-trafficking', 'migrant-workers']);

/** Whether both recommendations ask for something distinct and none of it is the same. */
function distinctAsks(a: Set<string>, b: Set<string>): boolean {
  const asks = (s: Set<string>) => [...s].filter((t) => !CROSS_CUTTING_THEMES.has(t));
  const x = asks(a);
  const y = new Set(asks(b));
  return x.length > 0 && y.size > 0 && !x.some((t) => y.has(t));
}

/** The factor on the score of two recommendations whose asks differ (see distinctAsks). */
const DISTINCT_ASKS_FACTOR = 0.5;

/**
 * How alike two recommendations are, 0–1: TF-IDF cosine, theme overlap, same opening verb; halved when their
 * distinguishing themes disagree (shared boilerplate such as "train officials …" is not the same recommendation).
 */
export function similarity(
  a: RecommendationFeatures,
  b: RecommendationFeatures,
  idf: Map<string, number>,
): number {
  const cos = cosine(weighted(a, idf), weighted(b, idf));
  const themes = jaccard(a.themes, b.themes);
  const verb = a.verb && a.verb === b.verb ? 1 : 0;
  const score = Math.min(1, 0.72 * cos + 0.2 * themes + 0.08 * verb);
  return distinctAsks(a.themes, b.themes) ? score * DISTINCT_ASKS_FACTOR : score;
}

/**
 * One-to-one matches between two lists, best pairs first, each at least `threshold`. Returns [i, j, score]
 * with i indexing `before` and j indexing `after`.
 */
export function assignMatches(scores: number[][], threshold = MATCH_THRESHOLD): [number, number, number][] {
  const pairs: [number, number, number][] = [];
  scores.forEach((row, i) => row.forEach((s, j) => { if (s >= threshold) pairs.push([i, j, s]); }));
  pairs.sort((x, y) => y[2] - x[2] || x[0] - y[0] || x[1] - y[1]);
  const usedI = new Set<number>();
  const usedJ = new Set<number>();
  const out: [number, number, number][] = [];
  for (const p of pairs) {
    if (usedI.has(p[0]) || usedJ.has(p[1])) continue;
    usedI.add(p[0]);
    usedJ.add(p[1]);
    out.push(p);
  }
  return out.sort((x, y) => x[1] - y[1]);
}

/** Matches the recommendations of two narratives of one country. `context` helps learn its abbreviations. */
export function matchRecommendations(
  before: string[],
  after: string[],
  options: { context?: string[]; threshold?: number } = {},
): [number, number, number][] {
  const abbr = learnAbbreviations([...(options.context ?? []), ...before, ...after].join('\n'));
  const fb = before.map((t) => recommendationFeatures(t, abbr));
  const fa = after.map((t) => recommendationFeatures(t, abbr));
  const idf = inverseDocumentFrequencies([...fb, ...fa]);
  return assignMatches(
    fb.map((x) => fa.map((y) => similarity(x, y, idf))),
    options.threshold ?? MATCH_THRESHOLD,
  );
}

// ---------------------------------------------------------------------------------------------------------
// Tracking over years

function trackingLabel(
  r: Pick<TrackedRecommendation, 'status' | 'firstRecommended' | 'consecutiveYears' | 'years' | 'reportYear' | 'mayBeOlder'>,
  previousYear: number | null,
): string {
  // "Earliest list held", not "earliest narrative": an earlier narrative may be held without recommendations.
  if (r.status === 'first-held') return 'earliest list of recommendations held';
  if (r.status === 'not-in-part-held') return `not in the part of the ${previousYear} list held (cut short)`;
  if (r.status === 'new') {
    return previousYear !== null && previousYear !== r.reportYear - 1 ? `new since ${previousReportText(previousYear, r.reportYear, NOT_HELD)}` : 'new this year';
  }
  const parts = [`first recommended in ${r.firstRecommended}${r.mayBeOlder ? ' or earlier' : ''}`];
  if (r.consecutiveYears >= 2) parts.push(`repeated ${r.consecutiveYears} years in a row`);
  if (r.years.length > r.consecutiveYears) parts.push(`in ${r.years.length} reports held`);
  return parts.join(' · ');
}

function consecutiveEnding(years: number[]): number {
  let n = 1;
  for (let i = years.length - 1; i > 0 && years[i - 1] === years[i]! - 1; i--) n++;
  return n;
}

/**
 * Tracks a country's recommendations over the narratives given (any order; one entry per report year).
 * `context` is other text of the country's narratives, from which abbreviations are learned.
 */
export function trackRecommendations(input: YearRecommendations[], context: string[] = []): RecommendationTracking {
  const years = [...input].sort((a, b) => a.reportYear - b.reportYear);
  const abbr = learnAbbreviations([...context, ...years.flatMap((y) => y.recommendations.map((r) => r.text))].join('\n'));
  const features = years.map((y) => y.recommendations.map((r) => recommendationFeatures(r.text, abbr)));
  const idf = inverseDocumentFrequencies(features.flat());
  const out: TrackedYear[] = [];
  for (let k = 0; k < years.length; k++) {
    const y = years[k]!;
    const prev = k > 0 ? out[k - 1]! : null;
    const matches =
      k > 0
        ? assignMatches(features[k - 1]!.map((a) => features[k]!.map((b) => similarity(a, b, idf))))
        : [];
    const byAfter = new Map(matches.map(([i, j, s]) => [j, { i, s }]));
    const cutShort = y.cutShort === true;
    const prevCutShort = k > 0 && years[k - 1]!.cutShort === true;
    const recommendations = y.recommendations.map((r, j): TrackedRecommendation => {
      const cls = { pillar: features[k]![j]!.pillar, themes: [...features[k]![j]!.themes] };
      const m = byAfter.get(j);
      const before = m && prev ? prev.recommendations[m.i]! : null;
      const chain = before ? [...before.years, y.reportYear] : [y.reportYear];
      const status: TrackedRecommendation['status'] = before ? 'repeated' : !prev ? 'first-held' : prevCutShort ? 'not-in-part-held' : 'new';
      const t: TrackedRecommendation = {
        reportYear: y.reportYear,
        number: j + 1,
        text: r.text,
        ...(r.span ? { span: r.span } : {}),
        pillar: cls.pillar,
        themes: cls.themes,
        previous: before && m ? { reportYear: before.reportYear, number: before.number, score: Math.round(m.s * 1000) / 1000 } : null,
        next: null,
        years: chain,
        firstRecommended: chain[0]!,
        consecutiveYears: consecutiveEnding(chain),
        mayBeOlder: before ? before.mayBeOlder : status === 'not-in-part-held',
        status,
        label: '',
      };
      t.label = trackingLabel(t, prev?.reportYear ?? null);
      if (before) before.next = { reportYear: t.reportYear, number: t.number };
      return t;
    });
    const matchedBefore = new Set(matches.map(([i]) => i));
    const unmatched: DroppedRecommendation[] = prev
      ? prev.recommendations
          .filter((_, i) => !matchedBefore.has(i))
          .map((r) => ({
            reportYear: r.reportYear,
            number: r.number,
            text: r.text,
            ...(r.span ? { span: r.span } : {}),
            pillar: r.pillar,
            themes: r.themes,
            consecutiveYears: r.consecutiveYears,
          }))
      : [];
    out.push({
      reportYear: y.reportYear,
      previousYear: prev?.reportYear ?? null,
      yearsNotHeld: prev ? yearsBetween(prev.reportYear, y.reportYear) : null,
      cutShort,
      previousCutShort: prevCutShort,
      recommendations,
      // A list cut short does not say what it no longer recommends.
      dropped: cutShort ? [] : unmatched,
      droppedUnknown: cutShort ? unmatched : [],
    });
  }
  return { years: out };
}

/**
 * Whether a narrative's list of recommendations may be cut short, from the parse warnings stored with it: its last
 * recommendation stops mid-sentence, or the narrative stops mid-sentence and no other part of it follows the list
 * (a narrative cut off in its prosecution section still holds the whole list).
 */
export function recommendationsMayBeCutShort(a: Pick<Assessment, 'recommendations' | 'sections' | 'warnings'>): boolean {
  const last = a.recommendations.at(-1);
  if (!last) return false;
  if (a.warnings.some((w) => warningCode(w) === 'recommendations-cut-short')) return true;
  if (!a.warnings.some((w) => warningCode(w) === 'narrative-cut-short')) return false;
  return !a.sections.some((s) => s.kind !== 'recommendations' && s.span.start >= last.span.end);
}

/** What recommendations across a gap are compared with: "the 2004 report, the previous one held (2005–2022 …)". */
const NOT_HELD = 'no recommendations held';

/**
 * "Dropped since the 2022 report" — or, when the shown list is cut short, that it is not known; across a gap,
 * "since the 2004 report, the previous one held (2005–2022 no recommendations held)".
 */
export function droppedHeading(t: Pick<TrackedYear, 'reportYear' | 'previousYear' | 'cutShort' | 'dropped' | 'droppedUnknown'>): string {
  const since = t.previousYear === null ? 'the previous report' : previousReportText(t.previousYear, t.reportYear, NOT_HELD);
  if (t.cutShort) {
    return t.droppedUnknown.length
      ? `Dropped since ${since}: not known, the ${t.reportYear} list is cut short (${t.droppedUnknown.length} not in the part held)`
      : `Nothing dropped since ${since} in the part of the ${t.reportYear} list held (cut short)`;
  }
  return t.dropped.length === 0 ? `Nothing dropped since ${since}` : `Dropped since ${since} (${t.dropped.length})`;
}

/** What the reader must know about the lists compared: either may be cut short. Empty when neither is. */
export function cutShortNotes(t: Pick<TrackedYear, 'reportYear' | 'previousYear' | 'cutShort' | 'previousCutShort' | 'droppedUnknown'>): string[] {
  const notes: string[] = [];
  if (t.cutShort) {
    notes.push(
      t.droppedUnknown.length
        ? `The ${t.reportYear} list of recommendations held is cut short (the parser found it stops mid-sentence): these recommendations of ${t.previousYear} are not in the part held, so whether they were dropped is not known.`
        : `The ${t.reportYear} list of recommendations held is cut short (the parser found it stops mid-sentence); every recommendation of ${t.previousYear} is in the part held.`,
    );
  }
  if (t.previousCutShort) {
    notes.push(
      `The ${t.previousYear} list held is cut short${t.cutShort ? ' too' : ''}: a recommendation of ${t.reportYear} not in the part held is marked so, not “new”, as it may have been made in ${t.previousYear}.`,
    );
  }
  return notes;
}

/**
 * Recommendation tracking over a country's current narratives (oldest first): derived at import (derive.ts), read
 * with countryRecommendationTracking.
 */
export function trackNarratives(all: StoredAssessment[]): RecommendationTracking {
  const withRecs = all.filter((a) => a.recommendations.length > 0);
  const context = all.flatMap((a) => a.sections.filter((s) => s.kind !== 'recommendations').map((s) => s.text));
  return trackRecommendations(
    withRecs.map((a) => ({ reportYear: a.reportYear, recommendations: a.recommendations, cutShort: recommendationsMayBeCutShort(a) })),
    context,
  );
}
