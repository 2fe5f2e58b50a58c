import type { FacetValue, SearchHit, SearchResults } from '../../store/search.js';
import { html } from '../html.js';
import type { Html } from '../html.js';
import { linkIfUrl, page, tierBadge } from '../layout.js';
import { getCountryById } from '../../countries/index.js';
import { officialSource } from '../../domain/index.js';
import { officialHtml } from './citeHtml.js';

/** A hit's source: the official report (linked to the publisher's page), then the imported document's public address. */
function hitCite(h: SearchHit): Html {
  const c = getCountryById(h.countryId);
  const o = officialSource(h.reportYear, c ? { ...c, name: h.countryName } : null, h.document.publicUrl);
  const how = h.document.publicUrl ? linkIfUrl(h.document.publicUrl) : html`imported document ${h.document.id} (no public address)`;
  return html`${officialHtml(c ? o : { ...o, countryName: h.countryName })} · from ${how}`;
}

/** The snippet as HTML: the store gives plain text and highlight offsets; everything is escaped, matches marked. */
export function snippetHtml(hit: Pick<SearchHit, 'snippet' | 'highlights'>): Html {
  const parts: Html[] = [];
  let at = 0;
  for (const [s, e] of hit.highlights) {
    parts.push(html`${hit.snippet.slice(at, s)}<mark>${hit.snippet.slice(s, e)}</mark>`);
    at = e;
  }
  return html`${parts}${hit.snippet.slice(at)}`;
}

/** The search as given in the address: every parameter with its values (facets may repeat). */
export interface SearchParams {
  q: string;
  year: string[];
  tier: string[];
  region: string[];
  section: string[];
  country: string[];
  history: boolean;
  page: number;
  limit: number;
}

const FACET_PARAM: Record<keyof SearchResults['facets'], 'year' | 'tier' | 'region' | 'section'> = {
  year: 'year',
  tier: 'tier',
  region: 'region',
  section: 'section',
};

/** The address of a search, optionally with one facet value toggled or another page. */
export function searchHref(
  p: SearchParams,
  change: { toggle?: [keyof SearchResults['facets'], string]; page?: number; history?: boolean; removeCountry?: string } = {},
  json = false,
): string {
  const params = new URLSearchParams();
  params.set('q', p.q);
  for (const key of ['year', 'tier', 'region', 'section', 'country'] as const) {
    let values = [...p[key]];
    if (change.toggle && FACET_PARAM[change.toggle[0]] === key) {
      const v = change.toggle[1];
      values = values.includes(v) ? values.filter((x) => x !== v) : [...values, v];
    }
    if (key === 'country' && change.removeCountry) values = values.filter((x) => x !== change.removeCountry);
    for (const v of values) params.append(key, v);
  }
  const history = change.history ?? p.history;
  if (history) params.set('history', '1');
  const pageNo = change.page ?? (change.toggle || change.removeCountry ? 1 : p.page);
  if (pageNo > 1) params.set('page', String(pageNo));
  if (p.limit !== 20) params.set('limit', String(p.limit));
  return `/search${json ? '.json' : ''}?${params.toString()}`;
}

function hitHref(h: SearchHit): string {
  const base = `/countries/${h.countryId}/${h.reportYear}`;
  if (h.section === 'recommendation') return `${base}#rec-${h.recommendationNumber}`;
  if (h.section === 'summary') return `${base}#summary-h`;
  // The profile's full narrative: one <details id="section-KIND"> per kind of section.
  return `${base}#section-${h.section}`;
}

function facetList(title: string, key: keyof SearchResults['facets'], values: FacetValue[], p: SearchParams): Html | '' {
  if (values.length === 0) return '';
  return html`<div><h3>${title}</h3><ul>${values.map(
    (v) =>
      html`<li><a href="${searchHref(p, { toggle: [key, v.value] })}"${v.selected ? html` aria-current="true"` : ''}>${v.selected ? '✓ ' : ''}${v.label}</a> <span class="muted">(${v.count})</span></li>`,
  )}</ul></div>`;
}

/** The `country=` filters, shown (they are not a facet) with a link to remove each. */
function countryChips(p: SearchParams): Html | '' {
  if (p.country.length === 0) return '';
  return html`<div><h3>Country</h3><ul>${p.country.map((id) => {
    const name = getCountryById(id)?.name ?? id;
    return html`<li><span aria-current="true">✓ ${name}</span> <a href="${searchHref(p, { removeCountry: id })}" aria-label="Remove the filter ${name}">remove</a></li>`;
  })}</ul></div>`;
}

