import type { Movement, Tier } from '../domain/index.js';
import { FIRST_REPORT_YEAR, movementBetween } from '../domain/index.js';
import type { ReportYearInfo, TierPlacement } from '../store/types.js';

/**
 * One report year of a country's timeline. `not-in-report`: the year's shipped list is complete and the country is
 * not on it. `not-known`: the year's list has gaps, so absence says nothing.
 */
export type TimelineEntry =
  | { reportYear: number; status: 'placed'; placement: TierPlacement; movement: Movement }
  | { reportYear: number; status: 'not-in-report' | 'not-known' };

/** The tier timeline from 2001 to the latest report year, with each movement against the previous known placement. */
export function tierTimeline(history: TierPlacement[], years: ReportYearInfo[]): TimelineEntry[] {
  const byYear = new Map(history.map((p) => [p.reportYear, p]));
  const complete = new Map(years.map((y) => [y.reportYear, y.complete]));
  const last = Math.max(FIRST_REPORT_YEAR, ...years.map((y) => y.reportYear), ...history.map((p) => p.reportYear));
  const out: TimelineEntry[] = [];
  let previous: Tier | null = null;
  for (let y = FIRST_REPORT_YEAR; y <= last; y++) {
    const p = byYear.get(y);
    if (p) {
      out.push({ reportYear: y, status: 'placed', placement: p, movement: movementBetween(previous, p.tier) });
      previous = p.tier;
    } else {
      out.push({ reportYear: y, status: complete.get(y) ? 'not-in-report' : 'not-known' });
      // After a year out of the report the next placement is a re-entry, not a movement; unknown years keep the chain.
      if (complete.get(y)) previous = null;
    }
  }
  return out;
}

export function movementLabel(m: Movement): string {
  switch (m.kind) {
    case 'entered':
      return m.to === 'Special Case' ? 'a Special Case' : `placed on ${m.to}`;
    case 'remained':
      return m.to === 'Special Case' ? 'remained a Special Case' : `remained on ${m.to}`;
    case 'upgraded':
      return `upgraded from ${m.from} to ${m.to}`;
    case 'downgraded':
      return `downgraded from ${m.from} to ${m.to}`;
    case 'special-case':
      return `became a Special Case (was ${m.from})`;
    case 'left-special-case':
      return `placed on ${m.to} after being a Special Case`;
  }
}
