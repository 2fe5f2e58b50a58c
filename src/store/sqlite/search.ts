/**
 * Full-text search over the SQLite store with FTS5 (table `search_fts`, migration 2; importDocument indexes a new
 * document in one statement, triggers follow updates and deletes: migration 3).
 *
 * The rowid of an FTS row encodes what it is (assessment_id * 2^20 + kind * 2^16 + ord), so:
 * - facets and totals come from the matching rowids alone (no content, no rank), counted in code against the
 *   year, tier, region and country of each narrative, kept in memory until the store changes;
 * - hits are ranked with bm25 and only the page's rows get a snippet.
 * The user's query never reaches FTS5 as written: it is parsed (../search.ts) and re-quoted.
 */
import type Database from 'better-sqlite3';
import type { Tier } from '../../domain/tiers.js';
import { REGION_NAMES, type RegionCode, type Span } from '../../domain/types.js';
import type { FacetValue, SearchHit, SearchRequest, SearchResults, SearchUnitKind } from '../search.js';
import {
  SEARCH_UNIT_KINDS,
  SearchBudgetError,
  SearchQueryError,
  formatQuery,
  normalizeSearchRequest,
  parseSearchQuery,
  searchUnitTitle,
  splitMarkedSnippet,
} from '../search.js';

/** Kind codes in the FTS rowid (see migration 2; a test checks that they agree). */
export const KIND_CODES: Record<SearchUnitKind, number> = {
  summary: 0,
  prosecution: 2,
  protection: 3,
  prevention: 4,
  profile: 5,
  'government-efforts': 6,
  note: 7,
  recommendation: 8,
};
const KIND_BY_CODE = new Map<number, SearchUnitKind>(Object.entries(KIND_CODES).map(([k, c]) => [c, k as SearchUnitKind]));

export const ASSESSMENT_SHIFT = 2 ** 20;
export const KIND_SHIFT = 2 ** 16;

/** What an FTS rowid stands for. */
export function decodeSearchRowid(rowid: number): { assessmentId: number; kind: SearchUnitKind; ord: number } {
  const assessmentId = Math.floor(rowid / ASSESSMENT_SHIFT);
  const code = Math.floor((rowid % ASSESSMENT_SHIFT) / KIND_SHIFT);
  const kind = KIND_BY_CODE.get(code);
  if (!kind) throw new Error(`search row ${rowid} has an unknown kind code ${code}`);
  return { assessmentId, kind, ord: rowid % KIND_SHIFT };
}

/** Private-use characters that cannot occur in report text, marking matches in snippets. */
const OPEN = '\uE000';
const CLOSE = '\uE001';
const SNIPPET_TOKENS = 24;

interface GroupRow {
  y: number;
  t: Tier | null;
  r: RegionCode;
  k: number;
  n: number;
}

interface HitRow {
  id: number;
  score: number;
  snippet: string | null;
}

interface HitInfoRow {
  country_id: string;
  country_name: string;
  report_year: number;
  tier: Tier | null;
  region: RegionCode;
  is_current: number;
  document_id: number;
  public_url: string | null;
}

type Prepare = (sql: string) => Database.Statement;

/** Per narrative: what facets and filters need, kept in memory per connection until the store changes. */
interface NarrativeMeta {
  year: number;
  tier: Tier | null;
  region: RegionCode;
  country: string;
  current: boolean;
  /** Index of (year, tier, region) in NarrativeMetas.triples: facet counting works on small integers. */
  code: number;
}

interface NarrativeMetas {
  version: number;
  byId: Map<number, NarrativeMeta>;
  triples: { year: number; tier: Tier | null; region: RegionCode }[];
}

const metaCache = new WeakMap<Database.Database, NarrativeMetas>();

