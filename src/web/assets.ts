/** The site's one stylesheet (served from /assets/style.css so the CSP needs no 'unsafe-inline'). */
export const STYLE_CSS = `
:root { --fg:#1b1b1b; --muted:#555; --bg:#fff; --line:#d6d6d6; --link:#0b4f9c; --t1:#1a7f37; --t2:#9a6700; --t2wl:#bc4c00; --t3:#b3261e; --sc:#5a4fcf; }
* { box-sizing: border-box; }
html { font: 17px/1.55 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--fg); background: var(--bg); }
body { margin: 0; }
a { color: var(--link); }
a:focus-visible, button:focus-visible, summary:focus-visible { outline: 3px solid #ffbf47; outline-offset: 2px; }
.skip { position: absolute; left: -999px; }
.skip:focus { left: 1rem; top: 1rem; background: #fff; padding: .5rem; z-index: 10; }
header.site, footer.site { padding: .75rem 1.25rem; border-bottom: 1px solid var(--line); display: flex; gap: 1.5rem; align-items: baseline; flex-wrap: wrap; }
footer.site { border-top: 1px solid var(--line); border-bottom: 0; color: var(--muted); font-size: .85rem; margin-top: 3rem; }
.brand { font-weight: 700; text-decoration: none; color: var(--fg); font-size: 1.15rem; }
nav a { margin-right: 1rem; }
main { max-width: 60rem; margin: 0 auto; padding: 1rem 1.25rem; }
h1 { font-size: 1.9rem; line-height: 1.2; margin: 1rem 0 .25rem; letter-spacing: .01em; }
h2 { font-size: 1.3rem; margin-top: 2rem; border-bottom: 1px solid var(--line); padding-bottom: .2rem; }
.meta { color: var(--muted); margin: .25rem 0; }
.source, .cite { color: var(--muted); font-size: .85rem; overflow-wrap: anywhere; }
.tier { display: inline-block; padding: .05rem .5rem; border-radius: .3rem; font-weight: 600; font-size: .9em; border: 2px solid currentColor; white-space: nowrap; }
.tier-1 { color: var(--t1); } .tier-2 { color: var(--t2); } .tier-2wl { color: var(--t2wl); } .tier-3 { color: var(--t3); } .tier-sc { color: var(--sc); border-style: dashed; } .tier-none { color: var(--muted); border-style: dotted; }
ol.recs li { margin-bottom: .6rem; }
table { border-collapse: collapse; width: 100%; font-size: .95rem; }
th, td { text-align: left; padding: .35rem .5rem; border-bottom: 1px solid var(--line); vertical-align: top; }
th { font-weight: 600; }
.warnings { border-left: 4px solid var(--t2wl); background: #fff8f0; padding: .5rem 1rem; margin: 1rem 0; }
.warnings li { margin: .3rem 0; }
details { border: 1px solid var(--line); border-radius: .3rem; padding: .5rem .75rem; margin: .5rem 0; }
summary { cursor: pointer; font-weight: 600; }
.years a { margin-right: .6rem; }
.muted { color: var(--muted); }
@media (max-width: 40rem) { html { font-size: 16px; } h1 { font-size: 1.5rem; } th, td { padding: .3rem .25rem; } .hide-narrow { display: none; } }
`;
