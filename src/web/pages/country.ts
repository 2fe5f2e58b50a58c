import type { Citation } from '../../analysis/profile.js';
import { html } from '../html.js';
import type { Html } from '../html.js';
import { chartScroller, linkIfUrl, page, sourceDetails, tierBadge } from '../layout.js';
import { noTierWords, statusReason, statusWords } from '../../analysis/status.js';
import { timelineLegend, timelineSvg } from '../svg/timeline.js';
import type { ProfileView, SectionPaging, SectionView } from '../../views/views.js';
import { contextSections } from './contextPanels.js';
import { diffLink, droppedRecommendations, indicatorsSection, recommendationTrackNote } from './analysisSections.js';
import { citeHtml, citeThisSection, officialHtml, versionsSection } from './citeHtml.js';

export interface CountryPageContext {
  /** The site's base address (`https://example.org`), for permalinks in citations. */
  origin: string;
  /** Today (YYYY-MM-DD), for "accessed". */
  today: string;
}

/** `section-prosecution`, the anchor search hits link to (`section-note-2` for a second section of one kind). */
function sectionAnchor(sections: { kind: string }[], i: number): string {
  const kind = sections[i]!.kind;
  const n = sections.slice(0, i).filter((s) => s.kind === kind).length;
  return n ? `section-${kind}-${n + 1}` : `section-${kind}`;
}

function paragraphs(text: string) {
  return text.split(/\n{2,}/).map((para) => html`<p>${para}</p>`);
}

/** Under the first page of a long section: how long it is, and where it goes on. */
function foldedNote(f: SectionPaging): Html {
  return html`<p class="muted folded">This section holds ${f.chars.toLocaleString('en-US')} characters; shown here: page ${f.sectionPage} of ${f.sectionPages}.${
    f.next ? html` <a href="${f.next}" rel="next">Continue reading: page ${f.sectionPage + 1}</a>` : ''
  }</p>`;
}

/** One page of a long section (`/countries/:id/:year/sections/:n?page=k`). */
export function sectionPage(v: SectionView): string {
  const base = `/countries/${v.country.id}/${v.reportYear}`;
  const f = v.paging;
  const nav = html`<nav class="pager" aria-label="Pages of this section">${
    f.previous ? html`<a href="${f.previous}" rel="prev">Page ${f.sectionPage - 1}</a> ` : ''
  }<span>Page ${f.sectionPage} of ${f.sectionPages}</span>${f.next ? html` <a href="${f.next}" rel="next">Page ${f.sectionPage + 1}</a>` : ''}</nav>`;
  const body = html`<p class="muted"><a href="${base}">${v.country.name}, ${v.reportYear}</a></p>
<h1>${v.title}: ${v.country.name} (${v.reportYear})</h1>
${nav}
${paragraphs(v.text)}
${nav}
<p class="cite">${citeHtml(v.cite)}</p>`;
  const query = f.sectionPage > 1 ? `?page=${f.sectionPage}` : '';
  return page({ title: `${v.title}, page ${f.sectionPage}: ${v.country.name} ${v.reportYear}`, body, jsonHref: `${base}/sections/${v.ord}.json${query}`, section: 'countries' });
}

/** What is known of the year shown when it has no placement (or when no year is held for the country). */
function noPlacement(p: ProfileView): Html {
  if (p.reportYear === null) {
    const first = p.timeline[0]?.reportYear;
    const last = p.timeline.at(-1)?.reportYear;
    return html`<p class="source">No tier placement of ${p.country.name} is known in any report year held${first ? ` (${first}–${last})` : ''}, and no narrative of it is held.</p>`;
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
    // Reader-facing: how to add narratives is the operator's (README, `tip-atlas import`), not the page's.
    return html`<p class="muted">No narrative of ${p.country.name} is held on this site, so its summary and recommendations are not shown; what is known of its tier placements is below.</p>`;
  }
  return html`<p class="muted">No narrative of the ${p.reportYear} report is held for ${p.country.name}. Narratives held: ${p.narrativeYears.map(
    (y, i) => html`${i ? ', ' : ''}<a href="${base}/${y}">${y}</a>`,
  )}.</p>`;
}

