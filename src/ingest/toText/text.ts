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

/** What a UTF-8 check found in bytes that are not valid UTF-8: the runs of invalid bytes, and the valid sequences. */
export interface Utf8Scan {
  /** Byte offsets where a run of invalid bytes starts (the first `MAX_OFFSETS`). */
  invalidAt: number[];
  /** How many runs of invalid bytes there are. */
  invalidRuns: number;
  /** How many valid multi-byte sequences (non-ASCII characters) there are. */
  validMultibyte: number;
}

const MAX_OFFSETS = 10;

/** Whether byte `j` lies in [lo, hi] (a continuation byte: 80–BF unless the lead byte narrows it). */
function inRange(b: Uint8Array, j: number, lo = 0x80, hi = 0xbf): boolean {
  return j < b.length && b[j]! >= lo && b[j]! <= hi;
}

/** The length of the valid UTF-8 sequence starting at `i`, or 0 when it is not one (one pass, no backtracking). */
function utf8SequenceAt(b: Uint8Array, i: number): number {
  const c = b[i]!;
  if (c >= 0xc2 && c <= 0xdf) return inRange(b, i + 1) ? 2 : 0;
  if (c >= 0xe0 && c <= 0xef) {
    const ok1 = c === 0xe0 ? inRange(b, i + 1, 0xa0) : c === 0xed ? inRange(b, i + 1, 0x80, 0x9f) : inRange(b, i + 1);
    return ok1 && inRange(b, i + 2) ? 3 : 0;
  }
  if (c >= 0xf0 && c <= 0xf4) {
    const ok1 = c === 0xf0 ? inRange(b, i + 1, 0x90) : c === 0xf4 ? inRange(b, i + 1, 0x80, 0x8f) : inRange(b, i + 1);
    return ok1 && inRange(b, i + 2) && inRange(b, i + 3) ? 4 : 0;
  }
  return 0;
}

/** Where bytes break UTF-8, and how much of them is valid non-ASCII UTF-8. */
export function scanUtf8(b: Uint8Array): Utf8Scan {
  const invalidAt: number[] = [];
  let invalidRuns = 0;
  let validMultibyte = 0;
  let inRun = false;
  for (let i = 0; i < b.length; ) {
    if (b[i]! < 0x80) {
      i++;
      inRun = false;
      continue;
    }
    const n = utf8SequenceAt(b, i);
    if (n) {
      validMultibyte++;
      i += n;
      inRun = false;
      continue;
    }
    if (!inRun) {
      invalidRuns++;
      if (invalidAt.length < MAX_OFFSETS) invalidAt.push(i);
    }
    inRun = true;
    i++;
  }
  return { invalidAt, invalidRuns, validMultibyte };
}

/**
 * Whether bytes that are not valid UTF-8 are still meant as UTF-8: some valid multi-byte characters, and not more
 * than ten runs of invalid bytes for each (a few damaged bytes in a UTF-8 file: the seed page with 13 bad bytes has
 * two non-ASCII characters). Windows-1252 text has no valid multi-byte sequence but by chance (`Ã©` is C3 A9), while
 * every accented letter or curly quote in it is an invalid byte.
 */
function utf8Like(scan: Utf8Scan): boolean {
  return scan.validMultibyte > 0 && scan.invalidRuns <= 10 * scan.validMultibyte;
}

function invalidUtf8Warning(scan: Utf8Scan): string {
  const more = scan.invalidRuns > scan.invalidAt.length ? ', …' : '';
  const n = scan.invalidRuns === 1 ? 'an invalid UTF-8 byte sequence' : `${scan.invalidRuns} invalid UTF-8 byte sequences`;
  return `${n} at byte offset${scan.invalidRuns === 1 ? '' : 's'} ${scan.invalidAt.join(', ')}${more}: the text is read as UTF-8 (its other ${scan.validMultibyte} non-ASCII characters are valid), each invalid sequence shown as \ufffd`;
}

/** How bytes are read as text (see decodeBytes), decided from the bytes alone. */
interface Decoding {
  encoding: string;
  warning?: string;
  /** Where the text starts (after a byte-order mark). */
  start: number;
  /** A decoder for the bytes from `start` on, given in order: `stream` while more follow. */
  decoder(): (part: Uint8Array, stream: boolean) => string;
  /** The whole text at once (the fast path of valid UTF-8), line ends not yet normalized. */
  whole?: (b: Uint8Array) => string;
}

const streaming = (label: string) => () => {
  const d = new TextDecoder(label);
  return (part: Uint8Array, stream: boolean) => d.decode(part, { stream });
};

function hasNonAscii(b: Uint8Array): boolean {
  for (let i = 0; i < b.length; i++) if (b[i]! >= 0x80) return true;
  return false;
}

