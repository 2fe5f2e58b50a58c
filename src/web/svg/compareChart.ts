/**
 * Compare's tier timelines on one axis: years across, tiers down (Special Case in its own band), one line and one
 * marker style per country (ink, shape and dash from palette.ts SERIES_STYLES), broken where a year is not known or
 * the country was not in the report, named by a legend and by a label at each line's last point. Each point has a
 * <title> in words; the table beside it (compareTable) says the same for screen readers and without the graphic.
 */
import type { TimelineEntry } from '../../analysis/timeline.js';
import type { Tier } from '../../domain/index.js';
import { SERIES_STYLES } from '../palette.js';
import type { Html } from '../html.js';
import { html, raw } from '../html.js';
import { ROWS, ROW_LABELS } from './timeline.js';

export interface CompareSeries {
  name: string;
  entries: TimelineEntry[];
}

const LEFT = 84;
const COL = 30;
const RIGHT = 120;
const TOP = 16;
const ROW = 40;
const SC_GAP = 10;
const AXIS = 26;

const esc = (s: string) => html`${s}`.value;

/** The y of a tier's row (compareChartSvg spreads the series a little within it, so equal placements stay apart). */
export function tierY(tier: Tier): number {
  return TOP + ROWS.indexOf(tier) * ROW + ROW / 2 + (tier === 'Special Case' ? SC_GAP : 0);
}

/** The ink, marker and dash of series `i` (they repeat after the eighth). */
function seriesStyle(i: number): (typeof SERIES_STYLES)[number] {
  return SERIES_STYLES[i % SERIES_STYLES.length]!;
}

export function seriesMarker(i: number, x: number, y: number): string {
  const s = seriesStyle(i);
  const f = `fill="${s.ink}"`;
  switch (s.shape) {
    case 'circle':
      return `<circle cx="${x}" cy="${y}" r="4.5" ${f}/>`;
    case 'square':
      return `<rect x="${x - 4}" y="${y - 4}" width="8" height="8" ${f}/>`;
    case 'diamond':
      return `<path d="M${x} ${y - 5.5}l5.5 5.5-5.5 5.5-5.5-5.5z" ${f}/>`;
    case 'triangle':
      return `<path d="M${x} ${y - 5.5}l5.5 9.5h-11z" ${f}/>`;
    case 'down':
      return `<path d="M${x} ${y + 5.5}l5.5-9.5h-11z" ${f}/>`;
    case 'plus':
      return `<path d="M${x - 5} ${y}h10M${x} ${y - 5}v10" stroke="${s.ink}" stroke-width="3"/>`;
    case 'cross':
      return `<path d="M${x - 4} ${y - 4}l8 8M${x + 4} ${y - 4}l-8 8" stroke="${s.ink}" stroke-width="3"/>`;
    case 'bar':
      return `<rect x="${x - 2}" y="${y - 6}" width="4" height="12" ${f}/>`;
  }
}

function placementText(e: TimelineEntry | undefined): string {
  if (!e || e.status === 'not-known') return 'not known';
  if (e.status !== 'placed') return 'not in the report';
  return `${e.placement.tier}${e.placement.asterisk ? '*' : ''}`;
}

