/**
 * The profile's panels beside the narrative: goods on the Department of Labor's List, and UNODC's figures (a
 * small chart and a table, breakdowns folded). Values as written; never summed; a year without data says so.
 */
import type { CountryContext, GoodsPanel, UnodcPanel, UnodcValue } from '../../analysis/context.js';
import { GOODS_SOURCE, unodcNumber } from '../../domain/context.js';
import { GOODS_KEY_TEXT, MAP_LAYERS, type GoodsLayer, type MapLayer } from '../map/goodsLayer.js';
import { swatch } from '../map/worldMap.js';
import { Html, html, raw } from '../html.js';
import { chartScroller } from '../layout.js';

export const CONTEXT_CSS = `
table.goods td:first-child { font-weight: 600; }
.kinds { margin: 0; padding: 0; list-style: none; }
svg.unodc { display: block; width: 100%; min-width: 34rem; max-width: 48rem; height: auto; }
svg.unodc text { font: 11px system-ui, sans-serif; fill: #333; }
svg.unodc .grid { stroke: #e2e2e2; }
svg.unodc .axis { stroke: #767676; }
.legend-line { display: flex; flex-wrap: wrap; gap: .25rem 1.25rem; list-style: none; padding: 0; margin: .25rem 0; font-size: .9rem; }
.legend-line svg { vertical-align: middle; }
svg.world-map path.m-g0 { stroke: #9a9a9a; stroke-width: .6; }
.layer-switch ul { display: flex; flex-wrap: wrap; gap: .25rem 1rem; list-style: none; padding: 0; margin: .25rem 0; }
.layer-switch a[aria-current="page"] { font-weight: 700; }
td.nodata { color: var(--muted); font-style: italic; }
table.unodc td, table.unodc th { text-align: right; }
table.unodc th:first-child, table.unodc td:first-child { text-align: left; }
`;

/** Chart styles per series: shape and dash, so that no series is told by colour alone. */
const STYLES = [
  { color: '#0b4f9c', dash: '', marker: 'circle' },
  { color: '#b3261e', dash: '6 3', marker: 'square' },
  { color: '#1a7f37', dash: '2 3', marker: 'triangle' },
  { color: '#6b5000', dash: '10 3 2 3', marker: 'diamond' },
  { color: '#5a4fcf', dash: '1 2', marker: 'circle' },
] as const;

function marker(kind: string, x: number, y: number, color: string, hollow = false): string {
  const fill = hollow ? '#fff' : color;
  const a = `fill="${fill}" stroke="${color}" stroke-width="1.5"`;
  switch (kind) {
    case 'square':
      return `<rect x="${x - 3.5}" y="${y - 3.5}" width="7" height="7" ${a}/>`;
    case 'triangle':
      return `<path d="M${x} ${y - 4.5}L${x + 4.5} ${y + 3.5}L${x - 4.5} ${y + 3.5}z" ${a}/>`;
    case 'diamond':
      return `<path d="M${x} ${y - 4.5}L${x + 4.5} ${y}L${x} ${y + 4.5}L${x - 4.5} ${y}z" ${a}/>`;
    default:
      return `<circle cx="${x}" cy="${y}" r="3.5" ${a}/>`;
  }
}

function legendKey(i: number): Html {
  const s = STYLES[i % STYLES.length]!;
  return raw(
    `<svg width="34" height="12" viewBox="0 0 34 12" aria-hidden="true" focusable="false"><line x1="1" y1="6" x2="33" y2="6" stroke="${s.color}" stroke-width="2" stroke-dasharray="${s.dash}"/>${marker(s.marker, 17, 6, s.color)}</svg>`,
  );
}

const show = (values: UnodcValue[]) => values.map((v) => v.value).join(' / ');

/** How many series the chart draws: detected victims, persons prosecuted and convicted (the table has all). */
const CHARTED = 3;

