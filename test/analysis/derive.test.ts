import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  countryFacts,
  deriveCountry,
  deriveNarrative,
  deriver,
  DERIVATION_VERSION,
  narrativeFacts,
  type NarrativeFacts,
} from '../../src/analysis/derive.js';
import { diffNarratives, diffStoredNarratives } from '../../src/analysis/diff.js';
import { countryIndicators } from '../../src/analysis/indicators.js';
import { countryRecommendationTracking } from '../../src/analysis/derive.js';
import { COUNTRIES } from '../../src/countries/index.js';
import type { Deriver, RederiveProgress } from '../../src/store/index.js';
import { openSqliteStore, type SqliteStore } from '../../src/store/sqlite/SqliteStore.js';
import { FICTIONAL_COUNTRIES } from '../fixtures/countries.js';
import { multiyearDocument } from '../fixtures/multiyear.js';
import { runCli, tempDir } from '../helpers/cli.js';
import { openDerivingStore } from '../helpers/derivingStore.js';

/**
 * The derive stage: facts computed from narratives when they are imported (analysis/derive.ts), stored by the
 * store in the import's transaction (migration 8), read back by the analyses, recomputed by rederive.
 */
const countries = [...COUNTRIES, ...FICTIONAL_COUNTRIES];
const MIROVIA = [2019, 2020, 2021, 2022, 2023];
const mirovia = (y: number) => multiyearDocument('mirovia', y);

function count(store: SqliteStore, table: string): number {
  return store.db.prepare(`SELECT count(*) FROM ${table}`).pluck().get() as number;
}

describe('derive at import', () => {
  let store: SqliteStore;
  beforeAll(() => {
    store = openDerivingStore(':memory:', { countries });
    for (const y of MIROVIA) store.importDocument(mirovia(y));
  });
  afterAll(() => store.close());

  it('stores the facts of every narrative and of its country, stamped with the derivation version', () => {
    expect(count(store, 'derived_narratives')).toBe(MIROVIA.length);
    const versions = store.db.prepare('SELECT DISTINCT version FROM derived_narratives').pluck().all();
    expect(versions).toEqual([DERIVATION_VERSION]);
    const c = store.derivedCountry('XMR')!;
    expect(c.version).toBe(DERIVATION_VERSION);
    // The cross-year links were recomputed as each year arrived: they name all five narratives, oldest first.
    const ids = MIROVIA.map((y) => store.getAssessment('XMR', y)!.id);
    expect(c.narratives).toEqual(ids);
    expect(store.derivedState()).toEqual({ stored: DERIVATION_VERSION, expected: DERIVATION_VERSION, stale: false });
  });

  it('stores what the analyses would compute: the same indicators, sentences and tracking', () => {
    for (const y of MIROVIA) {
      const a = store.getAssessment('XMR', y)!;
      const computed = deriveNarrative(a, (span) => store.documentText(a.document.id, span));
      expect(store.derivedNarrative(a.id)!.facts).toEqual(JSON.parse(JSON.stringify(computed)));
      expect(computed.sentences.length).toBe(a.sections.length);
    }
    const narratives = MIROVIA.map((y) => store.getAssessment('XMR', y)!);
    expect(store.derivedCountry('XMR')!.facts).toEqual(JSON.parse(JSON.stringify(deriveCountry(narratives))));
    const repeated = countryRecommendationTracking(store, 'XMR').years.at(-1)!.recommendations.filter((r) => r.status === 'repeated');
    expect(repeated.length).toBeGreaterThan(0);
  });

  it('is what pages read: a stored fact changed in the database shows, a fact of another version does not', () => {
    const a = store.getAssessment('XMR', 2023)!;
    const original = store.derivedNarrative(a.id)!;
    const facts = structuredClone(original.facts) as NarrativeFacts;
    facts.indicators = [{ ...facts.indicators[0]!, kind: 'convictions', status: 'count', value: 4242, valueText: '4,242 (stored)' }];
    const put = store.db.prepare('UPDATE derived_narratives SET facts = ?, version = ? WHERE assessment_id = ?');
    try {
      put.run(JSON.stringify(facts), DERIVATION_VERSION, a.id);
      expect(countryIndicators(store, 'XMR').facts.filter((f) => f.reportYear === 2023).map((f) => f.valueText)).toEqual(['4,242 (stored)']);
      // Another version's facts are never served: they are computed again.
      put.run(JSON.stringify(facts), DERIVATION_VERSION + 1, a.id);
      expect(narrativeFacts(store, a)).toEqual(deriveNarrative(a, (span) => store.documentText(a.document.id, span)));
      expect(store.derivedState().stale).toBe(true);
    } finally {
      put.run(JSON.stringify(original.facts), original.version, a.id);
    }
  });

  it('diffs with the sentences derived at import, as it would split them', () => {
    const [a, b] = [store.getAssessment('XMR', 2022)!, store.getAssessment('XMR', 2023)!];
    expect(diffStoredNarratives(store, a, b)).toEqual(diffNarratives(a, b));
  });

  it('links a country again when one of its narratives is replaced by a more complete version', () => {
    const s = openDerivingStore(':memory:', { countries });
    try {
      const full = mirovia(2021);
      const short = { ...full, sha256: 'f'.repeat(64), assessments: full.assessments.map((a) => ({ ...a, recommendations: a.recommendations.slice(0, 2) })) };
      s.importDocument(mirovia(2020));
      s.importDocument(short);
      const before = s.derivedCountry('XMR')!;
      expect(countryRecommendationTracking(s, 'XMR').years.at(-1)!.recommendations).toHaveLength(2);
      s.importDocument(full);
      const after = s.derivedCountry('XMR')!;
      expect(after.narratives).not.toEqual(before.narratives);
      expect(after.narratives).toEqual([2020, 2021].map((y) => s.getAssessment('XMR', y)!.id));
      expect(countryRecommendationTracking(s, 'XMR').years.at(-1)!.recommendations).toHaveLength(full.assessments[0]!.recommendations.length);
    } finally {
      s.close();
    }
  });

  it('writes nothing of a document whose derive stage fails (one transaction)', () => {
    const failing: Deriver = { ...deriver, country: () => { throw new Error('derive failed'); } };
    const s = openSqliteStore(':memory:', { countries, deriver: failing });
    try {
      expect(() => s.importDocument(mirovia(2019))).toThrow('derive failed');
      expect([count(s, 'documents'), count(s, 'assessments'), count(s, 'derived_narratives')]).toEqual([0, 0, 0]);
    } finally {
      s.close();
    }
  });
});

