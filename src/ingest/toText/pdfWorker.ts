/**
 * The PDF worker thread (started by pdf.ts, one per pool slot, reused across documents). For each job it opens the
 * document with pdfjs-dist, takes the next unread page from a counter shared with the document's other workers,
 * reads its text runs, groups them into lines (pdfLayout.ts) and counts their words, and posts the lines back.
 *
 * pdfjs's legacy build is loaded here, never in the app's thread: its bundled core-js polyfills replace
 * `Array.prototype.push`, `JSON.parse` and `JSON.stringify` of the realm that loads it with much slower versions
 * (a V8 bug check Node 20 fails). This worker restores them after loading it, for its own speed.
 */
import { parentPort } from 'node:worker_threads';
import type { PDFDocumentProxy } from 'pdfjs-dist/legacy/build/pdf.mjs';
import type { Line, Run } from './pdfLayout.js';
import { pageLines, tokenCounts } from './pdfLayout.js';

/** A document to read: every worker of one document gets the same bytes and the same page counter. */
export interface PdfJob {
  id: number;
  bytes: Uint8Array;
  /** This worker's part of the document: part 0 also reads the metadata title. */
  part: number;
  /** One Int32: the number of pages taken so far, shared by the document's workers. */
  nextPage: SharedArrayBuffer;
}

/** A page's lines, with its (0-based) number: workers take pages as they become free, so a part's pages are any. */
export interface PdfPageLines {
  index: number;
  width: number;
  height: number;
  lines: Line[];
}

export interface PdfPartResult {
  pages: PdfPageLines[];
  /** Word counts of the part's lines (tokenCounts in pdfLayout.ts), as parallel arrays (transferred, not copied). */
  counts: { keys: Float64Array<ArrayBuffer>; values: Int32Array<ArrayBuffer> };
  numPages: number;
  title?: string;
}

export type PdfWorkerReply =
  | ({ id: number; ok: true } & PdfPartResult)
  | { id: number; ok: false; name: string; message: string };

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
    if (ArrayBuffer.isView(v)) return (v as Uint8Array).slice();
    if (v instanceof ArrayBuffer) return v.slice(0);
    const proto: unknown = Object.getPrototypeOf(v);
    if (proto !== Object.prototype && proto !== null) throw FALLBACK;
    const out: Record<string, unknown> = proto === null ? Object.create(null) : {};
    for (const k of Object.keys(v)) out[k] = copy((v as Record<string, unknown>)[k]);
    return out;
  };
  (globalThis as { structuredClone: typeof structuredClone }).structuredClone = <T>(o: T, opt?: StructuredSerializeOptions): T => {
    if (opt?.transfer?.length) return realClone(o, opt);
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

async function readPart(job: PdfJob, doc: PDFDocumentProxy): Promise<PdfPartResult> {
  const n = doc.numPages;
  const title = job.part === 0 ? await titleOf(doc) : undefined;
  // The next page to read, shared by the workers of this document: each takes one when it is free.
  const nextPage = new Int32Array(job.nextPage);
  const pages: PdfPageLines[] = [];
  const work = async () => {
    for (;;) {
      const k = Atomics.add(nextPage, 0, 1) + 1;
      if (k > n) break;
      const page = await doc.getPage(k);
      const [x0 = 0, y0 = 0, x1 = 0, y1 = 0] = page.view;
      const content = await page.getTextContent({ disableNormalization: true });
      const runs: Run[] = [];
      for (const item of content.items) {
        if (!('str' in item) || !item.str) continue;
        const t = item.transform as number[];
        runs.push([item.str, t[4]! - x0, t[5]! - y0, item.width, Math.hypot(t[0]!, t[1]!), item.fontName]);
      }
      const width = x1 - x0;
      const height = y1 - y0;
      pages.push({ index: k - 1, width, height, lines: pageLines({ width, height, runs }, k - 1) });
      page.cleanup();
    }
  };
  await Promise.all([work(), work(), work()]);
  // The words of these pages, counted here in parallel (see tokenCounts in pdfLayout.ts).
  const map = new Map<number, number>();
  for (const p of pages) tokenCounts(p.lines, map);
  const counts = { keys: Float64Array.from(map.keys()), values: Int32Array.from(map.values()) };
  return { pages, counts, numPages: n, ...(title ? { title } : {}) };
}

const port = parentPort;
if (!port) throw new Error('pdfWorker.ts runs as a worker thread (see pdf.ts)');

port.on('message', async (job: PdfJob) => {
  let task: ReturnType<Pdfjs['getDocument']> | undefined;
  try {
    const lib = await loadPdfjs();
    task = lib.getDocument({
      data: job.bytes,
      verbosity: 0,
      isEvalSupported: false,
      disableFontFace: true,
      useSystemFonts: false,
      stopAtErrors: false,
    });
    const result = await readPart(job, await task.promise);
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
  } finally {
    if (task) task.destroy().catch(() => {});
  }
});
