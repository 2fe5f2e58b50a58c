import type Database from 'better-sqlite3';
import { InputError } from '../../domain/errors.js';
import { CUT_SHORT_WARNINGS, bestVersion } from '../../domain/index.js';
import { isPlausibleReportYear } from '../../domain/reportYears.js';
import { isTier } from '../../domain/tiers.js';
import type { Assessment, ParseWarning, Span } from '../../domain/types.js';
import type { ImportOutcome, ImportStream } from '../types.js';
import { writeDocumentText } from './documentText.js';
import { INDEX_DOCUMENT_SQL } from './migrations.js';
import { chooseCurrent } from './versions.js';

/** Writing one document: its narratives as history, the current version of each chosen, its passages indexed. */

type Prepare = (sql: string) => Database.Statement;

/** What the derive stage does inside an import's transaction (derived.ts: documentDeriver). */
export interface ImportDerive {
  /** Derives one narrative just stored (its facts need only it and the document's text). */
  narrative(assessmentId: number): void;
  /** Derives each country of the document over its current narratives, once every version is chosen. */
  countries(countryIds: Iterable<string>, countGarbage?: (chars: number) => void): void;
}

/** What the import keeps of each assessment once stored: enough for the version choice and the duplicate check. */
interface HeldNarrative {
  /** Its place in the document, from 1. */
  n: number;
  countryId: string;
  countryName: string;
  reportYear: number;
  cutShort: boolean;
  recommendations: number;
  sections: number;
  source: Span;
}

const CUT_SHORT = new Set<string>(Object.values(CUT_SHORT_WARNINGS));

function held(a: Assessment, n: number): HeldNarrative {
  return {
    n,
    countryId: a.countryId,
    countryName: a.countryName,
    reportYear: a.reportYear,
    cutShort: a.warnings.some((w) => CUT_SHORT.has(w.message)),
    recommendations: a.recommendations.length,
    sections: a.sections.length,
    source: { start: a.source.start, end: a.source.end },
  };
}

/**
 * Stores one document in one transaction: the document, its warnings, its narratives as history (each derived as
 * soon as it is stored, when the store has a deriver, and dropped: only a small summary of each is kept), the
 * current version of each country and year chosen, its passages indexed, then its countries derived. The same
 * bytes twice is a no-op (the assessments are not iterated).
 */
export function importDocument(
  db: Database.Database,
  q: Prepare,
  input: ImportStream,
  now: () => Date,
  derive?: (documentId: number) => ImportDerive,
): ImportOutcome {
  const sha256 = input.sha256.trim().toLowerCase();
  if (!/^[0-9a-f]{64}$/.test(sha256)) throw new InputError(`not a sha256 digest: "${input.sha256}"`, input.origin);
  const findDoc = q('SELECT id FROM documents WHERE sha256 = ?').pluck();
  const known = findDoc.get(sha256) as number | undefined;
  if (known !== undefined) return { status: 'unchanged', documentId: known };

  const outcome = db
    .transaction((): ImportOutcome => {
      const again = findDoc.get(sha256) as number | undefined; // another connection may have won the race
      if (again !== undefined) return { status: 'unchanged', documentId: again };
      if (input.reportYear !== null && !isPlausibleReportYear(input.reportYear)) {
        throw new InputError(`bad report year ${input.reportYear}`, input.origin);
      }
      const textLength = input.text.length;
      const documentId = Number(
        q(
          `INSERT INTO documents (sha256, origin, media_type, imported_at, report_year, public_url)
           VALUES (?, ?, ?, ?, ?, ?)`,
        ).run(sha256, input.origin, input.mediaType, now().toISOString(), input.reportYear, input.publicUrl ?? null).lastInsertRowid,
      );
      // In parts: binding the whole text would make two UTF-8 copies of it at once (documentText.ts).
      writeDocumentText(q, documentId, input.text);
      (input.warnings ?? []).forEach((w, ord) => {
        const where = `document warning ${ord + 1}`;
        insertWarning(q, documentId, null, ord, w, checkSpan(w.span, textLength, where, input.origin, true));
      });
      const deriving = derive?.(documentId);
      const total = input.assessments.length;
      const narratives: HeldNarrative[] = [];
      // One narrative at a time: stored, derived, then left to the garbage collector (only its summary is kept).
      for (const a of input.assessments) {
        const n = narratives.length + 1;
        const id = insertAssessment(q, documentId, a, textLength, `assessment ${n} of ${total}`, input.origin);
        narratives.push(held(a, n));
        deriving?.narrative(id);
      }
      const { replaced, notShown } = chooseVersions(q, documentId, narratives);
      const found = duplicateNarrativeWarnings(input.text, narratives);
      const ord = input.warnings?.length ?? 0;
      found.forEach((w, i) => insertWarning(q, documentId, null, ord + i, w, w.span));
      q(INDEX_DOCUMENT_SQL).run({ documentId });
      deriving?.countries(new Set(narratives.map((a) => a.countryId)), input.countGarbage);
      const outcome: ImportOutcome = { status: 'imported', documentId, assessments: narratives.length, replaced };
      if (found.length) outcome.warnings = found;
      if (notShown) outcome.notShown = notShown;
      return outcome;
    })
    .immediate();
  return outcome;
}

