import { html, type Html } from '../html.js';
import { citeHtml } from './citeHtml.js';
import { chartScroller, page, sourceDetails, tierBadge } from '../layout.js';
import { compareChartSvg, compareLegend, compareTable } from '../svg/compareChart.js';
import type { CompareView } from '../../views/views.js';
import { MAX_COMPARE } from '../../views/views.js';

/** The picker: a name to add (a list of every country, no JavaScript needed) beside those compared. */
function picker(v: CompareView, choices: { id: string; name: string }[]): Html | '' {
  const rest = choices.filter((c) => !v.ids.includes(c.id));
  if (v.ids.length >= MAX_COMPARE || rest.length === 0) return '';
  return html`<form class="inline-form compare-add" method="get" action="/compare">
${v.ids.map((id) => html`<input type="hidden" name="c" value="${id}">`)}
${v.summaryYear ? html`<input type="hidden" name="year" value="${v.summaryYear}">` : ''}
<label for="compare-add">${v.ids.length ? 'Add a country' : 'Pick a country'}</label>
<select id="compare-add" name="c">${rest.map((c) => html`<option value="${c.id}">${c.name}</option>`)}</select>
<button type="submit">${v.ids.length ? 'Add' : 'Show'}</button>
</form>`;
}

/** Which year each summary is of: the same report where asked or possible, else each labelled, with the years held by all. */
function summaryYearsNote(v: CompareView): Html | '' {
  const c = v.ids.join(',');
  const common = v.commonNarrativeYears.slice().reverse();
  const links = common.length
    ? html` Narratives of the same report held for all: ${common.map((y, i) => html`${i ? ', ' : ''}<a href="/compare?c=${c}&amp;year=${y}"${y === v.summaryYear ? html` aria-current="page"` : ''}>${y}</a>`)}.`
    : v.countries.length > 1
      ? ' No report year is held with a narrative of each of them.'
      : '';
  if (v.summaryYear !== null) {
    return html`<p class="notice">Summaries of the <strong>${v.summaryYear} report</strong>; a country without a narrative of it held says so. <a href="/compare?c=${c}">The latest of each instead</a>.${links}</p>`;
  }
  if (v.summaryYearsDiffer) {
    return html`<p class="notice"><strong>These summaries are of different reports</strong> (${v.countries
      .filter((x) => x.latestNarrative)
      .map((x) => `${x.country.name}: ${x.latestNarrative!.reportYear}`)
      .join(', ')}): each is the latest narrative held of its country.${links}</p>`;
  }
  return links ? html`<p class="muted">${links}</p>` : '';
}

/** The countries' timelines on one axis, its legend, and the same in a table. */
function timelineChart(v: CompareView, first: number | undefined, last: number | undefined): Html | '' {
  if (first === undefined || last === undefined) return '';
  const series = v.countries.map((c) => ({ name: c.country.name, entries: c.timeline }));
  return html`${compareLegend(series.map((s) => s.name))}
${chartScroller('Tier timelines on one axis', compareChartSvg(series, first, last))}
<details class="chart-table"><summary>The chart as a table</summary>${compareTable(series, first, last)}</details>`;
}

export function comparePage(v: CompareView, input: string, choices: { id: string; name: string }[] = []): string {
  const first = v.firstYear ?? undefined;
  const last = v.lastYear ?? undefined;
  const withNarrative = v.countries.filter((c) => c.latestNarrative);
  const body = html`
<h1>Compare countries</h1>
<form class="inline-form" method="get" action="/compare">
<label for="compare-c">Countries</label>
<input id="compare-c" name="c" value="${input}" placeholder="Tajikistan, Uzbekistan" aria-describedby="compare-help" size="32">
<button type="submit">Compare</button>
<p id="compare-help" class="muted small">Up to ${MAX_COMPARE} country names or codes separated by commas, for example <a href="/compare?c=Tajikistan,Uzbekistan,Kazakhstan">Tajikistan, Uzbekistan, Kazakhstan</a> or <a href="/compare?c=TJK,UZB,KAZ">TJK,UZB,KAZ</a>.</p>
</form>
${picker(v, choices)}
${
  v.countries.length === 0
    ? html`<p>Choose countries to see their tier timelines on one axis and their latest summaries side by side.</p>`
    : html`
<section aria-labelledby="timelines-h">
<h2 id="timelines-h">Tier timelines${first ? `, ${first}–${last}` : ''}</h2>
${timelineChart(v, first, last)}
<ul class="compare-latest">${v.countries.map(
  (c) => html`<li><h3><a href="/countries/${c.country.id}">${c.country.name}</a> ${c.latestPlacement ? html`${tierBadge(c.latestPlacement.tier, c.latestPlacement.asterisk)} <span class="muted small">in ${c.latestPlacement.reportYear}</span>` : tierBadge(null)}</h3>
${c.latestPlacement ? sourceDetails(citeHtml(c.latestPlacement.cite, { label: 'Latest tier' }), { label: 'Source of the latest tier' }) : ''}</li>`,
)}</ul>
</section>
<section aria-labelledby="summaries-h">
<h2 id="summaries-h">${v.summaryYear ? `Summaries of the ${v.summaryYear} report` : 'Latest summaries'}</h2>
${summaryYearsNote(v)}
${
  withNarrative.length
    ? ''
    : html`<p class="muted">No narrative of ${v.summaryYear ? `the ${v.summaryYear} report ` : ''}is held for these countries: their tier timelines above are what is known.</p>`
}
<div class="compare-grid">
${v.countries.map(
  (c) => html`<article class="compare-col" aria-labelledby="sum-${c.country.id}">
<h3 id="sum-${c.country.id}">${c.country.name}${c.latestNarrative ? html` — <span class="summary-year">${c.latestNarrative.reportYear} report</span>` : ''}</h3>
${
  c.latestNarrative
    ? html`${tierBadge(c.latestNarrative.tier)}
${c.latestNarrative.summary ? c.latestNarrative.summary.split(/\n{2,}/).map((p) => html`<p>${p}</p>`) : html`<p class="muted">No compliance paragraph was found.</p>`}
${
  c.latestNarrative.warnings.length
    ? html`<p class="warnings-note"><a href="/countries/${c.country.id}/${c.latestNarrative.reportYear}">${c.latestNarrative.warnings.length} parse doubt${c.latestNarrative.warnings.length === 1 ? '' : 's'}</a>: ${c.latestNarrative.warnings[0]!.message}${c.latestNarrative.warnings.length > 1 ? ', …' : ''}</p>`
    : ''
}
${sourceDetails(citeHtml(c.latestNarrative.summaryCite ?? c.latestNarrative.cite))}`
    : html`<p class="muted">${v.summaryYear ? `No narrative of the ${v.summaryYear} report is held for ${c.country.name}.` : `No narrative of ${c.country.name} is held.`}</p>`
}
</article>`,
)}
</div>
</section>`
}`;
  // The JSON twin needs the countries: without them there is none to link.
  return page({
    title: v.countries.length ? `Compare ${v.countries.map((c) => c.country.name).join(', ')}` : 'Compare countries',
    body,
    jsonHref: v.ids.length ? `/compare.json?c=${v.ids.join(',')}${v.summaryYear ? `&year=${v.summaryYear}` : ''}` : undefined,
    section: 'compare',
  });
}
