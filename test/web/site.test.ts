/**
 * Every route of the site, as a page and as JSON, over the shipped tier facts (real tiers are facts) and, where
 * ../shared is present, the seed narrative.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Hono } from 'hono';
import type { Store } from '../../src/store/index.js';
import { openDerivingStore } from '../helpers/derivingStore.js';
import { syntheticDocument } from '../fixtures/syntheticDocument.js';
import { homeReportYear } from '../../src/domain/index.js';
import { createApp } from '../../src/web/app.js';
import { HAVE_CORPUS, NO_CORPUS_REASON } from '../helpers/shared.js';
import { openSeededStore } from '../helpers/webStore.js';

let store: Store;
let app: Hono;

beforeAll(() => {
  store = openDerivingStore(':memory:');
  app = createApp(store, { now: () => new Date('2026-01-15T12:00:00Z') });
});
afterAll(() => store.close());

async function page(path: string, status = 200): Promise<string> {
  const res = await app.request(path);
  expect(res.status, path).toBe(status);
  expect(res.headers.get('content-type'), path).toMatch(/^text\/html/);
  return res.text();
}

async function json<T = Record<string, unknown>>(path: string, status = 200): Promise<T> {
  const res = await app.request(path);
  expect(res.status, path).toBe(status);
  expect(res.headers.get('content-type'), path).toMatch(/^application\/json/);
  return (await res.json()) as T;
}

/** The text of an HTML fragment, tags removed and entities of the escaper undone. */
function text(htmlText: string): string {
  return htmlText
    .replace(/<[^>]+>/g, ' ')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ');
}