/**
 * Of every version held for each country and year of the document, the most complete is shown
 * (domain/versionChoice.ts): how many shown before are now replaced, and how many of the document's are not shown.
 */
function chooseVersions(q: Prepare, documentId: number, narratives: HeldNarrative[]): { replaced: number; notShown: number } {
  let replaced = 0;
  let notShown = 0;
  const keys = new Map(narratives.map((a) => [`${a.countryId} ${a.reportYear}`, a] as const));
  const docOf = q('SELECT document_id FROM assessments WHERE id = ?').pluck();
  for (const a of keys.values()) {
    const { before, after } = chooseCurrent((sql) => q(sql), a.countryId, a.reportYear);
    if (before !== undefined && before !== after && docOf.get(before) !== documentId) replaced++;
    if (after !== undefined && docOf.get(after) !== documentId) notShown++;
  }
  return { replaced, notShown };
}
/** Inserts one assessment as history; chooseCurrent then decides which version of its country and year is shown. */
function insertAssessment(q: Prepare, documentId: number, a: Assessment, textLength: number, label: string, origin: string): number {
  const where = `${label} (${a.countryName || a.countryId} ${a.reportYear})`;
  const fail = (message: string): never => {
    throw new InputError(`${where}: ${message}`, origin);
  };
  if (q('SELECT 1 FROM countries WHERE id = ?').pluck().get(a.countryId) === undefined) {
    fail(`unknown country id "${a.countryId}"`);
  }
  if (!isPlausibleReportYear(a.reportYear)) fail(`bad report year ${a.reportYear}`);
  if (a.tier !== null && !isTier(a.tier)) fail(`unknown tier "${String(a.tier)}"`);
  checkSpan(a.source, textLength, `${where} source`, origin);
  const summarySection = a.sections.find((s) => s.kind === 'summary');

  const id = Number(
    q(
      `INSERT INTO assessments (document_id, country_id, country_name, report_year, tier, tier_asterisk,
         tier_statement, summary, summary_start, summary_end, source_file, source_start, source_end, is_current)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0)`,
    ).run(
      documentId,
      a.countryId,
      a.countryName,
      a.reportYear,
      a.tier,
      a.tierAsterisk ? 1 : 0,
      a.tierStatement === null ? null : JSON.stringify(a.tierStatement),
      a.summary,
      summarySection && a.summary !== null ? summarySection.span.start : null,
      summarySection && a.summary !== null ? summarySection.span.end : null,
      a.source.file,
      a.source.start,
      a.source.end,
    ).lastInsertRowid,
  );

  const insSection = q(
    `INSERT INTO sections (assessment_id, ord, kind, heading, text, span_start, span_end)
     VALUES (?, ?, ?, ?, ?, ?, ?)`,
  );
  a.sections.forEach((s, ord) => {
    checkSpan(s.span, textLength, `${where} section ${ord + 1} (${s.kind})`, origin);
    insSection.run(id, ord, s.kind, s.heading, s.text, s.span.start, s.span.end);
  });
  const insRec = q(
    'INSERT INTO recommendations (assessment_id, ord, text, span_start, span_end) VALUES (?, ?, ?, ?, ?)',
  );
  a.recommendations.forEach((r, ord) => {
    checkSpan(r.span, textLength, `${where} recommendation ${ord + 1}`, origin);
    insRec.run(id, ord, r.text, r.span.start, r.span.end);
  });
  a.warnings.forEach((w, ord) => {
    insertWarning(q, documentId, id, ord, w, checkSpan(w.span, textLength, `${where} warning ${ord + 1}`, origin, true));
  });
  return id;
}
function insertWarning(
  q: Prepare,
  documentId: number,
  assessmentId: number | null,
  ord: number,
  w: ParseWarning,
  span: Span | undefined,
): void {
  q(
    `INSERT INTO warnings (document_id, assessment_id, ord, message, excerpt, span_start, span_end)
     VALUES (?, ?, ?, ?, ?, ?, ?)`,
  ).run(documentId, assessmentId, ord, w.message, w.excerpt, span?.start ?? null, span?.end ?? null);
}
/**
 * One warning per country and year that a document gives more than one narrative: the last one is stored as
 * current (the others as history), and the warning quotes the start of each, pointing at the current one.
 */
