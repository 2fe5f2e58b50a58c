import type { ExtractOptions } from '../../src/ingest/toText/pdf.js';
import { extractLines } from '../../src/ingest/toText/pdf.js';
import type { PdfPageLines } from '../../src/ingest/toText/pdfPages.js';

/** extractLines with every page's lines read back (and the pages closed): what tests compare. */
export async function pdfLines(bytes: Uint8Array, opts: ExtractOptions = {}) {
  const { pages, ...rest } = await extractLines(bytes, opts);
  try {
    const all: PdfPageLines[] = Array.from({ length: pages.count }, (_, i) => pages.page(i));
    return { ...rest, pages: all, spilled: pages.spilled };
  } finally {
    pages.close();
  }
}
