/** Typed failures. Parsers return warnings for odd input; these are for real failures. */
export class TipAtlasError extends Error {
  override name = 'TipAtlasError';
}

/** Bad input from the user: a file that cannot be read as a report, an unknown country, a bad year. */
export class InputError extends TipAtlasError {
  override name = 'InputError';
  constructor(
    message: string,
    readonly file?: string,
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
