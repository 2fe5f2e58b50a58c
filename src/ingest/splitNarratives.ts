import type { ParseWarning, Span } from '../domain/index.js';
import type { Country } from '../domain/index.js';
import type { CountryHeading, CountryLookup, HeadingProblem } from './headings.js';
import { findCountryHeadings, isClosingChapter, readTier } from './headings.js';
import { excerptOf } from '../text/index.js';

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
  /^[\s–—-]*(?:\[\s*)?Extracted\s+(?:in\s+part\s+)?from\s+(?:the\s+)?U\.?S\.?\s+State\s+Dep(?:t|artment)\.?\s+(?:(?:19|20)\d\d\s+TIP\s+Report|Trafficking\s+in\s+Persons\s+Report(?:,?\s+(?:[A-Z][a-z]+\s+)?(?:19|20)\d\d)?)\s*\]?/;

/** A line (or the rest of the heading line) that only names the report: "[June 2009]", "2023 TIP Report", "]". */
const REPORT_WORDS =
  /^[\s[\](),.:;–—-]*(?:(?:extracted|in|part|from|the|U\.?S|State|Dep(?:t|artment)|Trafficking|Persons|TIP|Report|January|February|March|April|May|June|July|August|September|October|November|December|\d{1,2}|(?:19|20)\d\d)(?![\p{L}\d])[\s[\](),.:;–—-]*)*$/iu;

/**
 * Where a narrative's body starts: after the rest of the heading line and lines after it when they only name the
 * report (a stray year or "[2023 TIP Report]" is heading, not a note of the narrative).
 */
function afterReportWords(text: string, from: number, end: number): number {
  let at = from;
  let pos = from;
  for (let lines = 0; lines < 6 && pos < end; lines++) {
    let lineEnd = text.indexOf('\n', pos);
    if (lineEnd === -1 || lineEnd > end) lineEnd = end;
    const line = text.slice(pos, lineEnd);
    const next = lineEnd === end ? end : lineEnd + 1;
    if (lines > 0 && !line.trim()) {
      pos = next;
      continue;
    }
    // Only punctuation, or words that name a report (a year, "Report"): " The" is where the body starts.
    const names = /(?:19|20)\d\d|\breport\b/i.test(line);
    if (line.length > 80 || !REPORT_WORDS.test(line) || (!names && (lines > 0 || /\p{L}/u.test(line)))) break;
    at = pos = next;
  }
  return at;
}

/** Text before the first heading that reads like narrative (long, about trafficking) rather than a page wrapper. */
function narrativeLike(text: string): boolean {
  return text
    .split(/\n\s*\n|\n(?=[A-Z])/)
    .some((p) => p.trim().length >= 200 && /traffick/i.test(p) && /[.!?]/.test(p));
}

export interface SplitOptions {
  /** The page title (HTML <title>, PDF metadata): names the country of a heading that gives only the tier. */
  title?: string;
}

/** "U.S. Department of State 2002 Trafficking in Persons Report - Tajikistan" and the like, as page titles read. */
const TITLE_LINE = /Trafficking\s+in\s+Persons\s+Report|Department\s+of\s+State|TIP\s+Report/i;

/**
 * The country a page title names: "Tajikistan - United States Department of State", "2023 Trafficking in
 * Persons Report: Uzbekistan", "U.S. Department of State 2002 Trafficking in Persons Report - Tajikistan".
 */
export function countryFromTitle(title: string, lookup: CountryLookup): Country | undefined {
  // White space collapsed first (the lookup collapses it too): `\s*:` tried at every place of a long run is quadratic.
  const parts = title.replace(/\s+/g, ' ').split(/\s+[|–—-]\s+|\s*:\s+|\s*\|\s*/);
  for (const part of parts) {
    const p = part
      .replace(/^(?:U\.?S\.?|United\s+States)\s+Department\s+of\s+State\s*/i, '')
      .replace(/^(?:(?:19|20)\d\d\s+)?Trafficking\s+in\s+Persons\s+(?:\(TIP\)\s+)?Report(?:\s+(?:19|20)\d\d)?\s*/i, '')
      .replace(/^(?:(?:19|20)\d\d\s+)?TIP\s+Report\s*/i, '')
      .trim();
    if (!p) continue;
    const c = lookup.find(p);
    if (c) return c;
  }
  return undefined;
}

/** "Uzbekistan is a source country …", "The Government of Cuba does not fully meet …": the subject of the opening. */
const OPENING_SUBJECT = [
  /^(?:The\s+Government\s+of\s+(?:the\s+)?)([\p{Lu}][^.,;:\n]{1,60}?)\s+(?:does\s+not|fully|is|remains|has)\b/u,
  /^([\p{Lu}][^.,;:\n]{1,60}?)\s+(?:is|remains|was)\s+(?:principally\s+|primarily\s+|also\s+)?(?:a|an)\s+(?:source|transit|destination|country|Special\s+Case)\b/u,
  /^([\p{Lu}][^.,;:\n]{1,60}?)\s+does\s+not\s+fully\s+(?:meet|comply)\b/u,
];

