import path from 'node:path';
import { openSqliteStore, type SqliteStoreOptions } from './sqlite/SqliteStore.js';
import type { Store } from './types.js';

/** The environment variable naming the database file. */
export const DB_ENV_VAR = 'TIP_ATLAS_DB';
/** The database file used when neither an option nor the environment names one (relative to cwd). */
export const DEFAULT_DB_FILE = 'tip-atlas.db';
/** An in-memory database: nothing is written to disk (tests). */
export const MEMORY_DB = ':memory:';

export interface OpenStoreOptions extends SqliteStoreOptions {
  /** Database file (or ':memory:'); wins over the environment. Relative paths resolve against `cwd`. */
  db?: string;
  /** Where TIP_ATLAS_DB is read from; default process.env. */
  env?: NodeJS.ProcessEnv;
  /** Base for relative paths; default process.cwd(). */
  cwd?: string;
}

/** An absolute path for a database file; ':memory:' is kept as it is. */
export function resolveDbPath(db: string, cwd: string = process.cwd()): string {
  return db === MEMORY_DB ? db : path.resolve(cwd, db);
}

/** The database the environment asks for: TIP_ATLAS_DB when set and not blank, else ./tip-atlas.db. */
export function defaultDbPath(env: NodeJS.ProcessEnv = process.env, cwd: string = process.cwd()): string {
  const fromEnv = env[DB_ENV_VAR]?.trim();
  return resolveDbPath(fromEnv ? fromEnv : DEFAULT_DB_FILE, cwd);
}

/** The database path openStore would use for these options: `db` option > TIP_ATLAS_DB > ./tip-atlas.db. */
export function storePath(opts: Pick<OpenStoreOptions, 'db' | 'env' | 'cwd'> = {}): string {
  const cwd = opts.cwd ?? process.cwd();
  const explicit = opts.db?.trim();
  return explicit ? resolveDbPath(explicit, cwd) : defaultDbPath(opts.env ?? process.env, cwd);
}

/** Opens the app's store (SQLite), creating and loading it on first use. */
export function openStore(opts: OpenStoreOptions = {}): Store {
  const { db: _db, env: _env, cwd: _cwd, ...sqliteOptions } = opts;
  return openSqliteStore(storePath(opts), sqliteOptions);
}
