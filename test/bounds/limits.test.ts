import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InputError } from '../../src/domain/index.js';
import { parseText } from '../../src/ingest/index.js';
import { LIMITS } from '../../src/ingest/limits.js';
import { openDerivingStore } from '../helpers/derivingStore.js';
import type { Store } from '../../src/store/index.js';
import { MAX_SNIPPET_CHARS } from '../../src/store/sqlite/search.js';
import { syntheticDocument } from '../fixtures/syntheticDocument.js';
import { createApp } from '../../src/web/app.js';
import { fictionalLookup } from '../fixtures/countries.js';

const FIXTURE = readFileSync(new URL('../fixtures/multiyear/examplia-2023.txt', import.meta.url), 'utf8');
const parse = (text: string) => parseText(text, 'big.txt', 'x', { lookup: fictionalLookup });
const lines = (chars: number) => 'Line of appended text that goes on.\n'.repeat(Math.ceil(chars / 36));

describe('import limits refuse a document with an oversized part, naming file, country and size', () => {
  it('a narrative with over 400,000 characters of lines appended (the issue: the seed plus 1M lines)', () => {
    const err = (() => {
      try {
        parse(`${FIXTURE}\n${lines(LIMITS.narrativeChars + 10_000)}`);
      } catch (e) {
        return e;
      }
    })();
    expect(err).toBeInstanceOf(InputError);
    expect((err as Error).message).toMatch(/^big\.txt: the narrative of Examplia holds [\d,]+ characters, over the limit of 400,000 characters per narrative: the file is not imported/);
  });

  it('a section over its limit', () => {
    const text = `${FIXTURE}\n${'A long paragraph of the profile section. '.repeat(Math.ceil((LIMITS.sectionChars + 1000) / 41))}\n`;
    expect(() => parse(text)).toThrow(/^big\.txt: the [A-Z ]+ section of Examplia \(2023\) holds [\d,]+ characters, over the limit of 200,000 characters per section/);
  });

  it('a recommendation over its limit', () => {
    const long = `Train ${'police officers and '.repeat(LIMITS.recommendationChars / 20 + 10)}judges on victim identification.`;
    const text = FIXTURE.replace('PRIORITIZED RECOMMENDATIONS:\n\n', `PRIORITIZED RECOMMENDATIONS:\n\n${long} `);
    expect(() => parse(text)).toThrow(/^big\.txt: recommendation 1 of Examplia \(2023\) holds [\d,]+ characters, over the limit of 20,000 characters per recommendation/);
  });

  it('a run of 190,000 semicolons in the recommendations (found by the fuzz): parsed, no stack overflow', () => {
    const at = FIXTURE.indexOf('Adopt and implement');
    const end = FIXTURE.indexOf('\n', at);
    const a = parse(`${FIXTURE.slice(0, at)}Train officials${';'.repeat(190_000)} now.${FIXTURE.slice(end)}`).assessments[0]!;
    expect(a.recommendations[0]?.text).toMatch(/^Train officials/);
  });

  it('text under the limits imports as before', () => {
    const doc = parse(`${FIXTURE}\n${lines(50_000)}`);
    expect(doc.assessments).toHaveLength(1);
  });
});

describe('search is bounded', () => {
  let store: Store;
  beforeAll(() => {
    // A budget of 0 ms: every search is past it at its first check.
    store = openDerivingStore(':memory:', { searchBudgetMs: 0 });
    store.importDocument(syntheticDocument([{ countryId: 'TJK', reportYear: 2023, tier: 'Tier 2' }]));
  });
  afterAll(() => store.close());

  it('past its time budget: 503 with Retry-After and the error shape, as JSON and as a page', async () => {
    const app = createApp(store);
    const res = await app.request('/search.json?q=government');
    expect(res.status).toBe(503);
    expect(res.headers.get('Retry-After')).toBe('5');
    const body = (await res.json()) as { ok: boolean; status: number; error: string };
    expect(body).toMatchObject({ ok: false, status: 503 });
    expect(body.error).toMatch(/^the search took longer than its time budget \(0 ms\) and was stopped: try a narrower query/);
    const page = await app.request('/search?q=government');
    expect(page.status).toBe(503);
    expect(page.headers.get('Retry-After')).toBe('5');
    expect(await page.text()).toContain('took longer than its time budget');
  });

  it('snippets are capped, the match kept', () => {
    const s = openDerivingStore(':memory:');
    try {
      const doc = syntheticDocument([{ countryId: 'TJK', reportYear: 2023, tier: 'Tier 2' }]);
      const a = doc.assessments[0]!;
      const huge = `${'x'.repeat(5000)} cottonharvest ${'y'.repeat(5000)}`;
      const at = doc.text.length;
      doc.text += huge;
      a.sections.push({ kind: 'profile', heading: 'TRAFFICKING PROFILE', text: huge, span: { start: at, end: at + huge.length } });
      s.importDocument(doc);
      const r = s.search({ q: 'cottonharvest' });
      expect(r.hits).toHaveLength(1);
      const hit = r.hits[0]!;
      expect(hit.snippet.length).toBeLessThanOrEqual(MAX_SNIPPET_CHARS + 2);
      expect(hit.highlights.map(([x, y]) => hit.snippet.slice(x, y))).toEqual(['cottonharvest']);
    } finally {
      s.close();
    }
  });
});
