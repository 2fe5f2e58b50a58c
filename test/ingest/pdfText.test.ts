import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { reportPdf, syntheticReport } from '../../bench/generate.js';
import { layoutTwoColumns, writePdf } from '../../bench/pdf.js';
import type { LayoutBlock } from '../../bench/pdf.js';
import { pdfToText } from '../../src/ingest/toText/pdf.js';
import { pageLines } from '../../src/ingest/toText/pdfLayout.js';
import type { Run } from '../../src/ingest/toText/pdfLayout.js';
import { packPage, pageHeader, unpackLines } from '../../src/ingest/toText/pdfPacked.js';
import { PackedPages } from '../../src/ingest/toText/pdfPages.js';
import { pdfLines } from '../helpers/pdfLines.js';

/**
 * The text extracted from synthetic PDFs, byte for byte as before the PDF import's memory was reduced (issue 17):
 * sha256 of the text recorded from main (commit 87ef301) for the same bytes. Any change to what pdfjs is asked for,
 * how workers share pages, or how often the document is opened again must leave these unchanged.
 */
const para = (text: string): LayoutBlock => ({ kind: 'paragraph', text });
const quuxland = () =>
  writePdf(
    layoutTwoColumns(
      [
        { kind: 'heading', text: 'QUUXLAND: Tier 2' },
        ...Array.from({ length: 90 }, (_, i) =>
          para(`Paragraph ${i + 1}. Inspectors in the invented provinces screened ${i + 3} workers for indicators of exploitation and referred them to care. ${'Observers noted gaps where inspectors seldom visited. '.repeat(3)}`),
        ),
      ],
      { runningHeader: 'SYNTHETIC' },
    ),
    { title: 'Quuxland (synthetic)' },
  );

const CASES: { name: string; make: () => Uint8Array; sha256: string; chars: number; pages: number }[] = [
  {
    // bench/importMemory.ts: the 669-narrative report of ~10 MB of text as a two-column PDF (17.2 MB).
    name: 'the import memory bench PDF (17.2 MB, 1,679 pages)',
    make: () => reportPdf(syntheticReport({ year: 2024, countries: 669, seed: 1, scale: (10 - 1.56) / 0.644 / 13.3 })),
    sha256: '066024d1406004edff8ca0e589484db86cc422d6632e35068699a4d61f587614',
    chars: 10327303,
    pages: 1679,
  },
  {
    name: 'the ingest bench PDF (6.9 MB, 633 pages)',
    make: () => reportPdf(syntheticReport({ year: 2024, countries: 190, seed: 1, scale: 1.4 })),
    sha256: 'c16ca655be7dd42b9066f4dd11bd73a8353b7c3381d026a311ae5ef2b2e8a6c1',
    chars: 3962329,
    pages: 633,
  },
  {
    name: '2024 layout, every heading style',
    make: () => reportPdf(syntheticReport({ year: 2024, countries: 40, headings: 'mixed', scale: 0.4, seed: 3 })),
    sha256: 'c6d96d915c7c484ef9b1b1ee80b6eef97b4f7ef503d2d608b4af643fefe80041',
    chars: 317559,
    pages: 61,
  },
  {
    name: '2004–2016 layout',
    make: () => reportPdf(syntheticReport({ year: 2013, countries: 30, headings: 'mixed', scale: 0.4, seed: 4 })),
    sha256: 'adf11b6e343345e0e9c81bebc8eb027d13d1378429a18255ed8c981666af889a',
    chars: 156275,
    pages: 33,
  },
  {
    name: 'without hyphenation',
    make: () => reportPdf(syntheticReport({ year: 2016, countries: 12, scale: 0.3, seed: 5 }), false),
    sha256: 'cb85791343b771a28a35e14f5d1b0eb802e96a94b5624299dddf51dd8c1d0087',
    chars: 61068,
    pages: 16,
  },
  {
    name: 'one country, read by one worker (under 256 KB)',
    make: quuxland,
    sha256: '2e4551fae4a9da48b850102f0ce167759767a1d50b06102f7773b86462365b95',
    chars: 26279,
    pages: 5,
  },
];

describe('PDF text is the same as before (sha256 recorded from main)', () => {
  for (const c of CASES) {
    it(c.name, { timeout: 240_000 }, async () => {
      const t = await pdfToText({ bytes: c.make() }, 'x.pdf');
      expect({ chars: t.text.length, pages: t.pages, emptyPages: t.emptyPages }).toEqual({ chars: c.chars, pages: c.pages, emptyPages: [] });
      expect(createHash('sha256').update(t.text).digest('hex')).toBe(c.sha256);
    });
  }
});

