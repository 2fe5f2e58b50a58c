/** A document's text stored in parts (migration 9): written part by part, read back exactly, migrated from documents.text. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openSqliteStore } from '../../src/store/index.js';
import { DocumentTextReader, PART_UNITS, partEnds, writeDocumentText } from '../../src/store/sqlite/documentText.js';
import { LATEST_SCHEMA_VERSION, MIGRATIONS, migrate } from '../../src/store/sqlite/migrations.js';
import { sha256Of, syntheticDocument } from '../fixtures/syntheticDocument.js';

const ASTRAL = '😀'; // one character, two UTF-16 code units (a surrogate pair)

/** A store with one bare document row whose text is written in parts of `size` code units. */
function storeWith(text: string, size: number) {
  const store = openSqliteStore(':memory:');
  store.db.prepare("INSERT INTO documents (id, sha256, origin, media_type, imported_at) VALUES (1, ?, 'x', 'text/plain', 'now')").run('a'.repeat(64));
  writeDocumentText((sql) => store.db.prepare(sql), 1, text, size);
  return store;
}

function parts(db: Database.Database, documentId = 1): { ord: number; start: number; text: string }[] {
  return db.prepare('SELECT ord, start, text FROM document_text_parts WHERE document_id = ? ORDER BY ord').all(documentId) as {
    ord: number;
    start: number;
    text: string;
  }[];
}

describe('parts of a document text', () => {
  it('are cut every `size` code units, never inside a surrogate pair, at least one even for an empty text', () => {
    expect(partEnds('', 4)).toEqual([0]);
    expect(partEnds('abcdefghij', 4)).toEqual([4, 8, 10]);
    expect(partEnds('abcd', 4)).toEqual([4]);
    // The pair at code units 3–4 would be split at 4: that part ends at 3, the pair goes whole into the next one.
    expect(partEnds(`abc${ASTRAL}defgh`, 4)).toEqual([3, 7, 10]);
    // A part of one code unit cannot end before its pair: it takes the pair whole.
    expect(partEnds(`${ASTRAL}${ASTRAL}a`, 1)).toEqual([2, 4, 5]);
    expect(partEnds('x'.repeat(PART_UNITS * 2 + 1))).toEqual([PART_UNITS, PART_UNITS * 2, PART_UNITS * 2 + 1]);
  });

  it('read back whole and as every span, across part boundaries and astral characters at a boundary', () => {
    const text = `ab${ASTRAL}cd${ASTRAL}${ASTRAL}efg“h”i${ASTRAL}`;
    for (const size of [2, 3, 4, 5, 100]) {
      const store = storeWith(text, size);
      try {
        const rows = parts(store.db);
        expect(rows.map((r) => r.text).join('')).toBe(text);
        rows.forEach((r, i) => expect(r.start).toBe(rows.slice(0, i).reduce((n, p) => n + p.text.length, 0)));
        if (size < text.length) expect(rows.length).toBeGreaterThan(1);
        const reader = new DocumentTextReader((sql) => store.db.prepare(sql));
        expect(reader.read(1)).toBe(text);
        for (let start = 0; start <= text.length + 1; start++) {
          for (let end = start; end <= text.length + 2; end++) {
            expect(reader.read(1, { start, end }), `size ${size} [${start}, ${end})`).toBe(text.slice(start, end));
          }
        }
        expect(reader.read(1, { start: -3, end: 2 })).toBe(text.slice(0, 2));
        expect(reader.read(1, { start: 5, end: 2 })).toBe('');
        expect(reader.read(2)).toBeUndefined();
        expect(reader.read(2, { start: 0, end: 0 })).toBeUndefined();
      } finally {
        store.close();
      }
    }
  });

  it('an empty text is one empty part, read as ""', () => {
    const store = storeWith('', 4);
    try {
      expect(parts(store.db)).toEqual([{ ord: 0, start: 0, text: '' }]);
      const reader = new DocumentTextReader((sql) => store.db.prepare(sql));
      expect(reader.read(1)).toBe('');
      expect(reader.read(1, { start: 0, end: 3 })).toBe('');
    } finally {
      store.close();
    }
  });

  it('an import writes a text of more than one part in parts, and the view joins them in order', () => {
    const store = openSqliteStore(':memory:');
    try {
      const doc = syntheticDocument([{ countryId: 'TJK', reportYear: 2023, tier: 'Tier 2' }]);
      // Filler after the narratives: a text over two parts long, with a surrogate pair straddling the first cut.
      const filler = 'f'.repeat(PART_UNITS - doc.text.length - 1) + ASTRAL + '“filler”\n'.repeat(PART_UNITS / 8);
      const text = doc.text + filler;
      const out = store.importDocument({ ...doc, text, sha256: sha256Of(text) });
      if (out.status !== 'imported') throw new Error('not imported');
      const rows = parts(store.db, out.documentId);
      expect(rows.map((r) => [r.ord, r.start, r.text.length])).toEqual([
        [0, 0, PART_UNITS - 1],
        [1, PART_UNITS - 1, PART_UNITS],
        [2, PART_UNITS * 2 - 1, text.length - (PART_UNITS * 2 - 1)],
      ]);
      expect(store.documentText(out.documentId)).toBe(text);
      expect(store.documentText(out.documentId, { start: PART_UNITS - 3, end: PART_UNITS * 2 + 5 })).toBe(text.slice(PART_UNITS - 3, PART_UNITS * 2 + 5));
      const viewed = store.db.prepare('SELECT document_id, text FROM document_texts').all();
      expect(viewed).toEqual([{ document_id: out.documentId, text }]);
      expect(store.db.prepare("SELECT count(*) FROM pragma_table_info('documents') WHERE name = 'text'").pluck().get()).toBe(0);
    } finally {
      store.close();
    }
  });
});