function form(p: SearchParams): Html {
  return html`<form class="search-form" method="get" action="/search" role="search">
<label class="sr-only" for="q">Search the narratives</label>
<input type="search" id="q" name="q" value="${p.q}" placeholder="e.g. &quot;cotton harvest&quot; recruit* NOT fees">
${(['year', 'tier', 'region', 'section', 'country'] as const).flatMap((k) => p[k].map((v) => html`<input type="hidden" name="${k}" value="${v}">`))}
${p.history ? html`<input type="hidden" name="history" value="1">` : ''}
<button type="submit">Search</button>
</form>
<p class="muted">Words are all required; <code>"cotton harvest"</code> is a phrase, <code>recruit*</code> a prefix, <code>shelter NOT funding</code>, <code>(sex OR labor) trafficking</code> combine them. Plurals and endings match (“victim” finds “victims”).</p>`;
}

/** `noNarratives`: no narrative is held at all (nothing can match; the reader is told so, not "no passage matches"). */
export function searchPage(p: SearchParams, r: SearchResults | null, error?: string, opts: { noNarratives?: boolean } = {}): string {
  const title = p.q ? `Search: ${p.q}` : 'Search the narratives';
  const pages = r ? Math.max(1, Math.ceil(r.total / r.limit)) : 1;
  const body = html`<h1>Search the narratives</h1>
${form(p)}
${error ? html`<p class="search-error" role="alert"><strong>The query cannot be searched:</strong> ${error}</p>` : ''}
${
  r && opts.noNarratives
    ? html`<p class="meta" role="status">No country narrative is held on this site yet, so there is nothing to search. The tier placements of every report are on <a href="/years">the report years</a> and <a href="/countries">the countries</a>.</p>`
    : r
    ? html`<p class="meta" role="status">${r.total === 0 ? 'No passage matches' : `${r.total} passage${r.total === 1 ? '' : 's'} match`} <strong>${r.q}</strong>${
        r.understood.replace(/"/g, '').toLowerCase() !== r.q.trim().replace(/"/g, '').toLowerCase() ? html` <span class="muted">(searched as <code>${r.understood}</code>)</span>` : ''
      }${r.total > r.limit && p.page <= pages ? ` — page ${p.page} of ${pages}` : ''}. ${
        r.includeHistory
          ? html`Narratives replaced by a newer document are included (<a href="${searchHref(p, { history: false })}">current ones only</a>).`
          : html`Only current narratives are searched (<a href="${searchHref(p, { history: true })}">include replaced versions</a>).`
      }</p>
<section aria-labelledby="facets-h" class="facets-wrap"><h2 id="facets-h" class="sr-only">Narrow the results</h2><div class="facets">
${countryChips(p)}
${facetList('Report year', 'year', r.facets.year, p)}
${facetList('Tier', 'tier', r.facets.tier, p)}
${facetList('Region', 'region', r.facets.region, p)}
${facetList('Section', 'section', r.facets.section, p)}
</div></section>
${
  r.hits.length
    ? html`<ol class="hits" start="${r.offset + 1}">${r.hits.map(
        (h) => html`<li>
<a href="${hitHref(h)}"><strong>${h.countryName}</strong> — ${h.reportYear} report — ${h.sectionTitle}${h.recommendationNumber ? ` ${h.recommendationNumber}` : ''}</a> ${tierBadge(h.tier)}${h.current ? '' : html` <span class="muted">(replaced by a newer document)</span>`}
<p class="snippet">${snippetHtml(h)}</p>
<p class="cite">${hitCite(h)}, characters ${h.span.start}–${h.span.end}</p>
</li>`,
      )}</ol>`
    : ''
}
${
  r.hits.length === 0 && r.total > 0
    ? html`<p class="notice" role="alert">Page ${p.page} is beyond the last page of these results (${pages}). <a href="${searchHref(p, { page: pages })}">Go to page ${pages}</a> or <a href="${searchHref(p, { page: 1 })}">back to the first page</a>.</p>`
    : ''
}
${
  pages > 1 && r.hits.length
    ? html`<nav aria-label="Result pages" class="pager">${p.page > 1 ? html`<a rel="prev" href="${searchHref(p, { page: p.page - 1 })}">← Previous</a> ` : ''}${
        p.page < pages ? html`<a rel="next" href="${searchHref(p, { page: p.page + 1 })}">Next →</a>` : ''
      }</nav>`
    : ''
}`
    : ''
}`;
  return page({ title, body, section: 'search', jsonHref: p.q ? searchHref(p, {}, true) : undefined, description: 'Full-text search over the imported TIP Report narratives.' });
}