function decodingOf(b: Uint8Array, declared?: string): Decoding {
  const bom = bomOf(b);
  const declaresUtf8 = declared !== undefined && /^utf-?8$/i.test(declared);
  if (bom) return { encoding: bom.encoding, start: bom.length, decoder: streaming(bom.encoding) };
  if (isUtf8(b)) {
    // isUtf8 and Buffer's decoder are native and fast (a report is megabytes). Pure ASCII reads the same in any
    // declared encoding; other valid UTF-8 is almost never meant as 8-bit text.
    const warning = declared && !declaresUtf8 && hasNonAscii(b) ? `the page declares the charset ${declared}, but its bytes are valid UTF-8: read as UTF-8` : undefined;
    return {
      encoding: 'utf-8',
      start: 0,
      ...(warning ? { warning } : {}),
      decoder: streaming('utf-8'),
      whole: (bytes) => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8'),
    };
  }
  const scan = scanUtf8(b);
  if (utf8Like(scan)) {
    // Mostly valid UTF-8 with a few damaged bytes: read as UTF-8 (never as Windows-1252, which would turn every
    // other non-ASCII character into mojibake), and say where the damage is.
    return { encoding: 'utf-8', start: 0, warning: invalidUtf8Warning(scan), decoder: streaming('utf-8') };
  }
  const cp1252 = () => (part: Uint8Array) => decodeWindows1252(part);
  if (declared && !declaresUtf8) {
    const windows = new TextDecoder(declared).encoding === 'windows-1252';
    return { encoding: declared, start: 0, decoder: windows ? cp1252 : streaming(declared) };
  }
  const warning = declaresUtf8 ? 'the page declares the charset UTF-8, but its bytes are not valid UTF-8: read as Windows-1252' : undefined;
  return { encoding: 'windows-1252', start: 0, ...(warning ? { warning } : {}), decoder: cp1252 };
}

/** Line ends as `\n`, over text given in parts (a `\r` ending one part may begin a `\r\n` with the next). */
function lineEnds(): (part: string, last: boolean) => string {
  let carry = '';
  return (part, last) => {
    let t = carry + part;
    carry = '';
    if (!last && t.endsWith('\r')) {
      carry = '\r';
      t = t.slice(0, -1);
    }
    return t.indexOf('\r') === -1 ? t : t.replace(/\r\n?/g, '\n');
  };
}

/**
 * Decodes bytes as text: a BOM decides (UTF-8, UTF-16 LE/BE); otherwise UTF-8 when the bytes are valid UTF-8 or
 * mostly so (with a warning naming the byte offsets of the invalid sequences), else
 * `declared` when it names an 8-bit encoding (an HTML page's charset), else Windows-1252 (the encoding of older
 * report pages). A declaration the bytes contradict gives a warning. Line ends become `\n`.
 */
export function decodeBytes(b: Uint8Array, declared?: string): { text: string; encoding: string; warning?: string } {
  const d = decodingOf(b, declared);
  const text = d.whole ? d.whole(b) : d.decoder()(b.subarray(d.start), false);
  return { text: text.indexOf('\r') === -1 ? text : text.replace(/\r\n?/g, '\n'), encoding: d.encoding, ...(d.warning ? { warning: d.warning } : {}) };
}

/** Bytes decoded per part. */
const DECODE_PART = 1 << 20;

/**
 * decodeBytes's text in parts of about a megabyte of bytes each, never whole (an HTML page is tokenized as it is
 * decoded: import memory); the same text joined. The parts hold the bytes only until the last is decoded: a caller
 * that holds them no longer lets them be collected from then on.
 */
export function decodeByteParts(b: Uint8Array, declared?: string, partBytes = DECODE_PART): { parts: Iterable<string>; encoding: string; warning?: string } {
  const d = decodingOf(b, declared);
  const length = b.length;
  let bytes: Uint8Array | undefined = b;
  function* parts(): Generator<string> {
    const decode = d.decoder();
    const lines = lineEnds();
    /** The text of the part from `at`: the bytes are let go as the last part is read. */
    const partAt = (at: number, last: boolean): string => {
      const part = bytes!.subarray(at, Math.min(length, at + partBytes));
      if (last) bytes = undefined;
      return lines(decode(part, !last), last);
    };
    for (let at = d.start; at < length || at === d.start; at += partBytes) {
      const last = at + partBytes >= length;
      const t = partAt(at, last);
      if (t) yield t;
      if (last) break;
    }
  }
  return { parts: parts(), encoding: d.encoding, ...(d.warning ? { warning: d.warning } : {}) };
}

/**
 * A plain-text document's text, and a warning when it was decoded despite damaged bytes. Empty, whitespace-only and binary input are errors, named with the file.
 */
export function decodeText(b: Uint8Array, origin: string): { text: string; warning?: string } {
  if (b.length === 0) throw new InputError('the file is empty', origin, 'empty');
  if (!bomOf(b) && looksBinary(b)) {
    throw new InputError('binary data, not text (expected a report page as text, HTML or PDF)', origin, 'binary');
  }
  const { text, warning } = decodeBytes(b);
  if (!text.trim()) throw new InputError('the file holds only whitespace', origin, 'empty');
  return { text, ...(warning ? { warning } : {}) };
}
