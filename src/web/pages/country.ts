import type { Citation } from '../../analysis/profile.js';
import { html } from '../html.js';
import type { Html } from '../html.js';
import { chartScroller, linkIfUrl, page, sourceDetails, tierBadge } from '../layout.js';
import { noTierWords, statusReason, statusWords } from '../../analysis/status.js';
import { timelineLegend, timelineSvg } from '../svg/timeline.js';
import type { ProfileView } from '../../views/views.js';
import { contextSections } from './contextPanels.js';
import { diffLink, droppedRecommendations, indicatorsSection, recommendationTrackNote } from './analysisSections.js';
import { citeHtml, citeThisSection, officialHtml, versionsSection } from './citeHtml.js';

export interface CountryPageContext {
  /** The site's base address (`https://example.org`), for permalinks in citations. */
  origin: string;
  /** Today (YYYY-MM-DD), for "accessed". */
  today: string;
}

function paragraphs(text: string) {
  return text.split(/\n{2,}/).map((para) => html`<p>${para}</p>`);
}

/** What is known of the year shown when it has no placement (or when no year is held for the country). */
function noPlacement(p: ProfileView): Html {
  if (p.reportYear === null) {
    const first = p.timeline[0]?.reportYear;
    const last = p.timeline.at(-1)?.reportYear;
    return html`<p class="source">No tier placement of ${p.country.name} is known in any report year held${first ? ` (${first}–${last})` : ''}, and no narrative of it is imported.</p>`;
  }
  const reason = p.yearStatus && p.yearStatus !== 'placed' ? `: ${statusReason(p.yearStatus, { countryId: p.country.id, reportYear: p.reportYear })}` : '';
  const conflict = p.tierConflicts.find((c) => c.reportYear === p.reportYear);
  return html`<p class="source">No tier placement is known for ${p.reportYear}${reason}.${
    conflict ? html` The sources disagree on it: ${conflictSightings(conflict.sightings)}.` : ''
  }</p>`;
}

function conflictNote(p: ProfileView, year: number): Html | string {
  const c = p.tierConflicts.find((x) => x.reportYear === year);
  return c ? html` — the sources disagree: ${conflictSightings(c.sightings)}` : '';
}

/** "Tier 2 (url) / Tier 3 (url)" with the sources as links. */
function conflictSightings(sightings: string): Html[] {
  return sightings.split(' / ').map((s, i) => {
    const m = /^(.*?) \((.*)\)$/.exec(s);
    return html`${i ? ' / ' : ''}${m ? html`${m[1]} (${linkIfUrl(m[2]!)})` : s}`;
  });
}

/** A history row's source: the official report (linked), then how we know it and from where. */
function historySource(c: Citation): Html {
  return html`${officialHtml(c.official)}<span class="how block">${c.howWeKnow.text}${c.howWeKnow.source ? html`: ${linkIfUrl(c.howWeKnow.source)}` : ''}</span>`;
}

/** Where there is no narrative for the year shown: say so, and link the years that have one. */
function noNarrative(p: ProfileView, base: string): Html {
  if (p.narrativeYears.length === 0) {
    return html`<p class="muted">No narrative of ${p.country.name} has been imported yet. Import a report page with <code>tip-atlas import FILE</code>.</p>`;
  }
  return html`<p class="muted">No narrative of the ${p.reportYear} report is imported for ${p.country.name}. Narratives imported: ${p.narrativeYears.map(
    (y, i) => html`${i ? ', ' : ''}<a href="${base}/${y}">${y}</a>`,
  )}.</p>`;
}

