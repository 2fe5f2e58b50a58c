import { InputError } from '../domain/index.js';
import type { Assessment } from '../domain/index.js';
import type { RawNarrative } from './splitNarratives.js';

/**
 * How much text one narrative, section and recommendation may hold: bounds on the work one import can make every
 * later page, search and download do. They are chosen far above what a country narrative holds, not measured from
 * every real report. A document with a part over a limit is refused as a whole, naming the file, the
 * country and the size: nothing of it is stored.
 */
export const LIMITS = {
  narrativeChars: 400_000,
  sectionChars: 200_000,
  recommendationChars: 20_000,
} as const;

const chars = (n: number) => `${n.toLocaleString('en-US')} characters`;

/** Refuses a narrative too long to parse and store, before it is parsed. */
export function checkNarrativeSize(raw: RawNarrative, origin: string): void {
  const n = raw.span.end - raw.span.start;
  if (n > LIMITS.narrativeChars) {
    throw new InputError(
      `the narrative of ${raw.heading.country.name} holds ${chars(n)}, over the limit of ${chars(LIMITS.narrativeChars)} per narrative: the file is not imported (is text appended to it, or a heading missing?)`,
      origin,
      'over-limit',
    );
  }
}

/** Refuses an assessment with a section or recommendation over its limit. */
export function checkAssessmentSizes(a: Assessment, origin: string): void {
  for (const s of a.sections) {
    if (s.text.length > LIMITS.sectionChars) {
      throw new InputError(
        `the ${s.heading || s.kind} section of ${a.countryName} (${a.reportYear}) holds ${chars(s.text.length)}, over the limit of ${chars(LIMITS.sectionChars)} per section: the file is not imported`,
        origin,
        'over-limit',
      );
    }
  }
  a.recommendations.forEach((r, i) => {
    if (r.text.length > LIMITS.recommendationChars) {
      throw new InputError(
        `recommendation ${i + 1} of ${a.countryName} (${a.reportYear}) holds ${chars(r.text.length)}, over the limit of ${chars(LIMITS.recommendationChars)} per recommendation: the file is not imported`,
        origin,
        'over-limit',
      );
    }
  });
}
