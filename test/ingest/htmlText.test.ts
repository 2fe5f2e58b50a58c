import { createHash } from 'node:crypto';
import { readFileSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { garbageCollector } from '../../src/ingest/index.js';
import { decodeByteParts, htmlToText, takeText, toText } from '../../src/ingest/toText/index.js';
import { Utf8Builder } from '../../src/ingest/toText/utf8Builder.js';
import { HTML_SNIPPETS, benchHtml, htmlByteCases } from '../helpers/htmlCases.js';

const PAGES = new URL('../fixtures/pages/', import.meta.url);
const sha = (value: unknown) => createHash('sha256').update(JSON.stringify(value)).digest('hex').slice(0, 16);

/**
 * The text (and title) each page converts to, as main produced it before the HTML import memory change (README,
 * Benchmarks, "Import memory": blocks written into one UTF-8 buffer as they end, the bytes let go once decoded):
 * sha256 of the JSON of htmlToText's result, of toText's for bytes and fixtures.
 */
const BEFORE: Record<string, string> = {
  page: '309d1fd514bd445a',
  titleIsFirstBlock: 'ee770418216fb47b',
  titleAfterContent: '9a237499591e506c',
  titleAfterEqual: 'ceda92604461e801',
  blankTitleThenTitle: '862fd8f0ee7d2563',
  twoTitles: 'c27f62f6d27adf62',
  mainAfterBlocks: '04cfae3e3a221ea0',
  hiddenMain: '150e973766089dc2',
  mainInNav: '43462fa8bf1d2676',
  roleMain: '26629f7ba4d3aca9',
  mainWithChrome: 'f8afddc1298ffd46',
  breaksAndPre: '6d3d7e10635a10f4',
  boilerplate: '6e8eb0f7f25060e0',
  onlyBoilerplate: 'c0c571b527eb4715',
  empty: '6f25328d8961b402',
  blank: '6f25328d8961b402',
  titleOnly: '73c223ed009d5a8b',
  entities: 'd4ce97a875d1db7f',
  whitespace: 'f9f4b89c606d6dea',
  tablesAndLists: '9c1315761a4ec6d0',
  unclosed: '5fd152377a9baee5',
  dropped: '6e8eb0f7f25060e0',
  inlineOnly: '79f920d8e89b1cb4',
  bench: '379c61730fa990c6',
  'bytes:utf8': '914fc4255ba62f43',
  'bytes:windows1252': 'b5d2270373a05dc7',
  'bytes:utf16': '9d32787395031a15',
  'bytes:damagedUtf8': '955bf90c479d1b1f',
  'bytes:canonical': 'e5f2070c126cea76',
  'fixture:examplia-2024-publisher.html': '5e6c237b689f115d',
  'fixture:quuxland-2014-title-only.html': '8d464f3435aef6fa',
};

/** A string in parts of `size` characters (a part may end inside a tag, a reference or a surrogate pair). */
const partsOf = (s: string, size: number) => Array.from({ length: Math.ceil(s.length / size) }, (_, i) => s.slice(i * size, (i + 1) * size));

describe('HTML pages convert to the same text as before', () => {
  for (const [name, html] of Object.entries(HTML_SNIPPETS)) {
    it(name, () => {
      expect(sha(htmlToText(html))).toBe(BEFORE[name]);
      for (const size of [1, 3, 64]) expect(sha(htmlToText(partsOf(html, size), 1)), `parts of ${size}`).toBe(BEFORE[name]);
    });
  }

  it("the benchmark's page (a synthetic report, each block a paragraph)", async () => {
    const html = benchHtml(30, 0.3);
    expect(sha(htmlToText(html))).toBe(BEFORE.bench);
    // Given in parts, with a buffer that starts small and grows many times.
    expect(sha(htmlToText(partsOf(html, 4096), 16))).toBe(BEFORE.bench);
    const doc = await toText(new Uint8Array(Buffer.from(html)), 'bench.html');
    expect(doc.text).toBe(htmlToText(html).text);
  });

  for (const [name, bytes] of Object.entries(htmlByteCases())) {
    it(`bytes: ${name}`, async () => {
      expect(sha(await toText(bytes, name))).toBe(BEFORE[`bytes:${name}`]);
      // Decoded in small parts, tokenized as they come.
      const parted = decodeByteParts(bytes, undefined, 5);
      expect(htmlToText(parted.parts).text).toBe((await toText(bytes, name)).text);
    });
  }

  for (const file of readdirSync(PAGES).filter((f) => /\.html?$/.test(f) && f !== 'scripts-only.html').sort()) {
    it(`fixture: ${file}`, async () => {
      expect(sha(await toText(new Uint8Array(readFileSync(new URL(file, PAGES))), file))).toBe(BEFORE[`fixture:${file}`]);
    });
  }
});

describe('the text of a page is built in one UTF-8 buffer (import memory)', () => {
  it('holds any text, lone surrogates too (kept as they are, in pieces joined)', () => {
    const b = new Utf8Builder(4);
    const pieces = ['plain ', 'caf\u00e9 \u2019 \ud83d\ude00 ', 'x'.repeat(1000), '\ud800 lone', ' \udc00', ' end'];
    for (const p of pieces) b.append(p);
    expect(b.take()).toBe(pieces.join(''));
    const c = new Utf8Builder(1);
    for (const p of pieces.slice(0, 3)) c.append(p);
    expect(c.take()).toBe(pieces.slice(0, 3).join(''));
    // Taken, it is empty again.
    expect(c.take()).toBe('');
  });

  it("a page's bytes taken from a holder are let go once decoded, before the text is built", async () => {
    const gc = garbageCollector()!;
    const held: { bytes: Uint8Array | undefined } = { bytes: new Uint8Array(Buffer.from(benchHtml(4, 0.2))) };
    const ref = new WeakRef(held.bytes!.buffer);
    // A later job: the WeakRef no longer keeps its target.
    await new Promise((resolve) => setTimeout(resolve, 0));
    let parts = 0;
    const seen: { parts: number; collected: boolean }[] = [];
    const doc = await takeText(held, 'page.html', {
      onPart: () => parts++,
      onDecoded: () => {
        gc();
        seen.push({ parts, collected: ref.deref() === undefined });
      },
    });
    expect(held.bytes).toBeUndefined();
    expect(seen).toEqual([{ parts: 1, collected: true }]);
    expect(doc.text.length).toBeGreaterThan(1000);
  });

  it('decodeByteParts holds the bytes only until the last part is decoded', async () => {
    const gc = garbageCollector()!;
    let ref: WeakRef<ArrayBufferLike> | undefined;
    const parted = (() => {
      const bytes = new Uint8Array(Buffer.from('<p>x</p>'.repeat(100)));
      ref = new WeakRef(bytes.buffer);
      return decodeByteParts(bytes, undefined, 64);
    })();
    await new Promise((resolve) => setTimeout(resolve, 0));
    const it = parted.parts[Symbol.iterator]();
    it.next();
    gc();
    expect(ref!.deref()).toBeDefined();
    while (!it.next().done);
    await new Promise((resolve) => setTimeout(resolve, 0));
    gc();
    expect(ref!.deref()).toBeUndefined();
  });
});
