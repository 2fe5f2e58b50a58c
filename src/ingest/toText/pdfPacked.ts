import type { Line } from './pdfLayout.js';

/**
 * A page's lines as bytes, the form in which a PDF worker sends them and the main thread keeps them until they are
 * laid out (in memory, or in a temporary file for a large PDF: pdfPages.ts). Far less than the Line objects they
 * stand for (the bench's 17.2 MB PDF: ≈55 MB of Line objects), and one buffer a page, transferred, not copied.
 *
 * Layout, all numbers little-endian doubles from byte 0 (so a Float64Array views them in place):
 * - header: index, width, height, the number of lines, the y of the top and bottom lines (NaN without lines), the
 *   number of fonts, the byte length of the texts;
 * - per line: x0, x1, y, size, region, colWidth, font (an index into the fonts);
 * - the fonts, then the lines' texts, as UTF-8, each followed by a newline (pageLines collapses every whitespace run
 *   of a line's text to one space, so a text never holds one).
 */
export interface PageHeader {
  index: number;
  width: number;
  height: number;
  lines: number;
  /** The y of the page's top and bottom lines as read, before any is removed; undefined without lines. */
  edges?: { top: number; bottom: number };
}

const HEADER = 8;
const FIELDS = 7;
const encoder = new TextEncoder();
const decoder = new TextDecoder();

export function packPage(index: number, width: number, height: number, lines: readonly Line[]): Uint8Array<ArrayBuffer> {
  const fonts: string[] = [];
  const fontIndex = new Map<string, number>();
  let top = lines.length ? -Infinity : NaN;
  let bottom = lines.length ? Infinity : NaN;
  for (const l of lines) {
    if (!fontIndex.has(l.font)) {
      fontIndex.set(l.font, fonts.length);
      fonts.push(l.font);
    }
    top = Math.max(top, l.y);
    bottom = Math.min(bottom, l.y);
  }
  let strings = '';
  for (const f of fonts) strings += `${f}\n`;
  for (const l of lines) strings += `${l.text}\n`;
  const utf8 = encoder.encode(strings);
  const numbersEnd = (HEADER + lines.length * FIELDS) * 8;
  const bytes = new Uint8Array(numbersEnd + utf8.length);
  const numbers = new Float64Array(bytes.buffer, 0, numbersEnd / 8);
  numbers.set([index, width, height, lines.length, top, bottom, fonts.length, utf8.length]);
  lines.forEach((l, i) => numbers.set([l.x0, l.x1, l.y, l.size, l.region, l.colWidth, fontIndex.get(l.font)!], HEADER + i * FIELDS));
  bytes.set(utf8, numbersEnd);
  return bytes;
}

/** A packed page's header (its bytes must start at an offset that is a multiple of 8, as a buffer of its own does). */
export function pageHeader(bytes: Uint8Array): PageHeader {
  const [index, width, height, lines, top, bottom] = new Float64Array(bytes.buffer, bytes.byteOffset, 6);
  return { index: index!, width: width!, height: height!, lines: lines!, ...(lines ? { edges: { top: top!, bottom: bottom! } } : {}) };
}

/** The Line objects of a packed page, as pageLines made them. */
export function unpackLines(bytes: Uint8Array): Line[] {
  const head = new Float64Array(bytes.buffer, bytes.byteOffset, HEADER);
  const index = head[0]!;
  const count = head[3]!;
  const fontCount = head[6]!;
  const numbersEnd = (HEADER + count * FIELDS) * 8;
  const n = new Float64Array(bytes.buffer, bytes.byteOffset, numbersEnd / 8);
  const strings = decoder.decode(bytes.subarray(numbersEnd)).split('\n');
  const lines = new Array<Line>(count);
  for (let i = 0; i < count; i++) {
    const o = HEADER + i * FIELDS;
    lines[i] = {
      text: strings[fontCount + i]!,
      x0: n[o]!,
      x1: n[o + 1]!,
      y: n[o + 2]!,
      size: n[o + 3]!,
      font: strings[n[o + 6]!]!,
      page: index,
      region: n[o + 4] as 0 | 1 | 2,
      colWidth: n[o + 5]!,
    };
  }
  return lines;
}
