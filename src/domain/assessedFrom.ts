/**
 * Countries the reports did not assess from the first report on, though they existed: before the first report that
 * assesses them, a year without a placement is "not in the report", not "not known" (even in a year whose compiled
 * list has gaps).
 *
 * - The United States: first ranked in the 2010 report (data/SOURCES.md, "The United States is assessed from the
 *   2010 report on"; the 2010 release: https://blogs.state.gov/stories/2010/06/14/release-10th-annual-trafficking-persons-report,
 *   a source of data/publisher-years.csv).
 */
const FIRST_ASSESSED: Readonly<Record<string, number>> = { USA: 2010 };

/** Whether the reports had not yet begun to assess this (existing) country in that report year. */
export function notYetAssessed(countryId: string, reportYear: number): boolean {
  const first = FIRST_ASSESSED[countryId];
  return first !== undefined && reportYear < first;
}
