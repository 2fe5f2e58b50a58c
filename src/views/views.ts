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
import { NotFoundError, TIERS, homeReportYear, knownShare, tierRank } from '../domain/index.js';
import type { ReportYearInfo, Store, TierPlacement } from '../store/types.js';
import type { StatusIndex, YearStatus } from '../analysis/status.js';
import { statusIndex } from '../analysis/status.js';
import { countriesWithGood, goodsFacet } from '../analysis/context.js';
import { GOODS_SOURCE } from '../domain/context.js';
import { findCountry, matchCountries, normalizeCountryName, suggestCountries } from '../countries/index.js';
import { SECTION_PAGE_CHARS, paging, sectionPageSpans, type ProfileSectionView } from './sections.js';

export * from './sections.js';

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
  /** Placed: its movement against the previous report, in words ("downgraded from Tier 2", "no change"). */
  movement: string | null;
}

export interface HomeView {
  reportYear: number;
  /**
   * How the year was chosen: asked for (`?year=`), or the home page's rule: the latest report year whose placements
   * are at least 95% known (HOME_KNOWN_SHARE; data/report-years.csv gives each report's size), else the latest.
   */
  chosenBy: 'request' | 'rule';
  /** The rule's year (what `/` opens on) and the latest report year held. */
  openingYear: number;
  latestYear: number;
  /** The share of the shown report's countries with a known placement (1: complete; null: the report's size is not known). */
  knownShare: number | null;
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
  const latestYear = latestReportYear(years);
  const openingYear = homeReportYear(years, (y) => store.placementsForYear(y).length);
  if (latestYear === null || openingYear === null) throw new NotFoundError('no report year is held yet');
  const reportYear = year ?? openingYear;
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
      movement: e ? e.changeLabel || null : null,
    };
  });
  const entries = view.tiers.flatMap((t) => t.entries);
  const byName = (a: YearEntry, b: YearEntry) => (a.country.name < b.country.name ? -1 : 1);
  return {
    reportYear,
    chosenBy: year === undefined ? 'rule' : 'request',
    openingYear,
    latestYear,
    knownShare: knownShare(view, view.known),
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
export type ProfileView = Omit<CountryProfile, 'assessment'> & {
  /** The narrative shown, its sections longer than SECTION_PAGE_CHARS folded to their first page. */
  assessment: (Omit<NonNullable<CountryProfile['assessment']>, 'sections'> & { sections: ProfileSectionView[] }) | null;
  /** The status of the year shown (null when no year is held for the country). */
  yearStatus: YearStatus | null;
  /**
   * What the page's title says. Without a year asked for: the country's latest known placement (the narrative shown
   * may be older: Russia's latest narrative held is of 2009, its latest placement Tier 3 in 2025). With a year: that
   * year's tier. `narrativeYear` is the year of the narrative shown, `narrativeIsLatest` whether it is the latest held.
   */
  headline: {
    tier: Tier | null;
    asterisk: boolean;
    /** The report year of the tier in the title (null when no placement is known). */
    reportYear: number | null;
    /** The placement is the latest known of the country. */
    latest: boolean;
    narrativeYear: number | null;
    narrativeIsLatest: boolean;
  };
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
  const a = profile.assessment;
  return {
    ...profile,
    assessment: a && {
      ...a,
      sections: a.sections.map((s, i): ProfileSectionView => {
        if (s.text.length <= SECTION_PAGE_CHARS) return s;
        const spans = sectionPageSpans(s.text);
        const first = spans[0]!;
        return { ...s, text: s.text.slice(first.start, first.end), folded: paging(country.id, a.reportYear, i + 1, 1, spans.length, s.text.length, false) };
      }),
    },
    timeline: whileItExisted(profile.timeline, country.id, statuses),
    yearStatus: profile.reportYear === null ? null : (statuses.status(country.id, profile.reportYear) ?? null),
    headline: profileHeadline(profile, year),
  };
}

function profileHeadline(p: CountryProfile, year: number | undefined): ProfileView['headline'] {
  const a = p.assessment;
  const latest = p.timeline.filter((e) => e.status === 'placed').at(-1)?.placement ?? null;
  const narrative = { narrativeYear: a?.reportYear ?? null, narrativeIsLatest: a !== null && a.reportYear === Math.max(...p.narrativeYears) };
  if (year === undefined && latest) {
    return { tier: latest.tier, asterisk: latest.asterisk, reportYear: latest.reportYear, latest: true, ...narrative };
  }
  const tier = a?.tier ?? p.placement?.tier ?? null;
  return {
    tier,
    asterisk: a?.tierAsterisk ?? p.placement?.asterisk ?? false,
    reportYear: tier ? p.reportYear : null,
    latest: tier !== null && latest !== null && latest.reportYear === p.reportYear,
    ...narrative,
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
  /** The report year of the summaries asked for (`?year=`), or null: each country's latest narrative held. */
  summaryYear: number | null;
  /** Report years of which a narrative of every country compared is held (summaries of one year side by side). */
  commonNarrativeYears: number[];
  /** The summaries shown are of different report years (each is labelled with its year). */
  summaryYearsDiffer: boolean;
  firstYear: number | null;
  lastYear: number | null;
  countries: CompareCountry[];
}

/**
 * Parses `?c=TJK,UZB,KAZ` or `?c=Tajikistan,Uzbekistan` (ids in any case or names and aliases the store knows, comma
 * separated or repeated; ids also space separated; "Korea, South" is one name) against the store's countries.
 * `unknown` carries, for each part not found, the closest known names.
 */
export function compareIds(store: Store, raw: string[]): { countries: Country[]; unknown: { input: string; suggestions: string[] }[] } {
  const byName = new Map<string, Country>();
  for (const c of store.listCountries()) for (const n of [c.name, ...c.aliases]) byName.set(normalizeCountryName(n), c);
  const find = (x: string): Country | undefined => {
    const named = store.getCountry(x) ?? byName.get(normalizeCountryName(x));
    if (named) return named;
    const registry = findCountry(x);
    return registry ? store.getCountry(registry.id) : undefined;
  };
  const countries: Country[] = [];
  const unknown: { input: string; suggestions: string[] }[] = [];
  const add = (c: Country) => {
    if (!countries.some((x) => x.id === c.id)) countries.push(c);
  };
  const parts = raw.flatMap((r) => r.split(',')).map((p) => p.trim()).filter(Boolean);
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i]!;
    const whole = find(part);
    const joined = !whole && i + 1 < parts.length ? find(`${part}, ${parts[i + 1]}`) : undefined;
    if (whole) add(whole);
    else if (joined) {
      add(joined);
      i++;
    } else {
      // "TJK UZB KAZ": ids separated by spaces.
      const words = part.split(/\s+/).map(find);
      if (words.length > 1 && words.every((c) => c !== undefined)) words.forEach((c) => add(c!));
      else unknown.push({ input: part, suggestions: suggestCountries(part, 3).map((c) => c.name) });
    }
  }
  return { countries, unknown };
}

