/**
 * Full-text search: the request and result types every Store backend shares, and the query language, parsed
 * here once so that no backend ever sees raw user syntax.
 *
 * The language: words (`cotton harvest`: both words, anywhere), "phrases" (`"cotton harvest"`), prefixes
 * (`recruit*`, `"forced lab"*`), AND / OR / NOT in capitals (`shelter NOT funding`, `(sex OR labor) trafficking`),
 * parentheses. Adjacent terms are ANDed. A word with hyphens or dots (`anti-trafficking`, `U.S.`) is searched as
 * the phrase of its parts. Anything malformed is a SearchQueryError with a message naming the problem.
 */
import { InputError } from '../domain/errors.js';
import { isPlausibleReportYear } from '../domain/reportYears.js';
import { TIER_CODES, TIERS, isTier, tierFromCode, type Tier } from '../domain/tiers.js';
import { readRegion, readReportYear } from '../text/index.js';
import { REGION_NAMES, SECTION_TITLES, type RegionCode, type SectionKind, type Span } from '../domain/types.js';

/** A bad search query or filter: shown to the user as it is (HTTP 400, CLI exit 1). */
export class SearchQueryError extends InputError {
  override name = 'SearchQueryError';
  constructor(message: string) {
    super(message, undefined, 'bad-query');
  }
}

/**
 * A search that ran past its time budget and was stopped (HTTP 503 with Retry-After; CLI exit 1): the server
 * answers other requests meanwhile. A narrower query (a phrase, more words, a year) is cheaper.
 */
export class SearchBudgetError extends InputError {
  override name = 'SearchBudgetError';
  /** Seconds after which asking again is reasonable. */
  readonly retryAfterSeconds = 5;
  constructor(budgetMs: number) {
    super(
      `the search took longer than its time budget (${budgetMs} ms) and was stopped: try a narrower query (a phrase, more words, a year or a section)`,
      undefined,
      'search-over-budget',
    );
  }
}

/** What a search hit is: a section of a narrative, or one recommendation. */
export type SearchUnitKind = Exclude<SectionKind, 'recommendations'> | 'recommendation';

export const SEARCH_UNIT_KINDS: readonly SearchUnitKind[] = [
  'summary',
  'recommendation',
  'prosecution',
  'protection',
  'prevention',
  'profile',
  'government-efforts',
  'note',
];

export function searchUnitTitle(kind: SearchUnitKind): string {
  return kind === 'recommendation' ? 'Recommendation' : SECTION_TITLES[kind];
}

export interface SearchRequest {
  q: string;
  /** Filters; several values of one filter are ORed, different filters ANDed. */
  years?: number[];
  tiers?: Tier[];
  regions?: RegionCode[];
  sections?: SearchUnitKind[];
  countries?: string[];
  /** Also search narratives a newer document replaced (default: current ones only). */
  includeHistory?: boolean;
  /** Hits per page (default 20, at most 100) and the page's offset. */
  limit?: number;
  offset?: number;
}

export interface SearchHit {
  countryId: string;
  countryName: string;
  reportYear: number;
  tier: Tier | null;
  region: RegionCode;
  section: SearchUnitKind;
  sectionTitle: string;
  /** For a recommendation: its number in the narrative (1-based). */
  recommendationNumber?: number;
  /** The matching passage, shortened around the matches ("…" where cut). Plain text. */
  snippet: string;
  /** The matched words in `snippet`, as [start, end) offsets. */
  highlights: [number, number][];
  /** Lower is better (bm25). */
  score: number;
  assessmentId: number;
  /** False when a newer document replaced the narrative (only with includeHistory). */
  current: boolean;
  /** The document, by its public address (null when none is known; never its local path). */
  document: { id: number; publicUrl: string | null };
  /** Where the section or recommendation lies in the document's text. */
  span: Span;
}

export interface FacetValue {
  value: string;
  label: string;
  /** Matching passages with this value, under every other filter. */
  count: number;
  /** Whether the request filters on this value. */
  selected: boolean;
}

