import type Database from 'better-sqlite3';
import type { Span } from '../../domain/types.js';
import type {
  DerivedCountryFacts,
  DerivedFacts,
  DerivedState,
  Deriver,
  RederiveProgress,
  RederiveSummary,
  StoredAssessment,
} from '../types.js';
import type { DocumentTextReader } from './documentText.js';
import type { ImportDerive } from './importDocument.js';
import { getMeta, setMeta } from './meta.js';
import { currentNarratives, hydrateAssessment, type AssessmentRow, ASSESSMENT_COLUMNS } from './narratives.js';

/**
 * Derived facts (migration 8): what the deriver (analysis/derive.ts) computes from stored narratives, written in
 * the import's own transaction and by rederive, each row stamped with the deriver's version. The store keeps them
 * as JSON and never looks inside.
 */

type Prepare = (sql: string) => Database.Statement;

/** The meta key holding the derivation version of the facts stored (set by rederive and by a derive on import). */
const META_DERIVATION_VERSION = 'derivation_version';

export function readDerivedNarrative(q: Prepare, assessmentId: number): DerivedFacts | undefined {
  const row = q('SELECT version, facts FROM derived_narratives WHERE assessment_id = ?').get(assessmentId) as
    | { version: number; facts: string }
    | undefined;
  return row ? { version: row.version, facts: JSON.parse(row.facts) as unknown } : undefined;
}

export function readDerivedCountry(q: Prepare, countryId: string): DerivedCountryFacts | undefined {
  const row = q('SELECT version, narratives, facts FROM derived_countries WHERE country_id = ?').get(countryId.trim().toUpperCase()) as
    | { version: number; narratives: string; facts: string }
    | undefined;
  if (!row) return undefined;
  return { version: row.version, narratives: row.narratives ? row.narratives.split(',').map(Number) : [], facts: JSON.parse(row.facts) as unknown };
}

/** Stored facts of another version than `expected`, or narratives or countries without facts. */
function staleAgainst(q: Prepare, expected: number): boolean {
  const stored = getMeta(q, META_DERIVATION_VERSION);
  if (stored !== undefined && Number(stored) !== expected) return true;
  const narrative = q(
    `SELECT 1 FROM assessments a LEFT JOIN derived_narratives d ON d.assessment_id = a.id
     WHERE d.assessment_id IS NULL OR d.version <> ? LIMIT 1`,
  ).get(expected);
  if (narrative !== undefined) return true;
  const country = q(
    `SELECT 1 FROM (SELECT DISTINCT country_id FROM assessments WHERE is_current = 1) c
       LEFT JOIN derived_countries d ON d.country_id = c.country_id
     WHERE d.country_id IS NULL OR d.version <> ? LIMIT 1`,
  ).get(expected);
  return country !== undefined;
}

export function derivedState(q: Prepare, expected: number | null): DerivedState {
  const stored = getMeta(q, META_DERIVATION_VERSION);
  const storedVersion = stored === undefined ? null : Number(stored);
  const anyNarrative = q('SELECT 1 FROM assessments LIMIT 1').get() !== undefined;
  let stale: boolean;
  if (expected !== null) stale = staleAgainst(q, expected);
  // Opened without a deriver: stale when narratives are held and not all derived under the version last written.
  else stale = anyNarrative && (storedVersion === null || staleAgainst(q, storedVersion));
  return { stored: storedVersion, expected, stale };
}

/** Whether opening for writing with this deriver must rederive the database. */
export function needsRederive(q: Prepare, deriver: Deriver): boolean {
  return staleAgainst(q, deriver.version);
}

/**
 * The text of the document last read, whole: a narrative's spans are sliced from it in JavaScript (a span read in
 * SQL counts characters from the start of a document of megabytes, for every span).
 */
class WholeText {
  private id = -1;
  private text: string | undefined;
  /** `known`: a document's text already in memory (an import's own), so that it is not read back as a second copy. */
  constructor(private readonly texts: DocumentTextReader, known?: { documentId: number; text: string }) {
    if (known) {
      this.id = known.documentId;
      this.text = known.text;
    }
  }
  reader(documentId: number): (span: Span) => string | undefined {
    if (documentId !== this.id) {
      this.id = documentId;
      this.text = this.texts.read(documentId);
    }
    const text = this.text;
    return (span) => text?.slice(span.start, span.end);
  }
}

