/**
 * A tier timeline as SVG: one column per report year, one row per tier (Special Case in its own band below), a
 * step line joining consecutive placements, gaps where a country was not in the report, hatched columns where
 * its placement is not known. Each tier has its own marker shape as well as its own row and colour; each
 * movement carries an arrow and a <title> in words. The table on the same page says the same in text.
 */
import { TIER_PALETTE } from '../palette.js';
import type { TimelineEntry } from '../../analysis/timeline.js';
import type { Tier } from '../../domain/index.js';
import { TIER_CODES } from '../../domain/index.js';
import type { Html } from '../html.js';
import { html, raw } from '../html.js';

export const ROWS: Tier[] = ['Tier 1', 'Tier 2', 'Tier 2 Watch List', 'Tier 3', 'Special Case'];
export const ROW_LABELS: Record<Tier, string> = {
  'Tier 1': 'Tier 1',
  'Tier 2': 'Tier 2',
  'Tier 2 Watch List': 'Watch List',
  'Tier 3': 'Tier 3',
  'Special Case': 'Special Case',
};
/** The tiers' ink colours (the shared palette, palette.ts). */
export const TIER_COLOURS = Object.fromEntries(Object.entries(TIER_PALETTE).map(([t, c]) => [t, c.ink])) as Record<Tier, string>;

const LEFT = 92;
const COL = 28;
/** The narrowest graphic (25 report years at COL): the page's CSS shows it at least this wide. */
const MIN_WIDTH = 800;
const TOP = 18;
const ROW = 24;
/** Extra gap above the Special Case band. */
const SC_GAP = 8;
const AXIS = 26;

type Entry = TimelineEntry & { label?: string };

function rowY(tier: Tier): number {
  const i = ROWS.indexOf(tier);
  return TOP + i * ROW + ROW / 2 + (tier === 'Special Case' ? SC_GAP : 0);
}

function marker(tier: Tier, x: number, y: number): string {
  const c = TIER_COLOURS[tier];
  switch (tier) {
    case 'Tier 1':
      return `<circle cx="${x}" cy="${y}" r="6" fill="${c}"/>`;
    case 'Tier 2':
      return `<rect x="${x - 5.5}" y="${y - 5.5}" width="11" height="11" fill="${c}"/>`;
    case 'Tier 2 Watch List':
      return `<path d="M${x} ${y - 7}l7 7-7 7-7-7z" fill="${c}"/>`;
    case 'Tier 3':
      return `<path d="M${x} ${y - 7}l7 12.5h-14z" fill="${c}"/>`;
    case 'Special Case':
      return `<circle cx="${x}" cy="${y}" r="5.5" fill="#fff" stroke="${c}" stroke-width="2.5" stroke-dasharray="3 2"/>`;
  }
}

export interface TimelineSvgOptions {
  /** Unique per page (ids of <title> and <desc>). */
  idPrefix: string;
  countryName: string;
  /** Years shown, so that several timelines share one axis. Default: the entries' own range. */
  firstYear?: number;
  lastYear?: number;
}

/** A one-sentence text summary of a timeline (the SVG's description). */
export function timelineSummary(countryName: string, entries: Entry[]): string {
  const placed = entries.filter((e): e is Extract<Entry, { status: 'placed' }> => e.status === 'placed');
  if (placed.length === 0) return `No tier placement of ${countryName} is known.`;
  const changed = placed.filter((e) => e.movement.kind !== 'remained' && e.movement.kind !== 'entered');
  const acrossGaps = changed.filter((e) => e.movement.unknownYears.length > 0).length;
  const moves = changed.length;
  const last = placed.at(-1)!;
  const unknown = entries.filter((e) => e.status === 'not-known').length;
  return (
    `${countryName}: ${placed.length} known placements from ${placed[0]!.reportYear} to ${last.reportYear}, ` +
    `${moves} change${moves === 1 ? '' : 's'} of tier${acrossGaps ? ` (${acrossGaps} across years not known)` : ''}; ${last.placement.tier} in ${last.reportYear}` +
    (unknown ? `; ${unknown} year${unknown === 1 ? '' : 's'} not known` : '') +
    '. The table of tier history gives every year in words.'
  );
}

