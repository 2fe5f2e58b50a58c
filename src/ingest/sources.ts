import { lstat, readdir, readFile, realpath, stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { Stats } from 'node:fs';
import { InputError, type InputErrorCode } from '../domain/index.js';
import { MANIFEST_FILE } from './fetch/cache.js';

/**
 * A folder written by `tip-atlas fetch` has a manifest: each page's file and the address it was fetched from. The
 * address becomes the document's origin (its public address), as when the page was imported by the fetch itself.
 */
async function readManifest(dir: string, into: Map<string, string>): Promise<void> {
  try {
    const data = JSON.parse(await readFile(join(dir, MANIFEST_FILE), 'utf8')) as { entries?: { url?: unknown; finalUrl?: unknown; file?: unknown }[] };
    for (const e of data.entries ?? []) {
      const url = typeof e.finalUrl === 'string' ? e.finalUrl : e.url;
      if (typeof e.file === 'string' && typeof url === 'string') into.set(resolve(dir, e.file), url);
    }
  } catch {
    // an unreadable manifest: the files keep their paths as origins
  }
}

/** A file to import: where to read it, and the origin to record (a path, or the URL it was fetched from). */
export interface SourceFile {
  path: string;
  origin: string;
  size: number;
}

/** A path that cannot be imported, and why (one line, for the user). */
export interface SkippedPath {
  path: string;
  reason: string;
  /** What kind of reason: callers count and hint by it (the reason is for reading). */
  code: InputErrorCode;
}

/**
 * The largest file read: importing a text, HTML or PDF file of this size stays within 1 GB of memory (bench/bounds.ts,
 * README "Import memory": about 3× the file's size over a ~145 MB baseline at 60–100 MB, 436 MB for a 93.8 MB page,
 * 357 MB for an 86.5 MB PDF; a smaller file takes more times its size, its fixed part weighing more: a PDF's reader
 * alone is ≈80 MB).
 */
export const DEFAULT_MAX_BYTES = 96 * 1024 * 1024;

function kindOf(st: Stats): string {
  if (st.isFIFO()) return 'a named pipe (FIFO)';
  if (st.isSocket()) return 'a socket';
  if (st.isCharacterDevice() || st.isBlockDevice()) return 'a device';
  return 'not a regular file';
}

function errnoReason(e: unknown, linkHint: boolean): string {
  const code = (e as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') return linkHint ? 'cannot read: a broken symbolic link (its target does not exist)' : 'cannot read: no such file or folder';
  if (code === 'EACCES' || code === 'EPERM') return 'cannot read: permission denied';
  if (code === 'ELOOP') return 'cannot read: a symbolic link loop';
  return `cannot read: ${code ?? (e as Error).message}`;
}

function formatBytes(n: number): string {
  if (n >= 1024 * 1024) return `${(n / 1024 / 1024).toFixed(n >= 10 * 1024 * 1024 ? 0 : 1)} MB`;
  if (n >= 1024) return `${(n / 1024).toFixed(0)} KB`;
  return `${n} bytes`;
}

export { formatBytes };

/** The reason a file is not read: its size over the import's limit (the CLI names the flag that raises it). */
function overSize(size: number, maxBytes: number): string {
  return `the file is ${formatBytes(size)}, over the size limit of ${formatBytes(maxBytes)}`;
}

/**
 * Expands the given paths into the files to import: files as given, folders recursively (entries sorted by
 * name; hidden files and folders — names starting with "." — are left out). Anything that cannot be imported is
 * listed with its reason instead: missing, broken symbolic link, unreadable, not a regular file (a FIFO is never
 * opened), over the size limit.
 */
export async function listSources(
  paths: string[],
  maxBytes = DEFAULT_MAX_BYTES,
): Promise<{ files: SourceFile[]; skipped: SkippedPath[] }> {
  const files: SourceFile[] = [];
  const skipped: SkippedPath[] = [];
  const seenDirs = new Set<string>();
  /** Files a fetch cache's manifest names, with their public address (the origin to record). */
  const addressOf = new Map<string, string>();

  const visit = async (path: string): Promise<void> => {
    let st: Stats;
    try {
      st = await stat(path);
    } catch (e) {
      let isLink = false;
      try {
        isLink = (await lstat(path)).isSymbolicLink();
      } catch {
        // the path itself is missing
      }
      skipped.push({ path, reason: errnoReason(e, isLink), code: 'unreadable' });
      return;
    }
    if (st.isDirectory()) {
      let real: string;
      try {
        real = await realpath(path);
      } catch (e) {
        skipped.push({ path, reason: errnoReason(e, false), code: 'unreadable' });
        return;
      }
      if (seenDirs.has(real)) return; // a link back into a folder already listed
      seenDirs.add(real);
      let entries: string[];
      try {
        entries = (await readdir(path)).sort();
      } catch (e) {
        skipped.push({ path, reason: errnoReason(e, false), code: 'unreadable' });
        return;
      }
      if (entries.includes(MANIFEST_FILE)) await readManifest(path, addressOf);
      for (const name of entries) {
        if (name.startsWith('.')) continue;
        await visit(join(path, name));
      }
      return;
    }
    if (!st.isFile()) {
      skipped.push({ path, reason: `cannot read: ${kindOf(st)}`, code: 'unreadable' });
      return;
    }
    if (st.size > maxBytes) {
      skipped.push({ path, reason: overSize(st.size, maxBytes), code: 'too-large' });
      return;
    }
    files.push({ path, origin: addressOf.get(resolve(path)) ?? path, size: st.size });
  };

  for (const p of paths) await visit(p);
  return { files, skipped };
}

/** Reads a listed file; errors are InputErrors whose message is the reason (permission denied, vanished, grew past the limit). */
export async function readSource(file: SourceFile, maxBytes = DEFAULT_MAX_BYTES): Promise<Uint8Array> {
  let buf: Buffer;
  try {
    buf = await readFile(file.path);
  } catch (e) {
    throw new InputError(errnoReason(e, false), undefined, 'unreadable');
  }
  if (buf.length > maxBytes) {
    throw new InputError(overSize(buf.length, maxBytes), undefined, 'too-large');
  }
  return new Uint8Array(buf.buffer, buf.byteOffset, buf.length);
}
