/** Report years: the year on the report's cover. The first report was published in 2001. */
export const FIRST_REPORT_YEAR = 2001;
export const LAST_PLAUSIBLE_REPORT_YEAR = 2030;

export function isPlausibleReportYear(year: number): boolean {
  return Number.isInteger(year) && year >= FIRST_REPORT_YEAR && year <= LAST_PLAUSIBLE_REPORT_YEAR;
}

/** The reporting period a report year covers: April 1 of the previous year to March 31 of that year. */
export function reportingPeriod(reportYear: number): { from: string; to: string } {
  return { from: `${reportYear - 1}-04-01`, to: `${reportYear}-03-31` };
}