/** "unknown country: Tajikstan (did you mean Tajikistan?)". */
export function compareUnknownMessage(unknown: { input: string; suggestions: string[] }[]): string {
  const each = unknown.map((u) => `${u.input}${u.suggestions.length ? ` (did you mean ${u.suggestions.join(' or ')}?)` : ''}`);
  return `unknown countr${unknown.length > 1 ? 'ies' : 'y'}: ${each.join('; ')}`;
}

export function compareView(store: Store, countries: Country[], summaryYear?: number): CompareView {
  const docs = documentRefs(store);
  const statuses = statusIndex(store);
  const narrativeYears = countries.map((c) => store.assessmentYears(c.id));
  const commonNarrativeYears = countries.length ? narrativeYears.reduce((acc, ys) => acc.filter((y) => ys.includes(y))) : [];
  const items = countries.map((country): CompareCountry => {
    const profile = countryProfile(store, country);
    // With ?year=: that year's summary where held (none otherwise); else the latest narrative held.
    const a = summaryYear === undefined ? profile.assessment : store.assessmentYears(country.id).includes(summaryYear) ? countryProfile(store, country, summaryYear).assessment : null;
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
  const summaryYears = new Set(items.flatMap((i) => (i.latestNarrative ? [i.latestNarrative.reportYear] : [])));
  return {
    ids: countries.map((c) => c.id),
    summaryYear: summaryYear ?? null,
    commonNarrativeYears,
    summaryYearsDiffer: summaryYears.size > 1,
    firstYear: all.length ? Math.min(...all) : null,
    lastYear: all.length ? Math.max(...all) : null,
    countries: items,
  };
}
