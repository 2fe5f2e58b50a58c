/**
 * Text layout of PDF pages → reading-order text. Pure functions over positioned text runs (what pdfjs's
 * getTextContent gives), so they can be tested without a PDF:
 * - columns: a page whose runs leave a vertical gutter near the middle is read left column then right column;
 *   a run crossing the gutter (a chapter title) is read where it sits, between the column bands above and below;
 * - running headers, footers and page numbers: lines at the top or bottom edge of the page at the same height on
 *   many pages, and lone page numbers there, are removed;
 * - paragraphs: a new block at a vertical gap, a change of font or size, a heading line, a bullet, or a short line
 *   that ends a sentence; blocks are separated by blank lines, lines inside a block joined by a space;
 * - hyphens at line ends: `traf-` / `ficking` → `trafficking` where the document writes the word whole elsewhere
 *   (or the second part is no word of its own); `government-` / `compelled` → `government-compelled` where the
 *   hyphen is part of the word;
 * - ligatures (ﬁ, ﬂ, …) unfolded.
 */

import { HyphenWords, joinLines, tokenCounts } from './pdfWords.js';
import { Utf8Builder } from './utf8Builder.js';

/** One positioned piece of text: [str, x, y (baseline), width, font size, font id]. */
export type Run = [str: string, x: number, y: number, width: number, size: number, font: string];

export interface PageRuns {
  width: number;
  height: number;
  runs: Run[];
}

/** A line of text on a page, in one column (or across both). */
export interface Line {
  text: string;
  x0: number;
  x1: number;
  y: number;
  size: number;
  font: string;
  page: number;
  /** 0 single column or left, 1 right, 2 across the gutter. */
  region: 0 | 1 | 2;
  /** The width of the column the line sits in. */
  colWidth: number;
}

const LIGATURES: Record<string, string> = {
  '\ufb00': 'ff', '\ufb01': 'fi', '\ufb02': 'fl', '\ufb03': 'ffi', '\ufb04': 'ffl', '\ufb05': 'st', '\ufb06': 'st',
};

export function unfoldLigatures(s: string): string {
  return /[\ufb00-\ufb06]/.test(s) ? s.replace(/[\ufb00-\ufb06]/g, (c) => LIGATURES[c]!) : s;
}

/** The x of a vertical gutter splitting the page into two columns, or undefined for a single column. */
function findGutter(runs: Run[], pageWidth: number): number | undefined {
  if (runs.length < 8) return undefined;
  let minX = Infinity;
  let maxX = -Infinity;
  let chars = 0;
  for (const r of runs) {
    minX = Math.min(minX, r[1]);
    maxX = Math.max(maxX, r[1] + r[3]);
    chars += r[0].length;
  }
  const w = maxX - minX;
  if (w < pageWidth * 0.3) return undefined;
  const lo = minX + w * 0.3;
  const hi = minX + w * 0.7;
  const step = 2;
  const slots = Math.ceil((hi - lo) / step);
  const crossing = new Int32Array(slots);
  for (const r of runs) {
    const a = r[1];
    const b = r[1] + r[3];
    if (b < lo || a > hi) continue;
    const s0 = Math.max(0, Math.ceil((a - lo) / step));
    const s1 = Math.min(slots - 1, Math.floor((b - lo) / step));
    for (let s = s0; s <= s1; s++) crossing[s]!++;
  }
  const tolerance = Math.max(1, Math.floor(runs.length * 0.03));
  let best: [number, number] | undefined;
  let start = -1;
  for (let s = 0; s <= slots; s++) {
    const open = s < slots && crossing[s]! <= tolerance;
    if (open && start === -1) start = s;
    if (!open && start !== -1) {
      if (!best || s - start > best[1] - best[0]) best = [start, s];
      start = -1;
    }
  }
  if (!best || (best[1] - best[0]) * step < 6) return undefined;
  const gutter = lo + ((best[0] + best[1]) / 2) * step;
  let left = 0;
  for (const r of runs) if (r[1] + r[3] <= gutter) left += r[0].length;
  if (left < chars * 0.03 || chars - left < chars * 0.03) return undefined;
  return gutter;
}

