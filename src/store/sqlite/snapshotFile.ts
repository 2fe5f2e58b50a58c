import { rename, rm } from 'node:fs/promises';
import { Worker } from 'node:worker_threads';
import type Database from 'better-sqlite3';
import { workerEntry } from '../../ingest/workerEntry.js';
import type { SnapshotJob, SnapshotReply } from './snapshotWorker.js';

/**
 * What makes the copy fit for the public: no local path a document was imported from (operator information).
 * Each document's `origin`, and each assessment's `source_file`, become its public address, or "imported document
 * N" when it has none; `secure_delete` zeroes the old text in the freed space, so no path survives in the file.
 * The copy is also made a rollback-journal database, so that it opens without a -wal file.
 */
const PUBLIC_COPY_SQL = `
  PRAGMA journal_mode = DELETE;
  PRAGMA secure_delete = ON;
  UPDATE documents SET origin = coalesce(public_url, 'imported document ' || id);
  UPDATE assessments SET source_file = (SELECT d.origin FROM documents d WHERE d.id = assessments.document_id);
`;

/**
 * Copies a database file in a worker thread (snapshotWorker.ts), so that the server's thread keeps answering while a
 * large database is copied (better-sqlite3 is synchronous).
 */
function vacuumInWorker(source: string, target: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const job: SnapshotJob = { source, target, publicSql: PUBLIC_COPY_SQL };
    const w = new Worker(workerEntry(import.meta.url, 'snapshotWorker'), { workerData: job });
    let settled = false;
    w.once('message', (m: SnapshotReply) => {
      settled = true;
      if (m.ok) resolve();
      else reject(new Error(`copying the database failed: ${m.error}`));
    });
    w.once('error', (e) => {
      settled = true;
      reject(e);
    });
    w.once('exit', (code) => {
      if (!settled) reject(new Error(`copying the database stopped (worker exit code ${code})`));
    });
  });
}

/**
 * Writes a consistent copy of the whole database to `path`: `VACUUM INTO` a temporary file beside it (one read
 * transaction: WAL content included, nothing half-written), made public (PUBLIC_COPY_SQL), then renamed into place. A database file is copied in a worker thread; an in-memory one
 * (tests) on this thread.
 */
export async function writeSnapshotFile(db: Database.Database, path: string): Promise<void> {
  const tmp = `${path}.${process.pid}.${Date.now()}.tmp`;
  try {
    if (db.memory) {
      db.prepare('VACUUM INTO ?').run(tmp);
      const copy = new (db.constructor as typeof Database)(tmp);
      try {
        copy.exec(PUBLIC_COPY_SQL);
      } finally {
        copy.close();
      }
    } else await vacuumInWorker(db.name, tmp);
    await rename(tmp, path);
  } catch (e) {
    await rm(tmp, { force: true });
    throw e;
  }
}
