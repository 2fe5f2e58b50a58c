/**
 * The official report as the primary source: every year's address (or why none), public addresses of imported
 * documents shown instead of local paths, and which version of a country-year is shown.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COUNTRIES } from '../../src/countries/index.js';
import {
  PUBLISHER_YEARS,
  countryPageAddress,
  officialSource,
  reportAddress,
  CUT_SHORT_WARNINGS,
} from '../../src/domain/index.js';
import { parseText, readDocument, parseDocument, sha256Of } from '../../src/ingest/index.js';
import { htmlCanonicalAddress, publicAddressOf, sourceLineAddress } from '../../src/ingest/index.js';
import { type Store } from '../../src/store/index.js';
import { openDerivingStore } from '../helpers/derivingStore.js';
import { createApp } from '../../src/web/app.js';
import { HAVE_CORPUS, CORPUS_DIR, NO_CORPUS_REASON, SEED_FILE } from '../helpers/shared.js';

const TJK = COUNTRIES.find((c) => c.id === 'TJK')!;

describe('the publisher’s address of every report year', () => {
  const shippedYears = openDerivingStore(':memory:');
  afterAll(() => shippedYears.close());

  it('has, for every year in data/, the report’s own page or says why there is none', () => {
    const years = new Set([...PUBLISHER_YEARS.map((y) => y.reportYear), ...shippedYears.reportYears().map((y) => y.reportYear)]);
    expect(years.size).toBe(25);
    for (const year of years) {
      const r = reportAddress(year);
      if (r.url) expect(r.url, String(year)).toMatch(/^https?:\/\/[^ ]+$/);
      else expect(r.note, String(year)).toMatch(/^no address of the \d{4} report’s own page was seen/);
      // And a country's citation: the country page where its address can be formed, else the report's, else why not.
      const o = officialSource(year, TJK);
      expect(o.title).toBe(`${year} Trafficking in Persons Report: Tajikistan`);
      expect(o.url !== null || (o.note ?? '').length > 20, String(year)).toBe(true);
    }
  });

  it('forms country pages only where the year’s pattern allows: 2017–2025, with 2019’s “-2” form', () => {
    for (let year = 2001; year <= 2016; year++) expect(countryPageAddress(year, TJK).url, String(year)).toBeNull();
    expect(countryPageAddress(2008, TJK).note).toBe('the 2008 report’s country narratives are on pages with numeric ids, which cannot be formed from a country’s name');
    expect(countryPageAddress(2011, TJK).note).toBe('no address pattern of the 2011 report’s country pages was seen');
    for (let year = 2017; year <= 2025; year++) {
      expect(countryPageAddress(year, TJK).url).toBe(
        `https://www.state.gov/reports/${year}-trafficking-in-persons-report${year === 2019 ? '-2' : ''}/tajikistan/`,
      );
    }
    // North Macedonia's page was "macedonia" in 2017 and 2018 (stored pages), "north-macedonia" after.
    const mkd = COUNTRIES.find((c) => c.id === 'MKD')!;
    expect(countryPageAddress(2018, mkd).url).toBe('https://www.state.gov/reports/2018-trafficking-in-persons-report/macedonia/');
    expect(countryPageAddress(2020, mkd).url).toBe('https://www.state.gov/reports/2020-trafficking-in-persons-report/north-macedonia/');
  });

  it('cites the report’s own page where no country page can be formed, and says so', () => {
    expect(officialSource(2002, TJK)).toMatchObject({
      url: 'https://2009-2017.state.gov/j/tip/rls/tiprpt/2002/index.htm',
      urlKind: 'archived report landing page',
      note: 'the 2002 report’s country narratives are on pages with numeric ids, which cannot be formed from a country’s name; its archived report landing page is cited instead.',
    });
    expect(officialSource(2008, TJK)).toMatchObject({ url: 'http://www.state.gov/g/tip/rls/tiprpt/2008/105374.htm', urlKind: 'report table of contents' });
    expect(officialSource(2012, TJK)).toMatchObject({ url: null, urlKind: null });
  });

  it('uses a country page a shipped source shows as it is (2019’s plain form too)', () => {
    const seen = 'https://www.state.gov/reports/2019-trafficking-in-persons-report/seychelles/';
    const syc = COUNTRIES.find((c) => c.id === 'SYC')!;
    expect(officialSource(2019, syc, seen).url).toBe(seen);
    // A source that is not the publisher's page is not taken for one.
    expect(officialSource(2019, syc, 'https://gvnet.com/humantrafficking/00-Ratings.htm').url).toBe(
      'https://www.state.gov/reports/2019-trafficking-in-persons-report-2/seychelles/',
    );
  });

  it('names the report and its page on the year page and in its JSON', async () => {
    const app = createApp(shippedYears);
    const page = await (await app.request('/years/2023')).text();
    expect(page).toContain('The report: <a href="https://www.state.gov/reports/2023-trafficking-in-persons-report/" class="ext official"');
    expect((await (await app.request('/years/2012.json')).json()).official).toMatchObject({ title: '2012 Trafficking in Persons Report', url: null });
  });

  it('links every shipped placement of a year with a known address to it, in the placements download', async () => {
    const app = createApp(shippedYears);
    const csv = await (await app.request('/data/tier-placements.csv')).text();
    const rows = csv.trim().split('\n').slice(1);
    expect(rows.length).toBeGreaterThan(3000);
    for (const row of rows) {
      const year = Number(row.slice(0, 4));
      const official = row.slice(row.lastIndexOf(',') + 1);
      if (year >= 2017 || reportAddress(year).url) expect(official, row).toMatch(/^https?:\/\/\S*state\.gov\//);
      else expect(official, row).toBe('');
    }
  });
});

describe('a document’s public address', () => {
  it('is the “# source: URL” first line, an HTML page’s canonical (else og:url), an http(s) origin, or the one given', () => {
    expect(sourceLineAddress('# source: https://example.org/a?b=1\n\nTEXT')).toBe('https://example.org/a?b=1');
    expect(sourceLineAddress('\uFEFF# source: http://example.org/x\r\nTEXT')).toBe('http://example.org/x');
    expect(sourceLineAddress('TEXT\n# source: https://example.org/late')).toBeNull();
    expect(sourceLineAddress('# source: /local/path.txt\n')).toBeNull();
    expect(htmlCanonicalAddress('<head><meta property="og:url" content="https://e.org/og"><link rel="canonical" href="https://e.org/c?a=1&amp;b=2"></head>')).toBe(
      'https://e.org/c?a=1&b=2',
    );
    expect(htmlCanonicalAddress('<meta property="og:url" content="https://e.org/og">')).toBe('https://e.org/og');
    expect(htmlCanonicalAddress('<link rel="canonical" href="/relative">')).toBeNull();
    expect(publicAddressOf({ origin: '/tmp/x.txt', text: '# source: https://e.org/line\n' })).toBe('https://e.org/line');
    expect(publicAddressOf({ origin: 'https://e.org/fetched', text: '# source: https://e.org/line\n' })).toBe('https://e.org/fetched');
    expect(publicAddressOf({ origin: '/tmp/x.html', text: '', pageAddress: 'https://e.org/canon' })).toBe('https://e.org/canon');
    expect(publicAddressOf({ origin: '/tmp/x.txt', text: '# source: https://e.org/line\n', given: 'https://e.org/given' })).toBe('https://e.org/given');
    expect(publicAddressOf({ origin: '/tmp/x.txt', text: 'no line' })).toBeNull();
  });

  it('is read from an HTML page’s canonical link on import', async () => {
    const page = `<!doctype html><html><head><title>2024 Trafficking in Persons Report: Uzbekistan</title>
<link rel="canonical" href="https://www.state.gov/reports/2024-trafficking-in-persons-report/uzbekistan/"></head>
<body><main><h2>UZBEKISTAN (Tier 2)</h2><p>The Government of the fictional test country does not fully meet the minimum standards for the elimination of trafficking but is making significant efforts to do so; therefore Uzbekistan remained on Tier 2.</p></main></body></html>`;
    const doc = await parseDocument({ origin: '/home/someone/saved.html', bytes: Buffer.from(page), sha256: sha256Of(Buffer.from(page)) });
    expect(doc.publicUrl).toBe('https://www.state.gov/reports/2024-trafficking-in-persons-report/uzbekistan/');
  });
});

/** A fictional narrative of Uzbekistan for one year: complete (ten recommendations, three sections) or cut short. */
function uzbText(cut: boolean): string {
  const recs = Array.from({ length: 10 }, (_, i) => `Carry out invented measure number ${i + 1} for this fictional test.`).join('\n');
  const full = `2023 Trafficking in Persons Report: Uzbekistan\n\nUZBEKISTAN (Tier 2)\n\nThe Government of Uzbekistan does not fully meet the minimum standards for the elimination of trafficking but is making significant efforts to do so; therefore Uzbekistan remained on Tier 2. This is synthetic text for a test.\n\nPRIORITIZED RECOMMENDATIONS:\n\n${recs}\n\nPROSECUTION\n\nThe invented government reported invented figures in this synthetic paragraph.\n\nPROTECTION\n\nThe invented government identified invented victims in this synthetic paragraph.\n`;
  return cut ? full.slice(0, full.indexOf('This is synthetic') + 'This is synth'.length) : full;
}

