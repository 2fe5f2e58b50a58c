import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { COUNTRIES } from '../../src/countries/index.js';
import { DEFAULT_DATA_DIR, PLACEMENTS_FILE, REPORT_YEARS_FILE } from '../../src/store/shippedData.js';
import { describeStoreContract } from './storeContract.js';
import { syntheticDocument } from '../fixtures/syntheticDocument.js';
import type { Store } from '../../src/store/types.js';
import { checkMigrationList, LATEST_SCHEMA_VERSION, migrate, MIGRATIONS, schemaVersion } from '../../src/store/sqlite/migrations.js';
import { openSqliteStore, SqliteStore } from '../../src/store/sqlite/SqliteStore.js';

const TABLES = [
  'countries',
  'tier_placements',
  'report_years',
  'documents',
  'assessments',
  'sections',
  'recommendations',
  'warnings',
  'meta',
  // Migration 2: full-text search (the FTS5 table and its shadow tables).
  'search_fts',
  'search_fts_config',
  'search_fts_content',
  'search_fts_data',
  'search_fts_docsize',
  'search_fts_idx',
  // Migration 5: shipped tier conflicts.
  'tier_conflicts',
  // Migration 7: the List of Goods and UNODC's figures.
  'goods',
  'unodc_figures',
  // Migration 8: derived facts.
  'derived_narratives',
  'derived_countries',
  // Migration 9: documents' text in parts (and the view document_texts).
  'document_text_parts',
];

function rowCounts(store: Store): Record<string, number> {
  const db = (store as SqliteStore).db;
  return Object.fromEntries(
    TABLES.map((t) => [t, db.prepare(`SELECT count(*) FROM ${t}`).pluck().get() as number]),
  );
}

describeStoreContract('sqlite (:memory:)', () => openSqliteStore(':memory:'), { rowCounts });

const repoRoot = fileURLToPath(new URL('../../', import.meta.url));

