import type Database from 'better-sqlite3';
import { TipAtlasError } from '../../domain/errors.js';
import { ASSESSMENT_SHIFT, KIND_CODES, KIND_SHIFT } from './search.js';

/**
 * Numbered schema migrations. Append only: never edit a migration that has shipped, add a new one. Each is frozen
 * SQL text (no constants interpolated, so a change elsewhere cannot alter a shipped migration); a test pins the
 * checksum of every shipped migration.
 * The schema version lives in `PRAGMA user_version` (0 = empty database). Each migration runs in its own
 * IMMEDIATE transaction together with the version bump, so a crash leaves the database at a whole version.
 */
export interface Migration {
  version: number;
  name: string;
  sql: string;
  /**
   * What SQL cannot do well, in JavaScript, run after `sql` in the same transaction. Frozen like the SQL: it calls
   * nothing defined elsewhere in the program.
   */
  run?: (db: Database.Database) => void;
}

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'initial schema: registry, shipped facts, documents and assessments',
    sql: `
      -- Key/value bookkeeping (e.g. hashes of the shipped data last loaded).
      CREATE TABLE meta (
        key   TEXT PRIMARY KEY,
        value TEXT NOT NULL
      ) WITHOUT ROWID;

      -- The country registry (src/countries), copied in so that foreign keys hold.
      CREATE TABLE countries (
        id      TEXT PRIMARY KEY CHECK (length(id) = 3 AND id = upper(id)),
        name    TEXT NOT NULL,
        region  TEXT NOT NULL CHECK (region IN ('AF', 'EAP', 'EUR', 'NEA', 'SCA', 'WHA')),
        slug    TEXT NOT NULL,
        aliases TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(aliases) AND json_type(aliases) = 'array')
      );

      -- Shipped facts (data/tier-placements.csv). Replaced wholesale when the shipped file changes.
      CREATE TABLE tier_placements (
        report_year INTEGER NOT NULL CHECK (report_year BETWEEN 2001 AND 2030),
        country_id  TEXT NOT NULL REFERENCES countries(id),
        tier        TEXT NOT NULL CHECK (tier IN ('Tier 1', 'Tier 2', 'Tier 2 Watch List', 'Tier 3', 'Special Case')),
        asterisk    INTEGER NOT NULL DEFAULT 0 CHECK (asterisk IN (0, 1)),
        basis       TEXT NOT NULL DEFAULT '',
        source      TEXT NOT NULL,
        PRIMARY KEY (report_year, country_id)
      ) WITHOUT ROWID;
      CREATE INDEX tier_placements_country ON tier_placements (country_id, report_year);

      -- Shipped facts (data/report-years.csv).
      CREATE TABLE report_years (
        report_year         INTEGER PRIMARY KEY CHECK (report_year BETWEEN 2001 AND 2030),
        complete            INTEGER NOT NULL CHECK (complete IN (0, 1)),
        countries_in_report INTEGER CHECK (countries_in_report IS NULL OR countries_in_report > 0)
      );

      -- Imported documents, with the full text every span below points into.
      CREATE TABLE documents (
        id          INTEGER PRIMARY KEY,
        sha256      TEXT NOT NULL UNIQUE CHECK (length(sha256) = 64),
        origin      TEXT NOT NULL,
        media_type  TEXT NOT NULL,
        imported_at TEXT NOT NULL,
        report_year INTEGER CHECK (report_year IS NULL OR report_year BETWEEN 2001 AND 2030),
        text        TEXT NOT NULL
      );

      -- One country's narrative in one report year, as read from one document. A newer document for the
      -- same country and year makes the older row is_current = 0 (kept as history).
      CREATE TABLE assessments (
        id             INTEGER PRIMARY KEY,
        document_id    INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
        country_id     TEXT NOT NULL REFERENCES countries(id),
        country_name   TEXT NOT NULL,
        report_year    INTEGER NOT NULL CHECK (report_year BETWEEN 2001 AND 2030),
        tier           TEXT CHECK (tier IS NULL OR tier IN ('Tier 1', 'Tier 2', 'Tier 2 Watch List', 'Tier 3', 'Special Case')),
        tier_asterisk  INTEGER NOT NULL DEFAULT 0 CHECK (tier_asterisk IN (0, 1)),
        tier_statement TEXT CHECK (tier_statement IS NULL OR json_valid(tier_statement)),
        summary        TEXT,
        summary_start  INTEGER,
        summary_end    INTEGER,
        source_file    TEXT NOT NULL,
        source_start   INTEGER NOT NULL,
        source_end     INTEGER NOT NULL,
        is_current     INTEGER NOT NULL DEFAULT 1 CHECK (is_current IN (0, 1)),
        CHECK (((summary_start IS NULL AND summary_end IS NULL) OR (summary_start >= 0 AND summary_end >= summary_start))),
        CHECK (((source_start IS NULL AND source_end IS NULL) OR (source_start >= 0 AND source_end >= source_start)))
      );
      CREATE INDEX assessments_country_year ON assessments (country_id, report_year, is_current);
      CREATE INDEX assessments_year ON assessments (report_year, is_current);
      CREATE INDEX assessments_document ON assessments (document_id);
      -- At most one current assessment per country and year.
      CREATE UNIQUE INDEX assessments_one_current ON assessments (country_id, report_year) WHERE is_current = 1;

      CREATE TABLE sections (
        assessment_id INTEGER NOT NULL REFERENCES assessments(id) ON DELETE CASCADE,
        ord           INTEGER NOT NULL CHECK (ord >= 0),
        kind          TEXT NOT NULL CHECK (kind IN ('summary', 'recommendations', 'prosecution', 'protection', 'prevention', 'profile', 'government-efforts', 'note')),
        heading       TEXT NOT NULL,
        text          TEXT NOT NULL,
        span_start    INTEGER NOT NULL,
        span_end      INTEGER NOT NULL,
        PRIMARY KEY (assessment_id, ord),
        CHECK (((span_start IS NULL AND span_end IS NULL) OR (span_start >= 0 AND span_end >= span_start)))
      ) WITHOUT ROWID;

      CREATE TABLE recommendations (
        assessment_id INTEGER NOT NULL REFERENCES assessments(id) ON DELETE CASCADE,
        ord           INTEGER NOT NULL CHECK (ord >= 0),
        text          TEXT NOT NULL,
        span_start    INTEGER NOT NULL,
        span_end      INTEGER NOT NULL,
        PRIMARY KEY (assessment_id, ord),
        CHECK (((span_start IS NULL AND span_end IS NULL) OR (span_start >= 0 AND span_end >= span_start)))
      ) WITHOUT ROWID;

      -- Parse doubts. assessment_id NULL: a warning about the document as a whole.
      CREATE TABLE warnings (
        id            INTEGER PRIMARY KEY,
        document_id   INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
        assessment_id INTEGER REFERENCES assessments(id) ON DELETE CASCADE,
        ord           INTEGER NOT NULL CHECK (ord >= 0),
        message       TEXT NOT NULL,
        excerpt       TEXT NOT NULL,
        span_start    INTEGER,
        span_end      INTEGER,
        CHECK (((span_start IS NULL AND span_end IS NULL) OR (span_start >= 0 AND span_end >= span_start)))
      );
      CREATE INDEX warnings_assessment ON warnings (assessment_id, ord);
      CREATE INDEX warnings_document ON warnings (document_id, assessment_id, ord);
    `,
  },
  {
    version: 2,
    name: 'full-text search (FTS5) over sections and recommendations, kept up to date by triggers',
    sql: `
      -- One row per searchable passage: every section but the recommendations section, and every recommendation
      -- (so a hit names the recommendation). The rowid says what the row is, so that hits, facets and deletes need
      -- no lookup table:  rowid = assessment_id * 2^20 + kind * 2^16 + ord  (ord < 2^16), where kind is
      -- 0 summary, 2 prosecution, 3 protection, 4 prevention, 5 profile, 6 government-efforts, 7 note,
      -- 8 recommendation. Porter stemming: "victims" finds "victim"; diacritics and case are ignored.
      CREATE VIRTUAL TABLE search_fts USING fts5(text, tokenize = 'porter unicode61 remove_diacritics 2', prefix = '3');

      CREATE TRIGGER search_sections_insert AFTER INSERT ON sections
        WHEN new.kind <> 'recommendations' AND new.ord < 65536
      BEGIN
        INSERT INTO search_fts (rowid, text) VALUES (new.assessment_id * 1048576 + (CASE new.kind WHEN 'summary' THEN 0 WHEN 'prosecution' THEN 2 WHEN 'protection' THEN 3 WHEN 'prevention' THEN 4 WHEN 'profile' THEN 5 WHEN 'government-efforts' THEN 6 WHEN 'note' THEN 7 END) * 65536 + new.ord, new.text);
      END;
      CREATE TRIGGER search_sections_delete AFTER DELETE ON sections
        WHEN old.kind <> 'recommendations' AND old.ord < 65536
      BEGIN
        DELETE FROM search_fts WHERE rowid = old.assessment_id * 1048576 + (CASE old.kind WHEN 'summary' THEN 0 WHEN 'prosecution' THEN 2 WHEN 'protection' THEN 3 WHEN 'prevention' THEN 4 WHEN 'profile' THEN 5 WHEN 'government-efforts' THEN 6 WHEN 'note' THEN 7 END) * 65536 + old.ord;
      END;
      CREATE TRIGGER search_sections_update AFTER UPDATE ON sections
      BEGIN
        DELETE FROM search_fts WHERE old.kind <> 'recommendations' AND rowid = old.assessment_id * 1048576 + (CASE old.kind WHEN 'summary' THEN 0 WHEN 'prosecution' THEN 2 WHEN 'protection' THEN 3 WHEN 'prevention' THEN 4 WHEN 'profile' THEN 5 WHEN 'government-efforts' THEN 6 WHEN 'note' THEN 7 END) * 65536 + old.ord;
        INSERT INTO search_fts (rowid, text) SELECT new.assessment_id * 1048576 + (CASE new.kind WHEN 'summary' THEN 0 WHEN 'prosecution' THEN 2 WHEN 'protection' THEN 3 WHEN 'prevention' THEN 4 WHEN 'profile' THEN 5 WHEN 'government-efforts' THEN 6 WHEN 'note' THEN 7 END) * 65536 + new.ord, new.text
          WHERE new.kind <> 'recommendations' AND new.ord < 65536;
      END;

      CREATE TRIGGER search_recommendations_insert AFTER INSERT ON recommendations WHEN new.ord < 65536
      BEGIN
        INSERT INTO search_fts (rowid, text) VALUES (new.assessment_id * 1048576 + 8 * 65536 + new.ord, new.text);
      END;
      CREATE TRIGGER search_recommendations_delete AFTER DELETE ON recommendations WHEN old.ord < 65536
      BEGIN
        DELETE FROM search_fts WHERE rowid = old.assessment_id * 1048576 + 8 * 65536 + old.ord;
      END;
      CREATE TRIGGER search_recommendations_update AFTER UPDATE ON recommendations
      BEGIN
        DELETE FROM search_fts WHERE rowid = old.assessment_id * 1048576 + 8 * 65536 + old.ord;
        INSERT INTO search_fts (rowid, text) SELECT new.assessment_id * 1048576 + 8 * 65536 + new.ord, new.text WHERE new.ord < 65536;
      END;

      -- One-time backfill of what databases of version 1 hold.
      INSERT INTO search_fts (rowid, text)
        SELECT s.assessment_id * 1048576 + (CASE s.kind WHEN 'summary' THEN 0 WHEN 'prosecution' THEN 2 WHEN 'protection' THEN 3 WHEN 'prevention' THEN 4 WHEN 'profile' THEN 5 WHEN 'government-efforts' THEN 6 WHEN 'note' THEN 7 END) * 65536 + s.ord, s.text FROM sections s
        WHERE s.kind <> 'recommendations' AND s.ord < 65536;
      INSERT INTO search_fts (rowid, text)
        SELECT r.assessment_id * 1048576 + 8 * 65536 + r.ord, r.text FROM recommendations r WHERE r.ord < 65536;
    `,
  },
  {
    version: 3,
    name: 'full-text rows of an import written in one statement (per-row triggers flushed FTS5 on every row)',
    sql: `
      -- A trigger makes every INSERT a statement transaction, and FTS5 writes its pending terms out at each one:
      -- one tiny segment per passage, then merges. importDocument now indexes a document's passages with one
      -- INSERT … SELECT (INDEX_DOCUMENT_SQL below); the delete and update triggers stay.
      DROP TRIGGER search_sections_insert;
      DROP TRIGGER search_recommendations_insert;
    `,
  },
  {
    version: 4,
    name: "countries' report years: the first and last report that can assess a country that came or went",
    sql: `
      -- NULL: no limit (the country existed throughout). Filled from the registry on the next open (the
      -- registry hash includes them).
      ALTER TABLE countries ADD COLUMN first_report_year INTEGER CHECK (first_report_year IS NULL OR first_report_year BETWEEN 2001 AND 2030);
      ALTER TABLE countries ADD COLUMN last_report_year INTEGER CHECK (last_report_year IS NULL OR last_report_year BETWEEN 2001 AND 2030);
    `,
  },
  {
    version: 5,
    name: 'shipped tier conflicts: a country and year whose sources disagree (data/tier-conflicts.csv)',
    sql: `
      CREATE TABLE tier_conflicts (
        report_year INTEGER NOT NULL CHECK (report_year BETWEEN 2001 AND 2030),
        country_id TEXT NOT NULL REFERENCES countries (id),
        sightings TEXT NOT NULL,
        PRIMARY KEY (country_id, report_year)
      ) WITHOUT ROWID;
      -- Loaded with the other shipped rows on the next open (the shipped-data hash now covers the file).
    `,
  },
  {
    version: 6,
    name: "documents' public address: what readers are shown instead of the local path imported from",
    sql: `
      -- NULL: no public address known. See src/ingest/publicAddress.ts for how an import finds it.
      ALTER TABLE documents ADD COLUMN public_url TEXT CHECK (public_url IS NULL OR public_url LIKE 'http://%' OR public_url LIKE 'https://%');
      -- Documents imported before: a URL origin (a fetched page) is its address, else a first line '# source: URL'.
      UPDATE documents SET public_url = origin WHERE origin LIKE 'http://%' OR origin LIKE 'https://%';
      UPDATE documents SET public_url = rtrim(substr(text, 11, instr(text || char(10), char(10)) - 11), char(13) || ' ')
        WHERE public_url IS NULL AND (text LIKE '# source: http://%' OR text LIKE '# source: https://%')
          AND instr(rtrim(substr(text, 11, instr(text || char(10), char(10)) - 11), char(13) || ' '), ' ') = 0;
    `,
  },
  {
    version: 7,
    name: 'context facts: the Department of Labor\'s List of Goods (data/goods.csv) and UNODC figures (data/unodc.csv)',
    sql: `
      -- data/goods.csv: one good of one country on the Department of Labor's List, with its flags as the List sets them.
      CREATE TABLE goods (
        country_id TEXT NOT NULL REFERENCES countries (id),
        good TEXT NOT NULL CHECK (good <> ''),
        sector TEXT NOT NULL,
        child_labor INTEGER NOT NULL CHECK (child_labor IN (0, 1)),
        forced_labor INTEGER NOT NULL CHECK (forced_labor IN (0, 1)),
        forced_child_labor INTEGER NOT NULL CHECK (forced_child_labor IN (0, 1)),
        derived_labor_exploitation INTEGER NOT NULL CHECK (derived_labor_exploitation IN (0, 1)),
        inputs_from TEXT,
        source_row INTEGER NOT NULL,
        PRIMARY KEY (country_id, good)
      ) WITHOUT ROWID;
      CREATE INDEX goods_good ON goods (good COLLATE NOCASE);

      -- data/unodc.csv: one row of UNODC's export, the value as written ('<5', '1,252'); source_row is its row there.
      CREATE TABLE unodc_figures (
        source_row INTEGER PRIMARY KEY,
        country_id TEXT NOT NULL REFERENCES countries (id),
        year INTEGER NOT NULL CHECK (year BETWEEN 1990 AND 2100),
        indicator TEXT NOT NULL,
        dimension TEXT NOT NULL,
        category TEXT NOT NULL,
        sex TEXT NOT NULL,
        age TEXT NOT NULL,
        value TEXT NOT NULL CHECK (value <> '')
      );
      CREATE INDEX unodc_figures_country ON unodc_figures (country_id, indicator, year);
    `,
  },
  {
    version: 8,
    name: 'derived facts: what the analyses compute from narratives, stored at import with a derivation version',
    sql: `
      -- Facts derived from one stored narrative (sentences, indicators), as JSON, by the derivation of
      -- version "version" (analysis/derive.ts). Written in the import's transaction; rewritten by rederive.
      CREATE TABLE derived_narratives (
        assessment_id INTEGER PRIMARY KEY REFERENCES assessments (id) ON DELETE CASCADE,
        version       INTEGER NOT NULL,
        facts         TEXT NOT NULL CHECK (json_valid(facts))
      );

      -- Facts derived from all current narratives of one country (the cross-year links of recommendation
      -- tracking, with each recommendation's pillar and themes): "narratives" lists the ids of the assessments
      -- they were derived from, oldest report year first, so that a reader can tell they still hold.
      CREATE TABLE derived_countries (
        country_id TEXT PRIMARY KEY REFERENCES countries (id),
        version    INTEGER NOT NULL,
        narratives TEXT NOT NULL,
        facts      TEXT NOT NULL CHECK (json_valid(facts))
      ) WITHOUT ROWID;
    `,
  },
  {
    version: 9,
    name: "documents' text stored in parts of about a million UTF-16 code units (no copy of the whole text at insert)",
    sql: `
      -- A document's text, in order: part ord starts at code unit "start" of the text (UTF-16, as spans count), and no
      -- part splits a surrogate pair. Every document has at least one part (an empty text: one empty part).
      CREATE TABLE document_text_parts (
        document_id INTEGER NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
        ord         INTEGER NOT NULL CHECK (ord >= 0),
        start       INTEGER NOT NULL CHECK (start >= 0),
        text        TEXT NOT NULL,
        PRIMARY KEY (document_id, ord),
        UNIQUE (document_id, start)
      );
      -- Each document's whole text in one row, its parts joined in order (the parts are read in key order).
      CREATE VIEW document_texts (document_id, text) AS
        SELECT document_id, group_concat(text, '') FROM (SELECT document_id, text FROM document_text_parts ORDER BY document_id, ord)
        GROUP BY document_id;
    `,
    run(db) {
      // documents.text moved into parts, one document at a time, then dropped.
      const size = 1048576;
      const insert = db.prepare('INSERT INTO document_text_parts (document_id, ord, start, text) VALUES (?, ?, ?, ?)');
      const read = db.prepare('SELECT text FROM documents WHERE id = ?').pluck();
      for (const id of db.prepare('SELECT id FROM documents ORDER BY id').pluck().all() as number[]) {
        const text = read.get(id) as string;
        let start = 0;
        let ord = 0;
        do {
          let end = Math.min(text.length, start + size);
          const code = text.charCodeAt(end - 1);
          if (end < text.length && code >= 0xd800 && code <= 0xdbff) end--;
          insert.run(id, ord++, start, text.slice(start, end));
          start = end;
        } while (start < text.length);
      }
      db.exec('ALTER TABLE documents DROP COLUMN text');
    },
  },
];

