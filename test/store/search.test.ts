import { readFileSync } from 'node:fs';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COUNTRIES } from '../../src/countries/index.js';
import { parseText, sha256Of } from '../../src/ingest/index.js';
import { openSqliteStore } from '../../src/store/index.js';
import type { SqliteStore } from '../../src/store/index.js';
import { SearchQueryError, formatQuery, parseSearchQuery } from '../../src/store/search.js';
import { snippetHtml } from '../../src/web/pages/search.js';
import { INDEX_DOCUMENT_SQL, LATEST_SCHEMA_VERSION, MIGRATIONS, migrate } from '../../src/store/sqlite/migrations.js';
import { KIND_CODES, decodeSearchRowid } from '../../src/store/sqlite/search.js';
import { FICTIONAL_COUNTRIES, fictionalLookup } from '../fixtures/countries.js';

const understood = (q: string) => formatQuery(parseSearchQuery(q));

describe('the query language', () => {
  it('reads words, phrases, prefixes, operators and parentheses, quoting every term', () => {
    expect(understood('cotton harvest')).toBe('"cotton" AND "harvest"');
    expect(understood('"cotton harvest"')).toBe('"cotton harvest"');
    expect(understood('recruit*')).toBe('"recruit"*');
    expect(understood('"forced lab"*')).toBe('"forced lab"*');
    expect(understood('shelter NOT funding')).toBe('"shelter" NOT "funding"');
    expect(understood('(sex OR labor) trafficking')).toBe('("sex" OR "labor") AND "trafficking"');
    expect(understood('a OR b c')).toBe('"a" OR ("b" AND "c")');
    expect(understood('anti-trafficking U.S.')).toBe('"anti trafficking" AND "u s"');
    expect(understood('Côte   “Ivoire”')).toBe('"côte" AND "ivoire"');
    // Lower-case operators are words; FTS5 syntax characters are never passed through.
    expect(understood('and or not')).toBe('"and" AND "or" AND "not"');
    expect(understood('col:value ^start')).toBe('"col value" AND "start"');
  });

  const bad: [string, RegExp][] = [
    ['"unbalanced', /unbalanced quote/],
    ['AND OR', /cannot start with AND/],
    ['foo AND OR bar', /AND OR: an operator needs a search term on each side/],
    ['foo*bar(', /a \* may only end a word/],
    ['foo*bar', /a \* may only end a word/],
    ['(foo', /unbalanced parenthesis/],
    ['foo)', /unbalanced parenthesis/],
    ['()', /empty parentheses/],
    ['foo NOT', /ends where a search term is expected/],
    ['NOT foo', /cannot start with NOT/],
    ['   ', /empty/],
    ['*', /prefix search needs letters or digits/],
    ['---', /no letters or digits/],
    ['""', /no letters or digits/],
    ['x'.repeat(501), /too long/],
  ];
  for (const [q, message] of bad) {
    it(`rejects ${JSON.stringify(q.slice(0, 20))} with a clear message`, () => {
      expect(() => parseSearchQuery(q)).toThrow(SearchQueryError);
      expect(() => parseSearchQuery(q)).toThrow(message);
    });
  }
});

