import { deriver } from '../../src/analysis/derive.js';
import { openSqliteStore, type SqliteStoreOptions } from '../../src/store/index.js';

/** A SQLite store with the derive stage, as the CLI and the site open it (facts derived at import). */
export function openDerivingStore(path: string, opts: SqliteStoreOptions = {}) {
  return openSqliteStore(path, { ...opts, deriver });
}
