import type { Tier } from '../domain/index.js';
import { TIER_CODES } from '../domain/index.js';
import { Html, html } from './html.js';

export function page(opts: { title: string; body: Html; jsonHref?: string; description?: string }): string {
  return html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${opts.title} · TIP Atlas</title>
<meta name="description" content="${opts.description ?? 'The U.S. Trafficking in Persons Report, country by country, as cited facts.'}">
<link rel="stylesheet" href="/assets/style.css">
${opts.jsonHref ? html`<link rel="alternate" type="application/json" href="${opts.jsonHref}">` : ''}
</head>
<body>
<a class="skip" href="#main">Skip to content</a>
<header class="site">
<a class="brand" href="/">TIP Atlas</a>
<nav aria-label="Site"><a href="/">Countries</a></nav>
</header>
<main id="main">
${opts.body}
</main>
<footer class="site">
<p>Tier placements and narratives of the U.S. Department of State's annual Trafficking in Persons Report.
Every fact names its source; shipped tier facts are compiled from public datasets (see the project's data/SOURCES.md).
${opts.jsonHref ? html`<a href="${opts.jsonHref}">This page as JSON</a>.` : ''}</p>
</footer>
</body>
</html>
`.value;
}

/** A tier badge: the tier in words, coloured as an extra cue only. */
export function tierBadge(tier: Tier | null | undefined, asterisk = false): Html {
  if (!tier) return html`<span class="tier tier-none">not known</span>`;
  return html`<span class="tier tier-${TIER_CODES[tier]}">${tier}${asterisk ? '*' : ''}</span>`;
}
