import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { layoutTwoColumns, writePdf } from '../../bench/pdf.js';
import type { LayoutBlock, PdfPage } from '../../bench/pdf.js';
import { InputError } from '../../src/domain/index.js';
import { detectFormat, htmlToText, parseDocument, sha256Of, toText } from '../../src/ingest/index.js';
import { decodeEntities } from '../../src/ingest/toText/html.js';
import { layoutText } from '../../src/ingest/toText/pdfLayout.js';
import type { PageRuns } from '../../src/ingest/toText/pdfLayout.js';
import { fictionalLookup } from '../fixtures/countries.js';
import { expectGolden } from '../helpers/golden.js';
import { pdfLines } from '../helpers/pdfLines.js';

const bytes = (s: string) => new Uint8Array(Buffer.from(s, 'utf8'));
const PAGES = new URL('../fixtures/pages/', import.meta.url);
const GOLDEN = new URL('../golden/pages/', import.meta.url);

describe('the format is read from the bytes', () => {
  it('tells PDF, HTML and text apart whatever the file is called', () => {
    expect(detectFormat(bytes('%PDF-1.4\n...'), 'report.txt')).toBe('pdf');
    expect(detectFormat(bytes('\n\n  <!DOCTYPE html><html><body><p>x</p></body></html>'), 'page.txt')).toBe('html');
    expect(detectFormat(bytes('<html lang="en"><p>x</p></html>'), 'noext')).toBe('html');
    expect(detectFormat(bytes('<!-- saved page -->\n<head><title>x</title></head>'), 'noext')).toBe('html');
    expect(detectFormat(bytes('<div><p>Fragment</p></div>'), 'page.html')).toBe('html');
    expect(detectFormat(bytes('EXAMPLIA (Tier 2)\n\nThe text mentions <b> but is text.'), 'x.html')).toBe('text');
    expect(detectFormat(bytes('EXAMPLIA (Tier 2)\n\nplain text'), 'page.html')).toBe('text');
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('<!doctype html><p>x</p>', 'utf16le')]);
    expect(detectFormat(new Uint8Array(utf16), 'x')).toBe('html');
  });

  it('is a PDF only when %PDF- starts the file (after a BOM or whitespace), not when a text mentions it', () => {
    expect(detectFormat(bytes('\ufeff\n %PDF-1.7\n...'), 'x')).toBe('pdf');
    expect(detectFormat(bytes('EXAMPLIA (Tier 2)\n\nThe file header %PDF-1.4 is quoted here.'), 'x.txt')).toBe('text');
    expect(detectFormat(bytes('<!doctype html><p>%PDF-1.4</p>'), 'x')).toBe('html');
  });
});

describe('plain text in every encoding the pages come in', () => {
  const text = 'FICTONIA: Tier 2 Watch List\n\nThe government’s “plan” — café.\n';
  const cases: [string, Buffer][] = [
    ['UTF-8', Buffer.from(text, 'utf8')],
    ['UTF-8 with BOM', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, 'utf8')])],
    ['UTF-16 LE with BOM', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')])],
    ['UTF-16 BE with BOM', Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(text, 'utf16le').swap16()])],
    ['Windows-1252', Buffer.from(text.replace('’', '\x92').replace('“', '\x93').replace('”', '\x94').replace('—', '\x97'), 'latin1')],
    ['CRLF line ends', Buffer.from(text.replace(/\n/g, '\r\n'), 'utf8')],
  ];
  for (const [name, b] of cases) {
    it(name, async () => {
      const t = await toText(new Uint8Array(b), 'x.txt');
      expect(t.format).toBe('text');
      expect(t.text).toBe(text);
    });
  }
});