function fixture(path: string, lookup = fictionalLookup) {
  const text = readFileSync(new URL(path, import.meta.url), 'utf8');
  return parseText(text, path.replace(/^\.\.\//, 'test/'), sha256Of(Buffer.from(text)), { lookup });
}

describe('search over fictional narratives (SQLite FTS5)', () => {
  let store: SqliteStore;
  beforeAll(() => {
    store = openSqliteStore(':memory:', { countries: [...COUNTRIES, ...FICTIONAL_COUNTRIES] });
    for (const y of [2019, 2020, 2021, 2022, 2023]) store.importDocument(fixture(`../fixtures/multiyear/mirovia-${y}.txt`));
    store.importDocument(fixture('../fixtures/narratives/examplia-2023-gvnet.txt'));
    store.importDocument(fixture('../fixtures/narratives/fictonia-2022-publisher.txt'));
  });
  afterAll(() => store.close());

  it('finds words anywhere and phrases in order, with stemming', () => {
    const words = store.search({ q: 'inspectors labor' });
    const phrase = store.search({ q: '"labor inspectors"' });
    expect(phrase.total).toBeGreaterThan(0);
    expect(words.total).toBeGreaterThanOrEqual(phrase.total);
    expect(store.search({ q: '"inspectors labor"' }).total).toBe(0);
    // "victim" finds "victims".
    expect(store.search({ q: 'victim' }).total).toBe(store.search({ q: 'victims' }).total);
    for (const h of phrase.hits) expect(h.snippet.slice(h.highlights[0]![0], h.highlights[0]![1]).toLowerCase()).toBe('labor inspectors');
  });

  it('searches prefixes and boolean combinations', () => {
    const recruit = store.search({ q: 'recruit*' });
    expect(recruit.hits.every((h) => /recruit/i.test(h.snippet))).toBe(true);
    const shelters = store.search({ q: 'shelter' }).total;
    const notFunding = store.search({ q: 'shelter NOT funding' });
    expect(notFunding.total).toBeLessThan(shelters);
    expect(notFunding.hits.every((h) => !/fund/i.test(h.snippet))).toBe(true);
    const either = store.search({ q: 'lantern OR kelp OR saffron*' });
    expect(either.hits.map((h) => h.countryId).sort()).toContain('XEX');
    expect(either.hits.map((h) => h.countryId)).toContain('XMR');
  });

  it('names what each hit is: country, year, tier, section or recommendation number, document and span', () => {
    const r = store.search({ q: '"independent observers"', years: [2023] });
    expect(r.hits).toHaveLength(1);
    const h = r.hits[0]!;
    expect(h).toMatchObject({ countryId: 'XMR', countryName: 'Mirovia', reportYear: 2023, tier: 'Tier 2 Watch List', region: 'SCA', section: 'recommendation', recommendationNumber: 7, current: true });
    const text = readFileSync(new URL('../fixtures/multiyear/mirovia-2023.txt', import.meta.url), 'utf8');
    expect(text.slice(h.span.start, h.span.end)).toMatch(/^Invite and grant independent observers/);
    expect(store.documentText(h.document.id, h.span)).toBe(text.slice(h.span.start, h.span.end));
  });

  it('counts facets under the other filters, and the total under all of them', () => {
    const all = store.search({ q: 'shelters' });
    const sum = (xs: { count: number }[]) => xs.reduce((n, x) => n + x.count, 0);
    expect(sum(all.facets.year)).toBe(all.total);
    expect(sum(all.facets.section)).toBe(all.total);
    expect(sum(all.facets.region)).toBe(all.total);
    const y2023 = store.search({ q: 'shelters', years: [2023] });
    expect(y2023.total).toBe(all.facets.year.find((f) => f.value === '2023')!.count);
    // The year facet still offers the other years, with the 2023 one selected.
    expect(y2023.facets.year).toEqual(all.facets.year.map((f) => ({ ...f, selected: f.value === '2023' })));
    expect(y2023.hits.every((h) => h.reportYear === 2023)).toBe(true);
    const recs = store.search({ q: 'shelters', sections: ['recommendation'], tiers: ['Tier 2 Watch List'] });
    expect(recs.hits.every((h) => h.section === 'recommendation' && h.tier === 'Tier 2 Watch List')).toBe(true);
    expect(recs.total).toBe(recs.hits.length);
    const eur = store.search({ q: 'shelters', regions: ['EUR'] });
    expect(eur.hits.every((h) => h.countryId === 'XEX')).toBe(true);
    expect(store.search({ q: 'shelters', countries: ['XFC'] }).hits.every((h) => h.countryId === 'XFC')).toBe(true);
  });

  it('pages through hits, best first', () => {
    const first = store.search({ q: 'victims', limit: 5 });
    const second = store.search({ q: 'victims', limit: 5, offset: 5 });
    expect(first.hits).toHaveLength(5);
    expect(first.hits.map((h) => h.score)).toEqual([...first.hits.map((h) => h.score)].sort((a, b) => a - b));
    const ids = (r: typeof first) => r.hits.map((h) => `${h.assessmentId} ${h.section} ${h.span.start}`);
    expect(ids(first).filter((x) => ids(second).includes(x))).toEqual([]);
    expect(store.search({ q: 'victims', offset: first.total }).hits).toEqual([]);
  });

  it('turns a malformed query or filter into a SearchQueryError, never an SQLite error', () => {
    for (const q of ['"unbalanced', 'AND OR', 'foo*bar(']) expect(() => store.search({ q })).toThrow(SearchQueryError);
    expect(() => store.search({ q: 'x', limit: 0 })).toThrow(/limit/);
    expect(() => store.search({ q: 'x', years: [1990] })).toThrow(/report year/);
  });
});

describe('search keeps to current narratives unless asked', () => {
  it('finds replaced versions only with includeHistory', () => {
    const store = openSqliteStore(':memory:', { countries: [...COUNTRIES, ...FICTIONAL_COUNTRIES] });
    try {
      const old = fixture('../fixtures/multiyear/mirovia-2023.txt');
      store.importDocument(old);
      const text = old.text.replace('national anti-trafficking hotline', 'national anti-trafficking helpline');
      store.importDocument(parseText(text, 'mirovia-2023-corrected.txt', sha256Of(Buffer.from(text)), { lookup: fictionalLookup }));
      expect(store.search({ q: 'hotline NOT launched' }).total).toBe(0);
      expect(store.search({ q: 'helpline' }).total).toBe(1);
      const history = store.search({ q: 'hotline NOT launched', includeHistory: true });
      expect(history.total).toBe(1);
      expect(history.hits[0]).toMatchObject({ current: false, reportYear: 2023 });
    } finally {
      store.close();
    }
  });
});

describe('snippets are safe', () => {
  it('the store gives plain text and offsets; the web escapes the text, then marks the matches', () => {
    const store = openSqliteStore(':memory:', { countries: [...COUNTRIES, ...FICTIONAL_COUNTRIES] });
    try {
      const text =
        '2023 Trafficking in Persons Report: Examplia\n\nEXAMPLIA: Tier 2\n\n' +
        'The Government of Examplia does not fully meet the minimum standards for the elimination of trafficking but is making significant efforts to do so. ' +
        'A fictional pamphlet read <script>alert("shelters")</script> & other "quoted" shelters.\n';
      store.importDocument(parseText(text, 'evil.txt', sha256Of(Buffer.from(text)), { lookup: fictionalLookup }));
      const h = store.search({ q: 'shelters' }).hits[0]!;
      // The store produces no HTML: the snippet is the text as written, the matches are offsets into it.
      expect(h.snippet).toContain('<script>alert("shelters")</script> & other "quoted" shelters');
      expect(h.highlights.map(([s, e]) => h.snippet.slice(s, e))).toEqual(['shelters', 'shelters']);
      const html = String(snippetHtml(h));
      expect(html).not.toContain('<script>');
      expect(html).toContain('&lt;script&gt;alert(&quot;<mark>shelters</mark>&quot;)&lt;/script&gt; &amp; other &quot;quoted&quot; <mark>shelters</mark>');
    } finally {
      store.close();
    }
  });
});

describe('migration 2', () => {
  it('uses the kind codes the search code decodes', () => {
    const sql = MIGRATIONS.find((m) => m.version === 2)!.sql;
    for (const [kind, code] of Object.entries(KIND_CODES)) {
      if (kind === 'recommendation') expect(sql).toContain(`${code} * 65536`);
      else expect(sql).toContain(`WHEN '${kind}' THEN ${code}`);
    }
    expect(decodeSearchRowid(7 * 2 ** 20 + 8 * 2 ** 16 + 3)).toEqual({ assessmentId: 7, kind: 'recommendation', ord: 3 });
  });

  it('backfills a database of version 1; after migration 3 an import indexes its document in one statement, and triggers follow updates and deletes', () => {
    const db = new Database(':memory:');
    try {
      db.pragma('foreign_keys = ON');
      migrate(db, MIGRATIONS.slice(0, 1));
      db.prepare("INSERT INTO countries (id, name, region, slug) VALUES ('XMR', 'Mirovia', 'SCA', 'mirovia')").run();
      // From version 9 a document's text is in document_text_parts (not needed here).
      const addDocument = (id: number, withText = true) => {
        db.prepare(
          `INSERT INTO documents (id, sha256, origin, media_type, imported_at${withText ? ', text' : ''}) VALUES (?, ?, 'x', 'text/plain', 'now'${withText ? ", 'text'" : ''})`,
        ).run(id, String(id).repeat(64));
        db.prepare(
          "INSERT INTO assessments (id, document_id, country_id, country_name, report_year, source_file, source_start, source_end, is_current) VALUES (?, ?, 'XMR', 'Mirovia', 2023, 'x', 0, 4, 0)",
        ).run(id * 5, id);
        db.prepare("INSERT INTO sections (assessment_id, ord, kind, heading, text, span_start, span_end) VALUES (?, 0, 'summary', '', 'Lanterns in the summary.', 0, 4)").run(id * 5);
        db.prepare("INSERT INTO sections (assessment_id, ord, kind, heading, text, span_start, span_end) VALUES (?, 1, 'recommendations', 'R', 'Fund lanterns.', 0, 4)").run(id * 5);
        db.prepare("INSERT INTO recommendations (assessment_id, ord, text, span_start, span_end) VALUES (?, 0, 'Fund lanterns.', 0, 4)").run(id * 5);
      };
      addDocument(1);
      expect(migrate(db, MIGRATIONS.slice(0, 2))).toEqual({ from: 1, to: 2 });
      const hits = () => db.prepare("SELECT rowid FROM search_fts WHERE search_fts MATCH 'lantern' ORDER BY rowid").pluck().all() as number[];
      // The summary and the recommendation; the recommendations section is not indexed twice.
      expect(hits().map(decodeSearchRowid)).toEqual([
        { assessmentId: 5, kind: 'summary', ord: 0 },
        { assessmentId: 5, kind: 'recommendation', ord: 0 },
      ]);
      // Version 2 indexed each inserted row by trigger; version 3 leaves that to INDEX_DOCUMENT_SQL.
      db.prepare("INSERT INTO sections (assessment_id, ord, kind, heading, text, span_start, span_end) VALUES (5, 2, 'protection', 'P', 'More lanterns.', 0, 4)").run();
      expect(hits()).toHaveLength(3);
      expect(migrate(db)).toEqual({ from: 2, to: LATEST_SCHEMA_VERSION });
      addDocument(2, false);
      expect(hits()).toHaveLength(3);
      db.prepare(INDEX_DOCUMENT_SQL).run({ documentId: 2 });
      expect(hits().map(decodeSearchRowid).slice(3)).toEqual([
        { assessmentId: 10, kind: 'summary', ord: 0 },
        { assessmentId: 10, kind: 'recommendation', ord: 0 },
      ]);
      db.prepare("UPDATE sections SET text = 'No lamps.' WHERE assessment_id = 5 AND ord = 2").run();
      expect(hits()).toHaveLength(4);
      db.prepare('DELETE FROM documents').run();
      expect(hits()).toHaveLength(0);
      expect(db.prepare('SELECT count(*) FROM search_fts').pluck().get()).toBe(0);
    } finally {
      db.close();
    }
  });
});

describe('document text', () => {
  it('slices by JavaScript offsets, characters beyond the BMP included', () => {
    const store = openSqliteStore(':memory:', { countries: [...COUNTRIES, ...FICTIONAL_COUNTRIES] });
    try {
      for (const prefix of ['', 'Emoji 😀 before the heading.\n\n']) {
        const text = `${prefix}2023 Trafficking in Persons Report: Examplia\n\nEXAMPLIA: Tier 1\n\nThe Government of Examplia fully meets the minimum standards for the elimination of trafficking. It funds 😀 shelters.\n`;
        const doc = parseText(text, `t${prefix.length}.txt`, sha256Of(Buffer.from(text)), { lookup: fictionalLookup });
        const out = store.importDocument(doc);
        if (out.status !== 'imported') throw new Error('not imported');
        const s = doc.assessments[0]!.sections[0]!;
        expect(store.documentText(out.documentId, s.span)).toBe(text.slice(s.span.start, s.span.end));
        expect(store.documentText(out.documentId)).toBe(text);
      }
      expect(store.documentText(999, { start: 0, end: 3 })).toBeUndefined();
    } finally {
      store.close();
    }
  });
});
