/**
 * The site's one stylesheet and one script, served from /assets/ so that the CSP needs no 'unsafe-inline'.
 * The script only enhances (client-side table sorting); every page works without it.
 */
import { ANALYSIS_CSS } from './pages/analysisSections.js';
import { CONTEXT_CSS } from './pages/contextPanels.js';

export const STYLE_CSS = `
:root { --fg:#1b1b1b; --muted:#595959; --bg:#fff; --line:#d6d6d6; --link:#0b4f9c; --t1:#1a7f37; --t2:#8a5c00; --t2wl:#b54700; --t3:#b3261e; --sc:#5a4fcf; --focus:#ffbf47; --note:#fff8e6; }
* { box-sizing: border-box; }
html { font: 17px/1.55 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--fg); background: var(--bg); -webkit-text-size-adjust: 100%; }
body { margin: 0; }
a { color: var(--link); }
a:focus-visible, button:focus-visible, summary:focus-visible, select:focus-visible, input:focus-visible, [tabindex]:focus-visible { outline: 3px solid var(--focus); outline-offset: 2px; box-shadow: 0 0 0 5px #1b1b1b; }
.skip { position: absolute; left: -999px; }
.skip:focus { left: 1rem; top: 1rem; background: #fff; padding: .5rem; z-index: 10; }
.sr-only { position: absolute; width: 1px; height: 1px; padding: 0; margin: -1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; border: 0; }
header.site, footer.site { padding: .6rem 1.25rem; border-bottom: 1px solid var(--line); display: flex; gap: .5rem 1.5rem; align-items: baseline; flex-wrap: wrap; }
footer.site { border-top: 1px solid var(--line); border-bottom: 0; color: var(--muted); font-size: .85rem; margin-top: 3rem; }
.brand { font-weight: 700; text-decoration: none; color: var(--fg); font-size: 1.15rem; }
nav ul { list-style: none; margin: 0; padding: 0; display: flex; flex-wrap: wrap; gap: .25rem 1rem; }
nav a[aria-current="page"] { font-weight: 700; text-decoration-thickness: 3px; }
main { max-width: 72rem; margin: 0 auto; padding: 1rem 1.25rem; }
main:focus { outline: none; }
h1 { font-size: 1.9rem; line-height: 1.2; margin: 1rem 0 .25rem; letter-spacing: .01em; overflow-wrap: anywhere; }
h2 { font-size: 1.3rem; margin-top: 2rem; border-bottom: 1px solid var(--line); padding-bottom: .2rem; }
h3 { font-size: 1.05rem; margin: 1.2rem 0 .4rem; }
.lede { max-width: 48rem; }
.meta { color: var(--muted); margin: .25rem 0; }
.small { font-size: .85rem; }
.source, .cite { color: var(--muted); font-size: .85rem; overflow-wrap: anywhere; }
.cite.block { display: block; }
.tier { display: inline-block; padding: 0 .45rem; border-radius: .3rem; font-weight: 600; font-size: .88em; border: 2px solid currentColor; white-space: nowrap; background: #fff; line-height: 1.5; }
.tier-1 { color: var(--t1); } .tier-2 { color: var(--t2); } .tier-2wl { color: var(--t2wl); border-style: double; border-width: 3px; } .tier-3 { color: var(--t3); border-width: 3px; } .tier-sc { color: var(--sc); border-style: dashed; } .tier-none { color: var(--muted); border-style: dotted; font-weight: 400; }
ol.recs li { margin-bottom: .6rem; }
table { border-collapse: collapse; width: 100%; font-size: .95rem; }
caption { text-align: left; padding: .25rem 0; }
th, td { text-align: left; padding: .35rem .5rem; border-bottom: 1px solid var(--line); vertical-align: top; }
th { font-weight: 600; }
th a { text-decoration: none; }
th a:hover { text-decoration: underline; }
td.num, th.num { text-align: right; }
.warnings { border-left: 4px solid var(--t2wl); background: #fff8f0; padding: .5rem 1rem; margin: 1rem 0; }
.warnings li { margin: .3rem 0; }
.warnings-note { border-left: 4px solid var(--t2wl); background: #fff8f0; padding: .3rem .6rem; font-size: .9rem; }
.notice { border-left: 4px solid var(--t2wl); background: var(--note); padding: .5rem 1rem; }
.notice.ok { border-left-color: var(--t1); background: #f1f8f3; }
details { border: 1px solid var(--line); border-radius: .3rem; padding: .5rem .75rem; margin: .5rem 0; }
summary { cursor: pointer; font-weight: 600; }
.years { margin: .5rem 0; }
.years ul { display: inline; list-style: none; padding: 0; margin: 0; }
.years li { display: inline-block; margin-right: .55rem; }
.years a[aria-current="page"] { font-weight: 700; color: var(--fg); }
.nar { color: var(--muted); }
.muted { color: var(--muted); }
form.inline-form, form.filters { display: flex; flex-wrap: wrap; gap: .5rem 1rem; align-items: end; margin: 1rem 0; }
form.inline-form p { flex-basis: 100%; margin: 0; }
form.filters > div { display: flex; flex-direction: column; }
form.filters .buttons { flex-direction: row; gap: .75rem; align-items: center; }
label { font-weight: 600; font-size: .9rem; }
select, input, button { font: inherit; font-size: .95rem; padding: .3rem .5rem; border: 1px solid #767676; border-radius: .25rem; background: #fff; color: var(--fg); max-width: 100%; }
button { background: var(--link); color: #fff; border-color: var(--link); cursor: pointer; padding: .3rem .9rem; }
.map-layout { display: block; }
figure.map { margin: 0; }
svg.world-map { width: 100%; height: auto; display: block; background: #f3f7fb; border: 1px solid var(--line); border-radius: .3rem; }
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
.srcref { font-size: .75rem; vertical-align: super; text-decoration: none; margin-left: .1rem; }
.official-ref { font-size: .75rem; margin-left: .15rem; }
.sources ol { font-size: .85rem; color: var(--muted); overflow-wrap: anywhere; }
.sources li { margin: .2rem 0; }
.scroll { overflow-x: auto; max-width: 100%; margin: .5rem 0; }
svg.timeline { display: block; width: 100%; min-width: 50rem; max-width: 64rem; height: auto; }
svg.timeline text { font: 11px system-ui, sans-serif; fill: #333; }
svg.timeline .tl-row { font-size: 11px; fill: #333; }
svg.timeline .tl-year { font-size: 10px; fill: #444; }
svg.timeline .tl-note { font-size: 12px; fill: #555; }
svg.timeline .tl-up { fill: var(--t1); font-size: 10px; }
svg.timeline .tl-down { fill: var(--t3); font-size: 10px; }
ul.tl-legend { font-size: .85rem; }
.tier-section h2 { display: flex; align-items: center; gap: .6rem; flex-wrap: wrap; }
.tier-section h2 .tier { font-size: 1rem; }
ul.tier-list { list-style: none; padding: 0; columns: 3 14rem; column-gap: 1.5rem; }
ul.tier-list li { break-inside: avoid; padding: .1rem 0; }
.chg { display: inline-block; min-width: 1.1em; text-align: center; font-weight: 700; }
.chg-up { color: var(--t1); } .chg-down { color: var(--t3); } .chg-same { color: var(--muted); } .chg-other { color: var(--sc); }
table.counts { width: auto; min-width: 18rem; }
table.counts td { text-align: right; }
tr.total th, tr.total td { border-top: 2px solid var(--line); }
.pager { display: flex; gap: 1rem; flex-wrap: wrap; margin: .5rem 0; }
button.copy { font: inherit; font-size: .8rem; margin-left: .5rem; padding: .1rem .5rem; border: 1px solid var(--line); border-radius: .3rem; background: #fff; color: var(--link); border-color: var(--link); cursor: pointer; vertical-align: middle; }
.how { color: var(--muted); }
.how.block { display: block; }
a.permalink { color: var(--muted); text-decoration: none; margin-left: .25rem; }
ul.versions { padding-left: 1.2rem; }
pre.citation, pre.example { white-space: pre-wrap; overflow-wrap: anywhere; background: #f6f6f6; border: 1px solid var(--line); padding: .6rem .8rem; font-size: .85rem; border-radius: .3rem; }
.compare-row { margin-bottom: 1rem; }
.compare-row h3 { display: flex; gap: .5rem; align-items: baseline; flex-wrap: wrap; }
.compare-col { border-top: 3px solid var(--line); padding-top: .25rem; }
ul.downloads li { margin: .6rem 0; }
.endpoint { border-top: 1px solid var(--line); padding-top: .25rem; }
.endpoint h3 code { font-size: 1rem; overflow-wrap: anywhere; }
.method { font-size: .75rem; background: #0b4f9c; color: #fff; padding: .05rem .35rem; border-radius: .2rem; }
code { font-size: .92em; overflow-wrap: break-word; }
@media (max-width: 40rem) { html { font-size: 16px; } main { padding: .75rem .85rem; } h1 { font-size: 1.45rem; } th, td { padding: .3rem .25rem; } .hide-narrow { display: none; } header.site { padding: .5rem .85rem; } ul.tier-list { columns: 2 9rem; }
  table.history thead { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); }
  table.history tr { display: grid; grid-template-columns: 3.2rem 1fr; border-bottom: 1px solid var(--line); padding: .3rem 0; }
  table.history td { border: 0; padding: .1rem .25rem; }
  table.history td:nth-child(3) { grid-column: 2; } }
` + ANALYSIS_CSS + CONTEXT_CSS;

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
`;
