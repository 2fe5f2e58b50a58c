import type { Country, Span, Tier } from '../domain/index.js';
import { parseTierLabel } from '../domain/index.js';

/** Looks up a country by a name as written; never guesses. */
export interface CountryLookup {
  find(name: string): Country | undefined;
  /** Closest known names, for error messages. */
  suggest(name: string): string[];
}

/** A country narrative's heading: `TAJIKISTAN (Tier 2)`, `THAILAND: Tier 2`, `SPECIAL CASE: YEMEN`, … */
export interface CountryHeading {
  /** The name as written in the heading. */
  name: string;
  country: Country;
  tier: Tier;
  asterisk: boolean;
  /** The heading as written (one line, or two when the tier is on the next line). */
  raw: string;
  /** From the heading's first character to the end of the tier label (or of the country name). */
  span: Span;
}

/** A line that looks like a heading but names no known country, or gives a tier without a country. */
export interface HeadingProblem {
  message: string;
  raw: string;
  span: Span;
  suggestions?: string[];
}

const TIER = String.raw`(?:tier\s*[123](?:\s*[-–—]?\s*watch\s*-?\s*list)?|special\s+case)\s*\*?`;
const NAME = String.raw`[^()\[\]:\n]{2,70}?`;
const PRE = String.raw`(?:\[[^\]\n]*\]\s*)?`;
/** `NAME (Tier 2)`, `UNITED KINGDOM (UK) - (Tier 1)`, `ERITREA\n(Tier 3)` */
const PAREN = new RegExp(
  String.raw`^${PRE}(?<name>${NAME})\s*(?:\((?<abbr>[A-Z]{2,6})\)\s*)?[-–—]?\s*\(\s*(?<tier>${TIER})\s*\)`,
  'iu',
);
/** `THAILAND: Tier 2`, `SOMALIA: SPECIAL CASE` */
const COLON = new RegExp(String.raw`^${PRE}(?<name>${NAME})\s*:\s*(?<tier>${TIER})(?![\p{L}\d])`, 'iu');
/** `SPECIAL CASE: YEMEN`, `Special Case (Libya)`, `Trafficking in Persons Report 2016 - Special Case: SOMALIA` */
const SPECIAL = new RegExp(
  String.raw`^(?<pre>[^\n]*?)\b(?<tier>special\s+case)\s*(?::\s*(?<name>${NAME})|\(\s*(?<name2>${NAME})\s*\))\s*$`,
  'iu',
);
const TIER_ONLY = new RegExp(String.raw`^\s*\(?\s*${TIER}\s*\)?\s*$`, 'iu');

