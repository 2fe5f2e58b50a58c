/**
 * The one sentence splitter, for ingest (recommendations, the compliance sentence) and the analyses (indicators,
 * diffs): one list of abbreviations, one rule for where a sentence ends. Offsets are exact.
 */
import type { Span } from '../domain/index.js';

export interface Sentence extends Span {
  text: string;
}

/**
 * Words after which a period does not end a sentence ("U.S.", "No. 12", "Art. 3", "e.g.", "Gen.", "et al."), or
 * a lone capital (an initial: "J. Smith", "Annex A."), tested on the text just before the period.
 */
const ABBREVIATION_BEFORE =
  /(?:\b(?:U\.S|U\.K|U\.N|U\.A\.E|E\.U|e\.g|i\.e|etc|No|Nos|Art|Arts|para|paras|St|Dr|Mr|Mrs|Ms|Gen|Col|Lt|Sgt|Capt|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec|vs|approx|Inc|Ltd|Co|Corp|Jr|Sr|Gov|Rep|Sen|Hon|Prof|cf|al|ca)|\b[A-Z])$/;

/** Prose: `.`, `!` or `?`, closing quotes or brackets, white space, then a capital, a digit or an opening quote; or a line break. */
const PROSE_END = /([.!?])(["”’)\]]*)(\s+)(?=["“‘(]?[A-Z0-9])|\n/g;
/** A document's text as read: lines may be wrapped, and sentences run together (`traffickers.Increase`) still end. */
const WRAPPED_END = /([.!?])(["”’)]?)(\s*)(?=[A-Z])/g;

export interface SplitOptions {
  /**
   * The text is a document's as read (a block of a narrative): a line break does not end a sentence (lines are
   * wrapped), and a sentence end needs no space after it (`so.The`). Default: prose, where a line break ends a
   * sentence and a sentence end is followed by white space.
   */
  wrapped?: boolean;
}

/**
 * The sentences of text[start, end), as spans with the white space between them left where it was (a piece may
 * start or end with white space). A sentence ends only where the next one starts inside the range.
 */
export function sentencePieces(text: string, start = 0, end = text.length, options: SplitOptions = {}): Span[] {
  const out: Span[] = [];
  // The shared global regex: nothing in the loop can call back in here.
  const re = options.wrapped ? WRAPPED_END : PROSE_END;
  re.lastIndex = start;
  let from = start;
  for (let m = re.exec(text); m && m.index + m[0].length < end; m = re.exec(text)) {
    if (m[0] === '\n') {
      out.push({ start: from, end: m.index });
      from = m.index + 1;
      continue;
    }
    if (m[1] === '.' && ABBREVIATION_BEFORE.test(text.slice(Math.max(from, m.index - 12), m.index))) continue;
    const cut = m.index + 1 + m[2]!.length;
    out.push({ start: from, end: cut });
    from = cut;
  }
  out.push({ start: from, end });
  return out;
}

/**
 * Splits prose into sentences, white space trimmed, empty ones left out: a sentence ends at `.`, `!` or `?` (with
 * any closing quote or parenthesis) followed by white space and a capital letter, a digit or an opening quote,
 * except after an abbreviation; a line break always ends one. `text.slice(s.start, s.end) === s.text`.
 */
export function splitSentences(text: string): Sentence[] {
  const out: Sentence[] = [];
  for (const p of sentencePieces(text)) {
    let s = p.start;
    let e = p.end;
    while (s < e && /\s/.test(text[s]!)) s++;
    while (e > s && /\s/.test(text[e - 1]!)) e--;
    if (e > s) out.push({ start: s, end: e, text: text.slice(s, e) });
  }
  return out;
}