describe('HTML: the main content only, as blocks', () => {
  it('drops banners, navigation, share links, scripts and footers, and keeps paragraphs, headings and list items', () => {
    const html = readFileSync(new URL('examplia-2024-publisher.html', PAGES), 'utf8');
    const { text, title } = htmlToText(html);
    expect(title).toBe('2024 Trafficking in Persons Report: Examplia - United States Department of State');
    const blocks = text.trim().split('\n\n');
    expect(blocks[0]).toBe(title);
    expect(blocks[1]).toBe('2024 Trafficking in Persons Report: Examplia');
    expect(blocks[2]).toBe('EXAMPLIA (Tier 2)');
    expect(blocks).toContain('PRIORITIZED RECOMMENDATIONS:');
    expect(blocks).toContain('Adopt written procedures to identify victims among lantern-factory workers.');
    expect(blocks).toContain('Increase funding for the two river-province shelters.');
    expect(blocks.at(-1)).toMatch(/^As reported over the past five years, .*Examplia’s invented lantern factories\.$/);
    for (const gone of ['official website', '.gov', 'Skip to', 'Facebook', 'Home', 'Related', 'FICTONIA', 'QUUXLAND', 'Tier 3', 'Tier 1', 'Privacy', 'dataLayer', 'color: red']) {
      expect(text, gone).not.toContain(gone);
    }
    expect(text).toContain('remained on Tier\u00a02.'); // &nbsp; decoded, kept as NBSP
    expect(text).toContain('lantern\u2011factory workers & training'); // &#x2011; and &amp;
    expect(text).toContain('identified 31 victims in the fictional river provinces.'); // inline elements joined
  });

  it('decodes named, numeric and legacy entities, and leaves unknown ones alone', () => {
    expect(decodeEntities('&amp; &lt;&gt; &quot;&apos; &rsquo;&ldquo;&rdquo; &eacute; &#233; &#xE9; &#150; &nbsp &copy 2024 &bogus; &#0;')).toBe(
      '& <> "\' ’“” é é é – \u00a0 © 2024 &bogus; \ufffd',
    );
  });

  it('decodes every HTML5 named reference, not only the common ones (names with diacritics, symbols)', () => {
    // &ccaron; &Scedil; &ncedil; and &check; were not among the ~150 names the hand-written tokenizer knew.
    const { text } = htmlToText('<body><p>Ba&ccaron;ka &Scedil;ahin &ncedil; &check; &hellip;</p></body>');
    expect(text).toBe('Ba\u010dka \u015eahin \u0146 \u2713 \u2026\n');
    expect(decodeEntities('a &lt;b&gt; <i>c</i>')).toBe('a <b> <i>c</i>');
  });

  it('keeps <br> as a line break, so a heading split over two lines still reads as one', () => {
    const { text } = htmlToText('<body><p>[ Human Trafficking, Country-by-Country ] FICTONIA<br>(Tier 2 Watch List)</p><p>Text.</p></body>');
    expect(text).toBe('[ Human Trafficking, Country-by-Country ] FICTONIA\n(Tier 2 Watch List)\n\nText.\n');
  });

  it('never runs or shows scripts, even unclosed ones, and tolerates broken markup', () => {
    const { text } = htmlToText('<body><p>One <b>bold</p> two<p>Three < four</p><script>alert("<p>x</p>")</script><p>Five<script>never closed <p>hidden');
    expect(text).toBe('One bold\n\ntwo\n\nThree < four\n\nFive\n');
  });

  it('reads a declared Windows-1252 charset', async () => {
    const page = Buffer.concat([
      Buffer.from('<html><head><meta http-equiv="Content-Type" content="text/html; charset=windows-1252"></head><body><p>MIROVIA: Tier 1</p><p>It\x92s ', 'latin1'),
      Buffer.from('fine.</p></body></html>', 'latin1'),
    ]);
    expect((await toText(new Uint8Array(page), 'm.htm')).text).toBe('MIROVIA: Tier 1\n\nIt’s fine.\n');
  });

  it('prefers valid UTF-8 to a declared 8-bit charset, and says so', async () => {
    const page = Buffer.from('<html><head><meta charset="iso-8859-1"></head><body><p>MIROVIA: Tier 1</p><p>It’s a café.</p></body></html>', 'utf8');
    const t = await toText(new Uint8Array(page), 'm.htm');
    expect(t.text).toBe('MIROVIA: Tier 1\n\nIt’s a café.\n');
    expect(t.warnings.map((w) => w.message)).toEqual(['the page declares the charset windows-1252, but its bytes are valid UTF-8: read as UTF-8']);
    const ascii = Buffer.from('<html><head><meta charset="iso-8859-1"></head><body><p>MIROVIA: Tier 1</p></body></html>', 'utf8');
    expect((await toText(new Uint8Array(ascii), 'm.htm')).warnings).toEqual([]);
  });

  it('keeps only <main> when the page has a real one; "<main" in a script, comment or attribute is not one', () => {
    const fake = '<body><script>var s = "<main>";</script><!-- <main> --><p title="role=main">Kept one.</p><p>Kept two.</p></body>';
    expect(htmlToText(fake).text).toBe('Kept one.\n\nKept two.\n');
    expect(htmlToText('<body><p>Chrome.</p><div role="main"><p>Content.</p></div></body>').text).toBe('Content.\n');
  });

  it('drops page chrome by whole class tokens: "menu-item" and "nomenu" content stays', () => {
    const html = '<body><div class="menu">Menu</div><div class="menu-item">Kept A.</div><p class="nomenu print-friendly">Kept B.</p><div id="nav">Nav</div></body>';
    expect(htmlToText(html).text).toBe('Kept A.\n\nKept B.\n');
  });

  it('a page of nothing but scripts and navigation is an error naming the file', async () => {
    const b = new Uint8Array(readFileSync(new URL('scripts-only.html', PAGES)));
    await expect(toText(b, 'scripts-only.html')).rejects.toThrow(/^scripts-only\.html: the HTML page has no readable content/);
  });
});

