import { open, rename, rm } from 'node:fs/promises';
import { Worker } from 'node:worker_threads';
import type Database from 'better-sqlite3';

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
  parentPort.postMessage({ ok: true });
} catch (e) {
  parentPort.postMessage({ ok: false, error: String(e && e.message || e) });
} finally {
  db.close();
}
`;

function vacuumInWorker(module: string, source: string, target: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const w = new Worker(WORKER, { eval: true, workerData: { module, source, target } });
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
 * transaction: WAL content included, nothing half-written), marked as a rollback-journal database so that it opens
 * without a -wal file, then renamed into place. A database file is copied in a worker thread; an in-memory one
 * (tests) on this thread.
 */
export async function writeSnapshotFile(db: Database.Database, module: string, path: string): Promise<void> {
  const tmp = `${path}.${process.pid}.${Date.now()}.tmp`;
  try {
    if (db.memory) db.prepare('VACUUM INTO ?').run(tmp);
    else await vacuumInWorker(module, db.name, tmp);
    // Header bytes 18–19: 1 = rollback journal, 2 = WAL.
    const f = await open(tmp, 'r+');
    try {
      await f.write(Buffer.from([1, 1]), 0, 2, 18);
    } finally {
      await f.close();
    }
    await rename(tmp, path);
  } catch (e) {
    await rm(tmp, { force: true });
    throw e;
  }
}
