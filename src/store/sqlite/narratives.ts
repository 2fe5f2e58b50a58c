import type Database from 'better-sqlite3';
import type { ParseWarning, Section, SectionKind, Span, TierStatement } from '../../domain/types.js';
import type { Tier } from '../../domain/tiers.js';
import type { SourceDocument, StoredAssessment } from '../types.js';

/** Reading stored documents and narratives (assessments with their sections, recommendations and warnings). */

type Prepare = (sql: string) => Database.Statement;

export interface DocumentRow {
  id: number;
  sha256: string;
  origin: string;
  media_type: string;
  imported_at: string;
  report_year: number | null;
  public_url: string | null;
}

export interface AssessmentRow {
  id: number;
  document_id: number;
  country_id: string;
  country_name: string;
  report_year: number;
  tier: Tier | null;
  tier_asterisk: number;
  tier_statement: string | null;
  summary: string | null;
  source_file: string;
  source_start: number;
  source_end: number;
  is_current: number;
}

export interface SpanRow {
  span_start: number | null;
  span_end: number | null;
}

export const DOCUMENT_COLUMNS = 'id, sha256, origin, media_type, imported_at, report_year, public_url';
export const ASSESSMENT_COLUMNS = `id, document_id, country_id, country_name, report_year, tier, tier_asterisk,
  tier_statement, summary, source_file, source_start, source_end, is_current`;

export function toDocument(r: DocumentRow): SourceDocument {
  return {
    id: r.id,
    sha256: r.sha256,
    origin: r.origin,
    mediaType: r.media_type,
    importedAt: r.imported_at,
    reportYear: r.report_year,
    publicUrl: r.public_url,
  };
}

/** How readers see an imported document: its public address, never the local path it was read from. */
export function documentLabel(d: { id: number; publicUrl: string | null }): string {
  return d.publicUrl ?? `imported document ${d.id} (no public address)`;
}

export function spanOf(r: SpanRow): Span | undefined {
  return r.span_start === null || r.span_end === null ? undefined : { start: r.span_start, end: r.span_end };
}

export function toWarning(r: SpanRow & { message: string; excerpt: string }): ParseWarning {
  const w: ParseWarning = { message: r.message, excerpt: r.excerpt };
  const span = spanOf(r);
  if (span) w.span = span;
  return w;
}

/** A stored assessment as the app reads it, from its row. */
export function hydrateAssessment(q: Prepare, r: AssessmentRow): StoredAssessment {
  const document = toDocument(
    q(`SELECT ${DOCUMENT_COLUMNS} FROM documents WHERE id = ?`).get(r.document_id) as DocumentRow,
  );
  const sections = (
    q(
      'SELECT kind, heading, text, span_start, span_end FROM sections WHERE assessment_id = ? ORDER BY ord',
    ).all(r.id) as { kind: SectionKind; heading: string; text: string; span_start: number; span_end: number }[]
  ).map((s): Section => ({ kind: s.kind, heading: s.heading, text: s.text, span: { start: s.span_start, end: s.span_end } }));
  const recommendations = (
    q('SELECT text, span_start, span_end FROM recommendations WHERE assessment_id = ? ORDER BY ord').all(
      r.id,
    ) as { text: string; span_start: number; span_end: number }[]
  ).map((x) => ({ text: x.text, span: { start: x.span_start, end: x.span_end } }));
  const warnings = (
    q('SELECT message, excerpt, span_start, span_end FROM warnings WHERE assessment_id = ? ORDER BY ord').all(
      r.id,
    ) as (SpanRow & { message: string; excerpt: string })[]
  ).map(toWarning);
  return {
    id: r.id,
    countryId: r.country_id,
    countryName: r.country_name,
    reportYear: r.report_year,
    tier: r.tier,
    tierAsterisk: r.tier_asterisk === 1,
    tierStatement: r.tier_statement === null ? null : (JSON.parse(r.tier_statement) as TierStatement),
    summary: r.summary,
    recommendations,
    sections,
    warnings,
    source: { file: r.source_file, start: r.source_start, end: r.source_end },
    document,
    current: r.is_current === 1,
  };
}

/** The current narratives of a country, oldest report year first (one per year). */
export function currentNarratives(q: Prepare, countryId: string): StoredAssessment[] {
  const rows = q(`SELECT ${ASSESSMENT_COLUMNS} FROM assessments WHERE country_id = ? AND is_current = 1 ORDER BY report_year`).all(
    countryId.trim().toUpperCase(),
  ) as AssessmentRow[];
  return rows.map((r) => hydrateAssessment(q, r));
}
