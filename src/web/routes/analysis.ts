/**
 * Routes of the analyses: full-text search, year-over-year narrative diffs, indicators (CSV and JSON) and
 * recommendation tracking. Mounted by app.ts before the profile routes, whose `/countries/:id/:year` would
 * otherwise take `/countries/TJK/indicators.csv`. Errors are thrown as HttpError: app.ts answers them in the one
 * error shape (JSON) or as an error page.
 */
import { Hono } from 'hono';
import type { Context } from 'hono';
import { diffNarratives } from '../../analysis/diff.js';
import { countryIndicators, indicatorsCsv } from '../../analysis/indicators.js';
import { countryNarratives, countryRecommendationTracking } from '../../analysis/recommendationTracking.js';
import { REGION_NAMES } from '../../domain/index.js';
import type { SearchRequest, SearchResults } from '../../store/search.js';
import { SearchQueryError, parseCountryFilters, parseRegionFilter, parseSectionFilter, parseTierFilter, parseYearFilter } from '../../store/search.js';
import type { Store } from '../../store/types.js';
import { badRequest, countryParam, notFound, parseYear, queryParam, splitJson } from '../http.js';
import { diffPage } from '../pages/diff.js';
import type { SearchParams } from '../pages/search.js';
import { searchPage } from '../pages/search.js';

/** Values of a repeatable parameter; `?year=2022,2023` and `?year=2022&year=2023` mean the same. */
function many(c: Context, name: string): string[] {
  return (c.req.queries(name) ?? [])
    .flatMap((v) => v.split(','))
    .map((v) => v.trim())
    .filter(Boolean);
}

function positiveInt(value: string | undefined, name: string, fallback: number, max: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!/^\d+$/.test(value) || n < 1 || n > max) throw badRequest(`?${name}= must be a whole number from 1 to ${max}, not "${value}"`);
  return n;
}

/** The search parameters of a request, checked (bad ones are a 400 naming the parameter). */
export function searchParams(c: Context, store: Store): SearchParams {
  const history = queryParam(c, 'history');
  if (history !== undefined && !/^(?:1|0|true|false|yes|no)$/i.test(history)) throw badRequest(`?history= must be 1 or 0, not "${history}"`);
  return {
    q: queryParam(c, 'q') ?? '',
    year: many(c, 'year'),
    tier: many(c, 'tier'),
    region: many(c, 'region'),
    section: many(c, 'section'),
    country: countries(store, many(c, 'country')),
    history: history !== undefined && /^(?:1|true|yes)$/i.test(history),
    page: positiveInt(queryParam(c, 'page'), 'page', 1, 500),
    limit: positiveInt(queryParam(c, 'limit'), 'limit', 20, 100),
  };
}

/** ?country= values as ids; one the store does not know is a 400 naming it. */
function countries(store: Store, values: string[]): string[] {
  try {
    return parseCountryFilters(values, (id) => store.getCountry(id) !== undefined, '?country=');
  } catch (e) {
    throw badRequest((e as Error).message);
  }
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

function runSearch(store: Store, p: SearchParams): SearchResults {
  try {
    return store.search(searchRequest(p));
  } catch (e) {
    if (e instanceof SearchQueryError) throw badRequest(e.message);
    throw e;
  }
}

export function analysisRoutes(store: Store): Hono {
  const app = new Hono();

  const countryOf = (c: Context, segment: string, rebuild: (id: string) => string) => countryParam(store, c, segment, rebuild);

  // -------------------------------------------------------------------------------------------------------
  // Search

  app.get('/search', (c) => {
    const p = searchParams(c, store);
    if (!p.q) return c.html(searchPage(p, null));
    try {
      const r = store.search(searchRequest(p));
      return c.html(searchPage(p, r, undefined, { noNarratives: r.total === 0 && store.documents().length === 0 }));
    } catch (e) {
      if (e instanceof SearchQueryError) return c.html(searchPage(p, null, e.message), 400);
      throw e;
    }
  });
  app.get('/search.json', (c) => {
    const p = searchParams(c, store);
    if (!p.q) throw badRequest('?q= is required: the words to search for, e.g. ?q="cotton harvest"');
    return c.json(runSearch(store, p));
  });

  // -------------------------------------------------------------------------------------------------------
  // Year-over-year diff

  app.get('/countries/:id/diff/:from/:to', (c) => {
    const to = splitJson(c.req.param('to'));
    const fromSeg = c.req.param('from');
    const country = countryOf(c, c.req.param('id'), (id) => `/countries/${id}/diff/${fromSeg}/${c.req.param('to')}`);
    if (country instanceof Response) return country;
    const from = parseYear(fromSeg, 'the first year in the address')!;
    const toYear = parseYear(to.name, 'the second year in the address')!;
    if (from === toYear) throw badRequest(`the two years are the same (${from}); compare two different report years`);
    if (from > toYear) return c.redirect(`/countries/${country.id}/diff/${toYear}/${from}${to.json ? '.json' : ''}`, 301);
    const years = store.assessmentYears(country.id);
    const missing = [from, toYear].filter((y) => !years.includes(y));
    if (missing.length) {
      throw notFound(
        `no ${missing.join(' or ')} narrative of ${country.name} is held` +
          (years.length ? ` (narratives held: ${years.join(', ')})` : ' (no narrative of it is held)'),
      );
    }
    const a = store.getAssessment(country.id, from)!;
    const b = store.getAssessment(country.id, toYear)!;
    const diff = diffNarratives(a, b, country, years);
    return to.json ? c.json(diff) : c.html(diffPage(diff, { narrativeYears: years }));
  });

  // -------------------------------------------------------------------------------------------------------
  // Indicators and recommendation tracking

  app.get('/countries/:id/indicators.csv', (c) => {
    const country = countryOf(c, c.req.param('id'), (id) => `/countries/${id}/indicators.csv`);
    if (country instanceof Response) return country;
    return c.body(indicatorsCsv(country.id, countryIndicators(store, country.id)), 200, {
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': `attachment; filename="${country.id}-indicators.csv"`,
    });
  });
  app.get('/countries/:id/indicators.json', (c) => {
    const country = countryOf(c, c.req.param('id'), (id) => `/countries/${id}/indicators.json`);
    if (country instanceof Response) return country;
    return c.json({
      country: { id: country.id, name: country.name, region: country.region, regionName: REGION_NAMES[country.region] },
      ...countryIndicators(store, country.id),
    });
  });
  app.get('/countries/:id/recommendations.json', (c) => {
    const country = countryOf(c, c.req.param('id'), (id) => `/countries/${id}/recommendations.json`);
    if (country instanceof Response) return country;
    return c.json({
      country: { id: country.id, name: country.name, region: country.region, regionName: REGION_NAMES[country.region] },
      ...countryRecommendationTracking(store, country.id, countryNarratives(store, country.id)),
    });
  });

  return app;
}
