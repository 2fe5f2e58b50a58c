import { rename, rm } from 'node:fs/promises';
import { Worker } from 'node:worker_threads';
import type Database from 'better-sqlite3';

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
 * A worker that copies a database file with `VACUUM INTO` on its own read-only connection, so that the server's
 * thread keeps answering while a large database is copied (better-sqlite3 is synchronous).
 */
const WORKER = `
const { workerData, parentPort } = require('node:worker_threads');
const Database = require(workerData.module);
const db = new Database(workerData.source, { readonly: true, fileMustExist: true, timeout: 5000 });
try {
  db.prepare('VACUUM INTO ?').run(workerData.target);
  const copy = new Database(workerData.target);
  try {
    copy.exec(workerData.publicSql);
  } finally {
    copy.close();
  }
  parentPort.postMessage({ ok: true });
} catch (e) {
  parentPort.postMessage({ ok: false, error: String(e && e.message || e) });
} finally {
  db.close();
}
`;

function vacuumInWorker(module: string, source: string, target: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const w = new Worker(WORKER, { eval: true, workerData: { module, source, target, publicSql: PUBLIC_COPY_SQL } });
    let settled = false;
    w.once('message', (m: { ok: boolean; error?: string }) => {
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
export async function writeSnapshotFile(db: Database.Database, module: string, path: string): Promise<void> {
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
    } else await vacuumInWorker(module, db.name, tmp);
    await rename(tmp, path);
  } catch (e) {
    await rm(tmp, { force: true });
    throw e;
  }
}
