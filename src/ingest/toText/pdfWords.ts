/**
 * The words of a PDF's text, for deciding what a hyphen at a line end is (pdfLayout.ts): word counts made without a
 * string per token (in the PDF workers, in parallel), the words split at line ends, and the join of two lines.
 */

/** Words of the document, for deciding what a hyphen at a line end is. */
export interface Vocabulary {
  words: Set<string>;
  compounds: Set<string>;
}

const WORD_AT_END = /([A-Za-z\u00c0-\u024f]+)-$/;
const WORD_AT_START = /^[A-Za-z\u00c0-\u024f]+/;

/** Two 32-bit string hashes combined into one exact double (< 2^53): collisions among a report's words are negligible. */
function combine(h1: number, h2: number): number {
  return (h1 >>> 0) * 2097152 + ((h2 >>> 0) & 0x1fffff);
}

/** The hash key of a lower-case word, as tokenCounts computes it. */
export function wordKey(w: string): number {
  let h1 = 0;
  let h2 = 0x811c9dc5;
  for (let i = 0; i < w.length; i++) {
    const c = w.charCodeAt(i);
    h1 = (Math.imul(h1, 31) + c) | 0;
    h2 = Math.imul(h2 ^ c, 16777619);
  }
  return combine(h1, h2);
}

/**
 * How often each word occurs in the lines, by hash key (wordKey), lower-cased; a hyphenated token counts as a
 * whole and for each of its parts; a token ending in "-" (the first part of a word split at a line end) does not
 * count. No string is made per token, so this is fast enough to run over a whole report (in the PDF workers, for
 * their pages, in parallel).
 */
export function tokenCounts(lines: readonly { text: string }[], into: Map<number, number> = new Map()): Map<number, number> {
  const add = (k: number) => into.set(k, (into.get(k) ?? 0) + 1);
  /** The parts of a hyphenated token read so far: [hash1, hash2] pairs. */
  const parts: number[] = [];
  for (const line of lines) {
    const text = line.text;
    let inToken = false;
    let t1 = 0;
    let t2 = 0;
    let p1 = 0;
    let p2 = 0x811c9dc5;
    let partLength = 0;
    for (let i = 0, n = text.length; i <= n; i++) {
      let c = i < n ? text.charCodeAt(i) : 32;
      if (c >= 65 && c <= 90) c += 32;
      else if (c >= 0xc0 && c <= 0xde && c !== 0xd7) c += 32;
      const letter = (c >= 97 && c <= 122) || (c >= 0xdf && c <= 0x24f && c !== 0xf7);
      if (letter || (c === 45 && inToken)) {
        if (!inToken) {
          inToken = true;
          t1 = 0;
          t2 = 0x811c9dc5;
          p1 = 0;
          p2 = 0x811c9dc5;
          partLength = 0;
          parts.length = 0;
        }
        t1 = (Math.imul(t1, 31) + c) | 0;
        t2 = Math.imul(t2 ^ c, 16777619);
        if (c === 45) {
          if (partLength > 0) parts.push(p1, p2);
          p1 = 0;
          p2 = 0x811c9dc5;
          partLength = 0;
        } else {
          p1 = (Math.imul(p1, 31) + c) | 0;
          p2 = Math.imul(p2 ^ c, 16777619);
          partLength++;
        }
        continue;
      }
      if (!inToken) continue;
      inToken = false;
      if (text.charCodeAt(i - 1) === 45) continue;
      add(combine(t1, t2));
      if (parts.length) {
        for (let k = 0; k < parts.length; k += 2) add(combine(parts[k]!, parts[k + 1]!));
        add(combine(p1, p2));
      }
    }
  }
  return into;
}

/**
 * The words a hyphen decision may ask about (both parts of each word split at a line end, joined and hyphenated),
 * gathered from each pair of consecutive lines in reading order (`note`), then looked up in the document's word
 * counts (`vocabulary`). A part that only ever appears as a line-end fragment does not count as a word of its own.
 */
export class HyphenWords {
  private readonly wanted = new Set<string>();
  private readonly fragments = new Map<string, number>();

  /** A line `a` and the line `b` read after it. */
  note(a: string, b: string): void {
    if (a.charCodeAt(a.length - 1) !== 45) return;
    const m = WORD_AT_END.exec(a.slice(-80));
    const second = m ? WORD_AT_START.exec(b)?.[0] : undefined;
    if (!m || !second) return;
    const f = m[1]!.toLowerCase();
    const sec = second.toLowerCase();
    this.wanted.add(f).add(sec).add(f + sec).add(`${f}-${sec}`);
    this.fragments.set(sec, (this.fragments.get(sec) ?? 0) + 1);
  }

  /** Which of the words noted the document writes elsewhere; `counts` is tokenCounts of all its lines. */
  vocabulary(counts: Map<number, number>): Vocabulary {
    const words = new Set<string>();
    const compounds = new Set<string>();
    for (const w of this.wanted) {
      const n = counts.get(wordKey(w)) ?? 0;
      if (n === 0) continue;
      if (w.includes('-')) compounds.add(w);
      else if (n - (this.fragments.get(w) ?? 0) > 0) words.add(w);
    }
    return { words, compounds };
  }
}

/** Joins two lines of one block, deciding what a hyphen at the end of the first is. */
export function joinLines(a: string, b: string, vocab: Vocabulary): string {
  const last = a.charCodeAt(a.length - 1);
  if (last === 0xad) return a.slice(0, -1) + b;
  if (last !== 45 /* - */ && last !== 0x2013 && last !== 0x2014 && last !== 47 /* / */) return `${a} ${b}`;
  const m = WORD_AT_END.exec(a.slice(-80));
  if (m) {
    const first = m[1]!;
    const second = WORD_AT_START.exec(b)?.[0];
    if (!second) return a + b;
    if (/^[A-Z]/.test(second)) return a + b; // `U.S.-` / `Mexico`, `Trafficking-` / `Victims`: the hyphen stays
    const f = first.toLowerCase();
    const s = second.toLowerCase();
    if (vocab.compounds.has(`${f}-${s}`)) return a + b;
    if (vocab.words.has(f + s)) return a.slice(0, -1) + b;
    if (vocab.words.has(s) && (vocab.words.has(f) || f.length <= 4)) return a + b;
    return a.slice(0, -1) + b;
  }
  if (last === 47 || !/\s[\u2013\u2014]$/.test(a.slice(-3))) return a + b;
  return `${a} ${b}`;
}