/** The totals as lines over the years: a gap where UNODC has no data, `<5` drawn as a stroke from 0 to 4. */
export function unodcChart(panel: UnodcPanel, countryName: string): Html {
  const u = { ...panel, series: panel.series.slice(0, CHARTED) };
  const W = 640;
  const H = 220;
  const left = 44;
  const right = 22;
  const top = 10;
  const bottom = 28;
  const numbers = u.series.flatMap((s) => s.byYear.flatMap((v) => (v ?? []).map((x) => unodcNumber(x.value) ?? 4)));
  const max = Math.max(5, ...numbers);
  const step = niceStep(max);
  const yMax = Math.ceil(max / step) * step;
  const xOf = (i: number) => left + (u.years.length === 1 ? (W - left - right) / 2 : (i * (W - left - right)) / (u.years.length - 1));
  const yOf = (v: number) => top + (H - top - bottom) * (1 - v / yMax);
  const parts: string[] = [];
  for (let v = 0; v <= yMax; v += step) {
    parts.push(`<line class="grid" x1="${left}" x2="${W - right}" y1="${yOf(v).toFixed(1)}" y2="${yOf(v).toFixed(1)}"/>`);
    parts.push(`<text x="${left - 6}" y="${(yOf(v) + 4).toFixed(1)}" text-anchor="end">${v.toLocaleString('en-US')}</text>`);
  }
  const every = u.years.length > 12 ? 2 : 1;
  u.years.forEach((y, i) => {
    if (i % every === 0 || i === u.years.length - 1) parts.push(`<text x="${xOf(i).toFixed(1)}" y="${H - 8}" text-anchor="middle">${y}</text>`);
  });
  parts.push(`<line class="axis" x1="${left}" x2="${W - right}" y1="${yOf(0)}" y2="${yOf(0)}"/>`);
  u.series.forEach((s, k) => {
    const st = STYLES[k % STYLES.length]!;
    // A line joins consecutive years that each have one number; a gap, `<5` or two values breaks it.
    let run: string[] = [];
    const flush = () => {
      if (run.length > 1) parts.push(`<path d="M${run.join('L')}" fill="none" stroke="${st.color}" stroke-width="2" stroke-dasharray="${st.dash}"/>`);
      run = [];
    };
    s.byYear.forEach((v, i) => {
      const x = xOf(i);
      const nums = (v ?? []).map((x) => unodcNumber(x.value));
      if (!v || nums.length !== 1 || nums[0] === null) flush();
      if (v && nums.length === 1 && nums[0] !== null) run.push(`${x.toFixed(1)} ${yOf(nums[0]!).toFixed(1)}`);
      nums.forEach((n) => {
        if (n === null) {
          parts.push(`<line x1="${x}" x2="${x}" y1="${yOf(0)}" y2="${yOf(4).toFixed(1)}" stroke="${st.color}" stroke-width="3"/>`);
          parts.push(marker(st.marker, x, yOf(4), st.color, true));
        } else parts.push(marker(st.marker, x, yOf(n), st.color));
      });
    });
    flush();
  });
  return html`<svg class="unodc" viewBox="0 0 ${W} ${H}" role="img" aria-labelledby="unodc-chart-t unodc-chart-d">
<title id="unodc-chart-t">UNODC figures for ${countryName}, ${u.years[0]}–${u.years.at(-1)}</title>
<desc id="unodc-chart-d">${u.series.map((s) => s.indicator).join(', ')} by year, as in the table below.</desc>
${raw(parts.join('\n'))}
</svg>`;
}

function niceStep(max: number): number {
  const rough = max / 4;
  const pow = 10 ** Math.floor(Math.log10(rough));
  const m = rough / pow;
  return (m <= 1 ? 1 : m <= 2 ? 2 : m <= 5 ? 5 : 10) * pow;
}

export function goodsSection(g: GoodsPanel, countryName: string): Html {
  return html`<section aria-labelledby="goods-h">
<h2 id="goods-h">Goods produced with forced or child labor</h2>
<p class="muted">The goods from ${countryName} that the U.S. Department of Labor has reason to believe are produced with forced labor or child labor, from its ${g.source.edition} List (as of ${g.source.asOf}). A good is listed for each kind the List names; the kinds overlap.</p>
<div class="scroll" tabindex="0" role="region" aria-label="Goods of ${countryName} on the List (scrolls sideways)">
<table class="goods stack">
<thead><tr><th scope="col">Good</th><th scope="col">Sector</th><th scope="col">Listed for</th></tr></thead>
<tbody>
${g.items.map(
  (i) =>
    html`<tr><td><a href="/countries?good=${encodeURIComponent(i.good)}">${i.good}</a></td><td>${i.sector}</td><td><ul class="kinds">${i.kinds.map((k) => html`<li>${k}</li>`)}</ul></td></tr>`,
)}
</tbody>
</table>
</div>
<p class="cite">Source: ${g.source.citation}, <a href="${g.source.url}">${g.source.url}</a> (the Department's Sweat &amp; Toil data). <a href="/data/goods.csv">All goods (CSV)</a>.</p>
</section>`;
}

