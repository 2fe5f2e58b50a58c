import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { reportText, syntheticReport } from '../../bench/generate.js';
import { COUNTRIES } from '../../src/countries/index.js';
import type { Assessment, ImportStream } from '../../src/domain/index.js';
import { collectionCadence, garbageCollector, ingest, lookupOf, parseText, sha256Of } from '../../src/ingest/index.js';
import type { ImportTarget } from '../../src/ingest/index.js';
import { parseNarrative } from '../../src/ingest/parseNarrative.js';
import { decodeByteParts, decodeBytes, htmlToText } from '../../src/ingest/toText/index.js';
import type { SqliteStore } from '../../src/store/index.js';
import { openDerivingStore } from '../helpers/derivingStore.js';

// Every narrative parse is counted (the real parser, wrapped), to see when the import parses what.
vi.mock('../../src/ingest/parseNarrative.js', async (importOriginal) => {
  const real = await importOriginal<typeof import('../../src/ingest/parseNarrative.js')>();
  return { ...real, parseNarrative: vi.fn(real.parseNarrative) };
});
const parses = () => vi.mocked(parseNarrative).mock.calls.length;

/**
 * Import memory (README, Benchmarks: "Import memory"): an import holds one parsed narrative at a time, not the
 * document's. The figures are the benchmark's (bench/importMemory.ts); these tests guard the structure that gives
 * them, without measuring memory: narratives are parsed only as the store asks for them, and the store stores and
 * derives each before it asks for the next.
 */
describe('an import holds one narrative at a time', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'tip-import-memory-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const report = syntheticReport({ year: 2024, countries: 12, seed: 3 });
  const text = reportText(report);
  const lookup = lookupOf(report.countries);
  const openStore = () => openDerivingStore(':memory:', { countries: [...COUNTRIES, ...report.countries], now: () => new Date('2026-12-06T12:00:00.000Z') });

  it('the pipeline parses each narrative only when the store takes it, and hands them over one by one', async () => {
    const file = path.join(dir, 'report.txt');
    writeFileSync(file, text);
    const received: { countryId: string; parsedBefore: number }[] = [];
    let start = 0;
    const store: ImportTarget = {
      importDocument(input) {
        expect(Array.isArray(input.assessments)).toBe(false);
        expect(input.assessments.length).toBe(12);
        start = parses();
        // A stand-in store that keeps nothing: it records how many narratives had been parsed when each arrived.
        for (const a of input.assessments) received.push({ countryId: a.countryId, parsedBefore: parses() - start });
        return { status: 'imported', documentId: 1, assessments: received.length, replaced: 0 };
      },
    };
    const before = parses();
    const summary = await ingest([file], { store, lookup });
    // Nothing was parsed before the store asked (reading, splitting and report years need no narrative parsed) …
    expect(start).toBe(before);
    // … and narrative k arrived when exactly k narratives had been parsed: never one ahead, never all at once.
    expect(received.map((r) => r.parsedBefore)).toEqual(received.map((_, k) => k + 1));
    expect(received.map((r) => r.countryId)).toEqual(report.narratives.map((n) => n.country.id));
    expect(summary).toMatchObject({ imported: 1, narratives: 12, failed: [] });
  });

  it('the SQLite store stores and derives each narrative before it takes the next, and stores what an array gives', () => {
    const doc = parseText(text, 'test://synthetic-2024.txt', sha256Of(Buffer.from(text)), { lookup });
    const whole = openStore();
    const streamed = openStore();
    whole.importDocument(doc);
    const count = (s: SqliteStore, table: string) => s.db.prepare(`SELECT count(*) FROM ${table}`).pluck().get() as number;
    let iterations = 0;
    const seen: { assessments: number; derived: number }[] = [];
    const stream: ImportStream = {
      ...doc,
      assessments: {
        length: doc.assessments.length,
        *[Symbol.iterator](): Iterator<Assessment> {
          iterations++;
          for (const a of doc.assessments) {
            seen.push({ assessments: count(streamed as SqliteStore, 'assessments'), derived: count(streamed as SqliteStore, 'derived_narratives') });
            yield a;
          }
        },
      },
    };
    const outcome = streamed.importDocument(stream);
    expect(outcome).toMatchObject({ status: 'imported', assessments: 12 });
    expect(iterations).toBe(1);
    // When narrative k is asked for, the k before it are stored and derived.
    expect(seen).toEqual(doc.assessments.map((_, k) => ({ assessments: k, derived: k })));
    // The same rows as the whole document gives, in every table the import writes.
    for (const table of ['documents', 'assessments', 'sections', 'recommendations', 'warnings', 'derived_narratives', 'derived_countries', 'search_fts']) {
      const rows = (s: SqliteStore) => s.db.prepare(`SELECT ${table === 'search_fts' ? 'rowid, text' : '*'} FROM ${table} ORDER BY 1, 2`).all();
      expect(rows(streamed as SqliteStore), table).toEqual(rows(whole as SqliteStore));
    }
    // The same bytes again: unchanged, and not one narrative is iterated (nor, in the pipeline, parsed).
    expect(streamed.importDocument(stream)).toMatchObject({ status: 'unchanged' });
    expect(iterations).toBe(1);
    whole.close();
    streamed.close();
  });
});

