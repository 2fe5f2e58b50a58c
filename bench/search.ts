/**
 * Search benchmark: `store.search()` against the same queries as raw FTS5 statements, in the same run, over a
 * synthetic 25-year corpus (~190 fictional narratives a year, seeded, built through the store's importDocument).
 * Goal: p95 under 10 ms and at most 1.5× the raw statements, per query type. Also measures the read-time cost of
 * indicators (computed when a profile is read) on the same corpus.
 *
 *   npx tsx bench/search.ts [--years 25] [--countries 190] [--runs 30]
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { COUNTRIES } from '../src/countries/index.js';
import type { SearchRequest } from '../src/store/search.js';
import { formatQuery, parseSearchQuery } from '../src/store/search.js';
import { openSqliteStore } from '../src/store/sqlite/SqliteStore.js';
import { KIND_CODES } from '../src/store/sqlite/search.js';
import { fictionalCountries } from './generate.js';
import { benchYear } from './searchCorpus.js';

interface Case {
  type: string;
  request: SearchRequest;
}

const CASES: Case[] = [
  { type: 'word', request: { q: 'shelter' } },
  { type: 'word', request: { q: 'hotline' } },
  { type: 'word', request: { q: 'kelp' } },
  { type: 'word', request: { q: 'refugees' } },
  { type: 'phrase', request: { q: '"labor inspectors"' } },
  { type: 'phrase', request: { q: '"recruitment fees"' } },
  { type: 'phrase', request: { q: '"brick kilns"' } },
  { type: 'phrase', request: { q: '"complicit officials"' } },
  { type: 'prefix', request: { q: 'recruit*' } },
  { type: 'prefix', request: { q: 'asyl*' } },
  { type: 'prefix', request: { q: 'complic*' } },
  { type: 'prefix', request: { q: 'carp*' } },
  { type: 'boolean', request: { q: 'shelter NOT male' } },
  { type: 'boolean', request: { q: '(hotline OR campaign) AND students' } },
  { type: 'boolean', request: { q: 'kelp NOT refugees' } },
  { type: 'boolean', request: { q: '"forced labor" AND (cotton OR cocoa)' } },
  { type: 'with facets', request: { q: 'shelter', years: [2023] } },
  { type: 'with facets', request: { q: '"forced labor"', regions: ['EUR'], years: [2021, 2022, 2023, 2024, 2025] } },
  { type: 'with facets', request: { q: 'recruit*', tiers: ['Tier 3'], sections: ['recommendation'] } },
  { type: 'with facets', request: { q: 'hotline', sections: ['protection', 'prevention'], tiers: ['Tier 2', 'Tier 2 Watch List'] } },
  // The worst case: a word of every narrative (tens of thousands of matches), reported apart from the goal.
  { type: 'every narrative (stress)', request: { q: 'government' } },
];

/**
 * The same query as a user would write it straight against FTS5: facet counts, then the top 20 with snippets
 * (`run`); and the ranking statement alone (`rankOnly`), a floor for any answer ranked by FTS5's bm25.
 */
function rawStatements(db: ReturnType<typeof openSqliteStore>['db'], c: Case) {
  const where: string[] = ['a.is_current = 1'];
  const params: unknown[] = [formatQuery(parseSearchQuery(c.request.q))];
  const inList = (col: string, values: readonly (string | number)[]) => {
    where.push(`${col} IN (${values.map(() => '?').join(', ')})`);
    params.push(...values);
  };
  if (c.request.years?.length) inList('a.report_year', c.request.years);
  if (c.request.tiers?.length) inList('a.tier', c.request.tiers);
  if (c.request.regions?.length) inList('c.region', c.request.regions);
  if (c.request.sections?.length) inList('((f.rowid >> 16) & 15)', c.request.sections.map((s) => KIND_CODES[s]));
  const from = `FROM search_fts f JOIN assessments a ON a.id = f.rowid >> 20 JOIN countries c ON c.id = a.country_id
    WHERE search_fts MATCH ? AND ${where.join(' AND ')}`;
  const facets = db.prepare(`SELECT a.report_year, a.tier, c.region, (f.rowid >> 16) & 15 AS k, count(*) AS n ${from} GROUP BY 1, 2, 3, 4`);
  const hits = db.prepare(`SELECT f.rowid, snippet(search_fts, 0, '[', ']', '…', 24) AS s, f.rank ${from} ORDER BY f.rank LIMIT 20`);
  // The least any bm25-ranked answer costs: the top 20 ids alone (no facets, no snippets).
  const ranking = db.prepare(`SELECT f.rowid, bm25(search_fts) AS score ${from} ORDER BY score LIMIT 20`);
  return {
    run: () => {
      facets.all(...params);
      return hits.all(...params).length;
    },
    rankOnly: () => ranking.all(...params).length,
  };
}

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))]!;
};
const ms = (x: number) => x.toFixed(2).padStart(7);

