import type { YearEntry, YearView } from '../../analysis/yearView.js';
import { REGION_NAMES, TIER_CODES, TIERS, reportingPeriod } from '../../domain/index.js';
import { Html, html } from '../html.js';
import { REGION_CODES } from '../../text/index.js';
import { SourceNotes, page, srOnly, tierBadge } from '../layout.js';
import type { YearsIndexView } from '../../views/views.js';
import { officialHtml, officialPlacementLink } from './citeHtml.js';

const CHANGE_CLASS: Record<YearEntry['symbol'], string> = { '↑': 'up', '↓': 'down', '=': 'same', '•': 'other' };

function longDate(iso: string): string {
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  const months = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
  return `${months[m - 1]} ${d}, ${y}`;
}

function changeMark(e: YearEntry): Html {
  return html`<span class="chg chg-${CHANGE_CLASS[e.symbol]}" title="${e.changeLabel}"><span aria-hidden="true">${e.symbol}</span>${srOnly(`(${e.changeLabel})`)}</span>`;
}

export function yearPage(v: YearView, years: number[]): string {
  const notes = new SourceNotes();
  const period = reportingPeriod(v.reportYear);
  const hasPrev = years.includes(v.reportYear - 1);
  const hasNext = years.includes(v.reportYear + 1);
  const filtered = v.filters.region || v.filters.tier;
  const qs = new URLSearchParams();
  if (v.filters.region) qs.set('region', v.filters.region);
  if (v.filters.tier) qs.set('tier', TIER_CODES[v.filters.tier]);
  const q = qs.toString() ? `?${qs}` : '';
  const body = html`
<p class="meta crumbs"><a href="/years">Report years</a></p>
<h1>${v.reportYear} Trafficking in Persons Report: tier placements</h1>
<p class="source">The report: ${officialHtml(v.official)}${v.official.releaseDate ? `, released ${v.official.releaseDate}` : ''}${
    v.official.url && v.official.urlKind !== 'report landing page' ? html` <span class="muted">(its ${v.official.urlKind})</span>` : ''
  }. Each country’s profile links its own page of the report where the address is known.</p>
<p class="meta">The report covers ${longDate(period.from)} to ${longDate(period.to)}.${
    v.previousYear ? html` Each country is compared with the <a href="/years/${v.previousYear.reportYear}">${v.previousYear.reportYear} report</a>.` : ''
  }</p>
<nav class="pager" aria-label="Other report years">${hasPrev ? html`<a href="/years/${v.reportYear - 1}${q}" rel="prev">← ${v.reportYear - 1}</a>` : ''} ${
    hasNext ? html`<a href="/years/${v.reportYear + 1}${q}" rel="next">${v.reportYear + 1} →</a>` : ''
  } <a href="/?year=${v.reportYear}">Map of ${v.reportYear}</a></nav>
${
  v.complete
    ? html`<p class="notice ok">This list is complete${v.countriesInReport ? ` (${v.countriesInReport} countries)` : ''}: a country missing from it was not in the ${v.reportYear} report.</p>`
    : html`<p class="notice"><strong>This list is incomplete.</strong> ${v.known} placements are known${
        v.countriesInReport && !filtered ? ` of the ${v.countriesInReport} countries in the report` : ''
      }. A country missing from it is <em>not known</em> — not absent from the report.</p>`
}
<form class="filters" method="get" action="/years/${v.reportYear}">
<div><label for="y-region">Region</label>
<select id="y-region" name="region"><option value="">All regions</option>${REGION_CODES.map(
    (r) => html`<option value="${r}"${v.filters.region === r ? html` selected` : ''}>${REGION_NAMES[r]}</option>`,
  )}</select></div>
<div><label for="y-tier">Tier</label>
<select id="y-tier" name="tier"><option value="">Any tier</option>${TIERS.map(
    (t) => html`<option value="${TIER_CODES[t]}"${v.filters.tier === t ? html` selected` : ''}>${t}</option>`,
  )}</select></div>
<div class="buttons"><button type="submit">Apply</button> <a href="/years/${v.reportYear}">Reset</a></div>
</form>
<table class="counts">
<caption>Countries per tier${v.filters.region ? `, ${REGION_NAMES[v.filters.region]}` : ''}</caption>
<thead><tr><th scope="col">Tier</th><th scope="col">Countries</th><th scope="col">Up <span aria-hidden="true">↑</span></th><th scope="col">Down <span aria-hidden="true">↓</span></th></tr></thead>
<tbody>${v.tiers
    .filter((t) => t.count || !v.filters.tier)
    .map(
      (t) =>
        html`<tr><th scope="row">${t.count ? html`<a href="#tier-${t.code}">${t.tier}</a>` : t.tier}</th><td>${t.count}</td><td>${t.entries.filter((e) => e.change === 'upgraded').length}</td><td>${t.entries.filter((e) => e.change === 'downgraded').length}</td></tr>`,
    )}
<tr class="total"><th scope="row">Known placements</th><td>${v.known}</td><td></td><td></td></tr></tbody>
</table>
<p class="key muted">Against the previous report: <span aria-hidden="true">↑</span> upgraded, <span aria-hidden="true">↓</span> downgraded, <span aria-hidden="true">=</span> no change, <span aria-hidden="true">•</span> new, Special Case or not comparable. Hover or focus a mark for its meaning; screen readers read it in words.</p>
${v.tiers
  .filter((t) => t.count)
  .map(
    (t) => html`<section aria-labelledby="tier-${t.code}" class="tier-section">
<h2 id="tier-${t.code}">${tierBadge(t.tier)} <span class="count">${t.count} ${t.count === 1 ? 'country' : 'countries'}</span></h2>
<ul class="tier-list">${t.entries.map(
      (e) =>
        html`<li><a href="/countries/${e.country.id}/${v.reportYear}">${e.country.name}${e.placement.asterisk ? '*' : ''}</a> ${changeMark(e)} ${officialPlacementLink(e.placement)} ${notes.ref(e.placement.source, e.placement.origin)}</li>`,
    )}</ul>
</section>`,
  )}
${v.notKnown.length ? notKnownSection(v) : ''}
${notes.render()}`;
  return page({
    title: `${v.reportYear} tier placements`,
    body,
    jsonHref: `/years/${v.reportYear}.json${q}`,
    section: 'years',
  });
}

