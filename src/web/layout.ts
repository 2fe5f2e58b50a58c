import type { Tier } from '../domain/index.js';
import { TIER_CODES } from '../domain/index.js';
import { Html, html } from './html.js';

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
}

export function page(opts: PageOptions): string {
  return html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${opts.title} · TIP Atlas</title>
<meta name="description" content="${opts.description ?? 'The U.S. Trafficking in Persons Report, country by country, as cited facts.'}">
<link rel="stylesheet" href="/assets/style.css">
<script src="/assets/site.js" defer></script>
${opts.jsonHref ? html`<link rel="alternate" type="application/json" href="${opts.jsonHref}">` : ''}
${opts.feedHref ? html`<link rel="alternate" type="application/atom+xml" title="Tier changes" href="${opts.feedHref}">` : ''}
</head>
<body>
<a class="skip" href="#main">Skip to content</a>
<header class="site">
<a class="brand" href="/">TIP Atlas</a>
<nav aria-label="Site"><ul>${NAV.map(
    ([key, href, label]) => html`<li><a href="${href}"${opts.section === key ? html` aria-current="page"` : ''}>${label}</a></li>`,
  )}</ul></nav>
</header>
<main id="main" tabindex="-1">
${opts.body}
</main>
<footer class="site">
<p>Tier placements and narratives of the U.S. Department of State's annual Trafficking in Persons Report.
Every fact names its source; shipped tier facts are compiled from public datasets and pages (see <a href="/data">Data</a>).
${opts.jsonHref ? html`<a href="${opts.jsonHref}">This page as JSON</a>.` : ''}
${opts.feedHref ? html`<a href="${opts.feedHref}">Atom feed of tier changes</a>.` : ''}</p>
</footer>
</body>
</html>
`.value;
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
