import { html } from '../html.js';
import { citeHtml } from './citeHtml.js';
import { chartScroller, page, tierBadge } from '../layout.js';
import { timelineLegend, timelineSvg } from '../svg/timeline.js';
import type { CompareView } from '../../views/views.js';
import { MAX_COMPARE } from '../../views/views.js';

export function comparePage(v: CompareView, input: string): string {
  const first = v.firstYear ?? undefined;
  const last = v.lastYear ?? undefined;
  const withNarrative = v.countries.filter((c) => c.latestNarrative);
  const body = html`
<h1>Compare countries</h1>
<form class="inline-form" method="get" action="/compare">
<label for="compare-c">Countries</label>
<input id="compare-c" name="c" value="${input}" placeholder="TJK,UZB,KAZ" aria-describedby="compare-help" size="24">
<button type="submit">Compare</button>
<p id="compare-help" class="muted small">Up to ${MAX_COMPARE} ISO 3166-1 alpha-3 codes separated by commas, for example <a href="/compare?c=TJK,UZB,KAZ">TJK,UZB,KAZ</a>.</p>
</form>
${
  v.countries.length === 0
    ? html`<p>Choose countries to see their tier timelines on one axis and their latest summaries side by side.</p>`
    : html`
<section aria-labelledby="timelines-h">
<h2 id="timelines-h">Tier timelines${first ? `, ${first}–${last}` : ''}</h2>
${timelineLegend()}
${v.countries.map(
  (c, i) => html`<div class="compare-row">
<h3><a href="/countries/${c.country.id}">${c.country.name}</a> ${c.latestPlacement ? html`${tierBadge(c.latestPlacement.tier, c.latestPlacement.asterisk)} <span class="muted small">in ${c.latestPlacement.reportYear}</span>` : tierBadge(null)}</h3>
${chartScroller(`Tier timeline of ${c.country.name}`, timelineSvg(c.timeline, { idPrefix: `tl${i}`, countryName: c.country.name, ...(first ? { firstYear: first } : {}), ...(last ? { lastYear: last } : {}) }))}
${c.latestPlacement ? html`<p class="cite">${citeHtml(c.latestPlacement.cite, { label: 'Latest tier' })}</p>` : ''}
</div>`,
)}
</section>
<section aria-labelledby="summaries-h">
<h2 id="summaries-h">Latest summaries</h2>
${
  withNarrative.length
    ? ''
    : html`<p class="muted">No narrative of these countries has been imported: summaries appear here once report pages are imported.</p>`
}
<div class="compare-grid">
${v.countries.map(
  (c) => html`<article class="compare-col" aria-labelledby="sum-${c.country.id}">
<h3 id="sum-${c.country.id}">${c.country.name}${c.latestNarrative ? html` <span class="muted small">${c.latestNarrative.reportYear} report</span>` : ''}</h3>
${
  c.latestNarrative
    ? html`${tierBadge(c.latestNarrative.tier)}
${c.latestNarrative.summary ? c.latestNarrative.summary.split(/\n{2,}/).map((p) => html`<p>${p}</p>`) : html`<p class="muted">No compliance paragraph was found.</p>`}
${
  c.latestNarrative.warnings.length
    ? html`<p class="warnings-note"><a href="/countries/${c.country.id}/${c.latestNarrative.reportYear}">${c.latestNarrative.warnings.length} parse doubt${c.latestNarrative.warnings.length === 1 ? '' : 's'}</a>: ${c.latestNarrative.warnings[0]!.message}${c.latestNarrative.warnings.length > 1 ? ', …' : ''}</p>`
    : ''
}
<p class="cite">${citeHtml(c.latestNarrative.summaryCite ?? c.latestNarrative.cite)}</p>`
    : html`<p class="muted">No narrative imported.</p>`
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
    jsonHref: v.ids.length ? `/compare.json?c=${v.ids.join(',')}` : undefined,
    section: 'compare',
  });
}