export interface SearchResults {
  q: string;
  /** The query as understood, in canonical form (`"cotton harvest" AND recruit*`). */
  understood: string;
  /** Matching passages under all filters. */
  total: number;
  limit: number;
  offset: number;
  hits: SearchHit[];
  facets: { year: FacetValue[]; tier: FacetValue[]; region: FacetValue[]; section: FacetValue[] };
  includeHistory: boolean;
}

// ---------------------------------------------------------------------------------------------------------
// The query language

export type QueryNode =
  | { type: 'term'; words: string[]; prefix: boolean; phrase: boolean }
  | { type: 'and' | 'or'; children: QueryNode[] }
  | { type: 'not'; left: QueryNode; right: QueryNode };

type Token =
  | { t: 'word'; text: string; at: number }
  | { t: 'phrase'; text: string; prefix: boolean; at: number }
  | { t: 'op'; op: 'AND' | 'OR' | 'NOT'; at: number }
  | { t: '('; at: number }
  | { t: ')'; at: number };

export const MAX_QUERY_LENGTH = 500;
const MAX_TERMS = 32;

/** Words as the index splits them: letters and digits (diacritics and case are ignored by the index). */
export function queryWords(text: string): string[] {
  return (text.normalize('NFKC').match(/[\p{L}\p{N}]+/gu) ?? []).map((w) => w.toLowerCase());
}

