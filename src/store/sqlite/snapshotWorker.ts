/**
 * The worker that copies a database file for a download (started by snapshotFile.ts): `VACUUM INTO` the target on
 * its own read-only connection, so that the server's thread keeps answering while a large database is copied
 * (better-sqlite3 is synchronous), then makes the copy public (its SQL comes with the job).
 */
import { parentPort, workerData } from 'node:worker_threads';
import Database from 'better-sqlite3';

/** What snapshotFile.ts sends: the database to copy, where to, and the SQL that makes the copy public. */
export interface SnapshotJob {
  source: string;
  target: string;
  publicSql: string;
}

/** The one message back: done, or why not. */
export type SnapshotReply = { ok: true } | { ok: false; error: string };

function copy(job: SnapshotJob): SnapshotReply {
  const db = new Database(job.source, { readonly: true, fileMustExist: true, timeout: 5000 });
  try {
    db.prepare('VACUUM INTO ?').run(job.target);
    const target = new Database(job.target);
    try {
      target.exec(job.publicSql);
    } finally {
      target.close();
    }
    return { ok: true };
  } catch (e) {
    return { ok: false, error: e instanceof Error ? e.message : String(e) };
  } finally {
    db.close();
  }
}

parentPort?.postMessage(copy(workerData as SnapshotJob));
