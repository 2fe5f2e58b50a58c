/**
 * How a comparison between two report years is worded when they are not consecutive: a reader takes "new" or
 * "dropped" to mean "since last year", so a comparison across a gap names the earlier year as the previous one held
 * and says which years are not held ("compared with the 2004 report, the previous one held; 2005–2022 not held").
 */

/** The report years strictly between two, or null when they are consecutive (or the same). */
export interface YearGap {
  from: number;
  to: number;
}

export function yearsBetween(earlier: number, later: number): YearGap | null {
  return later - earlier > 1 ? { from: earlier + 1, to: later - 1 } : null;
}

/** "2005–2022", or "2022" for one year. */
export function gapText(g: YearGap): string {
  return g.from === g.to ? `${g.from}` : `${g.from}–${g.to}`;
}

/**
 * "the 2022 report" when it is the previous report year; otherwise "the 2004 report, the previous one held
 * (2005–2022 not held)". `what` names what is not held ("not held", "no recommendations held").
 */
export function previousReportText(previousYear: number, reportYear: number, what = 'not held'): string {
  const gap = yearsBetween(previousYear, reportYear);
  return gap ? `the ${previousYear} report, the previous one held (${gapText(gap)} ${what})` : `the ${previousYear} report`;
}