function narrativeMeta(db: Database.Database, prepare: Prepare, version: number): NarrativeMetas {
  const hit = metaCache.get(db);
  if (hit && hit.version === version) return hit;
  const rows = prepare(
    'SELECT a.id, a.report_year, a.tier, c.region, a.country_id, a.is_current FROM assessments a JOIN countries c ON c.id = a.country_id',
  )
    .raw()
    .all() as [number, number, Tier | null, RegionCode, string, number][];
  const byId = new Map<number, NarrativeMeta>();
  const triples: NarrativeMetas['triples'] = [];
  const codes = new Map<string, number>();
  for (const [id, year, tier, region, country, current] of rows) {
    const key = `${year}|${tier}|${region}`;
    let code = codes.get(key);
    if (code === undefined) {
      code = triples.length;
      codes.set(key, code);
      triples.push({ year, tier, region });
    }
    byId.set(id, { year, tier, region, country, current: current === 1, code });
  }
  const metas = { version, byId, triples };
  metaCache.set(db, metas);
  return metas;
}

/** How long one search may run (ms) before it is stopped with a SearchBudgetError. */
export const SEARCH_BUDGET_MS = 2000;
/** A snippet longer than this (a run of characters FTS5 reads as one huge token) is cut, keeping its first match. */
export const MAX_SNIPPET_CHARS = 600;

/**
 * The time budget. better-sqlite3 (12) has no progress handler and no interrupt, so the budget is checked between
 * the search's steps and, inside the ranking statement, by a SQL function `tip_search_budget()` called for every
 * candidate row (it throws past the deadline, which aborts the statement and rolls back nothing: it only reads).
 * What cannot be interrupted is FTS5 building one term's document list inside MATCH; the import limits bound
 * how long a document, and so a list, can be.
 */
let deadline = Infinity;
let budgetMs = SEARCH_BUDGET_MS;
let budgetCalls = 0;
const withBudgetFunction = new WeakSet<Database.Database>();

function checkBudget(): void {
  if (performance.now() > deadline) throw new SearchBudgetError(budgetMs);
}

function registerBudget(db: Database.Database): void {
  if (withBudgetFunction.has(db)) return;
  db.function('tip_search_budget', { deterministic: false }, () => {
    // Reading the clock costs more than the call: every 64th row is often enough (rows take microseconds).
    if ((++budgetCalls & 63) === 0) checkBudget();
    return 1;
  });
  withBudgetFunction.add(db);
}

/**
 * Runs a search within `budget` ms. `prepare` returns cached prepared statements of the store's connection;
 * `version` changes whenever the database may have changed (Store.version()), so that narrative facts kept in
 * memory are reloaded.
 */
export function searchSqlite(db: Database.Database, prepare: Prepare, request: SearchRequest, version: number, budget = SEARCH_BUDGET_MS): SearchResults {
  const req = normalizeSearchRequest(request);
  const match = formatQuery(parseSearchQuery(req.q));
  registerBudget(db);
  budgetMs = budget;
  deadline = performance.now() + budget;
  try {
    return runSearch(db, prepare, req, match, version);
  } finally {
    deadline = Infinity;
  }
}

type Request = ReturnType<typeof normalizeSearchRequest>;

/** The matching rows counted per (year, tier, region) and kind, and the rowids that pass every filter. */
interface Matches {
  rowids: number[];
  groups: GroupRow[];
  /** Matching rows that pass every filter (the hits are ranked among them). */
  candidates: number[];
}

function runSearch(db: Database.Database, prepare: Prepare, req: Request, match: string, version: number): SearchResults {
  const m = matchingRows(db, prepare, req, match, version);
  const facets = facetsOf(req, m.groups);
  const total = m.groups.reduce((sum, g) => sum + (passes(req, g) ? g.n : 0), 0);
  checkBudget();
  const hits = hitRows(prepare, req, match, m).map((row) => hitOf(prepare, row));
  return {
    q: req.q,
    understood: match,
    total,
    limit: req.limit,
    offset: req.offset,
    hits,
    facets,
    includeHistory: req.includeHistory,
  };
}

