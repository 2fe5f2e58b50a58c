import Database from 'better-sqlite3';

/**
 * The database as offered for download, without the local paths documents were imported from (operator
 * information): each document's `origin`, and each assessment's `source_file`, become its public address, or
 * "imported document N" when it has none. Works on a serialized copy; the live database is not touched.
 */
export function publicSnapshot(bytes: Buffer): Buffer {
  // A WAL database's header (bytes 18–19 = 2) cannot be opened from memory: read it as a rollback-journal one.
  if (bytes.length >= 100) {
    bytes[18] = 1;
    bytes[19] = 1;
  }
  const copy = new Database(bytes);
  try {
    copy.exec(`
      UPDATE documents SET origin = coalesce(public_url, 'imported document ' || id);
      UPDATE assessments SET source_file = (SELECT d.origin FROM documents d WHERE d.id = assessments.document_id);
    `);
    return copy.serialize();
  } finally {
    copy.close();
  }
}
