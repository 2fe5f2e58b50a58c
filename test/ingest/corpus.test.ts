import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { SectionKind, Tier } from '../../src/domain/index.js';
import { InputError } from '../../src/domain/index.js';
import { parseText, sha256Of } from '../../src/ingest/index.js';
import { CORPUS_DIR, HAVE_CORPUS, NO_CORPUS_REASON, SEED_FILE, excerptText } from '../helpers/shared.js';

interface Expected {
  country: string;
  year: number;
  tier: Tier;
  /** The text itself names the report year; otherwise the test passes --year as a user would. */
  yearInText: boolean;
  recommendations?: number;
  /** Section kinds in text order. */
  sections?: SectionKind[];
  /** Substrings of warnings that must be raised. */
  warns?: string[];
  consecutiveYears?: number;
  /** The compliance paragraph records a waiver from an otherwise required downgrade. */
  waiver?: boolean;
}

/** What each excerpt must yield. Files without a country heading must fail with a clear message instead. */
const EXPECTED: Record<string, Expected | { error: RegExp }> = {
  '2002_tajikistan_head_01.txt': { country: 'TJK', year: 2002, tier: 'Tier 3', yearInText: true, sections: ['profile', 'summary'] },
  '2004_tajikistan_mixed_01.txt': { country: 'TJK', year: 2004, tier: 'Tier 2 Watch List', yearInText: true, recommendations: 1, sections: ['profile', 'summary', 'prosecution'] },
  '2005_yemen_mixed_01.txt': { country: 'YEM', year: 2005, tier: 'Tier 2', yearInText: true, recommendations: 1, sections: ['profile', 'summary', 'prosecution'] },
  '2007_afghanistan_mixed_01.txt': { country: 'AFG', year: 2007, tier: 'Tier 2', yearInText: false, recommendations: 2, sections: ['profile', 'summary', 'prosecution'] },
  '2007_honduras_mixed_01.txt': { country: 'HND', year: 2007, tier: 'Tier 2 Watch List', yearInText: false, recommendations: 1, sections: ['profile', 'summary'], warns: ['cut short'] },
  '2008_honduras_head_01.txt': { country: 'HND', year: 2008, tier: 'Tier 2', yearInText: true, sections: ['profile', 'summary'] },
  '2008_saudi-arabia_mixed_01.txt': { country: 'SAU', year: 2008, tier: 'Tier 3', yearInText: true, sections: ['profile'], warns: ['no compliance paragraph'] },
  '2009_russia_head_01.txt': { country: 'RUS', year: 2009, tier: 'Tier 2 Watch List', yearInText: true, sections: ['profile', 'summary'] },
  '2011_russia_mixed_01.txt': { country: 'RUS', year: 2011, tier: 'Tier 2 Watch List', yearInText: false, sections: ['profile', 'summary'], consecutiveYears: 8, waiver: true },
  '2012_russia_mixed_01.txt': { country: 'RUS', year: 2012, tier: 'Tier 2 Watch List', yearInText: false, sections: ['profile'] },
  '2014_canada_mixed_01.txt': { country: 'CAN', year: 2014, tier: 'Tier 1', yearInText: false, sections: ['profile', 'summary'] },
  '2014_uzbekistan_mixed_01.txt': { country: 'UZB', year: 2014, tier: 'Tier 3', yearInText: false, sections: ['profile'], warns: ['names no country; Uzbekistan is read from the first sentence'] },
  '2015_burma_mixed_01.txt': { country: 'MMR', year: 2015, tier: 'Tier 2 Watch List', yearInText: false, sections: ['profile'], warns: ['text before the first country heading'] },
  '2015_equatorial-guinea_prosecution_01.txt': { error: /no country heading/ },
  '2015_philippines_mixed_01.txt': { error: /no country heading/ },
  '2015_uzbekistan_recs_01.txt': { error: /no country heading/ },
  '2016_burma_mixed_01.txt': { country: 'MMR', year: 2016, tier: 'Tier 3', yearInText: false, sections: ['profile'] },
  '2016_somalia_mixed_01.txt': { country: 'SOM', year: 2016, tier: 'Special Case', yearInText: true, sections: ['summary', 'profile'], consecutiveYears: 14 },
  '2016_thailand_mixed_01.txt': { country: 'THA', year: 2016, tier: 'Tier 2 Watch List', yearInText: false, sections: ['profile'] },
  '2017_cuba_head_01.txt': { error: /no country heading/ },
  '2018_cuba_mixed_01.txt': { country: 'CUB', year: 2018, tier: 'Tier 2 Watch List', yearInText: false, recommendations: 4, sections: ['summary', 'recommendations'], warns: ['recommendations without a heading', 'cut short'], waiver: true },
  '2018_libya_mixed_01.txt': { country: 'LBY', year: 2018, tier: 'Special Case', yearInText: false, sections: ['summary', 'government-efforts'], consecutiveYears: 3 },
  '2018_libya_prosecution_01.txt': { error: /no country heading/ },
  '2019_libya_mixed_01.txt': { country: 'LBY', year: 2019, tier: 'Special Case', yearInText: false, sections: ['summary', 'government-efforts'], consecutiveYears: 4 },
  '2019_united-kingdom_mixed_01.txt': { country: 'GBR', year: 2019, tier: 'Tier 1', yearInText: true, recommendations: 7, sections: ['summary', 'recommendations'] },
  '2020_afghanistan_head_01.txt': { country: 'AFG', year: 2020, tier: 'Tier 3', yearInText: true, sections: ['summary'] },
  '2020_eritrea_mixed_01.txt': { country: 'ERI', year: 2020, tier: 'Tier 3', yearInText: true, recommendations: 4, sections: ['summary', 'recommendations'], warns: ['repeats its own opening words'] },
  '2020_united-kingdom_mixed_01.txt': { country: 'GBR', year: 2020, tier: 'Tier 1', yearInText: true, recommendations: 4, sections: ['summary', 'recommendations'] },
  '2021_eritrea_mixed_01.txt': { country: 'ERI', year: 2021, tier: 'Tier 3', yearInText: true, recommendations: 5, sections: ['summary', 'recommendations'] },
  '2021_tajikistan_mixed_01.txt': { error: /no country heading/ },
  '2021_tajikistan_protection_01.txt': { error: /no country heading/ },
  '2022_afghanistan_head_01.txt': { country: 'AFG', year: 2022, tier: 'Tier 3', yearInText: true, sections: ['note', 'summary'] },
  '2022_libya_head_01.txt': { country: 'LBY', year: 2022, tier: 'Special Case', yearInText: true, sections: ['summary', 'government-efforts'], consecutiveYears: 7 },
  '2022_mexico_profile_01.txt': { error: /no country heading/ },
  '2022_united-kingdom_head_01.txt': { country: 'GBR', year: 2022, tier: 'Tier 1', yearInText: false, sections: ['summary'] },
  '2023_burma_head_01.txt': { country: 'MMR', year: 2023, tier: 'Tier 3', yearInText: true, sections: ['summary'] },
  '2023_eritrea_mixed_01.txt': { country: 'ERI', year: 2023, tier: 'Tier 3', yearInText: true, recommendations: 4, sections: ['summary', 'recommendations'] },
  '2023_nigeria_prevention_01.txt': { error: /no country heading/ },
  '2023_nigeria_protection_01.txt': { error: /no country heading/ },
  '2023_north-korea_mixed_01.txt': { country: 'PRK', year: 2023, tier: 'Tier 3', yearInText: true, recommendations: 10, sections: ['summary', 'recommendations'] },
  '2023_tajikistan_head_01.txt': { country: 'TJK', year: 2023, tier: 'Tier 2', yearInText: true, sections: ['summary'] },
  '2023_tajikistan_head_02.txt': { country: 'TJK', year: 2023, tier: 'Tier 2', yearInText: true, sections: ['summary'] },
  '2023_tajikistan_head_03.txt': { country: 'TJK', year: 2023, tier: 'Tier 2', yearInText: false, sections: ['summary'] },
  '2023_tajikistan_profile_01.txt': { error: /no country heading/ },
  '2023_united-kingdom_head_01.txt': { country: 'GBR', year: 2023, tier: 'Tier 1', yearInText: true, sections: ['summary'] },
  '2023_yemen_head_01.txt': { country: 'YEM', year: 2023, tier: 'Special Case', yearInText: false, sections: ['summary'], consecutiveYears: 8 },
  '2023_yemen_head_02.txt': { country: 'YEM', year: 2023, tier: 'Special Case', yearInText: true, sections: ['summary'], consecutiveYears: 8 },
  '2025_afghanistan_mixed_01.txt': { country: 'AFG', year: 2025, tier: 'Tier 3', yearInText: false, recommendations: 3, sections: ['summary', 'recommendations'] },
};