describe('which version of a country-year is shown', () => {
  const complete = uzbText(false);
  const short = uzbText(true);
  const importText = (s: Store, text: string, origin: string, publicUrl: string) =>
    s.importDocument({ ...parseText(text, origin, sha256Of(Buffer.from(text))), publicUrl });

  it('the fictional cut-short copy is cut short and has no recommendations', () => {
    const a = parseText(short, 'short.txt', sha256Of(Buffer.from(short))).assessments[0]!;
    expect(a.recommendations).toHaveLength(0);
    expect(a.warnings.map((w) => w.message)).toContain(CUT_SHORT_WARNINGS.narrative);
  });

  for (const order of ['complete first', 'cut-short copy first'] as const) {
    it(`shows the complete one whichever comes first (${order}), and the page and JSON say why`, async () => {
      const s = openDerivingStore(':memory:');
      try {
        const docs = order === 'complete first' ? [[complete, 'https://example.org/complete'], [short, 'https://example.org/short']] : [[short, 'https://example.org/short'], [complete, 'https://example.org/complete']];
        const outcomes = docs.map(([t, u], i) => importText(s, t!, `/local/${i}.txt`, u!));
        const shown = s.getAssessment('UZB', 2023)!;
        expect(shown.document.publicUrl).toBe('https://example.org/complete');
        expect(shown.recommendations).toHaveLength(10);
        if (order === 'complete first') expect(outcomes[1]).toMatchObject({ status: 'imported', replaced: 0, notShown: 1 });
        else expect(outcomes[1]).toMatchObject({ status: 'imported', replaced: 1 });
        const app = createApp(s);
        const json = await (await app.request('/countries/UZB/2023.json')).json();
        expect(json.versions.versions.map((v: { publicUrl: string; shown: boolean; whyNotShown: string | null }) => [v.publicUrl, v.shown, v.whyNotShown])).toEqual([
          ['https://example.org/complete', true, null],
          ['https://example.org/short', false, 'cut short'],
        ]);
        const page = await (await app.request('/countries/UZB/2023')).text();
        expect(page).toContain('<h2 id="versions-h">Versions held</h2>');
        expect(page).toContain('(not shown: cut short)');
        expect(page).not.toContain('/local/');
      } finally {
        s.close();
      }
    });
  }

  it('prefers the publisher’s own page over a copy as complete; then the later import', () => {
    const s = openDerivingStore(':memory:');
    try {
      importText(s, complete, '/a.txt', 'https://www.state.gov/reports/2023-trafficking-in-persons-report/uzbekistan/');
      importText(s, complete + '\n', '/b.txt', 'https://example.org/copy');
      expect(s.getAssessment('UZB', 2023)!.document.origin).toBe('/a.txt');
      importText(s, complete + '\n\n', '/c.txt', 'https://www.state.gov/reports/2023-trafficking-in-persons-report/uzbekistan/');
      expect(s.getAssessment('UZB', 2023)!.document.origin).toBe('/c.txt');
    } finally {
      s.close();
    }
  });
});

