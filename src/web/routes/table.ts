/**
 * The route table of the pages: each entry is a page (its view from src/views and its HTML renderer from pages/)
 * with its `.json` twin, declared once with its parameters (zod schemas, params.ts), summary and description.
 * `page()` registers both addresses and gives their OpenAPI operations (define.ts). The analyses (search, diffs,
 * indicators) are in analysis.ts, the downloads, feeds and assets in files.ts.
 */
import { z } from 'zod';
import { yearRangesText } from '../../domain/index.js';
import { yearView } from '../../analysis/yearView.js';
import type { HomeView } from '../../views/views.js';
import { COUNTRY_SORTS, MAX_COMPARE, compareIds, compareUnknownMessage, compareView, countriesView, homeView, profileView, sectionView, yearsIndexView } from '../../views/views.js';
import { DOWNLOADS } from '../exports.js';
import type { Html } from '../html.js';
import { badRequest, notFound } from '../http.js';
import { MAP_LAYERS, goodsLayer, goodsMapLayer, type GoodsLayer } from '../map/goodsLayer.js';
import type { MapCountry } from '../map/worldMap.js';
import { renderWorldMap } from '../map/worldMap.js';
import { profileCite } from '../pages/citeHtml.js';
import { comparePage } from '../pages/compare.js';
import { countriesPage } from '../pages/countries.js';
import { countryPage, sectionPage } from '../pages/country.js';
import { dataPage } from '../pages/data.js';
import { homePage } from '../pages/home.js';
import { yearPage, yearsIndexPage } from '../pages/year.js';
import type { Deps, Route } from './define.js';
import { countryAt, page } from './define.js';
import type { Param } from './params.js';
import { choiceQuery, countQuery, countryPath, regionQuery, textQuery, tierQuery, yearPath, yearQuery } from './params.js';

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });

const BAD = 'A bad parameter (the message says which and why).';
const UNKNOWN = 'Nothing is known by that name or year.';
const SLUG = 'A slug or lower-case code: redirect to the code.';

const yearsHeld = (d: Deps) =>
  d.store
    .reportYears()
    .map((y) => y.reportYear)
    .reverse();

/** A report year asked for in an address that is not held: a 404 naming the years that are (/years/1999 as /years/2026). */
function notHeldMessage(d: Deps, year: number): string {
  const years = d.store.reportYears().map((y) => y.reportYear);
  return `the ${year} report is not held (report years held: ${years.length ? yearRangesText(years) : 'none yet'})`;
}

/** The world map of a home view, rendered once per year, layer and version of the data. */
function mapRenderer(d: Deps): (v: HomeView, goods?: GoodsLayer) => Html {
  const cache = new Map<string, Html>();
  return (v, goods) => {
    const version = d.store.version();
    const key = `${v.reportYear}${goods ? ' goods' : ''}@${version}`;
    let svg = cache.get(key);
    if (!svg) {
      const countries = new Map<string, MapCountry>(
        v.countries.map((x) => [x.id, { id: x.id, name: x.name, status: x.status, tier: x.placement?.tier ?? null, asterisk: x.placement?.asterisk ?? false, movement: x.movement }]),
      );
      svg = renderWorldMap({ reportYear: v.reportYear, countries, ...(goods ? { layer: goodsMapLayer(goods) } : {}) });
      // Old versions are of no use any more.
      for (const k of cache.keys()) if (!k.endsWith(`@${version}`)) cache.delete(k);
      cache.set(key, svg);
    }
    return svg;
  };
}

const layer = choiceQuery(
  'layer',
  MAP_LAYERS as unknown as readonly ['tiers', 'goods'],
  'What the map colours countries by: `tiers` (default) or `goods` (whether the Department of Labor’s List names goods produced with forced labor).',
);

function homeRoute(): Route {
  let map: ReturnType<typeof mapRenderer> | undefined;
  return page({
    path: '/',
    summary: 'Home: world map of tier placements',
    description: 'The map of a report year (the latest by default), tier counts and the movements since the previous report. `?layer=goods` colours the map by the Department of Labor’s List instead.',
    params: { year: yearQuery, layer },
    errors: { 400: BAD, 404: UNKNOWN },
    view: (d, p) => {
      const v = homeView(d.store, p.year);
      return { v, goods: p.layer === 'goods' ? goodsLayer(d.store, v.countries.map((x) => x.id)) : undefined };
    },
    html: ({ v, goods }, d) => homePage(v, (map ??= mapRenderer(d))(v, goods), goods),
    twin: {
      summary: 'Home as JSON',
      schema: ref('Home'),
      responseDescription: 'Every country’s status in the year, tier counts and movements.',
      body: ({ v, goods }) => (goods ? { ...v, layer: 'goods', goodsLayer: goods } : v),
    },
  });
}

