/**
 * The behaviour every Store backend must have, as a reusable vitest suite. A backend's test file calls
 * `describeStoreContract('sqlite', () => openSqliteStore(':memory:'))`; a future Postgres backend runs the same.
 *
 * Test-only module (imports vitest): never import it from application code (tsconfig.build.json leaves it out of dist).
 * Documents come from ./syntheticDocument.ts (obviously fictional text).
 */
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { COUNTRIES, getCountryById } from '../../src/countries/index.js';
import { parseCsv } from '../../src/domain/csv.js';
import type { Tier } from '../../src/domain/index.js';
import { DEFAULT_DATA_DIR, PLACEMENTS_FILE, REPORT_YEARS_FILE } from '../../src/store/shippedData.js';
import { syntheticDocument } from '../fixtures/syntheticDocument.js';
import type { Store, StoredAssessment } from '../../src/store/types.js';

export interface StoreContractHooks {
  /**
   * Row counts of every table (or any backend-specific fingerprint of everything stored). Used to prove that
   * a no-op or failed import wrote nothing. Without it the suite compares what the Store interface shows.
   */
  rowCounts?(store: Store): Record<string, number>;
}

// ---------------------------------------------------------------------------------------------------------
// Shipped data as the CSV files state it (independent of the store's own reader)

interface CsvPlacement {
  reportYear: number;
  countryId: string;
  tier: string;
  basis: string;
  source: string;
}

function readCsvRecords(file: string): Record<string, string>[] {
  const rows = parseCsv(readFileSync(new URL(file, DEFAULT_DATA_DIR), 'utf8'));
  const header = rows[0] ?? [];
  return rows
    .slice(1)
    .filter((r) => r.some((c) => c.trim() !== ''))
    .map((r) => Object.fromEntries(header.map((h, i) => [h.trim(), (r[i] ?? '').trim()])));
}

function shippedPlacements(): CsvPlacement[] {
  return readCsvRecords(PLACEMENTS_FILE).map((r) => ({
    reportYear: Number(r.report_year),
    countryId: r.country_id ?? '',
    tier: r.tier ?? '',
    basis: r.basis ?? '',
    source: r.source ?? '',
  }));
}

/** A shipped placement of a country whose tier we can contradict, preferring TJK. */
function pickShipped(all: CsvPlacement[]): CsvPlacement {
  const tjk = all.filter((p) => p.countryId === 'TJK').sort((a, b) => b.reportYear - a.reportYear);
  const pick = tjk[0] ?? all[0];
  if (!pick) throw new Error('the shipped placements file is empty');
  return pick;
}

function otherTier(tier: string): Tier {
  return tier === 'Tier 3' ? 'Tier 2' : 'Tier 3';
}

// ---------------------------------------------------------------------------------------------------------

