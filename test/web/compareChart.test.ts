import { describe, expect, it } from 'vitest';
import type { TimelineEntry } from '../../src/analysis/timeline.js';
import { SERIES_STYLES } from '../../src/web/palette.js';
import { compareChartSvg, compareTable, tierY } from '../../src/web/svg/compareChart.js';

const placed = (reportYear: number, tier: 'Tier 1' | 'Tier 2' | 'Tier 3'): TimelineEntry => ({
  reportYear,
  status: 'placed',
  placement: { tier, asterisk: false } as never,
  movement: { kind: 'remained', unknownYears: [] } as never,
});

describe('compare chart: the countries on one axis', () => {
  const series = [
    { name: 'Examplia', entries: [placed(2020, 'Tier 1'), placed(2021, 'Tier 2'), { reportYear: 2022, status: 'not-known' as const }, placed(2023, 'Tier 2')] },
    { name: 'Quux & Co', entries: [placed(2020, 'Tier 3'), { reportYear: 2021, status: 'not-in-report' as const }, placed(2022, 'Tier 3')] },
  ];
  const svg = compareChartSvg(series, 2020, 2023).value;

  it('is one svg with one series per country, each in its own ink and dash', () => {
    expect(svg.match(/<svg/g)).toHaveLength(1);
    expect(svg.match(/class="cmp-series"/g)).toHaveLength(2);
    expect(svg).toContain(`stroke="${SERIES_STYLES[0]!.ink}"`);
    expect(svg).toContain(`stroke-dasharray="${SERIES_STYLES[1]!.dash}"`);
    expect(svg).toContain('data-country="Quux &amp; Co"');
  });

  it('puts each point at its tier, and breaks a line where a year is not known or not in the report', () => {
    const first = svg.slice(svg.indexOf('data-country="Examplia"'), svg.indexOf('data-country="Quux'));
    expect(first.match(/<title>/g)).toHaveLength(3);
    expect(first).toContain('<title>Examplia, 2021: Tier 2</title>');
    const d = /<path d="([^"]+)" fill="none"/.exec(first)![1]!;
    // Two pieces: 2020–2021 joined, 2023 apart (2022 not known).
    expect(d.match(/M/g)).toHaveLength(2);
    const ys = [...d.matchAll(/[ML][\d.]+ ([\d.-]+)/g)].map((m) => Number(m[1]));
    const spread = ys[0]! - tierY('Tier 1');
    expect(ys).toEqual([tierY('Tier 1') + spread, tierY('Tier 2') + spread, tierY('Tier 2') + spread]);
    const second = svg.slice(svg.indexOf('data-country="Quux'));
    expect(/<path d="([^"]+)" fill="none"/.exec(second)![1]!.match(/M/g)).toHaveLength(2);
  });

  it('names each line by a direct label and says every year in a table', () => {
    expect(svg).toMatch(/class="cmp-label"[^>]*>Examplia</);
    const table = compareTable(series, 2020, 2023).value;
    expect(table.match(/<tr>/g)).toHaveLength(3);
    expect(table).toContain('<th scope="row">Examplia</th><td>Tier 1</td><td>Tier 2</td><td>not known</td><td>Tier 2</td>');
    expect(table).toContain('<td>not in the report</td>');
  });
});