const countriesRoute = page({
  path: '/countries',
  summary: 'All countries with their tier',
  params: {
    region: regionQuery,
    tier: tierQuery,
    year: yearQuery,
    sort: choiceQuery('sort', COUNTRY_SORTS as unknown as readonly ['name', ...string[]], 'Sort order of the list.'),
    good: textQuery(
      'A good on the U.S. Department of Labor’s List of Goods Produced by Child Labor or Forced Labor (any case, e.g. `cotton`): only the countries it is listed for, each with the kinds of labour listed. An unknown good is a 404.',
      'cotton',
    ),
    q: textQuery(
      'The country finder: only countries whose name or another name (alias) contains this, case, accents and punctuation ignored (`kor`, `burma`, `cote`). With no match the answer carries `suggestions`, the known names most like it.',
      'kor',
    ),
  },
  errors: { 400: BAD, 404: UNKNOWN },
  view: (d, p) => countriesView(d.store, { ...p, sort: p.sort as (typeof COUNTRY_SORTS)[number] | undefined }),
  html: (v, d) => countriesPage(v, yearsHeld(d)),
  twin: {
    summary: 'All countries as JSON',
    description: 'Without ?year=: each country’s latest known placement. With it: each country’s status in that report.',
    schema: ref('Countries'),
    responseDescription: 'The list.',
  },
});

/** A country's profile, of its latest year or of one report year. */
function profile(path: string, params: { id: Param<string>; year?: Param<number> }, summary: string, twinSummary: string, description?: string): Route {
  return page({
    path,
    summary,
    ...(description ? { description } : {}),
    params,
    errors: { 301: SLUG, ...(params.year ? { 400: BAD } : {}), 404: UNKNOWN },
    view: (d, p, at) => {
      const country = countryAt(d.store, at, p.id);
      const year = (p as { year?: number }).year;
      // A year held without a placement of this country is still a page: it says what is known of that year.
      if (year !== undefined && !d.store.reportYears().some((y) => y.reportYear === year) && !d.store.assessmentYears(country.id).includes(year)) {
        throw notFound(notHeldMessage(d, year));
      }
      return profileView(d.store, country, year);
    },
    html: (v, d) => countryPage(v, { origin: d.base, today: d.today() }),
    twin: {
      summary: twinSummary,
      schema: ref('Profile'),
      responseDescription: params.year ? 'The profile.' : 'The profile (the same document as `tip-atlas show --json`).',
      body: (v, d) => ({ ...v, cite: profileCite(v, { origin: d.base, today: d.today() }) }),
    },
  });
}

/** A number from 1 in the address (`/sections/3`). */
const ordinalPath = (description: string): Param<number> => ({
  in: 'path',
  description,
  schema: z
    .string()
    .regex(/^[1-9]\d{0,5}$/)
    .transform(Number)
    .meta({ type: 'integer', minimum: 1 }) as unknown as z.ZodType<number>,
  message: (raw) => `the section number in the address must be a number from 1, not "${raw}"`,
});

/** One page of a long section, folded on the country page (views.ts SECTION_PAGE_CHARS). */
const sectionRoute = page({
  path: '/countries/:id/:year/sections/:n',
  summary: 'One page of a long section of a narrative',
  description:
    'A section longer than 20,000 characters is folded on the country page (its first page and a link here); this page shows one page of it, with links to the pages before and after.',
  exampleNeeds: 'only an imported narrative has sections',
  params: {
    id: countryPath(),
    year: yearPath(),
    n: ordinalPath('The section’s number in the narrative, from 1 (as in sections.csv’s `ord`).'),
    page: countQuery('page', 'The page of the section, from 1.', 1, 999_999),
  },
  errors: { 301: SLUG, 400: BAD, 404: UNKNOWN },
  view: (d, p, at) => sectionView(d.store, countryAt(d.store, at, p.id), p.year, p.n, p.page, at.json),
  html: (v) => sectionPage(v),
  twin: {
    summary: 'One page of a long section, as JSON',
    description: 'The text of one page of the section, its `paging` (`sectionPage`, `sectionPages`, `chars`, `next`, `previous`) and its citation.',
    schema: { type: 'object' },
    responseDescription: 'The page of the section.',
  },
});

