/**
 * The data behind each page, as plain JSON-able objects: a page renders its view, and its `.json` twin is the
 * same view. Reads only through the Store interface.
 */
import type { CountryProfile } from '../analysis/profile.js';
import type { Citation } from '../analysis/profile.js';
import { countryProfile, documentRef, placementCitation } from '../analysis/profile.js';
import type { CountryRef, YearEntry, YearView } from '../analysis/yearView.js';
import { countryRef, latestReportYear, yearView } from '../analysis/yearView.js';
import type { Country, RegionCode, Tier } from '../domain/index.js';
import { NotFoundError, TIERS, tierRank } from '../domain/index.js';
import type { ReportYearInfo, Store, TierPlacement } from '../store/types.js';
import type { StatusIndex, YearStatus } from '../analysis/status.js';
import { statusIndex } from '../analysis/status.js';
import { countriesWithGood, goodsFacet } from '../analysis/context.js';
import { GOODS_SOURCE } from '../domain/context.js';
import { matchCountries, suggestCountries } from '../countries/index.js';

/** A placement as lists show it: the tier and where it comes from. */
export interface PlacementRef {
  reportYear: number;
  tier: Tier;
  asterisk: boolean;
  origin: TierPlacement['origin'];
  source: string;
}

/** Imported documents by id, as citations name them (their public address, never the local path). */
export function documentRefs(store: Store): Map<number, Citation['document']> {
  return new Map(store.documents().map((d) => [d.id, documentRef(d)] as const));
}

export function placementRef(p: TierPlacement): PlacementRef {
  return { reportYear: p.reportYear, tier: p.tier, asterisk: p.asterisk, origin: p.origin, source: p.source };
}

// ---------------------------------------------------------------------------------------------------------
// Home

export interface HomeCountry extends CountryRef {
  status: YearStatus;
  placement: PlacementRef | null;
  /** Placed that year, or not known but placed in the reports before and after it (see YearView.notKnown). */
  expected: boolean;
}

export interface HomeView {
  reportYear: number;
  complete: boolean;
  countriesInReport: number | null;
  /** Every report year held, for the year selector. */
  years: ReportYearInfo[];
  counts: Record<Tier, number>;
  known: number;
  previousYear: YearView['previousYear'];
  movements: { upgraded: YearEntry[]; downgraded: YearEntry[]; specialCases: YearEntry[] };
  countries: HomeCountry[];
}

export function homeView(store: Store, year?: number): HomeView {
  const years = store.reportYears();
  const reportYear = year ?? latestReportYear(years);
  if (reportYear === null) throw new NotFoundError('no report year is held yet');
  const view = yearView(store, reportYear);
  if (!view) throw new NotFoundError(`the ${reportYear} report is not held (years held: ${years.map((y) => y.reportYear).join(', ')})`);
  const placements = new Map(view.tiers.flatMap((t) => t.entries).map((e) => [e.country.id, e] as const));
  const statuses = statusIndex(store);
  const countries = store.listCountries().map((c): HomeCountry => {
    const e = placements.get(c.id);
    const status = statuses.status(c.id, reportYear)!;
    return {
      ...countryRef(c),
      status,
      placement: e ? placementRef(e.placement) : null,
      expected: status === 'placed' || (status === 'not-known' && statuses.assessedAround(c.id, reportYear)),
    };
  });
  const entries = view.tiers.flatMap((t) => t.entries);
  const byName = (a: YearEntry, b: YearEntry) => (a.country.name < b.country.name ? -1 : 1);
  return {
    reportYear,
    complete: view.complete,
    countriesInReport: view.countriesInReport,
    years,
    counts: view.counts,
    known: view.known,
    previousYear: view.previousYear,
    movements: {
      upgraded: entries.filter((e) => e.change === 'upgraded').sort(byName),
      downgraded: entries.filter((e) => e.change === 'downgraded').sort(byName),
      // Only where the previous report is known to have placed it otherwise (or not at all).
      specialCases: entries
        .filter((e) => e.placement.tier === 'Special Case' && (e.change === 'special-case' || e.change === 'entered'))
        .sort(byName),
    },
    countries,
  };
}

// ---------------------------------------------------------------------------------------------------------
// Country profile

/** A country profile with the status of the year it shows (see analysis/status.ts). */
export type ProfileView = CountryProfile & {
  /** The status of the year shown (null when no year is held for the country). */
  yearStatus: YearStatus | null;
};

