import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { InputError } from '../../domain/index.js';
import { workerEntry as entryOf } from '../workerEntry.js';
import { layoutLines, textLength } from './pdfLayout.js';
import type { PackedPage } from './pdfPacked.js';
import { unpackLines } from './pdfPacked.js';
import type { PdfJob, PdfPageLines, PdfPartResult, PdfWorkerReply } from './pdfWorker.js';

/**
 * PDF text is read with pdfjs-dist (legacy build, the one for Node 20) in worker threads (pdfWorker.ts):
 * - every worker opens the document and takes the next unread page whenever it is free (a shared counter), so
 *   the workers finish together however uneven the pages are; each groups its pages' runs into lines and counts
 *   their words, in parallel, and this thread lays the lines out into text;
 * - pdfjs's bundled core-js polyfills replace `Array.prototype.push`, `JSON.parse` and `JSON.stringify` of the
 *   realm that loads it with much slower versions (a V8 bug check Node 20 fails); in a worker that realm is not
 *   the app's. The worker restores them anyway, for its own speed.
 * Workers are started on first use, kept for the next document (stopped after a LARGE_PDF), and
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
  pending?: { resolve: (r: PdfPartResult) => void; reject: (e: Error) => void; onPages: (p: PackedPage[]) => void; id: number };
}

let nextJob = 1;
const pool: PoolWorker[] = [];

function spawn(): PoolWorker {
  // A larger young generation: pdfjs makes many short-lived arrays per glyph.
  const worker = new Worker(workerEntry(), { resourceLimits: { maxYoungGenerationSizeMb: 48 } });
  const pw: PoolWorker = { worker, busy: false };
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

function idleWorker(): PoolWorker {
  let pw = pool.find((w) => !w.busy);
  if (!pw) {
    pw = spawn();
    pool.push(pw);
  }
  pw.busy = true;
  return pw;
}

function runPart(
  bytes: SharedArrayBuffer,
  part: number,
  nextPage: SharedArrayBuffer,
  options: { timeoutMs: number; pagesPerOpening: number; collectEveryChars: number },
  onPages: (p: PackedPage[]) => void,
): Promise<PdfPartResult> {
  const pw = idleWorker();
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
 * slower with the large ones' settings, 2.08 s against 1.05 s):
 * - one worker: each worker holds its own pdfjs, the part of the document it has opened and its garbage (about 75 MB
 *   more for the bench's 17.2 MB PDF with two workers than with one), while a second worker only pays off on an idle
 *   machine (on the shared 2-core machine both took 6.3–12.8 s for that PDF);
 * - the document opened again every 200 pages (else 2,000): pdfjs keeps what it parsed of every page read (page
 *   objects and dictionaries, on both of its sides) until the document is closed, about 40 KB a page (68 MB after
 *   the 1,679 pages of the bench's 17.2 MB PDF); an opening costs time (every 200 pages: ~150 ms more on the ingest
 *   bench's 633 pages);
 * - a full garbage collection of the worker every 500,000 characters read (else 2,000,000: ~300 ms less on that
 *   PDF; for the 17.2 MB PDF, with openings every 500 pages, +18 MB at the peak);
 * - the idle workers stopped after it, so that their memory (pdfjs, its garbage) is returned before the text is laid
 *   out, parsed and stored; after a smaller PDF they are kept for the next one (starting them again costs ~550 ms).
 */
export const LARGE_PDF = 8 * MB;

/** How a PDF of `size` bytes is read (see LARGE_PDF). */
export function readingPlan(size: number): { parts: number; pagesPerOpening: number; collectEveryChars: number; stopWorkers: boolean } {
  if (size >= LARGE_PDF) return { parts: 1, pagesPerOpening: 200, collectEveryChars: 500_000, stopWorkers: true };
  // Up to the CPUs (max 4); one for a small file.
  const parts = size < 256 * 1024 ? 1 : Math.max(1, Math.min(4, availableParallelism()));
  return { parts, pagesPerOpening: 2_000, collectEveryChars: 2_000_000, stopWorkers: false };
}

