import { describe, expect, it } from 'vitest';
import type { SyntheticReport } from '../../bench/generate.js';
import { reportPdf, reportText, syntheticReport } from '../../bench/generate.js';
import type { ParsedDocument } from '../../src/ingest/index.js';
import { lookupOf, parseDocument, parseText, sha256Of } from '../../src/ingest/index.js';
import { FICTIONAL_COUNTRIES } from '../fixtures/countries.js';

/** Every narrative of the synthetic report, and nothing else, with its tier, modifiers, sections and recommendations. */
function expectExactly(doc: ParsedDocument, report: SyntheticReport) {
  expect(doc.warnings.map((w) => w.message)).toEqual([]);
  expect(doc.reportYear).toBe(report.year);
  expect(doc.assessments.map((a) => a.countryId)).toEqual(report.narratives.map((n) => n.country.id));
  const text = doc.text;
  const narrativesStart = text.indexOf('COUNTRY NARRATIVES');
  const closingStart = text.indexOf('RELEVANT INTERNATIONAL CONVENTIONS');
  expect(narrativesStart).toBeGreaterThan(0);
  doc.assessments.forEach((a, i) => {
    const n = report.narratives[i]!;
    const got = {
      tier: a.tier,
      asterisk: a.tierAsterisk,
      sections: a.sections.map((s) => s.kind),
      recommendations: a.recommendations.length,
      consecutiveYears: a.tierStatement?.consecutiveYears,
      waiver: Boolean(a.tierStatement?.waiver),
      automaticDowngrade: Boolean(a.tierStatement?.automaticDowngrade),
      warnings: a.warnings.map((w) => w.message),
    };
    const want = {
      tier: n.tier,
      asterisk: n.asterisk,
      sections: n.sections,
      recommendations: n.recommendations,
      consecutiveYears: n.consecutiveYears,
      waiver: n.waiver,
      automaticDowngrade: n.automaticDowngrade,
      warnings: [],
    };
    expect(got, n.heading).toEqual(want);
    // The introduction, tier tables and closing chapters belong to no narrative.
    expect(a.source.start).toBeGreaterThan(narrativesStart);
    if (closingStart > 0) expect(a.source.end).toBeLessThanOrEqual(closingStart);
    expect(text.slice(a.source.start, a.source.end)).not.toMatch(/TIER PLACEMENTS|PEACEKEEPERS|GLOSSARY/);
  });
}

describe('synthetic full reports split into exactly their countries', () => {
  it('generates fictional countries only, with ids in the user-assigned range', () => {
    const report = syntheticReport({ countries: 190 });
    const ids = report.countries.map((c) => c.id);
    expect(new Set(ids).size).toBe(190);
    for (const id of ids) expect(id).toMatch(/^X[A-Z]{2}$/);
    expect(ids).not.toContain('XKX');
    for (const c of FICTIONAL_COUNTRIES) expect(ids).not.toContain(c.id);
    expect(reportText(report)).toMatch(/^2024 TRAFFICKING IN PERSONS REPORT\n\nSYNTHETIC EDITION/);
    // Seeded: the same options give the same report.
    expect(reportText(syntheticReport({ countries: 5 }))).toBe(reportText(syntheticReport({ countries: 5 })));
  });

  it('a full year as text (190 narratives, 2024 layout), its introduction naming every tier', () => {
    const report = syntheticReport({ year: 2024, countries: 190 });
    const text = reportText(report);
    for (const t of ['Tier 1', 'Tier 2', 'Tier 2 Watch List', 'Tier 3', 'Special Case']) expect(text.slice(0, text.indexOf('COUNTRY NARRATIVES'))).toContain(t);
    const doc = parseText(text, 'synthetic-2024.txt', sha256Of(Buffer.from(text)), { lookup: lookupOf(report.countries) });
    expect(doc.assessments).toHaveLength(190);
    expectExactly(doc, report);
  });

  for (const year of [2002, 2006, 2012, 2016, 2019]) {
    it(`every heading style, ${year} layout, as hard-wrapped text`, () => {
      const report = syntheticReport({ year, countries: 48, headings: 'mixed', scale: 0.5, seed: year });
      const text = reportText(report, 90);
      const doc = parseText(text, `synthetic-${year}.txt`, sha256Of(Buffer.from(text)), { lookup: lookupOf(report.countries) });
      expectExactly(doc, report);
    });
  }

  it('a two-column PDF with running headers, page numbers and hyphenation (2024 layout, every heading style)', async () => {
    const report = syntheticReport({ year: 2024, countries: 40, headings: 'mixed', scale: 0.4, seed: 3 });
    const bytes = reportPdf(report);
    const doc = await parseDocument({ origin: 'synthetic-2024.pdf', bytes, sha256: sha256Of(bytes) }, { lookup: lookupOf(report.countries) });
    expect(doc.mediaType).toBe('application/pdf');
    expect(doc.title).toBe(report.title);
    expectExactly(doc, report);
  });

  it('a two-column PDF of the 2004–2016 layout ("Recommendations for X:", title-case sections)', async () => {
    const report = syntheticReport({ year: 2013, countries: 30, headings: 'mixed', scale: 0.4, seed: 4 });
    const bytes = reportPdf(report);
    const doc = await parseDocument({ origin: 'synthetic-2013.pdf', bytes, sha256: sha256Of(bytes) }, { lookup: lookupOf(report.countries) });
    expectExactly(doc, report);
  });

  it('takes the year from the cover, not from a report cited inside a narrative', () => {
    const report = syntheticReport({ year: 2021, countries: 6, scale: 0.3 });
    const text = reportText(report).replace(/(\n\n[A-Z]+: Tier [^\n]*\n\n)/, '\n\nAs the 2019 TIP Report noted, the invented ministry was new.$1');
    const doc = parseText(text, 'x.txt', 'x', { lookup: lookupOf(report.countries) });
    expect(doc.assessments.map((a) => a.reportYear)).toEqual(Array(6).fill(2021));
  });

  it('reports an unknown country inside a whole report and imports the others', () => {
    const report = syntheticReport({ year: 2024, countries: 8, scale: 0.3 });
    const known = report.countries.filter((c) => c !== report.narratives[3]!.country);
    const text = reportText(report);
    const doc = parseText(text, 'x.txt', 'x', { lookup: lookupOf(known) });
    expect(doc.assessments.map((a) => a.countryId)).toEqual(known.map((c) => c.id));
    expect(doc.warnings.map((w) => w.message)).toEqual([
      `heading names an unknown country "${report.narratives[3]!.heading.replace(/:.*$/, '')}": its narrative is not imported`,
    ]);
  });
});
