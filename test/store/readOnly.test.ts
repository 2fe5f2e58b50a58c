import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InputError } from '../../src/domain/index.js';
import { openSqliteStore } from '../../src/store/index.js';
import { createApp } from '../../src/web/app.js';
import { run } from '../../src/cli/main.js';
import { multiyearDocument } from '../fixtures/multiyear.js';
import { FICTIONAL_COUNTRIES } from '../fixtures/countries.js';
import { COUNTRIES } from '../../src/countries/index.js';

describe('a read-only store (serve --read-only)', () => {
  let dir: string;
  let copy: string;

  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'tip-atlas-ro-'));
    const writer = openSqliteStore(path.join(dir, 'writer.db'), { countries: [...COUNTRIES, ...FICTIONAL_COUNTRIES] });
    writer.importDocument(multiyearDocument('mirovia', 2021));
    // The database download: a consistent copy, as a replica gets it (rollback journal, nothing beside it).
    mkdirSync(path.join(dir, 'replica'));
    copy = path.join(dir, 'replica', 'tip-atlas.sqlite');
    await writer.writeSnapshot(copy);
    writer.close();
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('reads what the writer stored, refuses every write and leaves no file beside the database', async () => {
    const store = openSqliteStore(copy, { readOnly: true });
    try {
      expect(store.assessmentYears('XMR')).toEqual([2021]);
      expect(() => store.importDocument(multiyearDocument('mirovia', 2022))).toThrow(/readonly|read-only/i);
      expect(() => store.db.exec('DELETE FROM meta')).toThrow(/readonly/);
      const app = createApp(store);
      expect((await app.request('/countries/XMR/2021.json')).status).toBe(200);
      const snapshot = await app.request('/data/tip-atlas.sqlite');
      expect(snapshot.status).toBe(200);
      await snapshot.arrayBuffer();
    } finally {
      store.close();
    }
    expect(readdirSync(path.dirname(copy))).toEqual(['tip-atlas.sqlite']);
  });

  it('creates nothing: a missing file is an error, not a new database', () => {
    const missing = path.join(dir, 'missing.db');
    expect(() => openSqliteStore(missing, { readOnly: true })).toThrow(InputError);
    expect(existsSync(missing)).toBe(false);
  });

  it('does not migrate: a database at another schema version is refused, saying what to do', () => {
    const old = path.join(dir, 'old.db');
    const db = new Database(old);
    db.exec('CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT)');
    db.pragma('user_version = 3');
    db.close();
    expect(() => openSqliteStore(old, { readOnly: true })).toThrow(/schema version 3 .* open it once without --read-only/);
    const empty = path.join(dir, 'empty.db');
    new Database(empty).close();
    expect(() => openSqliteStore(empty, { readOnly: true })).toThrow(/not a TIP Atlas database/);
  });

  it('serve --read-only on a missing database exits 1 with one line', async () => {
    const err: string[] = [];
    const io = { stdout: () => {}, stderr: (s: string) => err.push(s), env: {}, cwd: dir, isTTY: false };
    expect(await run(['serve', '--read-only', '--port', '0', '--db', 'nothing-here.db'], io)).toBe(1);
    expect(err.join('')).toMatch(/^tip-atlas: .*nothing-here\.db.*cannot open the database read-only/);
    expect(existsSync(path.join(dir, 'nothing-here.db'))).toBe(false);
  });
});
