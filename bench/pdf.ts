/**
 * A minimal PDF 1.4 writer for synthetic test documents: Helvetica text runs placed at given positions, optional
 * filled rectangles, a document title, and (for tests of bad input) a hand-made /Encrypt dictionary. No fonts are
 * embedded (Helvetica is one of the standard 14), no streams are compressed. Not a general PDF library.
 */

/** Helvetica advance widths (1/1000 em) for WinAnsi codes 32–126, from the font's public metrics. */
const HELVETICA_WIDTHS = [
  278, 278, 355, 556, 556, 889, 667, 191, 333, 333, 389, 584, 278, 333, 278, 278, 556, 556, 556, 556, 556, 556, 556,
  556, 556, 556, 278, 278, 584, 584, 584, 556, 1015, 667, 667, 722, 722, 667, 611, 778, 722, 278, 500, 667, 556, 833,
  722, 778, 667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611, 278, 278, 278, 469, 556, 333, 556, 556, 500, 556,
  556, 278, 556, 556, 222, 222, 500, 222, 833, 556, 556, 556, 556, 333, 500, 278, 556, 500, 722, 500, 500, 500, 334,
  260, 334, 584,
];

/** Characters outside ASCII that the writer can show (WinAnsi codes), and the two ligatures mapped by /Differences. */
const WIN_ANSI: Record<string, number> = {
  '\u2019': 0x92, '\u2018': 0x91, '\u201c': 0x93, '\u201d': 0x94, '\u2013': 0x96, '\u2014': 0x97, '\u2022': 0x95,
  '\u00e9': 0xe9, '\u00e8': 0xe8, '\u00f4': 0xf4, '\u00fc': 0xfc, '\u00e7': 0xe7, '\u00a0': 0xa0,
  '\ufb01': 0x81, '\ufb02': 0x8d,
};
const WIN_ANSI_WIDTHS: Record<number, number> = {
  0x92: 222, 0x91: 222, 0x93: 333, 0x94: 333, 0x96: 556, 0x97: 1000, 0x95: 350, 0xe9: 556, 0xe8: 556, 0xf4: 556,
  0xfc: 556, 0xe7: 500, 0xa0: 278, 0x81: 500, 0x8d: 500,
};

export type PdfFont = 'regular' | 'bold';

/** Width of a string in points at a font size (bold approximated as 10% wider, which errs on the safe side). */
export function textWidth(s: string, size: number, font: PdfFont = 'regular'): number {
  let w = 0;
  for (const ch of s) {
    const c = ch.charCodeAt(0);
    const code = c >= 32 && c <= 126 ? c : (WIN_ANSI[ch] ?? (c >= 0xa0 && c <= 0xff ? c : 63));
    w += code >= 32 && code <= 126 ? HELVETICA_WIDTHS[code - 32]! : (WIN_ANSI_WIDTHS[code] ?? 556);
  }
  return (w / 1000) * size * (font === 'bold' ? 1.1 : 1);
}

export interface PdfTextRun {
  x: number;
  y: number;
  size: number;
  font: PdfFont;
  text: string;
}

export interface PdfPage {
  runs: PdfTextRun[];
  /** Filled rectangles [x, y, width, height] (a page with only these has no text layer). */
  rects?: [number, number, number, number][];
}

export interface PdfOptions {
  title?: string;
  width?: number;
  height?: number;
  /** Adds an /Encrypt dictionary with a user password the reader does not know. */
  encrypted?: boolean;
}

function encodeString(s: string): string {
  let out = '';
  for (const ch of s) {
    const c = ch.charCodeAt(0);
    let code = c >= 32 && c <= 126 ? c : (WIN_ANSI[ch] ?? (c >= 0xa0 && c <= 0xff ? c : undefined));
    if (code === undefined) code = 63; // '?'
    if (code === 0x28 || code === 0x29 || code === 0x5c) out += '\\' + String.fromCharCode(code);
    else if (code >= 32 && code <= 126) out += String.fromCharCode(code);
    else out += '\\' + code.toString(8).padStart(3, '0');
  }
  return `(${out})`;
}

function fmt(n: number): string {
  return Number.isInteger(n) ? String(n) : n.toFixed(2);
}

