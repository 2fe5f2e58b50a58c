import { availableParallelism, tmpdir } from 'node:os';
import { Worker } from 'node:worker_threads';
import { InputError } from '../../domain/index.js';
import { workerEntry as entryOf } from '../workerEntry.js';
import type { PageSource } from './pdfLayout.js';
import { layoutPages, textLength } from './pdfLayout.js';
import { PackedPages } from './pdfPages.js';
import type { PdfJob, PdfPartResult, PdfWorkerReply } from './pdfWorker.js';

/**
 * PDF text is read with pdfjs-dist (legacy build, the one for Node 20) in worker threads (pdfWorker.ts):
 * - every worker opens the document and takes the next unread page whenever it is free (a shared counter), so
 *   the workers finish together however uneven the pages are; each groups its pages' runs into lines and counts
 *   their words, in parallel, and this thread lays the lines out into text;
 * - pdfjs's bundled core-js polyfills replace `Array.prototype.push`, `JSON.parse` and `JSON.stringify` of the
 *   realm that loads it with much slower versions (a V8 bug check Node 20 fails); in a worker that realm is not
 *   the app's. The worker restores them anyway, for its own speed.
 * Workers are started on first use, kept for the next document (stopped before and after a LARGE_PDF), and
 * never keep the process alive. Import memory: README "Import memory" and the constants below.
 */

/** The worker: pdfWorker.js next to this file when running built, pdfWorker.ts through tsx from sources (workerEntry.ts). */
function workerEntry(): URL {
  return entryOf(import.meta.url, 'pdfWorker');
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
  /** Its young generation's size (readingPlan). */
  youngMb: number;
  pending?: { resolve: (r: PdfPartResult) => void; reject: (e: Error) => void; onPages: (p: Uint8Array[]) => void; id: number };
}

let nextJob = 1;
const pool: PoolWorker[] = [];

