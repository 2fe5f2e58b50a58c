import type { CountryProfile } from '../../analysis/profile.js';
import type { Citation } from '../../analysis/profile.js';
import { html } from '../html.js';
import { page, tierBadge } from '../layout.js';

function citeText(c: Citation): string {
  const doc = c.document ? `${c.document.origin} (sha256 ${c.document.sha256.slice(0, 12)}…, imported ${c.document.importedAt.slice(0, 10)})` : c.source;
  const span = c.span ? `, characters ${c.span.start}–${c.span.end}` : '';
  return `${c.reportYear} TIP Report, ${c.section}; ${doc}${span}`;
}

export function countryPage(p: CountryProfile): string {
  const a = p.assessment;
  const tier = a?.tier ?? p.placement?.tier ?? null;
  const asterisk = a?.tierAsterisk ?? p.placement?.asterisk ?? false;
  const base = `/countries/${p.country.id}`;
  const self = p.reportYear && a && p.reportYear !== a.reportYear ? base : p.reportYear ? `${base}/${p.reportYear}` : base;
  const narrativeSections = a?.sections.filter((s) => s.kind !== 'summary' && s.kind !== 'recommendations') ?? [];
  const body = html`
<p class="meta"><a href="/">All countries</a> › ${p.country.regionName}</p>
<h1>${p.country.name.toUpperCase()} (${tier ? `${tier}${asterisk ? '*' : ''}` : 'tier not known'})</h1>
<p class="meta">${p.reportYear ? `${p.reportYear} Trafficking in Persons Report` : 'No report year held'} · ${tierBadge(tier, asterisk)}</p>
${
  p.placement
    ? html`<p class="source">Tier source: ${p.placement.origin === 'imported' ? 'the imported narrative\u2019s heading' : 'shipped tier facts'} — ${citeText(p.placement.cite)}${
        p.placement.supersededShippedTier ? html` <strong>(the shipped facts said ${p.placement.supersededShippedTier}; the narrative supersedes them)</strong>` : ''
      }</p>`
    : html`<p class="source">No tier placement is known for this year.</p>`
}
${
  a
    ? html`
${a.reportYear !== p.reportYear ? html`<p class="meta">The narrative below is from the ${a.reportYear} report.</p>` : ''}
${
  a.warnings.length
    ? html`<aside class="warnings" aria-label="Parse warnings"><strong>Parse doubts in this narrative</strong><ul>${a.warnings.map(
        (w) => html`<li>${w.message}: <q>${w.excerpt}</q></li>`,
      )}</ul></aside>`
    : ''
}
<section aria-labelledby="summary-h">
<h2 id="summary-h">Summary of government efforts</h2>
${a.summary ? a.summary.split(/\n{2,}/).map((para) => html`<p>${para}</p>`) : html`<p class="muted">No compliance paragraph was found in the narrative.</p>`}
${a.summaryCite ? html`<p class="cite">Source: ${citeText(a.summaryCite)}</p>` : ''}
</section>
<section aria-labelledby="recs-h">
<h2 id="recs-h">Prioritized recommendations</h2>
${
  a.recommendations.length
    ? html`<ol class="recs">${a.recommendations.map((r) => html`<li id="rec-${r.number}">${r.text}</li>`)}</ol>
<p class="cite">Source: ${a.reportYear} TIP Report, prioritized recommendations; ${a.source.document?.origin ?? ''}</p>`
    : html`<p class="muted">No recommendations were found in the narrative.</p>`
}
</section>
${
  narrativeSections.length
    ? html`<section aria-labelledby="full-h"><h2 id="full-h">Full narrative</h2>${narrativeSections.map(
        (s) => html`<details><summary>${s.title}</summary>${s.text.split(/\n{2,}/).map((para) => html`<p>${para}</p>`)}<p class="cite">Source: ${citeText(s.cite)}</p></details>`,
      )}</section>`
    : ''
}
<p class="source">Narrative source: ${citeText(a.source)}</p>`
    : html`<p class="muted">No narrative for this country has been imported yet. Import a report page with <code>tip-atlas import FILE</code>.</p>`
}
<section aria-labelledby="history-h">
<h2 id="history-h">Tier history</h2>
<table>
<caption class="muted">Placements by report year, ${p.timeline[0]?.reportYear ?? ''}–${p.timeline.at(-1)?.reportYear ?? ''}. “Not known”: that year’s compiled list has gaps.</caption>
<thead><tr><th scope="col">Report year</th><th scope="col">Tier</th><th scope="col">Movement</th><th scope="col" class="hide-narrow">Source</th></tr></thead>
<tbody>
${p.timeline
  .slice()
  .reverse()
  .map((e) =>
    e.status === 'placed'
      ? html`<tr><td><a href="${base}/${e.reportYear}">${e.reportYear}</a></td><td>${tierBadge(e.placement.tier, e.placement.asterisk)}</td><td>${e.label ?? ''}</td><td class="hide-narrow cite">${e.placement.origin === 'imported' ? 'imported narrative' : e.placement.source}</td></tr>`
      : html`<tr><td>${e.reportYear}</td><td colspan="3" class="muted">${e.status === 'not-in-report' ? 'not in the report' : 'not known'}</td></tr>`,
  )}
</tbody>
</table>
</section>
${
  p.narrativeYears.length
    ? html`<section aria-labelledby="years-h"><h2 id="years-h">Narratives held</h2><p class="years">${p.narrativeYears.map(
        (y) => html`<a href="${base}/${y}">${y}</a>`,
      )}</p></section>`
    : ''
}`;
  return page({
    title: `${p.country.name} (${tier ?? 'tier not known'}) — ${p.reportYear ?? ''} TIP Report`,
    body,
    jsonHref: `${self}.json`,
  });
}
