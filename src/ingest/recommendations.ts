import type { ParseWarning, Recommendation, Span } from '../domain/index.js';
import { CUT_SHORT_WARNINGS } from '../domain/index.js';
import type { Block } from '../text/index.js';
import { excerptOf, normalizeText, sentencePieces } from '../text/index.js';

type Piece = Span;

function trimPiece(text: string, p: Piece): Piece | undefined {
  let { start, end } = p;
  while (start < end && /[\s•·▪●◦\-–—*;,]/.test(text[start]!)) start++;
  // A list number ("18. Monitor …"), or a leading "and " from a semicolon list ("…; and continue efforts…").
  const lead = /^(?:\d{1,2}[.)](?:\s+|$)[\s•·▪●◦\-–—*]*|(?:and|or)\s+)/i.exec(text.slice(start, end));
  if (lead) start += lead[0].length;
  while (end > start && /[\s;,]/.test(text[end - 1]!)) end--;
  return end > start ? { start, end } : undefined;
}

/** Splits at top-level semicolons (not inside parentheses). */
function splitSemicolons(text: string, start: number, end: number): Piece[] {
  const out: Piece[] = [];
  let depth = 0;
  let from = start;
  for (let i = start; i < end; i++) {
    const c = text[i];
    if (c === '(') depth++;
    else if (c === ')') depth = Math.max(0, depth - 1);
    else if (c === ';' && depth === 0) {
      out.push({ start: from, end: i });
      from = i + 1;
    }
  }
  out.push({ start: from, end });
  return out;
}

const BULLET = /[•·▪●◦]/;
/** A list marker at the start of a line: a bullet or dash, or a number (`18.`, `3)`), possibly alone on its line. */
const LINE_MARKER = /^[ \t]*(?:(?<dash>[-–—*•·▪●◦])|\d{1,2}[.)])(?:[ \t]+|(?=\n)|$)/;
const markerKind = (line: string): 'dash' | 'number' | undefined => {
  const m = LINE_MARKER.exec(line);
  return m ? (m.groups!.dash ? 'dash' : 'number') : undefined;
};
const LINE_ENDS_SENTENCE = /[.!?]["”’)]?[ \t]*$/;
/**
 * The opening of a hard-wrapped line that can start a recommendation: a capitalised word that is not one of the
 * words a second sentence of the same recommendation opens with ("This includes …", "The government …").
 * Recommendations are imperatives ("Increase …", "While respecting due process, …").
 */
const STARTS_RECOMMENDATION =
  /^[ \t]*["“‘(]?(?!(?:This|These|That|Those|The|It|Its|Such|In|For|As|Their|They|A|An|Of|On|At|By|With|When|Where|If|Although|Because|Including|Also|Moreover|However|Additionally|Currently|Both|Each|All|Some|Many|Most|Any|No|Government|Officials|Authorities)\b)\p{Lu}/u;

/**
 * Splits a block at bullets written inside it (`… victims. • Implement …`); or, when its first line starts with a
 * list marker (`- Cease …`, `1. Cease …`, `18.` alone), at each line starting with a marker of the same kind; or,
 * when it is hard-wrapped, at line ends that end a sentence before what can open a recommendation. Other line breaks are wraps inside
 * one recommendation. Undefined for a one-line block without bullets.
 */
function splitLines(text: string, block: Block): Piece[] | undefined {
  const raw = block.raw;
  if (/\S[ \t]*[•·▪●◦][ \t]/.test(raw)) {
    const pieces: Piece[] = [];
    let from = block.start;
    for (let i = block.start; i < block.end; i++) {
      if (BULLET.test(text[i]!)) {
        pieces.push({ start: from, end: i });
        from = i + 1;
      }
    }
    pieces.push({ start: from, end: block.end });
    return pieces;
  }
  const lines = raw.split('\n');
  const listKind = markerKind(lines[0]!);
  if (lines.length === 1 && !listKind) return undefined;
  const pieces: Piece[] = [];
  let pos = block.start;
  let prev = '';
  for (const line of lines) {
    const lineStart = pos;
    pos += line.length + 1;
    const starts = listKind
      ? markerKind(line) === listKind
      : LINE_ENDS_SENTENCE.test(prev) && STARTS_RECOMMENDATION.test(line);
    if (starts || pieces.length === 0) pieces.push({ start: lineStart, end: lineStart + line.length });
    else pieces[pieces.length - 1]!.end = lineStart + line.length; // a wrapped continuation line
    prev = line;
  }
  return pieces;
}

/**
 * Splits a recommendations section into one recommendation per action. The reports write them one per
 * paragraph, as bullets (`•` inline or `-` per line), as one paragraph of sentences (sometimes run together
 * without a space), or, before 2017, as one sentence of semicolon-separated clauses.
 */
export function splitRecommendations(
  text: string,
  blocks: Block[],
): { recommendations: Recommendation[]; warnings: ParseWarning[] } {
  const warnings: ParseWarning[] = [];
  const pieces: Piece[] = [];
  for (const block of blocks) {
    const lined = blocks.length > 1 || BULLET.test(block.raw) || LINE_MARKER.test(block.raw) ? splitLines(text, block) : undefined;
    // Pushed one by one: spreading tens of thousands of pieces (a run of ';') into push() overflows the stack.
    if (lined) {
      for (const p of lined) pieces.push(p);
    } else if (blocks.length > 1) {
      pieces.push({ start: block.start, end: block.end });
    } else {
      const sentences = sentencePieces(text, block.start, block.end, { wrapped: true });
      const semis = splitSemicolons(text, block.start, block.end);
      for (const p of sentences.length === 1 && semis.length > 1 ? semis : sentences) pieces.push(p);
    }
  }
  return recommendationsOf(text, pieces, warnings);
}

/** Recommendations from spans of the text (trimmed, normalised, capitalised), with doubts about them. */
export function recommendationsOf(
  text: string,
  spans: Span[],
  warnings: ParseWarning[] = [],
): { recommendations: Recommendation[]; warnings: ParseWarning[] } {
  const pieces = spans.map((p) => trimPiece(text, p)).filter((p): p is Piece => p !== undefined);
  const recommendations = pieces.map((p) => {
    const t = normalizeText(text.slice(p.start, p.end));
    return { text: t.charAt(0).toUpperCase() + t.slice(1), span: { start: p.start, end: p.end } };
  });
  for (const r of recommendations) {
    const words = r.text.split(/\s+/);
    if (words.length >= 10) {
      const opening = words.slice(0, 5).join(' ');
      const again = r.text.indexOf(opening, opening.length);
      if (again > 0) {
        warnings.push({
          code: 'recommendation-repeats-itself',
          message: 'a recommendation repeats its own opening words: the source may have a copy error',
          excerpt: excerptOf(r.text),
          span: r.span,
        });
      }
    }
  }
  const last = recommendations[recommendations.length - 1];
  if (last && !/[.!?)"”’]$/.test(last.text)) {
    warnings.push({
      code: 'recommendations-cut-short',
      message: CUT_SHORT_WARNINGS.lastRecommendation,
      excerpt: excerptOf(last.text.slice(-120)),
      span: last.span,
    });
  }
  return { recommendations, warnings };
}