export function countryPage(p: ProfileView, ctx: CountryPageContext = { origin: '', today: new Date().toISOString().slice(0, 10) }): string {
  const a = p.assessment;
  const tier = a?.tier ?? p.placement?.tier ?? null;
  const asterisk = a?.tierAsterisk ?? p.placement?.asterisk ?? false;
  const base = `/countries/${p.country.id}`;
  // Without a tier: what is known of the year instead ("tier not known", "not in the report", "did not exist").
  const noTier = noTierWords(p.yearStatus);
  const self = p.reportYear ? `${base}/${p.reportYear}` : base;
  const narrativeSections = a?.sections.filter((s) => s.kind !== 'summary' && s.kind !== 'recommendations') ?? [];
  const placedYears = p.timeline.filter((e) => e.status === 'placed').map((e) => e.reportYear);
  const yearsHeld = [...new Set([...placedYears, ...p.narrativeYears])].sort((x, y) => y - x);
  const narrativeYears = new Set(p.narrativeYears);
  // A page of an earlier year (the latest narrative held, or a year asked for) says that a later placement is known.
  const latestPlaced = p.timeline.filter((e) => e.status === 'placed').at(-1);
  const later = latestPlaced?.placement && p.reportYear && latestPlaced.reportYear > p.reportYear ? latestPlaced.placement : null;

  const body = html`
<p class="meta crumbs"><a href="/countries">All countries</a> › <a href="/countries?region=${p.country.region}">${p.country.regionName}</a></p>
<h1>${p.country.name.toUpperCase()} (${tier ? `${tier}${asterisk ? '*' : ''}` : noTier})</h1>
<p class="meta">${p.reportYear ? html`<a href="/years/${p.reportYear}">${p.reportYear} Trafficking in Persons Report</a>` : 'No placement or narrative held'} · ${tierBadge(tier, asterisk, tier ? undefined : noTier)}</p>
${
  later
    ? html`<p class="notice">A later placement is known: <a href="${base}/${later.reportYear}">${later.tier}${later.asterisk ? '*' : ''} in the ${later.reportYear} report</a>. This page shows the ${p.reportYear} report${a && a.reportYear === Math.max(...p.narrativeYears) ? ', the latest narrative held' : ''}.</p>`
    : ''
}
${
  p.placement
    ? sourceDetails(
        html`${citeHtml(p.placement.cite, { label: 'Tier' })}${
          p.placement.supersededShippedTier ? html` <strong>(the shipped facts said ${p.placement.supersededShippedTier}; the narrative supersedes them)</strong>` : ''
        } <a href="${base}/${p.placement.reportYear}#tier" class="permalink" aria-label="Permalink to this placement">#</a>`,
        { id: 'tier', label: 'Source of the tier' },
      )
    : noPlacement(p)
}
${
  yearsHeld.length
    ? html`<nav class="years" aria-label="Report years held for ${p.country.name}"><span class="muted">Years:</span> <ul>${yearsHeld.map(
        (y) =>
          html`<li><a href="${base}/${y}"${y === p.reportYear ? html` aria-current="page"` : ''}>${y}</a>${narrativeYears.has(y) ? html`<span class="nar" title="narrative imported">†</span>` : ''}</li>`,
      )}</ul> <span class="muted small">† narrative imported</span></nav>`
    : ''
}
${
  a
    ? html`
${
  a.warnings.length
    ? html`<aside class="warnings" aria-label="Parse warnings"><strong>Parse doubts in this narrative</strong><ul>${a.warnings.map(
        (w) => html`<li>${w.message}: <q>${w.excerpt}</q></li>`,
      )}</ul></aside>`
    : ''
}
<section aria-labelledby="summary-h">
<h2 id="summary-h">Summary of government efforts</h2>
${a.summary ? paragraphs(a.summary) : html`<p class="muted">No compliance paragraph was found in the narrative.</p>`}
${a.summaryCite ? sourceDetails(citeHtml(a.summaryCite)) : ''}
</section>
<section aria-labelledby="recs-h">
<h2 id="recs-h">Prioritized recommendations</h2>
${
  a.recommendations.length
    ? html`<ol class="recs">${a.recommendations.map((r) => html`<li id="rec-${r.number}">${r.text}${recommendationTrackNote(p, r.number)}</li>`)}</ol>
${sourceDetails(citeHtml(a.sections.find((s) => s.kind === 'recommendations')?.cite ?? { ...a.source, section: 'prioritized recommendations' }))}
${droppedRecommendations(p)}`
    : html`<p class="muted">No recommendations were found in the narrative.</p>`
}
</section>
${diffLink(p)}
${
  narrativeSections.length
    ? html`<section aria-labelledby="full-h"><h2 id="full-h">Full narrative</h2>${narrativeSections.map(
        (s, i) => html`<details id="section-${i + 1}"><summary>${s.title}</summary>${paragraphs(s.text)}${sourceDetails(citeHtml(s.cite))}</details>`,
      )}</section>`
    : ''
}
${sourceDetails(citeHtml(a.source, { label: 'Narrative' }), { label: 'Source of the narrative' })}
${versionsSection(p)}`
    : noNarrative(p, base)
}
${indicatorsSection(p)}
${contextSections(p.context, p.country.name, base)}
<section aria-labelledby="history-h">
<h2 id="history-h">Tier history</h2>
${chartScroller('Tier timeline chart', timelineSvg(p.timeline, { idPrefix: 'tl', countryName: p.country.name }))}
${timelineLegend()}
<table class="history">
<caption class="muted">Placements by report year, ${p.timeline[0]?.reportYear ?? ''}–${p.timeline.at(-1)?.reportYear ?? ''}. “Not known”: that year’s compiled list has gaps.</caption>
<thead><tr><th scope="col">Report year</th><th scope="col">Tier</th><th scope="col">Movement and source</th></tr></thead>
<tbody>
${p.timeline
  .slice()
  .reverse()
  .map((e) =>
    e.status === 'placed'
      ? html`<tr><td><a href="${base}/${e.reportYear}">${e.reportYear}</a></td><td>${tierBadge(e.placement.tier, e.placement.asterisk)}</td><td>${e.label ?? ''}${e.cite ? sourceDetails(historySource(e.cite)) : ''}</td></tr>`
      : html`<tr><td><a href="${base}/${e.reportYear}">${e.reportYear}</a></td><td colspan="2" class="muted">${statusWords(e.status, e.reportYear)}${conflictNote(p, e.reportYear)}</td></tr>`,
  )}
</tbody>
</table>
</section>
${citeThisSection(p, ctx)}
<p class="meta"><a href="/compare?c=${p.country.id}">Compare ${p.country.name} with other countries</a> · <a href="${base}/feed.atom">Atom feed of ${p.country.name}’s placements</a></p>`;
  return page({
    title: p.reportYear ? `${p.country.name} (${tier ?? noTier}) — ${p.reportYear} TIP Report` : `${p.country.name}: no placement or narrative held`,
    body,
    jsonHref: `${self}.json`,
    feedHref: `${base}/feed.atom`,
    section: 'countries',
  });
}