/**
 * A timeline without the years the country did not exist (Serbia and Montenegro after 2006). The other years
 * already carry the status every page states: tierTimeline and statusIndex read the same placements and years.
 */
export function whileItExisted(timeline: CountryProfile['timeline'], countryId: string, statuses: StatusIndex): CountryProfile['timeline'] {
  return timeline.filter((e) => e.status === 'placed' || statuses.existed(countryId, e.reportYear));
}

/** The profile of a country (for one report year, or the latest held): the page, its JSON twin and `tip-atlas show`. */
export function profileView(store: Store, country: Country, year?: number): ProfileView {
  const profile = countryProfile(store, country, year);
  const statuses = statusIndex(store);
  return {
    ...profile,
    timeline: whileItExisted(profile.timeline, country.id, statuses),
    yearStatus: profile.reportYear === null ? null : (statuses.status(country.id, profile.reportYear) ?? null),
  };
}

// ---------------------------------------------------------------------------------------------------------
// Countries list

export const COUNTRY_SORTS = ['name', 'tier', 'region'] as const;
export type CountrySort = (typeof COUNTRY_SORTS)[number];

export interface CountriesFilters {
  region?: RegionCode | undefined;
  tier?: Tier | undefined;
  year?: number | undefined;
  sort?: CountrySort | undefined;
  /** A good on the Department of Labor's List (`cotton`, any case): only the countries it is listed for. */
  good?: string | undefined;
  /** The country finder's query: only countries whose name or an alias contains it (`kor`, `burma`). */
  q?: string | undefined;
}

export interface CountryListItem extends CountryRef {
  /** `latest`: the latest known placement (no ?year=); otherwise the status in the year asked for. */
  status: YearStatus | 'latest' | 'never-placed';
  placement: PlacementRef | null;
  /** With ?good=: the kinds of labour the List names for the good in this country. */
  goodKinds?: string[];
  /** With ?q=: the alias the query matched when it is not the name (`Burma` for Burma is not; `Myanmar` is). */
  matched?: string;
}

export interface CountriesView {
  /** The report year asked for, or null: each country's latest known placement. */
  reportYear: number | null;
  /** For a report year: whether its list is complete. */
  complete: boolean | null;
  filters: { region: RegionCode | null; tier: Tier | null; year: number | null; sort: CountrySort; good: string | null; q: string | null };
  count: number;
  /** With ?q= and no match: the known names most like the query ("did you mean"). */
  suggestions?: CountryRef[];
  countries: CountryListItem[];
  /** Goods on the List with the number of countries each is listed for (the "goods" facet), and its source. */
  facets: { goods: { good: string; countries: number }[]; goodsSource: string };
}

/** Sort key of a placement by tier: Tier 1 first, then Special Case, then no placement. */
export function tierSortKey(p: Pick<PlacementRef, 'tier'> | null): number {
  if (!p) return 99;
  return tierRank(p.tier) ?? 5;
}

export function countriesView(store: Store, f: CountriesFilters): CountriesView {
  const sort = f.sort ?? 'name';
  let items: CountryListItem[];
  let complete: boolean | null = null;
  if (f.year !== undefined) {
    const info = store.reportYears().find((y) => y.reportYear === f.year);
    if (!info) throw new NotFoundError(`the ${f.year} report is not held`);
    complete = info.complete;
    const placed = new Map(store.placementsForYear(f.year).map((p) => [p.countryId, p] as const));
    const statuses = statusIndex(store);
    const year = f.year;
    items = store.listCountries().map((c) => {
      const p = placed.get(c.id);
      return {
        ...countryRef(c),
        status: statuses.status(c.id, year)!,
        placement: p ? placementRef(p) : null,
      };
    });
  } else {
    items = store.listCountries().map((c) => ({
      ...countryRef(c),
      status: c.latest ? 'latest' : 'never-placed',
      placement: c.latest ? placementRef(c.latest) : null,
    }));
  }
  items = items.filter((c) => (!f.region || c.region === f.region) && (!f.tier || c.placement?.tier === f.tier));
  const withGood = f.good === undefined ? undefined : countriesWithGood(store, f.good);
  if (f.good !== undefined && !withGood) throw new NotFoundError(`no good "${f.good}" is on the Department of Labor's List (see /data/goods.csv)`);
  if (withGood) items = items.filter((c) => withGood.kinds.has(c.id)).map((c) => ({ ...c, goodKinds: withGood.kinds.get(c.id)! }));
  const q = f.q?.trim() || undefined;
  let suggestions: CountryRef[] | undefined;
  if (q !== undefined) {
    const matches = new Map(matchCountries(q).map((m) => [m.country.id, m.matched] as const));
    items = items.filter((c) => matches.has(c.id)).map((c) => (matches.get(c.id) === c.name ? c : { ...c, matched: matches.get(c.id)! }));
    if (items.length === 0) suggestions = suggestCountries(q, 5).map(countryRef);
  }
  // listCountries is ordered by name already; sort is stable.
  if (sort === 'tier') items.sort((a, b) => tierSortKey(a.placement) - tierSortKey(b.placement));
  if (sort === 'region') items.sort((a, b) => (a.regionName < b.regionName ? -1 : a.regionName > b.regionName ? 1 : 0));
  return {
    reportYear: f.year ?? null,
    complete,
    filters: { region: f.region ?? null, tier: f.tier ?? null, year: f.year ?? null, sort, good: withGood?.good ?? null, q: q ?? null },
    count: items.length,
    countries: items,
    ...(suggestions ? { suggestions } : {}),
    facets: { goods: goodsFacet(store), goodsSource: GOODS_SOURCE.citation },
  };
}

