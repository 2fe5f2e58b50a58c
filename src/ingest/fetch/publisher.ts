import { countryPageAddress } from '../../domain/officialSource.js';
import { firstUrl, publisherYear } from '../../domain/publisherYears.js';

/**
 * Where the publisher (the U.S. Department of State) has put each report year, era by era. The facts come from
 * `data/publisher-years.csv` (sources per row in data/SOURCES.md):
 *
 * - 2017 → latest: the WordPress site, one page per country,
 *   `https://www.state.gov/reports/<year>-trafficking-in-persons-report/<country-slug>/` (seen for 2017 kuwait,
 *   2018 cuba, 2021 barbados, 2022 palau…); 2019 uses `2019-trafficking-in-persons-report-2` (seen: palau) and
 *   the plain form is cited too. The landing page (the same address without the slug) links every country page
 *   (a public scraper counts those links to get the number of countries assessed: public-code:67169956584).
 * - 2013?–2016: the 2009–2017 archive site, one page per country under a numeric id,
 *   `https://2009-2017.state.gov/j/tip/rls/tiprpt/countries/<year>/<id>.htm` (seen for 2014 226846.htm and 2016
 *   258876.htm). The 2014 page's heading is a bare "Tier 3" without the country's name. Which year this layout
 *   began (2013 or 2014) and the index page that links these pages were NOT seen: discovery reads whatever links
 *   the year's landing page and its "country narratives" pages carry.
 * - 2002–2012: the same archive site, `https://2009-2017.state.gov/j/tip/rls/tiprpt/<year>/<id>.htm`, first
 *   published at `http://www.state.gov/g/tip/rls/tiprpt/<year>/` (the office sat under "G" until 2008); the
 *   narratives are grouped alphabetically on a few long pages ("Country Narratives A through G", 2006 65988.htm,
 *   2012 192366.htm) that the parser splits on the country headings. Landing `.../<year>/index.htm` (seen for
 *   2002; for other years an assumption from that pattern), or the table of contents the CSV names (2007, 2008).
 * - 2001: only section pages `http://www.state.gov/g/tip/rls/tiprpt/2001/<id>.htm` were seen; the landing page
 *   and the country layout were NOT seen. The addresses tried (the archive hosts' `/g/` and `/j/` paths) are
 *   assumptions.
 * - Full-report PDFs: an address is known only for 2021 (from third-party links); other years' PDFs are found as
 *   links on the landing page, if it has one.
 */

/** The publisher's hosts, current and archived (a mirror given by --base-url stands in for all of them). */
export const PUBLISHER_HOSTS = ['www.state.gov', 'state.gov', '2009-2017.state.gov', '2001-2009.state.gov', '2017-2021.state.gov', 'preview.state.gov'];
export const DEFAULT_BASE_URL = 'https://www.state.gov';
const WWW = 'https://www.state.gov';
const ARCHIVE = 'https://2009-2017.state.gov';
const ARCHIVE_2001 = 'https://2001-2009.state.gov';

/** The first report year published on the WordPress site with one page per country. */
export const FIRST_WORDPRESS_YEAR = 2017;

export type Era = 'wordpress' | 'archive' | 'first-report';

export interface YearPlan {
  year: number;
  era: Era;
  /** Landing or index pages to try, in order (real addresses; `rebase` maps them to a mirror). */
  indexUrls: string[];
  /**
   * A country's page where the era's addresses are built from slugs (WordPress only): the official address
   * (domain/officialSource: the year's pattern and the slugs the publisher used that year), else the era's form.
   */
  slugUrl?: (country: { id: string; slug: string }) => string;
  /** Whether an address is a page of this year's report (a country page, a narratives page, a section). */
  inReport: (url: URL) => boolean;
  /** The full-report PDF, where its address is known (2021 only). */
  pdfUrl?: string;
  /** One line on what is known and what is assumed, for the run's output. */
  note: string;
}

/** The report's path segment on the WordPress site; 2019 was published under `-2` (both forms have been cited). */
export function wordpressReportSlugs(year: number): string[] {
  const plain = `${year}-trafficking-in-persons-report`;
  return year === 2019 ? [`${plain}-2`, plain] : [plain];
}