export function yearsIndexPage(v: YearsIndexView): string {
  const body = html`
<h1>Report years</h1>
<p class="lede">Each Trafficking in Persons Report held, with its tier counts. A year marked incomplete has gaps in its
compiled list: there a missing country is <em>not known</em>, not absent from the report.</p>
<div class="scroll">
<table class="stack">
<caption class="sr-only">Report years and tier counts</caption>
<thead><tr><th scope="col">Report year</th><th scope="col">List</th>${TIERS.map((t) => html`<th scope="col" class="num">${t}</th>`)}</tr></thead>
<tbody>${v.years.map(
    (y) =>
      html`<tr><th scope="row"><a href="/years/${y.reportYear}">${y.reportYear}</a></th><td>${y.complete ? `complete: ${y.known} known${y.countriesInReport ? ` of ${y.countriesInReport}` : ''}` : html`<strong>incomplete</strong>: ${y.known} known of ${y.countriesInReport ?? 'an unknown number'}`}</td>${TIERS.map(
        (t) => html`<td class="num">${y.counts[t]}</td>`,
      )}</tr>`,
  )}</tbody>
</table>
</div>
<p class="source">Source: shipped tier facts (see <a href="/data">Data</a>) and imported narratives; each year page names the source of every placement.</p>`;
  return page({ title: 'Report years', body, jsonHref: '/years.json', section: 'years' });
}

/** The countries of an incomplete year without a placement: the likely gaps named, the rest folded. */
function notKnownSection(v: YearView): Html {
  const item = (c: YearView['notKnown'][number]) => html`<li><a href="/countries/${c.id}/${v.reportYear}">${c.name}</a></li>`;
  const likely = v.notKnown.filter((c) => c.assessedAround);
  const others = v.notKnown.filter((c) => !c.assessedAround);
  const n = (k: number) => `${k} ${k === 1 ? 'country' : 'countries'}`;
  // Counted as the notice above counts: of the report's countries (when its size is known), those without a
  // known placement. Others without one, not placed around the year, are listed apart (folded), not in the count.
  const missing = v.countriesInReport !== null && !v.filters.region ? Math.max(0, v.countriesInReport - v.known) : null;
  return html`<section aria-labelledby="unknown-h" class="tier-section">
<h2 id="unknown-h">${tierBadge(null)} <span class="count">${missing !== null ? `${n(missing)} of the ${v.countriesInReport} in the report` : n(v.notKnown.length)}</span></h2>
<p class="muted">The compiled list of ${v.reportYear} has gaps: a country missing from it may be in the report, with a tier the list does not give.</p>
${likely.length ? html`<p>Placed in earlier reports and not known to have left them since, so most likely in the ${v.reportYear} report:</p><ul class="tier-list">${likely.map(item)}</ul>` : ''}
${
  others.length
    ? html`<details><summary>${missing !== null ? 'Also without a known placement: ' : ''}${n(others.length)} not placed in the reports around ${v.reportYear} (most were probably not in it)</summary><ul class="tier-list">${others.map(item)}</ul></details>`
    : ''
}
</section>`;
}
