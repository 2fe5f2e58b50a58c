import type { Tier } from './tiers.js';

/** A character range [start, end) in a source document's text. */
export interface Span {
  start: number;
  end: number;
}

/** A parse doubt: what looked wrong, quoting the offending text. Never thrown, always shown. */
/**
 * What a parse warning is about. Code that acts on warnings (version choice, recommendation tracking, the CLI's
 * flag hints) compares codes, never message text.
 */
export type ParseWarningCode =
  /** The heading was read with a doubt (an unusual tier spelling, text after the tier). */
  | 'heading-doubt'
  | 'heading-without-text'
  /** In a document holding other narratives: a heading naming an unknown country, an invalid tier, or no country. */
  | 'unknown-country-heading'
  | 'invalid-tier-heading'
  | 'heading-without-country'
  /** A lone tier heading whose country is read from the page title or the text. */
  | 'country-from-context'
  | 'text-before-first-heading'
  | 'no-compliance-paragraph'
  | 'summary-states-no-tier'
  | 'tier-conflict'
  | 'recommendations-without-heading'
  | 'recommendation-repeats-itself'
  /** CUT_SHORT_WARNINGS.lastRecommendation */
  | 'recommendations-cut-short'
  /** CUT_SHORT_WARNINGS.narrative */
  | 'narrative-cut-short'
  | 'empty-section'
  /** Sources of the report year disagree (heading, title, cover, text before the heading). */
  | 'report-year-disagrees'
  /** The text names several report years before the heading. */
  | 'several-report-years'
  /** The report year given overrides the one the text names. */
  | 'report-year-overridden'
  /** The bytes' encoding and the page's declaration disagree, or the bytes are damaged. */
  | 'encoding'
  | 'pdf-pages-without-text'
  /** Two narratives of one country and year in one document (found by the store). */
  | 'duplicate-narrative';

export interface ParseWarning {
  /** Absent on warnings read from a store that does not keep codes (see warningCode). */
  code?: ParseWarningCode;
  message: string;
  excerpt: string;
  span?: Span;
}

/**
 * The messages of the parse warnings that say a narrative may be cut short, as stored with it; analyses read them
 * (a list of recommendations cut short says nothing of what it does not hold).
 */
export const CUT_SHORT_WARNINGS = {
  /** The last recommendation stops mid-sentence; the warning's span is that recommendation's. */
  lastRecommendation: 'the last recommendation does not end a sentence: the text may be cut short',
  /** The narrative's text stops mid-sentence; the warning's span is its last words. */
  narrative: 'the narrative ends mid-sentence: the document may be cut short, and its last section incomplete',
} as const;

/** The code of each fixed warning message, for warnings stored without their code. */
const CODE_OF_MESSAGE = new Map<string, ParseWarningCode>([
  [CUT_SHORT_WARNINGS.lastRecommendation, 'recommendations-cut-short'],
  [CUT_SHORT_WARNINGS.narrative, 'narrative-cut-short'],
]);

/** A warning's code: its own, or for a stored warning without one, the code of its fixed message (if it has one). */
export function warningCode(w: Pick<ParseWarning, 'code' | 'message'>): ParseWarningCode | undefined {
  return w.code ?? CODE_OF_MESSAGE.get(w.message);
}

/** Whether a narrative's warnings say it may be cut short (its text, or its list of recommendations). */
export function isCutShortWarning(w: Pick<ParseWarning, 'code' | 'message'>): boolean {
  const code = warningCode(w);
  return code === 'recommendations-cut-short' || code === 'narrative-cut-short';
}

export type RegionCode = 'AF' | 'EAP' | 'EUR' | 'NEA' | 'SCA' | 'WHA';

export const REGION_NAMES: Record<RegionCode, string> = {
  AF: 'Africa',
  EAP: 'East Asia and Pacific',
  EUR: 'Europe',
  NEA: 'Near East',
  SCA: 'South and Central Asia',
  WHA: 'Western Hemisphere',
};

export interface Country {
  /** ISO 3166-1 alpha-3; XKX for Kosovo. */
  id: string;
  /** The name as the reports write it ("Burma", "Korea, South", "Cote d'Ivoire"). */
  name: string;
  /** Other spellings that resolve to this country. */
  aliases: string[];
  region: RegionCode;
  /** The publisher's URL slug for the country page (`/reports/2023-trafficking-in-persons-report/<slug>/`). */
  slug: string;
  /**
   * For a country or territory that came into being after the first report: the first report year that can
   * assess it as such (its whole reporting period, April to March, after it came into being; Serbia: 2007).
   */
  firstReportYear?: number;
  /** For one that ceased to exist: the last report year that assessed it (Serbia and Montenegro: 2006). */
  lastReportYear?: number;
}

/** Whether a report of `reportYear` can assess this country as such (see firstReportYear / lastReportYear). */
export function existsInReportYear(country: Pick<Country, 'firstReportYear' | 'lastReportYear'>, reportYear: number): boolean {
  return (
    (country.firstReportYear === undefined || reportYear >= country.firstReportYear) &&
    (country.lastReportYear === undefined || reportYear <= country.lastReportYear)
  );
}

