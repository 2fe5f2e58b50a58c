import type Database from 'better-sqlite3';
import { CUT_SHORT_WARNINGS, bestVersion, isPublisherAddress, type VersionFacts } from '../../domain/index.js';

/**
 * Of the assessments stored for one country and report year, marks the most complete one current
 * (domain/versionChoice.ts: not cut short, most recommendations, most sections, the publisher's own page, then the
 * later import) and the others history. Returns the id that was current before, if any, and the one now.
 */
export function chooseCurrent(
  q: (sql: string) => Database.Statement,
  countryId: string,
  reportYear: number,
): { before: number | undefined; after: number | undefined } {
  const rows = q(
    `SELECT a.id, a.is_current,
       EXISTS (SELECT 1 FROM warnings w WHERE w.assessment_id = a.id AND w.message IN (?, ?)) AS cut_short,
       (SELECT count(*) FROM recommendations r WHERE r.assessment_id = a.id) AS recommendations,
       (SELECT count(*) FROM sections s WHERE s.assessment_id = a.id) AS sections,
       d.public_url
     FROM assessments a JOIN documents d ON d.id = a.document_id
     WHERE a.country_id = ? AND a.report_year = ?`,
  ).all(CUT_SHORT_WARNINGS.lastRecommendation, CUT_SHORT_WARNINGS.narrative, countryId, reportYear) as {
    id: number;
    is_current: number;
    cut_short: number;
    recommendations: number;
    sections: number;
    public_url: string | null;
  }[];
  const before = rows.find((r) => r.is_current === 1)?.id;
  const best = bestVersion(
    rows.map((r): VersionFacts => ({
      id: r.id,
      cutShort: r.cut_short === 1,
      recommendations: r.recommendations,
      sections: r.sections,
      publisher: isPublisherAddress(r.public_url),
    })),
  );
  const after = best?.id;
  if (after !== before) {
    // Demote first: at most one current row per country and year (a unique index).
    q('UPDATE assessments SET is_current = 0 WHERE country_id = ? AND report_year = ? AND is_current = 1').run(countryId, reportYear);
    if (after !== undefined) q('UPDATE assessments SET is_current = 1 WHERE id = ?').run(after);
  }
  return { before, after };
}