/** Words a country name may hold in lower case ("Bosnia and Herzegovina", "Korea, the Republic of"). */
const NAME_WORD = /^(?:[\p{Lu}\d][\p{L}\p{M}'’.\-&]*|and|of|the|de|da|du|and|&|[-–—])$/u;

function looksLikeName(s: string): boolean {
  const words = s.split(/[\s,]+/).filter(Boolean);
  return words.length > 0 && words.length <= 7 && words.every((w) => NAME_WORD.test(w));
}

function cleanName(s: string): string {
  return s
    .replace(/[\u00a0\s]+/g, ' ')
    .replace(/^[\s\-–—:]+|[\s\-–—:,]+$/g, '')
    .trim();
}

interface Candidate {
  name: string;
  /** The name without its abbreviation (`UNITED KINGDOM` of `UNITED KINGDOM (UK)`), tried when the whole is unknown. */
  bare?: string;
  tierLabel: string;
  /** Offset of the match's end within the examined string. */
  matchEnd: number;
}

function matchHeading(s: string): Candidate | undefined {
  for (const re of [PAREN, COLON]) {
    const m = re.exec(s);
    if (m?.groups) {
      const abbr = m.groups.abbr ? ` (${m.groups.abbr})` : '';
      const bare = cleanName(m.groups.name!);
      return { name: bare + abbr, ...(abbr ? { bare } : {}), tierLabel: m.groups.tier!, matchEnd: m.index + m[0].length };
    }
  }
  const m = SPECIAL.exec(s);
  if (m?.groups) {
    const pre = m.groups.pre ?? '';
    // A line that merely mentions a Special Case in a sentence is not a heading.
    if (pre.trim() && (!/[-–—:]\s*$/.test(pre) || /[.!?]\s/.test(pre))) return undefined;
    return { name: cleanName(m.groups.name ?? m.groups.name2 ?? ''), tierLabel: m.groups.tier!, matchEnd: s.length };
  }
  return undefined;
}

/**
 * Finds every country heading in a text, in order. A heading is a line (its tier possibly on the next line)
 * whose name resolves through the registry; heading-like lines with an unknown name are reported as problems,
 * so are tier lines without a country. Anything else is body text.
 */
export function findCountryHeadings(
  text: string,
  lookup: CountryLookup,
): { headings: CountryHeading[]; problems: HeadingProblem[] } {
  const headings: CountryHeading[] = [];
  const problems: HeadingProblem[] = [];
  const lineStarts = [0];
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) lineStarts.push(i + 1);
  const lineAt = (i: number) => {
    const s = lineStarts[i]!;
    const e = i + 1 < lineStarts.length ? lineStarts[i + 1]! - 1 : text.length;
    return text.slice(s, e);
  };
  const lineLength = (i: number) => (i + 1 < lineStarts.length ? lineStarts[i + 1]! - 1 : text.length) - lineStarts[i]!;
  for (let i = 0; i < lineStarts.length; i++) {
    // Headings are short lines: paragraphs are passed over without being read.
    if (lineLength(i) > 400) continue;
    const line = lineAt(i);
    const next = i + 1 < lineStarts.length && lineLength(i + 1) <= 400 ? lineAt(i + 1) : '';
    if (!/tier|special\s+case/i.test(line) && !/tier|special\s+case/i.test(next)) continue;
    const lead = line.length - line.trimStart().length;
    const start = lineStarts[i]! + lead;
    let cand = matchHeading(line.trimStart());
    let raw = line.trim();
    // The tier on the next line: `ERITREA` / `(Tier 3)`.
    if (!cand && i + 1 < lineStarts.length && /^\s*\(\s*(?:tier|special)/i.test(lineAt(i + 1))) {
      const two = `${line.trimStart()}\n${lineAt(i + 1)}`;
      cand = matchHeading(two);
      if (cand) {
        raw = `${line.trim()} ${lineAt(i + 1).trim()}`;
        i++;
      }
    }
    if (!cand) {
      if (TIER_ONLY.test(line)) {
        problems.push({
          message: 'a tier heading names no country (the country may be in the page title)',
          raw: line.trim(),
          span: { start, end: start + line.trim().length },
        });
      }
      continue;
    }
    const label = parseTierLabel(cand.tierLabel);
    if (!label) continue;
    const span = { start, end: start + cand.matchEnd };
    const country = lookup.find(cand.name) ?? (cand.bare ? lookup.find(cand.bare) : undefined);
    if (country) {
      headings.push({ name: cand.name, country, tier: label.tier, asterisk: label.asterisk, raw, span });
    } else if (looksLikeName(cand.name)) {
      problems.push({
        message: `heading names an unknown country "${cand.name}"`,
        raw,
        span,
        suggestions: lookup.suggest(cand.name),
      });
    }
  }
  return { headings, problems };
}

/** Section headings of a narrative, on a line of their own. */
export type SectionHeadingKind =
  | 'recommendations'
  | 'prosecution'
  | 'protection'
  | 'prevention'
  | 'profile'
  | 'government-efforts';

const SECTION_LINE: [RegExp, SectionHeadingKind][] = [
  [/^prioriti[sz]ed\s+recommendations\s*:?$/i, 'recommendations'],
  [/^recommendations\s+for\s+[^:]{2,60}:?$/i, 'recommendations'],
  [/^prosecution\s*:?$/i, 'prosecution'],
  [/^protection\s*:?$/i, 'protection'],
  [/^prevention\s*:?$/i, 'prevention'],
  [/^(?:trafficking\s+profile|scope\s+and\s+magnitude)\s*:?$/i, 'profile'],
  [/^government\s+efforts\s*(?::|(?:…|\.\.\.)?\s*continue[sd]?)?$/i, 'government-efforts'],
];

export function sectionHeadingKind(line: string): SectionHeadingKind | undefined {
  // Headings are short: a paragraph line is rejected before any work (this runs on every line of a report).
  if (line.length > 160) return undefined;
  const t = line.replace(/[\u00a0\s]+/g, ' ').trim();
  if (t.length > 80) return undefined;
  for (const [re, kind] of SECTION_LINE) if (re.test(t)) return kind;
  return undefined;
}

/** Headings that end the country narratives of a full report (closing chapters). */
const CLOSING_CHAPTERS =
  /^(?:relevant\s+international\s+conventions|stopping\s+human\s+trafficking(?:,\s+sexual\s+exploitation,?\s+and\s+abuse)?\s+by\s+(?:international\s+)?peacekeepers|international\s+peacekeeping|glossary(?:\s+of\s+terms)?|tip\s+report\s+heroes|global\s+law\s+enforcement\s+data|victims['’]?\s+stories|tier\s+placements?|country\s+narratives)\s*$/i;

export function isClosingChapter(line: string): boolean {
  return CLOSING_CHAPTERS.test(line.replace(/[\u00a0\s]+/g, ' ').trim());
}
