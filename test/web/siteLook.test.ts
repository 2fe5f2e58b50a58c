/**
 * The site's frame (issue 15, part B): the country finder (without JavaScript: /countries?q=), the files crawlers
 * and browsers ask for (favicon, robots.txt, sitemap.xml), canonical and OpenGraph tags, the footer's "data
 * updated", stacked-table labels and folded sources. Over the shipped tier facts only (no narrative needed).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Hono } from 'hono';
import type { Store } from '../../src/store/index.js';
import { openSqliteStore } from '../../src/store/index.js';
import { createApp } from '../../src/web/app.js';
import { matchCountries } from '../../src/countries/index.js';
import { labelStackedTables, sourceDetails } from '../../src/web/layout.js';
import { html } from '../../src/web/html.js';
import { TIER_PALETTE } from '../../src/web/palette.js';
import { STYLE_CSS } from '../../src/web/assets.js';
import { fillOf } from '../../src/web/map/worldMap.js';
import { syntheticDocument } from '../fixtures/syntheticDocument.js';

let store: Store;
let app: Hono;
let published: Hono;

beforeAll(() => {
  store = openSqliteStore(':memory:');
  app = createApp(store);
  published = createApp(store, { publicUrl: 'https://atlas.example.org' });
});
afterAll(() => store.close());

async function get(a: Hono, path: string, status = 200): Promise<{ body: string; type: string }> {
  const res = await a.request(path);
  expect(res.status, path).toBe(status);
  return { body: await res.text(), type: res.headers.get('content-type') ?? '' };
}

describe('the country finder', () => {
  it('matches names and aliases, accents and case ignored, best first', () => {
    expect(matchCountries('burma').map((m) => [m.country.id, m.matched])[0]).toEqual(['MMR', 'Burma']);
    expect(matchCountries('MYANMAR')[0]!.country.id).toBe('MMR');
    expect(matchCountries('cote d ivoire')[0]!.country.id).toBe('CIV');
    const korea = matchCountries('kor').map((m) => m.country.id);
    expect(korea).toEqual(expect.arrayContaining(['PRK', 'KOR']));
    // The exact name comes before names that merely contain the query.
    expect(matchCountries('niger').map((m) => m.country.id).slice(0, 2)).toEqual(['NER', 'NGA']);
    expect(matchCountries('  ')).toEqual([]);
  });

  it('is in the header of every page, as a plain GET form to /countries', async () => {
    for (const path of ['/', '/countries', '/years/2023', '/data', '/nowhere']) {
      const { body } = await get(app, path, path === '/nowhere' ? 404 : 200);
      expect(body, path).toContain('<form class="finder" role="search" aria-label="Find a country" method="get" action="/countries">');
      expect(body, path).toContain('<label for="finder-q">Find a country</label>');
      expect(body, path).toMatch(/<input id="finder-q" name="q" type="search"/);
    }
  });

  it('without JavaScript, /countries?q= lists the matches, naming the alias matched', async () => {
    const { body } = await get(app, '/countries?q=Korea');
    expect(body).toContain('<h1>Countries matching “Korea”</h1>');
    expect(body).toContain('>Korea, North</a>');
    expect(body).toContain('>Korea, South</a>');
    expect(body).not.toContain('>Tajikistan</a>');
    expect(body).toContain('value="Korea"'); // the header's box keeps the query
    const burma = await get(app, '/countries?q=myanmar');
    expect(burma.body).toContain('>Burma</a> <span class="muted small">(Myanmar)</span>');
    expect(burma.body).toContain('<a href="/countries/MMR">Burma’s profile</a>');
  });

  it('suggests the closest names when nothing matches', async () => {
    const { body } = await get(app, '/countries?q=Tajikstan');
    expect(body).toContain('No country is named like “Tajikstan”');
    expect(body).toContain('<a href="/countries/TJK">Tajikistan</a>');
  });

  it('the JSON twin filters alike, and the combobox reads the registry names from /assets/countries.json', async () => {
    const list = (await (await app.request('/countries.json?q=ivoire')).json()) as { count: number; countries: { id: string }[]; filters: { q: string } };
    expect(list.filters.q).toBe('ivoire');
    expect(list.countries.map((c) => c.id)).toEqual(['CIV']);
    const names = (await (await app.request('/assets/countries.json')).json()) as [string, string, string[], string[]][];
    const mmr = names.find((n) => n[0] === 'MMR')!;
    expect(mmr[1]).toBe('Burma');
    expect(mmr[2]).toContain('Myanmar');
    expect(mmr[3]).toContain('myanmar');
    expect(names.length).toBe(store.listCountries().length);
  });
});

describe('files for browsers and crawlers', () => {
  it('serves an SVG favicon, linked from every page', async () => {
    const icon = await get(app, '/favicon.svg');
    expect(icon.type).toMatch(/^image\/svg\+xml(;|$)/);
    expect(icon.body).toMatch(/^<svg xmlns="http:\/\/www.w3.org\/2000\/svg"/);
    expect((await get(app, '/')).body).toContain('<link rel="icon" href="/favicon.svg" type="image/svg+xml">');
  });

  it('robots.txt allows crawling but the database download, and names the sitemap only with a public URL', async () => {
    const plain = await get(app, '/robots.txt');
    expect(plain.type).toMatch(/^text\/plain/);
    expect(plain.body).toContain('User-agent: *\nDisallow: /data/tip-atlas.sqlite\n');
    expect(plain.body).not.toContain('Sitemap:');
    expect((await get(published, '/robots.txt')).body).toContain('Sitemap: https://atlas.example.org/sitemap.xml');
  });

  it('sitemap.xml lists every public page with absolute addresses, and is a 404 saying why without a public URL', async () => {
    const none = await app.request('/sitemap.xml');
    expect(none.status).toBe(404);
    expect(await none.text()).toContain('public address');
    const { body, type } = await get(published, '/sitemap.xml');
    expect(type).toMatch(/^application\/xml/);
    const locs = [...body.matchAll(/<loc>([^<]+)<\/loc>/g)].map((m) => m[1]!);
    expect(locs.every((u) => u.startsWith('https://atlas.example.org/'))).toBe(true);
    for (const p of ['/', '/countries', '/years', '/years/2023', '/countries/TJK', '/countries/TJK/2019', '/data', '/api']) {
      expect(locs, p).toContain(`https://atlas.example.org${p}`);
    }
    expect(new Set(locs).size).toBe(locs.length);
    expect(body).toMatch(/<lastmod>\d{4}-\d{2}-\d{2}<\/lastmod>/);
  });

  it('pages carry OpenGraph tags; canonical and og:url only with a public URL (both must be absolute)', async () => {
    const plain = (await get(app, '/countries/TJK/2019')).body;
    expect(plain).toContain('<meta property="og:title" content="Tajikistan (Tier 2) — 2019 TIP Report">');
    expect(plain).not.toContain('rel="canonical"');
    expect(plain).not.toContain('<!--tip-atlas:');
    const pub = (await get(published, '/countries/TJK/2019')).body;
    expect(pub).toContain('<link rel="canonical" href="https://atlas.example.org/countries/TJK/2019">');
    expect(pub).toContain('<meta property="og:url" content="https://atlas.example.org/countries/TJK/2019">');
  });
});

describe('the footer says when the data was updated', () => {
  it('names the latest report held with its release date, and the last import', async () => {
    const s = openSqliteStore(':memory:');
    try {
      const a = createApp(s);
      const before = (await get(a, '/')).body;
      expect(before).toMatch(/<p class="updated">Data updated 2025-\d\d-\d\d: tier placements to the 2025 report \(released 2025-\d\d-\d\d\); no narrative imported\.<\/p>/);
      s.importDocument(syntheticDocument([{ countryId: 'UZB', reportYear: 2023, tier: 'Tier 2' }]));
      const today = new Date().toISOString().slice(0, 10);
      expect((await get(a, '/')).body).toContain(`narratives last imported ${today}.</p>`);
    } finally {
      s.close();
    }
  });
});

describe('design parts', () => {
  it('stacked tables get each cell labelled with its column heading (column spans counted)', () => {
    const out = labelStackedTables(
      '<p>x</p><table class="a stack"><thead><tr><th scope="col">Year</th><th colspan="2">Tier &amp; note <span aria-hidden="true">▲</span></th><th>Count</th></tr></thead><tbody><tr><th scope="row">2023</th><td>Tier 2</td><td class="muted">—</td><td data-label="kept">5</td></tr></tbody></table><table class="other"><thead><tr><th>A</th></tr></thead><tbody><tr><td>1</td></tr></tbody></table>',
    );
    expect(out).toContain('<tr><th scope="row" data-label="Year">2023</th><td data-label="Tier &amp; note">Tier 2</td><td class="muted" data-label="Tier &amp; note">—</td><td data-label="kept">5</td></tr>');
    expect(out).toContain('<tbody><tr><td>1</td></tr></tbody></table>'); // not marked `stack`: left alone
  });

  it('a source is folded into a disclosure, keeping a permalink id', () => {
    expect(sourceDetails(html`Tier: <a href="/x">report</a>`, { id: 'tier' }).value).toBe(
      '<details class="src" id="tier"><summary>Source</summary><div class="src-body">Tier: <a href="/x">report</a></div></details>',
    );
  });

  it('the stylesheet, the map and the timeline share one tier palette', () => {
    for (const [, c] of Object.entries(TIER_PALETTE)) {
      expect(STYLE_CSS).toContain(c.ink);
      expect(STYLE_CSS).toContain(c.fill);
    }
    expect(fillOf('1')).toBe(TIER_PALETTE['Tier 1'].fill);
    expect(STYLE_CSS).toMatch(/--measure: 70ch/);
    expect(STYLE_CSS).not.toMatch(/@import|@font-face|https?:\/\//);
  });
});
