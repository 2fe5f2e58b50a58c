/**
 * Citations on pages: the official report (linked to the publisher's page) first, "how we know" beneath, and the
 * profile's "Cite this" (plain, BibTeX, CSL-JSON, RIS with a copy button; selectable text without JavaScript) and
 * "Versions held". The profile's JSON twin carries the same `cite` (profileCite).
 */
import type { Citation } from '../../analysis/profile.js';
import type { OfficialSource } from '../../domain/index.js';
import { officialSource } from '../../domain/index.js';
import { getCountryById } from '../../countries/index.js';
import type { TierPlacement } from '../../store/types.js';
import { citeAll, type CiteInput } from '../cite.js';
import { html, type Html } from '../html.js';
import { linkIfUrl } from '../layout.js';
import type { ProfileView } from '../../views/views.js';

/** "U.S. Department of State, <cite>2023 Trafficking in Persons Report</cite>: Tajikistan", linked when an address is known. */
export function officialHtml(o: OfficialSource): Html {
  const name = html`${o.publisher}, <cite>${o.reportTitle}</cite>${o.countryName ? `: ${o.countryName}` : ''}`;
  return o.url
    ? html`<a href="${o.url}" class="ext official" rel="noreferrer" title="The publisher’s ${o.urlKind ?? 'page'}">${name}</a>`
    : html`${name} <span class="muted">(no address of the publisher’s page is known: ${(o.note ?? 'none was seen').replace(/\.$/, '')})</span>`;
}

/**
 * A placement in a list (home, year, countries) linked to the official report's page for it: the country page where
 * its address is known (or the publisher page a shipped source shows), else the report's page; nothing where no
 * address is known. The list's numbered notes say how we know it.
 */
export function officialPlacementLink(p: Pick<TierPlacement, 'countryId' | 'reportYear' | 'source'>): Html {
  const country = getCountryById(p.countryId);
  const o = officialSource(p.reportYear, country ?? null, p.source);
  if (!o.url) return html``;
  const what = o.urlKind === 'country page' ? `${o.title}, the publisher’s page` : `${o.reportTitle}, the publisher’s ${o.urlKind ?? 'page'}`;
  return html`<a class="official-ref ext" href="${o.url}" rel="noreferrer" title="${what}" aria-label="${what}">report</a>`;
}

/** A fact's source: the official report, then (smaller) how we know it. */
export function citeHtml(c: Citation, opts: { label?: string } = {}): Html {
  const how = c.howWeKnow;
  const sourceLink = how.source && how.source !== c.official.url ? html` (${linkIfUrl(how.source)})` : '';
  const span = c.span ? html` <span class="muted">characters ${c.span.start}–${c.span.end}</span>` : '';
  return html`${opts.label ?? 'Source'}: ${officialHtml(c.official)}, ${c.section}${
    c.official.url && c.official.note ? html` <span class="muted">(${c.official.note.replace(/\.$/, '')})</span>` : ''
  }<span class="how block">How we know: ${how.text}${sourceLink}${span}.</span>`;
}

export interface CiteContext {
  /** This site's base address, for permalinks. */
  origin: string;
  /** Today (YYYY-MM-DD), for "accessed". */
  today: string;
}

/** What "Cite this" names for a profile: the narrative when one is shown for the year, else the tier placement. */
export function citeInputOf(p: ProfileView, ctx: CiteContext): CiteInput | null {
  const a = p.assessment;
  const tier = a?.tier ?? p.placement?.tier ?? null;
  const asterisk = a?.tierAsterisk ?? p.placement?.asterisk ?? false;
  let pick: { section: string; cite: Citation; year: number; anchor: string } | null = null;
  if (a) pick = { section: 'narrative', cite: a.source, year: a.reportYear, anchor: '' };
  else if (p.placement) pick = { section: 'tier placement', cite: p.placement.cite, year: p.placement.reportYear, anchor: '#tier' };
  if (!pick) return null;
  return {
    countryId: p.country.id,
    countryName: p.country.name,
    reportYear: pick.year,
    tier: tier ? `${tier}${asterisk ? '*' : ''}` : null,
    section: pick.section,
    citation: pick.cite,
    pageUrl: `${ctx.origin}/countries/${p.country.id}/${pick.year}${pick.anchor}`,
    accessed: ctx.today,
  };
}

/** The profile JSON's `cite`: the official source, this site's permalink and every format. */
export function profileCite(p: ProfileView, ctx: CiteContext) {
  const x = citeInputOf(p, ctx);
  if (!x) return null;
  const c = x.citation;
  return { official: c.official, howWeKnow: c.howWeKnow, document: c.document, section: x.section, permalink: x.pageUrl, accessed: x.accessed, ...citeAll(x) };
}

/** The "Cite this" section. */
export function citeThisSection(p: ProfileView, ctx: CiteContext): Html | string {
  const x = citeInputOf(p, ctx);
  if (!x) return '';
  const f = citeAll(x);
  const block = (id: string, title: string, text: string) =>
    html`<h3 id="${id}-h">${title} <button type="button" class="copy" data-copy="${id}" hidden>Copy</button></h3>
<pre class="citation" id="${id}" tabindex="0" aria-labelledby="${id}-h">${text}</pre>`;
  return html`<section aria-labelledby="cite-h" class="cite-this" id="cite">
<h2 id="cite-h">Cite this</h2>
<p class="muted">The ${x.reportYear} ${x.section} of ${p.country.name}: the publisher’s report first, with its address; this page’s permalink is <a href="${x.pageUrl}">${x.pageUrl}</a>.</p>
${block('cite-text', 'Reference', f.plain)}
${block('cite-bib', 'BibTeX', f.bibtex)}
<details><summary>CSL-JSON and RIS (Zotero, Mendeley, EndNote)</summary>
${block('cite-csl', 'CSL-JSON', f.cslJson)}
${block('cite-ris', 'RIS', f.ris)}
</details>
</section>`;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/** The versions held of the narrative shown, and why this one is shown; nothing when only one is held. */
export function versionsSection(p: ProfileView): Html | string {
  const v = p.versions;
  if (!v || v.versions.length < 2) return '';
  return html`<section aria-labelledby="versions-h" id="versions">
<h2 id="versions-h">Versions held</h2>
<p class="muted">${v.versions.length} documents hold the ${p.assessment?.reportYear ?? ''} narrative of ${p.country.name}; ${v.rule}.</p>
<ul class="versions">${v.versions.map(
    (d) =>
      html`<li>${d.shown ? html`<strong>Shown:</strong> ` : 'Also held: '}${d.publicUrl ? linkIfUrl(d.publicUrl) : html`imported document ${d.documentId} (no public address)`} — ${plural(d.recommendations, 'recommendation')}, ${plural(d.sections, 'section')}${
        d.cutShort && !d.whyNotShown ? ', cut short' : ''
      }${d.publisherPage ? ', the publisher’s own page' : ''}${d.whyNotShown ? html` <span class="muted">(not shown: ${d.whyNotShown})</span>` : ''}</li>`,
  )}</ul>
</section>`;
}
