import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DB_ENV_VAR, defaultDbPath, openStore, storePath } from '../../src/store/open.js';

describe('openStore path resolution', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'tip-atlas-open-'));
  });
  afterEach(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it('prefers the db option, then TIP_ATLAS_DB, then ./tip-atlas.db in the working directory', () => {
    const env = { [DB_ENV_VAR]: 'from-env.db' };
    expect(storePath({ db: 'explicit.db', env, cwd: dir })).toBe(path.join(dir, 'explicit.db'));
    expect(storePath({ env, cwd: dir })).toBe(path.join(dir, 'from-env.db'));
    expect(storePath({ env: {}, cwd: dir })).toBe(path.join(dir, 'tip-atlas.db'));
    expect(storePath({ env: { [DB_ENV_VAR]: '   ' }, cwd: dir })).toBe(path.join(dir, 'tip-atlas.db'));
    expect(storePath({ db: '/abs/x.db', env, cwd: dir })).toBe(path.resolve('/abs/x.db'));
    expect(storePath({ db: ':memory:', env })).toBe(':memory:');
    expect(storePath({ env: { [DB_ENV_VAR]: ':memory:' } })).toBe(':memory:');
  });

  it('defaultDbPath reads the environment and falls back to the working directory', () => {
    expect(defaultDbPath({ [DB_ENV_VAR]: '/data/atlas.db' })).toBe(path.resolve('/data/atlas.db'));
    expect(defaultDbPath({})).toBe(path.resolve(process.cwd(), 'tip-atlas.db'));
    expect(defaultDbPath({}, dir)).toBe(path.join(dir, 'tip-atlas.db'));
  });

  it('opens the database the option names, else the one the environment names', () => {
    const fromOption = path.join(dir, 'option.db');
    const fromEnv = path.join(dir, 'env.db');
    const a = openStore({ db: fromOption, env: { [DB_ENV_VAR]: fromEnv } });
    a.close();
    expect(existsSync(fromOption)).toBe(true);
    expect(existsSync(fromEnv)).toBe(false);
    const b = openStore({ env: { [DB_ENV_VAR]: fromEnv } });
    expect(b.getCountry('TJK')?.id).toBe('TJK');
    b.close();
    expect(existsSync(fromEnv)).toBe(true);
    const c = openStore({ env: {}, cwd: dir });
    c.close();
    expect(existsSync(path.join(dir, 'tip-atlas.db'))).toBe(true);
  });

  it('supports :memory: and says which file it could not open', () => {
    const store = openStore({ db: ':memory:' });
    expect(store.tierHistory('TJK').length).toBeGreaterThan(0);
    store.close();
    expect(() => openStore({ db: path.join(dir, 'no/such/dir/x.db') })).toThrow(/no[/\\]such[/\\]dir/);
  });
});