export function timelineSvg(entries: Entry[], opts: TimelineSvgOptions): Html {
  const first = opts.firstYear ?? entries[0]?.reportYear ?? 2001;
  const last = opts.lastYear ?? entries.at(-1)?.reportYear ?? first;
  const byYear = new Map(entries.map((e) => [e.reportYear, e]));
  const cols = last - first + 1;
  // Columns widen for short timelines, so the graphic keeps its natural width (and its text size) on the page.
  const col = Math.max(COL, (MIN_WIDTH - LEFT - 8) / cols);
  const width = LEFT + cols * col + 8;
  const plotBottom = TOP + ROWS.length * ROW + SC_GAP;
  const height = plotBottom + AXIS;
  const x = (year: number) => LEFT + (year - first) * col + col / 2;
  const parts: string[] = [];

  // Rows and their labels.
  for (const t of ROWS) {
    const y = rowY(t);
    parts.push(
      `<line x1="${LEFT}" x2="${width - 8}" y1="${y}" y2="${y}" stroke="#e3e3e3"/>`,
      `<text x="${LEFT - 8}" y="${y + 4}" text-anchor="end" class="tl-row">${ROW_LABELS[t]}</text>`,
    );
  }
  const scLine = TOP + 4 * ROW + SC_GAP / 2;
  parts.push(`<line x1="${LEFT}" x2="${width - 8}" y1="${scLine}" y2="${scLine}" stroke="#999" stroke-dasharray="4 3"/>`);

  // Columns: year labels, not-known hatching, not-in-report dashes.
  for (let year = first; year <= last; year++) {
    const e = byYear.get(year);
    const cx = x(year);
    if (year === first || year === last || (year - first) % 2 === 0) {
      parts.push(`<text x="${cx}" y="${plotBottom + 16}" text-anchor="middle" class="tl-year">${year}</text>`);
    }
    if (!e || e.status === 'not-known') {
      parts.push(
        `<rect x="${cx - col / 2 + 2}" y="${TOP}" width="${col - 4}" height="${plotBottom - TOP}" fill="url(#${opts.idPrefix}-unknown)"><title>${year}: placement not known</title></rect>`,
        `<text x="${cx}" y="${TOP - 5}" text-anchor="middle" class="tl-note">?</text>`,
      );
    } else if (e.status === 'not-in-report') {
      parts.push(`<g><title>${year}: not in the report</title><text x="${cx}" y="${TOP - 5}" text-anchor="middle" class="tl-note">–</text></g>`);
    }
  }

  // Step line through consecutive placements.
  let d = '';
  let prev: { year: number; y: number } | undefined;
  for (let year = first; year <= last; year++) {
    const e = byYear.get(year);
    if (!e || e.status !== 'placed') {
      prev = undefined;
      continue;
    }
    const y = rowY(e.placement.tier);
    if (prev && prev.year === year - 1) {
      const mid = x(year) - col / 2;
      d += `H${mid}V${y}H${x(year)}`;
    } else d += `M${x(year)} ${y}`;
    prev = { year, y };
  }
  if (d) parts.push(`<path d="${d}" fill="none" stroke="#6b6b6b" stroke-width="1.5"/>`);

  // Markers, with the movement in words and an arrow for the eye.
  for (let year = first; year <= last; year++) {
    const e = byYear.get(year);
    if (!e || e.status !== 'placed') continue;
    const t = e.placement.tier;
    const cx = x(year);
    const cy = rowY(t);
    const title = html`${year}: ${t}${e.placement.asterisk ? '*' : ''}${e.label ? ` — ${e.label}` : ''}`.value;
    let arrow = '';
    // Hollow when the move spans years whose placement is not known: not a move from one report to the next.
    const gap = e.movement.unknownYears.length > 0;
    if (e.movement.kind === 'upgraded') arrow = `<text x="${cx}" y="${cy - 10}" text-anchor="middle" class="tl-up">${gap ? '△' : '▲'}</text>`;
    else if (e.movement.kind === 'downgraded') arrow = `<text x="${cx}" y="${cy + 19}" text-anchor="middle" class="tl-down">${gap ? '▽' : '▼'}</text>`;
    else if (e.movement.kind === 'special-case' || e.movement.kind === 'left-special-case') {
      arrow = `<text x="${cx}" y="${cy - 10}" text-anchor="middle" class="tl-note">◆</text>`;
    }
    parts.push(`<g class="tl-pt tl-${TIER_CODES[t]}"><title>${title}</title>${marker(t, cx, cy)}${arrow}</g>`);
  }

  const titleId = `${opts.idPrefix}-title`;
  const descId = `${opts.idPrefix}-desc`;
  return html`<svg class="timeline" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" role="img" aria-labelledby="${titleId} ${descId}">
<title id="${titleId}">Tier timeline of ${opts.countryName}, ${first}–${last}</title>
<desc id="${descId}">${timelineSummary(opts.countryName, entries)}</desc>
<defs><pattern id="${opts.idPrefix}-unknown" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)"><rect width="6" height="6" fill="#f4f4f4"/><line x1="0" y1="0" x2="0" y2="6" stroke="#c4c4c4" stroke-width="1.5"/></pattern></defs>
${raw(parts.join(''))}
</svg>`;
}

/** The legend of the timeline's marks (HTML with small SVGs). */
export function timelineLegend(): Html {
  const item = (svg: string, text: string) =>
    html`<li><svg width="16" height="16" viewBox="0 0 16 16" aria-hidden="true" focusable="false">${raw(svg)}</svg> ${text}</li>`;
  return html`<ul class="legend tl-legend">
${ROWS.map((t) => item(marker(t, 8, 8).replace(/r="6"/, 'r="5.5"'), t))}
${item('<text x="8" y="13" text-anchor="middle" font-size="13" fill="#1a7f37">▲</text>', 'upgraded')}
${item('<text x="8" y="13" text-anchor="middle" font-size="13" fill="#b3261e">▼</text>', 'downgraded')}
${item('<text x="8" y="13" text-anchor="middle" font-size="13" fill="#6b6b6b">△</text>', 'up or down across years not known')}
${item('<rect x="2" y="1" width="12" height="14" fill="#e9e9e9" stroke="#aaa"/><text x="8" y="12" text-anchor="middle" font-size="10">?</text>', 'not known')}
${item('<text x="8" y="12" text-anchor="middle" font-size="13">–</text>', 'not in the report')}
</ul>`;
}