describe.skipIf(!HAVE_CORPUS)(`corpus excerpts (${HAVE_CORPUS ? 'from ../shared/corpus' : NO_CORPUS_REASON})`, () => {
  const files = HAVE_CORPUS ? readdirSync(`${CORPUS_DIR}excerpts`).filter((f) => f.endsWith('.txt')).sort() : [];

  it('has an expected answer for every excerpt', () => {
    expect(files.filter((f) => !(f in EXPECTED))).toEqual([]);
  });

  it('reads the report year from a "# source:" address whose slug names the report, as an import of the whole file does', () => {
    for (const file of ['2019_libya_mixed_01.txt', '2023_tajikistan_head_03.txt']) {
      const raw = readFileSync(`${CORPUS_DIR}excerpts/${file}`, 'utf8');
      const exp = EXPECTED[file] as Expected;
      expect(exp.yearInText, file).toBe(false);
      const doc = parseText(raw, file, sha256Of(Buffer.from(raw)), {});
      expect(doc.assessments.map((a) => [a.countryId, a.reportYear]), file).toEqual([[exp.country, exp.year]]);
    }
  });

  for (const file of files) {
    it(file, () => {
      const raw = readFileSync(`${CORPUS_DIR}excerpts/${file}`, 'utf8');
      const { text } = excerptText(raw);
      const exp = EXPECTED[file]!;
      const parse = (year?: number) => parseText(text, file, sha256Of(Buffer.from(raw)), year ? { year } : {});
      if ('error' in exp) {
        expect(() => parse(Number(file.slice(0, 4)))).toThrow(exp.error);
        try {
          parse();
        } catch (e) {
          expect(e).toBeInstanceOf(InputError);
          expect((e as Error).message.startsWith(`${file}: `)).toBe(true);
        }
        return;
      }
      if (!exp.yearInText) expect(() => parse()).toThrow(expect.objectContaining({ code: 'report-year-unknown' }));
      const doc = exp.yearInText ? parse() : parse(exp.year);
      expect(doc.assessments).toHaveLength(1);
      const a = doc.assessments[0]!;
      expect({ country: a.countryId, year: a.reportYear, tier: a.tier }).toEqual({ country: exp.country, year: exp.year, tier: exp.tier });
      const warnings = [...doc.warnings, ...a.warnings].map((w) => w.message).join('\n');
      expect(warnings).not.toMatch(/tier conflict/);
      if (exp.recommendations !== undefined) expect(a.recommendations).toHaveLength(exp.recommendations);
      if (exp.sections) expect(a.sections.map((s) => s.kind)).toEqual(exp.sections);
      for (const w of exp.warns ?? []) expect(warnings).toContain(w);
      if (exp.consecutiveYears !== undefined) expect(a.tierStatement?.consecutiveYears).toBe(exp.consecutiveYears);
      expect(Boolean(a.tierStatement?.waiver), 'waiver').toBe(exp.waiver ?? false);
      // Every span points at the text it claims: the heading's country name lies inside the narrative's span.
      for (const s of a.sections) expect(s.span.end).toBeGreaterThan(s.span.start);
      for (const r of a.recommendations) {
        const original = text.slice(r.span.start, r.span.end).replace(/\s+/g, ' ');
        expect(original.slice(0, 20).toLowerCase()).toBe(r.text.replace(/\s+/g, ' ').slice(0, 20).toLowerCase());
      }
    });
  }
});

