/**
 * Long sections of a narrative, paged: a profile shows a long section's first page and links the section's own
 * paged view, so that no page or JSON twin grows with one section's length.
 */
import type { Citation, CountryProfile } from '../analysis/profile.js';
import { countryProfile } from '../analysis/profile.js';
import type { Country } from '../domain/index.js';
import { NotFoundError } from '../domain/index.js';
import type { Store } from '../store/types.js';

/**
 * A section longer than this many characters is folded: a page and its JSON twin show its first page and link to
 * the section's own paged view (`/countries/XEX/2023/sections/3?page=2`), so that one long section (up to the
 * import limit of 200,000 characters) never makes a page of that size. The longest section of the real report
 * excerpts the tests read holds 2,690 characters (Tajikistan 2023, its recommendations): no real section of that
 * length is folded.
 */
export const SECTION_PAGE_CHARS = 20_000;

/** Where the pages of a section's text begin and end: at a paragraph break, else at a space, else at the bound. */
export function sectionPageSpans(text: string, size: number = SECTION_PAGE_CHARS): { start: number; end: number }[] {
  const spans: { start: number; end: number }[] = [];
  for (let start = 0; start < text.length || spans.length === 0; ) {
    let end = Math.min(start + size, text.length);
    if (end < text.length) {
      const floor = start + Math.floor(size / 2);
      const paragraph = text.lastIndexOf('\n\n', end - 2);
      const space = text.lastIndexOf(' ', end - 1);
      if (paragraph >= floor) end = paragraph + 2;
      else if (space >= floor) end = space + 1;
    }
    spans.push({ start, end });
    start = end;
  }
  return spans;
}

/** One page of a long section: where it is, how many there are, and the addresses of its neighbours. */
export interface SectionPaging {
  sectionPage: number;
  sectionPages: number;
  /** The section's whole length in characters. */
  chars: number;
  next: string | null;
  previous: string | null;
}

/** A section as a profile shows it: `folded` when only its first page is shown. */
export type ProfileSectionView = NonNullable<CountryProfile['assessment']>['sections'][number] & { folded?: SectionPaging };

function sectionAddress(countryId: string, reportYear: number, ord: number, page: number, json = false): string {
  return `/countries/${countryId}/${reportYear}/sections/${ord}${json ? '.json' : ''}${page > 1 ? `?page=${page}` : ''}`;
}

export function paging(countryId: string, reportYear: number, ord: number, page: number, pages: number, chars: number, json: boolean): SectionPaging {
  return {
    sectionPage: page,
    sectionPages: pages,
    chars,
    next: page < pages ? sectionAddress(countryId, reportYear, ord, page + 1, json) : null,
    previous: page > 1 ? sectionAddress(countryId, reportYear, ord, page - 1, json) : null,
  };
}

/** One page of one section of a narrative (`ord` counts from 1 in the narrative's order, as sections.csv does). */
export interface SectionView {
  country: { id: string; name: string };
  reportYear: number;
  ord: number;
  kind: ProfileSectionView['kind'];
  title: string;
  heading: string;
  /** The text of this page of the section. */
  text: string;
  paging: SectionPaging;
  cite: Citation;
}

/** A page of a section (the page and JSON twin of `/countries/:id/:year/sections/:n?page=k`). */
export function sectionView(store: Store, country: Country, year: number, ord: number, page: number, json = false): SectionView {
  const a = countryProfile(store, country, year).assessment;
  if (!a || a.reportYear !== year) throw new NotFoundError(`no narrative of ${country.name} in the ${year} report is imported`);
  const s = a.sections[ord - 1];
  if (!s) throw new NotFoundError(`the ${year} narrative of ${country.name} has ${a.sections.length} sections, not ${ord}`);
  const spans = sectionPageSpans(s.text);
  const span = spans[page - 1];
  if (!span) throw new NotFoundError(`section ${ord} has ${spans.length} page${spans.length === 1 ? '' : 's'}, not ${page}`);
  return {
    country: { id: country.id, name: country.name },
    reportYear: year,
    ord,
    kind: s.kind,
    title: s.title,
    heading: s.heading,
    text: s.text.slice(span.start, span.end),
    paging: paging(country.id, year, ord, page, spans.length, s.text.length, json),
    cite: s.cite,
  };
}