// ---------------------------------------------------------------------------------------------------------
// Years index

export interface YearsIndexView {
  years: (ReportYearInfo & { known: number; counts: Record<Tier, number> })[];
}

export function yearsIndexView(store: Store): YearsIndexView {
  return {
    years: store
      .reportYears()
      .slice()
      .reverse()
      .map((y) => {
        const placements = store.placementsForYear(y.reportYear);
        const counts = Object.fromEntries(TIERS.map((t) => [t, 0])) as Record<Tier, number>;
        for (const p of placements) counts[p.tier]++;
        return { ...y, known: placements.length, counts };
      }),
  };
}

// ---------------------------------------------------------------------------------------------------------
// Compare

export const MAX_COMPARE = 8;

export interface CompareCountry {
  country: CountryRef;
  timeline: CountryProfile['timeline'];
  /** The latest imported narrative's summary, with its source; null when no narrative is imported. */
  latestNarrative: {
    reportYear: number;
    tier: Tier | null;
    summary: string | null;
    cite: NonNullable<CountryProfile['assessment']>['source'];
    summaryCite: NonNullable<CountryProfile['assessment']>['summaryCite'];
    /** The narrative's parse doubts (e.g. cut short), shown with the summary. */
    warnings: NonNullable<CountryProfile['assessment']>['warnings'];
  } | null;
  latestPlacement: (PlacementRef & { cite: Citation }) | null;
}

export interface CompareView {
  /** The ids as asked for, normalised. */
  ids: string[];
  firstYear: number | null;
  lastYear: number | null;
  countries: CompareCountry[];
}

/** Parses `?c=TJK,UZB,KAZ` (ISO 3166-1 alpha-3 ids in any case, comma or space separated) against the store's countries. */
export function compareIds(store: Store, raw: string[]): { countries: Country[]; unknown: string[] } {
  const countries: Country[] = [];
  const unknown: string[] = [];
  for (const part of raw.flatMap((r) => r.split(/[\s,]+/)).filter(Boolean)) {
    const c = store.getCountry(part);
    if (!c) unknown.push(part);
    else if (!countries.some((x) => x.id === c.id)) countries.push(c);
  }
  return { countries, unknown };
}

export function compareView(store: Store, countries: Country[]): CompareView {
  const docs = documentRefs(store);
  const statuses = statusIndex(store);
  const items = countries.map((country): CompareCountry => {
    const profile = countryProfile(store, country);
    const a = profile.assessment;
    const latest = profile.timeline.filter((e) => e.status === 'placed').at(-1)?.placement;
    return {
      country: countryRef(country),
      timeline: whileItExisted(profile.timeline, country.id, statuses),
      latestNarrative: a
        ? { reportYear: a.reportYear, tier: a.tier, summary: a.summary, cite: a.source, summaryCite: a.summaryCite, warnings: a.warnings }
        : null,
      latestPlacement: latest ? { ...placementRef(latest), cite: placementCitation(latest, country, docs) } : null,
    };
  });
  const all = items.flatMap((i) => i.timeline.map((e) => e.reportYear));
  return {
    ids: countries.map((c) => c.id),
    firstYear: all.length ? Math.min(...all) : null,
    lastYear: all.length ? Math.max(...all) : null,
    countries: items,
  };
}
