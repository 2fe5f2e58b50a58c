import type { SourceDocument } from '../../store/types.js';
import type { Download } from '../exports.js';
import { html } from '../html.js';
import { linkIfUrl, page } from '../layout.js';

export interface DataView {
  downloads: Download[];
  /** Imported documents, in import order. */
  documents: Omit<SourceDocument, 'origin'>[];
  reportYears: { first: number | null; last: number | null; incomplete: number[] };
}

export function dataPage(v: DataView): string {
  const body = html`
<h1>Data</h1>
<p class="lede">Everything on this site, as files. The lists take the same filters as the pages:
<code>?year=2023</code>, <code>?region=EUR</code> and, for placements and assessments, <code>?tier=2wl</code>.</p>
<section aria-labelledby="dl-h">
<h2 id="dl-h">Downloads</h2>
<ul class="downloads">${v.downloads.map(
    (d) => html`<li><a href="${d.path}" download>${d.title}</a> <span class="muted small">${d.mediaType}</span><br>${d.description}</li>`,
  )}</ul>
</section>
<section aria-labelledby="cols-h">
<h2 id="cols-h">Columns</h2>
${v.downloads
  .filter((d) => d.columns.length && d.mediaType === 'text/csv')
  .map(
    (d) => html`<details>
<summary><code>${d.path.replace('/data/', '')}</code></summary>
<table class="columns stack"><caption class="sr-only">Columns of ${d.path}</caption>
<thead><tr><th scope="col">Column</th><th scope="col">Type</th><th scope="col">Meaning</th></tr></thead>
<tbody>${d.columns.map((c) => html`<tr><td><code>${c.name}</code></td><td>${c.type}${c.nullable ? ' or empty' : ''}</td><td>${c.description}</td></tr>`)}</tbody>
</table>
</details>`,
  )}
<p class="muted">The JSON files hold the same fields with camelCase keys, spans as <code>{start, end}</code> and the source
document as an object. CSV files are UTF-8, comma-separated, quoted where needed (RFC 4180); a text cell that a spreadsheet would run as a formula (starting with = + - or @) begins with an apostrophe.</p>
</section>
<section aria-labelledby="src-h">
<h2 id="src-h">Sources</h2>
<p><strong>Tier placements</strong> ${v.reportYears.first ? `${v.reportYears.first}–${v.reportYears.last}` : ''} are shipped with TIP Atlas as
facts, each row naming where it was read. Report years 2001–2015 come from academic compilations (the 3P Anti-trafficking
Policy Index data of Seo-Young Cho and colleagues as merged by Judith G. Kelley, and the replication data of Kelley and
Simmons; published with Kelley’s <cite>Scorecard Diplomacy</cite>, MIT licence). Later years were compiled country by country
from stored copies of public pages: the publisher’s narratives as mirrored by refworld and ecoi.net, GVNet’s tier lists, the
CIA World Factbook and press coverage. Where two sources disagreed, the country-year was left out: a wrong tier is worse than
none.</p>
${
  v.reportYears.incomplete.length
    ? html`<p>The compiled lists of ${v.reportYears.incomplete.join(', ')} are incomplete: there, a missing country is <em>not known</em>, never “not in the report”.</p>`
    : ''
}
<p><strong>Narratives</strong> are never shipped: they are the report pages imported into this database. A tier read from an
imported narrative supersedes the shipped one (the placements file says which it replaced).</p>
<h3 id="docs-h">Imported documents</h3>
${
  v.documents.length
    ? html`<table class="stack"><caption class="sr-only">Imported documents</caption><thead><tr><th scope="col">#</th><th scope="col">Document</th><th scope="col">Report year</th><th scope="col">Imported</th></tr></thead>
<tbody>${v.documents.map(
        (d) => html`<tr><td>${d.id}</td><td class="cite">${d.publicUrl ? linkIfUrl(d.publicUrl) : 'no public address'}<br><span class="muted">sha256 ${d.sha256}</span></td><td>${d.reportYear ?? '—'}</td><td>${d.importedAt.slice(0, 10)}</td></tr>`,
      )}</tbody></table>`
    : html`<p class="muted">None: no country narrative is held on this site yet. The tier placements above come from the compiled sources listed with them.</p>`
}
</section>`;
  return page({ title: 'Data', body, jsonHref: '/data.json', section: 'data' });
}
