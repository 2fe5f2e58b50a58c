import { randomUUID } from 'node:crypto';
import { closeSync, openSync, readSync, rmSync, unlinkSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { TipAtlasError } from '../../domain/index.js';
import type { Line, PageSource } from './pdfLayout.js';
import type { PageHeader } from './pdfPacked.js';
import { pageHeader, unpackLines } from './pdfPacked.js';

/** A page's lines with its (0-based) number and size. */
export interface PdfPageLines {
  index: number;
  width: number;
  height: number;
  lines: Line[];
}

/**
 * A PDF's pages as the workers read them (packed: pdfPacked.ts), kept until they are laid out, which reads each
 * page twice (pdfLayout.ts `layoutPages`). A small PDF's are kept in memory; a large one's are written to a
 * temporary file as they come (`spillTo`, a folder), so that its lines are never all in memory (the bench's 17.2 MB
 * PDF: 21 MB packed, ≈55 MB as Line objects). The file is removed from its folder as soon as it is created and
 * read through its descriptor: nothing is left behind, even when the process is killed. When it cannot be created
 * the pages are kept in memory (the import needs more memory, not more than before this store). A failure to
 * write it stops the import (`check`).
 */
export class PackedPages implements PageSource {
  private readonly headers: PageHeader[] = [];
  private readonly inMemory: (Uint8Array | undefined)[] = [];
  private readonly at: { offset: number; length: number }[] = [];
  private fd: number | undefined;
  private end = 0;
  /** Why the temporary file could not be written, if it could not: the pages cannot be laid out (see `check`). */
  private failure: string | undefined;

  constructor(private readonly spillTo?: string) {
    if (!spillTo) return;
    const path = join(spillTo, `tip-atlas-pdf-${process.pid}-${randomUUID()}.tmp`);
    try {
      this.fd = openSync(path, 'wx+', 0o600);
      unlinkSync(path);
    } catch {
      if (this.fd !== undefined) {
        closeSync(this.fd);
        rmSync(path, { force: true });
      }
      this.fd = undefined;
    }
  }

  /** Whether the pages go to a temporary file. */
  get spilled(): boolean {
    return this.fd !== undefined;
  }

  /** Keeps a packed page (a buffer of its own, as the workers send them). Errors are kept for `check`. */
  put(bytes: Uint8Array): void {
    const h = pageHeader(bytes);
    this.headers[h.index] = h;
    if (this.fd === undefined) {
      this.inMemory[h.index] = bytes;
      return;
    }
    if (this.failure) return;
    try {
      for (let done = 0; done < bytes.length; ) done += writeSync(this.fd, bytes, done, bytes.length - done, this.end + done);
      this.at[h.index] = { offset: this.end, length: bytes.length };
      this.end += bytes.length;
    } catch (e) {
      this.failure = `cannot keep the PDF's pages in a temporary file in ${this.spillTo} (${(e as Error).message}): free some space there, or set TMPDIR to another folder`;
    }
  }

  /**
   * Throws what went wrong keeping the pages of the PDF read from `origin`, if anything did, or if any of its
   * `numPages` is missing: a failure of this machine (a full disk), not of the file, which stops an import.
   */
  check(numPages: number, origin: string): void {
    const fail = (reason: string) => new TipAtlasError(`${origin}: ${reason}`);
    if (this.failure) throw fail(this.failure);
    for (let i = 0; i < numPages; i++) {
      if (!this.headers[i]) throw fail(`page ${i + 1} of the PDF's ${numPages} was not read`);
    }
    if (this.headers.length !== numPages) throw fail(`the PDF has ${numPages} pages, but ${this.headers.length} were read`);
  }

  get count(): number {
    return this.headers.length;
  }

  height(page: number): number {
    return this.headers[page]!.height;
  }

  edges(page: number): { top: number; bottom: number } | undefined {
    return this.headers[page]!.edges;
  }

  lines(page: number): Line[] {
    if (this.fd === undefined) return unpackLines(this.inMemory[page]!);
    const { offset, length } = this.at[page]!;
    // A buffer of its own: the numbers are read in place, which needs an offset that is a multiple of 8.
    const bytes = new Uint8Array(length);
    for (let done = 0; done < length; ) {
      const n = readSync(this.fd, bytes, done, length - done, offset + done);
      if (n === 0) throw new Error(`the PDF's temporary file ended early (page ${page + 1})`);
      done += n;
    }
    return unpackLines(bytes);
  }

  page(page: number): PdfPageLines {
    const { index, width, height } = this.headers[page]!;
    return { index, width, height, lines: this.lines(page) };
  }

  /** Lets the pages go (and the temporary file). */
  close(): void {
    this.inMemory.length = 0;
    if (this.fd !== undefined) closeSync(this.fd);
    this.fd = undefined;
  }
}