describe('golden: fictional pages in the publisher formats', () => {
  for (const file of readdirSync(PAGES).filter((f) => /\.html?$/.test(f) && f !== 'scripts-only.html').sort()) {
    it(file, async () => {
      const b = new Uint8Array(readFileSync(new URL(file, PAGES)));
      const doc = await parseDocument({ origin: `test/fixtures/pages/${file}`, bytes: b, sha256: sha256Of(b) }, { lookup: fictionalLookup });
      const { text: _text, ...rest } = doc;
      expectGolden(new URL(file.replace(/\.html?$/, '.json'), GOLDEN).pathname, rest);
    });
  }

  it('a lone tier heading takes its country from the page title, and the year from the page', async () => {
    const b = new Uint8Array(readFileSync(new URL('quuxland-2014-title-only.html', PAGES)));
    const doc = await parseDocument({ origin: 'q.html', bytes: b, sha256: sha256Of(b) }, { lookup: fictionalLookup });
    const [a] = doc.assessments;
    expect([a!.countryId, a!.reportYear, a!.tier]).toEqual(['XQU', 2014, 'Tier 3']);
    expect(doc.warnings.map((w) => w.message)).toContain('the heading "Tier 3" names no country; Quuxland is read from the page title');
    expect(a!.sections.map((s) => s.kind)).toEqual(['profile', 'summary', 'recommendations', 'prosecution', 'protection', 'prevention']);
    expect(a!.recommendations.map((r) => r.text)).toEqual([
      'Criminalize all forms of trafficking',
      'Train border guards to identify victims',
      'Fund shelters for victims of forced labor on kelp farms.',
    ]);
    expect(a!.tierStatement?.automaticDowngrade?.sentence).toMatch(/automatically downgraded to Tier 3\.$/);
    expect(a!.tierStatement?.waiver).toBeUndefined();
  });
});

// ---------------------------------------------------------------------------------------------------------
// PDF

const para = (text: string): LayoutBlock => ({ kind: 'paragraph', text });

async function pdfText(pages: PdfPage[], title?: string) {
  return toText(writePdf(pages, title ? { title } : {}), 'test.pdf');
}