function lex(q: string): Token[] {
  const out: Token[] = [];
  let i = 0;
  while (i < q.length) {
    const c = q[i]!;
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    if (c === '(' || c === ')') {
      out.push(c === '(' ? { t: '(', at: i } : { t: ')', at: i });
      i++;
      continue;
    }
    if (c === '"' || c === '“' || c === '”') {
      const close = q.slice(i + 1).search(/["“”]/);
      if (close < 0) {
        // Quoted as the reader typed it (no JSON escapes: a lone " would read "\"").
        const rest = q.slice(i + 1, i + 30).trim();
        throw new SearchQueryError(`the query has an unbalanced quote: the " at character ${i + 1}${rest ? ` (before “${rest}”)` : ''} is never closed`);
      }
      const text = q.slice(i + 1, i + 1 + close);
      i += close + 2;
      const prefix = q[i] === '*';
      if (prefix) i++;
      out.push({ t: 'phrase', text, prefix, at: i });
      continue;
    }
    let j = i;
    while (j < q.length && !/[\s()"“”]/.test(q[j]!)) j++;
    const text = q.slice(i, j);
    if (text === 'AND' || text === 'OR' || text === 'NOT') out.push({ t: 'op', op: text, at: i });
    else out.push({ t: 'word', text, at: i });
    i = j;
  }
  return out;
}

/**
 * Parses a user's query. Throws SearchQueryError for an empty or malformed query: an unbalanced quote or
 * parenthesis, an operator without a term on each side (`AND OR`), a `*` inside a word (`foo*bar`).
 */
export function parseSearchQuery(q: string): QueryNode {
  const query = q.trim();
  if (!query) throw new SearchQueryError('the search query is empty');
  if (query.length > MAX_QUERY_LENGTH) throw new SearchQueryError(`the search query is too long (${query.length} characters; at most ${MAX_QUERY_LENGTH})`);
  const tokens = lex(query);
  let pos = 0;
  let terms = 0;
  const peek = () => tokens[pos];
  const describe = (t: Token | undefined) =>
    !t ? 'the end of the query' : t.t === 'op' ? t.op : t.t === 'word' ? `"${t.text}"` : t.t === 'phrase' ? `"${t.text}"` : `"${t.t}"`;

  function term(): QueryNode {
    const t = peek();
    if (!t) throw new SearchQueryError('the query ends where a search term is expected');
    if (t.t === 'op') {
      const prev = tokens[pos - 1];
      throw new SearchQueryError(
        prev && prev.t === 'op'
          ? `${prev.op} ${t.op}: an operator needs a search term on each side`
          : `the query cannot ${prev ? `have ${t.op} after "("` : `start with ${t.op}`}; an operator needs a search term on each side`,
      );
    }
    if (t.t === ')') throw new SearchQueryError(pos === 0 ? 'the query starts with ")"' : 'empty parentheses or a ")" without its "("');
    if (t.t === '(') {
      pos++;
      const inner = or();
      if (peek()?.t !== ')') throw new SearchQueryError('the query has an unbalanced parenthesis: a "(" is never closed');
      pos++;
      return inner;
    }
    pos++;
    if (++terms > MAX_TERMS) throw new SearchQueryError(`the query has too many terms (at most ${MAX_TERMS})`);
    if (t.t === 'phrase') {
      const words = queryWords(t.text);
      if (words.length === 0) throw new SearchQueryError(`the phrase "${t.text}" has no letters or digits to search for`);
      return { type: 'term', words, prefix: t.prefix, phrase: true };
    }
    const star = t.text.indexOf('*');
    if (star >= 0 && star !== t.text.length - 1) {
      throw new SearchQueryError(`"${t.text}": a * may only end a word, as in harvest* (prefix search)`);
    }
    const prefix = star >= 0;
    const words = queryWords(prefix ? t.text.slice(0, -1) : t.text);
    if (words.length === 0) {
      throw new SearchQueryError(prefix ? `"${t.text}": a prefix search needs letters or digits before the *` : `"${t.text}" has no letters or digits to search for`);
    }
    return { type: 'term', words, prefix, phrase: false };
  }

  function not(): QueryNode {
    let left = term();
    while (peek()?.t === 'op' && (peek() as { op: string }).op === 'NOT') {
      pos++;
      left = { type: 'not', left, right: term() };
    }
    return left;
  }

  function and(): QueryNode {
    const children = [not()];
    for (;;) {
      const t = peek();
      if (!t || t.t === ')' || (t.t === 'op' && t.op === 'OR')) break;
      if (t.t === 'op' && t.op === 'AND') pos++;
      else if (t.t === 'op') throw new SearchQueryError(`${describe(t)} needs a search term before it`);
      children.push(not());
    }
    return children.length === 1 ? children[0]! : { type: 'and', children };
  }

  function or(): QueryNode {
    const children = [and()];
    while (peek()?.t === 'op' && (peek() as { op: string }).op === 'OR') {
      pos++;
      children.push(and());
    }
    return children.length === 1 ? children[0]! : { type: 'or', children };
  }

  const tree = or();
  if (pos < tokens.length) {
    const t = tokens[pos]!;
    throw new SearchQueryError(t.t === ')' ? 'the query has an unbalanced parenthesis: a ")" has no "("' : `unexpected ${describe(t)}`);
  }
  return tree;
}

/** The query in canonical form: every term quoted, operators explicit. Also valid FTS5 syntax. */
export function formatQuery(node: QueryNode, top = true): string {
  switch (node.type) {
    case 'term':
      return `"${node.words.join(' ')}"${node.prefix ? '*' : ''}`;
    case 'not':
      return wrap(`${formatQuery(node.left, false)} NOT ${formatQuery(node.right, false)}`, top);
    case 'and':
      return wrap(node.children.map((c) => formatQuery(c, false)).join(' AND '), top);
    case 'or':
      return wrap(node.children.map((c) => formatQuery(c, false)).join(' OR '), top);
  }
}

function wrap(s: string, top: boolean): string {
  return top ? s : `(${s})`;
}

// ---------------------------------------------------------------------------------------------------------
// Filters

/** Tier from a name ("Tier 2 Watch List", any case) or a code ("2wl", "sc"): domain tierFromCode, or a SearchQueryError. */
export function parseTierFilter(value: string): Tier {
  const tier = tierFromCode(value);
  if (tier) return tier;
  throw new SearchQueryError(`unknown tier "${value}"; use one of ${TIERS.join(', ')} or ${TIERS.map((t) => TIER_CODES[t]).join(', ')}`);
}

export function parseRegionFilter(value: string): RegionCode {
  const region = readRegion(value);
  if (region) return region;
  throw new SearchQueryError(`unknown region "${value}"; use one of ${Object.keys(REGION_NAMES).join(', ')}`);
}

/** Country filters as ids; one the store does not know is a SearchQueryError naming it (`what`: the parameter). */
export function parseCountryFilters(values: string[], isKnown: (id: string) => boolean, what: string): string[] {
  const ids = values.map((x) => x.trim().toUpperCase());
  const unknown = ids.filter((id) => !isKnown(id));
  if (unknown.length) {
    throw new SearchQueryError(
      `${what} has unknown country id${unknown.length > 1 ? 's' : ''} ${unknown.map((u) => `"${u}"`).join(', ')} (use ISO 3166-1 alpha-3 codes such as TJK)`,
    );
  }
  return ids;
}

export function parseSectionFilter(value: string): SearchUnitKind {
  const v = value.trim().toLowerCase().replace(/\s+/g, '-');
  const alias: Record<string, SearchUnitKind> = { recommendations: 'recommendation', recs: 'recommendation', rec: 'recommendation', 'trafficking-profile': 'profile' };
  const kind = alias[v] ?? (SEARCH_UNIT_KINDS as readonly string[]).find((k) => k === v);
  if (!kind) throw new SearchQueryError(`unknown section "${value}"; use one of ${SEARCH_UNIT_KINDS.join(', ')}`);
  return kind as SearchUnitKind;
}

export function parseYearFilter(value: string): number {
  const year = readReportYear(value);
  if (year === undefined) throw new SearchQueryError(`"${value}" is not a report year (2001–2030)`);
  return year;
}

/** Checks a request's filters and paging; returns it with defaults applied. */
export function normalizeSearchRequest(r: SearchRequest): Required<Omit<SearchRequest, 'q'>> & { q: string } {
  const limit = r.limit ?? 20;
  const offset = r.offset ?? 0;
  if (!Number.isInteger(limit) || limit < 1 || limit > 100) throw new SearchQueryError(`limit must be a whole number from 1 to 100, not ${limit}`);
  if (!Number.isInteger(offset) || offset < 0 || offset > 10_000) throw new SearchQueryError(`offset must be a whole number from 0 to 10000, not ${offset}`);
  for (const y of r.years ?? []) if (!isPlausibleReportYear(y)) throw new SearchQueryError(`${y} is not a report year (2001–2030)`);
  for (const t of r.tiers ?? []) if (!isTier(t)) throw new SearchQueryError(`unknown tier "${String(t)}"`);
  for (const g of r.regions ?? []) if (!(g in REGION_NAMES)) throw new SearchQueryError(`unknown region "${String(g)}"`);
  for (const s of r.sections ?? []) if (!SEARCH_UNIT_KINDS.includes(s)) throw new SearchQueryError(`unknown section "${String(s)}"`);
  return {
    q: r.q,
    years: [...new Set(r.years ?? [])],
    tiers: [...new Set(r.tiers ?? [])],
    regions: [...new Set(r.regions ?? [])],
    sections: [...new Set(r.sections ?? [])],
    countries: [...new Set((r.countries ?? []).map((c) => c.trim().toUpperCase()))],
    includeHistory: r.includeHistory ?? false,
    limit,
    offset,
  };
}

/** Turns a snippet with markers around the matches into plain text and highlight ranges. */
export function splitMarkedSnippet(marked: string, open: string, close: string): { snippet: string; highlights: [number, number][] } {
  let snippet = '';
  const highlights: [number, number][] = [];
  let start = -1;
  for (const ch of marked) {
    if (ch === open) start = snippet.length;
    else if (ch === close) {
      if (start >= 0 && snippet.length > start) {
        const last = highlights[highlights.length - 1];
        // Adjacent matches ("cotton" "harvest" of a phrase) read as one highlight.
        if (last && /^\s*$/.test(snippet.slice(last[1], start))) last[1] = snippet.length;
        else highlights.push([start, snippet.length]);
      }
      start = -1;
    } else snippet += ch;
  }
  return { snippet, highlights };
}