describe('rederive', () => {
  const tmp = tempDir();
  const file = join(tmp.dir, 'derive.db');
  afterAll(() => tmp.cleanup());

  it('recomputes every fact in one transaction, with progress and a summary', () => {
    const s = openDerivingStore(file, { countries });
    try {
      for (const y of MIROVIA) s.importDocument(mirovia(y));
      s.importDocument(multiyearDocument('examplia', 2020));
      const stored = s.db.prepare('SELECT * FROM derived_narratives ORDER BY assessment_id').all();
      s.db.exec('DELETE FROM derived_narratives; DELETE FROM derived_countries;');
      expect(s.derivedState().stale).toBe(true);
      const progress: RederiveProgress[] = [];
      const summary = s.rederive((p) => progress.push(p));
      expect(summary).toEqual({ version: DERIVATION_VERSION, narratives: 6, countries: 2 });
      expect(progress.at(-1)).toEqual({ stage: 'countries', done: 2, total: 2 });
      expect(progress.filter((p) => p.stage === 'narratives').at(-1)).toEqual({ stage: 'narratives', done: 6, total: 6 });
      expect(s.db.prepare('SELECT * FROM derived_narratives ORDER BY assessment_id').all()).toEqual(stored);
      expect(s.derivedState().stale).toBe(false);
    } finally {
      s.close();
    }
  });

  it('runs when the store is opened for writing with another derivation version, and not otherwise', () => {
    const told: number[] = [];
    const next: Deriver = { ...deriver, version: DERIVATION_VERSION + 1 };
    const s = openSqliteStore(file, { countries, deriver: next, onRederive: (x) => told.push(x.narratives) });
    try {
      expect(told).toEqual([6]);
      expect(s.db.prepare('SELECT DISTINCT version FROM derived_countries').pluck().all()).toEqual([DERIVATION_VERSION + 1]);
      // Facts of a version this code does not derive are not served: the analyses compute them.
      const a = s.getAssessment('XMR', 2023)!;
      expect(countryFacts(s, 'XMR')).toEqual(deriveCountry(MIROVIA.map((y) => s.getAssessment('XMR', y)!)));
      expect(narrativeFacts(s, a).indicators).toEqual(deriveNarrative(a, (span) => s.documentText(a.document.id, span)).indicators);
    } finally {
      s.close();
    }
    const again = openSqliteStore(file, { countries, deriver: next, onRederive: (x) => told.push(x.narratives) });
    again.close();
    expect(told).toEqual([6]);
  });

  it('a store opened without a deriver says its facts are stale and cannot rederive', () => {
    const s = openSqliteStore(file, { countries });
    try {
      expect(s.derivedState()).toEqual({ stored: DERIVATION_VERSION + 1, expected: null, stale: false });
      s.db.prepare('DELETE FROM derived_narratives WHERE assessment_id = (SELECT min(id) FROM assessments)').run();
      expect(s.derivedState().stale).toBe(true);
      expect(() => s.rederive()).toThrow(/without a deriver/);
    } finally {
      s.close();
    }
  });

  it('tip-atlas rederive recomputes the database and says what it did', async () => {
    const r = await runCli(['rederive', '--db', file]);
    expect(r.stderr).toContain('narratives: 6/6');
    expect(r.stdout).toMatch(new RegExp(`^rederived 6 narratives of 2 countries \\(derivation version ${DERIVATION_VERSION}\\) in \\d+\\.\\d s\\n$`));
    expect(r.code).toBe(0);
    const s = openDerivingStore(file, { countries });
    try {
      expect(s.derivedState()).toEqual({ stored: DERIVATION_VERSION, expected: DERIVATION_VERSION, stale: false });
    } finally {
      s.close();
    }
  });
});

describe('import memory: the countries stage', () => {
  it("tells the stream's countGarbage how much narrative text deriving each country read back", () => {
    const s = openDerivingStore(':memory:', { countries });
    try {
      const counted: number[] = [];
      s.importDocument(mirovia(2019));
      const doc = mirovia(2020);
      s.importDocument({ ...doc, countGarbage: (chars) => counted.push(chars) });
      // Mirovia's current narratives (2019 and 2020) read back once, for the one country of the document.
      const source = (y: number) => s.getAssessment('XMR', y)!.source;
      expect(counted).toEqual([[2019, 2020].reduce((n, y) => n + source(y).end - source(y).start, 0)]);
    } finally {
      s.close();
    }
  });
});
