import { createHash } from 'node:crypto';
import { mkdir, readFile, rename, stat, writeFile } from 'node:fs/promises';
import { basename, dirname, join, relative, sep } from 'node:path';

/**
 * The fetch cache of one report year: pages kept under the path of their address (as a mirroring tool saves
 * them: `reports/2024-trafficking-in-persons-report/examplia/index.html`, `j/tip/rls/tiprpt/countries/2014/
 * 226846.htm`), so the folder imports later without `--year` (the report year is read from the path); index
 * pages under the hidden `.index/` (an import of the folder leaves them out); and a manifest,
 * `.manifest.json`, with each address's status, date, sha256 and validators (ETag, Last-Modified).
 */

export const MANIFEST_FILE = '.manifest.json';

export interface ManifestEntry {
  url: string;
  /** The file, relative to the year's cache folder (absent for a 404). */
  file?: string;
  /** The last HTTP status seen (304 is recorded as the 200 it confirms). */
  status: number;
  /** When the address was last asked (ISO). */
  date: string;
  sha256?: string;
  etag?: string;
  lastModified?: string;
  kind: 'index' | 'page' | 'pdf';
  /** The country the page was linked as (its id), when discovery mapped it. */
  country?: string;
  /** The address the publisher redirected to, if any. */
  finalUrl?: string;
}

export class Manifest {
  private entries = new Map<string, ManifestEntry>();
  private constructor(readonly dir: string) {}

  static async load(dir: string): Promise<Manifest> {
    const m = new Manifest(dir);
    await mkdir(dir, { recursive: true });
    try {
      const data = JSON.parse(await readFile(join(dir, MANIFEST_FILE), 'utf8')) as { entries?: ManifestEntry[] };
      for (const e of data.entries ?? []) if (e && typeof e.url === 'string') m.entries.set(e.url, e);
    } catch {
      // none yet, or unreadable: start afresh (files on disk are re-checked against it anyway)
    }
    return m;
  }

  get(url: string): ManifestEntry | undefined {
    return this.entries.get(url);
  }

  all(): ManifestEntry[] {
    return [...this.entries.values()];
  }

  async set(e: ManifestEntry): Promise<void> {
    this.entries.set(e.url, e);
    const tmp = join(this.dir, `${MANIFEST_FILE}.part`);
    await writeFile(tmp, JSON.stringify({ entries: this.all() }, null, 1) + '\n');
    await rename(tmp, join(this.dir, MANIFEST_FILE));
  }

  /** Moves an entry's file to another place in the cache (an index page that turned out a page of narratives). */
  async moveTo(url: string, file: string, kind: ManifestEntry['kind']): Promise<string | undefined> {
    const e = this.entries.get(url);
    if (!e?.file) return undefined;
    if (e.file === file) return join(this.dir, file);
    const target = join(this.dir, file);
    await mkdir(dirname(target), { recursive: true });
    await rename(join(this.dir, e.file), target);
    await this.set({ ...e, file, kind });
    return target;
  }

  /** The absolute path of an entry's file, if it is on disk and whole (its size matches what was written). */
  async fileOf(e: ManifestEntry | undefined): Promise<{ path: string; size: number } | undefined> {
    if (!e?.file) return undefined;
    const path = join(this.dir, e.file);
    try {
      const st = await stat(path);
      return st.isFile() && st.size > 0 ? { path, size: st.size } : undefined;
    } catch {
      return undefined;
    }
  }
}

/** A file name for an address: its path, each segment kept to safe characters; a folder address gets `index.html`. */
export function cachePathFor(url: string, kind: ManifestEntry['kind']): string {
  const u = new URL(url);
  const segs = u.pathname
    .split('/')
    .filter((s) => s && s !== '.' && s !== '..')
    .map((s) => decodeURIComponentSafe(s).replace(/[^A-Za-z0-9._-]+/g, '_').replace(/^\.+/, '_'));
  if (u.pathname.endsWith('/') || segs.length === 0 || !/\.[A-Za-z0-9]{2,5}$/.test(segs[segs.length - 1]!)) segs.push(kind === 'pdf' ? 'report.pdf' : 'index.html');
  if (u.search) segs[segs.length - 1] = segs[segs.length - 1]!.replace(/(\.[^.]+)?$/, `_${createHash('sha256').update(u.search).digest('hex').slice(0, 8)}$1`);
  return kind === 'index' ? join('.index', ...segs) : join(...segs);
}

function decodeURIComponentSafe(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

/** Writes a file whole (a `.part` file renamed into place), creating its folders. */
export async function writeWhole(dir: string, rel: string, body: Uint8Array): Promise<string> {
  const path = join(dir, rel);
  if (relative(dir, path).startsWith('..' + sep)) throw new Error(`refusing to write outside the cache: ${rel}`);
  await mkdir(dirname(path), { recursive: true });
  // Hidden while partial: an import of the folder never reads half a page.
  const part = join(dirname(path), `.${basename(path)}.part`);
  await writeFile(part, body);
  await rename(part, path);
  return path;
}

export function sha256Hex(body: Uint8Array): string {
  return createHash('sha256').update(body).digest('hex');
}
