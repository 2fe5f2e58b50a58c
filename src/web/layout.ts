import type { Tier } from '../domain/index.js';
import { TIER_CODES } from '../domain/index.js';
import { Html, escapeHtml, html, raw } from './html.js';
import { finderForm } from './finder.js';

export type Section = 'home' | 'countries' | 'years' | 'compare' | 'search' | 'data' | 'api';

const NAV: [Section, string, string][] = [
  ['home', '/', 'Map'],
  ['countries', '/countries', 'Countries'],
  ['years', '/years', 'Report years'],
  ['compare', '/compare', 'Compare'],
  ['search', '/search', 'Search'],
  ['data', '/data', 'Data'],
  ['api', '/api', 'API'],
];

export interface PageOptions {
  title: string;
  body: Html;
  jsonHref?: string;
  feedHref?: string;
  description?: string;
  section?: Section;
  /** The finder's query, shown in the header's box (`/countries?q=`). */
  query?: string;
}

/**
 * Markers the app fills in per response (app.ts, `decoratePage`): the canonical and og:url links (only with a
 * configured public address: both must be absolute) and the footer's "data updated" line (the store's, which a
 * page's renderer does not see). A page rendered without the app keeps them as harmless comments.
 */
export const HEAD_MARK = '<!--tip-atlas:head-->';
export const UPDATED_MARK = '<!--tip-atlas:updated-->';

const DEFAULT_DESCRIPTION = 'The U.S. Trafficking in Persons Report, country by country, as cited facts.';

/** The brand mark: a small globe over the four tier colours (the favicon's drawing), decorative. */
const BRAND_MARK = raw(
  '<svg class="brand-mark" width="28" height="28" viewBox="0 0 32 32" aria-hidden="true" focusable="false"><rect width="32" height="32" rx="6" fill="#12263f"/><circle cx="16" cy="16" r="10.5" fill="none" stroke="#9fc3ea" stroke-width="2"/><path d="M16 5.5c-4 3-4 18 0 21M16 5.5c4 3 4 18 0 21M5.5 16h21" fill="none" stroke="#9fc3ea" stroke-width="1.5"/><rect x="6" y="22" width="5" height="5" fill="#1a7f37"/><rect x="11" y="22" width="5" height="5" fill="#d9a400"/><rect x="16" y="22" width="5" height="5" fill="#e8701a"/><rect x="21" y="22" width="5" height="5" fill="#b3261e"/></svg>',
);

