import type {
  Assessment,
  Country,
  ImportInput,
  ImportOutcome,
  ImportStream,
  ParseWarning,
  Recommendation,
  Section,
  Span,
  Tier,
} from '../domain/index.js';
import type { SearchRequest, SearchResults } from './search.js';
import type { GoodEntry, UnodcFigure } from '../domain/context.js';

/**
 * The storage interface the app needs, and nothing more. SQLite implements it now (store/sqlite);
 * other engines later, tested with the same suite.
 */

/** Where a placement comes from: a shipped fact (data/tier-placements.csv) or an imported narrative. */
export type PlacementOrigin = 'shipped' | 'imported';

export interface TierPlacement {
  countryId: string;
  reportYear: number;
  tier: Tier;
  /** The heading's asterisk, when known (imported narratives only). */
  asterisk: boolean;
  origin: PlacementOrigin;
  /**
   * How the placement is known. Shipped: the file's `basis` (`dataset`, `narrative`, `seen`,
   * `seen, year inferred`, `derived`; see data/SOURCES.md). Imported: `narrative` (read from the narrative's
   * heading).
   */
  basis: string;
  /**
   * Human-readable provenance: the shipped row's `source`, or the imported document's public address (or
   * "imported document N" when it has none; never its local path).
   */
  source: string;
  /** For imported placements: the document it was read from. */
  documentId?: number;
  /** When an imported placement differs from the shipped one for the same year, the shipped tier. */
  supersededShippedTier?: Tier;
}

/** A year whose sources disagree on a country's tier: `sightings` reads "Tier 2 (source) / Tier 3 (source)". */
export interface TierConflict {
  reportYear: number;
  sightings: string;
}

export interface SourceDocument {
  id: number;
  sha256: string;
  /** File path or URL as given on import: operator information (CLI, documents table), never shown to readers. */
  origin: string;
  /** The document's public address (see ingest/publicAddress.ts); null when none is known. */
  publicUrl: string | null;
  mediaType: string;
  importedAt: string;
  /** Report year the document is about, where one year applies to all its narratives. */
  reportYear: number | null;
}

export interface StoredAssessment extends Omit<Assessment, 'source'> {
  id: number;
  document: SourceDocument;
  source: { file: string; start: number; end: number };
  /** False when a newer document for the same country and year replaced this one (kept as history). */
  current: boolean;
}

export interface ReportYearInfo {
  reportYear: number;
  /**
   * Every country of that report has a placement (shipped, or read from an imported narrative's heading); a missing
   * country is then "not in the report". A year shipped as complete is not complete while a narrative of it holds
   * a country whose tier could not be read and no shipped placement gives.
   */
  complete: boolean;
  countriesInReport: number | null;
}

export interface CountryWithLatest extends Country {
  latest: TierPlacement | null;
}

/**
 * The derive stage (analysis/derive.ts), handed to the store when it is opened for writing: the store calls it
 * inside each import's transaction and in rederive(), and stores what it returns (JSON values) stamped with
 * `version`. The store does not look inside the facts; the analysis layer that derived them reads them back.
 */
export interface Deriver {
  /** Stamped on every fact written; a store holding another version is rederived when opened for writing. */
  readonly version: number;
  /** Facts of one narrative (sentences, indicators). `text` reads a span of its document's text. */
  narrative(a: StoredAssessment, text: (span: Span) => string | undefined): unknown;
  /** Facts of a country over its current narratives, oldest first (recommendation tracking). */
  country(narratives: StoredAssessment[]): unknown;
}

/** Facts a deriver wrote, with the version it wrote them under. */
export interface DerivedFacts {
  version: number;
  facts: unknown;
}

/** Country facts also name the narratives (assessment ids, oldest report year first) they were derived from. */
export interface DerivedCountryFacts extends DerivedFacts {
  narratives: number[];
}

/** Whether the derived facts stored match the deriver this store was opened with. */
export interface DerivedState {
  /** The derivation version the database's facts were last written with; null before any. */
  stored: number | null;
  /** The version of the deriver the store was opened with; null when opened without one. */
  expected: number | null;
  /** Facts of another version are stored, or some narratives have none: readers recompute them (slower). */
  stale: boolean;
}

