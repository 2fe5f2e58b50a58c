import { createHash } from 'node:crypto';
import { InputError } from '../domain/index.js';
import { DEFAULT_MAX_BYTES, listSources, readSource } from './sources.js';

export { DEFAULT_MAX_BYTES } from './sources.js';

/** A document as read: its bytes and where they came from. */
export interface RawDocument {
  origin: string;
  bytes: Uint8Array;
  sha256: string;
}

export function sha256Of(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** Reads one file (never a folder, FIFO or anything over `maxBytes`); errors are InputErrors naming the path. */
export async function readDocument(path: string, maxBytes = DEFAULT_MAX_BYTES): Promise<RawDocument> {
  const { files, skipped } = await listSources([path], maxBytes);
  if (skipped.length) throw new InputError(skipped[0]!.reason, path, skipped[0]!.code);
  if (files.length !== 1 || files[0]!.path !== path) throw new InputError('is a folder, not a file', path, 'not-a-file');
  let bytes: Uint8Array;
  try {
    bytes = await readSource(files[0]!, maxBytes);
  } catch (e) {
    throw e instanceof InputError ? new InputError(e.message, path, e.code) : e;
  }
  return { origin: path, bytes, sha256: sha256Of(bytes) };
}