describe('home /', () => {
  it('draws the map of the latest report year at least 95% known, every country a named link', async () => {
    const body = await page('/');
    const latest = homeReportYear(store.reportYears(), (y) => store.placementsForYear(y).length)!;
    expect(body).toContain(`Tier placements in the ${latest} report`);
    expect(body).toMatch(/<svg class="world-map"[^>]*role="group"/);
    // Tajikistan: a link wrapping its path, its name and tier as text (aria-label and <title>).
    // Each country links to its profile in the year shown.
    const tjk = new RegExp(`<a href="/countries/TJK/${latest}" aria-label="([^"]+)"><path [^>]*d="M[^"]+"><title>([^<]+)</title></path></a>`).exec(body);
    expect(tjk, 'TJK on the map').not.toBeNull();
    const placed = store.placementsForYear(latest).find((p) => p.countryId === 'TJK');
    expect(tjk![1]).toMatch(new RegExp(`^Tajikistan: ${placed ? placed.tier : 'placement not known'}( — .+)?$`));
    expect(tjk![2]).toContain(`(${latest} report)`);
    // Kosovo has no numeric code in world-atlas and is drawn all the same.
    expect(body).toContain(`<a href="/countries/XKX/${latest}" aria-label="Kosovo`);
  });

  it('takes ?year= with a plain GET form, and shows tier counts that match the store', async () => {
    const body = await page('/?year=2012');
    expect(body).toMatch(/<form class="inline-form" method="get" action="\/">/);
    expect(body).toMatch(/<option value="2012" selected>2012<\/option>/);
    const placements = store.placementsForYear(2012);
    const count = (t: string) => placements.filter((p) => p.tier === t).length;
    for (const [code, tier] of [
      ['1', 'Tier 1'],
      ['2', 'Tier 2'],
      ['2wl', 'Tier 2 Watch List'],
      ['3', 'Tier 3'],
      ['sc', 'Special Case'],
    ] as const) {
      expect(body).toContain(`<a href="/years/2012#tier-${code}">${tier}</a>: <strong>${count(tier)}</strong>`);
    }
    // 2012 is shipped as incomplete (the academic data misses some countries): absent ones are "not known".
    // Hover and focus name the movement too.
    expect(body).toContain('aria-label="Uzbekistan: Tier 2 Watch List — no change"');
    expect(body).toContain('The compiled list for 2012 is incomplete');
    expect(await page('/?year=2015')).not.toContain('The compiled list for 2015 is incomplete');
  });

  it('lists small states beside the map and the movements against the previous report', async () => {
    const body = await page('/?year=2013');
    const small = /<aside class="small-states"[\s\S]*?<\/aside>/.exec(body)?.[0] ?? '';
    // Each links to the country's page of the year shown.
    expect(small).toContain('href="/countries/LUX/2013"'); // Luxembourg: a few pixels at world scale
    expect(small).toContain('href="/countries/MLT/2013"'); // Malta: not drawn at all in the 110m outlines
    expect(small).not.toContain('href="/countries/FRA');
    // Uzbekistan went from the Watch List (2012) to Tier 3 (2013).
    const down = /<h3 id="down-h">[\s\S]*?<\/section>/.exec(body)?.[0] ?? '';
    expect(text(down)).toMatch(/Uzbekistan\s*: Tier 2 Watch List → Tier 3/);
    expect(body).toContain('Movements since the 2012 report');
  });

  it('folds, beside the map, the small states not known in an incomplete year that the reports around it do not place', async () => {
    // Aruba was assessed from 2012 (data/SOURCES.md), but the shipped 2012 list does not have it: not known, and
    // not placed in the reports before, so it is folded rather than left out.
    const small = /<aside class="small-states"[\s\S]*?<\/aside>/.exec(await page('/?year=2012'))?.[0] ?? '';
    const folded = /<details>[\s\S]*?<\/details>/.exec(small)?.[0] ?? '';
    expect(text(folded).trim()).toMatch(/^\d+ more without a known placement, not placed in the reports around 2012/);
    expect(folded).toContain('href="/countries/ABW/2012"');
    expect(small.replace(folded, '')).not.toContain('href="/countries/ABW/2012"');
    // A complete year names no country as not known.
    expect(/<aside class="small-states"[\s\S]*?<\/aside>/.exec(await page('/?year=2015'))?.[0]).not.toContain('<details>');
  });

  it('says when the year is incomplete and shows a missing country as not known', async () => {
    const incomplete = store.reportYears().find((y) => y.reportYear === 2016)!;
    expect(incomplete.complete).toBe(false);
    const body = await page(`/?year=${incomplete.reportYear}`);
    expect(body).toContain(`The compiled list for ${incomplete.reportYear} is incomplete`);
    const placed = new Set(store.placementsForYear(incomplete.reportYear).map((p) => p.countryId));
    const missing = store.listCountries().find((c) => !placed.has(c.id) && body.includes(`<a href="/countries/${c.id}/${incomplete.reportYear}" aria-label="${c.name.replace(/'/g, '&#39;')}: placement not known"`));
    expect(missing, 'a country not known on the map').toBeDefined();
    expect(body).not.toMatch(/not in the \d{4} report"/);
  });

  it('has a JSON twin', async () => {
    const v = await json<{ reportYear: number; counts: Record<string, number>; countries: { id: string; status: string }[]; movements: Record<string, unknown[]> }>(
      '/index.json?year=2013',
    );
    expect(v.reportYear).toBe(2013);
    expect(v.counts['Tier 3']).toBe(store.placementsForYear(2013).filter((p) => p.tier === 'Tier 3').length);
    expect(v.countries.find((c) => c.id === 'UZB')).toMatchObject({ status: 'placed', placement: { tier: 'Tier 3' } });
    expect(v.movements.downgraded?.length).toBeGreaterThan(0);
    expect(Object.keys(v.movements)).toEqual(['upgraded', 'downgraded', 'specialCases']);
  });

  it('rejects a bad year and answers an unknown one with 404', async () => {
    await page('/?year=1999', 400);
    await page('/?year=20x3', 400);
    await page('/?year=2030', 404);
    expect(await json('/index.json?year=abc', 400)).toEqual({ ok: false, status: 400, error: '?year= must be a report year (2001–2030), not "abc"' });
  });
});

describe('countries /countries', () => {
  it('lists every country with its latest tier badge, region and source', async () => {
    const body = await page('/countries');
    const rows = body.match(/<tr><td data-value=/g) ?? [];
    expect(rows).toHaveLength(store.listCountries().length);
    expect(body).toMatch(/<a href="\/countries\/TJK">Tajikistan<\/a>/);
    expect(body).toContain('<form class="filters" method="get" action="/countries">');
    expect(body).toMatch(/class="srcref" href="#src-1"/);
    expect(body).toContain('<li id="src-1">');
  });

  it('filters by region and tier and sorts by name, tier or region', async () => {
    const v = await json<{ count: number; countries: { id: string; region: string; placement: { tier: string } | null }[] }>(
      '/countries.json?region=SCA&tier=2',
    );
    expect(v.count).toBeGreaterThan(0);
    expect(v.countries.every((c) => c.region === 'SCA' && c.placement?.tier === 'Tier 2')).toBe(true);
    const byName = await json<{ countries: { region: string; placement: { tier: string } | null }[] }>('/countries.json?region=europe&tier=Tier%201');
    expect(byName.countries.length).toBeGreaterThan(0);
    const byTier = await json<{ countries: { placement: { tier: string } | null }[] }>('/countries.json?sort=tier');
    const order = ['Tier 1', 'Tier 2', 'Tier 2 Watch List', 'Tier 3', 'Special Case', undefined];
    const ranks = byTier.countries.map((c) => order.indexOf(c.placement?.tier));
    expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
    const byRegion = await json<{ countries: { regionName: string }[] }>('/countries.json?sort=region');
    const regions = byRegion.countries.map((c) => c.regionName);
    expect(regions).toEqual([...regions].sort());
    const sortedPage = await page('/countries?sort=tier');
    expect(sortedPage).toContain('aria-sort="ascending" data-sort="tier"');
  });

  it('gives each country’s status in a year with ?year=', async () => {
    const v = await json<{ reportYear: number; complete: boolean; countries: { id: string; status: string }[] }>('/countries.json?year=2015');
    expect(v).toMatchObject({ reportYear: 2015, complete: true });
    expect(v.countries.find((c) => c.id === 'VUT')?.status).toBe('not-in-report');
    const early = await json<{ complete: boolean; countries: { id: string; status: string }[] }>('/countries.json?year=2001');
    expect(early.complete).toBe(false);
    // Tajikistan is first placed in 2002; 2001's list has gaps, so its 2001 placement is not known.
    expect(early.countries.find((c) => c.id === 'TJK')?.status).toBe('not-known');
    expect(early.countries.find((c) => c.id === 'ALB')?.status).toBe('placed');
    const later = await json<{ countries: { id: string; status: string }[] }>('/countries.json?year=2016');
    expect(later.countries.find((c) => c.id === 'TJK')?.status).toBe('not-known');
  });

  it('rejects bad filters with 400', async () => {
    expect(await json('/countries.json?region=XX', 400)).toMatchObject({ ok: false, status: 400 });
    expect(await json('/countries.json?tier=4', 400)).toMatchObject({ ok: false, status: 400 });
    expect(await json('/countries.json?sort=size', 400)).toMatchObject({ ok: false, status: 400 });
    expect(await json('/countries.json?tier=1&tier=2', 400)).toMatchObject({ error: '?tier= is given 2 times; give it once' });
    await page('/countries?region=Atlantis', 400);
  });
});

describe('country profile /countries/TJK', () => {
  it('shows the tier history with gaps: not in the report (complete years) and not known (incomplete)', async () => {
    const body = await page('/countries/TJK');
    expect(body).toMatch(/<h1>TAJIKISTAN \((Tier [^)]+|tier not known)\)<\/h1>/);
    expect(body).toContain('<tr><td><a href="/countries/TJK/2001">2001</a></td><td colspan="2" class="muted">not known</td></tr>');
    expect(await page('/countries/VUT')).toContain('<tr><td><a href="/countries/VUT/2015">2015</a></td><td colspan="2" class="muted">not in the 2015 report</td></tr>');
    expect(body).toContain('<tr><td><a href="/countries/TJK/2016">2016</a></td><td colspan="2" class="muted">not known</td></tr>');
    // The timeline SVG: one column per year, not-known years hatched, movements with words.
    expect(body).toMatch(/<svg class="timeline"[^>]*role="img" aria-labelledby="tl-title tl-desc"/);
    expect(body).toContain('<title>2016: placement not known</title>');
    expect(body).toContain('<title>2001: placement not known</title>');
    expect(body).toContain('<title>2019: Tier 2 — upgraded from Tier 2 Watch List to Tier 2</title>');
    expect(body).toContain('<title>2004: Tier 2 Watch List — downgraded from Tier 2 to Tier 2 Watch List</title>');
  });

  it('links to every year held and shows a year with /countries/TJK/2019', async () => {
    const body = await page('/countries/TJK/2019');
    expect(body).toMatch(/<h1>TAJIKISTAN \(Tier 2\)<\/h1>/);
    expect(body).toContain('<a href="/years/2019">2019 Trafficking in Persons Report</a>');
    const years = /<nav class="years"[\s\S]*?<\/nav>/.exec(body)?.[0] ?? '';
    for (const y of store.tierHistory('TJK').map((p) => p.reportYear)) expect(years).toContain(`href="/countries/TJK/${y}"`);
    expect(years).toContain('<a href="/countries/TJK/2019" aria-current="page">2019</a>');
  });

  it('says on an earlier year\'s page that a later placement is known, and not on the latest', async () => {
    const latest = store.tierHistory('TJK').at(-1)!;
    const body = await page('/countries/TJK/2019');
    expect(text(/<p class="notice">[\s\S]*?<\/p>/.exec(body)?.[0] ?? '').replace(/\s+\./g, '.').trim()).toBe(
      `A later placement is known: ${latest.tier}${latest.asterisk ? '*' : ''} in the ${latest.reportYear} report. This page shows the 2019 report.`,
    );
    expect(body).toContain(`<a href="/countries/TJK/${latest.reportYear}">`);
    expect(await page(`/countries/TJK/${latest.reportYear}`)).not.toContain('A later placement is known');
  });

  it('says so for a year without a placement', async () => {
    expect(await page('/countries/VUT/2015')).toContain('No tier placement is known for 2015: the country is not in that report, whose list is complete.');
    expect(await page('/countries/TJK/2001')).toContain('No tier placement is known for 2001: that year’s compiled list has gaps: the country may be in that report');
    expect(await page('/countries/TJK/2016')).toContain('No tier placement is known for 2016: that year’s compiled list has gaps: the country may be in that report, with a tier the list does not give.');
  });

  it('offers a citation as plain text and BibTeX naming year, section and source', async () => {
    const body = await page('/countries/TJK/2012');
    const cite = /<section aria-labelledby="cite-h"[\s\S]*?<\/section>/.exec(body)?.[0] ?? '';
    const t = text(cite);
    // The official report first; 2012 has no known address of the publisher's page, and says so.
    expect(t).toContain('U.S. Department of State. 2012 Trafficking in Persons Report: Tajikistan. Washington, DC: U.S. Department of State, 2012.');
    expect(t).toContain('Section: tier placement (Tier 2). How we know: from the Cho / Kelley academic dataset (cho_merged_jk_2015-08-10.dta).');
    expect(t).toContain('No address of the publisher’s page for it is known.');
    expect(t).toContain('Compiled in TIP Atlas: /countries/TJK/2012#tier'); // no public address configured: relative, never the Host header
    expect(t).not.toContain('http://localhost');
    expect(t).toContain('@techreport{usdos_tip2012_tjk,');
    expect(t).toContain('author = {{U.S. Department of State}}');
    expect(t).toContain('title = {{2012 Trafficking in Persons Report: Tajikistan}}');
    expect(t).toContain('TY - RPRT');
    // A year with a country page: the publisher's 2023 Tajikistan page.
    const y2023 = await page('/countries/TJK/2023');
    expect(y2023).toContain('href="https://www.state.gov/reports/2023-trafficking-in-persons-report/tajikistan/"');
    expect(text(/<section aria-labelledby="cite-h"[\s\S]*?<\/section>/.exec(y2023)?.[0] ?? '')).toContain(
      'https://www.state.gov/reports/2023-trafficking-in-persons-report/tajikistan/ (accessed 2026-01-15).',
    );
  });

  it('redirects slugs and lower-case ids; 404 for unknown countries, 400 for bad years', async () => {
    const slug = await app.request('/countries/tajikistan/2019');
    expect(slug.status).toBe(301);
    expect(slug.headers.get('location')).toBe('/countries/TJK/2019');
    const lower = await app.request('/countries/tjk.json');
    expect(lower.headers.get('location')).toBe('/countries/TJK.json');
    expect(await json('/countries/ZZZ/2019.json', 404)).toMatchObject({ ok: false, status: 404 });
    // A year before the first report is not held, like one after the last: 404s naming the years held.
    expect(await json('/countries/TJK/1999.json', 404)).toEqual({ ok: false, status: 404, error: 'the 1999 report is not held (report years held: 2001–2025)' });
    expect(await json('/years/1999.json', 404)).toEqual({ ok: false, status: 404, error: 'the 1999 report is not held (report years held: 2001–2025)' });
    expect(await json('/years/2026.json', 404)).toEqual({ ok: false, status: 404, error: 'the 2026 report is not held (report years held: 2001–2025)' });
    expect(await json('/years/19999.json', 400)).toMatchObject({ ok: false, status: 400 });
    expect(await json('/countries/TJK/2029.json', 404)).toEqual({ ok: false, status: 404, error: 'the 2029 report is not held (report years held: 2001–2025)' });
  });

  it('has JSON twins for the latest and a given year', async () => {
    const p = await json<{ country: { id: string }; reportYear: number; placement: { tier: string; cite: { source: string } } }>('/countries/TJK/2019.json');
    expect(p).toMatchObject({ country: { id: 'TJK' }, reportYear: 2019, placement: { tier: 'Tier 2' } });
    expect(p.placement.cite.source).toMatch(/\S/);
    expect(p).toMatchObject({ placement: { cite: { official: { url: 'https://www.state.gov/reports/2019-trafficking-in-persons-report-2/tajikistan/' } } } });
    const latest = await json<{ timeline: { reportYear: number }[] }>('/countries/TJK.json');
    expect(latest.timeline[0]?.reportYear).toBe(2001);
  });
});

