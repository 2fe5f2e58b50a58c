import type { Line } from './pdfLayout.js';

/**
 * A page's lines as the PDF workers send them: their texts, their numbers in one Float64Array (transferred, not
 * copied) and their fonts in a table; less memory than the Line objects it stands for (the bench's 17.2 MB PDF: ≈55
 * MB of Line objects), so that the main thread holds this while the workers read, and the objects only once they
 * are done. The texts stay one string each: joined into one string a page, every line of a page with one character
 * beyond Latin-1 would be held as two bytes a character (a 61.7 MB PDF peaked 58 MB higher that way).
 */
export interface PackedPage {
  index: number;
  width: number;
  height: number;
  texts: string[];
  /** Per line: x0, x1, y, size, region, colWidth, font (an index into `fonts`). */
  numbers: Float64Array<ArrayBuffer>;
  fonts: string[];
}

const FIELDS = 7;

export function packPage(index: number, width: number, height: number, lines: readonly Line[]): PackedPage {
  const numbers = new Float64Array(lines.length * FIELDS);
  const fonts: string[] = [];
  const fontIndex = new Map<string, number>();
  lines.forEach((l, i) => {
    let f = fontIndex.get(l.font);
    if (f === undefined) {
      f = fonts.length;
      fonts.push(l.font);
      fontIndex.set(l.font, f);
    }
    numbers.set([l.x0, l.x1, l.y, l.size, l.region, l.colWidth, f], i * FIELDS);
  });
  return { index, width, height, texts: lines.map((l) => l.text), numbers, fonts };
}

/** The Line objects of a packed page, as pageLines made them. */
export function unpackLines(p: PackedPage): Line[] {
  const n = p.numbers;
  return p.texts.map((text, i) => {
    const o = i * FIELDS;
    return {
      text,
      x0: n[o]!,
      x1: n[o + 1]!,
      y: n[o + 2]!,
      size: n[o + 3]!,
      font: p.fonts[n[o + 6]!]!,
      page: p.index,
      region: n[o + 4] as 0 | 1 | 2,
      colWidth: n[o + 5]!,
    };
  });
}
