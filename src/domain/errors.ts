/** Typed failures. Parsers return warnings for odd input; these are for real failures. */
export class TipAtlasError extends Error {
  override name = 'TipAtlasError';
}

/**
 * What kind of bad input an InputError is. Callers decide by code, never by message text: the CLI's exit code,
 * flag hints and import summary, the web's HTTP status.
 */
export type InputErrorCode =
  /** Reading the file: missing, permission denied, not a regular file. */
  | 'unreadable'
  /** A file over the import's size limit. */
  | 'too-large'
  | 'empty'
  /** Bytes that are neither text, HTML nor PDF. */
  | 'binary'
  | 'html-without-content'
  | 'pdf-encrypted'
  | 'pdf-without-text'
  | 'pdf-damaged'
  /** A heading with a tier that is not one (e.g. "Tier 4"). */
  | 'invalid-tier-heading'
  /** No heading that names a known country. */
  | 'no-country-heading'
  /** The text names no report year and none was given. */
  | 'report-year-unknown'
  /** A report year given outside 2001–2030 (one the text names outside it is report-year-unknown). */
  | 'report-year-out-of-range'
  /** A narrative, section or recommendation over its size limit (ingest/limits.ts). */
  | 'over-limit'
  /** A folder where a file was expected. */
  | 'not-a-file'
  /** A search query or filter that cannot be run. */
  | 'bad-query'
  /** A search stopped at its time budget. */
  | 'search-over-budget'
  /** Anything else a user gave that cannot be used (a malformed import input, …). */
  | 'bad-input';

/** Bad input from the user: a file that cannot be read as a report, an unknown country, a bad year. */
export class InputError extends TipAtlasError {
  override name = 'InputError';
  constructor(
    message: string,
    readonly file?: string,
    readonly code: InputErrorCode = 'bad-input',
  ) {
    super(file ? `${file}: ${message}` : message);
  }
}

/** Something asked for that is not held: a report year, a country's narrative, a good on the List. */
export class NotFoundError extends TipAtlasError {
  override name = 'NotFoundError';
}

export class UnknownCountryError extends TipAtlasError {
  override name = 'UnknownCountryError';
  constructor(
    readonly input: string,
    readonly suggestions: string[],
  ) {
    super(
      `unknown country "${input}"` +
        (suggestions.length ? `; closest known names: ${suggestions.join(', ')}` : '; no similar name is known'),
    );
  }
}