/** The FTS5 rowid of a section (see migration 2), from the kind codes the search code decodes. */
const SECTION_ROWID = `s.assessment_id * ${ASSESSMENT_SHIFT} + (CASE s.kind ${Object.entries(KIND_CODES)
  .filter(([kind]) => kind !== 'recommendation')
  .map(([kind, code]) => `WHEN '${kind}' THEN ${code}`)
  .join(' ')} END) * ${KIND_SHIFT} + s.ord`;

/**
 * Indexes every searchable passage of one document (parameter: @documentId) in ascending rowid order, in
 * one statement, so that FTS5 builds its segments in memory and writes them once.
 */
export const INDEX_DOCUMENT_SQL = `
  INSERT INTO search_fts (rowid, text)
  SELECT rowid, text FROM (
    SELECT ${SECTION_ROWID} AS rowid, s.text AS text FROM sections s JOIN assessments a ON a.id = s.assessment_id
      WHERE a.document_id = @documentId AND s.kind <> 'recommendations' AND s.ord < 65536
    UNION ALL
    SELECT r.assessment_id * ${ASSESSMENT_SHIFT} + ${KIND_CODES.recommendation * KIND_SHIFT} + r.ord, r.text FROM recommendations r JOIN assessments a ON a.id = r.assessment_id
      WHERE a.document_id = @documentId AND r.ord < 65536
  ) ORDER BY rowid`;

