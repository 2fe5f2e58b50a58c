import { describe, expect, it } from 'vitest';
import { sizeFlag } from '../../src/cli/parseImport.js';
import { readTierStatement } from '../../src/ingest/compliance.js';
import { countryFromTitle, parseText } from '../../src/ingest/index.js';
import { findReportYears } from '../../src/ingest/reportYear.js';
import { needsNormalizing, normalizeText } from '../../src/ingest/text/normalize.js';
import { tokenCounts, wordKey } from '../../src/ingest/toText/pdfLayout.js';
import type { Line } from '../../src/ingest/toText/pdfLayout.js';
import { fictionalLookup } from '../fixtures/countries.js';

describe('tier modifiers are facts of the compliance statement', () => {
  const notFully = 'The Government of Fictonia does not fully meet the minimum standards for the elimination of trafficking but is making significant efforts to do so.';
  it('a waiver from an otherwise required downgrade, with the tier it avoided', () => {
    const st = readTierStatement(
      `${notFully} Because the government has devoted sufficient resources to a written plan, Fictonia was granted a waiver per the Trafficking Victims Protection Act from an otherwise required downgrade to Tier 3. Therefore Fictonia remained on Tier 2 Watch List for the third consecutive year.`,
    );
    expect(st).toMatchObject({ statedTier: 'Tier 2 Watch List', verb: 'remained', consecutiveYears: 3, waiver: { avoidedTier: 'Tier 3' } });
    expect(st?.waiver?.sentence).toMatch(/^Because the government .*downgrade to Tier 3\.$/);
    expect(st?.automaticDowngrade).toBeUndefined();
  });

  it('the older "not placed on Tier 3 per Section 107" waiver', () => {
    const st = readTierStatement(`${notFully} Therefore, Fictonia is placed on Tier 2 Watch List for the fourth consecutive year. Fictonia was not placed on Tier 3 per Section 107 of the 2008 Trafficking Victims Protection Reauthorization Act, however, as it has a written plan.`);
    expect(st).toMatchObject({ statedTier: 'Tier 2 Watch List', consecutiveYears: 4, waiver: { avoidedTier: 'Tier 3' } });
  });

  it('an automatic downgrade; "not granted a waiver" is no waiver', () => {
    const st = readTierStatement(
      'The Government of Quuxland does not fully meet the minimum standards for the elimination of trafficking and is not making significant efforts to do so. Because it had been on Tier 2 Watch List for two consecutive years and was not granted a waiver, Quuxland was therefore automatically downgraded to Tier 3.',
    );
    expect(st).toMatchObject({ impliedTiers: ['Tier 3'], statedTier: 'Tier 3', verb: 'downgraded' });
    expect(st?.automaticDowngrade?.sentence).toMatch(/automatically downgraded to Tier 3\.$/);
    expect(st?.waiver).toBeUndefined();
  });
});

describe('page titles and lone tier lines', () => {
  it('reads the country a page title names', () => {
    for (const title of [
      'Quuxland - United States Department of State',
      '2023 Trafficking in Persons Report: Quuxland',
      'U.S. Department of State 2002 Trafficking in Persons Report - Quuxland',
      'Quux Land | U.S. Department of State',
      'Trafficking in Persons Report 2016 - Quuxland',
    ]) {
      expect(countryFromTitle(title, fictionalLookup)?.id, title).toBe('XQU');
    }
    expect(countryFromTitle('2023 Trafficking in Persons Report', fictionalLookup)).toBeUndefined();
  });

  it('a lone tier line in a text takes the country from a title line above it', () => {
    const text = '2021 Trafficking in Persons Report: Mirovia\n\nTier 1\n\nThe Government of Mirovia fully meets the minimum standards for the elimination of trafficking.\n';
    const doc = parseText(text, 'm.txt', 'x', { lookup: fictionalLookup });
    expect(doc.assessments.map((a) => [a.countryId, a.reportYear, a.tier])).toEqual([['XMR', 2021, 'Tier 1']]);
    expect(doc.warnings[0]!.message).toBe('the heading "Tier 1" names no country; Mirovia is read from the title line above it');
  });

  it('a lone tier line without any title stays an error', () => {
    expect(() => parseText('Tier 3\n\nSome words about nothing in particular.\n', 'x.txt', 'x', { lookup: fictionalLookup, year: 2020 })).toThrow(
      /tier heading names no country/,
    );
  });
});

describe('report years', () => {
  it('finds every way a page names its report, and nothing in the prose', () => {
    const text = 'In 2022 the government acted. 2023 Trafficking in Persons Report: X. Trafficking in Persons Report, June 2009. The 2019 TIP Report said. (TIP 2018) /reports/2024-trafficking-in-persons-report/x/ and /tiprpt/countries/2014/1.htm';
    expect(findReportYears(text).map((m) => m.year)).toEqual([2023, 2009, 2019, 2018, 2024, 2014]);
    expect(findReportYears(text, 30, 80).map((m) => m.year)).toEqual([2023]);
  });
});

