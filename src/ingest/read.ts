import { createHash } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import { InputError } from '../domain/index.js';

/** A document as read: its bytes and where they came from. */
export interface RawDocument {
  origin: string;
  bytes: Uint8Array;
  sha256: string;
}

export const DEFAULT_MAX_BYTES = 300 * 1024 * 1024;

export function sha256Of(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

export async function readDocument(path: string, maxBytes = DEFAULT_MAX_BYTES): Promise<RawDocument> {
  let size: number;
  try {
    const st = await stat(path);
    if (st.isDirectory()) throw new InputError('is a folder, not a file', path);
    size = st.size;
  } catch (e) {
    if (e instanceof InputError) throw e;
    throw new InputError(`cannot read: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`, path);
  }
  if (size > maxBytes) throw new InputError(`file is ${size} bytes, over the limit of ${maxBytes} bytes`, path);
  const bytes = new Uint8Array(await readFile(path));
  return { origin: path, bytes, sha256: sha256Of(bytes) };
}

/**
 * Decodes a plain-text document: UTF-8 (BOM or not), UTF-16 with a BOM, else Windows-1252. Empty and binary
 * input are errors, named with the file.
 */
export function textOf(doc: RawDocument): string {
  const b = doc.bytes;
  if (b.length === 0) throw new InputError('the file is empty', doc.origin);
  let text: string;
  if (b[0] === 0xff && b[1] === 0xfe) text = new TextDecoder('utf-16le').decode(b.subarray(2));
  else if (b[0] === 0xfe && b[1] === 0xff) text = new TextDecoder('utf-16be').decode(b.subarray(2));
  else {
    if (looksBinary(b)) throw new InputError('binary data, not text (expected a report page as text)', doc.origin);
    const start = b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf ? 3 : 0;
    try {
      text = new TextDecoder('utf-8', { fatal: true }).decode(b.subarray(start));
    } catch {
      text = new TextDecoder('windows-1252').decode(b);
    }
  }
  text = text.replace(/\r\n?/g, '\n');
  if (!text.trim()) throw new InputError('the file holds only whitespace', doc.origin);
  return text;
}

/** NUL bytes or many control characters in the first 8 KB. */
function looksBinary(b: Uint8Array): boolean {
  const n = Math.min(b.length, 8192);
  let control = 0;
  for (let i = 0; i < n; i++) {
    const c = b[i]!;
    if (c === 0) return true;
    if (c < 9 || (c > 13 && c < 32)) control++;
  }
  return control / n > 0.05;
}