/**
 * A heading that is a lone tier line (`Tier 3`) takes its country from the page title, or from a title line
 * above it, or from the subject of the narrative's first sentence. Only for a page with no other heading.
 */
function headingFromTierLine(
  text: string,
  problem: HeadingProblem,
  lookup: CountryLookup,
  title: string | undefined,
): { heading: CountryHeading; warning: ParseWarning } | undefined {
  const label = readTier(problem.raw);
  if (!label) return undefined;
  const make = (country: Country, name: string, how: string): { heading: CountryHeading; warning: ParseWarning } => ({
    heading: {
      name,
      country,
      tier: label.tier,
      asterisk: label.asterisk,
      raw: problem.raw,
      span: problem.span,
      ...(label.doubt ? { doubt: label.doubt } : {}),
    },
    warning: {
      code: 'country-from-context',
      message: `the heading "${problem.raw}" names no country; ${country.name} is read from ${how}`,
      excerpt: excerptOf(name, 120),
      span: problem.span,
    },
  });
  if (title) {
    const c = countryFromTitle(title, lookup);
    if (c) return make(c, title, 'the page title');
  }
  const before = text.slice(Math.max(0, problem.span.start - 2000), problem.span.start).split('\n').reverse();
  for (const line of before) {
    if (!TITLE_LINE.test(line)) continue;
    const c = countryFromTitle(line.trim(), lookup);
    if (c) return make(c, line.trim(), 'the title line above it');
  }
  const after = text.slice(problem.span.end, problem.span.end + 1500).replace(/^\s+/, '');
  for (const re of OPENING_SUBJECT) {
    const m = re.exec(after);
    const c = m ? lookup.find(m[1]!.trim()) : undefined;
    if (c) return make(c, m![0], 'the first sentence after it');
  }
  return undefined;
}

/**
 * Splits a text into its country narratives. The introduction, tier tables and closing chapters of a full
 * report produce none; text before the first heading is reported, never attached to a country.
 */
export function splitNarratives(text: string, lookup: CountryLookup, options: SplitOptions = {}): SplitResult {
  const found = findCountryHeadings(text, lookup);
  const headings = found.headings;
  let problems = found.problems;
  const warnings: ParseWarning[] = [];
  if (headings.length === 0) {
    const tierOnly = problems.filter((p) => p.kind === 'no-country');
    if (tierOnly.length === 1 && problems.length === 1) {
      const fromTitle = headingFromTierLine(text, tierOnly[0]!, lookup, options.title);
      if (fromTitle) {
        headings.push(fromTitle.heading);
        warnings.push(fromTitle.warning);
        problems = [];
      }
    }
  }
  // Ends of narratives: the next heading, a problem heading (unknown country), or a closing chapter line.
  const stops: number[] = [...problems.map((p) => p.span.start)];
  for (let start = 0; start < text.length; ) {
    let end = text.indexOf('\n', start);
    if (end === -1) end = text.length;
    if (end - start >= 3 && end - start <= 120 && isClosingChapter(text.slice(start, end))) stops.push(start);
    start = end + 1;
  }
  stops.sort((a, b) => a - b);
  const narratives: RawNarrative[] = [];
  for (let i = 0; i < headings.length; i++) {
    const h = headings[i]!;
    const next = headings[i + 1]?.span.start ?? text.length;
    const stop = stops.find((s) => s > h.span.end && s < next);
    const end = stop ?? next;
    const ex = EXTRACTED.exec(text.slice(h.span.end, Math.min(end, h.span.end + 300)));
    const bodyStart = afterReportWords(text, h.span.end + (ex ? ex[0].length : 0), end);
    const lineEnd = text.indexOf('\n', h.span.end);
    const tailEnd = Math.max(bodyStart, lineEnd === -1 || lineEnd > end ? end : lineEnd);
    narratives.push({ heading: h, span: { start: h.span.start, end }, bodyStart, headingTail: { start: h.span.end, end: tailEnd } });
  }
  const preamble = { start: 0, end: headings[0]?.span.start ?? text.length };
  // A whole report's front matter (introduction, tier tables) is not the end of a previous narrative.
  const frontMatter = headings.length >= 5 || stops.some((st) => st < preamble.end && isClosingChapter(text.slice(st, text.indexOf('\n', st) + 1 || text.length)));
  if (headings.length > 0 && !frontMatter && narrativeLike(text.slice(preamble.start, preamble.end))) {
    warnings.push({
      code: 'text-before-first-heading',
      message: 'text before the first country heading (likely the end of the previous narrative) is not attached to any country',
      excerpt: excerptOf(text.slice(preamble.start, preamble.end).trim(), 120),
      span: preamble,
    });
  }
  return { narratives, preamble, problems, warnings };
}