/** Facets and totals: the matching rowids only (no content or rank), counted here per narrative and kind. */
function matchingRows(db: Database.Database, prepare: Prepare, req: Request, match: string, version: number): Matches {
  let rowids: number[];
  try {
    rowids = prepare('SELECT rowid FROM search_fts WHERE search_fts MATCH ?').pluck().all(match) as number[];
  } catch (e) {
    throw asQueryError(e, req.q);
  }
  checkBudget();
  const metas = narrativeMeta(db, prepare, version);
  const countries = new Set(req.countries);
  const kinds = new Set(req.sections.map((k) => KIND_CODES[k]));
  const candidates: number[] = [];
  // Counts per (year, tier, region) code and kind; rowids come in order, so a narrative is looked up once.
  const counts = new Int32Array(metas.triples.length * 16);
  let lastAid = -1;
  let m: NarrativeMeta | undefined;
  let passing = false;
  for (const rowid of rowids) {
    const aid = Math.floor(rowid / ASSESSMENT_SHIFT);
    if (aid !== lastAid) {
      lastAid = aid;
      m = metas.byId.get(aid);
      if (m && ((!req.includeHistory && !m.current) || (countries.size && !countries.has(m.country)))) m = undefined;
      passing =
        m !== undefined &&
        (req.years.length === 0 || req.years.includes(m.year)) &&
        (req.tiers.length === 0 || (m.tier !== null && req.tiers.includes(m.tier))) &&
        (req.regions.length === 0 || req.regions.includes(m.region));
    }
    if (!m) continue;
    const k = Math.floor((rowid % ASSESSMENT_SHIFT) / KIND_SHIFT);
    counts[m.code * 16 + k]!++;
    if (passing && (kinds.size === 0 || kinds.has(k))) candidates.push(rowid);
  }
  const groups: GroupRow[] = [];
  counts.forEach((n, i) => {
    if (n === 0) return;
    const t = metas.triples[Math.floor(i / 16)]!;
    groups.push({ y: t.year, t: t.tier, r: t.region, k: i % 16, n });
  });
  return { rowids, groups, candidates };
}

type Filter = 'years' | 'tiers' | 'regions' | 'sections';

/** Whether a group passes the request's filters, all or all but one (a facet counts under every other filter). */
function passes(req: Request, g: GroupRow, skip?: Filter): boolean {
  return (
    (skip === 'years' || req.years.length === 0 || req.years.includes(g.y)) &&
    (skip === 'tiers' || req.tiers.length === 0 || (g.t !== null && req.tiers.includes(g.t))) &&
    (skip === 'regions' || req.regions.length === 0 || req.regions.includes(g.r)) &&
    (skip === 'sections' || req.sections.length === 0 || req.sections.some((s) => KIND_CODES[s] === g.k))
  );
}

function facetsOf(req: Request, groups: GroupRow[]): SearchResults['facets'] {
  const facet = <V extends string | number>(
    skip: Filter,
    key: (g: GroupRow) => V | null,
    label: (v: V) => string,
    selected: (v: V) => boolean,
    order: (a: [V, number], b: [V, number]) => number,
  ): FacetValue[] => {
    const counts = new Map<V, number>();
    for (const g of groups) {
      if (!passes(req, g, skip)) continue;
      const v = key(g);
      if (v === null) continue;
      counts.set(v, (counts.get(v) ?? 0) + g.n);
    }
    return [...counts.entries()]
      .sort(order)
      .map(([v, count]) => ({ value: String(v), label: label(v), count, selected: selected(v) }));
  };
  const byCount = <V>(a: [V, number], b: [V, number]) => b[1] - a[1] || String(a[0]).localeCompare(String(b[0]));
  return {
    year: facet('years', (g) => g.y, (v) => String(v), (v) => req.years.includes(v), (a, b) => b[0] - a[0]),
    tier: facet('tiers', (g) => g.t, (v) => v, (v) => req.tiers.includes(v), byCount),
    region: facet('regions', (g) => g.r, (v) => REGION_NAMES[v], (v) => req.regions.includes(v), byCount),
    section: facet(
      'sections',
      (g) => KIND_BY_CODE.get(g.k) ?? null,
      (v) => searchUnitTitle(v),
      (v) => req.sections.includes(v),
      (a, b) => SEARCH_UNIT_KINDS.indexOf(a[0]) - SEARCH_UNIT_KINDS.indexOf(b[0]),
    ),
  };
}

/**
 * The page of hits: best bm25 first among the candidates (when filters leave out some matching rows, the rest are
 * named by rowid; `+rowid` keeps FTS5 from turning the list into one lookup per value). SQLite computes bm25 only
 * for rows that pass, and snippets only for the page.
 */