export function compareChartSvg(series: CompareSeries[], first: number, last: number, idPrefix = 'cmp'): Html {
  const cols = last - first + 1;
  const width = LEFT + cols * COL + RIGHT;
  const plotBottom = TOP + ROWS.length * ROW + SC_GAP;
  const x = (year: number) => LEFT + (year - first) * COL + COL / 2;
  const spread = (i: number) => (i - (series.length - 1) / 2) * Math.min(5, 28 / Math.max(1, series.length));
  const parts: string[] = [];
  for (const t of ROWS) {
    const y = tierY(t);
    parts.push(`<line x1="${LEFT}" x2="${LEFT + cols * COL}" y1="${y}" y2="${y}" stroke="#e3e3e3"/>`, `<text x="${LEFT - 8}" y="${y + 4}" text-anchor="end" class="tl-row">${ROW_LABELS[t]}</text>`);
  }
  const scLine = TOP + (ROWS.length - 1) * ROW + SC_GAP / 2;
  parts.push(`<line x1="${LEFT}" x2="${LEFT + cols * COL}" y1="${scLine}" y2="${scLine}" stroke="#999" stroke-dasharray="4 3"/>`);
  for (let year = first; year <= last; year++) {
    if (year === first || year === last || (year - first) % 2 === 0) parts.push(`<text x="${x(year)}" y="${plotBottom + 16}" text-anchor="middle" class="tl-year">${year}</text>`);
  }
  const labels: { i: number; y: number; x: number }[] = [];
  series.forEach((s, i) => {
    const style = seriesStyle(i);
    const byYear = new Map(s.entries.map((e) => [e.reportYear, e]));
    let d = '';
    let prevYear = -1;
    const points: string[] = [];
    let lastPoint: { x: number; y: number } | undefined;
    for (let year = first; year <= last; year++) {
      const e = byYear.get(year);
      if (!e || e.status !== 'placed') continue;
      const px = x(year);
      const py = tierY(e.placement.tier) + spread(i);
      // A line only between consecutive reports: a year not known or not held breaks it.
      d += `${prevYear === year - 1 ? 'L' : 'M'}${px} ${py}`;
      prevYear = year;
      points.push(`<g class="cmp-pt"><title>${esc(`${s.name}, ${year}: ${placementText(e)}`)}</title>${seriesMarker(i, px, py)}</g>`);
      lastPoint = { x: px, y: py };
    }
    parts.push(`<g class="cmp-series" data-country="${esc(s.name)}">`);
    if (d) parts.push(`<path d="${d}" fill="none" stroke="${style.ink}" stroke-width="2"${style.dash ? ` stroke-dasharray="${style.dash}"` : ''}/>`);
    parts.push(...points, '</g>');
    if (lastPoint) labels.push({ i, y: lastPoint.y, x: lastPoint.x });
  });
  // Direct labels right of the plot, at each line's last height, pushed apart to stay legible.
  labels.sort((a, b) => a.y - b.y);
  let floor = -Infinity;
  for (const l of labels) {
    const y = Math.max(l.y, floor + 13);
    floor = y;
    const style = seriesStyle(l.i);
    parts.push(`<text x="${LEFT + cols * COL + 8}" y="${y + 4}" class="cmp-label" fill="${style.ink}" aria-hidden="true">${esc(series[l.i]!.name)}</text>`);
  }
  const titleId = `${idPrefix}-title`;
  return html`<svg class="timeline compare-chart" viewBox="0 0 ${width} ${plotBottom + AXIS}" width="${width}" height="${plotBottom + AXIS}" role="img" aria-labelledby="${titleId}">
<title id="${titleId}">Tier timelines of ${series.map((s) => s.name).join(', ')}, ${first}–${last}, on one axis (the table below gives every year in words)</title>
${raw(parts.join(''))}
</svg>`;
}

/** The legend: each country's line and marker. */
export function compareLegend(names: string[]): Html {
  return html`<ul class="legend tl-legend">${names.map((n, i) => {
    const s = seriesStyle(i);
    return html`<li><svg width="34" height="14" viewBox="0 0 34 14" aria-hidden="true" focusable="false">${raw(
      `<line x1="1" x2="33" y1="7" y2="7" stroke="${s.ink}" stroke-width="2"${s.dash ? ` stroke-dasharray="${s.dash}"` : ''}/>${seriesMarker(i, 17, 7)}`,
    )}</svg> ${n}</li>`;
  })}</ul>`;
}

/** The chart in words: one row per country, one column per report year. */
export function compareTable(series: CompareSeries[], first: number, last: number): Html {
  const years: number[] = [];
  for (let y = first; y <= last; y++) years.push(y);
  return html`<div class="scroll" tabindex="0" role="region" aria-label="Tier by report year, table (scrolls sideways)">
<table class="compare-table">
<caption>Tier by report year</caption>
<thead><tr><th scope="col">Country</th>${years.map((y) => html`<th scope="col">${y}</th>`)}</tr></thead>
<tbody>${series.map((s) => {
    const byYear = new Map(s.entries.map((e) => [e.reportYear, e]));
    return html`<tr><th scope="row">${s.name}</th>${years.map((y) => html`<td>${placementText(byYear.get(y))}</td>`)}</tr>`;
  })}</tbody>
</table>
</div>`;
}
