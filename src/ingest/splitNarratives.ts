import type { ParseWarning, Span } from '../domain/index.js';
import type { CountryHeading, CountryLookup, HeadingProblem } from './headings.js';
import { findCountryHeadings, isClosingChapter } from './headings.js';
import { excerptOf } from './text/normalize.js';

/** One country's narrative as found in a text: its heading and where its body lies. */
export interface RawNarrative {
  heading: CountryHeading;
  /** From the heading to the next heading (or a closing chapter, or the end of the text). */
  span: Span;
  /** Where the body starts: after the heading and any "Extracted in part from the … 2023 TIP Report" phrase. */
  bodyStart: number;
  /** Report-year words in the heading line ("Extracted … 2023 TIP Report", "[… Report, June 2009]"). */
  headingTail: Span;
}

export interface SplitResult {
  narratives: RawNarrative[];
  /** Text before the first heading: page wrappers, or the end of the previous country's narrative. */
  preamble: Span;
  problems: HeadingProblem[];
  warnings: ParseWarning[];
}

/** "– Extracted in part from the U.S. State Dept 2023 TIP Report", "[Extracted from U.S. State Dept …, June 2009]" */
const EXTRACTED =
  /^[\s–—-]*\[?\s*Extracted\s+(?:in\s+part\s+)?from\s+(?:the\s+)?U\.?S\.?\s+State\s+Dep(?:t|artment)\.?\s+(?:(?:19|20)\d\d\s+TIP\s+Report|Trafficking\s+in\s+Persons\s+Report(?:,?\s+(?:[A-Z][a-z]+\s+)?(?:19|20)\d\d)?)\s*\]?/;

/** Text before the first heading that reads like narrative (long, about trafficking) rather than a page wrapper. */
function narrativeLike(text: string): boolean {
  return text
    .split(/\n\s*\n|\n(?=[A-Z])/)
    .some((p) => p.trim().length >= 200 && /traffick/i.test(p) && /[.!?]/.test(p));
}

/**
 * Splits a text into its country narratives. The introduction, tier tables and closing chapters of a full
 * report produce none; text before the first heading is reported, never attached to a country.
 */
export function splitNarratives(text: string, lookup: CountryLookup): SplitResult {
  const { headings, problems } = findCountryHeadings(text, lookup);
  const warnings: ParseWarning[] = [];
  // Ends of narratives: the next heading, a problem heading (unknown country), or a closing chapter line.
  const stops: number[] = [...problems.map((p) => p.span.start)];
  const closingRe = /^[^\n]{3,120}$/gm;
  for (let m = closingRe.exec(text); m; m = closingRe.exec(text)) {
    if (isClosingChapter(m[0])) stops.push(m.index);
  }
  stops.sort((a, b) => a - b);
  const narratives: RawNarrative[] = [];
  for (let i = 0; i < headings.length; i++) {
    const h = headings[i]!;
    const next = headings[i + 1]?.span.start ?? text.length;
    const stop = stops.find((s) => s > h.span.end && s < next);
    const end = stop ?? next;
    const ex = EXTRACTED.exec(text.slice(h.span.end, Math.min(end, h.span.end + 300)));
    const bodyStart = h.span.end + (ex ? ex[0].length : 0);
    const lineEnd = text.indexOf('\n', h.span.end);
    const tailEnd = Math.max(bodyStart, lineEnd === -1 || lineEnd > end ? end : lineEnd);
    narratives.push({ heading: h, span: { start: h.span.start, end }, bodyStart, headingTail: { start: h.span.end, end: tailEnd } });
  }
  const preamble = { start: 0, end: headings[0]?.span.start ?? text.length };
  if (headings.length > 0 && narrativeLike(text.slice(preamble.start, preamble.end))) {
    warnings.push({
      message: 'text before the first country heading (likely the end of the previous narrative) is not attached to any country',
      excerpt: excerptOf(text.slice(preamble.start, preamble.end).trim(), 120),
      span: preamble,
    });
  }
  return { narratives, preamble, problems, warnings };
}
