/**
 * The official publication as the primary source of every fact: "U.S. Department of State, *2023 Trafficking in
 * Persons Report*: Tajikistan", with the publisher's own address for it where one is known.
 *
 * Everything here is derived from `data/publisher-years.csv` (through `publisherYear`), whose cells rest on the
 * public pages listed in its `sources` column and described in `data/SOURCES.md`. Nothing is guessed: where the data
 * has no address, the citation says why there is none.
 *
 * - The report's address: its landing page on the publisher's current site (`landing_url`: 2020, 2022, 2023, 2025);
 *   else the landing page on an archived site of the publisher (`archived_landing_url`: 2002, 2003, 2017, 2018);
 *   else its table of contents (`index_url`: 2007, 2008); else none, with the reason.
 * - A country page's address, only where the year's `country_page_pattern` is a real address with a
 *   `<country-slug>` placeholder: 2017–2025, `https://www.state.gov/reports/<year>-trafficking-in-persons-report/
 *   <country-slug>/` (PUBLISHER.md, era 3: stored pages such as `…/2017-trafficking-in-persons-report/kuwait/`,
 *   `…/2022-…/palau/`), and for 2019 the `-2` form `…/2019-trafficking-in-persons-report-2/<slug>/` (era 3a: the
 *   stored page `…/2019-trafficking-in-persons-report-2/palau/`). Before 2017 the country narratives are at pages
 *   with numeric ids (`…/tiprpt/2008/105387.htm`, `…/countries/2014/226846.htm`, eras 1–2b) that cannot be formed
 *   from a country's name, so the report's page is cited and the note says so.
 */
import { existsInReportYear } from './types.js';
import { firstUrl, publisherYear } from './publisherYears.js';

export const PUBLISHER = 'U.S. Department of State';

/** The publisher's page on the report, all years (PUBLISHER.md, "Hub (all years)"; cited by several public repositories). */
export const PUBLISHER_HUB_URL = 'https://www.state.gov/trafficking-in-persons-report/';

export type OfficialUrlKind =
  | 'country page'
  | 'report landing page'
  | 'archived report landing page'
  | 'report table of contents';

export interface OfficialAddress {
  url: string | null;
  kind: OfficialUrlKind | null;
  /** Why the address is what it is, or why there is none (shown to readers). */
  note: string | null;
}

/** A fact's official source: the report (and country) it appears in, with the publisher's address for it. */
export interface OfficialSource {
  publisher: string;
  reportYear: number;
  /** "2023 Trafficking in Persons Report". */
  reportTitle: string;
  /** The country as the registry names it; null when the whole report is cited. */
  countryName: string | null;
  /** "2023 Trafficking in Persons Report: Tajikistan". */
  title: string;
  /** ISO date of the report's release, where known. */
  releaseDate: string | null;
  url: string | null;
  urlKind: OfficialUrlKind | null;
  /** Why this address (or why none): "the publisher's 2008 country narratives are at numeric-id pages…". */
  note: string | null;
}

export function reportTitle(reportYear: number): string {
  return `${reportYear} Trafficking in Persons Report`;
}

/**
 * Country-page slugs that differ from the registry's (which keeps the latest) in some years, each from a stored
 * page: North Macedonia was `macedonia` in the 2017 and 2018 reports (`…/2017-trafficking-in-persons-report/
 * macedonia/` and `…/2018-…/macedonia/`, sources of data/tier-placements.csv).
 */
const EARLIER_SLUGS: Record<string, { untilYear: number; slug: string }> = {
  MKD: { untilYear: 2018, slug: 'macedonia' },
};

