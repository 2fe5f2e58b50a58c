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
  /** A doubt about how the heading was read (an unusual tier spelling), for a warning quoting it. */
  doubt?: string;
}

/** A line that looks like a heading but names no known country, or gives a tier without a country. */
export interface HeadingProblem {
  /** `unknown-country`: a name not in the registry; `no-country`: a tier line alone; `invalid-tier`: "Tier 4". */
  kind: 'unknown-country' | 'no-country' | 'invalid-tier';
  message: string;
  raw: string;
  span: Span;
  suggestions?: string[];
}

/**
 * A tier as headings write it, invalid ones too ("Tier 4", "Tier 3 Watch List": reported, never used). No two
 * quantifiers over white space are ever side by side (each optional mark takes the white space after it:
 * `(?:-\s*)?`): `\s*-?\s*` backtracks quadratically over a long run of spaces, three of them cubically.
 */
const WATCH = String.raw`(?:\(\s*watch(?:\s*(?:-\s*)?list)?\s*\)|watch(?:\s*(?:-\s*)?list)?)`;
/** The tier without what may follow it (white space, an asterisk): each use says what may come next. */
const TIER_CORE = String.raw`(?:tier\s*\d{1,2}(?:\s*(?:[-–—]\s*)?${WATCH})?|special\s+case)`;
const NAME = String.raw`[^()\[\]:\n]{2,70}?`;
const PRE = String.raw`(?:\[[^\]\n]*\]\s*)?`;
/**
 * What may follow a heading on its line: nothing, punctuation or footnote marks, a bracketed source note,
 * "– Extracted in part from …" or the report's name ("2023 TIP Report"). Prose after it ("Kosovo (Tier 2) and
 * Serbia …", "…(Tier 2), Serbia (Tier 2)") means a sentence, not a heading; anything else is read as a heading
 * with a doubt.
 */
