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

/** The share of a report's countries with a known placement from which its map is shown first (home page). */
export const HOME_KNOWN_SHARE = 0.95;

/**
 * The share of a report year's countries whose placement is known: 1 for a complete list, known / countries in the
 * report when the report's size is known (data/report-years.csv), else null (not known how complete it is).
 */
export function knownShare(y: { complete: boolean; countriesInReport: number | null }, known: number): number | null {
  if (y.complete) return 1;
  if (!y.countriesInReport) return null;
  return Math.min(1, known / y.countriesInReport);
}

/**
 * The year the home page opens on: the latest report year whose placements are at least `HOME_KNOWN_SHARE` known,
 * else the latest year. `known(year)` counts a year's known placements (asked newest first, until one qualifies).
 */
export function homeReportYear(
  years: readonly { reportYear: number; complete: boolean; countriesInReport: number | null }[],
  known: (reportYear: number) => number,
): number | null {
  const newestFirst = [...years].sort((a, b) => b.reportYear - a.reportYear);
  const good = newestFirst.find((y) => (knownShare(y, known(y.reportYear)) ?? 0) >= HOME_KNOWN_SHARE);
  return good?.reportYear ?? newestFirst[0]?.reportYear ?? null;
}

/** "2001–2025", or "2001–2010, 2012" for years with gaps (any order). */
export function yearRangesText(years: readonly number[]): string {
  const ys = [...new Set(years)].sort((a, b) => a - b);
  const out: string[] = [];
  for (let i = 0; i < ys.length; i++) {
    const start = ys[i]!;
    while (i + 1 < ys.length && ys[i + 1] === ys[i]! + 1) i++;
    out.push(start === ys[i] ? `${start}` : `${start}–${ys[i]}`);
  }
  return out.join(', ');
}
