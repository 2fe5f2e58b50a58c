/**
 * What a rerun of the export need not render again: a country's own addresses (`/countries/TJK…`: its pages, their
 * JSON twins, feed, indicators, diffs) depend on its own narratives and placements, and on what every page shows
 * of the whole site (the footer's "Data updated", the names of the countries, the report years), the app's
 * version, the derive stage's and the export's options. The
 * fingerprint of a country is a hash of all that; when the previous export's manifest holds the same one, that
 * country's files are kept from it instead of rendered. Everything that spans countries is rendered every time.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { DERIVATION_VERSION } from '../../analysis/derive.js';
import type { Store } from '../../store/types.js';
import { dataUpdated } from '../siteFiles.js';

const APP_VERSION = (JSON.parse(readFileSync(new URL('../../../package.json', import.meta.url), 'utf8')) as { version: string }).version;

const hash = (value: unknown) => createHash('sha256').update(JSON.stringify(value)).digest('hex');

/** The country a site address belongs to (`/countries/TJK`, `/countries/TJK.json`, `/countries/TJK/2021`), if any. */
export function countryOfUrl(url: string): string | undefined {
  return /^\/countries\/([A-Z0-9]{3})(?:[/.]|$)/.exec(url)?.[1];
}

/** Whether a file of the export (a path relative to its root) is one of `country`'s own. */
export function isCountryFile(rel: string, country: string): boolean {
  return rel === `countries/${country}.json` || rel.startsWith(`countries/${country}/`);
}

/** Each country's fingerprint, under `options` (whatever else changes the pages: base path, address, clock…). */
export function countryFingerprints(store: Store, options: unknown): Map<string, string> {
  const countries = store.listCountries();
  const names = countries.map((c) => [c.id, c.name, c.aliases]);
  const site = hash([APP_VERSION, DERIVATION_VERSION, options, dataUpdated(store).text, store.reportYears(), names]);
  const out = new Map<string, string>();
  for (const c of countries) {
    // Every version held of each year's narrative (the page lists them), the current one marked.
    const narratives = store.assessmentYears(c.id).map((y) => [y, store.assessmentHistory(c.id, y).map((a) => [a.id, a.current, a.document.id, a.document.sha256, a.document.importedAt])]);
    out.set(c.id, hash([site, c.id, narratives, store.tierHistory(c.id), store.tierConflicts(c.id)]));
  }
  return out;
}
