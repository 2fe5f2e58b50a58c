import { createRequire } from 'node:module';
import { availableParallelism } from 'node:os';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { InputError } from '../../domain/index.js';
import type { Line, PageRuns } from './pdfLayout.js';
import { layoutLines, pageLines } from './pdfLayout.js';

/**
 * PDF text runs are read with pdfjs-dist (legacy build, the one for Node 20) in worker threads:
 * - every worker opens the document and takes the next unread page whenever it is free (a shared counter), so
 *   the workers finish together however uneven the pages are;
 * - pdfjs's bundled core-js polyfills replace `Array.prototype.push`, `JSON.parse` and `JSON.stringify` of the
 *   realm that loads it with much slower versions (a V8 bug check Node 20 fails); in a worker that realm is not
 *   the app's. The worker restores them anyway, for its own speed.
 * Workers are started on first use, kept for the next document, and never keep the process alive.
 */

const requireHere = createRequire(import.meta.url);
const PDFJS_URL = pathToFileURL(requireHere.resolve('pdfjs-dist/legacy/build/pdf.mjs')).href;
const PDFJS_WORKER_URL = pathToFileURL(requireHere.resolve('pdfjs-dist/legacy/build/pdf.worker.mjs')).href;
/**
 * The layout module, for the workers to group runs into lines in parallel: pdfLayout.js when running built, or
 * pdfLayout.ts under a TypeScript loader (tsx). Where a worker cannot load it (a test runner's own transform),
 * the worker returns the runs and the lines are made here: the same function, the same result.
 */
const FROM_SOURCE = import.meta.url.endsWith('.ts');
const LAYOUT_URL = new URL(`./pdfLayout${FROM_SOURCE ? '.ts' : '.js'}`, import.meta.url).href;
/** Running from TypeScript sources (development, tests): the worker registers tsx itself (a dev dependency). */
const TS_LOADER_URL = (() => {
  if (!FROM_SOURCE) return undefined;
  try {
    // The package's ESM entry (require.resolve finds its CommonJS twin, which cannot register from a worker).
    return pathToFileURL(requireHere.resolve('tsx/esm/api').replace(/index\.cjs$/, 'index.mjs')).href;
  } catch {
    return undefined;
  }
})();

/** The worker's code: plain JavaScript, so it runs the same under tsx, vitest and the built CLI. */
const WORKER_SOURCE = `
const { parentPort } = require('node:worker_threads');
let pdfjs;
let layout;
async function loadLayout(url, tsLoaderUrl) {
  if (layout === undefined) {
    try {
      if (tsLoaderUrl) (await import(tsLoaderUrl)).register();
      layout = await import(url);
      if (typeof layout.pageLines !== 'function') layout = null;
    } catch {
      layout = null;
    }
  }
  return layout;
}
async function load(url, workerUrl) {
  if (pdfjs) return pdfjs;
  const push = Array.prototype.push;
  const { parse, stringify } = JSON;
  pdfjs = await import(url);
  // Loaded now (not on the first document), so its polyfills are undone below as well.
  await import(workerUrl);
  Object.defineProperty(Array.prototype, 'push', { value: push, writable: true, configurable: true, enumerable: false });
  JSON.parse = parse;
  JSON.stringify = stringify;
  // pdfjs's two halves talk through a port that structuredClone()s every message, which is slow on Node 20
  // (serialise + deserialise). Here both halves share this thread, so plain data is copied in JavaScript instead:
  // the same deep copy for objects, arrays and typed arrays; anything else (Maps, errors, class instances)
  // still goes through the real structuredClone.
  const realClone = globalThis.structuredClone;
  const FALLBACK = {};
  const copy = (v) => {
    if (v === null || typeof v !== 'object') return v;
    if (Array.isArray(v)) {
      const out = new Array(v.length);
      for (let i = 0; i < v.length; i++) out[i] = copy(v[i]);
      return out;
    }
    if (ArrayBuffer.isView(v)) return v.slice();
    if (v instanceof ArrayBuffer) return v.slice(0);
    const proto = Object.getPrototypeOf(v);
    if (proto !== Object.prototype && proto !== null) throw FALLBACK;
    const out = proto === null ? Object.create(null) : {};
    for (const k of Object.keys(v)) out[k] = copy(v[k]);
    return out;
  };
  globalThis.structuredClone = (o, opt) => {
    if (opt && opt.transfer && opt.transfer.length) return realClone(o, opt);
    try {
      return copy(o);
    } catch (e) {
      if (e === FALLBACK) return realClone(o, opt);
      throw e;
    }
  };
  return pdfjs;
}
parentPort.on('message', async (job) => {
  let task;
  try {
    const lib = await load(job.url, job.workerUrl);
    const lay = await loadLayout(job.layoutUrl, job.tsLoaderUrl);
    task = lib.getDocument({ data: job.bytes, verbosity: 0, isEvalSupported: false, disableFontFace: true,
      useSystemFonts: false, stopAtErrors: false });
    const doc = await task.promise;
    const n = doc.numPages;
    // The next page to read, shared by the workers of this document: each takes one when it is free.
    const nextPage = new Int32Array(job.nextPage);
    let title;
    if (job.part === 0) {
      try {
        const meta = await doc.getMetadata();
        const t = meta.info && meta.info.Title;
        if (typeof t === 'string' && t.trim()) title = t.trim();
      } catch {}
    }
    const pages = [];
    const work = async () => {
      for (;;) {
        const k = Atomics.add(nextPage, 0, 1) + 1;
        if (k > n) break;
        const page = await doc.getPage(k);
        const [x0, y0, x1, y1] = page.view;
        const content = await page.getTextContent({ disableNormalization: true });
        const runs = [];
        for (const item of content.items) {
          if (!item.str) continue;
          const t = item.transform;
          runs.push([item.str, t[4] - x0, t[5] - y0, item.width, Math.hypot(t[0], t[1]), item.fontName]);
        }
        const pageRuns = { width: x1 - x0, height: y1 - y0, runs };
        pages.push(lay ? { index: k - 1, width: pageRuns.width, height: pageRuns.height, lines: lay.pageLines(pageRuns, k - 1) } : { index: k - 1, ...pageRuns });
        page.cleanup();
      }
    };
    await Promise.all([work(), work(), work()]);
    // The words of these pages, counted here in parallel (see tokenCounts in pdfLayout.ts).
    let counts;
    if (lay) {
      const map = new Map();
      for (const p of pages) if (p.lines) lay.tokenCounts(p.lines, map);
      counts = { keys: Float64Array.from(map.keys()), values: Int32Array.from(map.values()) };
    }
    parentPort.postMessage({ id: job.id, ok: true, pages, numPages: n, title, counts },
      counts ? [counts.keys.buffer, counts.values.buffer] : []);
  } catch (e) {
    parentPort.postMessage({ id: job.id, ok: false, name: (e && e.name) || 'Error', message: (e && e.message) || String(e) });
  } finally {
    if (task) task.destroy().catch(() => {});
  }
});
`;