describe.skipIf(!HAVE_CORPUS)(`a corpus excerpt’s “# source:” address (${HAVE_CORPUS ? 'corpus present' : NO_CORPUS_REASON})`, () => {
  const EXCERPT = `${CORPUS_DIR}excerpts/2023_tajikistan_head_03.txt`;
  let store: Store;
  let app: ReturnType<typeof createApp>;
  let url: string;
  beforeAll(async () => {
    url = /^# source: (\S+)/.exec(readFileSync(EXCERPT, 'utf8'))![1]!;
    store = openDerivingStore(':memory:');
    store.importDocument(await parseDocument(await readDocument(EXCERPT)));
    app = createApp(store);
  });
  afterAll(() => store?.close());

  it('is what the profile, its JSON cite and the search hit give; the official page comes first', async () => {
    const page = await (await app.request('/countries/TJK/2023')).text();
    expect(page).toContain(`href="${url}"`);
    expect(page).toContain('href="https://www.state.gov/reports/2023-trafficking-in-persons-report/tajikistan/"');
    const json = await (await app.request('/countries/TJK/2023.json')).json();
    expect(json.cite.document.publicUrl).toBe(url);
    expect(json.cite.howWeKnow.source).toBe(url);
    expect(json.cite.official.url).toBe('https://www.state.gov/reports/2023-trafficking-in-persons-report/tajikistan/');
    expect(json.assessment.source.document.publicUrl).toBe(url);
    const hits = await (await app.request('/search.json?q=penalization')).json();
    expect(hits.hits.length).toBeGreaterThan(0);
    expect(hits.hits[0].document.publicUrl).toBe(url);
    const searchPage = await (await app.request('/search?q=penalization')).text();
    expect(searchPage).toContain(`href="${url}"`);
  });

  it('is served everywhere instead of the local path (pages, JSON, feeds, search, downloads)', async () => {
    const routes = [
      '/', '/index.json', '/countries', '/countries.json', '/countries/TJK', '/countries/TJK.json', '/countries/TJK/2023',
      '/countries/TJK/2023.json', '/countries/TJK/feed.atom', '/feeds/changes.atom', '/years/2023', '/years/2023.json',
      '/compare?c=TJK,UZB', '/compare.json?c=TJK', '/search?q=tajikistan', '/search.json?q=tajikistan', '/data', '/data.json',
      '/data/tier-placements.csv?year=2023', '/data/tier-placements.json?year=2023', '/data/assessments.json', '/data/assessments.csv',
      '/data/sections.csv', '/data/recommendations.csv', '/countries/TJK/indicators.json', '/countries/TJK/indicators.csv',
      '/countries/TJK/recommendations.json',
    ];
    for (const r of routes) {
      const res = await app.request(r);
      expect(res.status, r).toBe(200);
      const body = await res.text();
      expect(body, r).not.toContain(EXCERPT);
      expect(body, r).not.toContain('2023_tajikistan_head_03');
    }
    const db = Buffer.from(await (await app.request('/data/tip-atlas.sqlite')).arrayBuffer());
    expect(db.includes(Buffer.from('2023_tajikistan_head_03'))).toBe(false);
    expect(db.includes(Buffer.from(url))).toBe(true);
  });

  it('keeps the complete seed shown when the cut-short excerpt comes after it, and the other way round', async () => {
    for (const order of [[SEED_FILE, EXCERPT], [EXCERPT, SEED_FILE]]) {
      const s = openDerivingStore(':memory:');
      try {
        for (const f of order) s.importDocument(await parseDocument(await readDocument(f)));
        const shown = s.getAssessment('TJK', 2023)!;
        expect(shown.document.origin, order.join(' then ')).toBe(SEED_FILE);
        expect(shown.recommendations).toHaveLength(10);
        expect(s.assessmentHistory('TJK', 2023)).toHaveLength(2);
      } finally {
        s.close();
      }
    }
  });
});