export function describeStoreContract(name: string, makeStore: () => Store, hooks: StoreContractHooks = {}): void {
  describe(`Store contract: ${name}`, () => {
    let store: Store;
    beforeEach(() => {
      store = makeStore();
    });
    afterEach(() => {
      store.close();
    });

    /** Everything observable, to prove that nothing changed. */
    const fingerprint = (s: Store) => ({
      counts: hooks.rowCounts?.(s) ?? null,
      documents: s.documents(),
      years: s.reportYears(),
      countries: s.listCountries().map((c) => [c.id, c.latest]),
    });

    describe('shipped facts', () => {
      it('loads every shipped placement into a new store, with its source', () => {
        const csv = shippedPlacements();
        expect(csv.length).toBeGreaterThan(0);
        const years = [...new Set(csv.map((p) => p.reportYear))];
        const stored = years.flatMap((y) => store.placementsForYear(y));
        expect(stored).toHaveLength(csv.length);
        const byKey = new Map(stored.map((p) => [`${p.reportYear} ${p.countryId}`, p]));
        for (const p of csv) {
          const s = byKey.get(`${p.reportYear} ${p.countryId}`);
          expect(s, `${p.reportYear} ${p.countryId}`).toBeDefined();
          expect(s).toMatchObject({ tier: p.tier.replace(/\*$/, ''), origin: 'shipped', basis: p.basis, source: p.source });
          expect(s?.documentId).toBeUndefined();
          expect(s?.supersededShippedTier).toBeUndefined();
        }
      });

      it("gives a country's shipped tier history in year order", () => {
        const csv = shippedPlacements().filter((p) => p.countryId === 'TJK');
        const history = store.tierHistory('TJK');
        expect(history.map((p) => p.reportYear)).toEqual(csv.map((p) => p.reportYear).sort((a, b) => a - b));
        const in2023 = csv.find((p) => p.reportYear === 2023);
        if (in2023) {
          expect(history.find((p) => p.reportYear === 2023)).toMatchObject({
            countryId: 'TJK',
            tier: in2023.tier,
            origin: 'shipped',
            asterisk: false,
          });
        }
        expect(store.tierHistory('tjk')).toEqual(history);
      });

      it('lists report years as shipped', () => {
        const csv = readCsvRecords(REPORT_YEARS_FILE);
        const years = store.reportYears();
        expect(years.map((y) => y.reportYear)).toEqual(csv.map((r) => Number(r.report_year)).sort((a, b) => a - b));
        for (const r of csv) {
          const y = years.find((x) => x.reportYear === Number(r.report_year));
          expect(y?.complete).toBe(r.complete === 'yes');
          const n = r.countries_in_report ?? r.countries_in_report_if_known ?? '';
          expect(y?.countriesInReport).toBe(n === '' ? null : Number(n));
        }
      });

      it('lists every country by name with its latest shipped placement', () => {
        const list = store.listCountries();
        expect(list).toHaveLength(COUNTRIES.length);
        // Same order as the registry (normalised names: "Côte d'Ivoire" sorts as "cote divoire").
        expect(list.map((c) => c.id)).toEqual(COUNTRIES.map((c) => c.id));
        expect(list.find((c) => c.id === 'TJK')).toMatchObject(getCountryById('TJK') ?? {});
        const csv = shippedPlacements();
        const tjk = list.find((c) => c.id === 'TJK');
        const maxYear = Math.max(...csv.filter((p) => p.countryId === 'TJK').map((p) => p.reportYear));
        expect(tjk?.latest?.reportYear).toBe(maxYear);
        expect(tjk?.latest?.origin).toBe('shipped');
        for (const c of list) {
          const own = csv.filter((p) => p.countryId === c.id);
          if (own.length === 0) expect(c.latest).toBeNull();
          else expect(c.latest?.reportYear).toBe(Math.max(...own.map((p) => p.reportYear)));
        }
      });

      it('finds a country by id whatever the case', () => {
        const tjk = store.getCountry('TJK');
        expect(tjk).toMatchObject({ id: 'TJK' });
        expect(Array.isArray(tjk?.aliases)).toBe(true);
        expect(store.getCountry('tjk')).toEqual(tjk);
        expect(store.getCountry('Tjk')).toEqual(tjk);
        expect(store.getCountry('ZZZ')).toBeUndefined();
      });

      it('has no documents or assessments before an import', () => {
        expect(store.documents()).toEqual([]);
        expect(store.getAssessment('TJK')).toBeUndefined();
        expect(store.assessmentYears('TJK')).toEqual([]);
      });
    });

    describe('importing documents', () => {
      it('stores a document with its assessments and returns them exactly as given', () => {
        const doc = syntheticDocument([
          { countryId: 'TJK', reportYear: 2023, tier: 'Tier 2' },
          { countryId: 'UZB', reportYear: 2023, tier: 'Tier 2 Watch List', asterisk: true },
        ]);
        const outcome = store.importDocument(doc);
        expect(outcome).toEqual({ status: 'imported', documentId: expect.any(Number), assessments: 2, replaced: 0 });
        if (outcome.status !== 'imported') return;

        const docs = store.documents();
        expect(docs).toHaveLength(1);
        expect(docs[0]).toEqual({
          id: outcome.documentId,
          sha256: doc.sha256,
          origin: doc.origin,
          mediaType: 'text/plain',
          importedAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$/),
          reportYear: 2023,
          publicUrl: null,
        });

        doc.assessments.forEach((a) => {
          const stored = store.getAssessment(a.countryId, 2023);
          expect(stored).toBeDefined();
          const { id, document, current, ...rest } = stored as StoredAssessment;
          expect(rest).toStrictEqual(a);
          expect(id).toEqual(expect.any(Number));
          expect(document).toEqual(docs[0]);
          expect(current).toBe(true);
          // Spans point into the document text.
          expect(doc.text.slice(a.recommendations[0]!.span.start, a.recommendations[0]!.span.end)).toBe(
            stored!.recommendations[0]!.text,
          );
        });
        expect(store.getAssessment('UZB', 2023)?.tierAsterisk).toBe(true);
        expect(store.documentWarnings(outcome.documentId)).toStrictEqual(doc.warnings);
        expect(store.assessmentYears('TJK')).toEqual([2023]);
        expect(store.assessmentYears('tjk')).toEqual([2023]);
      });

      it('returns the latest year when no year is given', () => {
        store.importDocument(syntheticDocument([{ countryId: 'TJK', reportYear: 2021, tier: 'Tier 2' }]));
        store.importDocument(syntheticDocument([{ countryId: 'TJK', reportYear: 2023, tier: 'Tier 3' }]));
        store.importDocument(syntheticDocument([{ countryId: 'TJK', reportYear: 2022, tier: 'Tier 1' }]));
        expect(store.getAssessment('TJK')?.reportYear).toBe(2023);
        expect(store.getAssessment('TJK', 2022)?.tier).toBe('Tier 1');
        expect(store.getAssessment('TJK', 2019)).toBeUndefined();
        expect(store.assessmentYears('TJK')).toEqual([2021, 2022, 2023]);
      });

      it('treats the same bytes twice as a no-op', () => {
        const doc = syntheticDocument([{ countryId: 'TJK', reportYear: 2023, tier: 'Tier 2' }]);
        const first = store.importDocument(doc);
        expect(first.status).toBe('imported');
        const before = fingerprint(store);
        const again = store.importDocument({ ...doc, origin: 'test://renamed-copy.txt' });
        expect(again).toEqual({ status: 'unchanged', documentId: first.documentId });
        expect(fingerprint(store)).toEqual(before);
        expect(store.assessmentHistory('TJK', 2023)).toHaveLength(1);
      });

      it('lets a newer document replace the current assessment and keeps the old one as history', () => {
        const older = syntheticDocument([{ countryId: 'TJK', reportYear: 2023, tier: 'Tier 2' }], 'test://old.txt');
        const newer = syntheticDocument(
          [
            { countryId: 'TJK', reportYear: 2023, tier: 'Tier 3', variant: 'b' },
            { countryId: 'KGZ', reportYear: 2023, tier: 'Tier 2', variant: 'b' },
          ],
          'test://new.txt',
        );
        const a = store.importDocument(older);
        const b = store.importDocument(newer);
        expect(b).toMatchObject({ status: 'imported', assessments: 2, replaced: 1 });
        if (a.status !== 'imported' || b.status !== 'imported') return;

        const current = store.getAssessment('TJK', 2023);
        expect(current).toMatchObject({ tier: 'Tier 3', current: true, document: { id: b.documentId } });
        expect(current?.recommendations[0]?.text).toBe('Invent more examples b.');

        const history = store.assessmentHistory('TJK', 2023);
        expect(history.map((h) => [h.document.id, h.current, h.tier])).toEqual([
          [b.documentId, true, 'Tier 3'],
          [a.documentId, false, 'Tier 2'],
        ]);
        const { id: _id, document: _d, current: _c, ...old } = history[1]!;
        expect(old).toStrictEqual(older.assessments[0]);
        expect(store.assessmentYears('TJK')).toEqual([2023]);
        expect(store.documents().map((d) => d.id)).toEqual([a.documentId, b.documentId]);
        expect(store.tierHistory('TJK').find((p) => p.reportYear === 2023)).toMatchObject({
          tier: 'Tier 3',
          origin: 'imported',
          documentId: b.documentId,
          // Readers never see the local origin: a document without a public address is named by its number.
          source: `imported document ${b.documentId} (no public address)`,
        });
      });

      it('lets the imported tier supersede the shipped one, noting the shipped tier when they differ', () => {
        const shipped = pickShipped(shippedPlacements());
        const before = store.tierHistory(shipped.countryId);
        const tier = otherTier(shipped.tier);
        const out = store.importDocument(
          syntheticDocument([{ countryId: shipped.countryId, reportYear: shipped.reportYear, tier, asterisk: true }], 'test://differs.txt'),
        );
        if (out.status !== 'imported') throw new Error('not imported');
        const after = store.tierHistory(shipped.countryId);
        expect(after).toHaveLength(before.length);
        const expected = {
          countryId: shipped.countryId,
          reportYear: shipped.reportYear,
          tier,
          asterisk: true,
          origin: 'imported',
          basis: 'narrative',
          source: `imported document ${out.documentId} (no public address)`,
          documentId: out.documentId,
          supersededShippedTier: shipped.tier,
        };
        expect(after.find((p) => p.reportYear === shipped.reportYear)).toStrictEqual(expected);
        expect(store.placementsForYear(shipped.reportYear).find((p) => p.countryId === shipped.countryId)).toStrictEqual(
          expected,
        );
        // Other years are untouched.
        expect(after.filter((p) => p.reportYear !== shipped.reportYear)).toEqual(
          before.filter((p) => p.reportYear !== shipped.reportYear),
        );
        expect(store.placementsForYear(shipped.reportYear)).toHaveLength(
          shippedPlacements().filter((p) => p.reportYear === shipped.reportYear).length,
        );
      });

      it('does not note a superseded tier when the imported tier agrees with the shipped one', () => {
        const shipped = pickShipped(shippedPlacements());
        const out = store.importDocument(
          syntheticDocument([{ countryId: shipped.countryId, reportYear: shipped.reportYear, tier: shipped.tier as Tier }]),
        );
        if (out.status !== 'imported') throw new Error('not imported');
        const p = store.tierHistory(shipped.countryId).find((x) => x.reportYear === shipped.reportYear);
        expect(p).toMatchObject({ origin: 'imported', tier: shipped.tier, documentId: out.documentId });
        expect(p && 'supersededShippedTier' in p).toBe(false);
      });

      it('keeps the shipped placement when the imported narrative has no tier', () => {
        const shipped = pickShipped(shippedPlacements());
        store.importDocument(syntheticDocument([{ countryId: shipped.countryId, reportYear: shipped.reportYear, tier: null }]));
        expect(store.getAssessment(shipped.countryId, shipped.reportYear)?.tier).toBeNull();
        expect(store.tierHistory(shipped.countryId).find((p) => p.reportYear === shipped.reportYear)).toMatchObject({
          origin: 'shipped',
          tier: shipped.tier,
        });
      });

      it('adds placements and report years that only imported data has', () => {
        const csvYears = new Set(store.reportYears().map((y) => y.reportYear));
        const year = Math.max(...csvYears) + 1;
        const out = store.importDocument(syntheticDocument([{ countryId: 'TJK', reportYear: year, tier: 'Tier 1' }]));
        if (out.status !== 'imported') throw new Error('not imported');
        expect(store.reportYears().at(-1)).toEqual({ reportYear: year, complete: false, countriesInReport: null });
        expect(store.placementsForYear(year)).toStrictEqual([
          {
            countryId: 'TJK',
            reportYear: year,
            tier: 'Tier 1',
            asterisk: false,
            origin: 'imported',
            basis: 'narrative',
            source: `imported document ${out.documentId} (no public address)`,
            documentId: out.documentId,
          },
        ]);
        const tjk = store.listCountries().find((c) => c.id === 'TJK');
        expect(tjk?.latest).toMatchObject({ reportYear: year, origin: 'imported', tier: 'Tier 1' });
        expect(store.tierHistory('TJK').at(-1)).toMatchObject({ reportYear: year, origin: 'imported' });
      });

      it('shows the imported placement as latest when it is for the latest shipped year', () => {
        const csv = shippedPlacements().filter((p) => p.countryId === 'TJK');
        const last = csv.sort((a, b) => b.reportYear - a.reportYear)[0];
        if (!last) return;
        const tier = otherTier(last.tier);
        store.importDocument(syntheticDocument([{ countryId: 'TJK', reportYear: last.reportYear, tier }]));
        const tjk = store.listCountries().find((c) => c.id === 'TJK');
        expect(tjk?.latest).toMatchObject({
          reportYear: last.reportYear,
          tier,
          origin: 'imported',
          supersededShippedTier: last.tier,
        });
        // An older imported year does not hide a later shipped one.
        store.importDocument(syntheticDocument([{ countryId: 'TJK', reportYear: last.reportYear - 1, tier: 'Tier 1' }]));
        expect(store.listCountries().find((c) => c.id === 'TJK')?.latest?.reportYear).toBe(last.reportYear);
      });

      it('rolls back a failing import entirely (unknown country in the second assessment)', () => {
        const good = store.importDocument(syntheticDocument([{ countryId: 'TJK', reportYear: 2023, tier: 'Tier 2' }]));
        const before = fingerprint(store);
        const bad = syntheticDocument([
          { countryId: 'TJK', reportYear: 2023, tier: 'Tier 3', variant: 'bad' },
          { countryId: 'ZZZ', reportYear: 2023, tier: 'Tier 1', variant: 'bad' },
        ]);
        expect(() => store.importDocument(bad)).toThrow(/ZZZ/);
        expect(fingerprint(store)).toEqual(before);
        expect(store.documents().map((d) => d.sha256)).not.toContain(bad.sha256);
        // The first assessment of the failed document neither stayed nor demoted the current one.
        expect(store.getAssessment('TJK', 2023)).toMatchObject({ tier: 'Tier 2', current: true, document: { id: good.documentId } });
        expect(store.assessmentHistory('TJK', 2023)).toHaveLength(1);
        // Nothing of it is left to make a corrected retry of the same bytes "unchanged".
        bad.assessments[1]!.countryId = 'UZB';
        expect(store.importDocument(bad)).toMatchObject({ status: 'imported', assessments: 2, replaced: 1 });
      });

      it('rolls back when a span does not point into the document text', () => {
        const before = fingerprint(store);
        const doc = syntheticDocument([
          { countryId: 'TJK', reportYear: 2023, tier: 'Tier 2' },
          { countryId: 'UZB', reportYear: 2023, tier: 'Tier 2' },
        ]);
        doc.assessments[1]!.recommendations[1]!.span = { start: 5, end: doc.text.length + 10 };
        expect(() => store.importDocument(doc)).toThrow(/span/);
        expect(fingerprint(store)).toEqual(before);
        expect(store.getAssessment('TJK', 2023)).toBeUndefined();
      });

      it('rejects a tier outside the known set and a report year out of range, writing nothing', () => {
        const before = fingerprint(store);
        const badTier = syntheticDocument([{ countryId: 'TJK', reportYear: 2023, tier: 'Tier 2' }]);
        (badTier.assessments[0] as { tier: string }).tier = 'Tier 4';
        expect(() => store.importDocument(badTier)).toThrow();
        const badYear = syntheticDocument([{ countryId: 'TJK', reportYear: 1999, tier: 'Tier 2' }]);
        expect(() => store.importDocument(badYear)).toThrow();
        expect(fingerprint(store)).toEqual(before);
      });
    });

    describe('version and snapshot', () => {
      it('changes the version on an import, and only then', () => {
        const v0 = store.version();
        store.listCountries();
        store.tierHistory('TJK');
        expect(store.version()).toBe(v0);
        const doc = syntheticDocument([{ countryId: 'TJK', reportYear: 2023, tier: 'Tier 2' }]);
        store.importDocument(doc);
        const v1 = store.version();
        expect(v1).not.toBe(v0);
        expect(store.importDocument(doc).status).toBe('unchanged');
        expect(store.version()).toBe(v1);
        const bad = syntheticDocument([{ countryId: 'ZZZ', reportYear: 2023, tier: 'Tier 2' }]);
        expect(() => store.importDocument(bad)).toThrow();
        expect(store.version()).toBe(v1);
        store.importDocument(syntheticDocument([{ countryId: 'UZB', reportYear: 2023, tier: 'Tier 3' }]));
        expect(store.version()).not.toBe(v1);
        expect(store.version()).not.toBe(v0);
      });

      it('writes a snapshot of the whole database to a file, following imports', async () => {
        const dir = mkdtempSync(join(tmpdir(), 'tip-atlas-snapshot-'));
        try {
          await store.writeSnapshot(join(dir, 'before'));
          const before = readFileSync(join(dir, 'before'));
          expect(before.length).toBeGreaterThan(0);
          store.importDocument(syntheticDocument([{ countryId: 'TJK', reportYear: 2023, tier: 'Tier 2' }]));
          await store.writeSnapshot(join(dir, 'after'));
          expect(readFileSync(join(dir, 'after')).equals(before)).toBe(false);
          // Written aside and renamed: nothing else is left in the folder.
          expect(readdirSync(dir).sort()).toEqual(['after', 'before']);
        } finally {
          rmSync(dir, { recursive: true, force: true });
        }
      });
    });

    describe('document text and full-text search', () => {
      it('gives the document text, whole or by span', () => {
        const doc = syntheticDocument([{ countryId: 'TJK', reportYear: 2023, tier: 'Tier 2' }]);
        const out = store.importDocument(doc);
        if (out.status !== 'imported') throw new Error('not imported');
        expect(store.documentText(out.documentId)).toBe(doc.text);
        const r = doc.assessments[0]!.recommendations[1]!;
        expect(store.documentText(out.documentId, r.span)).toBe(doc.text.slice(r.span.start, r.span.end));
        expect(store.documentText(out.documentId + 1000)).toBeUndefined();
      });

      it('finds sections and recommendations of current narratives, with facets and spans', () => {
        const doc = syntheticDocument([
          { countryId: 'TJK', reportYear: 2023, tier: 'Tier 2' },
          { countryId: 'UZB', reportYear: 2022, tier: 'Tier 3' },
        ]);
        const out = store.importDocument(doc);
        if (out.status !== 'imported') throw new Error('not imported');
        const r = store.search({ q: '"placeholder officials"' });
        expect(r.total).toBe(2);
        expect(r.hits.map((h) => [h.countryId, h.reportYear, h.section, h.recommendationNumber]).sort()).toEqual([
          ['TJK', 2023, 'recommendation', 2],
          ['UZB', 2022, 'recommendation', 2],
        ]);
        for (const h of r.hits) {
          expect(store.documentText(h.document.id, h.span)).toBe('Train placeholder officials; and report fictitious figures.');
          expect(h.snippet.slice(h.highlights[0]![0], h.highlights[0]![1])).toBe('placeholder officials');
        }
        expect(r.facets.year.map((f) => [f.value, f.count])).toEqual([
          ['2023', 1],
          ['2022', 1],
        ]);
        expect(store.search({ q: 'placeholder', tiers: ['Tier 3'] }).hits.map((h) => h.countryId)).toEqual(['UZB']);
        expect(store.search({ q: 'imagin*', sections: ['summary'] }).hits.map((h) => h.section)).toEqual(['summary', 'summary']);
        expect(store.search({ q: 'placeholder NOT fictitious' }).total).toBe(0);
        // A newer document replaces the TJK narrative: its old text is found only with includeHistory.
        store.importDocument(syntheticDocument([{ countryId: 'TJK', reportYear: 2023, tier: 'Tier 2', variant: 'zeta' }], 'test://newer.txt'));
        expect(store.search({ q: 'examples' }).hits.map((h) => h.snippet).sort()).toEqual(['Invent more examples a.', 'Invent more examples zeta.']);
        expect(store.search({ q: '"examples a"' }).hits.map((h) => h.countryId)).toEqual(['UZB']);
        expect(store.search({ q: '"examples a"', includeHistory: true }).total).toBe(2);
      });

      it('rejects a malformed query with a SearchQueryError', () => {
        for (const q of ['"unbalanced', 'AND OR', 'foo*bar(', '']) {
          expect(() => store.search({ q }), q).toThrow(expect.objectContaining({ name: 'SearchQueryError' }));
        }
      });
    });
  });
}
