import { findCountry, suggestCountries } from '../countries/index.js';
import type { Country } from '../domain/index.js';
import type { CountryLookup } from './headings.js';

/** The registry of real countries; tests pass a lookup over fictional ones. */
export const defaultLookup: CountryLookup = {
  find: (name) => findCountry(name),
  // Nothing to suggest for a known name (as resolveCountry would).
  suggest: (name) => (findCountry(name) ? [] : suggestCountries(name, 5).map((c) => c.name)),
};

/** A lookup over a given list of countries (fixtures, benchmarks), matching names and aliases case-insensitively. */
export function lookupOf(countries: readonly Country[]): CountryLookup {
  const fold = (s: string) =>
    s.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase().replace(/[’']/g, "'").replace(/\s+/g, ' ').trim();
  const byName = new Map<string, Country>();
  for (const c of countries) for (const n of [c.name, ...c.aliases]) byName.set(fold(n), c);
  return {
    find: (name) => byName.get(fold(name)),
    suggest: (name) => {
      const f = fold(name);
      return countries.filter((c) => fold(c.name).startsWith(f.slice(0, 3))).map((c) => c.name).slice(0, 5);
    },
  };
}
