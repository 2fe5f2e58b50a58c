import type { Span } from '../domain/index.js';

/** Characters normalizeText always rewrites, and two spaces (one scan for both is faster than two). */
const RARE = /[\t\r\u00a0\u00ad\u2007\u200b-\u200d\u202f\ufeff]| {2}/;
const isLetter = (c: number) => (c | 32) >= 97 && (c | 32) <= 122;
const isUpper = (c: number) => c >= 65 && c <= 90;
const isLower = (c: number) => c >= 97 && c <= 122;

/**
 * Whether normalizeText would change a block of `s` beyond trimming it, for a region of many blocks (a whole
 * narrative is tested once; blank lines between blocks are fine, a line break inside one is not). Written as
 * separate simple searches, together about twice as fast as one regular expression with alternatives.
 */
export function needsNormalizing(s: string): boolean {
  if (RARE.test(s)) return true;
  for (let i = s.indexOf('\n'); i !== -1; i = s.indexOf('\n', i + 1)) {
    if (i > 0 && s.charCodeAt(i - 1) !== 10 && i + 1 < s.length && s.charCodeAt(i + 1) !== 10) return true;
  }
  for (let i = s.indexOf('- '); i !== -1; i = s.indexOf('- ', i + 1)) {
    if (i > 0 && isLetter(s.charCodeAt(i - 1)) && isLower(s.charCodeAt(i + 2))) return true;
  }
  for (const p of ['.', '!', '?', ';']) {
    for (let i = s.indexOf(p); i !== -1; i = s.indexOf(p, i + 1)) {
      if (isUpper(s.charCodeAt(i + 1)) && isLower(s.charCodeAt(i + 2))) return true;
    }
  }
  return false;
}

/**
 * Readable text from an original slice, without changing the original (spans always point into the original).
 * - NBSP and other odd spaces become spaces; zero-width characters go.
 * - Hard line wraps inside a block are joined with a space.
 * - `so.The` becomes `so. The` (sentences run together by careless copying), `anti- trafficking` becomes
 *   `anti-trafficking` (a line-end hyphen joined with a space by an extractor), except before `and`/`or`/`to`
 *   (`first- and second-degree` is a suspended hyphen).
 * - Curly quotes and every other character are kept.
 */
export function normalizeText(original: string): string {
  // Each rewrite runs only where its trigger occurs (this runs over every section of a report).
  let s = original;
  if (!needsNormalizing(s) && s.indexOf('\n\n') === -1) return s.trim();
  if (/[\u200b\u200c\u200d\ufeff\u00ad]/.test(s)) s = s.replace(/[\u200b\u200c\u200d\ufeff\u00ad]/g, '');
  if (/[\u00a0\u2007\u202f\t\r]/.test(s)) s = s.replace(/[\u00a0\u2007\u202f\t\r]/g, ' ');
  // A run of spaces and line breaks becomes one space. The look-behind lets a match start only where such a run
  // starts: `/ *\n+ */` tried every space of a long run without a line break, which took quadratic time.
  if (s.indexOf('\n') !== -1) s = s.replace(/(?<![ \n])[ \n]*\n[ \n]*/g, ' ');
  if (/[.!?;][A-Z][a-z]/.test(s)) s = s.replace(/([a-z)\]”"’0-9])([.!?;])([A-Z][a-z])/g, '$1$2 $3');
  if (/[A-Za-z]- [a-z]/.test(s)) s = s.replace(/\b([A-Za-z]+)- (?!(?:and|or|to|nor)\b)([a-z])/g, '$1-$2');
  if (s.indexOf('  ') !== -1) s = s.replace(/ {2,}/g, ' ');
  return s.trim();
}

/** One line of text, shortened for quoting in a warning. */
export function excerptOf(original: string, max = 160): string {
  const s = normalizeText(original);
  return s.length <= max ? s : `${s.slice(0, max - 1).trimEnd()}…`;
}

/** White space and the invisible characters normalizeText drops: everything else it keeps, in order. */
const SKIPPED = /[\s\u200b\u200c\u200d\ufeff\u00ad]/;
const SKIPPED_ALL = /[\s\u200b\u200c\u200d\ufeff\u00ad]/g;

/**
 * Finds pieces of normalised text (normalizeText) in the original text they were read from: normalising only
 * changes white space and drops invisible characters, so the other characters appear in the same order in both.
 * `original` is the document's text from `originalStart`. The locator returns a span into the document, or
 * undefined; pieces asked for in order are found in order (each search starts after the last piece found, and
 * falls back to the whole text).
 */
export function makeLocator(original: string, originalStart: number): (piece: string) => Span | undefined {
  // Each kept character, and where it lies in `original` (a typed array: a plain array grown by push was the
  // largest constant of a fuzzed parse and derive).
  let chars = '';
  const at = new Int32Array(original.length);
  let n = 0;
  for (let i = 0; i < original.length; i++) {
    const c = original[i]!;
    if (SKIPPED.test(c)) continue;
    chars += c;
    at[n++] = i;
  }
  let from = 0;
  return (piece) => {
    const p = piece.replace(SKIPPED_ALL, '');
    if (!p) return undefined;
    let k = chars.indexOf(p, from);
    if (k < 0) k = chars.indexOf(p);
    if (k < 0) return undefined;
    from = k + p.length;
    return { start: originalStart + at[k]!, end: originalStart + at[k + p.length - 1]! + 1 };
  };
}

/** Where one piece of normalised text lies in the original text it was read from (see makeLocator). */
export function locateInOriginal(piece: string, original: string, originalStart: number): Span | undefined {
  return makeLocator(original, originalStart)(piece);
}