describe('absences told right', () => {
  const s = openDerivingStore(':memory:');
  const app = createApp(s);
  afterAll(() => s.close());

  it('the United States before the 2010 report is “not in the report”, on the page and in the JSON', async () => {
    const json = await (await app.request('/countries/USA/2005.json')).json();
    expect(json.yearStatus).toBe('not-in-report');
    const early = (json.timeline as { reportYear: number; status: string }[]).filter((e) => e.reportYear < 2010);
    expect(early.map((e) => e.status)).toEqual(Array(9).fill('not-in-report'));
    const page = await (await app.request('/countries/USA/2005')).text();
    expect(page).toContain('<h1>UNITED STATES OF AMERICA (not in the report)</h1>');
    expect(page).toContain('the country is not in that report: the reports had not yet begun to assess it');
    expect((await (await app.request('/index.json?year=2005')).json()).countries.find((c: { id: string }) => c.id === 'USA').status).toBe('not-in-report');
  });

  it('lands no report assesses are “not assessed by the report” on the map and in its legend, never “did not exist”', async () => {
    const home = await (await app.request('/?year=2020')).text();
    expect(home).toContain('<title>Not assessed by the report</title>');
    expect(home).toMatch(/<span>not assessed by the report(, or not a country that year)?<\/span>/);
    expect(home).not.toContain('did not exist in that year');
  });
});

