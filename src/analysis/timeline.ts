import type { Movement } from '../domain/index.js';
import { FIRST_REPORT_YEAR, movementBetween, notYetAssessed } from '../domain/index.js';
import type { ReportYearInfo, TierPlacement } from '../store/types.js';

/**
 * A movement against the previous known placement. When report years between the two have no known placement
 * (`unknownYears`), the movement spans a gap: it is not a move from one report to the next, and it may have
 * happened in several steps.
 */
export interface TimelineMovement extends Movement {
  /** The report year of the placement compared with; null for a first placement. */
  fromYear: number | null;
  /** Report years between `fromYear` and this one whose placement is not known, oldest first. */
  unknownYears: number[];
}

/**
 * One report year of a country's timeline. `not-in-report`: the year's shipped list is complete and the country is
 * not on it. `not-known`: the year's list has gaps, so absence says nothing.
 */
export type TimelineEntry =
  | { reportYear: number; status: 'placed'; placement: TierPlacement; movement: TimelineMovement }
  | { reportYear: number; status: 'not-in-report' | 'not-known' };

/** The tier timeline from 2001 to the latest report year, with each movement against the previous known placement. */
export function tierTimeline(history: TierPlacement[], years: ReportYearInfo[], countryId?: string): TimelineEntry[] {
  const byYear = new Map(history.map((p) => [p.reportYear, p]));
  const complete = new Map(years.map((y) => [y.reportYear, y.complete]));
  const last = Math.max(FIRST_REPORT_YEAR, ...years.map((y) => y.reportYear), ...history.map((p) => p.reportYear));
  const out: TimelineEntry[] = [];
  let previous: TierPlacement | null = null;
  let unknownYears: number[] = [];
  for (let y = FIRST_REPORT_YEAR; y <= last; y++) {
    const p = byYear.get(y);
    if (p) {
      const movement = { ...movementBetween(previous?.tier ?? null, p.tier), fromYear: previous?.reportYear ?? null, unknownYears };
      out.push({ reportYear: y, status: 'placed', placement: p, movement });
      previous = p;
      unknownYears = [];
    } else if (complete.get(y) || (countryId !== undefined && notYetAssessed(countryId, y))) {
      out.push({ reportYear: y, status: 'not-in-report' });
      // After a year out of the report the next placement is a re-entry, not a movement.
      previous = null;
      unknownYears = [];
    } else {
      out.push({ reportYear: y, status: 'not-known' });
      // Unknown years keep the chain, but the next movement is flagged as spanning them.
      if (previous) unknownYears = [...unknownYears, y];
    }
  }
  return out;
}

/** "2013", "2013–2015", "2013, 2015". */
function yearsText(years: number[]): string {
  const runs: string[] = [];
  for (let i = 0; i < years.length; ) {
    let j = i;
    while (j + 1 < years.length && years[j + 1] === years[j]! + 1) j++;
    runs.push(j === i ? String(years[i]) : `${years[i]}–${years[j]}`);
    i = j + 1;
  }
  return runs.join(', ');
}

/**
 * The movement in words. A movement across unknown years says so and names the year compared with:
 * "downgraded from Tier 2 (2012) to Tier 3, across unknown years (2013 placement not known)".
 */
export function movementLabel(m: Movement & Partial<Pick<TimelineMovement, 'fromYear' | 'unknownYears'>>): string {
  const gap = m.unknownYears?.length ? m.unknownYears : null;
  const from = gap && m.fromYear ? `${m.from} (${m.fromYear})` : m.from;
  const base = ((): string => {
    switch (m.kind) {
      case 'entered':
        return m.to === 'Special Case' ? 'a Special Case' : `placed on ${m.to}`;
      case 'remained':
        if (gap) return m.to === 'Special Case' ? `a Special Case as in ${m.fromYear}` : `on ${m.to} as in ${m.fromYear}`;
        return m.to === 'Special Case' ? 'remained a Special Case' : `remained on ${m.to}`;
      case 'upgraded':
        return `upgraded from ${from} to ${m.to}`;
      case 'downgraded':
        return `downgraded from ${from} to ${m.to}`;
      case 'special-case':
        return `became a Special Case (was ${from})`;
      case 'left-special-case':
        return `placed on ${m.to} after being a Special Case${gap ? ` (${m.fromYear})` : ''}`;
    }
  })();
  if (!gap) return base;
  return `${base}, across unknown years (${yearsText(gap)} placement${gap.length > 1 ? 's' : ''} not known)`;
}
