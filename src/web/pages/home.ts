import type { YearEntry } from '../../analysis/yearView.js';
import { TIER_CODES, TIERS } from '../../domain/index.js';
import { Html, html } from '../html.js';
import { SourceNotes, page, tierBadge } from '../layout.js';
import type { MapCountry } from '../map/worldMap.js';
import { MIN_VISIBLE_AREA, mapAreas, statusText, swatch } from '../map/worldMap.js';
import type { HomeView } from '../../views/views.js';
import { goodsLabel, type GoodsLayer } from '../map/goodsLayer.js';
import { goodsLegend, layerSwitch } from './contextPanels.js';
import { officialPlacementLink } from './citeHtml.js';

export function yearSelect(years: number[], selected: number | null, opts: { id: string; name?: string; any?: string }): Html {
  return html`<select id="${opts.id}" name="${opts.name ?? 'year'}">${opts.any !== undefined ? html`<option value=""${selected === null ? html` selected` : ''}>${opts.any}</option>` : ''}${years.map(
    (y) => html`<option value="${y}"${y === selected ? html` selected` : ''}>${y}</option>`,
  )}</select>`;
}

function movementList(title: string, id: string, entries: YearEntry[], notes: SourceNotes, empty: string): Html {
  return html`<section aria-labelledby="${id}" class="moves">
<h3 id="${id}">${title} <span class="count">(${entries.length})</span></h3>
${
  entries.length
    ? html`<ul>${entries.map(
        (e) =>
          html`<li><a href="/countries/${e.country.id}/${e.placement.reportYear}">${e.country.name}</a>: ${e.previous ? html`${e.previous.tier} → ` : ''}${tierBadge(e.placement.tier, e.placement.asterisk)} ${officialPlacementLink(e.placement)} ${notes.ref(e.placement.source, e.placement.origin)}</li>`,
      )}</ul>`
    : html`<p class="muted">${empty}</p>`
}
</section>`;
}

/**
 * Which year the map shows and why: the latest report whose placements are at least 95% known, with a switch to
 * the latest report when it is not that one; a year asked for that is not the opening year links back to it.
 */
function yearRuleNote(v: HomeView, yearHref: (y: number) => string): Html | '' {
  const pct = (x: number | null) => (x === null ? 'an unknown share' : `${Math.floor(x * 100)}%`);
  if (v.chosenBy === 'rule' && v.reportYear !== v.latestYear) {
    return html`<p class="notice year-rule">This map shows the <strong>${v.reportYear} report</strong>, the latest whose placements are at least 95% known here (${pct(v.knownShare)}). The latest report is ${v.latestYear}, whose compiled list is less complete: <a href="${yearHref(v.latestYear)}">show the ${v.latestYear} report</a>.</p>`;
  }
  if (v.chosenBy === 'request' && v.reportYear !== v.openingYear) {
    return html`<p class="notice year-rule">This map shows the ${v.reportYear} report (${pct(v.knownShare)} of its placements known here). <a href="/">Back to the ${v.openingYear} report</a>, the latest at least 95% known.</p>`;
  }
  return '';
}