describe.skipIf(!HAVE_CORPUS)(`the seed page (${HAVE_CORPUS ? SEED_FILE : NO_CORPUS_REASON})`, () => {
  it('yields TJK, 2023, Tier 2, the summary and exactly 10 recommendations', () => {
    const bytes = readFileSync(SEED_FILE);
    const doc = parseText(bytes.toString('utf8'), SEED_FILE, sha256Of(bytes));
    expect(doc.assessments).toHaveLength(1);
    const a = doc.assessments[0]!;
    expect([a.countryId, a.reportYear, a.tier]).toEqual(['TJK', 2023, 'Tier 2']);
    expect(a.summary).toMatch(/^The Government of Tajikistan does not fully meet/);
    expect(a.summary).toMatch(/forced labor in the harvest\.$/);
    expect(a.recommendations).toHaveLength(10);
    expect(a.recommendations[0]!.text).toMatch(/^Adopt and implement SOPs/);
    expect(a.recommendations[9]!.text).toMatch(/^Monitor private employment agencies/);
    expect(a.tierStatement).toMatchObject({ statedTier: 'Tier 2', verb: 'remained' });
    expect(a.warnings).toEqual([]);
    // The summary keeps the original's words but reads "so. The" where the page ran sentences together.
    expect(a.summary).toContain('to do so. The government demonstrated');
    const sum = a.sections.find((s) => s.kind === 'summary')!;
    expect(doc.text.slice(sum.span.start, sum.span.end)).toContain('to do so.The government');
  });
});

describe.skipIf(!HAVE_CORPUS)(`a narrative cut short (${HAVE_CORPUS ? 'corpus excerpt' : NO_CORPUS_REASON})`, () => {
  it('is read as far as it goes, with a warning quoting where it stops', () => {
    const file = `${CORPUS_DIR}/excerpts/2023_tajikistan_head_02.txt`;
    const bytes = readFileSync(file);
    const a = parseText(bytes.toString('utf8'), file, sha256Of(bytes)).assessments[0]!;
    expect([a.countryId, a.reportYear, a.tier]).toEqual(['TJK', 2023, 'Tier 2']);
    const cut = a.warnings.filter((w) => w.message.includes('ends mid-sentence'));
    expect(cut).toHaveLength(1);
    expect(cut[0]!.excerpt).toMatch(/it did not do s$/);
    expect(bytes.toString('utf8').slice(cut[0]!.span!.start, cut[0]!.span!.end)).toMatch(/it did not do\s+s$/);
  });
});
