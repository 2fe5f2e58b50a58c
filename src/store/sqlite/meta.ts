import type Database from 'better-sqlite3';

type Prepare = (sql: string) => Database.Statement;

/** Key/value bookkeeping in the meta table (hashes of the shipped data last loaded, the derivation version). */
export function getMeta(q: Prepare, key: string): string | undefined {
  const row = q('SELECT value FROM meta WHERE key = ?').get(key) as { value: string } | undefined;
  return row?.value;
}

export function setMeta(q: Prepare, key: string, value: string): void {
  q('INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value').run(key, value);
}