describe('PDF: reading order, running headers, hyphens, ligatures', () => {
  it('reads two columns left then right, drops running headers and page numbers, and re-joins words split at line ends', async () => {
    const filler = 'Observers noted gaps in the invented provinces, where inspectors seldom screened workers for indicators of exploitation.';
    const blocks: LayoutBlock[] = [
      { kind: 'chapter', text: 'COUNTRY NARRATIVES' },
      { kind: 'heading', text: 'MIROVIA: Tier 1' },
      para(`The Government of Mirovia fully meets the minimum standards for the elimination of trafficking. ${filler} The authorities reported government-compelled labor in the synthetic quarries and launched comprehensive, internationally coordinated investigations of them. ${filler} ${filler}`),
      { kind: 'subheading', text: 'PROSECUTION' },
      ...Array.from({ length: 14 }, (_, i) => para(`Paragraph ${i + 1}. ${filler} ${filler} The government maintained considerable anti-trafficking efforts.`)),
      { kind: 'heading', text: 'NOWHERELAND (Special Case)' },
      para(`Nowhereland remains a Special Case for the fifth consecutive year. ${filler}`),
    ];
    const pages = layoutTwoColumns(blocks, { runningHeader: '2024 TRAFFICKING IN PERSONS REPORT (SYNTHETIC)', hyphenate: true });
    expect(pages.length).toBeGreaterThanOrEqual(2);
    const t = await pdfText(pages, '2024 Trafficking in Persons Report (synthetic)');
    expect(t.format).toBe('pdf');
    expect(t.title).toBe('2024 Trafficking in Persons Report (synthetic)');
    const text = t.text;
    // Order: every paragraph in sequence, across columns and pages.
    const order = Array.from({ length: 14 }, (_, i) => text.indexOf(`Paragraph ${i + 1}. `));
    expect(order.every((at, i) => at > 0 && (i === 0 || at > order[i - 1]!))).toBe(true);
    expect(text.indexOf('MIROVIA: Tier 1')).toBeLessThan(text.indexOf('Paragraph 1.'));
    expect(text.indexOf('NOWHERELAND (Special Case)')).toBeGreaterThan(order[13]!);
    // Running headers, the country names in them, and page numbers are gone.
    expect(text).not.toMatch(/TRAFFICKING IN PERSONS REPORT \(SYNTHETIC\)/);
    expect(text).not.toMatch(/^\d+$/m);
    expect(text.match(/^MIROVIA\b/gm)).toHaveLength(1);
    // Words and compounds split at line ends come back whole.
    expect(text).not.toMatch(/[a-z]- [a-z]/);
    expect(text).not.toMatch(/[a-z]-\n/);
    for (const w of text.match(/\b[a-z]+-[a-z]+\b/g) ?? []) expect(['government-compelled', 'anti-trafficking']).toContain(w);
    expect(text.split(/\s+/).filter((w) => /^(?:comprehensive|internationally|considerable|investigations|exploitation),?\.?$/.test(w)).length).toBeGreaterThan(20);
    // Headings and sections are blocks of their own.
    expect(text).toContain('\n\nPROSECUTION\n\n');
  });

  it('keeps the hyphen of a compound split at a line end, drops the one that split a word', async () => {
    const line = (y: number, s: string) => ({ x: 50, y, size: 10, font: 'regular' as const, text: s });
    const page: PdfPage = {
      runs: [
        line(700, 'The authorities reported government-'),
        line(688, 'compelled labor and new traf-'),
        line(676, 'ficking cases; trafficking rose and'),
        line(664, 'partners signed a U.S.-'),
        line(652, 'Examplia accord on ﬁnancial ﬂows. The'),
        line(640, 'government said no one was compelled.'),
      ],
    };
    const t = await pdfText([page]);
    // `government-compelled`: both parts are words of the document; `traf-ficking`: the whole word is.
    expect(t.text).toBe(
      'The authorities reported government-compelled labor and new trafficking cases; trafficking rose and partners signed a U.S.-Examplia accord on financial flows. The government said no one was compelled.\n',
    );
  });

  it('workers sharing one document read every page once, in any split, and pdfjs never loads in this thread', async () => {
    const push = Array.prototype.push;
    const { parse, stringify } = JSON;
    const clone = globalThis.structuredClone;
    const blocks: LayoutBlock[] = [
      { kind: 'heading', text: 'QUUXLAND: Tier 2' },
      ...Array.from({ length: 90 }, (_, i) => para(`Paragraph ${i + 1}. Inspectors in the invented provinces screened ${i + 3} workers for indicators of exploitation and referred them to care. ${"Observers noted gaps where inspectors seldom visited. ".repeat(3)}`)),
    ];
    const doc = writePdf(layoutTwoColumns(blocks, { runningHeader: 'SYNTHETIC' }), { title: 'Quuxland (synthetic)' });
    const one = await pdfLines(doc, { parts: 1 });
    const two = await pdfLines(doc, { parts: 2 });
    expect(one.numPages).toBeGreaterThanOrEqual(3);
    // Pages come back in order however the workers took them, with the same lines and word counts (font ids are
    // pdfjs's names, per document opened in each worker, so they are left out).
    const withoutFonts = (r: typeof one) => r.pages.map((p) => ({ ...p, lines: p.lines.map(({ font: _, ...l }) => l) }));
    expect(two.pages.map((p) => p.index)).toEqual(Array.from({ length: one.numPages }, (_, i) => i));
    expect(withoutFonts(two)).toEqual(withoutFonts(one));
    expect([...two.wordCounts].sort((a, b) => a[0] - b[0])).toEqual([...one.wordCounts].sort((a, b) => a[0] - b[0]));
    expect(one.pages.flatMap((p) => p.lines.map((l) => l.text)).filter((t) => /^Paragraph \d+\./.test(t))).toHaveLength(90);
    expect(two.title).toBe('Quuxland (synthetic)');
    // pdfjs's core-js polyfills replace these in the realm that loads it: here they are still the built-ins.
    expect(Array.prototype.push).toBe(push);
    expect(JSON.parse).toBe(parse);
    expect(JSON.stringify).toBe(stringify);
    expect(globalThis.structuredClone).toBe(clone);
    expect((globalThis as { pdfjsWorker?: unknown }).pdfjsWorker).toBeUndefined();
  });

  it('layoutText: a title across both columns sits between the bands above and below it', () => {
    const run = (s: string, x: number, y: number): [string, number, number, number, number, string] => [s, x, y, s.length * 5, 10, 'f1'];
    const page: PageRuns = {
      width: 612,
      height: 792,
      runs: [
        run('left one', 50, 700), run('left two is a longer line of text here', 50, 688),
        run('right one', 320, 700), run('right two is a longer line of text', 320, 688),
        ['A TITLE THAT CROSSES THE GUTTER OF THE PAGE', 50, 640, 420, 14, 'f2'],
        run('left three', 50, 600), run('left four is a longer line of text here', 50, 588),
        run('right three', 320, 600), run('right four is a longer line of text', 320, 588),
      ],
    };
    const order = ['left one', 'right one', 'A TITLE', 'left three', 'right three'].map((s) => layoutText([page]).text.indexOf(s));
    expect(order.every((at, i) => at >= 0 && (i === 0 || at > order[i - 1]!))).toBe(true);
  });
});