/** Groups a page's runs into lines, by column (run in the PDF workers, in parallel, when they can load this module). */
export function pageLines(page: PageRuns, pageIndex: number): Line[] {
  const runs = page.runs.filter((r) => r[0].trim() !== '');
  const gutter = findGutter(runs, page.width);
  let minX = Infinity;
  let maxX = -Infinity;
  for (const r of runs) {
    minX = Math.min(minX, r[1]);
    maxX = Math.max(maxX, r[1] + r[3]);
  }
  const regionOf = (r: Run): 0 | 1 | 2 => {
    if (gutter === undefined) return 0;
    if (r[1] < gutter - 1 && r[1] + r[3] > gutter + 1) return 2;
    return r[1] + r[3] / 2 < gutter ? 0 : 1;
  };
  const colWidth = (region: 0 | 1 | 2) =>
    gutter === undefined || region === 2 ? maxX - minX : region === 0 ? gutter - minX : maxX - gutter;
  const sorted = runs
    .map((r) => ({ r, region: regionOf(r) }))
    .sort((a, b) => a.region - b.region || b.r[2] - a.r[2] || a.r[1] - b.r[1]);
  // Runs of one region whose baselines are close form a line; its runs are then read left to right.
  const groups: { region: 0 | 1 | 2; y: number; size: number; runs: Run[] }[] = [];
  let g: (typeof groups)[number] | undefined;
  for (const { r, region } of sorted) {
    if (g && g.region === region && Math.abs(g.y - r[2]) <= Math.max(g.size, r[4]) * 0.4) {
      g.runs.push(r);
      g.size = Math.max(g.size, r[4]);
      continue;
    }
    g = { region, y: r[2], size: r[4], runs: [r] };
    groups.push(g);
  }
  const lines: Line[] = [];
  for (const grp of groups) {
    grp.runs.sort((a, b) => a[1] - b[1]);
    let text = '';
    let lastEnd = -Infinity;
    let x0 = Infinity;
    let x1 = -Infinity;
    let font = grp.runs[0]![5];
    let size = 0;
    for (const [str, x, , width, sz, f] of grp.runs) {
      if (text && x - lastEnd > Math.min(size, sz) * 0.15 && !/\s$/.test(text) && !/^\s/.test(str)) text += ' ';
      text += str;
      lastEnd = x + width;
      x0 = Math.min(x0, x);
      x1 = Math.max(x1, x + width);
      if (sz > size) {
        size = sz;
        font = f;
      }
    }
    text = unfoldLigatures(text.replace(/\s+/g, ' ').trim());
    if (text) lines.push({ text, x0, x1, y: grp.y, size, font, page: pageIndex, region: grp.region, colWidth: colWidth(grp.region) });
  }
  // A column's width is what its long lines fill (the page's extent may include a wider header or title).
  for (const region of [0, 1, 2] as const) {
    const inRegion = lines.filter((l) => l.region === region);
    const sizes = new Map<number, number>();
    for (const l of inRegion) sizes.set(l.size, (sizes.get(l.size) ?? 0) + 1);
    const body = [...sizes].sort((a, b) => b[1] - a[1])[0]?.[0];
    const widths = inRegion.filter((l) => l.size === body).map((l) => l.x1 - l.x0).sort((a, b) => a - b);
    if (widths.length < 4) continue;
    const p90 = widths[Math.floor(widths.length * 0.9)]!;
    for (const l of lines) if (l.region === region) l.colWidth = Math.min(l.colWidth, p90);
  }
  return lines;
}

const PAGE_NUMBER = /^(?:page\s+)?(?:\d{1,4}|[ivxlcdm]{1,7})(?:\s+of\s+\d{1,4})?$/i;

type Edge = 'top' | 'bottom';

