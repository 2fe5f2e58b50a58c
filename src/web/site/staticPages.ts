/**
 * What a static copy has that the server answers differently: the search page (Pagefind in the browser instead of
 * /search), the compare page's note for readers without JavaScript, a 404 page, robots.txt and sitemap.xml; and
 * the rewriting of a page's site links for a copy served from a subfolder.
 */
import { DOWNLOADS } from '../exports.js';
import { html } from '../html.js';
import { page } from '../layout.js';
import { errorPage } from '../pages/error.js';

/** The search page of a static copy: Pagefind's interface over the exported index; without JavaScript, the downloads. */
export function staticSearchPage(): string {
  const jsonDownloads = DOWNLOADS.filter((d) => d.path.endsWith('.json') || d.path.endsWith('.csv'));
  return page({
    title: 'Search',
    section: 'search',
    description: 'Full-text search of the narratives held, in the browser.',
    body: html`<h1>Search the narratives</h1>
<p class="lede">Summaries, sections and recommendations of every narrative held, filtered by report year, tier, region and section. This copy of the site has no server: the search runs in your browser over an index built when it was exported.</p>
<div id="search" role="search" aria-label="Search the narratives">
<noscript><p class="notice">Searching this copy needs JavaScript, which is off. The same text is in the downloads, to search with any tool:</p>
<ul>${jsonDownloads.map((d) => html`<li><a href="${d.path}">${d.path.replace('/data/', '')}</a></li>`)}</ul>
<p>See <a href="/data">Data</a> for their columns.</p></noscript>
</div>`,
  });
}

/** Inserted at the top of the exported compare page: what works without JavaScript here. */
export function compareNoScript(exported: { url: string; label: string }[]): string {
  return html`<noscript><div class="notice"><p>This copy of the site has no server: without JavaScript it can show only the comparisons exported with it${exported.length ? ':' : ' (none were).'}</p>
${exported.length ? html`<ul>${exported.map((e) => html`<li><a href="${e.url}">${e.label}</a></li>`)}</ul>` : ''}
<p>With JavaScript on, any choice is compared from the exported data of each country.</p></div></noscript>`.value;
}

/** Where the compare page's script draws a comparison the export does not hold (at the end of the page's main). */
export const STATIC_COMPARE_ROOT = '<div id="static-compare" aria-live="polite"></div>\n';

export function notFoundPage(): string {
  return errorPage(404, 'There is no page at this address in this copy of the site.');
}

/**
 * A page or feed's site links (`href="/…"`, `src="/…"`, `action="/…"`) prefixed with a subfolder; links to
 * other sites, anchors and protocol-relative links are left alone.
 */
export function withBasePath(text: string, basePath: string): string {
  if (!basePath) return text;
  return text.replace(/(\s(?:href|src|action)=")\/(?!\/)/g, `$1${basePath}/`);
}

/** Adds elements at the end of a page's head. */
export function addToHead(page: string, markup: string): string {
  const at = page.indexOf('</head>');
  return at === -1 ? page : page.slice(0, at) + markup + page.slice(at);
}

/** Adds markup right before the end of a page's main element. */
export function addToMainEnd(page: string, markup: string): string {
  const at = page.lastIndexOf('</main>');
  return at === -1 ? page : page.slice(0, at) + markup + page.slice(at);
}

/** Adds markup right after the opening of a page's main element. */
export function addToMain(page: string, markup: string): string {
  const m = /<main\b[^>]*>/.exec(page);
  return m ? page.slice(0, m.index + m[0].length) + '\n' + markup + page.slice(m.index + m[0].length) : page;
}