export interface RederiveProgress {
  stage: 'narratives' | 'countries';
  done: number;
  total: number;
}

export interface RederiveSummary {
  version: number;
  narratives: number;
  countries: number;
}

/** The database download's file name and media type. */
export const DATABASE_DOWNLOAD = { fileName: 'tip-atlas.sqlite', mediaType: 'application/vnd.sqlite3' } as const;

export interface Store {
  /** Countries with their latest known placement (imported beats shipped), ordered by name. */
  listCountries(): CountryWithLatest[];
  getCountry(id: string): Country | undefined;
  /** Every placement of a country, one per report year, imported superseding shipped. */
  tierHistory(countryId: string): TierPlacement[];
  /** Years whose sources disagree on the country's tier (so none is shipped), with what each source says. */
  tierConflicts(countryId: string): TierConflict[];
  /** Every country and report year with a placement (shipped or imported), in no particular order; may repeat one. */
  placedCountryYears(): { countryId: string; reportYear: number }[];
  /** All placements of a report year. */
  placementsForYear(reportYear: number): TierPlacement[];
  reportYears(): ReportYearInfo[];
  /** The current assessment for a country and year; without a year, the latest year held. */
  getAssessment(countryId: string, reportYear?: number): StoredAssessment | undefined;
  /** Report years for which an imported assessment exists. */
  assessmentYears(countryId: string): number[];
  /**
   * Every assessment stored for a country and year, the current one first, then older ones newest import
   * first: which document said what.
   */
  assessmentHistory(countryId: string, reportYear: number): StoredAssessment[];
  /**
   * Stores one document and its assessments in one transaction; the same bytes twice is a no-op (its assessments
   * are then not iterated). Assessments are stored (and derived) one at a time as they are iterated, and none is
   * kept past its own: a stream of them (ImportStream) is held one narrative at a time.
   */
  importDocument(input: ImportStream): ImportOutcome;
  /** Documents in import order. */
  documents(): SourceDocument[];
  /** The document-level warnings stored with a document (ImportInput.warnings), in order. */
  documentWarnings(documentId: number): ParseWarning[];
  /**
   * A number that changes whenever what the store shows may have changed: an import through this store, or a
   * commit by another connection to the same database. Equal numbers mean nothing changed, so rendered pages
   * can be cached under it. Cheap enough to call on every request.
   */
  version(): number;
  /**
   * Writes a consistent copy of the whole database (every table, as of one moment) to a file at `path`, written
   * aside and renamed into place, for the download page: never built in memory.
   */
  writeSnapshot(path: string): Promise<void>;
  /**
   * The document's text, or the part of it a span covers (every stored span points into it); undefined for an
   * unknown document. Offsets count UTF-16 code units, as JavaScript strings do.
   */
  documentText(documentId: number, span?: Span): string | undefined;
  /**
   * Full-text search over summaries, sections and recommendations of current narratives (by default), with
   * facets. Throws SearchQueryError (an InputError) for a malformed query or filter.
   */
  search(request: SearchRequest): SearchResults;
  /**
   * The facts derived from one stored narrative, whatever their version (readers check it); undefined when none
   * are stored.
   */
  derivedNarrative(assessmentId: number): DerivedFacts | undefined;
  /** The facts derived from a country's current narratives, with the narratives they were derived from. */
  derivedCountry(countryId: string): DerivedCountryFacts | undefined;
  derivedState(): DerivedState;
  /**
   * Recomputes every derived fact of the database with the store's deriver, in one transaction. Throws when the
   * store was opened without one.
   */
  rederive(onProgress?: (p: RederiveProgress) => void): RederiveSummary;
  /** Goods on the Department of Labor's List (data/goods.csv), by country then good; filters narrow them. */
  goods(filter?: { countryId?: string; good?: string }): GoodEntry[];
  /** UNODC's figures (data/unodc.csv) of a country, or of all, values as written. */
  unodcFigures(countryId?: string): UnodcFigure[];
  close(): void;
}

export type { Assessment, ImportInput, ImportOutcome, ImportStream, Recommendation, Section, ParseWarning };
