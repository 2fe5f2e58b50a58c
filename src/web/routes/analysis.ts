/**
 * Route table entries of the analyses: full-text search, year-over-year narrative diffs, indicators (CSV and JSON)
 * and recommendation tracking. Matched before the profile routes (see table.ts).
 */
import { z } from 'zod';
import { diffStoredNarratives } from '../../analysis/diff.js';
import { countryTables } from '../../analysis/countryAnalysis.js';
import { INDICATOR_CSV_HEADER, INDICATOR_KINDS, indicatorsCsv } from '../../analysis/indicators.js';
import type { Country } from '../../domain/index.js';
import { REGION_NAMES, TIERS, TIER_CODES } from '../../domain/index.js';
import type { SearchRequest, SearchResults } from '../../store/search.js';
import {
  MAX_QUERY_LENGTH,
  SEARCH_UNIT_KINDS,
  SearchQueryError,
  parseCountryFilters,
  parseRegionFilter,
  parseSectionFilter,
  parseTierFilter,
  parseYearFilter,
} from '../../store/search.js';
import type { Store } from '../../store/types.js';
import { badRequest, notFound } from '../http.js';
import { diffPage } from '../pages/diff.js';
import type { SearchParams } from '../pages/search.js';
import { searchPage } from '../pages/search.js';
import type { Route } from './define.js';
import { Redirect, countryAt, page, resource } from './define.js';
import type { Param, Values } from './params.js';
import { countQuery, countryPath, listQuery, yearPath } from './params.js';

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const BAD = 'A bad parameter or a malformed query (the message says what is wrong).';
const UNKNOWN = 'Unknown country, or no narrative of that year is held.';

/** The search's parameters, in the order the API page lists them (only `history`, `page` and `limit` can be refused here). */
const SEARCH_PARAMS = {
  q: {
    in: 'query',
    description:
      'The query: words (all required), "phrases", prefix* searches, AND / OR / NOT in capitals and parentheses. ' +
      'Endings match ("victim" finds "victims"). A malformed query (`"unbalanced`, `AND OR`, `foo*bar(`) is a 400 saying what is wrong.',
    schema: z.string().optional().meta({ type: 'string', maxLength: MAX_QUERY_LENGTH }) as z.ZodType<string | undefined>,
    message: (raw) => `?q= cannot be "${raw}"`,
    example: '"cotton harvest"',
  } satisfies Param<string | undefined>,
  history: {
    in: 'query',
    description: '1: also search narratives a newer document replaced (default: current ones only).',
    schema: z
      .string()
      .regex(/^(?:1|0|true|false|yes|no)$/i)
      .optional()
      .transform((v) => v !== undefined && /^(?:1|true|yes)$/i.test(v))
      .meta({ type: 'string', enum: ['1', '0'] }) as unknown as z.ZodType<boolean>,
    message: (raw) => `?history= must be 1 or 0, not "${raw}"`,
  } satisfies Param<boolean>,
  year: listQuery('Only these report years (repeat the parameter or separate with commas).', ['2023']),
  tier: listQuery(`Only narratives on these tiers: ${TIERS.map((t) => `${TIER_CODES[t]} (${t})`).join(', ')}.`),
  region: listQuery(`Only these regions: ${Object.keys(REGION_NAMES).join(', ')}.`),
  section: listQuery(`Only these kinds of passage: ${SEARCH_UNIT_KINDS.join(', ')}.`),
  country: listQuery('Only these countries (codes).'),
  page: countQuery('page', 'Page of hits, from 1.', 1, 500),
  limit: countQuery('limit', 'Hits per page.', 20, 100),
};

/** The search parameters of a request as the search page shows them; an unknown ?country= is a 400 naming it. */
function searchParams(store: Store, p: Values<typeof SEARCH_PARAMS>): SearchParams {
  let country: string[];
  try {
    country = parseCountryFilters(p.country, (id) => store.getCountry(id) !== undefined, '?country=');
  } catch (e) {
    throw badRequest((e as Error).message);
  }
  return { ...p, q: p.q ?? '', country };
}

function searchRequest(p: SearchParams): SearchRequest {
  const offset = (p.page - 1) * p.limit;
  if (offset > 10_000) throw badRequest(`?page= ${p.page} is beyond the last page that can be shown`);
  return {
    q: p.q,
    years: p.year.map(parseYearFilter),
    tiers: p.tier.map(parseTierFilter),
    regions: p.region.map(parseRegionFilter),
    sections: p.section.map(parseSectionFilter),
    countries: p.country,
    includeHistory: p.history,
    limit: p.limit,
    offset,
  };
}

/** A search: its results, none without a query, or the message of a malformed one. */
interface Searched {
  p: SearchParams;
  results: SearchResults | null;
  error?: string;
  /** No narrative is held at all (an empty database): the page says so rather than "no passage matches". */
  noNarratives?: boolean;
}