describe('PDF extraction: what bounds its memory keeps the lines the same', () => {
  it('opening the document again every few pages, in one worker or two, pages kept in memory or in a file, gives the same lines, fonts included', async () => {
    const doc = reportPdf(syntheticReport({ year: 2013, countries: 30, headings: 'mixed', scale: 0.4, seed: 4 }));
    const once = await pdfLines(doc, { parts: 1, pagesPerOpening: Infinity, spillTo: false });
    expect(once.numPages).toBe(33);
    expect(once.spilled).toBe(false);
    const dir = mkdtempSync(join(tmpdir(), 'tip-atlas-spill-'));
    try {
      for (const [parts, every, spillTo] of [[1, 1, false], [1, 5, dir], [2, 3, dir], [2, 200, false]] as const) {
        const r = await pdfLines(doc, { parts, pagesPerOpening: every, spillTo });
        expect(r.spilled).toBe(spillTo !== false);
        expect(r.pages).toEqual(once.pages);
        expect([...r.wordCounts].sort((a, b) => a[0] - b[0])).toEqual([...once.wordCounts].sort((a, b) => a[0] - b[0]));
        expect(r.title).toBe(once.title);
      }
      // The temporary file is removed from its folder as soon as it is made.
      expect(readdirSync(dir)).toEqual([]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    // A folder where no file can be made: the pages are kept in memory, and read the same.
    const nowhere = await pdfLines(doc, { parts: 1, spillTo: join(tmpdir(), 'tip-atlas-no-such-folder', 'x') });
    expect(nowhere.spilled).toBe(false);
    expect(nowhere.pages).toEqual(once.pages);
  });

  it('the bytes given are not changed (the workers read one shared copy)', async () => {
    const doc = quuxland();
    const copy = doc.slice();
    await pdfLines(doc, { parts: 2 });
    expect(doc).toEqual(copy);
  });

  it('pdfToText takes the bytes from their holder, so that the caller keeps no copy while the PDF is read', async () => {
    const held: { bytes: Uint8Array | undefined } = { bytes: quuxland() };
    const t = await pdfToText(held, 'x.pdf');
    expect(held.bytes).toBeUndefined();
    expect(t.text).toContain('QUUXLAND');
  });

  it('a page packed for the trip from a worker unpacks into the same lines', () => {
    const run = (str: string, x: number, y: number, size = 10, font = 'f1'): Run => [str, x, y, str.length * size * 0.45, size, font];
    const runs: Run[] = [
      run('A HEADING ACROSS THE PAGE', 50, 740, 14, 'f2'),
      ...Array.from({ length: 12 }, (_, i) => run(`left column line ${i} with “quotes” and ﬁ`, 50, 700 - i * 12)),
      ...Array.from({ length: 12 }, (_, i) => run(`right column line ${i}, 3.25 % of it`, 320, 700 - i * 12, 10, i % 2 ? 'f1' : 'f3')),
    ];
    const lines = pageLines({ width: 612, height: 792, runs }, 4);
    expect(lines.length).toBeGreaterThan(20);
    expect(new Set(lines.map((l) => l.region)).size).toBeGreaterThan(1);
    const packed = packPage(4, 612, 792, lines);
    const ys = lines.map((l) => l.y);
    expect(pageHeader(packed)).toEqual({ index: 4, width: 612, height: 792, lines: lines.length, edges: { top: Math.max(...ys), bottom: Math.min(...ys) } });
    expect(unpackLines(packed)).toEqual(lines);
    const empty = packPage(5, 612, 792, []);
    expect(pageHeader(empty)).toEqual({ index: 5, width: 612, height: 792, lines: 0 });
    expect(unpackLines(empty)).toEqual([]);
  });

  it('pages kept in a file read back as kept in memory, in any order they came, and a missing page is an error', () => {
    const line = (text: string, y: number, page: number) => ({ text, x0: 50, x1: 300, y, size: 10, font: page % 2 ? 'f2' : 'f1', page, region: 0 as const, colWidth: 250 });
    const packed = [0, 1, 2].map((p) => packPage(p, 612, 792, p === 1 ? [] : [line(`page ${p} top “quoted” 𝔘`, 700, p), line(`page ${p} bottom`, 90, p)]));
    const dir = mkdtempSync(join(tmpdir(), 'tip-atlas-pages-'));
    try {
      for (const spillTo of [undefined, dir]) {
        const pages = new PackedPages(spillTo);
        expect(pages.spilled).toBe(spillTo !== undefined);
        for (const i of [2, 0, 1]) pages.put(packed[i]!.slice());
        pages.check(3, 'x.pdf');
        expect(pages.count).toBe(3);
        expect(pages.edges(0)).toEqual({ top: 700, bottom: 90 });
        expect(pages.edges(1)).toBeUndefined();
        expect(pages.lines(2).map((l) => l.text)).toEqual(['page 2 top “quoted” 𝔘', 'page 2 bottom']);
        expect([0, 1, 2].map((i) => pages.page(i))).toEqual([0, 1, 2].map((i) => ({ index: i, width: 612, height: 792, lines: unpackLines(packed[i]!) })));
        expect(() => pages.check(4, 'x.pdf')).toThrow(/^x\.pdf: page 4 of the PDF's 4 was not read$/);
        pages.close();
      }
      const gap = new PackedPages();
      gap.put(packed[0]!);
      gap.put(packed[2]!);
      expect(() => gap.check(3, 'x.pdf')).toThrow(/^x\.pdf: page 2 of the PDF's 3 was not read$/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
