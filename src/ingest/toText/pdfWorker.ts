/**
 * The PDF worker thread (started by pdf.ts, one per pool slot, reused across documents). For each job it opens the
 * document with pdfjs-dist, takes the next unread page from a counter shared with the document's other workers,
 * reads its text runs, groups them into lines (pdfLayout.ts) and counts their words, and posts each few pages' lines
 * back as soon as they are read (so that no worker holds the lines of its part of the document).
 *
 * The document's bytes are one SharedArrayBuffer that every worker's pdfjs reads in place (no copy per worker).
 *
 * pdfjs's legacy build is loaded here, never in the app's thread: its bundled core-js polyfills replace
 * `Array.prototype.push`, `JSON.parse` and `JSON.stringify` of the realm that loads it with much slower versions
 * (a V8 bug check Node 20 fails). This worker restores them after loading it, for its own speed.
 */
import { parentPort } from 'node:worker_threads';
import type { MessagePort } from 'node:worker_threads';
import type { PDFDocumentProxy } from 'pdfjs-dist/legacy/build/pdf.mjs';
import type { Run } from './pdfLayout.js';
import { collectionCadence, garbageCollector } from '../memory.js';
import { pageLines, textLength } from './pdfLayout.js';
import { packPage } from './pdfPacked.js';
import type { PdfPageLines } from './pdfPages.js';
import { tokenCounts } from './pdfWords.js';

/** A document to read: every worker of one document gets the same bytes and the same page counter. */
export interface PdfJob {
  id: number;
  /** The PDF's bytes, shared (not copied) by the main thread and the document's workers; never written. */
  bytes: SharedArrayBuffer;
  /** This worker's part of the document: part 0 also reads the metadata title. */
  part: number;
  /** One Int32: the number of pages taken so far, shared by the document's workers. */
  nextPage: SharedArrayBuffer;
  /** Pages read with one opening of the document before it is closed and opened again (readingPlan in pdf.ts). */
  pagesPerOpening: number;
  /** Characters of text read between two garbage collections of this worker (readingPlan in pdf.ts). */
  collectEveryChars: number;
}

/** What a worker sends when it has read its last page (its pages' lines were sent before, in `pages` replies). */
export interface PdfPartResult {
  /** Word counts of the part's lines (tokenCounts in pdfWords.ts), as parallel arrays (transferred, not copied). */
  counts: { keys: Float64Array<ArrayBuffer>; values: Int32Array<ArrayBuffer> };
  numPages: number;
  title?: string;
}

export type PdfWorkerReply =
  | { id: number; pages: Uint8Array<ArrayBuffer>[] }
  | ({ id: number; ok: true } & PdfPartResult)
  | { id: number; ok: false; name: string; message: string };

/** How many pages' lines a worker sends back in one message. */
const PAGES_PER_MESSAGE = 8;

type Pdfjs = typeof import('pdfjs-dist/legacy/build/pdf.mjs');
let pdfjs: Pdfjs | undefined;

/** pdfjs, loaded once, with the built-ins its polyfills replace put back. */
async function loadPdfjs(): Promise<Pdfjs> {
  if (pdfjs) return pdfjs;
  const push = Array.prototype.push;
  const { parse, stringify } = JSON;
  const lib = await import('pdfjs-dist/legacy/build/pdf.mjs');
  // Its other half (what pdfjs runs in this thread as a "fake worker") is loaded now, not on the first document,
  // so that its polyfills are undone below as well.
  // @ts-expect-error: pdfjs ships no types for its worker half, which is loaded for its side effects only.
  await import('pdfjs-dist/legacy/build/pdf.worker.mjs');
  Object.defineProperty(Array.prototype, 'push', { value: push, writable: true, configurable: true, enumerable: false });
  JSON.parse = parse;
  JSON.stringify = stringify;
  shortcutStructuredClone();
  pdfjs = lib;
  return lib;
}

/**
 * pdfjs's two halves talk through a port that structuredClone()s every message, which is slow on Node 20
 * (serialise + deserialise). Here both halves share this thread, so plain data is copied in JavaScript instead:
 * the same deep copy for objects, arrays and typed arrays; anything else (Maps, errors, class instances) still
 * goes through the real structuredClone.
 */
function shortcutStructuredClone(): void {
  const realClone = globalThis.structuredClone;
  const FALLBACK = {};
  const copy = (v: unknown): unknown => {
    if (v === null || typeof v !== 'object') return v;
    if (Array.isArray(v)) {
      const out = new Array<unknown>(v.length);
      for (let i = 0; i < v.length; i++) out[i] = copy(v[i]);
      return out;
    }
    if (ArrayBuffer.isView(v)) return v.buffer instanceof SharedArrayBuffer ? v : (v as Uint8Array).slice();
    if (v instanceof ArrayBuffer) return v.slice(0);
    const proto: unknown = Object.getPrototypeOf(v);
    if (proto !== Object.prototype && proto !== null) throw FALLBACK;
    const out: Record<string, unknown> = proto === null ? Object.create(null) : {};
    for (const k of Object.keys(v)) out[k] = copy((v as Record<string, unknown>)[k]);
    return out;
  };
  (globalThis as { structuredClone: typeof structuredClone }).structuredClone = <T>(o: T, opt?: StructuredSerializeOptions): T => {
    // pdfjs transfers the document's bytes to its other half; shared bytes (the job's) cannot be transferred, and
    // need not be: they are passed on as they are (a typed array over a SharedArrayBuffer is not copied below).
    if (opt?.transfer?.some((t) => !(t instanceof SharedArrayBuffer))) return realClone(o, opt);
    try {
      return copy(o) as T;
    } catch (e) {
      if (e === FALLBACK) return realClone(o, opt);
      throw e;
    }
  };
}