const HEADING_TAIL = /^(?:[\s.:;*†‡\d]*$|\s*(?:\[|(?:\(\s*)?(?:[-–—]\s*)?Extracted\b)|[\s\-–—:(\[]*(?:(?:19|20)\d\d\s+)?(?:Trafficking\s+in\s+Persons\s+Report|TIP\s+Report)\b)/i;
const PROSE_TAIL = /^\s*(?:[,;]|(?:\(\s*)?\p{Ll})/u;
/**
 * `NAME (Tier 2)`, `UNITED KINGDOM (UK) - (Tier 1)`, `ERITREA\n(Tier 3)`, `BURMA (Tier 3)*`. The tier takes the white
 * space before `)` (and an asterisk with the white space before it), as it always has: `(Tier 2 *)`.
 */
const PAREN = new RegExp(
  String.raw`^${PRE}(?<name>${NAME})\s*(?:\((?<abbr>[A-Z]{2,6})\)\s*)?(?:[-–—]\s*)?\(\s*(?<tier>${TIER_CORE}(?:\s*\*|\s*(?=\))))\s*\)(?<star>\s*\*)?`,
  'iu',
);
/**
 * `THAILAND: Tier 2`, `SOMALIA: SPECIAL CASE`. The tier takes the white space after it (and an asterisk) up to a
 * character that is no letter or digit; before a word it leaves that word's one space (`Tier 2  Watchful`).
 */
const COLON = new RegExp(
  String.raw`^${PRE}(?<name>${NAME})\s*:\s*(?<tier>${TIER_CORE}(?:\s*\*(?![\p{L}\d])|\s*(?![\s\p{L}\d])|\s*(?=\s[\p{L}\d])))`,
  'iu',
);
/** `SPECIAL CASE: YEMEN`, `Special Case (Libya)`, `Trafficking in Persons Report 2016 - Special Case: SOMALIA` */
const SPECIAL = new RegExp(
  String.raw`^(?<pre>[^\n]*?)\b(?<tier>special\s+case)\s*(?::\s*(?<name>${NAME})|\(\s*(?<name2>${NAME})\s*\))\s*$`,
  'iu',
);
/** `Tier 2`, `(Tier 3)*` alone on a line. */
const TIER_ONLY = new RegExp(String.raw`^\s*(?:\(\s*)?${TIER_CORE}(?:\s*\*)?\s*(?:\)\s*)?(?:\*\s*)?$`, 'iu');
/** "Watch List" alone on the line after a `Tier 2` heading (the tier wrapped). */
const WATCH_LINE = /^\s*(?:\(\s*)?watch\s*(?:-\s*)?list\s*(?:\)\s*)?(?:\*\s*)?$/i;

/**
 * A tier label as a heading writes it, read strictly: `Tier 2 (Watch List)` and `Tier 2 Watch` are the Watch List
 * (the second with a doubt); anything parseTierLabel does not know (`Tier 4`, `Tier 3 Watch List`) is undefined.
 */
export function readTier(written: string): { tier: Tier; asterisk: boolean; doubt?: string } | undefined {
  const clean = written.replace(/[()]/g, ' ').replace(/\s+/g, ' ').trim();
  const shortWatch = /\bwatch\b(?!\s*(?:-\s*)?list)/i.test(clean);
  const label = parseTierLabel(clean.replace(/\bwatch(?:\s*(?:-\s*)?list)?/i, 'Watch List'));
  if (!label) return undefined;
  return shortWatch ? { ...label, doubt: `the heading writes the tier "${clean}": read as ${label.tier}` } : label;
}

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
  /** The abbreviation alone (`DPRK` of `KOREA (DPRK)`), tried last. */
  abbr?: string;
  tierLabel: string;
  /** Offset of the match's end within the examined string. */
  matchEnd: number;
  /** Set when the line goes on after the tier with something that is neither a note nor the report's name. */
  doubt?: string;
}

/** What PAREN and COLON both need (the tier after `(` or `:`): lines without it skip their search for a name. */
const TIER_AFTER_MARK = /[(:]\s*(?:tier|special\s+case)/i;

function matchHeading(s: string): Candidate | undefined {
  for (const re of TIER_AFTER_MARK.test(s) ? [PAREN, COLON] : []) {
    const m = re.exec(s);
    if (m?.groups) {
      const { abbr, star } = m.groups;
      const bare = cleanName(m.groups.name!);
      const matchEnd = m.index + m[0].length;
      const lineEnd = s.indexOf('\n', matchEnd);
      const tail = s.slice(matchEnd, lineEnd === -1 ? s.length : lineEnd);
      if (PROSE_TAIL.test(tail)) return undefined;
      return {
        name: abbr ? `${bare} (${abbr})` : bare,
        ...(abbr ? { bare, abbr } : {}),
        tierLabel: m.groups.tier! + (star ? '*' : ''),
        matchEnd,
        ...(HEADING_TAIL.test(tail) ? {} : { doubt: `the heading line goes on after the tier ("${tail.trim()}"): read as a heading` }),
      };
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
 * whose name resolves through the registry; heading-like lines with an unknown name or an invalid tier are
 * reported as problems, so are tier lines without a country. Anything else is body text.
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
    if (!cand && /^\s*\(\s*(?:tier|special)/i.test(next)) {
      cand = matchHeading(`${line.trimStart()}\n${next}`);
      if (cand) {
        raw = `${line.trim()} ${next.trim()}`;
        i++;
      }
    }
    if (!cand) {
      if (TIER_ONLY.test(line)) {
        problems.push({
          kind: 'no-country',
          message: 'a tier heading names no country (the country may be in the page title)',
          raw: line.trim(),
          span: { start, end: start + line.trim().length },
        });
      }
      continue;
    }
    const span = { start, end: start + cand.matchEnd };
    let label = readTier(cand.tierLabel);
    if (label && cand.doubt) label = { ...label, doubt: label.doubt ? `${label.doubt}; ${cand.doubt}` : cand.doubt };
    // `EXAMPLIA (Tier 2)` / `Watch List`: the tier wrapped onto the next line.
    const after = i + 1 < lineStarts.length ? lineAt(i + 1) : '';
    if (label?.tier === 'Tier 2' && WATCH_LINE.test(after)) {
      label = {
        tier: 'Tier 2 Watch List',
        asterisk: label.asterisk || /\*\s*$/.test(after),
        doubt: `the heading's tier "${raw}" is followed by a line "${after.trim()}": read as Tier 2 Watch List`,
      };
      raw = `${raw} ${after.trim()}`;
      span.end = lineStarts[i + 1]! + after.trimEnd().length;
      i++;
    }
    const country =
      lookup.find(cand.name) ?? (cand.bare ? lookup.find(cand.bare) : undefined) ?? (cand.abbr ? lookup.find(cand.abbr) : undefined);
    const asName = cand.bare ?? cand.name;
    if (!label) {
      // "UTOPIA (Tier 4)": never a placement, and its text is nobody's (the caller warns).
      if (country || looksLikeName(asName)) {
        problems.push({
          kind: 'invalid-tier',
          message: `heading gives an invalid tier "${cand.tierLabel.replace(/\s+/g, ' ').trim()}"${country ? '' : ` for an unknown country "${cand.name}"`}`,
          raw,
          span,
        });
      }
      continue;
    }
    if (country) {
      headings.push({
        name: cand.name,
        country,
        tier: label.tier,
        asterisk: label.asterisk,
        raw,
        span,
        ...(label.doubt ? { doubt: label.doubt } : {}),
      });
    } else if (looksLikeName(asName)) {
      problems.push({
        kind: 'unknown-country',
        message: `heading names an unknown country "${cand.name}"`,
        raw,
        span,
        suggestions: lookup.suggest(asName),
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
