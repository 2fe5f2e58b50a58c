/**
 * Parts of the country profile page that show analyses: where each recommendation comes from (tracking), what the
 * year dropped, the indicators table over the years (each cell linking to its sentence below it), and the link to
 * the year-over-year diff. Used by pages/country.ts, one call each.
 */
import type { IndicatorFact } from '../../analysis/indicators.js';
import { INDICATOR_LABELS, indicatorCellText } from '../../analysis/indicators.js';
import { PILLAR_TITLES, themeLabel } from '../../analysis/pillars.js';
import type { CountryProfile } from '../../analysis/profile.js';
import { cutShortNotes, droppedHeading } from '../../analysis/recommendationTracking.js';
import { previousReportText } from '../../analysis/gaps.js';
import { SECTION_TITLES } from '../../domain/index.js';
import type { Html } from '../html.js';
import { html } from '../html.js';
import { linkIfUrl } from '../layout.js';

/** After a recommendation's text: its pillar, themes and history ("first recommended in 2019 · repeated 5 years in a row"). */
export function recommendationTrackNote(p: CountryProfile, number: number): Html | '' {
  const t = p.recommendationTracking?.recommendations.find((r) => r.number === number);
  if (!t) return '';
  const previous = t.previous ? html` (<a href="/countries/${p.country.id}/${t.previous.reportYear}#rec-${t.previous.number}">${t.previous.reportYear} no. ${t.previous.number}</a>)` : '';
  return html`<span class="rec-track"><span class="pillar pillar-${t.pillar}">${PILLAR_TITLES[t.pillar]}</span>${
    t.themes.length ? html` · <span class="themes">${t.themes.map(themeLabel).join(', ')}</span>` : ''
  } · <span class="history">${t.label}</span>${previous}</span>`;
}

/**
 * The recommendations of the previous narrative held that the shown year no longer makes; when the shown list is
 * cut short, those not in the part held, said to be not known to be dropped (and a note when the previous list is).
 */
export function droppedRecommendations(p: CountryProfile): Html | '' {
  const t = p.recommendationTracking;
  if (!t || t.previousYear === null) return '';
  const base = `/countries/${p.country.id}`;
  const items = t.cutShort ? t.droppedUnknown : t.dropped;
  const notes = cutShortNotes(t);
  return html`<details class="dropped${t.cutShort || t.previousCutShort ? ' cut-short' : ''}"${t.cutShort ? html` open` : ''}><summary>${droppedHeading(t)}</summary>${
    notes.map((n) => html`<p class="note">${n}</p>`)
  }${
    items.length
      ? html`<ul>${items.map(
          (d) =>
            html`<li><a href="${base}/${d.reportYear}#rec-${d.number}">${d.reportYear} no. ${d.number}</a>: ${d.text} <span class="rec-track">${PILLAR_TITLES[d.pillar]}${
              d.consecutiveYears > 1 ? ` · had been recommended ${d.consecutiveYears} years in a row` : ''
            }</span></li>`,
        )}</ul>`
      : t.cutShort
        ? ''
        : html`<p class="muted">Every recommendation of ${t.previousYear} is made again (possibly reworded).</p>`
  }<p class="cite">Recommendations are matched across years by meaning, not exact wording; <a href="${base}/recommendations.json">all years as JSON</a>.</p></details>`;
}

/** "What changed since 2022": the diff of the shown narrative against the previous one held. */
export function diffLink(p: CountryProfile): Html | '' {
  const y = p.assessment?.reportYear;
  if (y === undefined) return '';
  const before = p.narrativeYears.filter((x) => x < y).at(-1);
  if (before === undefined) return '';
  return html`<p class="diff-link"><a href="/countries/${p.country.id}/diff/${before}/${y}">What changed in the narrative since ${previousReportText(before, y)}</a></p>`;
}

function cell(f: IndicatorFact | null): Html {
  if (!f) return html`<td class="muted empty">—</td>`;
  const prev = f.previous ? html`<span class="prev">prev. ${f.previous.valueText}</span>` : '';
  return html`<td class="${f.status === 'none-reported' ? 'none' : 'count'}"><a href="#${f.anchor}">${indicatorCellText(f)}</a>${prev ? html` ${prev}` : ''}</td>`;
}

