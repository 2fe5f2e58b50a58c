import { isUtf8 } from 'node:buffer';
import { InputError } from '../../domain/index.js';

/** The encoding a text was read with. */
export type TextEncodingName = 'utf-8' | 'utf-16le' | 'utf-16be' | 'windows-1252';

/** A byte-order mark at the start of the bytes, and how long it is. */
export function bomOf(b: Uint8Array): { encoding: TextEncodingName; length: number } | undefined {
  if (b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf) return { encoding: 'utf-8', length: 3 };
  if (b[0] === 0xff && b[1] === 0xfe) return { encoding: 'utf-16le', length: 2 };
  if (b[0] === 0xfe && b[1] === 0xff) return { encoding: 'utf-16be', length: 2 };
  return undefined;
}

/** NUL bytes or many control characters in the first 8 KB (only meaningful for 8-bit encodings). */
export function looksBinary(b: Uint8Array): boolean {
  const n = Math.min(b.length, 8192);
  let control = 0;
  for (let i = 0; i < n; i++) {
    const c = b[i]!;
    if (c === 0) return true;
    if (c < 9 || (c > 13 && c < 32)) control++;
  }
  return control / n > 0.05;
}

/** Windows-1252 for bytes 0x80–0x9F (Node's TextDecoder reads 'windows-1252' as ISO-8859-1 there). */
export const CP1252_C1 =
  '\u20ac\u0081\u201a\u0192\u201e\u2026\u2020\u2021\u02c6\u2030\u0160\u2039\u0152\u008d\u017d\u008f\u0090\u2018\u2019\u201c\u201d\u2022\u2013\u2014\u02dc\u2122\u0161\u203a\u0153\u009d\u017e\u0178';

function decodeWindows1252(b: Uint8Array): string {
  const s = new TextDecoder('latin1').decode(b);
  return /[\u0080-\u009f]/.test(s) ? s.replace(/[\u0080-\u009f]/g, (c) => CP1252_C1[c.charCodeAt(0) - 0x80]!) : s;
}

function decodeWith(label: string, b: Uint8Array): string {
  const enc = new TextDecoder(label).encoding;
  return enc === 'windows-1252' ? decodeWindows1252(b) : new TextDecoder(label).decode(b);
}

/**
 * Decodes bytes as text: a BOM decides (UTF-8, UTF-16 LE/BE); otherwise UTF-8 when the bytes are valid UTF-8, else
 * `declared` when it names an 8-bit encoding (an HTML page's charset), else Windows-1252 (the encoding of older
 * report pages). A declaration the bytes contradict gives a warning. Line ends become `\n`.
 */
export function decodeBytes(b: Uint8Array, declared?: string): { text: string; encoding: string; warning?: string } {
  const bom = bomOf(b);
  const declaresUtf8 = declared !== undefined && /^utf-?8$/i.test(declared);
  let text: string;
  let encoding: string;
  let warning: string | undefined;
  if (bom) {
    encoding = bom.encoding;
    text = new TextDecoder(bom.encoding).decode(b.subarray(bom.length));
  } else if (isUtf8(b)) {
    // isUtf8 and Buffer's decoder are native and fast (a report is megabytes).
    text = Buffer.from(b.buffer, b.byteOffset, b.byteLength).toString('utf8');
    encoding = 'utf-8';
    // Pure ASCII reads the same in any declared encoding; other valid UTF-8 is almost never meant as 8-bit text.
    if (declared && !declaresUtf8 && /[^\x00-\x7f]/.test(text)) {
      warning = `the page declares the charset ${declared}, but its bytes are valid UTF-8: read as UTF-8`;
    }
  } else if (declared && !declaresUtf8) {
    encoding = declared;
    text = decodeWith(declared, b);
  } else {
    text = decodeWindows1252(b);
    encoding = 'windows-1252';
    if (declaresUtf8) warning = 'the page declares the charset UTF-8, but its bytes are not valid UTF-8: read as Windows-1252';
  }
  return { text: text.indexOf('\r') === -1 ? text : text.replace(/\r\n?/g, '\n'), encoding, ...(warning ? { warning } : {}) };
}

/**
 * A plain-text document's text. Empty, whitespace-only and binary input are errors, named with the file.
 */
export function decodeText(b: Uint8Array, origin: string): string {
  if (b.length === 0) throw new InputError('the file is empty', origin);
  if (!bomOf(b) && looksBinary(b)) {
    throw new InputError('binary data, not text (expected a report page as text, HTML or PDF)', origin);
  }
  const { text } = decodeBytes(b);
  if (!text.trim()) throw new InputError('the file holds only whitespace', origin);
  return text;
}
