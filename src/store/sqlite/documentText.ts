import type Database from 'better-sqlite3';
import type { Span } from '../../domain/types.js';

type Prepare = (sql: string) => Database.Statement;

/**
 * A document's text is stored in parts (table `document_text_parts`, migration 9) of about PART_UNITS UTF-16 code
 * units each, so that writing it never makes a copy of the whole text: better-sqlite3 converts each bound string to
 * UTF-8 and SQLite copies it again (SQLITE_TRANSIENT) before assembling the row, two copies of whatever is bound.
 * Each part knows where it starts in the text, in UTF-16 code units (JavaScript string offsets, as spans count).
 */
export const PART_UNITS = 1 << 20;

/**
 * Where the parts of `text` end: every `size` code units, one sooner where that would split a surrogate pair
 * (a character beyond the Basic Multilingual Plane stays whole in one part). At least one part, even for ''.
 */
export function partEnds(text: string, size: number = PART_UNITS): number[] {
  const ends: number[] = [];
  let at = 0;
  do {
    let end = Math.min(text.length, at + size);
    if (end < text.length && isHighSurrogate(text.charCodeAt(end - 1))) end += end > at + 1 ? -1 : 1;
    ends.push(end);
    at = end;
  } while (at < text.length);
  return ends;
}

function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
}

/** Writes a document's text as parts, one statement per part (no copy of the whole text is made). */
export function writeDocumentText(q: Prepare, documentId: number, text: string, size: number = PART_UNITS): void {
  const insert = q('INSERT INTO document_text_parts (document_id, ord, start, text) VALUES (?, ?, ?, ?)');
  let start = 0;
  partEnds(text, size).forEach((end, ord) => {
    insert.run(documentId, ord, start, text.slice(start, end));
    start = end;
  });
}

/**
 * Reads a document's text or a span of it: the parts the span overlaps, joined and sliced in JavaScript, so that
 * offsets are UTF-16 code units whatever the characters. Undefined for an unknown document (every stored document
 * has at least one part, starting at 0).
 */
export class DocumentTextReader {
  constructor(private readonly prepare: Prepare) {}

  read(documentId: number, span?: Span): string | undefined {
    if (!span) {
      const parts = this.prepare('SELECT text FROM document_text_parts WHERE document_id = ? ORDER BY ord').pluck().all(documentId) as string[];
      return parts.length ? parts.join('') : undefined;
    }
    const start = Math.max(0, span.start);
    const end = Math.max(start, span.end);
    // The last part starting at or before the span's start, and every later one starting before its end.
    const parts = this.prepare(
      `SELECT start, text FROM document_text_parts
       WHERE document_id = @documentId
         AND start >= (SELECT max(start) FROM document_text_parts WHERE document_id = @documentId AND start <= @start)
         AND (start < @end OR start <= @start)
       ORDER BY ord`,
    ).all({ documentId, start, end }) as { start: number; text: string }[];
    if (!parts.length) return undefined;
    const first = parts[0]!.start;
    const joined = parts.length === 1 ? parts[0]!.text : parts.map((p) => p.text).join('');
    return joined.slice(start - first, end - first);
  }
}