/** The home page; `map` is the (cached) SVG of the year. */
export function homePage(v: HomeView, map: Html, goods?: GoodsLayer): string {
  const notes = new SourceNotes();
  const areas = mapAreas();
  // Too small to see (or not drawn at all) at world scale: listed beside the map. Those placed, or not known but
  // placed in the reports around the year, come first; other not-known ones are folded (as on the year page). Those
  // not in a complete list, or not existing that year, are left out.
  const toSmall = (c: HomeView['countries'][number]): MapCountry => ({
    id: c.id,
    name: c.name,
    status: c.status,
    tier: c.placement?.tier ?? null,
    asterisk: c.placement?.asterisk ?? false,
  });
  const tiny = v.countries.filter((c) => (areas.get(c.id) ?? 0) < MIN_VISIBLE_AREA);
  const small = tiny.filter((c) => c.expected).map(toSmall);
  const smallUnknown = tiny.filter((c) => !c.expected && c.status === 'not-known').map(toSmall);
  const smallItem = (c: MapCountry) =>
    goods
      ? html`<li><a href="/countries/${c.id}/${v.reportYear}">${c.name}</a> ${swatch(goods.countries[c.id]?.key ?? 'g0')} <span class="small">${goodsLabel(goods.countries[c.id])}</span></li>`
      : html`<li><a href="/countries/${c.id}/${v.reportYear}">${c.name}</a> ${tierBadge(c.tier, c.asterisk, c.status === 'not-known' ? 'not known' : statusText(c, v.reportYear))}</li>`;
  const prev = v.previousYear;
  const keys = [
    ...TIERS.map((t) => TIER_CODES[t]),
    v.complete ? 'absent' : 'unknown',
    // Countries that did not exist that year (South Sudan before 2012), when there are any.
    ...(v.countries.some((c) => c.status === 'did-not-exist') ? ['gone'] : []),
    // Always drawn: lands no report assesses (Greenland, Western Sahara…).
    'none',
  ];
  const years = v.years.map((y) => y.reportYear);
  const before = years.filter((y) => y < v.reportYear).at(-1);
  const after = years.find((y) => y > v.reportYear);
  const layerQuery = goods ? '&amp;layer=goods' : '';
  const yearHref = (y: number) => (y === v.openingYear && !goods ? '/' : `/?year=${y}${layerQuery}`);
  // Of the countries in the report, how many have no known placement (when the report's size is known).
  const unknownCount = v.countriesInReport !== null ? Math.max(0, v.countriesInReport - v.known) : null;
  const body = html`
<h1>The Trafficking in Persons Report, country by country</h1>
<p class="lede">Every country’s tier placement in the U.S. State Department’s annual Trafficking in Persons Report since 2001,
with the country narratives and prioritized recommendations held — each fact with its source.</p>
${yearRuleNote(v, yearHref)}
<form class="inline-form" method="get" action="/">
<label for="year-select">Report year</label>
${yearSelect(
  v.years.map((y) => y.reportYear).reverse(),
  v.reportYear,
  { id: 'year-select' },
)}
${goods ? html`<input type="hidden" name="layer" value="goods">` : ''}
<button type="submit">Show</button>
</form>
<nav class="year-stepper" aria-label="Previous and next years">${
  before ? html`<a href="${yearHref(before)}" rel="prev">← ${before}</a>` : html`<span class="muted">← no earlier report</span>`
} <strong aria-current="page">${v.reportYear}</strong> ${after ? html`<a href="${yearHref(after)}" rel="next">${after} →</a>` : html`<span class="muted">the latest report →</span>`}</nav>
${layerSwitch(goods ? 'goods' : 'tiers', v.reportYear)}
<p><a class="skip-map" href="#after-map">Skip the map (${v.countries.length} country links)</a></p>
<section aria-labelledby="map-h">
<h2 id="map-h">${goods ? `Countries with goods produced with forced labor (${goods.edition} List of Goods)` : `Tier placements in the ${v.reportYear} report`}</h2>
${
  v.complete || goods
    ? ''
    : html`<p class="notice"><strong>The compiled list for ${v.reportYear} is incomplete:</strong> ${v.known} of ${v.countriesInReport ?? 'the'} countries in the report have a known placement. A country without one is shown as <em>not known</em> — not as absent from the report.</p>`
}
<div class="map-layout">
<figure class="map">
${map}
<figcaption>
${goods ? goodsLegend(goods) : html`<ul class="legend" aria-label="Legend and tier counts">
${keys.map((k) => {
  const tier = TIERS.find((t) => TIER_CODES[t] === k);
  // Only a tier with placements has a section on the year page to link to.
  const label = tier && v.counts[tier] ? html`<a href="/years/${v.reportYear}#tier-${k}">${tier}</a>` : tier;
  return html`<li>${swatch(k)} <span>${tier ? html`${label}: <strong>${v.counts[tier]}</strong>` : k === 'unknown' ? html`not known${unknownCount !== null ? html`: <strong>${unknownCount}</strong>` : ''}` : k === 'none' ? 'not assessed by the report' : k === 'gone' ? 'not a country that year' : 'not in the report'}</span></li>`;
})}
</ul>`}
</figcaption>
</figure>
<aside class="small-states" aria-labelledby="small-h" id="after-map" tabindex="-1">
<h3 id="small-h">Small states and territories</h3>
<p class="muted small">Too small to see on the world map.</p>
<ul>${small.map(smallItem)}</ul>
${
  smallUnknown.length
    ? html`<details><summary>${smallUnknown.length} more without a known placement, not placed in the reports around ${v.reportYear}</summary><ul>${smallUnknown.map(smallItem)}</ul></details>`
    : ''
}
</aside>
</div>
</section>
<section aria-labelledby="moves-h">
<h2 id="moves-h">${prev ? `Movements since the ${prev.reportYear} report` : 'Movements'}</h2>
${
  prev
    ? html`<p class="muted">Countries placed in both the ${prev.reportYear} and ${v.reportYear} reports whose tier changed${
        prev.complete && v.complete ? '' : '; countries without a known placement in either year cannot be compared'
      }. <a href="/years/${v.reportYear}">All ${v.reportYear} placements with their changes</a>.</p>
<div class="moves-grid">
${movementList('Upgraded', 'up-h', v.movements.upgraded, notes, 'None known.')}
${movementList('Downgraded', 'down-h', v.movements.downgraded, notes, 'None known.')}
${movementList('New Special Cases', 'sc-h', v.movements.specialCases, notes, 'None.')}
</div>`
    : html`<p class="muted">The ${v.reportYear} report is the first held; there is nothing to compare it with.</p>`
}
</section>
<p class="meta">Each country’s placement and its source are on <a href="/years/${v.reportYear}">the ${v.reportYear} year page</a> and on the country’s profile. <a href="/countries">All countries as a list</a>.</p>
${notes.render('Sources of the movements')}`;
  return page({
    title: `Tier placements, ${v.reportYear} report`,
    body,
    jsonHref: `/index.json?year=${v.reportYear}${goods ? '&layer=goods' : ''}`,
    feedHref: '/feeds/changes.atom',
    section: 'home',
  });
}
