/**
 * One status per country and report year, the same on every page and JSON twin (placed, not in the report, not
 * known, did not exist), and what a country page says of a year without a placement or a narrative.
 */
import type { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Store } from '../../src/store/index.js';
import { openDerivingStore } from '../helpers/derivingStore.js';
import { syntheticDocument } from '../fixtures/syntheticDocument.js';
import { createApp } from '../../src/web/app.js';

let store: Store;
let app: Hono;
beforeAll(() => {
  store = openDerivingStore(':memory:');
  // A fictional narrative of Tajikistan in 2023 only (the registry id is real, the text is not).
  store.importDocument(syntheticDocument([{ countryId: 'TJK', reportYear: 2023, tier: 'Tier 2' }], 'test://examplia-tjk.txt'));
  app = createApp(store);
});
afterAll(() => store.close());

async function get(path: string, status = 200): Promise<Response> {
  const res = await app.request(path);
  expect(res.status, path).toBe(status);
  return res;
}
const json = async <T>(path: string): Promise<T> => (await (await get(path)).json()) as T;
const html = async (path: string): Promise<string> => (await get(path)).text();

type Listed = { countries: { id: string; status: string }[] };

describe('one status per country and year', () => {
  it('/countries.json?year=, /index.json?year= and /years/{year}.json name the same countries "not known"', async () => {
    for (const y of store.reportYears().filter((x) => !x.complete)) {
      const year = y.reportYear;
      const years = await json<{ notKnown: { id: string }[] }>(`/years/${year}.json`);
      const fromYears = years.notKnown.map((c) => c.id).sort();
      const list = await json<Listed>(`/countries.json?year=${year}`);
      const fromList = list.countries.filter((c) => c.status === 'not-known').map((c) => c.id).sort();
      const home = await json<Listed>(`/index.json?year=${year}`);
      const fromHome = home.countries.filter((c) => c.status === 'not-known').map((c) => c.id).sort();
      expect(fromList, `${year}: /countries.json vs /years`).toEqual(fromYears);
      expect(fromHome, `${year}: /index.json vs /years`).toEqual(fromYears);
    }
  });

  it('says "not known" for any country missing from an incomplete year, even one not placed around it (Kiribati 2003)', async () => {
    const list = await json<Listed>('/countries.json?year=2003');
    expect(list.countries.find((c) => c.id === 'KIR')?.status).toBe('not-known');
    const home = await json<Listed & { countries: { id: string; expected: boolean }[] }>('/index.json?year=2003');
    // Not placed in the reports around 2003: not known, but not among the likely gaps either.
    expect(home.countries.find((c) => c.id === 'KIR')).toMatchObject({ status: 'not-known', expected: false });
    const years = await json<{ notKnown: { id: string; assessedAround: boolean }[] }>('/years/2003.json');
    expect(years.notKnown.find((c) => c.id === 'KIR')).toMatchObject({ assessedAround: false });
    const profile = await json<{ timeline: { reportYear: number; status: string }[] }>('/countries/KIR.json');
    expect(profile.timeline.find((e) => e.reportYear === 2003)?.status).toBe('not-known');
    // Territories the sources say were assessed but the compiled lists miss read "not known", never otherwise.
    for (const [id, year] of [['ABW', 2012], ['CUW', 2012], ['SXM', 2013], ['SSD', 2013]] as const) {
      const y = await json<Listed>(`/countries.json?year=${year}`);
      expect(y.countries.find((c) => c.id === id)?.status, `${id} ${year}`).toBe('not-known');
    }
    const page = await html('/years/2003');
    expect(page).toContain('Placed in earlier reports and not known to have left them since, so most likely in the 2003 report:');
    expect(page).toMatch(/<details><summary>\d+ countries not placed in the reports around 2003 \(most were probably not in it\)<\/summary>/);
  });

  it('says "did not exist" where the registry says so, even in a complete year', async () => {
    // South Sudan exists from the 2012 report; 2015's list is complete.
    const list = await json<Listed>('/countries.json?year=2005');
    expect(list.countries.find((c) => c.id === 'SSD')?.status).toBe('did-not-exist');
    const complete = store.reportYears().find((y) => y.complete)!;
    expect(complete.reportYear).toBeGreaterThan(2012);
    const page = await html('/countries/SSD/2005');
    expect(page).toContain('No tier placement is known for 2005: the country did not exist as such in that report year.');
    expect(page).toContain('<h1>SOUTH SUDAN (did not exist)</h1>');
    expect(page).toContain('<title>South Sudan (did not exist) — 2005 TIP Report · TIP Atlas</title>');
    expect(await html('/countries/VUT/2015')).toContain('<h1>VANUATU (not in the report)</h1>');
    // The timeline leaves out the years it did not exist.
    expect(page).not.toContain('<a href="/countries/SSD/2005">2005</a></td>');
    expect(page).toContain('<a href="/countries/SSD/2012">2012</a></td>');
  });
});