/** The report's own page for a year: landing page, else archived landing page, else table of contents, else none. */
export function reportAddress(reportYear: number): OfficialAddress {
  const y = publisherYear(reportYear);
  if (!y) return { url: null, kind: null, note: `no publisher facts are held for the ${reportYear} report` };
  const landing = firstUrl(y.landingUrl);
  if (landing) return { url: landing, kind: 'report landing page', note: null };
  const archived = firstUrl(y.archivedLandingUrl);
  if (archived) {
    return { url: archived, kind: 'archived report landing page', note: `the ${reportYear} report’s landing page as the publisher’s archived site keeps it` };
  }
  const index = firstUrl(y.indexUrl);
  if (index) return { url: index, kind: 'report table of contents', note: `no landing page of the ${reportYear} report was seen; this is its table of contents` };
  return {
    url: null,
    kind: null,
    note: `no address of the ${reportYear} report’s own page was seen in the sources compiled`,
  };
}

/** The pattern of a year's country pages when it is a real address with a slug placeholder, else null. */
function slugPattern(cell: string | null): string | null {
  const m = cell?.match(/^(https:\/\/www\.state\.gov\/reports\/\d{4}-trafficking-in-persons-report(?:-2)?\/)<country-slug>\/(?:\s|$)/);
  return m ? m[1]! : null;
}

/**
 * A country page's address for a year, formed from the year's pattern and the country's slug where the pattern
 * allows it (2017–2025); else null with the reason.
 */
export function countryPageAddress(reportYear: number, country: { id: string; slug: string }): OfficialAddress {
  const y = publisherYear(reportYear);
  const prefix = slugPattern(y?.countryPagePattern ?? null);
  if (prefix) {
    const earlier = EARLIER_SLUGS[country.id];
    const slug = earlier && reportYear <= earlier.untilYear ? earlier.slug : country.slug;
    return { url: `${prefix}${slug}/`, kind: 'country page', note: null };
  }
  const pattern = y?.countryPagePattern ?? '';
  const why = /numeric id/.test(pattern)
    ? `the ${reportYear} report’s country narratives are on pages with numeric ids, which cannot be formed from a country’s name`
    : `no address pattern of the ${reportYear} report’s country pages was seen`;
  return { url: null, kind: null, note: why };
}

/**
 * The official source of a fact about a country in a report year: the country page where its address can be
 * formed, else the report's page, else none (with the reason). `seenUrl`, when given, is a country page of that
 * year on the publisher's site that a source actually shows (a shipped placement's `source`): it is used as is.
 */
export function officialSource(
  reportYear: number,
  country?: { id: string; name: string; slug: string; firstReportYear?: number; lastReportYear?: number } | null,
  seenUrl?: string | null,
): OfficialSource {
  const y = publisherYear(reportYear);
  const base = {
    publisher: PUBLISHER,
    reportYear,
    reportTitle: reportTitle(reportYear),
    countryName: country?.name ?? null,
    title: country ? `${reportTitle(reportYear)}: ${country.name}` : reportTitle(reportYear),
    releaseDate: y?.releaseDate ?? null,
  };
  if (country && seenUrl && isPublisherCountryPage(seenUrl, reportYear)) {
    return { ...base, url: seenUrl, urlKind: 'country page', note: null };
  }
  const page = country && existsInReportYear(country, reportYear) ? countryPageAddress(reportYear, country) : null;
  if (page?.url) return { ...base, url: page.url, urlKind: page.kind, note: null };
  const report = reportAddress(reportYear);
  const notes = [page?.note, report.url ? `its ${report.kind} is cited instead` : report.note].filter(Boolean);
  return { ...base, url: report.url, urlKind: report.kind, note: notes.length ? `${notes.join('; ')}.` : null };
}

/** Whether an address is a country page of that report year on the publisher's current site. */
export function isPublisherCountryPage(url: string, reportYear: number): boolean {
  return new RegExp(`^https://www\\.state\\.gov/reports/${reportYear}-trafficking-in-persons-report(?:-2)?/[a-z0-9-]+/?$`).test(url);
}

/** Whether an address is on the publisher's own sites (state.gov and its archived and mobile hosts). */
export function isPublisherAddress(url: string | null | undefined): boolean {
  if (!url) return false;
  try {
    const host = new URL(url).hostname.toLowerCase();
    return host === 'state.gov' || host.endsWith('.state.gov');
  } catch {
    return false;
  }
}
