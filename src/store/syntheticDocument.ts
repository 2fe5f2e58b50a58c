/**
 * Synthetic documents for tests and benchmarks of any Store backend. The text is obviously fictional
 * ("Republic of Examplia"); country ids are real registry ids because the store's foreign keys require them.
 * Spans are exact by construction. No test framework is imported here, so benches may use it too (from src/,
 * through tsx: tsconfig.build.json leaves it out of dist).
 */
import { createHash } from 'node:crypto';
import type { Assessment, Tier } from '../domain/index.js';
import type { ImportInput } from './types.js';

export function sha256Of(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/** Builds a text piece by piece and records where each piece landed, so spans are exact by construction. */
class TextBuilder {
  text = '';
  add(piece: string): { start: number; end: number } {
    const start = this.text.length;
    this.text += piece;
    return { start, end: this.text.length };
  }
}

export interface SyntheticNarrative {
  countryId: string;
  reportYear: number;
  tier: Tier | null;
  /** Varies the wording (and so the bytes and hash) of otherwise equal narratives. */
  variant?: string;
  asterisk?: boolean;
}

/** One synthetic document holding one narrative per entry, each with sections, recommendations, warnings. */
export function syntheticDocument(narratives: SyntheticNarrative[], origin = 'test://examplia.txt'): ImportInput {
  const b = new TextBuilder();
  b.add('SYNTHETIC TEST DOCUMENT. Not report text.\n\n');
  const assessments: Assessment[] = narratives.map((n, k) => {
    const v = n.variant ?? 'a';
    const name = `Republic of Examplia ${n.countryId}`;
    const tierText = n.tier ?? 'No Tier';
    const narrativeStart = b.text.length;
    const head = b.add(`${name.toUpperCase()}: ${tierText}${n.asterisk ? '*' : ''}\n\n`);
    const summaryText = `The Government of Examplia (${v}) does not fully meet the minimum standards for imaginary purposes.`;
    const summary = b.add(`${summaryText}\n\n`);
    const recsHead = b.add('PRIORITIZED RECOMMENDATIONS:\n');
    const rec1 = b.add(`Invent more examples ${v}.`);
    b.add('\n');
    const rec2 = b.add('Train placeholder officials; and report fictitious figures.');
    b.add('\n\n');
    const prosHead = b.add('PROSECUTION\n');
    const prosBody = b.add(`Examplia investigated 0 imaginary cases in ${n.reportYear} (${v}).\n\n`);
    const odd = b.add(`Tier 3 is mentioned here only for contrast ${k}.`);
    b.add('\n\n');
    const narrativeEnd = b.text.length;
    return {
      countryId: n.countryId,
      countryName: name,
      reportYear: n.reportYear,
      tier: n.tier,
      tierAsterisk: n.asterisk ?? false,
      tierStatement: n.tier
        ? { impliedTiers: [n.tier], verb: 'remained', consecutiveYears: 3, sentence: summaryText }
        : null,
      summary: summaryText,
      // Deliberately not in "natural" order: order as given must survive.
      sections: [
        { kind: 'summary', heading: '', text: summaryText, span: { start: summary.start, end: summary.end } },
        { kind: 'prosecution', heading: 'PROSECUTION', text: `prosecution text ${v}`, span: { start: prosHead.start, end: prosBody.end } },
        { kind: 'recommendations', heading: 'PRIORITIZED RECOMMENDATIONS:', text: 'recs', span: { start: recsHead.start, end: rec2.end } },
      ],
      recommendations: [
        { text: `Invent more examples ${v}.`, span: rec1 },
        { text: 'Train placeholder officials; and report fictitious figures.', span: rec2 },
      ],
      warnings: [
        { message: 'a tier is named in the body', excerpt: `Tier 3 is mentioned here only for contrast ${k}.`, span: odd },
        { message: 'heading had an odd shape', excerpt: b.text.slice(head.start, head.end).trim() },
      ],
      source: { file: origin, start: narrativeStart, end: narrativeEnd },
    };
  });
  const docWarning = b.add('An unassigned paragraph about the Kingdom of Nowhere.\n');
  return {
    sha256: sha256Of(b.text),
    origin,
    mediaType: 'text/plain',
    text: b.text,
    reportYear: narratives[0]?.reportYear ?? null,
    assessments,
    warnings: [
      { message: 'narrative names no known country', excerpt: 'Kingdom of Nowhere', span: docWarning },
      { message: 'document-level note without a span', excerpt: '' },
    ],
  };
}