/** The tier history: the timeline chart and a table of every report year with its movement and source. */
function tierHistorySection(p: ProfileView, base: string): Html {
  return html`<section aria-labelledby="history-h">
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
</section>`;
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
  const h = p.headline;
  // The title names the latest known placement; the year shown (its narrative) is older: say both.
  const headlineAhead = h.latest && h.reportYear !== null && h.reportYear !== p.reportYear;
  const headlineCite = headlineAhead ? p.timeline.find((e) => e.status === 'placed' && e.reportYear === h.reportYear)?.cite : undefined;
  // A page of an earlier year asked for says that a later placement is known.
  const latestPlaced = p.timeline.filter((e) => e.status === 'placed').at(-1);
  const later = !headlineAhead && latestPlaced?.placement && p.reportYear && latestPlaced.reportYear > p.reportYear ? latestPlaced.placement : null;
  const headTier = h.tier ? `${h.tier}${h.asterisk ? '*' : ''}` : noTier;

  const body = html`
<p class="meta crumbs"><a href="/countries">All countries</a> › <a href="/countries?region=${p.country.region}">${p.country.regionName}</a></p>
<h1>${p.country.name.toUpperCase()} (${headTier})</h1>
${
  headlineAhead
    ? html`<p class="meta">${tierBadge(h.tier, h.asterisk)} in the <a href="/years/${h.reportYear}">${h.reportYear} Trafficking in Persons Report</a>, the latest placement known · narrative: <a href="${base}/${p.reportYear}">${p.reportYear} report</a>${h.narrativeIsLatest ? ', the latest held' : ''}</p>
${headlineCite ? sourceDetails(citeHtml(headlineCite, { label: `Tier in ${h.reportYear}` }), { id: 'latest-tier', label: `Source of the ${h.reportYear} tier` }) : ''}
<p class="notice">This page shows the ${p.reportYear} report${h.narrativeIsLatest ? ', the latest narrative held' : ''}${
        tier ? html`, in which ${p.country.name} was on ${tier}${asterisk ? '*' : ''}` : ''
      }. <a href="${base}/${h.reportYear}">The ${h.reportYear} placement</a>.</p>`
    : html`<p class="meta">${p.reportYear ? html`<a href="/years/${p.reportYear}">${p.reportYear} Trafficking in Persons Report</a>` : 'No placement or narrative held'} · ${tierBadge(tier, asterisk, tier ? undefined : noTier)}</p>`
}
${
  later
    ? html`<p class="notice">A later placement is known: <a href="${base}/${later.reportYear}">${later.tier}${later.asterisk ? '*' : ''} in the ${later.reportYear} report</a>. This page shows the ${p.reportYear} report${a && a.reportYear === Math.max(...p.narrativeYears) ? ', the latest narrative held' : ''}.</p>`
    : ''
}
${
  p.placement
    ? sourceDetails(
        html`${citeHtml(p.placement.cite, { label: headlineAhead ? `Tier in ${p.placement.reportYear}` : 'Tier' })}${
          p.placement.supersededShippedTier ? html` <strong>(the shipped facts said ${p.placement.supersededShippedTier}; the narrative supersedes them)</strong>` : ''
        } <a href="${base}/${p.placement.reportYear}#tier" class="permalink" aria-label="Permalink to this placement">#</a>`,
        { id: 'tier', label: headlineAhead ? `Source of the ${p.placement.reportYear} tier` : 'Source of the tier' },
      )
    : noPlacement(p)
}
${
  yearsHeld.length
    ? html`<nav class="years" aria-label="Report years held for ${p.country.name}"><span class="muted">Years:</span> <ul>${yearsHeld.map(
        (y) =>
          html`<li><a href="${base}/${y}"${y === p.reportYear ? html` aria-current="page"` : ''}>${y}</a>${narrativeYears.has(y) ? html`<span class="nar" title="narrative held">†</span>` : ''}</li>`,
      )}</ul> <span class="muted small">† narrative held</span></nav>`
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
        (s, i) =>
          html`<details id="${sectionAnchor(narrativeSections, i)}"><summary>${s.title}</summary>${paragraphs(s.text)}${s.folded ? foldedNote(s.folded) : ''}${sourceDetails(citeHtml(s.cite))}</details>`,
      )}</section>`
    : ''
}
${sourceDetails(citeHtml(a.source, { label: 'Narrative' }), { label: 'Source of the narrative' })}
${versionsSection(p)}`
    : noNarrative(p, base)
}
${indicatorsSection(p)}
${contextSections(p.context, p.country.name, base)}
${tierHistorySection(p, base)}
${citeThisSection(p, ctx)}
<p class="meta"><a href="/compare?c=${p.country.id}">Compare ${p.country.name} with other countries</a> · <a href="${base}/feed.atom">Atom feed of ${p.country.name}’s placements</a></p>`;
  return page({
    title: p.reportYear ? `${p.country.name} (${h.tier ?? noTier}) — ${h.reportYear ?? p.reportYear} TIP Report${headlineAhead ? ` (narrative: ${p.reportYear})` : ''}` : `${p.country.name}: no placement or narrative held`,
    body,
    jsonHref: `${self}.json`,
    feedHref: `${base}/feed.atom`,
    section: 'countries',
  });
}
