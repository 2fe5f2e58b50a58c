import { describe, expect, it } from 'vitest';
import { COUNTRIES } from '../../src/countries/index.js';
import { discover, extractLinks, parseRobots, rebase, robotsAllows, yearPlan } from '../../src/ingest/fetch/index.js';
import { cachePathFor } from '../../src/ingest/fetch/cache.js';
import { defaultLookup } from '../../src/ingest/index.js';
import { htmlSelfAddresses } from '../../src/ingest/publicAddress.js';
import { reportYearFromAddress } from '../../src/ingest/reportYear.js';

describe('report year from an address (every form the publisher has used)', () => {
  it.each([
    ['https://www.state.gov/reports/2024-trafficking-in-persons-report/united-states/', 2024],
    ['https://www.state.gov/reports/2019-trafficking-in-persons-report-2/palau/', 2019],
    ['https://2017-2021.state.gov/trafficking-in-persons-report-2018/index.html', 2018],
    ['https://preview.state.gov/reports/2018-trafficking-in-persons-report/kuwait/', 2018],
    ['https://2009-2017.state.gov/j/tip/rls/tiprpt/countries/2014/226846.htm', 2014],
    ['https://2009-2017.state.gov/j/tip/rls/tiprpt/2009/123135.htm', 2009],
    ['http://www.state.gov/g/tip/rls/tiprpt/2005/46614.htm', 2005],
    ['http://www.state.gov/g/tip/rls/tiprpt/2003/', 2003],
    ['C:\\mirror\\www.state.gov\\reports\\2022-trafficking-in-persons-report\\palau\\index.html', 2022],
    ['/home/me/.cache/fetch/2016/j/tip/rls/tiprpt/countries/2016/258876.htm', 2016],
  ])('%s → %i', (address, year) => {
    expect(reportYearFromAddress(address)).toBe(year);
  });

  it.each([
    'http://m.state.gov/md21277.htm', // the mobile copies carry no year
    'https://www.state.gov/wp-content/uploads/2021/09/TIPR-GPA-upload-07222021.pdf', // the month of upload, not the report
    'https://www.state.gov/reports/1999-trafficking-in-persons-report/x/', // no such report
    'notes/2023/tajikistan.txt',
  ])('%s → none', (address) => {
    expect(reportYearFromAddress(address)).toBeUndefined();
  });

  it('reads the address a saved page states for itself', () => {
    expect(htmlSelfAddresses('<!-- saved from url=(0040)https://a.example/x/ -->\n<html><head><link href="https://b.example/y/" rel="canonical"><meta property="og:url" content="https://c.example/z/"><base href=\'https://d.example/\'></head>')).toEqual([
      { kind: 'saved-from', url: 'https://a.example/x/' },
      { kind: 'canonical', url: 'https://b.example/y/' },
      { kind: 'og:url', url: 'https://c.example/z/' },
      { kind: 'base', url: 'https://d.example/' },
    ]);
    expect(htmlSelfAddresses('<link rel="stylesheet" href="https://x.example/s.css">')).toEqual([]);
  });
});

describe('robots.txt', () => {
  const txt = 'User-agent: *\nDisallow: /private/\nAllow: /private/open$\nCrawl-delay: 2\n\nUser-agent: tip-atlas\nUser-agent: other\nDisallow: /reports/*/secret/\n';
  it('uses our group when one names us, else *; longest match wins, Allow on a tie', () => {
    const ours = parseRobots(txt, 'tip-atlas');
    expect(robotsAllows(ours, '/private/x')).toBe(true); // our group does not disallow it
    expect(robotsAllows(ours, '/reports/2024-x/secret/page')).toBe(false);
    const star = parseRobots(txt, 'somebot');
    expect(robotsAllows(star, '/private/x')).toBe(false);
    expect(robotsAllows(star, '/private/open')).toBe(true);
    expect(robotsAllows(star, '/private/open/more')).toBe(false);
    expect(star.crawlDelayMs).toBe(2000);
    expect(robotsAllows(parseRobots('', 'tip-atlas'), '/anything')).toBe(true);
    expect(robotsAllows({ rules: [], disallowAll: true }, '/anything')).toBe(false);
  });
});