const searchRoute = page({
  path: '/search',
  summary: 'Full-text search over the narratives',
  description:
    'Summaries, sections and recommendations of the narratives held, with highlighted snippets and facets (report year, tier, region, section) with counts. Without ?q= a search form.',
  params: SEARCH_PARAMS,
  errors: { 400: BAD },
  view: (d, raw, at): Searched => {
    const p = searchParams(d.store, raw);
    if (!p.q) return { p, results: null }; // the twin requires ?q= (readParams)
    try {
      const results = d.store.search(searchRequest(p));
      return { p, results, noNarratives: results.total === 0 && d.store.documents().length === 0 };
    } catch (e) {
      if (!(e instanceof SearchQueryError)) throw e;
      if (at.json) throw badRequest(e.message);
      return { p, results: null, error: e.message };
    }
  },
  html: ({ p, results, error, noNarratives }, _d, c) =>
    error === undefined ? searchPage(p, results, undefined, { noNarratives: noNarratives === true }) : c.html(searchPage(p, null, error), 400),
  twin: {
    summary: 'Full-text search, as JSON',
    schema: ref('SearchResults'),
    responseDescription: 'Hits (best first) with snippets and highlight offsets, the total, and facets.',
    body: ({ results }) => results,
    required: { q: '?q= is required: the words to search for, e.g. ?q="cotton harvest"' },
  },
});

const diffRoute = page({
  path: '/countries/:id/diff/:from/:to',
  exampleNeeds: 'the imported narratives of both years (e.g. /countries/TJK/diff/2022/2023 once both are imported)',
  summary: 'What changed in a country’s narrative between two report years',
  description: 'Section by section and sentence by sentence: unchanged, changed (with removed and added words), removed and added sentences.',
  params: {
    id: countryPath('ISO 3166-1 alpha-3 country code (`TJK`).'),
    from: yearPath('the first year in the address', 'The earlier report year.', 2022),
    to: yearPath('the second year in the address', 'The later report year (a later year first redirects to the ordered pair).', 2023),
  },
  errors: { 301: 'The years in reverse order, or a lower-case code: redirect.', 400: BAD, 404: UNKNOWN },
  view: (d, p, at) => {
    const country = countryAt(d.store, at, p.id);
    if (p.from === p.to) throw badRequest(`the two years are the same (${p.from}); compare two different report years`);
    if (p.from > p.to) throw new Redirect(at.url({ from: p.to, to: p.from }));
    const years = d.store.assessmentYears(country.id);
    const missing = [p.from, p.to].filter((y) => !years.includes(y));
    if (missing.length) {
      throw notFound(
        `no ${missing.join(' or ')} narrative of ${country.name} is held` +
          (years.length ? ` (narratives held: ${years.join(', ')})` : ' (no narrative of it is held)'),
      );
    }
    return { diff: diffStoredNarratives(d.store, d.store.getAssessment(country.id, p.from)!, d.store.getAssessment(country.id, p.to)!, country, years), years };
  },
  html: ({ diff, years }) => diffPage(diff, { narrativeYears: years }),
  twin: { summary: 'Narrative diff, as JSON', schema: ref('NarrativeDiff'), responseDescription: 'The diff.', body: ({ diff }) => diff },
});

const countryHead = (country: Country) => ({ id: country.id, name: country.name, region: country.region, regionName: REGION_NAMES[country.region] });
const ID = { id: countryPath('ISO 3166-1 alpha-3 country code (`TJK`).') };

const indicatorsCsvRoute = resource({
  path: '/countries/:id/indicators.csv',
  tag: 'data',
  summary: 'Indicators stated in a country’s narratives, as CSV',
  description: `One row per fact: ${INDICATOR_CSV_HEADER.join(', ')}.`,
  params: ID,
  errors: { 404: UNKNOWN },
  mediaType: 'text/csv',
  responseDescription: 'CSV with a header row.',
  schema: { type: 'string' },
  body: (d, p, at) => {
    const country = countryAt(d.store, at, p.id);
    return indicatorsCsv(country.id, countryTables(d.store, country.id).indicators);
  },
  fileName: (p) => `${p.id}-indicators.csv`,
});

const indicatorsJsonRoute = resource({
  path: '/countries/:id/indicators.json',
  tag: 'api',
  summary: 'Indicators stated in a country’s narratives, as JSON',
  description: `Kinds: ${INDICATOR_KINDS.join(', ')}. A table (kinds × report years held) and every fact with its sentence, section and span.`,
  params: ID,
  errors: { 404: UNKNOWN },
  mediaType: 'application/json',
  responseDescription: 'The indicators.',
  schema: ref('Indicators'),
  body: (d, p, at) => {
    const country = countryAt(d.store, at, p.id);
    return { country: countryHead(country), ...countryTables(d.store, country.id).indicators };
  },
});

const recommendationsRoute = resource({
  path: '/countries/:id/recommendations.json',
  tag: 'api',
  summary: 'Recommendation tracking across a country’s narratives',
  description:
    'Every year’s recommendations with pillar, themes, the matching recommendation of the previous narrative, "first recommended in …", and what each year dropped. ' +
    'A year whose list may be cut short (`cutShort`, from the parse warnings) lists the previous year’s recommendations it does not hold in `droppedUnknown` (whether they were dropped is not known), not in `dropped`; ' +
    'after a list cut short (`previousCutShort`) a recommendation not in it has the status `not-in-part-held` ("not in the part of the 2021 list held"), not `new`.',
  params: ID,
  errors: { 404: UNKNOWN },
  mediaType: 'application/json',
  responseDescription: 'The tracking.',
  schema: { type: 'object', properties: { country: { type: 'object' }, years: { type: 'array', items: { type: 'object' } } } },
  body: (d, p, at) => {
    const country = countryAt(d.store, at, p.id);
    return { country: countryHead(country), ...countryTables(d.store, country.id).tracking };
  },
});

/** The analyses, in the order they are matched (the diff before the CSV and JSON of a country). */
export const ANALYSIS_ROUTES: readonly Route[] = [searchRoute, diffRoute, indicatorsCsvRoute, indicatorsJsonRoute, recommendationsRoute];