const yearsRoute = page({
  path: '/years',
  summary: 'Report years with tier counts',
  params: {},
  view: (d) => yearsIndexView(d.store),
  html: (v) => yearsIndexPage(v),
  twin: {
    summary: 'Report years as JSON',
    schema: ref('Years'),
    responseDescription: 'Report years, newest first, with tier counts and whether each list is complete.',
  },
});

const yearRoute = page({
  path: '/years/:year',
  summary: 'The tier lists of one report',
  description: 'Every placement of the year by tier, each marked against the previous report, with counts and sources.',
  params: { year: yearPath(), region: regionQuery, tier: tierQuery },
  errors: { 400: BAD, 404: UNKNOWN },
  view: (d, p) => {
    const view = yearView(d.store, p.year, { region: p.region, tier: p.tier });
    if (!view) throw notFound(notHeldMessage(d, p.year));
    return view;
  },
  html: (v, d) => yearPage(v, yearsHeld(d)),
  twin: { summary: 'The tier lists of one report, as JSON', schema: ref('Year'), responseDescription: 'The year.' },
});

const compareRoute = page({
  path: '/compare',
  summary: 'Compare countries',
  description: 'Tier timelines on one axis and the latest imported summaries side by side.',
  params: {
    c: {
      in: 'query',
      description: `Up to ${MAX_COMPARE} countries, comma-separated: codes, names or other names (\`TJK\`, \`Tajikistan\`, \`Korea, South\`).`,
      repeatable: 'repeat',
      schema: z.array(z.string()),
      message: (raw) => `bad value "${raw}"`,
      example: ['TJK,UZB,KAZ'],
    } satisfies Param<string[]>,
    year: { ...yearQuery, description: 'A report year: compare the narratives of that year (where each country has one).' },
  },
  errors: { 400: BAD, 404: UNKNOWN },
  view: (d, p) => {
    const { countries: found, unknown } = compareIds(d.store, p.c);
    if (unknown.length) throw notFound(compareUnknownMessage(unknown));
    if (found.length > MAX_COMPARE) throw badRequest(`?c= may list up to ${MAX_COMPARE} countries, not ${found.length}`);
    return { view: compareView(d.store, found, p.year), input: found.map((x) => x.name).join(', ') };
  },
  html: ({ view, input }, d) => comparePage(view, input, d.store.listCountries().map((x) => ({ id: x.id, name: x.name }))),
  twin: {
    summary: 'Compare countries, as JSON',
    schema: ref('Compare'),
    responseDescription: 'Timelines and latest narratives.',
    body: ({ view }) => view,
    required: { c: '?c= must list the countries to compare, e.g. ?c=TJK,UZB,KAZ' },
  },
});

/** The filters belong to the downloads: on the page itself they would silently do nothing. */
const FILTERS = ['year', 'region', 'tier'];

const dataRoute = page({
  path: '/data',
  summary: 'Downloads, their columns and sources',
  params: {},
  view: (d, _p, at) => {
    const given = FILTERS.filter((k) => at.c.req.query(k) !== undefined);
    if (given.length) {
      throw badRequest(`${at.c.req.path} takes no ${given.map((k) => `?${k}=`).join(' or ')}: the downloads do, e.g. /data/tier-placements.csv?year=2023`);
    }
    const years = d.store.reportYears();
    return {
      downloads: DOWNLOADS,
      documents: d.store.documents().map(({ origin: _local, ...doc }) => doc),
      reportYears: {
        first: years[0]?.reportYear ?? null,
        last: years.at(-1)?.reportYear ?? null,
        incomplete: years.filter((y) => !y.complete).map((y) => y.reportYear),
      },
    };
  },
  html: (v) => dataPage(v),
  twin: { summary: 'Downloads as JSON', schema: { type: 'object' }, responseDescription: 'Downloads with their columns, imported documents.' },
});

/**
 * The pages of the site with their twins, in the order they are matched: `before` (the analyses and the feed of a
 * country) come before the profiles, whose `/countries/:id/:year` would take `/countries/TJK/indicators.csv`.
 */
export function pageRoutes(before: readonly Route[]): Route[] {
  return [
    homeRoute(),
    countriesRoute,
    ...before,
    profile(
      '/countries/:id',
      { id: countryPath() },
      'Country profile',
      'Country profile as JSON',
      'Heading with the tier, summary, numbered recommendations, full sections, tier timeline and citations, for the latest year held.',
    ),
    profile('/countries/:id/:year', { id: countryPath(), year: yearPath() }, 'Country profile for one report year', 'Country profile for one report year, as JSON'),
    sectionRoute,
    yearsRoute,
    yearRoute,
    compareRoute,
    dataRoute,
  ];
}