describe('SQLite specifics', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'tip-atlas-store-'));
  });
  afterEach(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it('finds data/ from both src/ and dist/ (same depth below the repo root)', () => {
    expect(fileURLToPath(DEFAULT_DATA_DIR)).toBe(path.join(repoRoot, 'data') + path.sep);
    const fromDist = new URL('../../data/', pathToFileURL(path.join(repoRoot, 'dist/store/shippedData.js')));
    expect(fromDist.href).toBe(DEFAULT_DATA_DIR.href);
  });

  it('creates a file database in WAL mode with foreign keys on, and reopens it without redoing anything', () => {
    const file = path.join(dir, 'atlas.db');
    const first = openSqliteStore(file, { now: () => new Date('2024-05-01T12:00:00.000Z') });
    expect(first.schemaVersion()).toBe(LATEST_SCHEMA_VERSION);
    expect(first.db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(first.db.pragma('foreign_keys', { simple: true })).toBe(1);
    const doc = syntheticDocument([{ countryId: 'TJK', reportYear: 2023, tier: 'Tier 2' }]);
    const out = first.importDocument(doc);
    const countsBefore = rowCounts(first);
    const assessment = first.getAssessment('TJK', 2023);
    expect(assessment?.document.importedAt).toBe('2024-05-01T12:00:00.000Z');
    first.close();

    const second = openSqliteStore(file);
    try {
      expect(second.schemaVersion()).toBe(LATEST_SCHEMA_VERSION);
      expect(second.db.pragma('journal_mode', { simple: true })).toBe('wal');
      expect(second.db.pragma('foreign_keys', { simple: true })).toBe(1);
      expect(rowCounts(second)).toEqual(countsBefore);
      expect(second.getAssessment('TJK', 2023)).toEqual(assessment);
      expect(second.importDocument(doc)).toEqual({ status: 'unchanged', documentId: out.documentId });
      expect(migrate(second.db)).toEqual({ from: LATEST_SCHEMA_VERSION, to: LATEST_SCHEMA_VERSION });
    } finally {
      second.close();
    }
  });

  it('writes nothing when reopening an unchanged database', () => {
    const file = path.join(dir, 'atlas.db');
    openSqliteStore(file).close();
    const again = openSqliteStore(file);
    try {
      expect(again.db.prepare('SELECT total_changes()').pluck().get()).toBe(0);
      expect(rowCounts(again).tier_placements).toBeGreaterThan(0);
    } finally {
      again.close();
    }
  });

  it('refuses a database written by a newer schema', () => {
    const file = path.join(dir, 'future.db');
    const raw = new Database(file);
    raw.pragma(`user_version = ${LATEST_SCHEMA_VERSION + 5}`);
    raw.close();
    expect(() => openSqliteStore(file)).toThrow(/newer/);
  });

  it('applies migrations in order from an empty database, each recorded in user_version', () => {
    const db = new Database(':memory:');
    expect(migrate(db)).toEqual({ from: 0, to: LATEST_SCHEMA_VERSION });
    expect(schemaVersion(db)).toBe(LATEST_SCHEMA_VERSION);
    const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").pluck().all();
    expect(tables).toEqual([...TABLES].sort());
    expect(migrate(db)).toEqual({ from: LATEST_SCHEMA_VERSION, to: LATEST_SCHEMA_VERSION });
    db.close();
  });

  it('rolls a failing migration back whole', () => {
    const db = new Database(':memory:');
    const broken = [
      ...MIGRATIONS,
      { version: LATEST_SCHEMA_VERSION + 1, name: 'broken', sql: 'CREATE TABLE half_done (x); SELECT * FROM nowhere;' },
    ];
    expect(() => migrate(db, broken)).toThrow(/nowhere/);
    expect(schemaVersion(db)).toBe(LATEST_SCHEMA_VERSION);
    expect(db.prepare("SELECT count(*) FROM sqlite_master WHERE name = 'half_done'").pluck().get()).toBe(0);
    db.close();
  });

  it('rejects a migration list with gaps', () => {
    expect(() => checkMigrationList([{ version: 2, name: 'x', sql: 'SELECT 1' }])).toThrow(/expected 1/);
    expect(() => checkMigrationList([{ version: 1, name: 'x', sql: 'SELECT 1' }, { version: 3, name: 'y', sql: 'SELECT 1' }])).toThrow(/expected 2/);
    expect(() => checkMigrationList(MIGRATIONS)).not.toThrow();
  });

  it('enforces tiers, years, foreign keys and spans in the schema itself', () => {
    const store = openSqliteStore(':memory:');
    const db = store.db;
    try {
      expect(() =>
        db.prepare("INSERT INTO tier_placements (report_year, country_id, tier, source) VALUES (2020, 'TJK', 'Tier 4', 'x')").run(),
      ).toThrow(/CHECK/);
      expect(() =>
        db.prepare("INSERT INTO tier_placements (report_year, country_id, tier, source) VALUES (2000, 'TJK', 'Tier 1', 'x')").run(),
      ).toThrow(/CHECK/);
      expect(() =>
        db.prepare("INSERT INTO tier_placements (report_year, country_id, tier, source) VALUES (2031, 'TJK', 'Tier 1', 'x')").run(),
      ).toThrow(/CHECK/);
      expect(() =>
        db.prepare("INSERT INTO tier_placements (report_year, country_id, tier, source) VALUES (2020, 'ZZZ', 'Tier 1', 'x')").run(),
      ).toThrow(/FOREIGN KEY/);
      const docId = store.importDocument(syntheticDocument([{ countryId: 'TJK', reportYear: 2023, tier: 'Tier 2' }])).documentId;
      const aid = store.getAssessment('TJK', 2023)!.id;
      expect(() =>
        db.prepare("INSERT INTO recommendations (assessment_id, ord, text, span_start, span_end) VALUES (?, 99, 'x', 5, 2)").run(aid),
      ).toThrow(/CHECK/);
      // Two current assessments for one country-year are impossible.
      expect(() =>
        db.prepare(
          `INSERT INTO assessments (document_id, country_id, country_name, report_year, source_file, source_start, source_end)
           VALUES (?, 'TJK', 'x', 2023, 'f', 0, 1)`,
        ).run(docId),
      ).toThrow(/UNIQUE/);
      // Deleting a document takes its assessments, sections, recommendations and warnings with it.
      db.prepare('DELETE FROM documents WHERE id = ?').run(docId);
      expect(rowCounts(store)).toMatchObject({ assessments: 0, sections: 0, recommendations: 0, warnings: 0 });
    } finally {
      store.close();
    }
  });

  it('stores the document text every span points into', () => {
    const store = openSqliteStore(':memory:');
    try {
      const doc = syntheticDocument([{ countryId: 'TJK', reportYear: 2023, tier: 'Tier 2' }]);
      const { documentId } = store.importDocument(doc);
      const text = store.db.prepare('SELECT text FROM document_texts WHERE document_id = ?').pluck().get(documentId) as string;
      expect(text).toBe(doc.text);
      const rows = store.db
        .prepare(
          `SELECT r.text, r.span_start, r.span_end FROM recommendations r JOIN assessments a ON a.id = r.assessment_id
           WHERE a.document_id = ? ORDER BY r.ord`,
        )
        .all(documentId) as { text: string; span_start: number; span_end: number }[];
      expect(rows.map((r) => text.slice(r.span_start, r.span_end))).toEqual(rows.map((r) => r.text));
      const summary = store.db
        .prepare('SELECT summary, summary_start, summary_end FROM assessments WHERE document_id = ?')
        .get(documentId) as { summary: string; summary_start: number; summary_end: number };
      expect(text.slice(summary.summary_start, summary.summary_end)).toContain(summary.summary);
    } finally {
      store.close();
    }
  });

  describe('shipped data refresh', () => {
    function copyData(to: string): void {
      for (const f of [PLACEMENTS_FILE, REPORT_YEARS_FILE]) copyFileSync(new URL(f, DEFAULT_DATA_DIR), path.join(to, f));
    }

    it('upserts countries the registry gained on an existing database', () => {
      const file = path.join(dir, 'atlas.db');
      const dataDir = path.join(dir, 'data');
      mkdirSync(dataDir, { recursive: true });
      // A registry without Tajikistan and with no placements for it.
      const lines = readFileSync(new URL(PLACEMENTS_FILE, DEFAULT_DATA_DIR), 'utf8').split('\n');
      const header = lines[0]!;
      writeFileSync(path.join(dataDir, PLACEMENTS_FILE), [header, ...lines.slice(1).filter((l) => !/,TJK,/.test(l))].join('\n'));
      copyFileSync(new URL(REPORT_YEARS_FILE, DEFAULT_DATA_DIR), path.join(dataDir, REPORT_YEARS_FILE));
      const smaller = COUNTRIES.filter((c) => c.id !== 'TJK');
      const a = openSqliteStore(file, { countries: smaller, dataDir });
      expect(a.getCountry('TJK')).toBeUndefined();
      a.close();
      copyData(dataDir);
      const b = openSqliteStore(file, { dataDir });
      try {
        expect(b.getCountry('TJK')).toMatchObject({ id: 'TJK' });
        expect(b.tierHistory('TJK').length).toBeGreaterThan(0);
        expect(b.listCountries()).toHaveLength(COUNTRIES.length);
      } finally {
        b.close();
      }
    });

    it('reloads shipped rows when data/ changed, keeping imported data', () => {
      const file = path.join(dir, 'atlas.db');
      const dataDir = path.join(dir, 'data');
      mkdirSync(dataDir, { recursive: true });
      copyData(dataDir);
      const a = openSqliteStore(file, { dataDir });
      a.importDocument(syntheticDocument([{ countryId: 'TJK', reportYear: 2023, tier: 'Tier 2' }]));
      const shippedCount = (a.db.prepare('SELECT count(*) FROM tier_placements').pluck().get() as number);
      a.close();
      const placements = path.join(dataDir, PLACEMENTS_FILE);
      const lines = readFileSync(placements, 'utf8').trimEnd().split('\n');
      writeFileSync(placements, lines.slice(0, -1).join('\n') + '\n');
      const b = openSqliteStore(file, { dataDir });
      try {
        expect(b.db.prepare('SELECT count(*) FROM tier_placements').pluck().get()).toBe(shippedCount - 1);
        expect(b.getAssessment('TJK', 2023)?.tier).toBe('Tier 2');
      } finally {
        b.close();
      }
    });

    it('fails clearly when a new database has no shipped data, and on a bad row', () => {
      expect(() => openSqliteStore(':memory:', { dataDir: path.join(dir, 'missing') })).toThrow(/cannot read shipped data/);
      const dataDir = path.join(dir, 'bad');
      mkdirSync(dataDir, { recursive: true });
      copyData(dataDir);
      writeFileSync(
        path.join(dataDir, PLACEMENTS_FILE),
        'report_year,country_id,tier,basis,source\n2020,TJK,Tier 2,seen,x\n2020,TJK,Tier 5,seen,y\n',
      );
      expect(() => openSqliteStore(':memory:', { dataDir })).toThrow(/line 3: unknown tier "Tier 5"/);
      writeFileSync(path.join(dataDir, PLACEMENTS_FILE), 'report_year,country_id,tier,basis,source\n2020,QQQ,Tier 2,seen,x\n');
      expect(() => openSqliteStore(':memory:', { dataDir })).toThrow(/QQQ.*not in the country registry/);
      // An existing database whose data/ went missing keeps what it has.
      const file = path.join(dir, 'kept.db');
      openSqliteStore(file).close();
      const kept = openSqliteStore(file, { dataDir: path.join(dir, 'missing') });
      expect(kept.tierHistory('TJK').length).toBeGreaterThan(0);
      kept.close();
    });
  });
});
