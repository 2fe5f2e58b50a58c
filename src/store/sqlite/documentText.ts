import type Database from 'better-sqlite3';
import type { Span } from '../../domain/types.js';

type Prepare = (sql: string) => Database.Statement;

/**
 * Reads a document's text or a span of it. Spans count UTF-16 code units (JavaScript string offsets) while
 * SQLite's substr() counts characters; the two agree unless the text has characters beyond the Basic
 * Multilingual Plane (4-byte UTF-8). Such documents (rare: emoji, some scripts) are sliced in JavaScript.
 */
export class DocumentTextReader {
  /** Document id → whether its text has characters outside the BMP. */
  private readonly astral = new Map<number, boolean>();

  constructor(private readonly prepare: Prepare) {}

  read(documentId: number, span?: Span): string | undefined {
    if (!span) return this.prepare('SELECT text FROM documents WHERE id = ?').pluck().get(documentId) as string | undefined;
    let astral = this.astral.get(documentId);
    if (astral === undefined) {
      const found = this.prepare(
        `SELECT instr(b, X'F0') + instr(b, X'F1') + instr(b, X'F2') + instr(b, X'F3') + instr(b, X'F4') > 0
         FROM (SELECT CAST(text AS BLOB) AS b FROM documents WHERE id = ?)`,
      )
        .pluck()
        .get(documentId) as number | undefined;
      if (found === undefined) return undefined;
      astral = found === 1;
      this.astral.set(documentId, astral);
    }
    const start = Math.max(0, span.start);
    const end = Math.max(start, span.end);
    if (astral) return this.read(documentId)?.slice(start, end);
    return this.prepare('SELECT substr(text, ?, ?) FROM documents WHERE id = ?').pluck().get(start + 1, end - start, documentId) as
      | string
      | undefined;
  }
}
