/**
 * The site's one stylesheet and one script, served from /assets/ so that the CSP needs no 'unsafe-inline'.
 * The script only enhances (client-side table sorting); every page works without it.
 */
import { ANALYSIS_CSS } from './pages/analysisSections.js';
import { CONTEXT_CSS } from './pages/contextPanels.js';
import { FINDER_JS } from './finder.js';
import { MAP_TIP_CSS, MAP_TIP_JS } from './map/tooltip.js';
import { paletteCss } from './palette.js';

export const STYLE_CSS = `
/* Design tokens. Type: a modular scale (1.2) on a 17px base, system font stacks (no font is downloaded): a humanist
   sans for the interface, a serif for the report's own prose. Colours: ink and paper, one accent for links, and
   the tiers' palette (palette.ts), shared with the map and the timeline. */
:root { ${paletteCss()} --sc:var(--tsc);
  --fg:#1d2433; --muted:#555e6d; --bg:#fff; --wash:#f4f6f9; --line:#dde2e8; --line-strong:#b8c0cc; --link:#0b4f9c; --brand:#12263f; --brand-ink:#e9f1fb;
  --focus:#ffbf47; --note:#fff8e6;
  --sans: system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif;
  --serif: Charter, "Bitstream Charter", "Sitka Text", Cambria, Georgia, serif;
  --step--1: .85rem; --step-0: 1rem; --step-1: 1.2rem; --step-2: 1.44rem; --step-3: 1.73rem; --step-4: 2.07rem;
  --measure: 70ch; --page: 74rem; }
* { box-sizing: border-box; }
html { font: 17px/1.55 var(--sans); color: var(--fg); background: var(--bg); -webkit-text-size-adjust: 100%; }
body { margin: 0; display: flex; flex-direction: column; min-height: 100vh; }
a { color: var(--link); text-underline-offset: .15em; text-decoration-thickness: 1px; }
a:hover { text-decoration-thickness: 2px; }
a:focus-visible, button:focus-visible, summary:focus-visible, select:focus-visible, input:focus-visible, [tabindex]:focus-visible { outline: 3px solid var(--focus); outline-offset: 2px; box-shadow: 0 0 0 5px #1b1b1b; }
.skip { position: absolute; left: -999px; }
.skip:focus { left: 1rem; top: 1rem; background: #fff; padding: .5rem; z-index: 10; }
.sr-only { position: absolute; width: 1px; height: 1px; padding: 0; margin: -1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; border: 0; }

/* Header: the brand and the country finder on a dark band, the sections beneath. */
header.site { background: var(--brand); color: var(--brand-ink); }
.site-bar, .site-nav ul, .footer-in { max-width: var(--page); margin: 0 auto; padding: 0 1.25rem; }
.site-bar { display: flex; align-items: center; justify-content: space-between; gap: .6rem 1.5rem; flex-wrap: wrap; padding-top: .7rem; padding-bottom: .7rem; }
.brand { display: flex; align-items: center; gap: .55rem; color: #fff; text-decoration: none; min-width: 0; }
.brand-mark { flex: none; border-radius: 6px; box-shadow: 0 0 0 1px #3b5575; }
.brand-name { font-weight: 700; font-size: var(--step-1); letter-spacing: .01em; white-space: nowrap; }
.brand-tag { color: #bcd0e6; font-size: var(--step--1); border-left: 1px solid #3b5575; padding-left: .6rem; }
.brand:hover .brand-name { text-decoration: underline; }
header.site a:focus-visible, header.site input:focus-visible, header.site button:focus-visible { box-shadow: 0 0 0 5px #fff; }
form.finder { position: relative; display: flex; align-items: center; gap: .6rem; flex: 0 1 24rem; }
form.finder label { color: var(--brand-ink); font-size: var(--step--1); white-space: nowrap; }
.finder-box { position: relative; display: flex; flex: 1; min-width: 0; }
.finder-box input { flex: 1; min-width: 0; border: 1px solid #fff; border-radius: .3rem 0 0 .3rem; padding: .4rem .6rem; font-size: var(--step-0); }
.finder-box button { border-radius: 0 .3rem .3rem 0; background: #2b6cb0; border-color: #fff; }
ul.finder-list { position: absolute; z-index: 20; top: 100%; left: 0; right: 0; margin: .2rem 0 0; padding: .25rem 0; list-style: none; background: #fff; color: var(--fg); border: 1px solid var(--line-strong); border-radius: .3rem; box-shadow: 0 6px 18px rgba(18,38,63,.18); max-height: 22rem; overflow-y: auto; }
ul.finder-list li { padding: .35rem .7rem; cursor: pointer; }
ul.finder-list li .alias { color: var(--muted); font-size: var(--step--1); }
ul.finder-list li[aria-selected="true"], ul.finder-list li:hover { background: #e3eefb; outline: 2px solid var(--link); outline-offset: -2px; }
.site-nav { background: #0c1b2e; }
.site-nav ul { list-style: none; display: flex; flex-wrap: wrap; gap: 0 .25rem; }
.site-nav a { display: block; color: #dbe7f5; text-decoration: none; padding: .45rem .6rem; border-bottom: 3px solid transparent; font-size: .95rem; }
.site-nav a:hover { color: #fff; border-bottom-color: #5d86b5; }
.site-nav a[aria-current="page"] { color: #fff; font-weight: 600; border-bottom-color: #ffbf47; }
.site-nav li:first-child a { margin-left: -.6rem; }

main { width: 100%; max-width: var(--page); margin: 0 auto; padding: 1rem 1.25rem 2rem; flex: 1; }
main:focus { outline: none; }
footer.site { background: var(--wash); border-top: 1px solid var(--line); color: var(--muted); font-size: var(--step--1); margin-top: 3rem; padding: 1.25rem 0 1.5rem; }
footer.site p { max-width: var(--measure); margin: .3rem 0; }
ul.footer-links { list-style: none; padding: 0; margin: .6rem 0 0; display: flex; flex-wrap: wrap; gap: .25rem 1.25rem; }

/* Type scale and measure. */
h1 { font-size: var(--step-4); line-height: 1.15; margin: 1.25rem 0 .35rem; letter-spacing: -.005em; overflow-wrap: anywhere; }
h2 { font-size: var(--step-2); line-height: 1.25; margin: 2.4rem 0 .6rem; padding-top: .6rem; border-top: 2px solid var(--fg); }
h3 { font-size: var(--step-1); line-height: 1.3; margin: 1.4rem 0 .4rem; }
p { margin: .6rem 0; }
main p, main dd, ol.recs, ul.versions, .lede, details.evidence ol, details.dropped ul { max-width: var(--measure); }
.lede { font-size: var(--step-1); color: #323a48; line-height: 1.5; }
section > p:not([class]), ol.recs li, .compare-col p:not([class]), details[id^="section-"] > p, ol.hits .snippet { font-family: var(--serif); font-size: 1.06rem; line-height: 1.6; }
.meta { color: var(--muted); margin: .25rem 0; }
.crumbs { font-size: var(--step--1); }
.small { font-size: var(--step--1); }
.source, .cite { color: var(--muted); font-size: var(--step--1); overflow-wrap: anywhere; }
.cite.block { display: block; }

/* Sources, folded: one "Source" disclosure per block. */
details.src { border: 0; padding: 0; margin: .35rem 0 .9rem; font-size: var(--step--1); color: var(--muted); }
details.src > summary { display: inline-flex; align-items: center; gap: .3rem; font-weight: 600; color: var(--muted); list-style: none; padding: .05rem .5rem; border: 1px solid var(--line); border-radius: 1rem; background: var(--wash); }
details.src > summary::-webkit-details-marker { display: none; }
details.src > summary::before { content: "i"; font: italic 700 .75rem/1 var(--serif); display: inline-grid; place-items: center; width: 1rem; height: 1rem; border-radius: 50%; background: var(--muted); color: #fff; }
details.src[open] > summary { background: #fff; }
details.src .src-body { margin-top: .35rem; padding: .45rem .7rem; border-left: 3px solid var(--line-strong); max-width: var(--measure); overflow-wrap: anywhere; }
details.src:target .src-body, details.src:target > summary { outline: 3px solid var(--focus); }

/* Tier badges: the tier in words in its ink, beside a bar of the map's fill for it. */
.tier { display: inline-flex; align-items: center; gap: .35rem; padding: 0 .45rem 0 0; border-radius: .25rem; font-weight: 600; font-size: .88em; border: 1px solid currentColor; white-space: nowrap; background: #fff; line-height: 1.55; overflow: hidden; vertical-align: baseline; }
.tier::before { content: ""; align-self: stretch; width: .55rem; background: var(--bar, transparent); }
.tier-1 { color: var(--t1); --bar: var(--t1-fill); } .tier-2 { color: var(--t2); --bar: var(--t2-fill); } .tier-2wl { color: var(--t2wl); --bar: var(--t2wl-fill); border-width: 2px; } .tier-3 { color: var(--t3); --bar: var(--t3-fill); border-width: 2px; } .tier-sc { color: var(--tsc); --bar: var(--tsc-fill); border-style: dashed; } .tier-none { color: var(--muted); border-style: dotted; font-weight: 400; padding-left: .45rem; } .tier-none::before { display: none; }
ol.recs { padding-left: 1.6rem; }
ol.recs li { margin-bottom: .8rem; padding-left: .2rem; }
ol.recs li::marker { font-family: var(--sans); font-weight: 700; color: var(--muted); }

/* Tables. */
table { border-collapse: collapse; width: 100%; font-size: .95rem; font-variant-numeric: tabular-nums; }
caption { text-align: left; padding: .25rem 0 .5rem; }
th, td { text-align: left; padding: .4rem .55rem; border-bottom: 1px solid var(--line); vertical-align: top; }
thead th { font-weight: 600; font-size: var(--step--1); color: #323a48; border-bottom: 2px solid var(--line-strong); }
th { font-weight: 600; }
th a { text-decoration: none; }
th a:hover { text-decoration: underline; }
tbody tr:hover { background: #f8fafc; }
td.num, th.num { text-align: right; }

.warnings { border-left: 4px solid var(--t2wl); background: #fff8f0; padding: .5rem 1rem; margin: 1rem 0; }
.warnings li { margin: .3rem 0; }
.warnings-note { border-left: 4px solid var(--t2wl); background: #fff8f0; padding: .3rem .6rem; font-size: .9rem; }
.notice { border-left: 4px solid var(--t2wl); background: var(--note); padding: .6rem 1rem; border-radius: 0 .3rem .3rem 0; }
.notice.ok { border-left-color: var(--t1); background: #f1f8f3; }
details { border: 1px solid var(--line); border-radius: .3rem; padding: .5rem .75rem; margin: .5rem 0; }
summary { cursor: pointer; font-weight: 600; }
.years { margin: .75rem 0; }
.years ul { display: inline; list-style: none; padding: 0; margin: 0; }
.years li { display: inline-block; margin: 0 .2rem .3rem 0; }
.years li a { display: inline-block; padding: .05rem .35rem; border-radius: .25rem; }
.years a[aria-current="page"] { font-weight: 700; color: #fff; background: var(--brand); text-decoration: none; }
.nar { color: var(--muted); }
.muted { color: var(--muted); }
form.inline-form, form.filters { display: flex; flex-wrap: wrap; gap: .5rem 1rem; align-items: end; margin: 1rem 0; }
form.inline-form p { flex-basis: 100%; margin: 0; }
form.filters { background: var(--wash); padding: .75rem 1rem; border-radius: .4rem; }
form.filters > div { display: flex; flex-direction: column; }
form.filters .buttons { flex-direction: row; gap: .75rem; align-items: center; }
label { font-weight: 600; font-size: .9rem; }
select, input, button { font: inherit; font-size: .95rem; padding: .35rem .55rem; border: 1px solid #767676; border-radius: .3rem; background: #fff; color: var(--fg); max-width: 100%; }
button { background: var(--link); color: #fff; border-color: var(--link); cursor: pointer; padding: .35rem .9rem; font-weight: 600; }
button:hover { background: #083d79; }

/* The map and its legends. */
.map-layout { display: block; }
figure.map { margin: 0; }
svg.world-map { width: 100%; height: auto; display: block; background: #eef3f8; border: 1px solid var(--line); border-radius: .4rem; }
svg.world-map path { stroke: #fff; stroke-width: .5; }
svg.world-map path.m-none { stroke: #fff; }
svg.world-map path.m-absent { stroke: #9a9a9a; stroke-width: .6; }
svg.world-map a:hover path, svg.world-map a:focus path { stroke: #000; stroke-width: 1.6; }
svg.world-map a:focus { outline: none; }
svg.world-map a:focus-visible path { stroke: #000; stroke-width: 2.5; }
ul.legend { list-style: none; padding: 0; margin: .6rem 0; display: flex; flex-wrap: wrap; gap: .3rem 1.1rem; font-size: .9rem; }
ul.legend li { display: flex; align-items: center; gap: .35rem; }
svg.swatch { flex: none; }
.small-states ul { list-style: none; padding: 0; margin: 0; font-size: .9rem; columns: 4 14rem; column-gap: 1.5rem; }
.small-states li { margin: .15rem 0; break-inside: avoid; }
.moves-grid, .compare-grid { display: grid; grid-template-columns: repeat(auto-fit, minmax(15rem, 1fr)); gap: 0 1.5rem; }
.moves ul { padding-left: 1.1rem; }
.moves li { margin: .25rem 0; }
.count { color: var(--muted); font-weight: 400; font-size: .9em; }
/* Small links beside a fact (its numbered source, the official report) keep a 24px target (WCAG 2.5.8). */
.srcref { font-size: .75rem; text-decoration: none; display: inline-block; min-width: 24px; min-height: 24px; line-height: 24px; text-align: center; vertical-align: baseline; }
.official-ref { font-size: .75rem; display: inline-block; min-width: 24px; min-height: 24px; line-height: 24px; text-align: center; }
.sources ol { font-size: .85rem; color: var(--muted); overflow-wrap: anywhere; }
.sources li { margin: .2rem 0; }
.scroll { overflow-x: auto; max-width: 100%; margin: .5rem 0; }

/* Charts wider than the screen open on the latest years (chartScroller in layout.ts). */
.chart-scroll { overflow-x: auto; max-width: 100%; margin: .5rem 0; direction: rtl; }
.chart-inner { direction: ltr; width: max-content; min-width: 100%; }
.scroll-hint { display: none; font-size: var(--step--1); color: var(--muted); margin: 0 0 .5rem; }
svg.timeline { display: block; width: 100%; min-width: 50rem; max-width: 64rem; height: auto; }
svg.timeline text { font: 11px var(--sans); fill: #333; }
svg.timeline .tl-row { font-size: 11px; fill: #333; }
svg.timeline .tl-year { font-size: 10px; fill: #444; }
svg.timeline .tl-note { font-size: 12px; fill: #555; }
svg.timeline .tl-up { fill: var(--t1); font-size: 10px; }
svg.timeline .tl-down { fill: var(--t3); font-size: 10px; }
ul.tl-legend { font-size: .85rem; }
.tier-section h2 { display: flex; align-items: center; gap: .6rem; flex-wrap: wrap; }
.tier-section h2 .tier { font-size: 1rem; }
/* A grid, not balanced CSS columns: re-laying out the year page's ~190 entries takes about a fifth less (README, Lighthouse). */
ul.tier-list { list-style: none; padding: 0; display: grid; grid-template-columns: repeat(auto-fill, minmax(14rem, 1fr)); column-gap: 1.5rem; }
ul.tier-list li { padding: .1rem 0; }
.chg { display: inline-block; min-width: 1.1em; text-align: center; font-weight: 700; }
.chg-up { color: var(--t1); } .chg-down { color: var(--t3); } .chg-same { color: var(--muted); } .chg-other { color: var(--tsc); }
table.counts { width: auto; min-width: 18rem; }
table.counts td { text-align: right; }
tr.total th, tr.total td { border-top: 2px solid var(--line); }
.pager { display: flex; gap: 1rem; flex-wrap: wrap; margin: .5rem 0; }
button.copy { font: inherit; font-size: .8rem; margin-left: .5rem; padding: .1rem .5rem; border: 1px solid var(--line); border-radius: .3rem; background: #fff; color: var(--link); border-color: var(--link); cursor: pointer; vertical-align: middle; }
.how { color: var(--muted); }
.how.block { display: block; }
a.permalink { color: var(--muted); text-decoration: none; margin-left: .25rem; }
ul.versions { padding-left: 1.2rem; }
pre.citation, pre.example { white-space: pre-wrap; overflow-wrap: anywhere; background: var(--wash); border: 1px solid var(--line); padding: .6rem .8rem; font-size: .85rem; border-radius: .3rem; }
.compare-latest { list-style: none; padding: 0; display: grid; grid-template-columns: repeat(auto-fit, minmax(15rem, 1fr)); gap: 0 1.5rem; }
.compare-latest h3 { display: flex; gap: .5rem; align-items: baseline; flex-wrap: wrap; margin: .6rem 0 .2rem; }
svg.compare-chart { width: auto; min-width: 0; max-width: none; }
svg.compare-chart .cmp-label { font-size: 12px; font-weight: 700; }
.compare-col { border-top: 3px solid var(--line); padding-top: .25rem; }
ul.downloads li { margin: .6rem 0; }
ul.finder-results { list-style: none; padding: 0; columns: 2 18rem; column-gap: 2rem; }
ul.finder-results li { break-inside: avoid; padding: .3rem 0; border-bottom: 1px solid var(--line); }
.endpoint { border-top: 1px solid var(--line); padding-top: .25rem; }
.endpoint h3 code { font-size: 1rem; overflow-wrap: anywhere; }
.method { font-size: .75rem; background: #0b4f9c; color: #fff; padding: .05rem .35rem; border-radius: .2rem; }
code { font-size: .92em; overflow-wrap: break-word; }
a.ext, ul.versions li, .src-body { overflow-wrap: anywhere; }

/* Wide charts only: the hint, when the chart is wider than its box. */
@media (max-width: 56rem) { .scroll-hint { display: block; } }
@media (max-width: 48rem) { .brand-tag { display: none; } form.finder { flex: 1 1 100%; } }

/* Phones (below 600px): stacked table rows, a tighter scale. */
@media (max-width: 37.49rem) {
  html { font-size: 16px; }
  :root { --step-1: 1.12rem; --step-2: 1.3rem; --step-3: 1.45rem; --step-4: 1.6rem; }
  main { padding: .75rem .85rem 1.5rem; }
  .site-bar, .site-nav ul, .footer-in { padding-left: .85rem; padding-right: .85rem; }
  form.finder label { display: none; }
  .site-nav a { padding: .4rem .45rem; font-size: .9rem; }
  .site-nav li:first-child a { margin-left: -.45rem; }
  th, td { padding: .3rem .25rem; }
  .hide-narrow { display: none; }
  ul.tier-list { grid-template-columns: repeat(auto-fill, minmax(9rem, 1fr)); }
  table.stack, table.stack tbody, table.stack tr, table.stack td, table.stack tbody th { display: block; width: auto; }
  table.stack { min-width: 0; }
  table.stack caption { display: block; }
  table.stack thead { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); }
  table.stack tr { border-bottom: 1px solid var(--line-strong); padding: .45rem 0; }
  table.stack td, table.stack tbody th { border: 0; padding: .1rem 0; overflow-wrap: anywhere; text-align: left; }
  table.stack tbody th[scope="row"] { font-size: 1.02rem; padding-bottom: .2rem; }
  table.stack td[data-label]::before { content: attr(data-label) ": "; font-weight: 600; color: var(--muted); font-size: var(--step--1); }
  table.stack td.empty { display: none; }
  #countries td:first-child { font-weight: 600; }
  #countries td:nth-child(2) { display: flex; flex-wrap: wrap; align-items: center; gap: .3rem; }
  #countries td:nth-child(3)::before { content: "Report year: "; font-weight: 600; color: var(--muted); font-size: var(--step--1); }
  table.stack td.num { text-align: left; }
  table.history thead { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); }
  table.history tr { display: grid; grid-template-columns: 3.2rem 1fr; border-bottom: 1px solid var(--line); padding: .3rem 0; }
  table.history td { border: 0; padding: .1rem .25rem; }
  table.history td:nth-child(3) { grid-column: 2; } }
` + ANALYSIS_CSS + CONTEXT_CSS + MAP_TIP_CSS;

