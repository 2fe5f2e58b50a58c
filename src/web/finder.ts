/**
 * The country finder in every page's header: a search form to `/countries?q=` (which lists the countries whose
 * name or an alias matches) that works without JavaScript, enhanced by site.js into a WAI-ARIA 1.2 combobox
 * (a text box with a list box popup: arrow keys move through the suggestions, Enter opens one, Escape closes
 * the list, then clears the box). The suggestions come from `/assets/countries.json`, the registry's names and
 * aliases of the countries the site lists, fetched once when the box is first used.
 */
import { getCountryById, normalizeCountryName } from '../countries/index.js';
import type { Store } from '../store/types.js';
import { html, type Html } from './html.js';

/** The finder form (markup only; site.js adds the combobox roles and the list box). */
export function finderForm(query = ''): Html {
  return html`<form class="finder" role="search" aria-label="Find a country" method="get" action="/countries">
<label for="finder-q">Find a country</label>
<span class="finder-box"><input id="finder-q" name="q" type="search" value="${query}" autocomplete="off" spellcheck="false" placeholder="e.g. Burma, Korea">
<button type="submit">Find</button></span>
</form>`;
}

/** One finder entry: id, name, the aliases, and every spelling's comparison key (the same keys as the server's). */
export type FinderEntry = [id: string, name: string, aliases: string[], keys: string[]];

/** The names the finder suggests: every country the site lists, with its aliases and their keys. */
export function finderEntries(store: Store): FinderEntry[] {
  return store.listCountries().map((c) => {
    const aliases = [...(getCountryById(c.id)?.aliases ?? [])];
    return [c.id, c.name, aliases, [c.name, ...aliases].map(normalizeCountryName)];
  });
}

/**
 * The combobox, appended to site.js. Keys are compared as the server's `normalizeCountryName` does for the common
 * cases (case, accents, apostrophes, punctuation); the form's `/countries?q=` remains the full answer.
 */
export const FINDER_JS = `
(function () {
  var input = document.getElementById('finder-q');
  if (!input || !window.fetch) return;
  var form = input.form;
  var list = document.createElement('ul');
  var status = document.createElement('p');
  var entries = null, loading = null, options = [], active = -1;
  list.id = 'finder-list';
  list.className = 'finder-list';
  list.setAttribute('role', 'listbox');
  list.setAttribute('aria-label', 'Suggested countries');
  list.hidden = true;
  status.className = 'sr-only';
  status.setAttribute('role', 'status');
  input.parentNode.appendChild(list);
  form.appendChild(status);
  input.setAttribute('role', 'combobox');
  input.setAttribute('aria-autocomplete', 'list');
  input.setAttribute('aria-expanded', 'false');
  input.setAttribute('aria-controls', 'finder-list');
  function key(s) {
    return s.normalize('NFKD').replace(/[\\u0300-\\u036f]/g, '').toLowerCase().replace(/['\\u2018\\u2019\`]/g, '')
      .replace(/&/g, ' and ').replace(/[^a-z0-9]+/g, ' ').trim();
  }
  function load() {
    if (!loading) loading = fetch('/assets/countries.json').then(function (r) { return r.json(); }).then(function (d) { entries = d; });
    return loading;
  }
  function matches(q) {
    var found = [], squeezed = q.replace(/ /g, '');
    entries.forEach(function (e) {
      var best = -1, spelling = e[1];
      e[3].forEach(function (k, i) {
        var r = k === q ? 0 : k.indexOf(q) === 0 ? 1 : k.indexOf(' ' + q) >= 0 ? 2 : k.indexOf(q) >= 0 ? 3 : k.replace(/ /g, '').indexOf(squeezed) >= 0 ? 4 : -1;
        if (r >= 0 && (best < 0 || r < best)) { best = r; spelling = i === 0 ? e[1] : e[2][i - 1]; }
      });
      if (best >= 0) found.push({ id: e[0], name: e[1], alias: spelling === e[1] ? '' : spelling, rank: best });
    });
    found.sort(function (a, b) { return a.rank - b.rank || a.name.localeCompare(b.name); });
    return found;
  }
  function close() {
    list.hidden = true;
    input.setAttribute('aria-expanded', 'false');
    input.removeAttribute('aria-activedescendant');
    active = -1;
  }
  function select(i) {
    if (active >= 0 && list.children[active]) list.children[active].setAttribute('aria-selected', 'false');
    active = i;
    var li = list.children[i];
    if (!li) { input.removeAttribute('aria-activedescendant'); return; }
    li.setAttribute('aria-selected', 'true');
    input.setAttribute('aria-activedescendant', li.id);
    li.scrollIntoView({ block: 'nearest' });
  }
  function render() {
    var q = key(input.value);
    list.textContent = '';
    active = -1;
    if (!q || !entries) { close(); status.textContent = ''; return; }
    var all = matches(q);
    options = all.slice(0, 8);
    options.forEach(function (o, i) {
      var li = document.createElement('li');
      li.id = 'finder-opt-' + i;
      li.setAttribute('role', 'option');
      li.setAttribute('aria-selected', 'false');
      li.textContent = o.name;
      if (o.alias) {
        var a = document.createElement('span');
        a.className = 'alias';
        a.textContent = ' (' + o.alias + ')';
        li.appendChild(a);
      }
      li.addEventListener('mousedown', function (ev) { ev.preventDefault(); go(i); });
      list.appendChild(li);
    });
    var open = options.length > 0;
    list.hidden = !open;
    input.setAttribute('aria-expanded', open ? 'true' : 'false');
    status.textContent = all.length === 0 ? 'No country matches; press Enter to search all names.'
      : all.length + (all.length === 1 ? ' country matches' : ' countries match') + (all.length > options.length ? ', the first ' + options.length + ' listed' : '') + '.';
  }
  function go(i) {
    var o = options[i];
    if (o) window.location.assign('/countries/' + o.id);
  }
  input.addEventListener('focus', function () { load(); });
  input.addEventListener('input', function () { load().then(render, close); });
  input.addEventListener('keydown', function (ev) {
    var open = !list.hidden;
    if (ev.key === 'ArrowDown') {
      ev.preventDefault();
      if (!open) { load().then(render); return; }
      select(active + 1 < options.length ? active + 1 : 0);
    } else if (ev.key === 'ArrowUp') {
      if (!open) return;
      ev.preventDefault();
      select(active > 0 ? active - 1 : options.length - 1);
    } else if (ev.key === 'Enter') {
      if (open && active >= 0) { ev.preventDefault(); go(active); }
    } else if (ev.key === 'Escape') {
      if (open) { ev.preventDefault(); close(); } else if (input.value) { ev.preventDefault(); input.value = ''; status.textContent = ''; }
    }
  });
  input.addEventListener('blur', function () { setTimeout(close, 150); });
})();
`;