describe('a country page for a year without a narrative', () => {
  it('says what is known of the year and that its narrative is not imported, linking the years that have one', async () => {
    const body = await html('/countries/TJK/2019');
    const placed = store.tierHistory('TJK').find((p) => p.reportYear === 2019)!;
    expect(body).toContain(`<h1>TAJIKISTAN (${placed.tier})</h1>`);
    // The official report first: the publisher's 2019 country page (the '-2' form), then how we know it.
    expect(body).toContain(
      '<details class="src" id="tier"><summary>Source of the tier</summary><div class="src-body">Tier: <a href="https://www.state.gov/reports/2019-trafficking-in-persons-report-2/tajikistan/" class="ext official"',
    );
    expect(body).toContain('<span class="how block">How we know: ');
    expect(body).toContain(
      'No narrative of the 2019 report is held for Tajikistan. Narratives held: <a href="/countries/TJK/2023">2023</a>.',
    );
    expect(body).not.toContain('No narrative of Tajikistan has been imported yet');
  });

  it('says how a shipped placement is known (its basis), in words and in the timeline', async () => {
    const derived = store.tierHistory('AGO').find((p) => p.reportYear === 2016)!;
    expect(derived).toMatchObject({ origin: 'shipped', basis: 'derived' });
    const body = await html('/countries/AGO/2016');
    expect(body).toContain('How we know: inferred from the 2017 report’s narrative, which says how the tier changed; not stated directly');
    // The timeline too: each placement cites the report, then how it is known, in plain words.
    expect(body).toContain('<span class="how block">from the Cho / Kelley academic dataset: cho_merged_jk_2015-08-10.dta</span>');
  });

  it('names the sources that disagree on a year\'s tier, on the page and in its timeline', async () => {
    const body = await html('/countries/MMR/2016');
    expect(body).toContain('<h1>BURMA (tier not known)</h1>');
    expect(body).toMatch(/No tier placement is known for 2016: [^<]*\. The sources disagree on it: Tier 2 Watch List \(<a href="https:\/\/bestfbkl\.blogspot\.com\/[^"]*"[^>]*>[^<]*<\/a>\) \/ Tier 3 \(<a href="https:\/\/testbig\.com\//);
    expect(body).toContain('<td colspan="2" class="muted">not known — the sources disagree: Tier 2 Watch List (');
    const json = (await (await get('/countries/MMR/2016.json')).json()) as { tierConflicts: { reportYear: number }[] };
    expect(json.tierConflicts.map((c) => c.reportYear)).toEqual([2016]);
  });

  it('says the placement is not known for a year with gaps, and still links the narratives held', async () => {
    const body = await html('/countries/TJK/2016');
    expect(body).toContain('<h1>TAJIKISTAN (tier not known)</h1>');
    expect(body).toContain('No tier placement is known for 2016: that year’s compiled list has gaps: the country may be in that report, with a tier the list does not give.');
    expect(body).toContain('Narratives held: <a href="/countries/TJK/2023">2023</a>.');
  });

  it('cites the recommendations with their span', async () => {
    const body = await html('/countries/TJK/2023');
    const a = store.getAssessment('TJK', 2023)!;
    const recs = a.sections.find((s) => s.kind === 'recommendations')!;
    expect(body).toContain(
      `<details class="src"><summary>Source</summary><div class="src-body">Source: <a href="https://www.state.gov/reports/2023-trafficking-in-persons-report/tajikistan/" class="ext official" rel="noreferrer" title="The publisher’s country page">U.S. Department of State, <cite>2023 Trafficking in Persons Report</cite>: Tajikistan</a>, prioritized recommendations<span class="how block">How we know: read from imported document ${a.document.id}, which has no public address <span class="muted">characters ${recs.span.start}–${recs.span.end}</span>.</span></div></details>`,
    );
    expect(body).not.toContain('examplia-tjk.txt');
  });
});

describe('a country page for a country with no placement held', () => {
  it('says nothing is held for it rather than "No report year held", with an accurate title (Netherlands Antilles)', async () => {
    const body = await html('/countries/ANT');
    expect(body).not.toContain('No report year held');
    expect(body).not.toContain('compiled list has gaps.</p>');
    expect(body).toContain('No placement or narrative held');
    // Its timeline runs to 2010, its last report year.
    expect(body).toContain('No tier placement of Netherlands Antilles is known in any report year held (2001–2010), and no narrative of it is held.');
    expect(body).toContain('<title>Netherlands Antilles: no placement or narrative held · TIP Atlas</title>');
    expect(body).toContain('No narrative of Netherlands Antilles is held on this site');
    // The public page speaks to readers: no operator instructions.
    expect(body).not.toContain('tip-atlas import');
  });
});