describe('lists of placements link each to the official report', () => {
  const s = openDerivingStore(':memory:');
  const app = createApp(s);
  afterAll(() => s.close());
  const officialLinks = (page: string, countryId: string) =>
    [...page.matchAll(new RegExp(`<a href="/countries/${countryId}/\\d{4}">[\\s\\S]*?</li>|<tr><td data-value="[^"]*"><a href="/countries/${countryId}[/"][\\s\\S]*?</tr>`, 'g'))]
      .map((m) => /<a class="official-ref ext" href="([^"]+)"/.exec(m[0])?.[1] ?? null);

  it('the year page: a country page of the publisher where its address is known, else the report page', async () => {
    const y2023 = await (await app.request('/years/2023')).text();
    expect(officialLinks(y2023, 'TJK')).toEqual(['https://www.state.gov/reports/2023-trafficking-in-persons-report/tajikistan/']);
    // 2002: numbered pages; the report's own (archived) page stands for every country.
    const y2002 = await (await app.request('/years/2002')).text();
    const official2002 = officialSource(2002, TJK).url;
    expect(official2002).toMatch(/^https?:\/\/.*2002/);
    expect(officialLinks(y2002, 'TJK')).toEqual([official2002]);
    // 2012: no address of the report's page was seen: no link (the profile says why), never a guessed one.
    expect(officialSource(2012, TJK).url).toBeNull();
    expect(officialLinks(await (await app.request('/years/2012')).text(), 'TJK')).toEqual([null]);
  });

  it('the countries list of a year, and the movements on the home page', async () => {
    const list = await (await app.request('/countries?year=2023')).text();
    expect(officialLinks(list, 'TJK')).toEqual(['https://www.state.gov/reports/2023-trafficking-in-persons-report/tajikistan/']);
    const page = await (await app.request('/?year=2023')).text();
    const home = page.slice(page.indexOf('Movements since'), page.indexOf('Sources of the movements'));
    const moved = [...home.matchAll(/<li><a href="\/countries\/([A-Z]{3})\/2023">[\s\S]*?<\/li>/g)];
    expect(moved.length).toBeGreaterThan(0);
    for (const m of moved) expect(m[0], m[1]).toMatch(/class="official-ref ext" href="https:\/\/www\.state\.gov\/reports\/2023-trafficking-in-persons-report\/[a-z0-9-]+\/"/);
  });
});
