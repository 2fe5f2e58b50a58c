import type { SearchHit, SearchRequest, SearchResults } from '../store/search.js';
import { parseCountryFilters, parseRegionFilter, parseSectionFilter, parseTierFilter, parseYearFilter } from '../store/search.js';
import type { CliIO } from './io.js';
import { usageError } from './io.js';
import type { ParsedFlags } from './flags.js';
import { yearFlag } from './flags.js';
import { storeFor } from './parseImport.js';

/** Comma-separated values of a flag (`--year 2022,2023`). */
function list(v: string | boolean | undefined): string[] {
  return typeof v === 'string' ? v.split(',').map((x) => x.trim()).filter(Boolean) : [];
}

function count(v: string | boolean | undefined, flag: string, fallback: number, min: number, max: number): number {
  if (v === undefined) return fallback;
  if (typeof v !== 'string' || !/^\d+$/.test(v) || Number(v) < min || Number(v) > max) {
    throw usageError(`${flag} must be a whole number from ${min} to ${max}, not "${String(v)}"`);
  }
  return Number(v);
}

/** Highlights for a terminal: bold when it is one, else [brackets]. */
function marked(h: SearchHit, tty: boolean): string {
  let out = '';
  let at = 0;
  for (const [s, e] of h.highlights) {
    const word = h.snippet.slice(s, e);
    out += h.snippet.slice(at, s) + (tty ? `\x1b[1;4m${word}\x1b[0m` : `[${word}]`);
    at = e;
  }
  return out + h.snippet.slice(at);
}

export function searchText(r: SearchResults, tty = false): string {
  const lines: string[] = [];
  const shown = r.hits.length ? `${r.offset + 1}–${r.offset + r.hits.length} of ` : '';
  lines.push(`${shown}${r.total} passage${r.total === 1 ? '' : 's'} match ${r.understood}${r.includeHistory ? ' (replaced narratives included)' : ''}`);
  const facet = (name: string, values: SearchResults['facets']['year']) =>
    values.length ? `  ${name}: ${values.slice(0, 12).map((v) => `${v.label} ${v.count}`).join(', ')}${values.length > 12 ? ', …' : ''}` : '';
  const facets = [facet('year', r.facets.year), facet('tier', r.facets.tier), facet('region', r.facets.region), facet('section', r.facets.section)].filter(Boolean);
  if (facets.length) lines.push(...facets);
  lines.push('');
  r.hits.forEach((h, i) => {
    const where = `${h.sectionTitle}${h.recommendationNumber ? ` ${h.recommendationNumber}` : ''}`;
    lines.push(`${String(r.offset + i + 1).padStart(3)}. ${h.countryName} (${h.countryId}) · ${h.reportYear} · ${h.tier ?? 'tier not known'} · ${where}${h.current ? '' : ' · replaced'}`);
    lines.push(`     ${marked(h, tty)}`);
    lines.push(`     [${h.document.publicUrl ?? `imported document ${h.document.id} (no public address)`}, characters ${h.span.start}–${h.span.end}]`);
  });
  if (r.total > r.offset + r.hits.length) lines.push('', `More: --offset ${r.offset + r.hits.length}`);
  return lines.join('\n') + '\n';
}

export function runSearch(flags: ParsedFlags, io: CliIO): number {
  if (flags.positionals.length === 0) throw usageError('search takes a QUERY, e.g. tip-atlas search "cotton harvest"');
  const q = flags.positionals.join(' ');
  const v = flags.values;
  const offset = count(v.offset, '--offset', 0, 0, 10_000);
  // A malformed year is a usage error (exit 2) as in every command; one out of range is refused below (exit 1).
  for (const y of list(v.year)) yearFlag(y);
  // Filters are checked here (SearchQueryError, exit 1) before the database is opened.
  const request: SearchRequest = {
    q,
    years: list(v.year).map(parseYearFilter),
    tiers: list(v.tier).map(parseTierFilter),
    regions: list(v.region).map(parseRegionFilter),
    sections: list(v.section).map(parseSectionFilter),
    countries: [],
    includeHistory: v.history === true,
    limit: count(v.limit, '--limit', 20, 1, 100),
    offset,
  };
  const store = storeFor(flags, io);
  try {
    request.countries = parseCountryFilters(list(v.country), (id) => store.getCountry(id) !== undefined, '--country');
    const r = store.search(request);
    io.stdout(v.json ? JSON.stringify(r, null, 2) + '\n' : searchText(r, io.isTTY));
    return 0;
  } finally {
    store.close();
  }
}
