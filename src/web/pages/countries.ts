import { REGION_NAMES, TIER_CODES, TIERS } from '../../domain/index.js';
import { Html, html } from '../html.js';
import { REGION_CODES } from '../../text/index.js';
import { SourceNotes, page, tierBadge } from '../layout.js';
import type { CountriesView, CountrySort } from '../../views/views.js';
import { tierSortKey } from '../../views/views.js';
import { yearSelect } from './home.js';
import { officialPlacementLink } from './citeHtml.js';

function query(v: CountriesView, override: Partial<Record<'sort', CountrySort>>): string {
  const f = v.filters;
  const params = new URLSearchParams();
  if (f.region) params.set('region', f.region);
  if (f.tier) params.set('tier', TIER_CODES[f.tier]);
  if (f.year) params.set('year', String(f.year));
  if (f.good) params.set('good', f.good);
  if (f.q) params.set('q', f.q);
  const sort = override.sort ?? f.sort;
  if (sort !== 'name') params.set('sort', sort);
  const s = params.toString();
  return s ? `?${s}` : '';
}

function sortHeader(v: CountriesView, key: CountrySort, label: string, cls = ''): Html {
  const current = v.filters.sort === key;
  return html`<th scope="col"${cls ? html` class="${cls}"` : ''}${current ? html` aria-sort="ascending"` : ''} data-sort="${key}"><a href="/countries${query(v, { sort: key })}">${label}${current ? html` <span aria-hidden="true">▲</span>` : ''}</a></th>`;
}

/** With ?good=: which List it is, and that the good's kinds come from it (the tiers from the TIP Report). */
function goodNote(v: CountriesView): Html | string {
  if (!v.filters.good) return '';
  return html`<p class="source">Countries whose ${v.filters.good} is on the ${v.facets.goodsSource}; the tiers are the TIP Report’s. <a href="/data/goods.csv">All goods (CSV)</a>.</p>`;
}

/** With ?q= (the finder without JavaScript): what matched, and the names most like it when nothing did. */
function finderNote(v: CountriesView): Html {
  if (v.count > 0) {
    const one = v.countries.length === 1 ? v.countries[0]! : null;
    return html`<p class="notice ok">${v.count} ${v.count === 1 ? 'country’s name or other name matches' : 'countries’ names or other names match'}${
      one ? html`: <a href="/countries/${one.id}">${one.name}’s profile</a>` : ', listed below'
    }. <a href="/countries">All countries</a>.</p>`;
  }
  return html`<p class="notice">No country is named like “${v.filters.q}”${
    v.suggestions?.length
      ? html`. Did you mean ${v.suggestions.map((s, i) => html`${i ? (i === v.suggestions!.length - 1 ? ' or ' : ', ') : ''}<a href="/countries/${s.id}">${s.name}</a>`)}?`
      : '.'
  } <a href="/countries">All countries</a>.</p>`;
}

export function countriesPage(v: CountriesView, years: number[]): string {
  const notes = new SourceNotes();
  const f = v.filters;
  const body = html`
<h1>${f.q ? html`Countries matching “${f.q}”` : 'All countries'}</h1>
${f.q ? finderNote(v) : ''}
<p class="lede">${v.reportYear ? html`Tier placements in the <a href="/years/${v.reportYear}">${v.reportYear} report</a>.` : 'Each country’s latest known tier placement, with the report year it comes from.'}</p>
<form class="filters" method="get" action="/countries">
<div><label for="f-region">Region</label>
<select id="f-region" name="region"><option value="">All regions</option>${REGION_CODES.map(
    (r) => html`<option value="${r}"${f.region === r ? html` selected` : ''}>${REGION_NAMES[r]}</option>`,
  )}</select></div>
<div><label for="f-tier">Tier</label>
<select id="f-tier" name="tier"><option value="">Any tier</option>${TIERS.map(
    (t) => html`<option value="${TIER_CODES[t]}"${f.tier === t ? html` selected` : ''}>${t}</option>`,
  )}</select></div>
<div><label for="f-year">Report year</label>
${yearSelect(years, f.year, { id: 'f-year', any: 'Latest known' })}</div>
<div><label for="f-good">Good (forced or child labor)</label>
<select id="f-good" name="good"><option value="">Any or none</option>${v.facets.goods.map(
    (g) => html`<option value="${g.good}"${f.good === g.good ? html` selected` : ''}>${g.good} (${g.countries})</option>`,
  )}</select></div>
<div><label for="f-sort">Sort by</label>
<select id="f-sort" name="sort">${(['name', 'tier', 'region'] as const).map(
    (s) => html`<option value="${s}"${f.sort === s ? html` selected` : ''}>${s}</option>`,
  )}</select></div>
${f.q ? html`<input type="hidden" name="q" value="${f.q}">` : ''}
<div class="buttons"><button type="submit">Apply</button> <a href="/countries">Reset</a></div>
</form>
${
  v.reportYear && v.complete === false
    ? html`<p class="notice">The compiled list for ${v.reportYear} is incomplete: a country without a placement is <em>not known</em>, not absent from the report.</p>`
    : ''
}
<p role="status">${v.count} ${v.count === 1 ? 'country' : 'countries'}${f.region ? ` in ${REGION_NAMES[f.region]}` : ''}${f.tier ? `, ${f.tier}` : ''}${f.good ? `, ${f.good} on the List` : ''}.</p>
${goodNote(v)}
<table class="sortable stack stack-css" id="countries">
<caption class="sr-only">Countries, sorted by ${f.sort}</caption>
<thead><tr>${sortHeader(v, 'name', 'Country')}${sortHeader(v, 'tier', 'Tier')}<th scope="col">Year</th>${sortHeader(v, 'region', 'Region', 'hide-narrow')}</tr></thead>
<tbody>
${v.countries.map(
  (c) =>
    html`<tr><td data-value="${c.name}"><a href="/countries/${c.id}${v.reportYear && c.placement ? `/${v.reportYear}` : ''}">${c.name}</a>${c.matched ? html` <span class="muted small">(${c.matched})</span>` : ''}${c.goodKinds ? html`<span class="cite block">${f.good}: ${c.goodKinds.join(', ')}</span>` : ''}</td><td data-value="${tierSortKey(c.placement)}">${
      c.placement
        ? html`${tierBadge(c.placement.tier, c.placement.asterisk)} ${officialPlacementLink({ ...c.placement, countryId: c.id })} ${notes.ref(c.placement.source, c.placement.origin)}`
        : tierBadge(null, false, c.status === 'never-placed' ? 'none known' : c.status === 'did-not-exist' ? 'did not exist' : c.status === 'not-in-report' ? 'not in the report' : 'not known')
    }</td><td>${c.placement?.reportYear ?? '—'}</td><td class="hide-narrow" data-value="${c.regionName}">${c.regionName}</td></tr>`,
)}
</tbody>
</table>
${notes.render()}`;
  const q = query(v, {});
  return page({ title: f.q ? `Countries matching “${f.q}”` : 'All countries', body, jsonHref: `/countries.json${q}`, section: 'countries', ...(f.q ? { query: f.q } : {}) });
}