export async function benchSearch(options: { years?: number; countries?: number; runs?: number } = {}): Promise<string[]> {
  const years = options.years ?? 25;
  const nCountries = options.countries ?? 190;
  const runs = options.runs ?? 30;
  const out: string[] = [];
  const dir = mkdtempSync(join(tmpdir(), 'tip-atlas-bench-search-'));
  const countries = fictionalCountries(nCountries);
  const store = openSqliteStore(join(dir, 'bench.db'), { countries: [...COUNTRIES, ...countries] });
  try {
    const t0 = performance.now();
    let chars = 0;
    for (let y = 2025 - years + 1; y <= 2025; y++) {
      const doc = benchYear(y, countries, 1);
      chars += doc.text.length;
      store.importDocument(doc);
    }
    const buildMs = performance.now() - t0;
    const units = store.db.prepare('SELECT count(*) FROM search_fts').pluck().get() as number;
    out.push(
      `corpus: ${years} report years × ${nCountries} fictional narratives, ${(chars / 1e6).toFixed(1)} MB of text, ${units} indexed passages; ` +
        `built through importDocument (full-text indexing included) in ${(buildMs / 1000).toFixed(1)} s`,
    );

    const byType = new Map<string, { store: number[]; raw: number[]; rank: number[]; hits: number; total: number }>();
    for (const c of CASES) {
      const raw = rawStatements(store.db, c);
      const sample = store.search(c.request);
      for (let i = 0; i < 3; i++) {
        store.search(c.request);
        raw.run();
        raw.rankOnly();
      }
      const entry = byType.get(c.type) ?? { store: [], raw: [], rank: [], hits: 0, total: 0 };
      entry.total += sample.total;
      entry.hits++;
      for (let i = 0; i < runs; i++) {
        // Alternate so that both see the same noise.
        let t = performance.now();
        store.search(c.request);
        entry.store.push(performance.now() - t);
        t = performance.now();
        raw.run();
        entry.raw.push(performance.now() - t);
        t = performance.now();
        raw.rankOnly();
        entry.rank.push(performance.now() - t);
      }
      byType.set(c.type, entry);
    }
    out.push(
      '',
      `${'query type'.padEnd(26)} ${'matches'.padStart(8)}  ${'store p50'.padStart(9)} ${'p95'.padStart(7)}  ${'raw p50'.padStart(7)} ${'p95'.padStart(7)}  ${'rank-only p50'.padStart(13)} ${'p95'.padStart(7)}  ratio p50/p95   goal (p95 < 10 ms, ≤ 1.5× raw)`,
    );
    for (const [type, e] of byType) {
      const sp50 = pct(e.store, 50);
      const sp95 = pct(e.store, 95);
      const rp50 = pct(e.raw, 50);
      const rp95 = pct(e.raw, 95);
      const stress = type.includes('stress');
      const verdict = stress
        ? '(not a goal: every narrative matches)'
        : [sp95 < 10 ? 'p95 met' : 'p95 NOT met', sp95 <= 1.5 * rp95 ? '≤ 1.5× met' : '≤ 1.5× NOT met'].join(', ');
      out.push(
        `${type.padEnd(26)} ${String(Math.round(e.total / e.hits)).padStart(8)}  ${ms(sp50)}   ${ms(sp95)}  ${ms(rp50)} ${ms(rp95)}  ${ms(pct(e.rank, 50)).padStart(13)} ${ms(pct(e.rank, 95))}  ${(sp50 / rp50).toFixed(2)} / ${(sp95 / rp95).toFixed(2)}    ${verdict}`,
      );
    }
    out.push(
      '(times in ms per query: store and raw include facet counts and 20 hits with snippets; rank-only is the raw bm25 ranking',
      ' statement alone, top 20 ids without facets or snippets, a floor for FTS5-ranked answers; "matches" = passages per query, averaged)',
    );

    // What a profile's analyses cost to read is measured by bench/derive.ts (facts are derived at import).
    return out;
  } finally {
    store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const { values } = parseArgs({ options: { years: { type: 'string' }, countries: { type: 'string' }, runs: { type: 'string' } } });
  const lines = await benchSearch({
    years: values.years ? Number(values.years) : undefined,
    countries: values.countries ? Number(values.countries) : undefined,
    runs: values.runs ? Number(values.runs) : undefined,
  });
  for (const l of lines) console.log(l);
}