function spawn(youngMb: number): PoolWorker {
  const worker = new Worker(workerEntry(), { resourceLimits: { maxYoungGenerationSizeMb: youngMb } });
  const pw: PoolWorker = { worker, busy: false, youngMb };
  pw.worker.unref();
  pw.worker.on('message', (m: PdfWorkerReply) => {
    const p = pw.pending;
    if (!p || p.id !== m.id) return;
    if ('pages' in m) {
      p.onPages(m.pages);
      return;
    }
    pw.pending = undefined;
    pw.busy = false;
    pw.worker.unref();
    if (m.ok) p.resolve({ counts: m.counts, numPages: m.numPages, ...(m.title ? { title: m.title } : {}) });
    else p.reject(new PdfError(m.name, m.message));
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

function idleWorker(youngMb: number): PoolWorker {
  let pw = pool.find((w) => !w.busy && w.youngMb === youngMb);
  if (!pw) {
    pw = spawn(youngMb);
    pool.push(pw);
  }
  pw.busy = true;
  return pw;
}

function runPart(
  bytes: SharedArrayBuffer,
  part: number,
  nextPage: SharedArrayBuffer,
  options: { timeoutMs: number; pagesPerOpening: number; collectEveryChars: number; youngMb: number },
  onPages: (p: Uint8Array[]) => void,
): Promise<PdfPartResult> {
  const pw = idleWorker(options.youngMb);
  const id = nextJob++;
  pw.worker.ref();
  return new Promise<PdfPartResult>((resolve, reject) => {
    const timer = setTimeout(() => {
      void pw.worker.terminate();
      reject(new PdfError('Timeout', `reading the PDF took longer than ${Math.round(options.timeoutMs / 1000)} s`));
    }, options.timeoutMs);
    pw.pending = {
      id,
      onPages,
      resolve: (r) => {
        clearTimeout(timer);
        resolve(r);
      },
      reject: (e) => {
        clearTimeout(timer);
        reject(e);
      },
    };
    const job: PdfJob = { id, bytes, part, nextPage, pagesPerOpening: options.pagesPerOpening, collectEveryChars: options.collectEveryChars };
    pw.worker.postMessage(job);
  });
}

const MB = 1024 * 1024;

/**
 * From this size a PDF is read memory first, below it speed first (the ingest bench times a 6.9 MB PDF: read 2×
 * slower with the large ones' settings, 2.08 s against 1.05 s). A large PDF is read:
 * - by one worker: each worker holds its own pdfjs (≈80 MB with a small PDF read), the part of the document it has
 *   opened and its garbage (about 75 MB more for the bench's 17.2 MB PDF with two workers than with one), while a
 *   second worker only pays off on an idle machine (on the shared 2-core machine both took 6.3–12.8 s for that PDF);
 *   the other workers are stopped before and after it, so that their memory is returned before the text is laid
 *   out, parsed and stored (after a smaller PDF they are kept for the next one: starting them costs ~550 ms);
 * - with a young generation of 16 MB (else 48: pdfjs makes many short-lived arrays per glyph, and a larger young
 *   generation reads faster), the document opened again every 100 pages (else 2,000: pdfjs keeps what it parsed of
 *   every page read, on both of its sides, until the document is closed: 68 MB after the 1,679 pages of the bench's
 *   17.2 MB PDF), and a full garbage collection of the worker every 250,000 characters read (else 2,000,000). Those
 *   three, against 48 MB, 200 pages and 500,000 characters, on the 17.2 MB PDF (extractLines alone, medians of 3
 *   interleaved runs): 210 MB at the peak against 236 MB, 9.4 s against 7.8 s;
 * - with its pages kept in a temporary file until they are laid out (pdfPages.ts).
 */
export const LARGE_PDF = 8 * MB;

export interface ReadingPlan {
  parts: number;
  youngMb: number;
  pagesPerOpening: number;
  collectEveryChars: number;
  /** Stop the idle workers before the document is read and after. */
  stopWorkers: boolean;
  /** Keep its pages in a temporary file (pdfPages.ts). */
  spill: boolean;
}

/** How a PDF of `size` bytes is read (see LARGE_PDF). */
export function readingPlan(size: number): ReadingPlan {
  if (size >= LARGE_PDF) return { parts: 1, youngMb: 16, pagesPerOpening: 100, collectEveryChars: 250_000, stopWorkers: true, spill: true };
  // Up to the CPUs (max 4); one for a small file.
  const parts = size < 256 * 1024 ? 1 : Math.max(1, Math.min(4, availableParallelism()));
  return { parts, youngMb: 48, pagesPerOpening: 2_000, collectEveryChars: 2_000_000, stopWorkers: false, spill: false };
}

/** Stops the workers not reading a document now (the next PDF starts new ones). */
async function stopIdleWorkers(): Promise<void> {
  const idle = pool.filter((w) => !w.busy);
  for (const w of idle) pool.splice(pool.indexOf(w), 1);
  await Promise.all(idle.map((w) => w.worker.terminate()));
}

/** What tests may set instead of readingPlan: the workers, the pages per opening, where the pages are kept. */
export interface ExtractOptions {
  parts?: number;
  pagesPerOpening?: number;
  /** A folder for the temporary file of the pages, or false to keep them in memory. */
  spillTo?: string | false;
}

/**
 * The lines of every page of a PDF and their word counts, read in parallel by the worker pool as readingPlan says.
 * The pages must be closed (`pages.close()`) once read.
 */
export async function extractLines(
  bytes: Uint8Array | SharedArrayBuffer,
  opts: ExtractOptions = {},
): Promise<{ pages: PackedPages; numPages: number; title?: string; wordCounts: Map<number, number> }> {
  const size = bytes.byteLength;
  const plan = readingPlan(size);
  const options = {
    timeoutMs: 60_000 + (size / 1e6) * 10_000,
    pagesPerOpening: opts.pagesPerOpening ?? plan.pagesPerOpening,
    collectEveryChars: plan.collectEveryChars,
    youngMb: plan.youngMb,
  };
  const nextPage = new SharedArrayBuffer(4);
  // One copy of the bytes, which every worker's pdfjs reads in place.
  const shared = bytes instanceof SharedArrayBuffer ? bytes : sharedCopy(bytes);
  if (plan.stopWorkers) await stopIdleWorkers();
  const spillTo = opts.spillTo ?? (plan.spill ? tmpdir() : false);
  const pages = new PackedPages(spillTo || undefined);
  const keep = (batch: Uint8Array[]) => {
    for (const p of batch) pages.put(p);
  };
  let results: PdfPartResult[];
  try {
    results = await Promise.all(Array.from({ length: opts.parts ?? plan.parts }, (_, i) => runPart(shared, i, nextPage, options, keep)));
  } catch (e) {
    pages.close();
    throw e;
  } finally {
    if (plan.stopWorkers) await stopIdleWorkers();
  }
  const counts = new Map<number, number>();
  for (const { counts: c } of results) {
    for (let i = 0; i < c.keys.length; i++) counts.set(c.keys[i]!, (counts.get(c.keys[i]!) ?? 0) + c.values[i]!);
  }
  const { numPages, title } = results[0]!;
  return { pages, numPages, ...(title ? { title } : {}), wordCounts: counts };
}

function sharedCopy(bytes: Uint8Array): SharedArrayBuffer {
  const shared = new SharedArrayBuffer(bytes.length);
  new Uint8Array(shared).set(bytes);
  return shared;
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
      'pdf-encrypted',
    );
  }
  if (name === 'InvalidPDFException' || name === 'FormatError' || /Invalid PDF|bad XRef/i.test(message)) {
    return new InputError(`not a readable PDF (${message}); the file may be damaged or incomplete`, origin, 'pdf-damaged');
  }
  return new InputError(`cannot read the PDF: ${message}`, origin, 'pdf-damaged');
}

/**
 * The PDF's bytes, taken from `held` (which it empties) into the one shared copy the workers read, once checked to
 * be whole: from here on that copy is the only one (the caller keeps no other), and it is let go once read.
 */
function takeShared(held: { bytes: Uint8Array | undefined }, origin: string): SharedArrayBuffer {
  const bytes = held.bytes!;
  held.bytes = undefined;
  // Trailing whitespace (PDF's: NUL, tab, line ends, form feed, space) may follow %%EOF, however much of it there is.
  let last = bytes.length;
  while (last > 0 && [0, 9, 10, 12, 13, 32].includes(bytes[last - 1]!)) last--;
  const tail = new TextDecoder('latin1').decode(bytes.subarray(Math.max(0, last - 2048), last));
  if (!tail.includes('%%EOF')) {
    throw new InputError('the PDF is truncated (it does not end with %%EOF): download it again', origin, 'pdf-damaged');
  }
  return sharedCopy(bytes);
}

/** What pdfToText tells as it reads (the import's garbage collections: see ToTextOptions). */
export interface PdfHooks {
  /** The characters of each page's lines read for the layout, then of the text laid out. */
  onPart?: (chars: number) => void;
  /** The bytes were copied into the memory the workers share: the holder's copy is garbage. */
  onDecoded?: () => void;
}

/** The PDF's pages as read (see takeShared); errors are InputErrors naming the file. */
async function readPages(held: { bytes: Uint8Array | undefined }, origin: string, hooks: PdfHooks) {
  const shared = takeShared(held, origin);
  hooks.onDecoded?.();
  try {
    return await extractLines(shared);
  } catch (e) {
    throw pdfError(e, origin);
  }
}

/** The pages, each page's lines counted towards the import's collections as they are read (garbage once laid out). */
function counting(src: PageSource, onPart?: (chars: number) => void): PageSource {
  if (!onPart) return src;
  return {
    count: src.count,
    height: (p) => src.height(p),
    edges: (p) => src.edges(p),
    lines: (p) => {
      const lines = src.lines(p);
      onPart(textLength(lines));
      return lines;
    },
  };
}

/**
 * A PDF's text in reading order (see pdfLayout.ts), from the bytes it takes from `held` (see readPages). Errors name
 * the file: truncated (no `%%EOF` at the end), encrypted, damaged, or without a text layer (a scan: it needs OCR
 * first).
 */
export async function pdfToText(held: { bytes: Uint8Array | undefined }, origin: string, hooks: PdfHooks = {}): Promise<PdfText> {
  const { onPart } = hooks;
  const { pages, numPages, title: metaTitle, wordCounts } = await readPages(held, origin, hooks);
  let laid: ReturnType<typeof layoutPages>;
  try {
    pages.check(numPages, origin);
    laid = layoutPages(counting(pages, onPart), wordCounts);
  } finally {
    pages.close();
  }
  if (!laid.text.trim()) {
    const n = numPages;
    throw new InputError(
      `the PDF has no text layer (${n} page${n === 1 ? '' : 's'} of images?): it needs OCR first (e.g. \`ocrmypdf in.pdf out.pdf\`)`,
      origin,
      'pdf-without-text',
    );
  }
  const title = metaTitle ?? laid.runningHeader;
  onPart?.(laid.text.length);
  return { text: laid.text, ...(title ? { title } : {}), pages: numPages, emptyPages: laid.emptyPages };
}