describe('the publisher’s eras and a mirror', () => {
  it('plans each year by its era, with the addresses cited in publisher.ts', () => {
    expect(yearPlan(2024).indexUrls).toEqual(['https://www.state.gov/reports/2024-trafficking-in-persons-report/']);
    expect(yearPlan(2019).indexUrls).toEqual([
      'https://www.state.gov/reports/2019-trafficking-in-persons-report-2/',
      'https://www.state.gov/reports/2019-trafficking-in-persons-report/',
    ]);
    expect(yearPlan(2019).slugUrl?.({ id: 'PLW', slug: 'palau' })).toBe('https://www.state.gov/reports/2019-trafficking-in-persons-report-2/palau/');
    // The slug the publisher used that year, not the registry's latest (North Macedonia was 'macedonia' until 2018).
    expect(yearPlan(2018).slugUrl?.({ id: 'MKD', slug: 'north-macedonia' })).toBe('https://www.state.gov/reports/2018-trafficking-in-persons-report/macedonia/');
    expect(yearPlan(2030).slugUrl?.({ id: 'PLW', slug: 'palau' })).toBe('https://www.state.gov/reports/2030-trafficking-in-persons-report/palau/');
    expect(yearPlan(2014).era).toBe('archive');
    expect(yearPlan(2014).indexUrls[0]).toBe('https://2009-2017.state.gov/j/tip/rls/tiprpt/2014/index.htm');
    expect(yearPlan(2014).slugUrl).toBeUndefined(); // numbered pages cannot be built from a slug
    // The table of contents of data/publisher-years.csv, moved to the archive host (2008 was under /g/).
    expect(yearPlan(2008).indexUrls).toContain('https://2009-2017.state.gov/j/tip/rls/tiprpt/2008/105374.htm');
    expect(yearPlan(2021).pdfUrl).toBe('https://www.state.gov/wp-content/uploads/2021/07/TIP_Report_Final_20210701.pdf');
    expect(yearPlan(2001).era).toBe('first-report');
  });

  it('rebases every publisher host onto a mirror, and nothing else', () => {
    const m = 'http://127.0.0.1:8080/pub';
    expect(rebase('https://2009-2017.state.gov/j/tip/rls/tiprpt/2014/index.htm', m)).toBe('http://127.0.0.1:8080/pub/j/tip/rls/tiprpt/2014/index.htm');
    expect(rebase('https://www.state.gov/reports/x/?p=1', m)).toBe('http://127.0.0.1:8080/pub/reports/x/?p=1');
    expect(rebase('https://example.org/a', m)).toBe('https://example.org/a');
    expect(rebase('https://2009-2017.state.gov/a', 'https://www.state.gov')).toBe('https://2009-2017.state.gov/a');
  });

  it('keeps cached pages under their address path, index pages hidden', () => {
    expect(cachePathFor('https://www.state.gov/reports/2024-trafficking-in-persons-report/cote-divoire/', 'page')).toBe('reports/2024-trafficking-in-persons-report/cote-divoire/index.html');
    expect(cachePathFor('https://2009-2017.state.gov/j/tip/rls/tiprpt/countries/2014/226846.htm', 'page')).toBe('j/tip/rls/tiprpt/countries/2014/226846.htm');
    expect(cachePathFor('https://www.state.gov/reports/2024-trafficking-in-persons-report/', 'index')).toBe('.index/reports/2024-trafficking-in-persons-report/index.html');
    expect(cachePathFor('https://x.example/../../etc/passwd', 'page')).toBe('etc/passwd/index.html');
  });
});

describe('discovery maps an index page’s links to registry countries', () => {
  const landing = 'https://www.state.gov/reports/2023-trafficking-in-persons-report/';
  const html =
    `<a href="${landing}korea-north/">Korea, North</a> <a href="${landing}cote-divoire/">Côte d&#8217;Ivoire</a>` +
    `<a href="/reports/2023-trafficking-in-persons-report/burma/"><span>Burma</span></a> <a href='${landing}tajikistan/'>TAJIKISTAN (Tier 2)</a>` +
    `<a href="${landing}the-gambia/">the-gambia</a> <a href="${landing}introduction/">Introduction</a>` +
    `<a href="https://www.state.gov/reports/2022-trafficking-in-persons-report/palau/">Palau</a>` +
    `<a href="/wp-content/uploads/2023/06/Trafficking-in-Persons-Report-2023.pdf">Download the 2023 Report</a> <a href="#top">Top</a> <a href="mailto:x@y">x</a>` +
    `<a href="/wp-content/uploads/2023/06/Palau-2023.pdf">Palau</a>`;
  it('by the link text (names, aliases, tier suffixes), else by the slug; other links of the report are listed', () => {
    const d = discover(html, landing, yearPlan(2023), 'https://www.state.gov', defaultLookup, COUNTRIES);
    // A PDF of one country counts as its page.
    expect(d.countries.map((c) => c.country.id)).toEqual(['PRK', 'CIV', 'MMR', 'TJK', 'GMB', 'PLW']);
    expect(d.unmapped.map((l) => l.text)).toEqual(['Introduction']);
    expect(d.pdfs.map((l) => l.url)).toEqual(['https://www.state.gov/wp-content/uploads/2023/06/Trafficking-in-Persons-Report-2023.pdf']);
    // The 2022 page is not a page of the 2023 report.
    expect(d.countries.some((c) => c.url.includes('2022'))).toBe(false);
  });

  it('extracts links with any quoting, resolved against the page', () => {
    expect(extractLinks('<a class=x href=../b.htm>B&amp;C</a>', 'https://h.example/j/a/index.htm')).toEqual([{ url: 'https://h.example/j/b.htm', text: 'B&C' }]);
  });
});
