/**
 * The home map's tooltip (appended to site.js and the stylesheet): on hover and on keyboard focus of a country it
 * shows its name and what the map shows of it (tier and movement, or its status), beside the country and clear of
 * the pointer; Escape dismisses it. It replaces the browser's own tooltip: each country's <title> becomes the
 * link's data-tip. The link's aria-label stays its accessible name, so the tooltip is hidden from assistive
 * technology (it repeats that name) and takes no pointer events. Absolutely placed in the map's figure: no layout
 * shift. Without JavaScript the titles and names stay as served.
 */
export const MAP_TIP_CSS = `
figure.map { position: relative; }
.map-tip { position: absolute; z-index: 5; pointer-events: none; max-width: 17rem; padding: .35rem .6rem; background: #fff; color: var(--fg); border: 1px solid var(--line-strong); border-radius: .3rem; box-shadow: 0 4px 14px rgba(18,38,63,.2); font-size: .85rem; line-height: 1.35; }
.map-tip strong { display: block; font-size: .95rem; }
`;

export const MAP_TIP_JS = `
(function () {
  var map = document.querySelector('svg.world-map');
  var box = map && map.closest('figure');
  if (!box) return;
  var tip = document.createElement('div');
  tip.className = 'map-tip';
  tip.hidden = true;
  tip.setAttribute('aria-hidden', 'true');
  box.appendChild(tip);
  Array.prototype.forEach.call(map.querySelectorAll('a > path > title'), function (t) {
    t.parentNode.parentNode.setAttribute('data-tip', t.textContent);
    t.remove();
  });
  var current = null, dismissed = null;
  function hide() { tip.hidden = true; current = null; }
  function leave() { dismissed = null; hide(); }
  // x, y: the point to stand beside, in the figure's coordinates; the tip goes right of and below it, or flips.
  function show(a, x, y) {
    // Dismissed with Escape: stays hidden until another country is reached.
    if (a === dismissed) return;
    dismissed = null;
    var text = a.getAttribute('data-tip') || '';
    var i = text.indexOf(': ');
    tip.textContent = '';
    var name = document.createElement('strong');
    name.textContent = i > 0 ? text.slice(0, i) : text;
    tip.appendChild(name);
    if (i > 0) tip.appendChild(document.createTextNode(text.slice(i + 2)));
    tip.hidden = false;
    current = a;
    var w = tip.offsetWidth, h = tip.offsetHeight;
    var left = x + 16 + w > box.clientWidth ? Math.max(0, x - 16 - w) : x + 16;
    var top = y + 20 + h > box.clientHeight ? Math.max(0, y - 12 - h) : y + 20;
    tip.style.left = left + 'px';
    tip.style.top = top + 'px';
  }
  map.addEventListener('mousemove', function (ev) {
    var a = ev.target.closest && ev.target.closest('a[data-tip]');
    if (!a) { hide(); return; }
    var r = box.getBoundingClientRect();
    show(a, ev.clientX - r.left, ev.clientY - r.top);
  });
  map.addEventListener('mouseleave', leave);
  map.addEventListener('focusin', function (ev) {
    var a = ev.target.closest && ev.target.closest('a[data-tip]');
    if (!a) return;
    var r = box.getBoundingClientRect(), c = a.getBoundingClientRect();
    show(a, c.left + c.width / 2 - r.left, c.top + c.height / 2 - r.top);
  });
  map.addEventListener('focusout', leave);
  document.addEventListener('keydown', function (ev) { if (ev.key === 'Escape' && current) { dismissed = current; hide(); } });
})();
`;
