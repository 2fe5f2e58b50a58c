import type { Span } from '../domain/index.js';

/** A paragraph, heading or list item of a document: a span of its original text, whitespace trimmed. */
export interface Block extends Span {
  /** The original text of the block. */
  raw: string;
}

interface Line extends Span {
  text: string;
}

function linesOf(text: string, start: number, end: number): Line[] {
  const lines: Line[] = [];
  let pos = start;
  while (pos <= end) {
    let nl = text.indexOf('\n', pos);
    if (nl === -1 || nl > end) nl = end;
    lines.push({ start: pos, end: nl, text: text.slice(pos, nl) });
    if (nl >= end) break;
    pos = nl + 1;
  }
  return lines;
}

/**
 * Text whose paragraphs are hard-wrapped (PDF extractions, some mirrors): most lines are followed by another
 * non-empty line. In such text a paragraph ends at a short line that ends a sentence.
 */
export function wrapWidth(lines: { text: string }[]): number | undefined {
  const nonEmpty = lines.filter((l) => l.text.trim().length > 0);
  if (nonEmpty.length < 6) return undefined;
  let followed = 0;
  for (let i = 0; i + 1 < lines.length; i++) {
    if (lines[i]!.text.trim() && lines[i + 1]!.text.trim()) followed++;
  }
  if (followed / nonEmpty.length < 0.6) return undefined;
  const lengths = nonEmpty.map((l) => l.text.trimEnd().length).sort((a, b) => a - b);
  const p75 = lengths[Math.floor(lengths.length * 0.75)]!;
  return p75 >= 40 && p75 <= 200 ? p75 : undefined;
}

const SENTENCE_END = /[.!?:]["”’)]?\s*$/;

/**
 * Splits a region of text into blocks. Blank lines always separate blocks; `isHeading(line)` lines are blocks of
 * their own; in hard-wrapped text a short line that ends a sentence also ends its block.
 */
export function splitBlocks(
  text: string,
  start = 0,
  end = text.length,
  isHeading: (line: string) => boolean = () => false,
): Block[] {
  const lines = linesOf(text, start, end);
  const width = wrapWidth(lines);
  const blocks: Block[] = [];
  let cur: Line[] = [];
  const flush = () => {
    if (cur.length === 0) return;
    const s = cur[0]!.start;
    const e = cur[cur.length - 1]!.end;
    const raw = text.slice(s, e);
    const lead = raw.length - raw.trimStart().length;
    const trail = raw.length - raw.trimEnd().length;
    if (raw.trim()) blocks.push({ start: s + lead, end: e - trail, raw: raw.trim() });
    cur = [];
  };
  for (const line of lines) {
    const t = line.text.trim();
    if (!t) {
      flush();
      continue;
    }
    if (isHeading(t)) {
      flush();
      cur.push(line);
      flush();
      continue;
    }
    cur.push(line);
    if (width !== undefined && SENTENCE_END.test(t) && t.length < width * 0.8) flush();
  }
  flush();
  return blocks;
}
