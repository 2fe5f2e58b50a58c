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

/** Removes running headers, footers and page numbers; returns the most frequent header text (the report's title). */
function removeRunningLines(pages: Line[][], pageHeights: number[]): string | undefined {
  const usable = pages.filter((p) => p.length > 0);
  const headerTexts = new Map<string, number>();
  for (const edge of ['top', 'bottom'] as const) {
    // The y of each page's outermost line, counted across pages (2pt buckets).
    const counts = new Map<number, number>();
    for (const lines of usable) {
      const y = edge === 'top' ? Math.max(...lines.map((l) => l.y)) : Math.min(...lines.map((l) => l.y));
      const key = Math.round(y / 2);
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
    let bandKey: number | undefined;
    let bandCount = 0;
    for (const [k, c] of counts) if (c > bandCount) [bandKey, bandCount] = [k, c];
    const repeated = usable.length >= 2 && bandKey !== undefined && bandCount >= Math.max(2, usable.length * 0.4);
    pages.forEach((lines, p) => {
      if (lines.length === 0) return;
      const h = pageHeights[p] ?? 792;
      const ys = lines.map((l) => l.y);
      const outer = edge === 'top' ? Math.max(...ys) : Math.min(...ys);
      const remove = new Set<Line>();
      for (const l of lines) {
        const inBand = repeated && (edge === 'top' ? l.y >= bandKey! * 2 - 2 : l.y <= bandKey! * 2 + 2);
        const nearEdge = edge === 'top' ? l.y > h * 0.88 : l.y < h * 0.12;
        const isOuter = Math.abs(l.y - outer) < 1;
        if ((inBand && nearEdge) || (isOuter && nearEdge && PAGE_NUMBER.test(l.text))) remove.add(l);
      }
      // A band line must stand apart from the body (a gap larger than the line spacing), else it is body text.
      if (remove.size) {
        const rest = lines.filter((l) => !remove.has(l));
        const body = edge === 'top' ? Math.max(-Infinity, ...rest.map((l) => l.y)) : Math.min(Infinity, ...rest.map((l) => l.y));
        for (const l of [...remove]) {
          if (PAGE_NUMBER.test(l.text)) continue;
          const gap = edge === 'top' ? l.y - body : body - l.y;
          if (Number.isFinite(gap) && gap < l.size * 1.6) remove.delete(l);
        }
      }
      for (const l of remove) {
        if (edge === 'top' && !PAGE_NUMBER.test(l.text)) headerTexts.set(l.text, (headerTexts.get(l.text) ?? 0) + 1);
      }
      if (remove.size) pages[p] = lines.filter((l) => !remove.has(l));
    });
  }
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

/** Words of the document, for deciding what a hyphen at a line end is. */
interface Vocabulary {
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

/** The characters of some lines' text (what reading them left in garbage: the import's collection cadence). */
export function textLength(lines: readonly Line[]): number {
  let n = 0;
  for (const l of lines) n += l.text.length;
  return n;
}

/**
 * How often each word occurs in the lines, by hash key (wordKey), lower-cased; a hyphenated token counts as a
 * whole and for each of its parts; a token ending in "-" (the first part of a word split at a line end) does not
 * count. No string is made per token, so this is fast enough to run over a whole report (in the PDF workers, for
 * their pages, in parallel).
 */
export function tokenCounts(lines: readonly Line[], into: Map<number, number> = new Map()): Map<number, number> {
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
 * and which of them the document writes elsewhere. A part that only ever appears as a line-end fragment does not
 * count as a word of its own. `counts` (tokenCounts of all the lines) may come from the workers.
 */
function vocabulary(lines: Line[], counts?: Map<number, number>): Vocabulary {
  const wanted = new Set<string>();
  const fragments = new Map<string, number>();
  for (let i = 0; i + 1 < lines.length; i++) {
    const a = lines[i]!.text;
    if (a.charCodeAt(a.length - 1) !== 45) continue;
    const m = WORD_AT_END.exec(a.slice(-80));
    const second = m ? WORD_AT_START.exec(lines[i + 1]!.text)?.[0] : undefined;
    if (!m || !second) continue;
    const f = m[1]!.toLowerCase();
    const sec = second.toLowerCase();
    wanted.add(f).add(sec).add(f + sec).add(`${f}-${sec}`);
    fragments.set(sec, (fragments.get(sec) ?? 0) + 1);
  }
  const words = new Set<string>();
  const compounds = new Set<string>();
  if (wanted.size === 0) return { words, compounds };
  const all = counts ?? tokenCounts(lines);
  for (const w of wanted) {
    const n = all.get(wordKey(w)) ?? 0;
    if (n === 0) continue;
    if (w.includes('-')) compounds.add(w);
    else if (n - (fragments.get(w) ?? 0) > 0) words.add(w);
  }
  return { words, compounds };
}

/** Joins two lines of one block, deciding what a hyphen at the end of the first is. */
function joinLines(a: string, b: string, vocab: Vocabulary): string {
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

export interface LaidOutText {
  text: string;
  /** The running header seen on most pages (e.g. "2023 TRAFFICKING IN PERSONS REPORT"), if any. */
  runningHeader?: string;
  /** 1-based numbers of pages that had no text at all. */
  emptyPages: number[];
}

/** Pages of positioned runs → text in reading order, blocks separated by blank lines. */
export function layoutText(pages: PageRuns[]): LaidOutText {
  return layoutLines(pages.map((p, i) => pageLines(p, i)), pages.map((p) => p.height));
}

/** Lines of every page (pageLines) → text in reading order, blocks separated by blank lines. */
export function layoutLines(perPage: Line[][], pageHeights: number[], counts?: Map<number, number>): LaidOutText {
  const emptyPages = perPage.flatMap((l, i) => (l.length === 0 ? [i + 1] : []));
  const runningHeader = removeRunningLines(perPage, pageHeights);
  const lines = perPage.flatMap((l) => readingOrder(l));
  const vocab = vocabulary(lines, counts);
  const headingLike = lines.map(isHeadingLike);

  // Typical line spacing: the most common gap between consecutive lines of one column.
  const gaps = new Map<number, number>();
  for (let i = 1; i < lines.length; i++) {
    const a = lines[i - 1]!;
    const b = lines[i]!;
    if (a.page === b.page && a.region === b.region && a.size === b.size) {
      const g = Math.round(((a.y - b.y) / a.size) * 20);
      if (g > 0) gaps.set(g, (gaps.get(g) ?? 0) + 1);
    }
  }
  let spacing = 1.25;
  let most = 0;
  for (const [g, c] of gaps) if (c > most) [spacing, most] = [g / 20, c];

  const sizeCounts = new Map<number, number>();
  for (const l of lines) sizeCounts.set(l.size, (sizeCounts.get(l.size) ?? 0) + l.text.length);
  let bodySize = 0;
  let bodyChars = 0;
  for (const [sz, c] of sizeCounts) if (c > bodyChars) [bodySize, bodyChars] = [sz, c];

  const blocks: string[] = [];
  let cur = '';
  let prev: Line | undefined;
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i]!;
    let boundary = prev === undefined;
    if (prev) {
      const sameColumn = prev.page === l.page && prev.region === l.region && l.y < prev.y;
      const prevHeading = headingLike[i - 1]!;
      const heading = headingLike[i]!;
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
      if (continues || display) {
        boundary = false;
      } else if (sameColumn && prev.y - l.y > Math.max(prev.size, l.size) * spacing * 1.35) boundary = true;
      else if (sizeChange || (fontChange && (prevHeading || heading || short || lShort))) boundary = true;
      else if (prevHeading || heading) boundary = true;
      else if (BULLET_START.test(l.text)) boundary = true;
      else if (short && SENTENCE_END.test(prev.text)) boundary = true;
      else if (!sameColumn && prev.region !== 2 && l.region === 2) boundary = true;
    }
    if (boundary) {
      if (cur) blocks.push(cur);
      cur = l.text;
    } else cur = joinLines(cur, l.text, vocab);
    prev = l;
  }
  if (cur) blocks.push(cur);
  return { text: blocks.length ? blocks.join('\n\n') + '\n' : '', runningHeader, emptyPages };
}