describe('year /years/2013', () => {
  it('lists the tier placements of the report, each marked against the previous one, with counts', async () => {
    const body = await page('/years/2013');
    expect(body).toContain('<h1>2013 Trafficking in Persons Report: tier placements</h1>');
    expect(body).toContain('<strong>This list is incomplete.</strong>');
    expect(await page('/years/2015')).toContain('This list is complete');
    const t3 = /<section aria-labelledby="tier-3"[\s\S]*?<\/section>/.exec(body)?.[0] ?? '';
    expect(t3).toMatch(/<a href="\/countries\/UZB\/2013">Uzbekistan<\/a> <span class="chg chg-down" title="downgraded from Tier 2 Watch List"><span aria-hidden="true">↓<\/span><span class="sr-only">\(downgraded from Tier 2 Watch List\)<\/span><\/span>/);
    const t2 = /<section aria-labelledby="tier-2"[\s\S]*?<\/section>/.exec(body)?.[0] ?? '';
    expect(t2).toMatch(/Tajikistan<\/a> <span class="chg chg-same" title="no change">/);
    const n = store.placementsForYear(2013).filter((p) => p.tier === 'Tier 3').length;
    expect(text(t3)).toContain(`Tier 3 ${n} countries`);
    expect(body).toContain('<li id="src-1">');
  });

  it('says clearly when the list is incomplete, naming the countries not known', async () => {
    const body = await page('/years/2016');
    expect(body).toContain('<strong>This list is incomplete.</strong>');
    const unknown = /<section aria-labelledby="unknown-h"[\s\S]*?<\/section>/.exec(body)?.[0] ?? '';
    expect(unknown).toContain('href="/countries/TJK/2016"');
    expect(unknown).not.toContain('href="/countries/SCG'); // Serbia and Montenegro no longer exists
    const v = await json<{ complete: boolean; notKnown: { id: string }[]; tiers: { entries: { change: string; country: { id: string } }[] }[] }>(
      '/years/2017.json',
    );
    expect(v.complete).toBe(false);
    // Uzbekistan 2017 against 2016 (not known: the 2016 list has gaps): not comparable, never "new".
    const uzb = v.tiers.flatMap((t) => t.entries).find((e) => e.country.id === 'UZB');
    expect(uzb?.change).toBe('previous-not-known');
  });

  it('filters by region and tier; its JSON twin has the same facts', async () => {
    const v = await json<{ filters: { region: string; tier: string }; known: number; tiers: { tier: string; entries: { country: { region: string } }[] }[] }>(
      '/years/2013.json?region=EUR&tier=2wl',
    );
    expect(v.filters).toEqual({ region: 'EUR', tier: 'Tier 2 Watch List' });
    const entries = v.tiers.flatMap((t) => t.entries);
    expect(entries.length).toBe(v.known);
    expect(entries.every((e) => e.country.region === 'EUR')).toBe(true);
    expect(v.tiers.filter((t) => t.entries.length).map((t) => t.tier)).toEqual(['Tier 2 Watch List']);
    await page('/years/2013?tier=9', 400);
    expect(await json('/years/1990.json', 404)).toMatchObject({ status: 404, error: expect.stringContaining('report years held') });
    expect(await json('/years/2030.json', 404)).toMatchObject({ status: 404 });
  });

  it('has an index of years', async () => {
    const body = await page('/years');
    expect(body).toContain('<a href="/years/2001">2001</a>');
    const v = await json<{ years: { reportYear: number; complete: boolean; known: number }[] }>('/years.json');
    expect(v.years[0]!.reportYear).toBeGreaterThan(v.years.at(-1)!.reportYear);
    expect(v.years.find((y) => y.reportYear === 2013)?.known).toBe(store.placementsForYear(2013).length);
  });
});