describe('garbage collection on a cadence (src/ingest/memory.ts)', () => {
  it('collects once every so many characters, and never without a collector', () => {
    const collect = vi.fn();
    const cadence = collectionCadence(collect, 1000);
    for (let i = 0; i < 10; i++) cadence.count(400);
    // 4000 characters: at 1200, 2400 and 3600.
    expect(collect).toHaveBeenCalledTimes(3);
    expect(() => collectionCadence(undefined, 1).count(10)).not.toThrow();
  });

  it('the CLI has a full collection to call', () => {
    const gc = garbageCollector();
    expect(typeof gc).toBe('function');
    expect(() => gc!()).not.toThrow();
  });
});

describe('an HTML page is decoded and tokenized in parts (never held whole as text)', () => {
  const enc = new TextEncoder();
  const cases: [string, Uint8Array, string?][] = [
    ['UTF-8 with CRLF line ends and multi-byte characters', enc.encode('<p>Caf\u00e9 \u2019quoted\u2019 \u2014 \ud83d\ude00\r\n<b>x</b>\r\r\n&amp;&rsquo;&nbsp&#8217;</p>\r'.repeat(40))],
    ['Windows-1252', Uint8Array.from([...'<p>caf'].map((c) => c.charCodeAt(0)).concat([0xe9, 0x93, 0x94, 0x0d, 0x0a, 0x97]).concat([...'</p>'].map((c) => c.charCodeAt(0))).flatMap((x) => Array(7).fill(x) as number[]))],
    ['UTF-16 LE with a BOM', Uint8Array.from([0xff, 0xfe, ...new Uint8Array(Buffer.from('<p>\u2019x\r\ny</p>'.repeat(30), 'utf16le'))])],
    ['UTF-8 with a few damaged bytes', Uint8Array.from([...enc.encode('<p>\u2019\u2019\u2019 a</p>'.repeat(20)), 0xff, ...enc.encode('<p>b\u2019</p>')])],
    ['declared Latin-1 but valid UTF-8', enc.encode('<p>\u00e9\u00e9</p>'.repeat(50)), 'windows-1252'],
  ];
  for (const [what, bytes, declared] of cases) {
    it(what, () => {
      const whole = decodeBytes(bytes, declared);
      for (const size of [1, 2, 3, 7, 64, 1 << 20]) {
        const parted = decodeByteParts(bytes, declared, size);
        const parts = [...parted.parts];
        expect(parts.join(''), `parts of ${size} bytes`).toBe(whole.text);
        expect({ encoding: parted.encoding, warning: parted.warning }).toEqual({ encoding: whole.encoding, warning: whole.warning });
        expect(htmlToText(parts)).toEqual(htmlToText(whole.text));
      }
    });
  }
});