/** Stops the workers not reading a document now (the next PDF starts new ones). */
async function stopIdleWorkers(): Promise<void> {
  const idle = pool.filter((w) => !w.busy);
  for (const w of idle) pool.splice(pool.indexOf(w), 1);
  await Promise.all(idle.map((w) => w.worker.terminate()));
}

/**
 * The lines of every page of a PDF (in page order) and their word counts, read in parallel by the worker pool, as
 * readingPlan says (tests may set the workers and the pages per opening).
 */
export async function extractLines(
  bytes: Uint8Array,
  parts?: number,
  pagesPerOpening?: number,
): Promise<{ pages: PdfPageLines[]; numPages: number; title?: string; wordCounts: Map<number, number> }> {
  const plan = readingPlan(bytes.length);
  const options = { timeoutMs: 60_000 + (bytes.length / 1e6) * 10_000, pagesPerOpening: pagesPerOpening ?? plan.pagesPerOpening, collectEveryChars: plan.collectEveryChars };
  const nextPage = new SharedArrayBuffer(4);
  // One copy of the bytes, which every worker's pdfjs reads in place.
  const shared = new SharedArrayBuffer(bytes.length);
  new Uint8Array(shared).set(bytes);
  // Packed while the workers read (pdfPacked.ts); Line objects once they are done (and stopped, for a large PDF).
  const packed: (PackedPage | undefined)[] = [];
  const onPages = (batch: PackedPage[]) => {
    for (const p of batch) packed[p.index] = p;
  };
  let results: PdfPartResult[];
  try {
    results = await Promise.all(Array.from({ length: parts ?? plan.parts }, (_, i) => runPart(shared, i, nextPage, options, onPages)));
  } finally {
    if (plan.stopWorkers) await stopIdleWorkers();
  }
  const numPages = results[0]!.numPages;
  const pages = new Array<PdfPageLines>(numPages);
  for (let i = 0; i < numPages; i++) {
    const p = packed[i]!;
    pages[i] = { index: p.index, width: p.width, height: p.height, lines: unpackLines(p) };
    packed[i] = undefined; // each packed page is garbage once unpacked
  }
  const counts = new Map<number, number>();
  for (const { counts: c } of results) {
    for (let i = 0; i < c.keys.length; i++) counts.set(c.keys[i]!, (counts.get(c.keys[i]!) ?? 0) + c.values[i]!);
  }
  return { pages, numPages, ...(results[0]!.title ? { title: results[0]!.title } : {}), wordCounts: counts };
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
 * The PDF's lines read and laid out. The garbage of reading (the packed pages, once unpacked), then the lines once
 * laid out (several times the text: gone when this returns), count towards the import's collections (`onPart`).
 */
async function readAndLayOut(bytes: Uint8Array, origin: string, onPart?: (chars: number) => void) {
  let extracted: Awaited<ReturnType<typeof extractLines>>;
  try {
    extracted = await extractLines(bytes);
  } catch (e) {
    throw pdfError(e, origin);
  }
  onPart?.(extracted.pages.reduce((n, p) => n + textLength(p.lines), 0));
  const laid = layoutLines(extracted.pages.map((p) => p.lines), extracted.pages.map((p) => p.height), extracted.wordCounts);
  return { laid, numPages: extracted.numPages, ...(extracted.title ? { title: extracted.title } : {}) };
}

/**
 * A PDF's text in reading order (see pdfLayout.ts). Errors name the file: truncated (no `%%EOF` at the end),
 * encrypted, damaged, or without a text layer (a scan: it needs OCR first).
 */
export async function pdfToText(bytes: Uint8Array, origin: string, onPart?: (chars: number) => void): Promise<PdfText> {
  // Trailing whitespace (PDF's: NUL, tab, line ends, form feed, space) may follow %%EOF, however much of it there is.
  let last = bytes.length;
  while (last > 0 && [0, 9, 10, 12, 13, 32].includes(bytes[last - 1]!)) last--;
  const tail = new TextDecoder('latin1').decode(bytes.subarray(Math.max(0, last - 2048), last));
  if (!tail.includes('%%EOF')) {
    throw new InputError('the PDF is truncated (it does not end with %%EOF): download it again', origin, 'pdf-damaged');
  }
  const { laid, numPages, title: metaTitle } = await readAndLayOut(bytes, origin, onPart);
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
