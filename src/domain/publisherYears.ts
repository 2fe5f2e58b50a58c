import { PUBLISHER_YEAR_ROWS } from './publisherYears.data.js';

/**
 * The publisher's facts per report year (data/publisher-years.csv, sources in data/SOURCES.md): when the report
 * was released and where the U.S. Department of State published it. Cells are as compiled: free text where the
 * evidence was a note (an address "seen via" an archive, two addresses separated by " ; "), null where no evidence
 * was seen. Use the helpers below for a single address.
 */
export interface PublisherYear {
  reportYear: number;
  /** ISO date of the report's release. */
  releaseDate: string | null;
  /** The report's landing page on the publisher's current site. */
  landingUrl: string | null;
  /** The landing page on an archived site of the publisher, possibly with a note. */
  archivedLandingUrl: string | null;
  /** The full-report PDF (with notes where only third parties cite it). */
  pdfUrl: string | null;
  /** How country pages are addressed that year (`<country-slug>`, `<numeric id>` placeholders, with notes). */
  countryPagePattern: string | null;
  /** One country page seen at that pattern (with a note). */
  countryPageExample: string | null;
  /** A table of contents or country index page. */
  indexUrl: string | null;
  /** Countries in the report as stated by a source ("175 (173 ranked + 2 special cases)"). */
  countriesInReport: string | null;
  /** The public pages the row rests on, separated by spaces. */
  sources: string | null;
}

export const PUBLISHER_YEARS: readonly PublisherYear[] = PUBLISHER_YEAR_ROWS;

const BY_YEAR = new Map(PUBLISHER_YEARS.map((y) => [y.reportYear, y]));

export function publisherYear(reportYear: number): PublisherYear | undefined {
  return BY_YEAR.get(reportYear);
}

/** The first http(s) address in a cell (cells may carry notes or a second address after " ; "). */
export function firstUrl(cell: string | null): string | null {
  const m = cell?.match(/https?:\/\/[^\s;,()"]+/);
  return m ? m[0] : null;
}
