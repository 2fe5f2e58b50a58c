import type Database from 'better-sqlite3';
import { InputError } from '../../domain/errors.js';
import { CUT_SHORT_WARNINGS, bestVersion } from '../../domain/index.js';
import { isPlausibleReportYear } from '../../domain/reportYears.js';
import { isTier } from '../../domain/tiers.js';
import type { Assessment, ParseWarning, Span } from '../../domain/types.js';
import type { ImportInput, ImportOutcome } from '../types.js';
import { INDEX_DOCUMENT_SQL } from './migrations.js';
import { chooseCurrent } from './versions.js';

/** Writing one document: its narratives as history, the current version of each chosen, its passages indexed. */

type Prepare = (sql: string) => Database.Statement;

/**
 * Stores one document in one transaction: the document, its warnings, its narratives as history, the current
 * version of each country and year chosen, its passages indexed, then `derive` (the derive stage, when the
 * store has a deriver). The same bytes twice is a no-op.
 */
export function importDocument(
  db: Database.Database,
  q: Prepare,
  input: ImportInput,
  now: () => Date,
  derive?: (documentId: number) => void,
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
          `INSERT INTO documents (sha256, origin, media_type, imported_at, report_year, text, public_url)
           VALUES (?, ?, ?, ?, ?, ?, ?)`,
        ).run(sha256, input.origin, input.mediaType, now().toISOString(), input.reportYear, input.text, input.publicUrl ?? null)
          .lastInsertRowid,
      );
      (input.warnings ?? []).forEach((w, ord) => {
        const where = `document warning ${ord + 1}`;
        insertWarning(q, documentId, null, ord, w, checkSpan(w.span, textLength, where, input.origin, true));
      });
      input.assessments.forEach((a, i) => {
        insertAssessment(q, documentId, a, textLength, `assessment ${i + 1} of ${input.assessments.length}`, input.origin);
      });
      // Of every version held for each country and year, the most complete is shown (domain/versionChoice.ts).
      let replaced = 0;
      let notShown = 0;
      const keys = new Map(input.assessments.map((a) => [`${a.countryId} ${a.reportYear}`, a] as const));
      const docOf = q('SELECT document_id FROM assessments WHERE id = ?').pluck();
      for (const a of keys.values()) {
        const { before, after } = chooseCurrent((sql) => q(sql), a.countryId, a.reportYear);
        if (before !== undefined && before !== after && docOf.get(before) !== documentId) replaced++;
        if (after !== undefined && docOf.get(after) !== documentId) notShown++;
      }
      const found = duplicateNarrativeWarnings(input);
      const ord = input.warnings?.length ?? 0;
      found.forEach((w, i) => insertWarning(q, documentId, null, ord + i, w, w.span));
      q(INDEX_DOCUMENT_SQL).run({ documentId });
      derive?.(documentId);
      const outcome: ImportOutcome = { status: 'imported', documentId, assessments: input.assessments.length, replaced };
      if (found.length) outcome.warnings = found;
      if (notShown) outcome.notShown = notShown;
      return outcome;
    })
    .immediate();
  return outcome;
}
/** Inserts one assessment as history; chooseCurrent then decides which version of its country and year is shown. */
function insertAssessment(q: Prepare, documentId: number, a: Assessment, textLength: number, label: string, origin: string): void {
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
function duplicateNarrativeWarnings(input: ImportInput): ParseWarning[] {
  const groups = new Map<string, { a: Assessment; n: number }[]>();
  input.assessments.forEach((a, i) => {
    const key = `${a.countryId} ${a.reportYear}`;
    groups.set(key, [...(groups.get(key) ?? []), { a, n: i + 1 }]);
  });
  const opening = (a: Assessment) => {
    const text = input.text.slice(a.source.start, a.source.end).replace(/\s+/g, ' ').trim();
    return text.length > 80 ? `${text.slice(0, 80)}…` : text;
  };
  const out: ParseWarning[] = [];
  const cut = new Set<string>(Object.values(CUT_SHORT_WARNINGS));
  for (const group of groups.values()) {
    if (group.length < 2) continue;
    // The one shown is the one chooseCurrent picks: the most complete, the last on a tie.
    const shown = bestVersion(
      group.map((g) => ({
        id: g.n,
        g,
        cutShort: g.a.warnings.some((w) => cut.has(w.message)),
        recommendations: g.a.recommendations.length,
        sections: g.a.sections.length,
        publisher: false,
      })),
    )!.g;
    const { a } = shown;
    out.push({
      message:
        `${group.length} narratives for ${a.countryName || a.countryId} (${a.countryId}) in ${a.reportYear} in this document ` +
        `(assessments ${group.map((g) => g.n).join(', ')}); the most complete (${shown.n}; the last when equally complete) is kept as current, the others as history`,
      excerpt: group.map((g) => `${g.n}: "${opening(g.a)}"`).join(' / '),
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
