/**
 * The country registry's API: look countries up by id, by slug, or by any spelling the reports use.
 *
 * Lookup tables are built once, when this module loads, from the committed data in `registry.ts`; nothing is
 * read at run time. Name lookup never guesses: `findCountry` matches a name exactly after normalisation (see
 * `normalizeCountryName`), and `resolveCountry` throws `UnknownCountryError` with the closest known names.
 */
import { isPlausibleReportYear, UnknownCountryError } from '../domain/index.js';
import type { Country } from '../domain/index.js';
import { keySimilarity, normalizeCountryName } from './normalize.js';
import { REGISTRY } from './registry.js';

export { normalizeCountryName } from './normalize.js';

function freezeCountry(c: Country): Country {
  return Object.freeze({ ...c, aliases: Object.freeze([...c.aliases]) as string[] });
}

const byId = new Map<string, Country>();
const bySlug = new Map<string, Country>();
const byKey = new Map<string, Country>();
/** Every key with its country, for suggestions. */
const keyed: { key: string; country: Country }[] = [];

function sortKey(c: Country): string {
  return normalizeCountryName(c.name);
}

/** Every country and territory in the registry, sorted by name (accents ignored: Türkiye sorts as Turkiye). */
export const COUNTRIES: readonly Country[] = Object.freeze(
  REGISTRY.map(freezeCountry).sort((a, b) => {
    const ka = sortKey(a);
    const kb = sortKey(b);
    return ka < kb ? -1 : ka > kb ? 1 : a.id < b.id ? -1 : 1;
  }),
);

for (const c of COUNTRIES) {
  if (!/^[A-Z]{3}$/.test(c.id)) throw new Error(`country registry: bad id "${c.id}"`);
  if (byId.has(c.id)) throw new Error(`country registry: duplicate id ${c.id}`);
  byId.set(c.id, c);
  const other = bySlug.get(c.slug);
  if (other) throw new Error(`country registry: slug "${c.slug}" used by ${other.id} and ${c.id}`);
  bySlug.set(c.slug, c);
  const { firstReportYear: first, lastReportYear: last } = c;
  if ((first !== undefined && !isPlausibleReportYear(first)) || (last !== undefined && !isPlausibleReportYear(last))) {
    throw new Error(`country registry: ${c.id} has a report year out of range`);
  }
  if (first !== undefined && last !== undefined && first > last) {
    throw new Error(`country registry: ${c.id} has firstReportYear ${first} after lastReportYear ${last}`);
  }
  for (const spelling of [c.name, ...c.aliases]) {
    const key = normalizeCountryName(spelling);
    if (key === '') throw new Error(`country registry: ${c.id} has an empty spelling`);
    const owner = byKey.get(key);
    if (owner && owner !== c) {
      throw new Error(`country registry: "${spelling}" (${c.id}) collides with ${owner.id} (key "${key}")`);
    }
    if (!owner) {
      byKey.set(key, c);
      keyed.push({ key, country: c });
    }
  }
}

/** The country with this id (ISO 3166-1 alpha-3, any case), or undefined. */
export function getCountryById(id: string): Country | undefined {
  return byId.get(id.trim().toUpperCase());
}

/** The country whose publisher slug this is (`south-korea`, `north-macedonia`… see `Country.slug`), or undefined. */
export function getCountryBySlug(slug: string): Country | undefined {
  return bySlug.get(slug.trim().toLowerCase());
}

/** The country's name as the reports write it, or undefined for an unknown id. */
export function countryName(id: string): string | undefined {
  return getCountryById(id)?.name;
}

/**
 * The country this name (or alias) denotes, or undefined. Exact match after normalisation only: "Burma",
 * "MYANMAR", "Côte d’Ivoire", "Gambia, The", "St Vincent & Gren" resolve; "Tajikstan" does not.
 */
export function findCountry(name: string): Country | undefined {
  return byKey.get(normalizeCountryName(name));
}

/** Known countries whose name or an alias is most like `name`, best first (for "did you mean"). */
export function suggestCountries(name: string, limit = 5): Country[] {
  const key = normalizeCountryName(name);
  if (key === '' || limit <= 0) return [];
  const best = new Map<Country, number>();
  for (const k of keyed) {
    const score = keySimilarity(key, k.key);
    if (score > (best.get(k.country) ?? 0)) best.set(k.country, score);
  }
  const ranked = [...best].sort((a, b) => b[1] - a[1] || a[0].name.localeCompare(b[0].name));
  const top = ranked[0]?.[1] ?? 0;
  const floor = Math.max(MIN_SUGGESTION_SCORE, top * RELATIVE_SUGGESTION_SCORE);
  return ranked
    .filter(([, score]) => score >= floor)
    .slice(0, limit)
    .map(([c]) => c);
}

/** Below this similarity a known name is not worth suggesting… */
const MIN_SUGGESTION_SCORE = 0.45;
/** …nor one much further off than the best candidate. */
const RELATIVE_SUGGESTION_SCORE = 0.75;

/** Like `findCountry`, but throws `UnknownCountryError` listing up to five closest known names. */
export function resolveCountry(name: string): Country {
  const found = findCountry(name);
  if (found) return found;
  throw new UnknownCountryError(
    name,
    suggestCountries(name, 5).map((c) => c.name),
  );
}

/** A country a finder query matches, and the spelling (name or alias) it matched on. */
export interface CountryMatch {
  country: Country;
  /** The registry spelling that matched: the name, or an alias (`Burma` for Myanmar's "Myanmar"…). */
  matched: string;
}

/**
 * The countries whose name or an alias contains `query` (compared as keys: case, accents and punctuation
 * ignored), best first: the exact name, then a word starting with it, then anywhere; ties by name. For the site's
 * country finder (`/countries?q=`); `findCountry` stays the exact lookup.
 */
export function matchCountries(query: string): CountryMatch[] {
  const q = normalizeCountryName(query);
  if (q === '') return [];
  // Spaces ignored as a last resort: "cote d ivoire" finds "Cote d'Ivoire" (key "cote divoire").
  const squeezed = q.replace(/ /g, '');
  const best = new Map<Country, { rank: number; matched: string }>();
  for (const c of COUNTRIES) {
    for (const spelling of [c.name, ...c.aliases]) {
      const key = normalizeCountryName(spelling);
      const rank = key === q ? 0 : key.startsWith(q) ? 1 : key.includes(` ${q}`) ? 2 : key.includes(q) ? 3 : key.replace(/ /g, '').includes(squeezed) ? 4 : -1;
      if (rank < 0) continue;
      const had = best.get(c);
      // The name wins a tie against an alias (aliases come after it).
      if (!had || rank < had.rank) best.set(c, { rank, matched: spelling });
    }
  }
  return [...best]
    .sort((a, b) => a[1].rank - b[1].rank || (sortKey(a[0]) < sortKey(b[0]) ? -1 : 1))
    .map(([country, m]) => ({ country, matched: m.matched }));
}