export type SectionKind =
  | 'summary'
  | 'recommendations'
  | 'prosecution'
  | 'protection'
  | 'prevention'
  | 'profile'
  | 'government-efforts'
  | 'note';

export const SECTION_TITLES: Record<SectionKind, string> = {
  summary: 'Summary',
  recommendations: 'Prioritized recommendations',
  prosecution: 'Prosecution',
  protection: 'Protection',
  prevention: 'Prevention',
  profile: 'Trafficking profile',
  'government-efforts': 'Government efforts',
  note: 'Note',
};

export interface Section {
  kind: SectionKind;
  /** The heading as written, or '' where the section had none (a summary paragraph). */
  heading: string;
  /** Normalised, readable text (NBSP → space, `so.The` → `so. The`, hard line wraps joined). */
  text: string;
  /** Where the section (heading included) lies in the document's original text. */
  span: Span;
}

export interface Recommendation {
  text: string;
  span: Span;
}

/** How the compliance paragraph says the tier was reached. */
export interface TierStatement {
  /** Tiers the minimum-standards sentence allows (Tier 2 and Watch List share one formula); [] if none found. */
  impliedTiers: Tier[];
  /** The tier a placement sentence names ("therefore Tajikistan remained on Tier 2"). */
  statedTier?: Tier;
  /** "remained on", "was upgraded to", "was downgraded to", "is placed on", "remains a Special Case". */
  verb?: 'remained' | 'upgraded' | 'downgraded' | 'placed';
  /** "for the eighth consecutive year" → 8. */
  consecutiveYears?: number;
  sentence: string;
  /**
   * A waiver from an otherwise required downgrade ("was granted a waiver per the Trafficking Victims Protection
   * Act from an otherwise required downgrade to Tier 3"; "was not placed on Tier 3 per Section 107 …"), with
   * the sentence that says so and the tier it avoided when named.
   */
  waiver?: { sentence: string; avoidedTier?: Tier };
  /**
   * An automatic downgrade: two (or more) consecutive years on Tier 2 Watch List without a waiver ("…was not
   * eligible for a waiver and was therefore downgraded to Tier 3"), with the sentence that says so.
   */
  automaticDowngrade?: { sentence: string };
}

/** One country's narrative in one report year, as parsed from one document. */
export interface Assessment {
  countryId: string;
  countryName: string;
  reportYear: number;
  tier: Tier | null;
  /** The heading's asterisk (automatic downgrade or waiver). */
  tierAsterisk: boolean;
  tierStatement: TierStatement | null;
  /** The compliance paragraph(s): the summary of government efforts. */
  summary: string | null;
  recommendations: Recommendation[];
  sections: Section[];
  warnings: ParseWarning[];
  source: { file: string; start: number; end: number };
}

/** A parsed document as it is stored: its text, and every assessment with spans into that text. */
export interface ImportInput {
  sha256: string;
  /** Where it was read from (a local path or a URL): operator information, never shown to readers. */
  origin: string;
  /**
   * The document's public address (a fetched page's URL, an HTML page's canonical address, a text file's
   * `# source: URL` line, or `import --source-url`); null or absent when none is known.
   */
  publicUrl?: string | null;
  mediaType: string;
  /** The document's full text: every span of its assessments points into it. */
  text: string;
  reportYear: number | null;
  assessments: Assessment[];
  /** Warnings about the document as a whole (e.g. a narrative naming no known country). */
  warnings?: ParseWarning[];
}

/**
 * A document's assessments as the store takes them: an array, or narratives parsed one at a time while the store
 * iterates (an import then holds one parsed narrative at a time, not the document's: import memory). A store
 * iterates it once, in order, and keeps no assessment past its own; `length` is known before (the narratives
 * found).
 */
export interface AssessmentList extends Iterable<Assessment> {
  readonly length: number;
}

/** What the store imports: an ImportInput, or one whose assessments are parsed as they are stored. */
export interface ImportStream extends Omit<ImportInput, 'assessments'> {
  assessments: AssessmentList;
  /**
   * Told how many characters of narrative text the store read back and let go after the narratives (deriving each
   * country over its current narratives), towards the import's garbage collection cadence; optional.
   */
  countGarbage?: (chars: number) => void;
}

export type ImportOutcome =
  | {
      status: 'imported';
      documentId: number;
      assessments: number;
      replaced: number;
      /**
       * Narratives of this document not shown because a more complete version of the same country and year is
       * held (domain/versionChoice.ts); absent when every one is shown.
       */
      notShown?: number;
      /**
       * Doubts the store found in the input (e.g. two narratives for one country and year), stored with the
       * document's own warnings; absent when there are none.
       */
      warnings?: ParseWarning[];
    }
  | { status: 'unchanged'; documentId: number };
