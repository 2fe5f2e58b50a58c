/** Migration 6: documents imported before it get their public address from a URL origin or a `# source:` first line. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { LATEST_SCHEMA_VERSION, migrate, MIGRATIONS } from '../../src/store/sqlite/migrations.js';
import { openSqliteStore } from '../../src/store/sqlite/SqliteStore.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'tip-atlas-m6-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

it('backfills public_url from an http(s) origin or a "# source: URL" first line, and leaves local files without one', () => {
  const file = path.join(dir, 'v5.db');
  const db = new Database(file);
  migrate(db, MIGRATIONS.slice(0, 5));
  const ins = db.prepare('INSERT INTO documents (sha256, origin, media_type, imported_at, report_year, text) VALUES (?, ?, ?, ?, 2023, ?)');
  ins.run('a'.repeat(64), 'https://example.org/fetched/', 'text/html', '2026-01-01T00:00:00Z', 'TEXT');
  ins.run('b'.repeat(64), '/home/me/excerpt.txt', 'text/plain', '2026-01-01T00:00:00Z', '# source: https://example.org/line?x=1\r\n\r\nTEXT');
  ins.run('c'.repeat(64), '/home/me/plain.txt', 'text/plain', '2026-01-01T00:00:00Z', 'TEXT with no line');
  ins.run('d'.repeat(64), '/home/me/last.txt', 'text/plain', '2026-01-01T00:00:00Z', '# source: https://example.org/only-line');
  db.close();
  const store = openSqliteStore(file);
  try {
    expect(store.schemaVersion()).toBe(LATEST_SCHEMA_VERSION);
    expect(store.documents().map((d) => d.publicUrl)).toEqual([
      'https://example.org/fetched/',
      'https://example.org/line?x=1',
      null,
      'https://example.org/only-line',
    ]);
  } finally {
    store.close();
  }
});