export function yearPlan(year: number): YearPlan {
  const row = publisherYear(year);
  const pdfUrl = firstUrl(row?.pdfUrl ?? null) ?? undefined;
  if (year >= FIRST_WORDPRESS_YEAR) {
    const slugs = wordpressReportSlugs(year);
    const inPath = new RegExp(`/reports/(?:${slugs.map((s) => s.replace(/-/g, '\\-')).join('|')})/`);
    return {
      year,
      era: 'wordpress',
      indexUrls: slugs.map((s) => `${WWW}/reports/${s}/`),
      slugUrl: (country) => countryPageAddress(year, country).url ?? `${WWW}/reports/${slugs[0]}/${country.slug}/`,
      inReport: (u) => inPath.test(u.pathname),
      ...(pdfUrl ? { pdfUrl } : {}),
      note: `one page per country at ${WWW}/reports/${slugs[0]}/<country>/ (data/publisher-years.csv)`,
    };
  }
  const inArchive = (u: URL) =>
    new RegExp(`/tiprpt/(?:countries/)?${year}/`).test(u.pathname) || new RegExp(`/tiprpt/${year}$`).test(u.pathname);
  const tableIndexes = [firstUrl(row?.indexUrl ?? null), firstUrl(row?.archivedLandingUrl ?? null)].filter((u): u is string => !!u);
  if (year === 2001) {
    return {
      year,
      era: 'first-report',
      // Assumed from the section pages seen (…/g/tip/rls/tiprpt/2001/3929.htm) and the 2001–2009 archive host.
      indexUrls: unique([`${ARCHIVE_2001}/g/tip/rls/tiprpt/2001/`, `${ARCHIVE}/j/tip/rls/tiprpt/2001/index.htm`, ...tableIndexes]),
      inReport: inArchive,
      note: 'the 2001 landing page and country layout were not seen in public sources: the addresses tried are assumptions',
    };
  }
  return {
    year,
    era: 'archive',
    indexUrls: unique([`${ARCHIVE}/j/tip/rls/tiprpt/${year}/index.htm`, ...tableIndexes.map(toArchive)]),
    inReport: inArchive,
    ...(pdfUrl ? { pdfUrl } : {}),
    note:
      year >= 2013
        ? `the 2009–2017 archive site; one page per country at ${ARCHIVE}/j/tip/rls/tiprpt/countries/${year}/<id>.htm (seen for 2014, 2016), found from the year's index`
        : `the 2009–2017 archive site; narratives on a few alphabetical pages (${ARCHIVE}/j/tip/rls/tiprpt/${year}/<id>.htm), split on the country headings`,
  };
}

function unique(xs: string[]): string[] {
  return [...new Set(xs)];
}

/** An old `http://www.state.gov/j/tip/...` or `/g/tip/...` address as the 2009–2017 archive serves it. */
function toArchive(url: string): string {
  const u = new URL(url);
  if (/^\/[gj]\/tip\/rls\/tiprpt\//.test(u.pathname) && (u.host === 'www.state.gov' || u.host === 'state.gov')) {
    return `${ARCHIVE}${u.pathname.replace(/^\/g\//, '/j/')}${u.pathname.endsWith('/') ? 'index.htm' : ''}`;
  }
  return url;
}

/** Whether an address is on one of the publisher's hosts. */
export function isPublisherUrl(u: URL): boolean {
  return PUBLISHER_HOSTS.includes(u.host.toLowerCase());
}

/**
 * Maps a publisher address to the mirror given by --base-url (its origin and path prefix), leaving other
 * addresses as they are. With the default base (the publisher itself) nothing changes.
 */
export function rebase(url: string, baseUrl: string): string {
  const base = new URL(baseUrl);
  if (isPublisherUrl(base)) return url;
  const u = new URL(url);
  if (!isPublisherUrl(u)) return url;
  const prefix = base.pathname.replace(/\/+$/, '');
  return `${base.origin}${prefix}${u.pathname}${u.search}`;
}