/** Writes the facts of one narrative (replacing any). */
function writeNarrativeFacts(q: Prepare, texts: WholeText, deriver: Deriver, a: StoredAssessment): void {
  const facts = deriver.narrative(a, texts.reader(a.document.id));
  q('INSERT OR REPLACE INTO derived_narratives (assessment_id, version, facts) VALUES (?, ?, ?)').run(a.id, deriver.version, JSON.stringify(facts));
}

/**
 * Writes the facts of a country over its current narratives (or removes them when it has none); returns how many
 * characters of narrative text it read (left as garbage: import memory).
 */
function writeCountryFacts(q: Prepare, deriver: Deriver, countryId: string): number {
  const narratives = currentNarratives(q, countryId);
  if (narratives.length === 0) {
    q('DELETE FROM derived_countries WHERE country_id = ?').run(countryId);
    return 0;
  }
  const facts = deriver.country(narratives);
  q('INSERT OR REPLACE INTO derived_countries (country_id, version, narratives, facts) VALUES (?, ?, ?, ?)').run(
    countryId,
    deriver.version,
    narratives.map((a) => a.id).join(','),
    JSON.stringify(facts),
  );
  return narratives.reduce((n, a) => n + (a.source.end - a.source.start), 0);
}

/**
 * The derive stage of one import, inside its transaction: the facts of each narrative as soon as it is stored
 * (the import then drops it: import memory), then of each of the document's countries (their cross-year links
 * change when a narrative is added or replaced). `text` is the document's text as the import holds it (reading it
 * back from SQLite would hold it twice).
 */
export function documentDeriver(q: Prepare, texts: DocumentTextReader, deriver: Deriver, documentId: number, text?: string): ImportDerive {
  const whole = new WholeText(texts, text === undefined ? undefined : { documentId, text });
  const one = q(`SELECT ${ASSESSMENT_COLUMNS} FROM assessments WHERE id = ?`);
  return {
    narrative(assessmentId) {
      writeNarrativeFacts(q, whole, deriver, hydrateAssessment(q, one.get(assessmentId) as AssessmentRow));
    },
    countries(countryIds, countGarbage) {
      for (const countryId of countryIds) {
        const read = writeCountryFacts(q, deriver, countryId);
        countGarbage?.(read);
      }
      if (getMeta(q, META_DERIVATION_VERSION) === undefined) setMeta(q, META_DERIVATION_VERSION, String(deriver.version));
    },
  };
}

/** Every derived fact of the database recomputed, in one transaction (nothing half-written). */
export function rederiveAll(
  db: Database.Database,
  q: Prepare,
  texts: DocumentTextReader,
  deriver: Deriver,
  onProgress?: (p: RederiveProgress) => void,
): RederiveSummary {
  return db
    .transaction((): RederiveSummary => {
      db.exec('DELETE FROM derived_narratives; DELETE FROM derived_countries;');
      const rows = q(`SELECT ${ASSESSMENT_COLUMNS} FROM assessments ORDER BY id`).all() as AssessmentRow[];
      const every = Math.max(1, Math.floor(rows.length / 100));
      const whole = new WholeText(texts);
      rows.forEach((r, i) => {
        writeNarrativeFacts(q, whole, deriver, hydrateAssessment(q, r));
        if (onProgress && ((i + 1) % every === 0 || i + 1 === rows.length)) onProgress({ stage: 'narratives', done: i + 1, total: rows.length });
      });
      const countries = q('SELECT DISTINCT country_id FROM assessments WHERE is_current = 1 ORDER BY country_id').pluck().all() as string[];
      countries.forEach((c, i) => {
        writeCountryFacts(q, deriver, c);
        onProgress?.({ stage: 'countries', done: i + 1, total: countries.length });
      });
      setMeta(q, META_DERIVATION_VERSION, String(deriver.version));
      return { version: deriver.version, narratives: rows.length, countries: countries.length };
    })
    .immediate();
}
