/**
 * The one script a static copy adds (`/assets/export.js`), on the pages that need it. It only enhances:
 * - an address with a query that the export holds (`/?year=2012`, `/compare?c=TJK,UZB`) on a host that ignores
 *   queries is sent to its copy under `/__q/` (nginx finds those itself: deploy/nginx.conf);
 * - the compare page compares any choice by reading the exported JSON twins of the countries chosen;
 * - the search page runs Pagefind's search interface over the exported index.
 * Every text it shows goes in with textContent: nothing read from JSON becomes markup.
 */

export interface ClientScriptOptions {
  /** The site's subfolder ('' or '/tip-atlas'). */
  basePath: string;
  /** Addresses with a query that the export holds, from the site's root (`/?year=2012`). */
  variants: string[];
  /** The file of each (`__q/year=2012/index.html`). */
  variantFile: (url: string) => string | undefined;
}

export function clientScript(opts: ClientScriptOptions): string {
  const variants: Record<string, string> = {};
  for (const v of opts.variants) {
    const f = opts.variantFile(v);
    if (f) variants[v] = `${opts.basePath}/${f.replace(/index\.html$/, '')}`;
  }
  return `'use strict';
(function () {
  var BASE = ${JSON.stringify(opts.basePath)};
  var VARIANTS = ${JSON.stringify(variants)};
  var here = location.pathname.slice(BASE.length) || '/';
  if (location.search && !document.querySelector('meta[name="tip-atlas-variant"]')) {
    var target = VARIANTS[here + location.search] || VARIANTS[here + decodeURIComponent(location.search)];
    if (target) { location.replace(target + location.hash); return; }
  }
  function el(tag, text, attrs) {
    var e = document.createElement(tag);
    if (text) e.textContent = text;
    for (var k in attrs || {}) e.setAttribute(k, attrs[k]);
    return e;
  }
  function getJson(url) {
    return fetch(BASE + url).then(function (r) {
      if (!r.ok) throw new Error(url + ': ' + r.status);
      return r.json();
    });
  }
  function tierText(p) {
    return p ? p.tier + (p.asterisk ? '*' : '') : 'not known';
  }
  function compare(root, wanted) {
    root.textContent = '';
    var status = el('p', 'Loading ' + wanted.join(', ') + '…', { role: 'status' });
    root.appendChild(status);
    getJson('/countries.json').then(function (list) {
      var byKey = {};
      list.countries.forEach(function (c) { byKey[c.id.toLowerCase()] = c; byKey[c.name.toLowerCase()] = c; });
      var found = [], unknown = [];
      wanted.forEach(function (w) { var c = byKey[w.toLowerCase()]; if (c) { if (found.indexOf(c.id) < 0) found.push(c.id); } else unknown.push(w); });
      if (unknown.length) { status.textContent = 'Unknown countries: ' + unknown.join(', ') + '. Use ISO 3166-1 alpha-3 codes or names as on the Countries page.'; return; }
      if (found.length > ${8}) { status.textContent = 'Up to 8 countries may be compared, not ' + found.length + '.'; return; }
      return Promise.all(found.map(function (id) { return getJson('/countries/' + id + '.json'); })).then(function (profiles) {
        status.textContent = 'Compared in your browser from the exported data of each country.';
        document.title = 'Compare ' + profiles.map(function (p) { return p.country.name; }).join(', ') + ' · TIP Atlas';
        var h = el('h2', 'Tier timelines'); root.appendChild(h);
        profiles.forEach(function (p) {
          var placed = p.timeline.filter(function (e) { return e.status === 'placed'; });
          var latest = placed[placed.length - 1];
          var h3 = el('h3'); h3.appendChild(el('a', p.country.name, { href: BASE + '/countries/' + p.country.id }));
          h3.appendChild(document.createTextNode(' — latest tier: ' + (latest ? tierText(latest.placement) + ' in ' + latest.reportYear : 'not known')));
          root.appendChild(h3);
        });
        // The countries on one axis, in words: one row per country, one column per report year (the server's
        // compare page draws the same as a chart, svg/compareChart.ts).
        var wrap = el('div', '', { class: 'scroll', tabindex: '0', role: 'region', 'aria-label': 'Tier by report year (scrolls sideways)' });
        var table = el('table', '', { class: 'compare-table' }); table.appendChild(el('caption', 'Tier by report year'));
        var head = el('tr'), body = el('tbody');
        head.appendChild(el('th', 'Country', { scope: 'col' }));
        var years = [];
        profiles.forEach(function (p) { p.timeline.forEach(function (e) { if (years.indexOf(e.reportYear) < 0) years.push(e.reportYear); }); });
        years.sort(function (x, y) { return x - y; });
        years.forEach(function (y) { head.appendChild(el('th', String(y), { scope: 'col' })); });
        profiles.forEach(function (p) {
          var row = el('tr'); row.appendChild(el('th', p.country.name, { scope: 'row' }));
          years.forEach(function (y) {
            var e = p.timeline.filter(function (x) { return x.reportYear === y; })[0];
            row.appendChild(el('td', e && e.status === 'placed' ? tierText(e.placement) : e && e.status === 'not-in-report' ? 'not in the report' : 'not known'));
          });
          body.appendChild(row);
        });
        var thead = el('thead'); thead.appendChild(head);
        table.appendChild(thead); table.appendChild(body); wrap.appendChild(table); root.appendChild(wrap);
        root.appendChild(el('h2', 'Latest summaries'));
        var grid = el('div', '', { class: 'compare-grid' });
        profiles.forEach(function (p) {
          var art = el('article', '', { class: 'compare-col' });
          var a = p.assessment;
          art.appendChild(el('h3', p.country.name + (a ? ' — ' + a.reportYear + ' report' : '')));
          if (a && a.summary) a.summary.split(/\\n{2,}/).forEach(function (t) { art.appendChild(el('p', t)); });
          else art.appendChild(el('p', a ? 'No compliance paragraph was found.' : 'No narrative imported.', { class: 'muted' }));
          var cite = a && (a.summaryCite || a.source);
          if (cite) {
            // Folded as the server's pages fold every source (layout.ts sourceDetails).
            var d = el('details', '', { class: 'src' }), c = el('div', '', { class: 'src-body' });
            d.appendChild(el('summary', 'Source'));
            c.appendChild(document.createTextNode('Source: '));
            c.appendChild(cite.official.url ? el('a', cite.official.title, { href: cite.official.url, rel: 'nofollow noreferrer', class: 'ext' }) : document.createTextNode(cite.official.title));
            d.appendChild(c);
            art.appendChild(d);
          }
          grid.appendChild(art);
        });
        root.appendChild(grid);
      });
    }).catch(function (e) { status.textContent = 'Could not load the data: ' + e.message; });
  }
  var params = new URLSearchParams(location.search);
  var compareRoot = document.getElementById('static-compare');
  if (compareRoot && !document.querySelector('svg.timeline')) {
    var c = params.getAll('c').join(',').split(',').map(function (s) { return s.trim(); }).filter(Boolean);
    var input = document.getElementById('compare-c');
    if (input && c.length) input.value = c.join(',');
    if (c.length) {
      // The page's own invitation to choose countries gives way to the comparison.
      var form = document.querySelector('form.inline-form');
      var invite = form && form.nextElementSibling;
      if (invite && invite.tagName === 'P' && invite.textContent.indexOf('Choose countries') === 0) invite.remove();
      compare(compareRoot, c);
    }
  }
  var searchRoot = document.getElementById('search');
  if (searchRoot && typeof window.PagefindUI === 'function') {
    searchRoot.textContent = '';
    var ui = new window.PagefindUI({ element: '#search', bundlePath: BASE + '/pagefind/', showSubResults: false, showImages: false, resetStyles: false, pageSize: 10 });
    var q = params.get('q');
    if (q) ui.triggerSearch(q);
  }
})();
`;
}