export function page(opts: PageOptions): string {
  const description = opts.description ?? DEFAULT_DESCRIPTION;
  return labelStackedTables(html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${opts.title} · TIP Atlas</title>
<meta name="description" content="${description}">
<meta property="og:type" content="website">
<meta property="og:site_name" content="TIP Atlas">
<meta property="og:title" content="${opts.title}">
<meta property="og:description" content="${description}">
${raw(HEAD_MARK)}
<meta name="theme-color" content="#12263f">
<link rel="icon" href="/favicon.svg" type="image/svg+xml">
<link rel="stylesheet" href="/assets/style.css">
<script src="/assets/site.js" defer></script>
${opts.jsonHref ? html`<link rel="alternate" type="application/json" href="${opts.jsonHref}">` : ''}
${opts.feedHref ? html`<link rel="alternate" type="application/atom+xml" title="Tier changes" href="${opts.feedHref}">` : ''}
</head>
<body>
<a class="skip" href="#main">Skip to content</a>
<header class="site">
<div class="site-bar">
<a class="brand" href="/">${BRAND_MARK}<span class="brand-name">TIP Atlas</span><span class="brand-tag">Trafficking in Persons Report, country by country</span></a>
${finderForm(opts.query)}
</div>
<nav aria-label="Site" class="site-nav"><ul>${NAV.map(
    ([key, href, label]) => html`<li><a href="${href}"${opts.section === key ? html` aria-current="page"` : ''}>${label}</a></li>`,
  )}</ul></nav>
</header>
<main id="main" tabindex="-1">
${opts.body}
</main>
<footer class="site">
<div class="footer-in">
<p><strong>TIP Atlas</strong> — tier placements and narratives of the U.S. Department of State’s annual Trafficking in Persons Report.
Every fact names its source; shipped tier facts are compiled from public datasets and pages (see <a href="/data">Data</a>).</p>
<p class="updated">${raw(UPDATED_MARK)}</p>
<ul class="footer-links"><li><a href="/data">Downloads</a></li><li><a href="/api">API</a></li>${opts.jsonHref ? html`<li><a href="${opts.jsonHref}">This page as JSON</a></li>` : ''}${
    opts.feedHref ? html`<li><a href="${opts.feedHref}">Atom feed of tier changes</a></li>` : ''
  }</ul>
</div>
</footer>
</body>
</html>
`.value);
}

/**
 * A fact's source, folded: a "Source" disclosure that opens to the citation (the official report, then how we
 * know it). `id` keeps a permalink target (`#tier`) on the block.
 */
export function sourceDetails(content: Html, opts: { id?: string; label?: string; open?: boolean } = {}): Html {
  return html`<details class="src"${opts.id ? html` id="${opts.id}"` : ''}${opts.open ? html` open` : ''}><summary>${opts.label ?? 'Source'}</summary><div class="src-body">${content}</div></details>`;
}

/**
 * A chart wider than a phone: it scrolls sideways inside its box and opens scrolled to its right end, the latest
 * years (a right-to-left scroll box starts at its right edge; the chart inside stays left-to-right), with a hint
 * that shows only where the chart does not fit.
 */
export function chartScroller(label: string, chart: Html): Html {
  return html`<div class="chart-scroll" tabindex="0" role="region" aria-label="${label} (scrolls sideways; opens on the latest years)"><div class="chart-inner">${chart}</div></div>
<p class="scroll-hint" aria-hidden="true">← Latest years shown: scroll the chart for earlier ones</p>`;
}

/**
 * Tables marked `stack` become stacked rows on narrow screens (CSS): each cell then shows its column's heading
 * before it, from a `data-label` written here from the table's `<thead>` (column spans counted), so that page
 * code need not repeat the headings on every cell. Only the site's own markup passes through here.
 */
export function labelStackedTables(markup: string): string {
  let out = '';
  let at = 0;
  for (;;) {
    const open = markup.indexOf('<table class="', at);
    if (open === -1) break;
    const classEnd = markup.indexOf('"', open + 14);
    const close = markup.indexOf('</table>', classEnd);
    if (close === -1) break;
    const classes = markup.slice(open + 14, classEnd).split(' ');
    // `stack-css`: a long table whose stacked labels the stylesheet writes per column (page weight).
    if (!classes.includes('stack') || classes.includes('stack-css')) {
      out += markup.slice(at, close);
      at = close;
      continue;
    }
    out += markup.slice(at, open) + labelTable(markup.slice(open, close));
    at = close;
  }
  return out + markup.slice(at);
}

const TAGS = /<[^>]*>/g;
const ENTITIES: Record<string, string> = { '&amp;': '&', '&lt;': '<', '&gt;': '>', '&quot;': '"', '&#39;': "'" };
const unescapeHtml = (s: string) => s.replace(/&(?:amp|lt|gt|quot|#39);/g, (e) => ENTITIES[e]!);

function labelTable(table: string): string {
  const headStart = table.indexOf('<thead>');
  const headEnd = table.indexOf('</thead>');
  if (headStart === -1 || headEnd === -1) return table;
  const labels: string[] = [];
  for (const cell of table.slice(headStart, headEnd).split(/<th(?=[\s>])/).slice(1)) {
    const text = unescapeHtml(cell.slice(cell.indexOf('>') + 1).replace(TAGS, ''))
      .replace(/[▲▼]/g, '')
      .replace(/\s+/g, ' ')
      .trim();
    const span = Number(/^[^>]*colspan="(\d+)"/.exec(cell)?.[1] ?? 1);
    for (let i = 0; i < span; i++) labels.push(text);
  }
  const body = table.slice(headEnd);
  const rows = body.split('<tr').map((row, r) => {
    if (r === 0) return row;
    let col = 0;
    return row.replace(/<(td|th)(\s[^>]*)?>/g, (tag: string, _name: string, attrs: string | undefined) => {
      const a = attrs ?? '';
      const span = Number(/colspan="(\d+)"/.exec(a)?.[1] ?? 1);
      const label = labels[col] ?? '';
      col += span;
      if (a.includes('data-label=') || label === '') return tag;
      return `${tag.slice(0, -1)} data-label="${escapeHtml(label)}">`;
    });
  });
  return table.slice(0, headEnd) + rows.join('<tr');
}

/** A tier badge: the tier in words, coloured (and for Special Case and "not known", dashed) as an extra cue only. */
export function tierBadge(tier: Tier | null | undefined, asterisk = false, emptyText = 'not known'): Html {
  if (!tier) return html`<span class="tier tier-none">${emptyText}</span>`;
  return html`<span class="tier tier-${TIER_CODES[tier]}">${tier}${asterisk ? '*' : ''}</span>`;
}

/** Text for screen readers only. */
export function srOnly(text: string): Html {
  return html`<span class="sr-only">${text}</span>`;
}

/**
 * Numbered sources of the facts on a page, shown as `[n]` next to each fact and listed at the end: every fact
 * keeps its source without repeating long URLs on every row.
 */
export class SourceNotes {
  private readonly numbers = new Map<string, number>();
  private readonly list: { text: string; origin: string; count: number }[] = [];

  ref(source: string, origin: 'shipped' | 'imported'): Html {
    const key = `${origin} ${source}`;
    let n = this.numbers.get(key);
    if (n === undefined) {
      n = this.list.length + 1;
      this.numbers.set(key, n);
      this.list.push({ text: source, origin, count: 0 });
    }
    this.list[n - 1]!.count++;
    return html`<a class="srcref" href="#src-${n}" aria-label="source ${n}">[${n}]</a>`;
  }

  get size(): number {
    return this.list.length;
  }

  render(heading = 'Sources'): Html {
    if (this.list.length === 0) return html``;
    return html`<section aria-labelledby="sources-h" class="sources">
<h2 id="sources-h">${heading}</h2>
<ol>${this.list.map(
      (s, i) =>
        html`<li id="src-${i + 1}">${s.origin === 'imported' ? 'Imported narrative: ' : 'Shipped tier facts: '}${linkIfUrl(s.text)} <span class="muted">(${s.count} ${s.count === 1 ? 'fact' : 'facts'})</span></li>`,
    )}</ol>
</section>`;
  }
}

/** A source that is a web address becomes a link (rel=nofollow, no referrer); anything else stays text. */
export function linkIfUrl(source: string): Html {
  const url = /^https?:\/\/\S+/.exec(source)?.[0];
  if (!url) return html`${source}`;
  return html`<a href="${url}" rel="nofollow noreferrer" class="ext">${source}</a>`;
}