function duplicateNarrativeWarnings(text: string, narratives: HeldNarrative[]): ParseWarning[] {
  const groups = new Map<string, HeldNarrative[]>();
  for (const a of narratives) {
    const key = `${a.countryId} ${a.reportYear}`;
    groups.set(key, [...(groups.get(key) ?? []), a]);
  }
  const opening = (a: HeldNarrative) => {
    const quoted = text.slice(a.source.start, a.source.end).replace(/\s+/g, ' ').trim();
    return quoted.length > 80 ? `${quoted.slice(0, 80)}…` : quoted;
  };
  const out: ParseWarning[] = [];
  for (const group of groups.values()) {
    if (group.length < 2) continue;
    // The one shown is the one chooseCurrent picks: the most complete, the last on a tie.
    const a = bestVersion(
      group.map((g) => ({ id: g.n, g, cutShort: g.cutShort, recommendations: g.recommendations, sections: g.sections, publisher: false })),
    )!.g;
    out.push({
      message:
        `${group.length} narratives for ${a.countryName || a.countryId} (${a.countryId}) in ${a.reportYear} in this document ` +
        `(assessments ${group.map((g) => g.n).join(', ')}); the most complete (${a.n}; the last when equally complete) is kept as current, the others as history`,
      excerpt: group.map((g) => `${g.n}: "${opening(g)}"`).join(' / '),
      span: { start: a.source.start, end: a.source.end },
    });
  }
  return out;
}

/** Every stored span must point into the document's text: [start, end) with 0 <= start <= end <= length. */
function checkSpan(span: Span | undefined, textLength: number, where: string, origin: string, optional = false): Span | undefined {
  if (span === undefined && optional) return undefined;
  const ok =
    span !== undefined &&
    Number.isInteger(span.start) &&
    Number.isInteger(span.end) &&
    span.start >= 0 &&
    span.start <= span.end &&
    span.end <= textLength;
  if (!ok) {
    const shown = span ? `[${span.start}, ${span.end})` : 'none';
    throw new InputError(`${where}: span ${shown} does not lie within the document text (length ${textLength})`, origin);
  }
  return span;
}
