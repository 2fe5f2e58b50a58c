/** Anything normalizeText would rewrite; most paragraphs have none of it, and then one scan is all it costs. */
const NEEDS_WORK = /[\u200b\u200c\u200d\ufeff\u00ad\u00a0\u2007\u202f\t\r\n]|[.!?;][A-Z][a-z]|[A-Za-z]- [a-z]| {2}/;

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
  if (!NEEDS_WORK.test(s)) return s.trim();
  if (/[\u200b\u200c\u200d\ufeff\u00ad]/.test(s)) s = s.replace(/[\u200b\u200c\u200d\ufeff\u00ad]/g, '');
  if (/[\u00a0\u2007\u202f\t\r]/.test(s)) s = s.replace(/[\u00a0\u2007\u202f\t\r]/g, ' ');
  if (s.indexOf('\n') !== -1) s = s.replace(/ *\n+ */g, ' ');
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