/** A page as a worker returns it: its lines when the worker could make them, else its runs. */
type PageResult = { width: number; height: number } & ({ lines: Line[] } | { runs: PageRuns['runs'] });
/** A page with its (0-based) number: workers take pages as they become free, so a part's pages are any. */
type NumberedPage = PageResult & { index: number };

interface PartResult {
  pages: NumberedPage[];
  /** Word counts of the part's lines (tokenCounts), when the worker made its lines. */
  counts?: { keys: Float64Array; values: Int32Array };
  numPages: number;
  title?: string;
}

class PdfError extends Error {
  constructor(
    override readonly name: string,
    message: string,
  ) {
    super(message);
  }
}

interface PoolWorker {
  worker: Worker;
  busy: boolean;
  pending?: { resolve: (r: PartResult) => void; reject: (e: Error) => void; id: number };
}

let nextJob = 1;
const pool: PoolWorker[] = [];

function spawn(): PoolWorker {
    // A larger young generation: pdfjs makes many short-lived arrays per glyph.
  const worker = new Worker(WORKER_SOURCE, { eval: true, resourceLimits: { maxYoungGenerationSizeMb: 48 } });
  const pw: PoolWorker = { worker, busy: false };
  pw.worker.unref();
  pw.worker.on('message', (m: { id: number; ok: boolean; name?: string; message?: string } & PartResult) => {
    const p = pw.pending;
    if (!p || p.id !== m.id) return;
    pw.pending = undefined;
    pw.busy = false;
    pw.worker.unref();
    if (m.ok) p.resolve({ pages: m.pages, numPages: m.numPages, ...(m.title ? { title: m.title } : {}), ...(m.counts ? { counts: m.counts } : {}) });
    else p.reject(new PdfError(m.name ?? 'Error', m.message ?? 'unknown error'));
  });
  const fail = (e: Error) => {
    const i = pool.indexOf(pw);
    if (i !== -1) pool.splice(i, 1);
    pw.pending?.reject(e);
    pw.pending = undefined;
  };
  pw.worker.on('error', fail);
  pw.worker.on('exit', (code) => fail(new Error(`PDF worker stopped (exit code ${code})`)));
  return pw;
}

function idleWorker(): PoolWorker {
  let pw = pool.find((w) => !w.busy);
  if (!pw) {
    pw = spawn();
    pool.push(pw);
  }
  pw.busy = true;
  return pw;
}