describe('compare /compare', () => {
  it('aligns timelines on one axis', async () => {
    const body = await page('/compare?c=TJK,UZB,KAZ');
    // One chart, one series per country, and the same in a table.
    expect(body.match(/<svg class="timeline compare-chart"/g)).toHaveLength(1);
    expect(body.match(/class="cmp-series" data-country="[^"]+"/g)).toEqual(['Tajikistan', 'Uzbekistan', 'Kazakhstan'].map((n) => `class="cmp-series" data-country="${n}"`));
    expect(body).toMatch(/<tr><th scope="row">Uzbekistan<\/th><td>/);
    expect(body).toContain('<input id="compare-c" name="c" value="Tajikistan, Uzbekistan, Kazakhstan"');
  });

  it('shows a form without countries, and errors for unknown or too many', async () => {
    expect(await page('/compare')).toContain('Choose countries');
    expect(await json('/compare.json?c=TJK,ZZZ', 404)).toEqual({ ok: false, status: 404, error: 'unknown country: ZZZ' });
    expect(await json('/compare.json', 400)).toMatchObject({ ok: false, status: 400 });
    expect(await json('/compare.json?c=TJK,UZB,KAZ,KGZ,TKM,AFG,PAK,IND,NPL', 400)).toMatchObject({ status: 400 });
  });

  it('has a JSON twin; summaries only where narratives are imported', async () => {
    const v = await json<{ ids: string[]; countries: { latestNarrative: unknown; timeline: unknown[] }[] }>('/compare.json?c=TJK&c=uzb');
    expect(v.ids).toEqual(['TJK', 'UZB']);
    expect(v.countries[1]!.latestNarrative).toBeNull();
    expect(v.countries[0]!.timeline.length).toBe(v.countries[1]!.timeline.length);
  });
});

describe('data /data', () => {
  it('lists the downloads with their columns', async () => {
    const body = await page('/data');
    for (const f of ['tier-placements.csv', 'tier-placements.json', 'assessments.json', 'assessments.csv', 'sections.csv', 'recommendations.csv', 'tip-atlas.sqlite']) {
      expect(body).toContain(`href="/data/${f}"`);
    }
    expect(body).toContain('<code>superseded_shipped_tier</code>');
    const v = await json<{ downloads: { path: string }[] }>('/data.json');
    expect(v.downloads.map((d) => d.path)).toContain('/data/tip-atlas.sqlite');
  });

  it('serves the placements as CSV and JSON, with filters', async () => {
    const res = await app.request('/data/tier-placements.csv?year=2013&region=SCA');
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(res.headers.get('content-disposition')).toBe('attachment; filename="tier-placements.csv"');
    const lines = (await res.text()).trim().split('\n');
    expect(lines[0]).toBe('report_year,country_id,country_name,region,tier,asterisk,origin,source,document_id,superseded_shipped_tier,official_url');
    // 2013: no address of the publisher's page is known (numeric-id pages), so official_url is empty.
    expect(lines).toContain('2013,UZB,Uzbekistan,SCA,Tier 3,false,shipped,cho_merged_jk_2015-08-10.dta,,,');
    expect((await (await app.request('/data/tier-placements.csv?year=2023&region=SCA')).text()).split('\n')).toContain(
      '2023,UZB,Uzbekistan,SCA,Tier 2,false,shipped,https://gvnet.com/humantrafficking/00-Ratings.htm,,,https://www.state.gov/reports/2023-trafficking-in-persons-report/uzbekistan/',
    );
    const all = await (await app.request('/data/tier-placements.json')).json();
    const total = store.reportYears().reduce((n, y) => n + store.placementsForYear(y.reportYear).length, 0);
    expect(all.count).toBe(total);
    expect(await json('/data/tier-placements.json?tier=x', 400)).toMatchObject({ status: 400 });
  });
});

describe('with imported narratives', () => {
  let s: Store;
  let a: Hono;
  beforeAll(() => {
    s = openDerivingStore(':memory:');
    s.importDocument(syntheticDocument([{ countryId: 'UZB', reportYear: 2023, tier: 'Tier 2 Watch List' }], 'test://fictional-uzb.txt'));
    a = createApp(s);
  });
  afterAll(() => s.close());

  it('shows the imported tier, superseding the shipped one, and exports sections and recommendations', async () => {
    const body = await (await a.request('/countries/UZB/2023')).text();
    expect(body).toContain('<h1>UZBEKISTAN (Tier 2 Watch List)</h1>');
    expect(body).toContain('the shipped facts said Tier 2; the narrative supersedes them');
    expect(body).toMatch(/<ol class="recs"><li id="rec-1">Invent more examples a\./);
    // The anchor search hits link to: one per kind of section.
    expect(body).toMatch(/<details id="section-prosecution"><summary>Prosecution<\/summary>/);
    const csv = await (await a.request('/data/tier-placements.csv?year=2023&region=SCA')).text();
    // The imported placement names its document by number (it has no public address), never its local origin, and
    // links the publisher's 2023 Uzbekistan page.
    expect(csv).toMatch(
      /^2023,UZB,Uzbekistan,SCA,Tier 2 Watch List,false,imported,imported document 1 \(no public address\),1,Tier 2,https:\/\/www\.state\.gov\/reports\/2023-trafficking-in-persons-report\/uzbekistan\/$/m,
    );
    expect(csv).not.toContain('fictional-uzb.txt');
    const assessments = await (await a.request('/data/assessments.json')).json();
    expect(assessments.count).toBe(1);
    expect(assessments.assessments[0]).toMatchObject({ reportYear: 2023, tier: 'Tier 2 Watch List', recommendations: [{ number: 1 }, { number: 2 }] });
    expect(assessments.assessments[0].sections.map((x: { kind: string }) => x.kind)).toEqual(['summary', 'prosecution', 'recommendations']);
    const recs = await (await a.request('/data/recommendations.csv')).text();
    expect(recs.split('\n')[0]).toBe('country_id,report_year,number,text,span_start,span_end,document_sha256');
    expect(recs).toContain('UZB,2023,2,Train placeholder officials; and report fictitious figures.,');
    const sections = await (await a.request('/data/sections.csv?year=2023')).text();
    expect(sections).toContain('UZB,2023,2,prosecution,PROSECUTION,prosecution text a,');
    const rows = await (await a.request('/data/assessments.csv')).text();
    expect(rows).toContain('UZB,Republic of Examplia UZB,2023,Tier 2 Watch List,false,');
    // Compare shows the imported summary, with its source.
    const cmp = await (await a.request('/compare?c=UZB,TJK')).text();
    expect(cmp).toContain('The Government of Examplia (a) does not fully meet the minimum standards for imaginary purposes.');
    expect(cmp).toContain('<a href="https://www.state.gov/reports/2023-trafficking-in-persons-report/uzbekistan/" class="ext official"');
    expect(cmp).toContain('imported document 1, which has no public address');
    expect(cmp).not.toContain('fictional-uzb.txt');
    // …and says when the narrative has parse doubts, linking to the profile that lists them.
    expect(cmp).toContain('<p class="warnings-note"><a href="/countries/UZB/2023">2 parse doubts</a>: a tier is named in the body, …</p>');
    const cmpJson = await (await a.request('/compare.json?c=UZB')).json();
    expect(cmpJson.countries[0].latestNarrative.warnings.map((w: { message: string }) => w.message)).toEqual(['a tier is named in the body', 'heading had an odd shape']);
    expect(cmp).toMatch(/No narrative of [^<]+ is held\./);
  });

  it('serves the whole database as a consistent SQLite file', async () => {
    const res = await a.request('/data/tip-atlas.sqlite');
    expect(res.headers.get('content-type')).toBe('application/vnd.sqlite3');
    expect(res.headers.get('cache-control')).toBe('no-store');
    const bytes = Buffer.from(await res.arrayBuffer());
    expect(bytes.subarray(0, 16).toString('latin1')).toBe('SQLite format 3\u0000');
    const { default: Database } = await import('better-sqlite3');
    const copy = new Database(bytes);
    expect(copy.prepare('SELECT count(*) FROM documents').pluck().get()).toBe(1);
    expect(copy.prepare("SELECT tier FROM assessments WHERE country_id = 'UZB'").pluck().get()).toBe('Tier 2 Watch List');
    copy.close();
  });
});

describe.skipIf(!HAVE_CORPUS)(`the seed narrative (${HAVE_CORPUS ? 'imported' : NO_CORPUS_REASON})`, () => {
  let s: Store;
  let a: Hono;
  beforeAll(async () => {
    s = (await openSeededStore()).store;
    a = createApp(s);
  });
  afterAll(() => s?.close());

  it('reads like the seed: heading, year and source, summary, numbered recommendations, citation', async () => {
    const body = await (await a.request('/countries/TJK/2023')).text();
    expect(body).toContain('<h1>TAJIKISTAN (Tier 2)</h1>');
    // The seed has no public address: readers see the official report and the document's number, not the path.
    expect(body).not.toContain('tajikistan-2023-gvnet.txt');
    expect(body).toContain('imported document 1 (no public address)');
    expect(body.match(/<li id="rec-\d+">/g)).toHaveLength(10);
    expect(body).toContain('The Government of Tajikistan does not fully meet the minimum standards');
    expect(body).toMatch(/@techreport\{usdos_tip2023_tjk,[\s\S]*url = \{https:\/\/www\.state\.gov\/reports\/2023-trafficking-in-persons-report\/tajikistan\/\}[\s\S]*Section: narrative \(Tier 2\)/);
  });
});

describe('redirects echo the path safely', () => {
  it('re-encodes control characters in the rest of a redirected path instead of failing with a 500', async () => {
    const res = await app.request('/countries/tjk/%0d%0aSet-Cookie:%20a=b');
    expect(res.status).toBe(301);
    expect(res.headers.get('set-cookie')).toBeNull();
    expect(res.headers.get('location')).toBe('/countries/TJK/%0D%0ASet-Cookie:%20a=b');
  });
});