function hitRows(prepare: Prepare, req: Request, match: string, m: Matches): HitRow[] {
  if (m.candidates.length <= req.offset) return [];
  const all = m.candidates.length === m.rowids.length;
  const snippet = `snippet(search_fts, 0, '${OPEN}', '${CLOSE}', '…', ${SNIPPET_TOKENS}) AS snippet`;
  return prepare(
    `SELECT rowid AS id, bm25(search_fts) AS score, ${snippet} FROM search_fts
     WHERE search_fts MATCH @q AND tip_search_budget() ${all ? '' : 'AND +rowid IN (SELECT value FROM json_each(@ids))'}
     ORDER BY score, rowid LIMIT @limit OFFSET @offset`,
  ).all({ q: match, limit: req.limit, offset: req.offset, ...(all ? {} : { ids: JSON.stringify(m.candidates) }) }) as HitRow[];
}

/** A hit: its narrative, section or recommendation and span, and the snippet as plain text with highlight offsets. */
function hitOf(prepare: Prepare, row: HitRow): SearchHit {
  const info = prepare(
    `SELECT a.country_id, a.country_name, a.report_year, a.tier, c.region, a.is_current, a.document_id, d.public_url
     FROM assessments a JOIN countries c ON c.id = a.country_id JOIN documents d ON d.id = a.document_id
     WHERE a.id = ?`,
  );
  const sectionSpan = prepare('SELECT span_start AS start, span_end AS end FROM sections WHERE assessment_id = ? AND ord = ?');
  const recSpan = prepare('SELECT span_start AS start, span_end AS end FROM recommendations WHERE assessment_id = ? AND ord = ?');
  const { assessmentId, kind, ord } = decodeSearchRowid(row.id);
  const a = info.get(assessmentId) as HitInfoRow;
  const span = (kind === 'recommendation' ? recSpan : sectionSpan).get(assessmentId, ord) as Span;
  const { snippet, highlights } = capSnippet(splitMarkedSnippet(row.snippet ?? '', OPEN, CLOSE));
  return {
    countryId: a.country_id,
    countryName: a.country_name,
    reportYear: a.report_year,
    tier: a.tier,
    region: a.region,
    section: kind,
    sectionTitle: searchUnitTitle(kind),
    ...(kind === 'recommendation' ? { recommendationNumber: ord + 1 } : {}),
    snippet,
    highlights,
    score: Math.round(row.score * 1000) / 1000,
    assessmentId,
    current: a.is_current === 1,
    document: { id: a.document_id, publicUrl: a.public_url },
    span: { start: span.start, end: span.end },
  };
}

/** A snippet within MAX_SNIPPET_CHARS: the part around its first highlight, with the highlights inside it. */
function capSnippet(s: { snippet: string; highlights: [number, number][] }): { snippet: string; highlights: [number, number][] } {
  if (s.snippet.length <= MAX_SNIPPET_CHARS) return s;
  const first = s.highlights[0]?.[0] ?? 0;
  const from = Math.max(0, Math.min(first - MAX_SNIPPET_CHARS / 4, s.snippet.length - MAX_SNIPPET_CHARS));
  const to = from + MAX_SNIPPET_CHARS;
  const lead = from > 0 ? '…' : '';
  const highlights = s.highlights
    .filter(([a, b]) => a >= from && b <= to)
    .map(([a, b]): [number, number] => [a - from + lead.length, b - from + lead.length]);
  return { snippet: `${lead}${s.snippet.slice(from, to)}${to < s.snippet.length ? '…' : ''}`, highlights };
}

/** An FTS5 error from a query that got past the parser is still the query's fault: a 400, never a 500. */
function asQueryError(e: unknown, q: string): unknown {
  const err = e as { code?: string; message?: string };
  if (err.code === 'SQLITE_ERROR' && /fts5|syntax|unterminated|no such column/i.test(err.message ?? '')) {
    return new SearchQueryError(`the search query ${JSON.stringify(q)} cannot be run: ${err.message}`);
  }
  return e;
}