describe('fast paths give the same answers as the slow ones', () => {
  it('needsNormalizing is true whenever a block would change beyond trimming (and false for clean text)', () => {
    const samples = [
      'A clean paragraph.\n\nAnother one.',
      'to do so.The government',
      'anti- trafficking',
      'first- and second-degree',
      'a\u00a0b',
      'soft\u00adhyphen',
      'two  spaces',
      'hard\nwrapped line',
      'tab\there',
      'U.S. Government',
      'Proclamation 11/199.Extend',
    ];
    for (const s of samples) {
      const changes = s.split(/\n\n/).some((b) => normalizeText(b) !== b.trim());
      if (changes) expect(needsNormalizing(s), JSON.stringify(s)).toBe(true);
    }
    expect(needsNormalizing('A clean paragraph.\n\nAnother one, with “quotes” — and U.S. words.')).toBe(false);
  });

  it('tokenCounts counts words case-insensitively, hyphenated ones whole and in parts, and not a line-end fragment', () => {
    const line = (text: string): Line => ({ text, x0: 0, x1: 100, y: 0, size: 10, font: 'f', page: 0, region: 0, colWidth: 100 });
    const counts = tokenCounts([line('Government-compelled labor; the GOVERNMENT said traf-'), line('ficking Café café')]);
    expect(counts.get(wordKey('government'))).toBe(2);
    expect(counts.get(wordKey('government-compelled'))).toBe(1);
    expect(counts.get(wordKey('compelled'))).toBe(1);
    expect(counts.get(wordKey('traf'))).toBeUndefined();
    expect(counts.get(wordKey('ficking'))).toBe(1);
    expect(counts.get(wordKey('café'))).toBe(2);
  });
});

describe('--max-size', () => {
  it('reads sizes with units', () => {
    expect(sizeFlag(undefined)).toBe(300 * 1024 * 1024);
    expect(sizeFlag('300MB')).toBe(300 * 1024 * 1024);
    expect(sizeFlag('50m')).toBe(50 * 1024 * 1024);
    expect(sizeFlag('800k')).toBe(800 * 1024);
    expect(sizeFlag('1.5g')).toBe(1.5 * 1024 ** 3);
    expect(sizeFlag('1048576')).toBe(1048576);
    expect(() => sizeFlag('lots')).toThrow(/--max-size/);
    expect(() => sizeFlag('0')).toThrow(/at least 1 byte/);
  });
});

describe('sections in any order', () => {
  it('reads each section where it is, whatever the order', () => {
    const text = [
      '2021 Trafficking in Persons Report: Mirovia',
      'MIROVIA: Tier 1',
      'The Government of Mirovia fully meets the minimum standards for the elimination of trafficking; therefore Mirovia remained on Tier 1.',
      'TRAFFICKING PROFILE',
      'As reported over the past five years, traffickers exploit victims in invented mines.',
      'PREVENTION',
      'The government ran a fictional campaign.',
      'PRIORITIZED RECOMMENDATIONS:',
      'Fund the imaginary hotline.',
      'PROTECTION',
      'The government identified nine victims.',
      'PROSECUTION',
      'The government convicted two traffickers.',
    ].join('\n\n');
    const [a] = parseText(text, 'm.txt', 'x', { lookup: fictionalLookup }).assessments;
    expect(a!.sections.map((s) => s.kind)).toEqual(['summary', 'profile', 'prevention', 'recommendations', 'protection', 'prosecution']);
    expect(a!.sections.find((s) => s.kind === 'prevention')!.text).toBe('The government ran a fictional campaign.');
    expect(a!.recommendations.map((r) => r.text)).toEqual(['Fund the imaginary hotline.']);
  });
});

describe('a narrative that stops mid-sentence', () => {
  const page = (ending: string) =>
    `2023 Trafficking in Persons Report: Examplia\n\nEXAMPLIA: Tier 2\n\nThe Government of Examplia does not fully meet the minimum standards for the elimination of trafficking but is making significant efforts to do so; therefore Examplia remained on Tier 2. ${ending}`;
  const cutWarnings = (text: string) =>
    parseText(text, 'examplia.txt', 'a'.repeat(64), { lookup: fictionalLookup }).assessments[0]!.warnings.filter((w) => w.message.includes('ends mid-sentence'));

  it('is flagged, quoting its last words', () => {
    const w = cutWarnings(page('The government identified 12 victims of forced labor in the imaginary lantern work'));
    expect(w).toHaveLength(1);
    expect(w[0]!.excerpt).toBe('…12 victims of forced labor in the imaginary lantern work');
  });

  it('is not flagged when it ends with a sentence, a quotation or a parenthesis', () => {
    for (const ending of ['It trained 40 officials.', 'Officials called it “a priority.”', '(See the annex.)', 'Did it act?']) {
      expect(cutWarnings(page(ending)), ending).toEqual([]);
    }
  });
});
