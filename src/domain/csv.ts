/**
 * A tiny RFC 4180 CSV reader and writer. Pure functions, no I/O.
 *
 * Reading accepts what real files contain: CRLF, LF or lone CR line endings, a UTF-8 byte-order mark, quoted
 * fields with doubled quotes (`""`) and embedded commas or line breaks. A final line break does not start an
 * empty record; an empty line in the middle is a record with one empty field (`['']`). An unterminated quoted
 * field is an error (a silent parse would swallow the rest of the file).
 *
 * Writing quotes a field only when it must (comma, quote, line break) or when it has leading or trailing
 * whitespace that a lenient reader might trim. Lines end with `\n` unless told otherwise, and the text ends with
 * one line break.
 */

export class CsvSyntaxError extends Error {
  override name = 'CsvSyntaxError';
  constructor(
    message: string,
    /** Where: `line 12` (a line of the text) or `record 7` (a record, the header being record 1). */
    readonly where: string,
  ) {
    super(`${message} (${where})`);
  }
}

/** Parses CSV text into records of fields. Every field is a string; nothing is trimmed or converted. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  const n = text.length;
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  let line = 1;
  if (i >= n) return rows;

  let row: string[] = [];
  let field = '';
  for (;;) {
    // At the start of a field.
    if (text[i] === '"') {
      const quoteLine = line;
      i++;
      let closed = false;
      while (i < n) {
        const q = text.indexOf('"', i);
        if (q === -1) break;
        const chunk = text.slice(i, q);
        field += chunk;
        line += countLineBreaks(chunk);
        if (text[q + 1] === '"') {
          field += '"';
          i = q + 2;
        } else {
          i = q + 1;
          closed = true;
          break;
        }
      }
      if (!closed) throw new CsvSyntaxError('unterminated quoted field', `line ${quoteLine}`);
    }
    // Unquoted text, or stray text after a closing quote (kept as written, like most readers do).
    while (i < n) {
      const c = text[i];
      if (c === ',' || c === '\n' || c === '\r') break;
      const next = nextSpecial(text, i);
      field += text.slice(i, next);
      i = next;
    }
    row.push(field);
    field = '';
    if (i >= n) {
      rows.push(row);
      return rows;
    }
    const c = text[i];
    if (c === ',') {
      i++;
      continue;
    }
    // A line break ends the record.
    i += c === '\r' && text[i + 1] === '\n' ? 2 : 1;
    line++;
    rows.push(row);
    row = [];
    if (i >= n) return rows;
  }
}

function nextSpecial(text: string, from: number): number {
  for (let j = from; j < text.length; j++) {
    const c = text.charCodeAt(j);
    if (c === 44 /* , */ || c === 10 /* \n */ || c === 13 /* \r */) return j;
  }
  return text.length;
}

function countLineBreaks(s: string): number {
  let count = 0;
  for (let j = 0; j < s.length; j++) {
    const c = s.charCodeAt(j);
    if (c === 10) count++;
    else if (c === 13 && s.charCodeAt(j + 1) !== 10) count++;
  }
  return count;
}

export type CsvValue = string | number | null | undefined;

export interface FormatCsvOptions {
  /** Line ending; `\n` by default (RFC 4180 says CRLF; both read back the same). */
  eol?: '\n' | '\r\n';
  /**
   * For files people open in spreadsheets: a text cell starting with = + - @ (or a tab or CR) that is not a plain
   * number gets a leading ' so that it cannot run as a formula. Number values are never touched.
   */
  neutralizeFormulas?: boolean;
}

/** A text cell a spreadsheet would run as a formula, made inert with a leading apostrophe. */
export function neutralizeFormula(cell: string): string {
  return /^[=+\-@\t\r]/.test(cell) && !/^[+-]?\d+(?:\.\d+)?$/.test(cell) ? `'${cell}` : cell;
}

/** Formats records as CSV text. `null`/`undefined` become empty fields; numbers must be finite. */
export function formatCsv(rows: readonly (readonly CsvValue[])[], options: FormatCsvOptions = {}): string {
  const eol = options.eol ?? '\n';
  let out = '';
  for (const row of rows) {
    // A record of one empty field is written `""`, so that it cannot be mistaken for a blank line.
    if (row.length === 1 && (row[0] === '' || row[0] === null || row[0] === undefined)) {
      out += '""' + eol;
      continue;
    }
    out += row.map((v) => formatField(options.neutralizeFormulas && typeof v === 'string' ? neutralizeFormula(v) : v)).join(',') + eol;
  }
  return out;
}

function formatField(value: CsvValue): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new RangeError(`cannot write ${value} to CSV`);
    return String(value);
  }
  if (/[",\r\n]/.test(value) || /^\s|\s$/.test(value)) return '"' + value.replace(/"/g, '""') + '"';
  return value;
}

/**
 * Reads CSV text with a header row into objects keyed by column name. Throws when a record has a different
 * number of fields from the header (blank lines are skipped).
 */
export function parseCsvRecords(text: string): { header: string[]; records: Record<string, string>[] } {
  const rows = parseCsv(text);
  const header = rows[0] ?? [];
  const records: Record<string, string>[] = [];
  for (let r = 1; r < rows.length; r++) {
    const row = rows[r] ?? [];
    if (row.length === 1 && row[0] === '') continue;
    if (row.length !== header.length) {
      throw new CsvSyntaxError(`expected ${header.length} fields, found ${row.length}`, `record ${r + 1}`);
    }
    const record: Record<string, string> = {};
    header.forEach((name, k) => {
      record[name] = row[k] ?? '';
    });
    records.push(record);
  }
  return { header, records };
}