function runPart(bytes: Uint8Array, part: number, nextPage: SharedArrayBuffer, timeoutMs: number): Promise<PartResult> {
  const pw = idleWorker();
  const id = nextJob++;
  pw.worker.ref();
  return new Promise<PartResult>((resolve, reject) => {
    const timer = setTimeout(() => {
      void pw.worker.terminate();
      reject(new PdfError('Timeout', `reading the PDF took longer than ${Math.round(timeoutMs / 1000)} s`));
    }, timeoutMs);
    pw.pending = {
      id,
      resolve: (r) => {
        clearTimeout(timer);
        resolve(r);
      },
      reject: (e) => {
        clearTimeout(timer);
        reject(e);
      },
    };
    pw.worker.postMessage({ id, url: PDFJS_URL, workerUrl: PDFJS_WORKER_URL, layoutUrl: LAYOUT_URL, tsLoaderUrl: TS_LOADER_URL, bytes: bytes.slice(), part, nextPage });
  });
}

/** How many workers read one document: up to the CPUs (max 4), one for small files. */
function partsFor(bytes: Uint8Array): number {
  const cpus = Math.max(1, Math.min(4, availableParallelism()));
  return bytes.length < 256 * 1024 ? 1 : cpus;
}

/** The positioned text runs of every page of a PDF, read in parallel by the worker pool. */
export async function extractRuns(
  bytes: Uint8Array,
  parts = partsFor(bytes),
): Promise<{ pages: PageResult[]; numPages: number; title?: string; wordCounts?: Map<number, number> }> {
  const timeoutMs = 60_000 + (bytes.length / 1e6) * 10_000;
  const nextPage = new SharedArrayBuffer(4);
  const results = await Promise.all(Array.from({ length: parts }, (_, i) => runPart(bytes, i, nextPage, timeoutMs)));
  const pages: PageResult[] = new Array<PageResult>(results[0]!.numPages);
  for (const r of results) for (const p of r.pages) pages[p.index] = p;
  let counts: Map<number, number> | undefined;
  if (results.every((r) => r.counts)) {
    counts = new Map();
    for (const { counts: c } of results) {
      for (let i = 0; i < c!.keys.length; i++) counts.set(c!.keys[i]!, (counts.get(c!.keys[i]!) ?? 0) + c!.values[i]!);
    }
  }
  return { pages, numPages: results[0]!.numPages, ...(results[0]!.title ? { title: results[0]!.title } : {}), ...(counts ? { wordCounts: counts } : {}) };
}

export interface PdfText {
  text: string;
  /** The document's Title metadata, else its running header (both often name the report year). */
  title?: string;
  pages: number;
  emptyPages: number[];
}

function pdfError(e: unknown, origin: string): InputError {
  const name = (e as { name?: string })?.name ?? '';
  const message = (e as Error)?.message ?? String(e);
  if (name === 'PasswordException') {
    return new InputError(
      'the PDF is encrypted (password-protected); save an unprotected copy (e.g. `qpdf --decrypt in.pdf out.pdf`) and import that',
      origin,
    );
  }
  if (name === 'InvalidPDFException' || name === 'FormatError' || /Invalid PDF|bad XRef/i.test(message)) {
    return new InputError(`not a readable PDF (${message}); the file may be damaged or incomplete`, origin);
  }
  return new InputError(`cannot read the PDF: ${message}`, origin);
}

/**
 * A PDF's text in reading order (see pdfLayout.ts). Errors name the file: truncated (no `%%EOF` at the end),
 * encrypted, damaged, or without a text layer (a scan: it needs OCR first).
 */
export async function pdfToText(bytes: Uint8Array, origin: string): Promise<PdfText> {
  // Trailing whitespace (PDF's: NUL, tab, line ends, form feed, space) may follow %%EOF, however much of it there is.
  let last = bytes.length;
  while (last > 0 && [0, 9, 10, 12, 13, 32].includes(bytes[last - 1]!)) last--;
  const tail = new TextDecoder('latin1').decode(bytes.subarray(Math.max(0, last - 2048), last));
  if (!tail.includes('%%EOF')) {
    throw new InputError('the PDF is truncated (it does not end with %%EOF): download it again', origin);
  }
  let extracted: Awaited<ReturnType<typeof extractRuns>>;
  try {
    extracted = await extractRuns(bytes);
  } catch (e) {
    throw pdfError(e, origin);
  }
  const perPage = extracted.pages.map((p, i) => ('lines' in p ? p.lines : pageLines(p, i)));
  const laid = layoutLines(perPage, extracted.pages.map((p) => p.height), extracted.wordCounts);
  if (!laid.text.trim()) {
    const n = extracted.numPages;
    throw new InputError(
      `the PDF has no text layer (${n} page${n === 1 ? '' : 's'} of images?): it needs OCR first (e.g. \`ocrmypdf in.pdf out.pdf\`)`,
      origin,
    );
  }
  const title = extracted.title ?? laid.runningHeader;
  return { text: laid.text, ...(title ? { title } : {}), pages: extracted.numPages, emptyPages: laid.emptyPages };
}
