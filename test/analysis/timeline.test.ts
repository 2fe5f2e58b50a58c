/**
 * The tier timeline and the year view on a fictional country whose 2013 placement is not known: a movement from
 * 2012 to 2014 spans that gap and must say so; the year view tells no movement across it.
 */
import { describe, expect, it } from 'vitest';
import { movementLabel, tierTimeline } from '../../src/analysis/timeline.js';
import { yearView } from '../../src/analysis/yearView.js';
import type { ReportYearInfo, Store, TierPlacement } from '../../src/store/index.js';
import { FICTIONAL_COUNTRIES, fictionalPlacement } from '../fixtures/countries.js';

const placement = fictionalPlacement;

/** 2011, 2012 and 2014 complete; 2013's list has gaps and lacks Examplia. */
const YEARS: ReportYearInfo[] = [2011, 2012, 2013, 2014].map((reportYear) => ({ reportYear, complete: reportYear !== 2013, countriesInReport: null }));
const HISTORY: TierPlacement[] = [placement('XEX', 2011, 'Tier 2'), placement('XEX', 2012, 'Tier 2'), placement('XEX', 2014, 'Tier 3')];

describe('tier timeline across unknown years', () => {
  const timeline = tierTimeline(HISTORY, YEARS);
  const at = (y: number) => timeline.find((e) => e.reportYear === y)!;

  it('flags a movement that spans a year whose placement is not known', () => {
    expect(at(2013)).toEqual({ reportYear: 2013, status: 'not-known' });
    const e2014 = at(2014);
    expect(e2014.status).toBe('placed');
    if (e2014.status !== 'placed') return;
    expect(e2014.movement).toEqual({ kind: 'downgraded', from: 'Tier 2', to: 'Tier 3', fromYear: 2012, unknownYears: [2013] });
    expect(movementLabel(e2014.movement)).toBe('downgraded from Tier 2 (2012) to Tier 3, across unknown years (2013 placement not known)');
  });

  it('labels movements between consecutive reports as before', () => {
    const e2012 = at(2012);
    if (e2012.status !== 'placed') throw new Error('2012 placed');
    expect(e2012.movement).toEqual({ kind: 'remained', from: 'Tier 2', to: 'Tier 2', fromYear: 2011, unknownYears: [] });
    expect(movementLabel(e2012.movement)).toBe('remained on Tier 2');
    // A plain movement (as the feeds pass it) reads as before.
    expect(movementLabel({ kind: 'upgraded', from: 'Tier 3', to: 'Tier 2' })).toBe('upgraded from Tier 3 to Tier 2');
  });

  it('names every unknown year, and does not claim "remained" across them', () => {
    const years: ReportYearInfo[] = [2010, 2011, 2012, 2013].map((reportYear) => ({ reportYear, complete: reportYear === 2010, countriesInReport: null }));
    const t = tierTimeline([placement('XEX', 2010, 'Tier 1'), placement('XEX', 2013, 'Tier 1')], years);
    const e = t.find((x) => x.reportYear === 2013)!;
    if (e.status !== 'placed') throw new Error('2013 placed');
    expect(e.movement.unknownYears).toEqual([2011, 2012]);
    expect(movementLabel(e.movement)).toBe('on Tier 1 as in 2010, across unknown years (2011–2012 placements not known)');
  });

  it('starts afresh after a complete year without the country (a re-entry, not a movement)', () => {
    const years: ReportYearInfo[] = [2011, 2012, 2013].map((reportYear) => ({ reportYear, complete: true, countriesInReport: null }));
    const t = tierTimeline([placement('XEX', 2011, 'Tier 2'), placement('XEX', 2013, 'Tier 3')], years);
    const e = t.find((x) => x.reportYear === 2013)!;
    if (e.status !== 'placed') throw new Error('2013 placed');
    expect(e.movement).toEqual({ kind: 'entered', from: null, to: 'Tier 3', fromYear: null, unknownYears: [] });
  });
});

describe('year view after a year whose placement is not known', () => {
  const placements = [...HISTORY];
  const store = {
    reportYears: () => YEARS,
    listCountries: () => FICTIONAL_COUNTRIES,
    placementsForYear: (y: number) => placements.filter((p) => p.reportYear === y),
    placedCountryYears: () => placements.map((p) => ({ countryId: p.countryId, reportYear: p.reportYear })),
    tierHistory: (id: string) => placements.filter((p) => p.countryId === id),
    version: () => 1,
  } as unknown as Store;

  it('tells no movement, and names the last known placement as the timeline does', () => {
    const v = yearView(store, 2014)!;
    const e = v.tiers.flatMap((t) => t.entries).find((x) => x.country.id === 'XEX')!;
    expect(e).toMatchObject({ previous: null, change: 'previous-not-known', symbol: '•', changeLabel: '2013 placement not known; last known: Tier 2 in 2012' });
  });
});