export function unodcSection(u: UnodcPanel, countryName: string, base: string): Html {
  const besideIn = new Set(u.beside.map((b) => b.indicator));
  const beside = (indicator: string, year: number) => u.beside.find((b) => b.indicator === indicator && b.year === year);
  const cell = (v: UnodcValue[] | null) =>
    v ? html`<td>${show(v)}${v.length > 1 ? html` <span class="muted small">(${v.length} rows in the export)</span>` : ''}</td>` : html`<td class="nodata">no data</td>`;
  const breakdownTable = (caption: string, rows: UnodcPanel['breakdowns'][number]['bySexAge'], withCategory: boolean) =>
    html`<div class="scroll" tabindex="0" role="region" aria-label="${caption} (scrolls sideways)"><table class="unodc stack"><caption class="muted">${caption}</caption>
<thead><tr><th scope="col">Year</th>${withCategory ? html`<th scope="col">Form of exploitation</th>` : ''}<th scope="col">Sex</th><th scope="col">Age</th><th scope="col">Count</th></tr></thead>
<tbody>${rows.map((r) => html`<tr><td>${r.year}</td>${withCategory ? html`<td>${r.category || '(blank in the export)'}</td>` : ''}<td>${r.sex}</td><td>${r.age}</td><td>${show(r.values)}</td></tr>`)}</tbody></table></div>`;
  return html`<section aria-labelledby="unodc-h">
<h2 id="unodc-h">UNODC figures</h2>
<p class="muted">Detected victims of trafficking and persons prosecuted and convicted in ${countryName} as its authorities reported them to the United Nations Office on Drugs and Crime, by calendar year (export of ${u.source.exportDate}). Counts are shown as UNODC writes them: <strong>&lt;5</strong> means fewer than five. A year without a figure is <em>no data</em>, not zero. Categories overlap and are never added up here.</p>
${
  u.series.length
    ? html`${chartScroller('Chart of UNODC figures', unodcChart(u, countryName))}
<ul class="legend-line" aria-label="Chart legend">${u.series.slice(0, CHARTED).map((s, i) => html`<li>${legendKey(i)} ${s.indicator}</li>`)}<li class="muted">A hollow mark on a stroke from 0 to 4: &lt;5</li></ul>
<div class="scroll" tabindex="0" role="region" aria-label="UNODC totals by year (scrolls sideways)"><table class="unodc stack">
<caption class="muted">Totals by year (all sexes, ages and forms of exploitation)${besideIn.size ? '; beside them what the following year’s TIP Report states, which covers April of that year to March of the next: the periods overlap but are not the same' : ''}.</caption>
<thead><tr><th scope="col">Year</th>${u.series.map(
        (s) => html`<th scope="col">${s.indicator}</th>${besideIn.has(s.indicator) ? html`<th scope="col">TIP Report states</th>` : ''}`,
      )}</tr></thead>
<tbody>
${u.years
  .slice()
  .reverse()
  .map(
    (y) =>
      html`<tr><td>${y}</td>${u.series.map((s) => {
        const v = s.byYear[u.years.indexOf(y)] ?? null;
        const b = besideIn.has(s.indicator) ? beside(s.indicator, y) : undefined;
        return html`${cell(v)}${besideIn.has(s.indicator) ? (b ? html`<td><a href="${base}/${b.report.reportYear}#${b.report.anchor}">${b.report.valueText}</a> <span class="muted small">(${b.report.reportYear} report)</span></td>` : html`<td class="nodata">—</td>`) : ''}`;
      })}</tr>`,
  )}
</tbody>
</table></div>`
    : html`<p class="muted">UNODC holds no totals for ${countryName}; the breakdowns below are all it holds.</p>`
}
${u.breakdowns.map(
  (b) => html`<details><summary>${b.indicator}: by sex and age${b.byForm.length ? ', and by form of exploitation' : ''}</summary>
${b.bySexAge.length ? breakdownTable(`${b.indicator} by sex and age, as UNODC gives them`, b.bySexAge, false) : ''}
${b.byForm.length ? breakdownTable(`${b.indicator} by form of exploitation`, b.byForm, true) : ''}
</details>`,
)}
${u.otherRows ? html`<p class="muted small">${u.otherRows} more rows by citizenship or country of repatriation are in <a href="/data/unodc.csv">the UNODC download (CSV)</a>.</p>` : ''}
<p class="cite">Source: ${u.source.citation}, <a href="${u.source.url}">${u.source.url}</a>.</p>
</section>`;
}

/** Both panels, each only where there is data. */
export function contextSections(c: CountryContext, countryName: string, base: string): Html {
  return html`${c.goods ? goodsSection(c.goods, countryName) : ''}${c.unodc ? unodcSection(c.unodc, countryName, base) : ''}`;
}

/** The home map's layer switch: links, so it works without JavaScript (`/?layer=goods`). */
export function layerSwitch(current: MapLayer, reportYear: number): Html {
  const href = (l: MapLayer) => `/?year=${reportYear}${l === 'tiers' ? '' : `&layer=${l}`}`;
  const label: Record<MapLayer, string> = { tiers: 'Tier placements', goods: 'Goods produced with forced labor' };
  return html`<nav class="layer-switch" aria-label="What the map shows"><ul><li class="muted">Colour the map by:</li>${MAP_LAYERS.map(
    (l) => html`<li><a href="${href(l)}"${l === current ? html` aria-current="page"` : ''}>${label[l]}</a></li>`,
  )}</ul></nav>`;
}

/** The goods layer's legend with its counts and source. */
export function goodsLegend(g: GoodsLayer): Html {
  return html`<ul class="legend" aria-label="Legend and counts">${(['gf', 'gc', 'g0'] as const).map(
    (k) => html`<li>${swatch(k)} <span>${GOODS_KEY_TEXT[k]}: <strong>${g.counts[k]}</strong></span></li>`,
  )}</ul>
<p class="cite">Source: ${g.source}, <a href="${GOODS_SOURCE.url}">${GOODS_SOURCE.url}</a>. “No good on the List” says only that the List names none. <a href="/countries?good=Cotton">Countries by good</a> · <a href="/data/goods.csv">all goods (CSV)</a>.</p>`;
}