/**
 * The y band of each edge's running lines, in 2pt buckets: the y of the pages' outermost lines (as read) most
 * common across pages, when it is shared by at least 40% of the pages with text; else undefined.
 */
function runningBands(src: PageSource): Record<Edge, number | undefined> {
  const bands: Record<Edge, number | undefined> = { top: undefined, bottom: undefined };
  for (const edge of ['top', 'bottom'] as const) {
    const counts = new Map<number, number>();
    let usable = 0;
    for (let p = 0; p < src.count; p++) {
      const edges = src.edges(p);
      if (!edges) continue;
      usable++;
      const key = Math.round(edges[edge] / 2);
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
    let bandKey: number | undefined;
    let bandCount = 0;
    for (const [k, c] of counts) if (c > bandCount) [bandKey, bandCount] = [k, c];
    if (usable >= 2 && bandKey !== undefined && bandCount >= Math.max(2, usable * 0.4)) bands[edge] = bandKey;
  }
  return bands;
}

/**
 * A page's lines without its running lines at one edge (in `band`, near the edge and apart from the body) and a
 * lone page number there; the running header lines removed are counted in `headerTexts`.
 */
function withoutRunningLines(lines: Line[], h: number, edge: Edge, band: number | undefined, headerTexts?: Map<string, number>): Line[] {
  if (lines.length === 0) return lines;
  const ys = lines.map((l) => l.y);
  const outer = edge === 'top' ? Math.max(...ys) : Math.min(...ys);
  const remove = new Set<Line>();
  for (const l of lines) {
    const inBand = band !== undefined && (edge === 'top' ? l.y >= band * 2 - 2 : l.y <= band * 2 + 2);
    const nearEdge = edge === 'top' ? l.y > h * 0.88 : l.y < h * 0.12;
    const isOuter = Math.abs(l.y - outer) < 1;
    if ((inBand && nearEdge) || (isOuter && nearEdge && PAGE_NUMBER.test(l.text))) remove.add(l);
  }
  if (remove.size === 0) return lines;
  // A band line must stand apart from the body (a gap larger than the line spacing), else it is body text.
  const rest = lines.filter((l) => !remove.has(l));
  const body = edge === 'top' ? Math.max(-Infinity, ...rest.map((l) => l.y)) : Math.min(Infinity, ...rest.map((l) => l.y));
  for (const l of [...remove]) {
    if (PAGE_NUMBER.test(l.text)) continue;
    const gap = edge === 'top' ? l.y - body : body - l.y;
    if (Number.isFinite(gap) && gap < l.size * 1.6) remove.delete(l);
  }
  for (const l of remove) {
    if (headerTexts && edge === 'top' && !PAGE_NUMBER.test(l.text)) headerTexts.set(l.text, (headerTexts.get(l.text) ?? 0) + 1);
  }
  return remove.size ? lines.filter((l) => !remove.has(l)) : lines;
}

/** The most frequent running header text (the report's title), if any. */
function mostFrequentHeader(headerTexts: Map<string, number>): string | undefined {
  let title: string | undefined;
  let best = 0;
  for (const [t, c] of headerTexts) if (c > best && /[A-Za-z]{3}/.test(t)) [title, best] = [t, c];
  return title;
}

/** Reading order of one page: bands between lines that cross the gutter; in each band the left column, then the right. */
function readingOrder(lines: Line[]): Line[] {
  const byY = [...lines].sort((a, b) => b.y - a.y || a.x0 - b.x0);
  if (!byY.some((l) => l.region === 1)) return byY;
  const out: Line[] = [];
  let left: Line[] = [];
  let right: Line[] = [];
  for (const l of byY) {
    if (l.region === 2) {
      out.push(...left, ...right, l);
      left = [];
      right = [];
    } else if (l.region === 0) left.push(l);
    else right.push(l);
  }
  out.push(...left, ...right);
  return out;
}

const HEADING_LIKE = /^[^a-z]*[A-Z][^a-z]*$/;
const SENTENCE_END = /[.!?:;]["”’)]?$|[.!?]["”’)]?\s*\(\d+\)$/;
const BULLET_START = /^[•·▪●◦]/;
/** The second line of a country heading set on two lines: `BOSNIA AND HERZEGOVINA:` / `TIER 2`, `… TIER 2` / `WATCH LIST`. */
const HEADING_CONTINUATION = /^(?:\(?\s*(?:tier\s*[123]|special\s+case)\b|[-–—]?\s*watch\s*(?:-\s*)?list\b)/i;

function isHeadingLike(l: Line): boolean {
  return l.text.length <= 100 && HEADING_LIKE.test(l.text) && /[A-Z]{2}/.test(l.text);
}

/** The characters of some lines' text (what reading them left in garbage: the import's collection cadence). */
export function textLength(lines: readonly Line[]): number {
  let n = 0;
  for (const l of lines) n += l.text.length;
  return n;
}

export interface LaidOutText {
  text: string;
  /** The running header seen on most pages (e.g. "2023 TRAFFICKING IN PERSONS REPORT"), if any. */
  runningHeader?: string;
  /** 1-based numbers of pages that had no text at all. */
  emptyPages: number[];
}

/**
 * A document's pages of lines (pageLines), as the layout reads them: one page at a time, in two passes (the first
 * learns what spans the document: running lines, line spacing, body size, hyphenated words), so that a document's
 * lines need not all be held at once (pdfPages.ts keeps a large PDF's in a temporary file).
 */
export interface PageSource {
  readonly count: number;
  height(page: number): number;
  /** The y of the page's top and bottom lines as read (before any is removed); undefined for a page without lines. */
  edges(page: number): { top: number; bottom: number } | undefined;
  /** The page's lines, as pageLines made them. */
  lines(page: number): Line[];
}

/** A PageSource over lines in memory. */
export function linesSource(perPage: Line[][], heights: number[]): PageSource {
  return {
    count: perPage.length,
    height: (p) => heights[p] ?? 792,
    edges: (p) => {
      const ys = perPage[p]!.map((l) => l.y);
      return ys.length ? { top: Math.max(...ys), bottom: Math.min(...ys) } : undefined;
    },
    lines: (p) => perPage[p]!,
  };
}

/** Pages of positioned runs → text in reading order, blocks separated by blank lines. */
export function layoutText(pages: PageRuns[]): LaidOutText {
  return layoutPages(linesSource(pages.map((p, i) => pageLines(p, i)), pages.map((p) => p.height)));
}

type Bands = ReturnType<typeof runningBands>;

/** A page's lines without its running lines, in reading order. */
function pageInReadingOrder(src: PageSource, p: number, bands: Bands, headerTexts?: Map<string, number>): Line[] {
  const h = src.height(p);
  const lines = withoutRunningLines(src.lines(p), h, 'top', bands.top, headerTexts);
  return readingOrder(withoutRunningLines(lines, h, 'bottom', bands.bottom));
}

/** The most common key of counts (the first counted among equals). */
function mostCommon(counts: Map<number, number>): number | undefined {
  let best: number | undefined;
  let most = 0;
  for (const [k, c] of counts) if (c > most) [best, most] = [k, c];
  return best;
}

/**
 * The first pass: what the layout of any line depends on across the document. `counts` (tokenCounts of all the
 * lines) may come from the PDF workers; else the words are counted here.
 */
function documentTraits(src: PageSource, bands: Bands, counts?: Map<number, number>) {
  const headerTexts = new Map<string, number>();
  const emptyPages: number[] = [];
  const hyphens = new HyphenWords();
  const words = counts ?? new Map<number, number>();
  // Typical line spacing: the most common gap between consecutive lines of one column. Body size: the size of most text.
  const gaps = new Map<number, number>();
  const sizeCounts = new Map<number, number>();
  let chars = 0;
  let prev: Line | undefined;
  for (let p = 0; p < src.count; p++) {
    if (!src.edges(p)) emptyPages.push(p + 1);
    const lines = pageInReadingOrder(src, p, bands, headerTexts);
    if (!counts) tokenCounts(lines, words);
    for (const l of lines) {
      if (prev) {
        hyphens.note(prev.text, l.text);
        if (prev.page === l.page && prev.region === l.region && prev.size === l.size) {
          const g = Math.round(((prev.y - l.y) / prev.size) * 20);
          if (g > 0) gaps.set(g, (gaps.get(g) ?? 0) + 1);
        }
      }
      sizeCounts.set(l.size, (sizeCounts.get(l.size) ?? 0) + l.text.length);
      chars += l.text.length + 2;
      prev = l;
    }
  }
  const spacing = mostCommon(gaps);
  return {
    runningHeader: mostFrequentHeader(headerTexts),
    emptyPages,
    vocab: hyphens.vocabulary(words),
    spacing: spacing === undefined ? 1.25 : spacing / 20,
    bodySize: mostCommon(sizeCounts) ?? 0,
    /** The characters of the lines kept, and of what may separate each from the next (a space or a blank line). */
    chars,
  };
}

/** Pages of lines (pageLines) → text in reading order, blocks separated by blank lines. */
export function layoutPages(src: PageSource, counts?: Map<number, number>): LaidOutText {
  const bands = runningBands(src);
  const { runningHeader, emptyPages, vocab, spacing, bodySize, chars } = documentTraits(src, bands, counts);
  // The text is written as it is laid out, into one buffer (Utf8Builder): at most 3 bytes a UTF-16 unit, and only
  // what is written takes memory; a block's lines are joined into it as they come.
  const out = new Utf8Builder(3 * chars + 3);
  const add = (block: string) => {
    if (block) out.append(out.empty ? block : `\n\n${block}`);
  };
  let cur = '';
  let prev: Line | undefined;
  let prevHeading = false;
  for (let p = 0; p < src.count; p++) {
    for (const l of pageInReadingOrder(src, p, bands)) {
      const heading = isHeadingLike(l);
      if (prev === undefined || isBoundary(prev, prevHeading, l, heading, spacing, bodySize)) {
        add(cur);
        cur = l.text;
      } else cur = joinLines(cur, l.text, vocab);
      prev = l;
      prevHeading = heading;
    }
  }
  add(cur);
  if (!out.empty) out.append('\n');
  return { text: out.take(), runningHeader, emptyPages };
}

/** Whether line `l` starts a new block after `prev` (`…Heading`: each is heading-like). */
function isBoundary(prev: Line, prevHeading: boolean, l: Line, heading: boolean, spacing: number, bodySize: number): boolean {
  const sameColumn = prev.page === l.page && prev.region === l.region && l.y < prev.y;
  const sizeChange = Math.abs(prev.size - l.size) > Math.max(prev.size, l.size) * 0.1;
  const fontChange = sizeChange || prev.font !== l.font;
  const short = prev.x1 - prev.x0 < prev.colWidth * 0.75;
  const lShort = l.x1 - l.x0 < l.colWidth * 0.75;
  const continues =
    prevHeading &&
    !fontChange &&
    l.text.length <= 40 &&
    (HEADING_CONTINUATION.test(l.text) || (/watch$/i.test(prev.text) && /^-?\s*list\b/i.test(l.text)) || (/[:–—-]$/.test(prev.text) && heading));
  // A display heading (larger than the body) set on several lines is one heading.
  const display = prevHeading && heading && !fontChange && prev.size > bodySize * 1.3 && sameColumn && prev.y - l.y < prev.size * 1.6;
  if (continues || display) return false;
  if (sameColumn && prev.y - l.y > Math.max(prev.size, l.size) * spacing * 1.35) return true;
  if (sizeChange || (fontChange && (prevHeading || heading || short || lShort))) return true;
  if (prevHeading || heading) return true;
  if (BULLET_START.test(l.text)) return true;
  if (short && SENTENCE_END.test(prev.text)) return true;
  return !sameColumn && prev.region !== 2 && l.region === 2;
}
