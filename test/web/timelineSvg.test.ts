import { describe, expect, it } from 'vitest';
import { tierTimeline } from '../../src/analysis/timeline.js';
import type { Tier } from '../../src/domain/index.js';
import type { ReportYearInfo } from '../../src/store/index.js';
import { fictionalPlacement } from '../fixtures/countries.js';
import { timelineSummary, timelineSvg } from '../../src/web/svg/timeline.js';

const placement = (reportYear: number, tier: Tier) => fictionalPlacement('XEX', reportYear, tier);

describe('the timeline graphic', () => {
  it('draws a move across years not known with a hollow arrow, and counts it apart', () => {
    // 2012 → 2013 a downgrade from one report to the next; 2014 unknown; 2015 an upgrade across it.
    const years: ReportYearInfo[] = [2012, 2013, 2014, 2015].map((reportYear) => ({ reportYear, complete: reportYear !== 2014, countriesInReport: null }));
    const entries = tierTimeline([placement(2012, 'Tier 2'), placement(2013, 'Tier 3'), placement(2015, 'Tier 2')], years).filter((e) => e.reportYear >= 2012);
    const svg = timelineSvg(entries, { countryName: 'Examplia', idPrefix: 'tl' }).value;
    expect(svg).toContain('class="tl-down">▼</text>');
    expect(svg).toContain('class="tl-up">△</text>');
    expect(svg).not.toContain('▲');
    expect(timelineSummary('Examplia', entries)).toContain('2 changes of tier (1 across years not known)');
  });
});