/** Serialises pages into PDF bytes (Latin-1 bytes; every object offset recorded in the xref table). */
export function writePdf(pages: PdfPage[], opts: PdfOptions = {}): Uint8Array {
  const width = opts.width ?? 612;
  const height = opts.height ?? 792;
  const objects: string[] = [];
  const add = (body: string): number => {
    objects.push(body);
    return objects.length;
  };
  const catalog = add('');
  const pagesId = add('');
  const encoding = add('<< /Type /Encoding /BaseEncoding /WinAnsiEncoding /Differences [129 /fi 141 /fl] >>');
  const regular = add(`<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding ${encoding} 0 R >>`);
  const bold = add(`<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica-Bold /Encoding ${encoding} 0 R >>`);
  const pageIds: number[] = [];
  for (const page of pages) {
    const ops: string[] = [];
    for (const [x, y, w, h] of page.rects ?? []) ops.push(`0.2 0.3 0.6 rg ${fmt(x)} ${fmt(y)} ${fmt(w)} ${fmt(h)} re f`);
    if (page.runs.length) ops.push('0 g');
    for (const r of page.runs) {
      ops.push(`BT /${r.font === 'bold' ? 'F2' : 'F1'} ${fmt(r.size)} Tf ${fmt(r.x)} ${fmt(r.y)} Td ${encodeString(r.text)} Tj ET`);
    }
    const content = ops.join('\n');
    const contentId = add(`<< /Length ${Buffer.byteLength(content, 'latin1')} >>\nstream\n${content}\nendstream`);
    pageIds.push(
      add(
        `<< /Type /Page /Parent ${pagesId} 0 R /MediaBox [0 0 ${width} ${height}] /Contents ${contentId} 0 R ` +
          `/Resources << /Font << /F1 ${regular} 0 R /F2 ${bold} 0 R >> >> >>`,
      ),
    );
  }
  objects[catalog - 1] = `<< /Type /Catalog /Pages ${pagesId} 0 R >>`;
  objects[pagesId - 1] = `<< /Type /Pages /Kids [${pageIds.map((id) => `${id} 0 R`).join(' ')}] /Count ${pageIds.length} >>`;
  const info = add(`<< /Title ${encodeString(opts.title ?? '')} /Producer (tip-atlas bench/pdf.ts, synthetic) >>`);
  let encrypt: number | undefined;
  if (opts.encrypted) {
    // RC4 40-bit (R2) with O and U values that match no password: a reader must ask for one.
    const junk = '<' + 'a5'.repeat(32) + '>';
    encrypt = add(`<< /Filter /Standard /V 1 /R 2 /O ${junk} /U ${junk} /P -44 >>`);
  }

  let out = '%PDF-1.4\n%\xe2\xe3\xcf\xd3\n';
  const offsets: number[] = [];
  objects.forEach((body, i) => {
    offsets.push(Buffer.byteLength(out, 'latin1'));
    out += `${i + 1} 0 obj\n${body}\nendobj\n`;
  });
  const xref = Buffer.byteLength(out, 'latin1');
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const o of offsets) out += `${String(o).padStart(10, '0')} 00000 n \n`;
  const id = '<0123456789abcdef0123456789abcdef>';
  out +=
    `trailer\n<< /Size ${objects.length + 1} /Root ${catalog} 0 R /Info ${info} 0 R` +
    (encrypt ? ` /Encrypt ${encrypt} 0 R` : '') +
    ` /ID [${id} ${id}] >>\nstartxref\n${xref}\n%%EOF\n`;
  return new Uint8Array(Buffer.from(out, 'latin1'));
}

// ---------------------------------------------------------------------------------------------------------
// Layout: blocks of text set in two columns, with running headers, footers and page numbers.

export interface LayoutBlock {
  /** `item`: a list item (a bullet in the PDF, a paragraph of its own in text). */
  kind: 'chapter' | 'heading' | 'subheading' | 'paragraph' | 'item';
  text: string;
}

export interface LayoutOptions {
  /** The running header on even pages; odd pages show the current country heading's name (as the reports do). */
  runningHeader: string;
  /** Break words at line ends with a hyphen (`traf-` / `ficking`), and compounds at their own hyphen. */
  hyphenate?: boolean;
  /** Body font size (default 9). */
  size?: number;
}

const PAGE_W = 612;
const PAGE_H = 792;
const MARGIN_X = 50;
const GUTTER = 24;
const TOP = 730;
const BOTTOM = 70;

/** Where a long word may break with an added hyphen: between two consonants after a vowel (`traf-ficking`). */
function syllableBreak(word: string, maxPrefixWidth: number, size: number): number | undefined {
  if (!/^[a-z]{8,}[,.;:]?$/.test(word)) return undefined;
  for (let i = word.length - 4; i >= 3; i--) {
    const vcc = /[aeiou]/.test(word[i - 2]!) && /[bcdfghklmnprstvz]/.test(word[i - 1]!) && /[bcdfghklmnprstvz]/.test(word[i]!);
    if (vcc && textWidth(word.slice(0, i) + '-', size) <= maxPrefixWidth) {
      return i;
    }
  }
  return undefined;
}