/** Client-side sorting of tables marked `sortable` (the header links sort on the server without JS). */
export const SITE_JS = `'use strict';
document.addEventListener('click', function (ev) {
  var a = ev.target instanceof Element ? ev.target.closest('table.sortable th[data-sort] a') : null;
  if (!a || ev.button !== 0 || ev.metaKey || ev.ctrlKey || ev.shiftKey) return;
  var th = a.closest('th');
  var table = th.closest('table');
  var index = Array.prototype.indexOf.call(th.parentNode.children, th);
  var ascending = th.getAttribute('aria-sort') !== 'ascending';
  var body = table.tBodies[0];
  var rows = Array.prototype.slice.call(body.rows);
  function key(row) {
    var cell = row.cells[index];
    return cell ? (cell.getAttribute('data-value') || cell.textContent || '') : '';
  }
  rows.sort(function (r1, r2) {
    var k1 = key(r1), k2 = key(r2);
    var n1 = Number(k1), n2 = Number(k2);
    var c = (!isNaN(n1) && !isNaN(n2) && k1 !== '' && k2 !== '') ? n1 - n2 : k1.localeCompare(k2);
    c = ascending ? c : -c;
    return c !== 0 ? c : (r1.cells[0].textContent || '').localeCompare(r2.cells[0].textContent || '');
  });
  rows.forEach(function (r) { body.appendChild(r); });
  Array.prototype.forEach.call(th.parentNode.children, function (h) { h.removeAttribute('aria-sort'); });
  th.setAttribute('aria-sort', ascending ? 'ascending' : 'descending');
  ev.preventDefault();
});
// "Cite this": copy buttons, shown only where the clipboard can be written (without them the text stays selectable).
if (navigator.clipboard) {
  Array.prototype.forEach.call(document.querySelectorAll('button.copy[data-copy]'), function (b) { b.hidden = false; });
}
document.addEventListener('click', function (ev) {
  var b = ev.target instanceof Element ? ev.target.closest('button.copy[data-copy]') : null;
  var target = b ? document.getElementById(b.getAttribute('data-copy')) : null;
  if (!b || !target || !navigator.clipboard) return;
  navigator.clipboard.writeText(target.textContent || '').then(function () {
    b.textContent = 'Copied';
    setTimeout(function () { b.textContent = 'Copy'; }, 2000);
  }, function () { b.textContent = 'Select the text to copy'; });
});
` + FINDER_JS + MAP_TIP_JS;