describe('PDF: bad files get one clear error', () => {
  const good = writePdf(layoutTwoColumns([{ kind: 'heading', text: 'MIROVIA: Tier 1' }, para('The Government of Mirovia fully meets the minimum standards.')], { runningHeader: 'X' }));
  const expectError = async (b: Uint8Array, re: RegExp) => {
    const err = await toText(b, 'bad.pdf').then(() => undefined, (e: unknown) => e);
    expect(err).toBeInstanceOf(InputError);
    expect((err as Error).message).toMatch(re);
    expect((err as Error).message.split('\n')).toHaveLength(1);
  };
  it('truncated', () => expectError(good.subarray(0, Math.floor(good.length / 2)), /^bad\.pdf: the PDF is truncated/));
  it('not truncated by much trailing whitespace after %%EOF', async () => {
    const padded = new Uint8Array(Buffer.concat([Buffer.from(good), Buffer.alloc(4096, 0x20), Buffer.from('\r\n\0\n')]));
    expect((await toText(padded, 'ok.pdf')).text).toContain('MIROVIA: Tier 1');
  });
  it('encrypted', () => expectError(writePdf([{ runs: [{ x: 50, y: 700, size: 10, font: 'regular', text: 'secret' }] }], { encrypted: true }), /^bad\.pdf: the PDF is encrypted \(password-protected\)/));
  it('no text layer (a scan)', () => expectError(writePdf([{ runs: [], rects: [[50, 50, 500, 700]] }]), /^bad\.pdf: the PDF has no text layer \(1 page of images\?\): it needs OCR/));
  it('damaged', () => {
    const broken = Buffer.from(good).toString('latin1').replace(/\/Type \/Pages/, '/Type /Junk').replace(/stream[\s\S]*?endstream/g, 'stream\nendstream');
    return expectError(new Uint8Array(Buffer.from(`%PDF-1.4\ngarbage ${broken.slice(500, 900)}\n%%EOF\n`, 'latin1')), /^bad\.pdf: (?:not a readable PDF|cannot read the PDF|the PDF has no text layer)/);
  });
});