describe('migration 9', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'tip-atlas-m9-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it("moves each existing document's text into parts and drops documents.text; the stored rows and spans read the same", () => {
    const file = path.join(dir, 'v8.db');
    const before = openSqliteStore(file);
    const doc = syntheticDocument([{ countryId: 'TJK', reportYear: 2023, tier: 'Tier 2' }]);
    const big = `${'b'.repeat(1048575)}${ASTRAL}tail ${ASTRAL}`; // its pair straddles the migration's cut at 2^20
    let imported: number;
    let recommendations: unknown;
    try {
      const out = before.importDocument(doc);
      if (out.status !== 'imported') throw new Error('not imported');
      imported = out.documentId;
      recommendations = before.db.prepare('SELECT * FROM recommendations ORDER BY assessment_id, ord').all();
    } finally {
      before.close();
    }
    // The same database as version 8 held it: the text in documents.text, no parts.
    const db = new Database(file);
    db.exec('DROP VIEW document_texts; DROP TABLE document_text_parts; ALTER TABLE documents ADD COLUMN text TEXT');
    db.prepare('UPDATE documents SET text = ? WHERE id = ?').run(doc.text, imported);
    const ins = db.prepare("INSERT INTO documents (sha256, origin, media_type, imported_at, text) VALUES (?, 'y', 'text/plain', 'now', ?)");
    const bigId = Number(ins.run('b'.repeat(64), big).lastInsertRowid);
    const emptyId = Number(ins.run('c'.repeat(64), '').lastInsertRowid);
    db.pragma('user_version = 8');
    expect(migrate(db, MIGRATIONS)).toEqual({ from: 8, to: LATEST_SCHEMA_VERSION });
    try {
      expect(db.prepare("SELECT count(*) FROM pragma_table_info('documents') WHERE name = 'text'").pluck().get()).toBe(0);
      expect(parts(db, bigId).map((r) => [r.ord, r.start, r.text.length])).toEqual([
        [0, 0, 1048575],
        [1, 1048575, big.length - 1048575],
      ]);
      expect(parts(db, emptyId)).toEqual([{ ord: 0, start: 0, text: '' }]);
      const viewed = db.prepare('SELECT document_id, text FROM document_texts ORDER BY document_id').all();
      expect(viewed).toEqual([
        { document_id: imported, text: doc.text },
        { document_id: bigId, text: big },
        { document_id: emptyId, text: '' },
      ]);
    } finally {
      db.close();
    }
    const after = openSqliteStore(file);
    try {
      expect(after.documentText(imported)).toBe(doc.text);
      expect(after.documentText(bigId, { start: 1048570, end: 1048580 })).toBe(big.slice(1048570, 1048580));
      expect(after.db.prepare('SELECT * FROM recommendations ORDER BY assessment_id, ord').all()).toEqual(recommendations);
      for (const a of doc.assessments) {
        for (const r of a.recommendations) expect(after.documentText(imported, r.span)).toBe(r.text);
      }
    } finally {
      after.close();
    }
  });
});

it("the SQLite download (snapshot) holds the parts, and its view document_texts gives each document's text in one query", async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'tip-atlas-snapshot-text-'));
  const store = openSqliteStore(':memory:');
  try {
    const doc = syntheticDocument([{ countryId: 'TJK', reportYear: 2023, tier: 'Tier 2' }]);
    const text = `${doc.text}${'x'.repeat(PART_UNITS)}${ASTRAL}`;
    const out = store.importDocument({ ...doc, text, sha256: sha256Of(text) });
    if (out.status !== 'imported') throw new Error('not imported');
    await store.writeSnapshot(path.join(dir, 'copy.sqlite'));
    const copy = new Database(path.join(dir, 'copy.sqlite'), { readonly: true });
    try {
      expect(copy.prepare('SELECT count(*) FROM document_text_parts WHERE document_id = ?').pluck().get(out.documentId)).toBe(2);
      expect(copy.prepare('SELECT text FROM document_texts WHERE document_id = ?').pluck().get(out.documentId)).toBe(text);
    } finally {
      copy.close();
    }
  } finally {
    store.close();
    rmSync(dir, { recursive: true, force: true });
  }
});