/** Greedy line breaking; with hyphenation, words that do not fit are split (a compound at its hyphen). */
function breakLines(text: string, width: number, size: number, font: PdfFont, hyphenate: boolean): string[] {
  const words = text.split(/\s+/).filter(Boolean);
  const lines: string[] = [];
  let line = '';
  for (let k = 0; k < words.length; k++) {
    const w = words[k]!;
    const candidate = line ? `${line} ${w}` : w;
    if (textWidth(candidate, size, font) <= width) {
      line = candidate;
      continue;
    }
    if (hyphenate && line) {
      const room = width - textWidth(line + ' ', size, font);
      const dash = w.indexOf('-');
      if (dash > 2 && dash < w.length - 3 && textWidth(w.slice(0, dash + 1), size, font) <= room) {
        lines.push(`${line} ${w.slice(0, dash + 1)}`);
        line = w.slice(dash + 1);
        continue;
      }
      const at = syllableBreak(w, room, size);
      if (at !== undefined) {
        lines.push(`${line} ${w.slice(0, at)}-`);
        line = w.slice(at);
        continue;
      }
    }
    if (line) lines.push(line);
    line = w;
  }
  if (line) lines.push(line);
  return lines;
}

/**
 * Sets blocks in two columns: chapters start a new page with a title across both columns; country headings and
 * section headings are bold lines within a column; each page has a running header and a page number.
 */
export function layoutTwoColumns(blocks: LayoutBlock[], opts: LayoutOptions): PdfPage[] {
  const size = opts.size ?? 9;
  const leading = size * 1.25;
  const colW = (PAGE_W - 2 * MARGIN_X - GUTTER) / 2;
  const pages: PdfPage[] = [];
  let page: PdfPage | undefined;
  let col = 0;
  let y = TOP;
  let columnTop = TOP;
  const newPage = () => {
    page = { runs: [] };
    pages.push(page);
    col = 0;
    y = TOP;
    columnTop = TOP;
  };
  const x = () => MARGIN_X + col * (colW + GUTTER);
  const need = (h: number) => {
    if (!page) newPage();
    if (y - h >= BOTTOM) return;
    if (col === 0) {
      col = 1;
      y = columnTop;
    } else newPage();
  };
  for (const b of blocks) {
    if (b.kind === 'chapter') {
      newPage();
      const chapterSize = size * 2;
      const lines = breakLines(b.text, PAGE_W - 2 * MARGIN_X, chapterSize, 'bold', false);
      lines.forEach((l, k) => page!.runs.push({ x: MARGIN_X, y: TOP - chapterSize * (1 + 1.2 * k), size: chapterSize, font: 'bold', text: l }));
      y = TOP - chapterSize * (1.5 + 1.2 * lines.length);
      columnTop = y;
      continue;
    }
    if (!page) newPage();
    if (b.kind === 'heading') {
      const hs = size * 1.4;
      const lines = breakLines(b.text, colW, hs, 'bold', false);
      need(lines.length * hs * 1.3 + leading * 3);
      y -= hs * 0.8;
      for (const l of lines) {
        page!.runs.push({ x: x(), y, size: hs, font: 'bold', text: l });
        y -= hs * 1.3;
      }
      y -= leading * 0.6;
      continue;
    }
    if (b.kind === 'subheading') {
      need(leading * 3);
      y -= leading * 0.5;
      page!.runs.push({ x: x(), y, size, font: 'bold', text: b.text });
      y -= leading;
      continue;
    }
    const lines = breakLines(b.kind === 'item' ? `\u2022 ${b.text}` : b.text, colW, size, 'regular', opts.hyphenate ?? false);
    for (const [i, l] of lines.entries()) {
      need(leading);
      // A few lines are written as two runs, as real PDFs split text into many pieces.
      const split = i % 7 === 3 ? l.indexOf(' ', Math.floor(l.length / 2)) : -1;
      if (split > 0) {
        page!.runs.push({ x: x(), y, size, font: 'regular', text: l.slice(0, split) });
        page!.runs.push({ x: x() + textWidth(l.slice(0, split + 1), size), y, size, font: 'regular', text: l.slice(split + 1) });
      } else page!.runs.push({ x: x(), y, size, font: 'regular', text: l });
      y -= leading;
    }
    y -= leading * 0.6;
  }
  // Running headers and page numbers, added once the pages exist (a header names the country the page ends in).
  let lastName = '';
  pages.forEach((p, i) => {
    const names = p.runs.filter((r) => r.font === 'bold' && r.size > size * 1.2 && r.size < size * 1.9);
    if (names.length) lastName = names[names.length - 1]!.text.replace(/\s*[(:].*$/, '').replace(/^SPECIAL CASE:?\s*/i, '').trim();
    const header = i % 2 === 1 && lastName ? lastName : opts.runningHeader;
    const hx = i % 2 === 1 ? PAGE_W - MARGIN_X - textWidth(header, 8) : MARGIN_X;
    p.runs.unshift({ x: hx, y: PAGE_H - 36, size: 8, font: 'regular', text: header });
    const num = String(i + 1);
    p.runs.push({ x: PAGE_W / 2 - textWidth(num, 8) / 2, y: 36, size: 8, font: 'regular', text: num });
  });
  return pages;
}