/** The document's Title metadata, trimmed, if it has one. */
async function titleOf(doc: PDFDocumentProxy): Promise<string | undefined> {
  try {
    const meta = await doc.getMetadata();
    const t = (meta.info as { Title?: unknown } | undefined)?.Title;
    if (typeof t === 'string' && t.trim()) return t.trim();
  } catch {
    // A broken Info dictionary only costs the title.
  }
  return undefined;
}

/**
 * A font's id in the lines: pdfjs names a font `g_<document>_f<n>`, and every document it opens (in each worker, and
 * each time one is opened again) gets a new `<document>` part; only the rest tells one font from another.
 */
function fontKey(loadedName: string): string {
  return loadedName.replace(/^g_d\d+_/, '');
}

/** A page's lines, from its text runs. */
async function readPage(doc: PDFDocumentProxy, k: number): Promise<PdfPageLines> {
  const page = await doc.getPage(k);
  const [x0 = 0, y0 = 0, x1 = 0, y1 = 0] = page.view;
  const content = await page.getTextContent({ disableNormalization: true });
  const runs: Run[] = [];
  for (const item of content.items) {
    if (!('str' in item) || !item.str) continue;
    const t = item.transform as number[];
    runs.push([item.str, t[4]! - x0, t[5]! - y0, item.width, Math.hypot(t[0]!, t[1]!), fontKey(item.fontName)]);
  }
  const width = x1 - x0;
  const height = y1 - y0;
  const lines = pageLines({ width, height, runs }, k - 1);
  page.cleanup();
  return { index: k - 1, width, height, lines };
}

/** The document opened by pdfjs, and a way to close it again. */
type Open = () => Promise<{ doc: PDFDocumentProxy; close: () => Promise<void> }>;

async function readPart(job: PdfJob, open: Open, port: MessagePort): Promise<PdfPartResult> {
  let { doc, close } = await open();
  try {
    const n = doc.numPages;
    const title = job.part === 0 ? await titleOf(doc) : undefined;
    // The next page to read, shared by the workers of this document: each takes one when it is free.
    const nextPage = new Int32Array(job.nextPage);
    // The words of these pages, counted here in parallel (see tokenCounts in pdfWords.ts).
    const map = new Map<number, number>();
    let batch: Uint8Array<ArrayBuffer>[] = [];
    const cadence = collectionCadence(garbageCollector(), job.collectEveryChars);
    const flush = () => {
      if (batch.length) port.postMessage({ id: job.id, pages: batch } satisfies PdfWorkerReply, batch.map((p) => p.buffer));
      batch = [];
    };
    for (let more = true; more; ) {
      let taken = 0;
      const work = async () => {
        while (more && taken < job.pagesPerOpening) {
          const k = Atomics.add(nextPage, 0, 1) + 1;
          if (k > n) {
            more = false;
            break;
          }
          taken++;
          const page = await readPage(doc, k);
          tokenCounts(page.lines, map);
          cadence.count(textLength(page.lines));
          batch.push(packPage(page.index, page.width, page.height, page.lines));
          if (batch.length >= PAGES_PER_MESSAGE) flush();
        }
      };
      await Promise.all([work(), work(), work()]);
      if (more) {
        await close();
        ({ doc, close } = await open());
      }
    }
    flush();
    const counts = { keys: Float64Array.from(map.keys()), values: Int32Array.from(map.values()) };
    return { counts, numPages: n, ...(title ? { title } : {}) };
  } finally {
    await close();
  }
}

const port = parentPort;
if (!port) throw new Error('pdfWorker.ts runs as a worker thread (see pdf.ts)');

port.on('message', async (job: PdfJob) => {
  try {
    const lib = await loadPdfjs();
    const open: Open = async () => {
      const task = lib.getDocument({
        data: new Uint8Array(job.bytes),
        verbosity: 0,
        isEvalSupported: false,
        disableFontFace: true,
        useSystemFonts: false,
        stopAtErrors: false,
      });
      const close = () => task.destroy().catch(() => {});
      try {
        return { doc: await task.promise, close };
      } catch (e) {
        void close();
        throw e;
      }
    };
    const result = await readPart(job, open, port);
    const reply: PdfWorkerReply = { id: job.id, ok: true, ...result };
    port.postMessage(reply, [result.counts.keys.buffer, result.counts.values.buffer]);
  } catch (e) {
    const err = e as { name?: unknown; message?: unknown } | null;
    const reply: PdfWorkerReply = {
      id: job.id,
      ok: false,
      name: typeof err?.name === 'string' && err.name ? err.name : 'Error',
      message: typeof err?.message === 'string' && err.message ? err.message : String(e),
    };
    port.postMessage(reply);
  }
});