/** The schema version this code writes and expects. */
export const LATEST_SCHEMA_VERSION: number = MIGRATIONS.reduce((v, m) => Math.max(v, m.version), 0);

export function schemaVersion(db: Database.Database): number {
  return db.pragma('user_version', { simple: true }) as number;
}

/**
 * Brings the database up to LATEST_SCHEMA_VERSION. Safe to call on every open and from concurrent
 * processes (each step re-reads the version inside its write transaction). Refuses a database written by a
 * newer version of the program. Returns the versions before and after.
 */
export function migrate(
  db: Database.Database,
  migrations: readonly Migration[] = MIGRATIONS,
): { from: number; to: number } {
  checkMigrationList(migrations);
  const latest = migrations.length ? migrations[migrations.length - 1]!.version : 0;
  const from = schemaVersion(db);
  if (from > latest) {
    throw new TipAtlasError(
      `database schema version ${from} is newer than this version of tip-atlas understands (${latest}); ` +
        'upgrade tip-atlas or use another database file',
    );
  }
  for (const m of migrations) {
    if (m.version <= from) continue;
    db.transaction(() => {
      if (schemaVersion(db) >= m.version) return; // another process got there first
      db.exec(m.sql);
      m.run?.(db);
      db.pragma(`user_version = ${m.version}`);
    }).immediate();
  }
  return { from, to: schemaVersion(db) };
}

/** Versions must be 1, 2, 3, … in order, each with a name and some SQL. */
export function checkMigrationList(migrations: readonly Migration[]): void {
  migrations.forEach((m, i) => {
    if (m.version !== i + 1) {
      throw new TipAtlasError(`migration #${i} has version ${m.version}; expected ${i + 1}`);
    }
    if (!m.name.trim() || !m.sql.trim()) {
      throw new TipAtlasError(`migration ${m.version} needs a name and SQL`);
    }
  });
}
