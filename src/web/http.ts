/** HTTP plumbing shared by the routes: the error type and shape, and query parameter parsing. */
import type { Context } from 'hono';
import type { Store } from '../store/types.js';
import { getCountryBySlug } from '../countries/index.js';
import type { Country, RegionCode, Tier } from '../domain/index.js';
import { tierFromCode } from '../domain/index.js';
import { REGION_CODES, readRegion, readReportYear } from '../text/index.js';

export { REGION_CODES };

/** The one error shape of the API. */
export interface ApiError {
  ok: false;
  status: number;
  error: string;
}

export class HttpError extends Error {
  constructor(
    readonly status: 400 | 404,
    message: string,
  ) {
    super(message);
  }
}

export const badRequest = (message: string) => new HttpError(400, message);
export const notFound = (message: string) => new HttpError(404, message);

/** `TJK.json` → { name: 'TJK', json: true } */
export function splitJson(segment: string): { name: string; json: boolean } {
  return segment.endsWith('.json') ? { name: segment.slice(0, -5), json: true } : { name: segment, json: false };
}

/**
 * Everything but a page answers errors in the API shape (JSON): `.json`, `.csv` and `.atom` addresses, the
 * downloads under /data/ and everything under /api/. Pages answer with an HTML page.
 */
export function wantsJson(c: Context): boolean {
  const p = c.req.path;
  return /\.(json|csv|atom)$/.test(p) || p.startsWith('/api/') || p.startsWith('/data/');
}

/** The one value of a query parameter, or undefined when absent or empty; repeated parameters are an error. */
export function queryParam(c: Context, name: string): string | undefined {
  const all = c.req.queries(name);
  if (!all || all.length === 0) return undefined;
  if (all.length > 1) throw badRequest(`?${name}= is given ${all.length} times; give it once`);
  const v = all[0]!.trim();
  return v === '' ? undefined : v;
}

export function parseYear(value: string | undefined, what = '?year='): number | undefined {
  if (value === undefined) return undefined;
  const year = readReportYear(value);
  if (year === undefined) throw badRequest(`${what} must be a report year (2001–2030), not "${value}"`);
  return year;
}

export const TIER_PARAM_HELP = 'one of 1, 2, 2wl, 3, sc or a tier name such as "Tier 2 Watch List"';

export function parseTier(value: string | undefined): Tier | undefined {
  if (value === undefined) return undefined;
  const tier = tierFromCode(value);
  if (!tier) throw badRequest(`?tier= must be ${TIER_PARAM_HELP}, not "${value}"`);
  return tier;
}

/** A region code (EUR) or name (Europe), any case. */
export function parseRegion(value: string | undefined): RegionCode | undefined {
  if (value === undefined) return undefined;
  const found = readRegion(value);
  if (!found) throw badRequest(`?region= must be one of ${REGION_CODES.join(', ')} (or the region's name), not "${value}"`);
  return found;
}

export function parseChoice<T extends string>(value: string | undefined, name: string, choices: readonly T[]): T | undefined {
  if (value === undefined) return undefined;
  const v = value.toLowerCase();
  const found = choices.find((c) => c === v);
  if (!found) throw badRequest(`?${name}= must be one of ${choices.join(', ')}, not "${value}"`);
  return found;
}

/**
 * The country of a path segment. An id in another case or a registry slug redirects (301) to the path that
 * `rebuild` makes with the upper-case id; an unknown one is a 404.
 */
export function countryParam(store: Store, c: Context, segment: string, rebuild: (id: string) => string): Country | Response {
  const country = store.getCountry(segment);
  if (!country) {
    const bySlug = getCountryBySlug(segment.toLowerCase());
    if (bySlug && store.getCountry(bySlug.id)) return c.redirect(encodeURI(rebuild(bySlug.id)), 301);
    throw notFound(`no country with id "${segment}" (use an ISO 3166-1 alpha-3 code such as TJK)`);
  }
  // The rest of the path is echoed as the user sent it (decoded): re-encoded, so no byte can break the header.
  if (country.id !== segment) return c.redirect(encodeURI(rebuild(country.id)), 301);
  return country;
}