/** The indicators table (kinds × years held) with the evidence sentences below it. */
export function indicatorsSection(p: CountryProfile): Html | '' {
  const t = p.indicators;
  if (!t || t.facts.length === 0) return '';
  const shown = new Set(t.rows.flatMap((r) => r.cells.filter((c): c is IndicatorFact => c !== null).map((c) => c.anchor)));
  const years = t.years;
  const base = `/countries/${p.country.id}`;
  return html`<section aria-labelledby="ind-h" class="indicators">
<h2 id="ind-h">Indicators stated in the narratives</h2>
<div class="table-wrap"><table class="indicators stack">
<caption class="muted">Numbers and explicit “none reported” as the narratives state them, by report year. Each cell links to its sentence. Download: <a href="${base}/indicators.csv">CSV</a>, <a href="${base}/indicators.json">JSON</a>.</caption>
<thead><tr><th scope="col">Indicator</th>${years.map((y) => html`<th scope="col"><a href="${base}/${y}">${y}</a></th>`)}</tr></thead>
<tbody>${t.rows.map((r) => html`<tr><th scope="row">${r.label}</th>${r.cells.map(cell)}</tr>`)}</tbody>
</table></div>
<details class="evidence"><summary>The sentences (${t.facts.length})</summary><ol>${t.facts.map(
    (f) =>
      html`<li id="${f.anchor}"${shown.has(f.anchor) ? html` class="shown"` : ''}><strong>${f.reportYear} · ${INDICATOR_LABELS[f.kind]}: ${indicatorCellText(f)}</strong>${
        f.previous ? ` (previous: ${f.previous.valueText} ${f.previous.period})` : ''
      } — <q>${f.sentence}</q> <span class="cite">${f.reportYear} Trafficking in Persons Report, ${SECTION_TITLES[f.section].toLowerCase()}; ${f.document.publicUrl ? linkIfUrl(f.document.publicUrl) : `imported document ${f.document.id}`}${
        f.span ? `, characters ${f.span.start}–${f.span.end}` : ''
      }</span></li>`,
  )}</ol></details>
</section>`;
}

/** Styles of the analysis parts and pages (search, diff), appended to the site's stylesheet. */
export const ANALYSIS_CSS = `
.rec-track { display: block; font-size: .85rem; color: var(--muted); margin-top: .15rem; }
.rec-track .pillar { font-weight: 600; }
details.dropped { margin-top: .75rem; }
details.dropped li { margin: .4rem 0; }
details.dropped .note { border-left: 4px solid #ffbf47; padding-left: .6rem; }
table.indicators td.none a { color: var(--muted); }
table.indicators .prev { display: block; font-size: .8rem; color: var(--muted); }
details.evidence li { margin: .5rem 0; }
details.evidence li:target { outline: 3px solid #ffbf47; }
.search-form { display: flex; gap: .5rem; flex-wrap: wrap; margin: 1rem 0; }
.search-form input[type=search] { flex: 1 1 20rem; font: inherit; padding: .35rem .5rem; }
.search-form button { font: inherit; padding: .35rem .9rem; }
.search-error { border-left: 4px solid var(--t3); background: #fff4f3; padding: .5rem 1rem; }
.facets { display: grid; grid-template-columns: repeat(auto-fit, minmax(12rem, 1fr)); gap: .5rem 1.5rem; font-size: .9rem; }
.facets ul { list-style: none; padding: 0; margin: .25rem 0; }
.facets a[aria-current] { font-weight: 700; }
ol.hits > li { margin: 1rem 0; }
ol.hits .snippet { margin: .25rem 0; }
mark { background: #fff3a3; color: inherit; }
.diff-section { margin: 1.5rem 0; }
.diff p { margin: .35rem 0; padding-left: 1.5rem; text-indent: -1.5rem; }
.diff .op { display: inline-block; width: 1.5rem; text-indent: 0; font-weight: 700; }
.diff .removed { color: var(--t3); }
.diff .added { color: var(--t1); }
.diff del { background: #ffe7e5; text-decoration: line-through; }
.diff ins { background: #e3f6e8; text-decoration: underline; }
.diff details { border: 0; padding: 0; margin: .25rem 0; }
.diff details summary { font-weight: 400; color: var(--muted); }
`;
