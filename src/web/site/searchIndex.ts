/**
 * The search of a static copy: a Pagefind index (pagefind's Node API) of every current narrative's summary,
 * sections and recommendations, one record each, with the server's facets as filters (report year, tier, region,
 * section) and a link to the passage on its profile (`#summary-h`, `#section-N`, `#rec-N`, as /search links).
 */
import { createIndex, close } from 'pagefind';
import { REGION_NAMES, SECTION_TITLES } from '../../domain/index.js';
import type { Store } from '../../store/types.js';
import { searchUnitTitle } from '../../store/search.js';

export interface SearchRecord {
  url: string;
  title: string;
  content: string;
  filters: { 'Report year': string[]; Tier: string[]; Region: string[]; Section: string[] };
}

/** Filter names as the search page shows them, in the server's facet order. */
export const SEARCH_FILTERS = ['Report year', 'Tier', 'Region', 'Section'] as const;

/** One record per summary, section and recommendation of each current narrative; urls from the site's root. */
export function* searchRecords(store: Store): Generator<SearchRecord> {
  for (const country of store.listCountries()) {
    for (const year of store.assessmentYears(country.id)) {
      const a = store.getAssessment(country.id, year);
      if (!a) continue;
      const placed = store.tierHistory(country.id).find((p) => p.reportYear === year)?.tier ?? a.tier;
      const base = `/countries/${country.id}/${year}`;
      const filters = (section: string) => ({
        'Report year': [String(year)],
        Tier: [placed ?? 'Tier not known'],
        Region: [REGION_NAMES[country.region]],
        Section: [section],
      });
      const name = `${country.name}, ${year} report`;
      const record = (content: string, url: string, title: string, section: string): SearchRecord => ({ url, title, content, filters: filters(section) });
      if (a.summary) {
        const section = searchUnitTitle('summary');
        yield record(a.summary, `${base}#summary-h`, `${name}: ${section}`, section);
      }
      yield* a.recommendations.map((r, i) =>
        record(r.text, `${base}#rec-${i + 1}`, `${name}: recommendation ${i + 1}`, searchUnitTitle('recommendation')),
      );
      // Numbered as the profile numbers them (#section-N: every section but the summary and the recommendations).
      const shown = a.sections.filter((s) => s.kind !== 'recommendations' && s.kind !== 'summary');
      yield* shown.map((s, i) =>
        record(s.text, `${base}#section-${i + 1}`, `${name}: ${s.heading || SECTION_TITLES[s.kind]}`, SECTION_TITLES[s.kind]),
      );
    }
  }
}

export interface BuiltSearchIndex {
  /** The bundle's files, relative to its folder (`pagefind/`). */
  files: { path: string; content: Uint8Array }[];
  records: number;
}

/** Builds the Pagefind bundle in memory; `basePath` prefixes every result's address (a site in a subfolder). */
export async function buildSearchIndex(store: Store, basePath: string): Promise<BuiltSearchIndex> {
  const { index, errors } = await createIndex({ forceLanguage: 'en' });
  if (!index) throw new Error(`pagefind could not start: ${errors.join('; ')}`);
  try {
    let records = 0;
    for (const r of searchRecords(store)) {
      const res = await index.addCustomRecord({ url: basePath + r.url, content: r.content, language: 'en', meta: { title: r.title }, filters: r.filters });
      if (res.errors.length) throw new Error(`pagefind refused ${r.url}: ${res.errors.join('; ')}`);
      records++;
    }
    const out = await index.getFiles();
    if (out.errors.length) throw new Error(`pagefind could not write its index: ${out.errors.join('; ')}`);
    return { files: out.files.map((f) => ({ path: f.path.replace(/^\/+/, ''), content: f.content })), records };
  } finally {
    await index.deleteIndex();
    await close();
  }
}
