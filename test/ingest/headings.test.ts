import { describe, expect, it } from 'vitest';
import { readTierStatement } from '../../src/ingest/compliance.js';
import { defaultLookup } from '../../src/ingest/index.js';
import { findCountryHeadings } from '../../src/ingest/headings.js';
import { normalizeText } from '../../src/text/index.js';

describe('country headings in every style the reports use', () => {
  const cases: [string, string, string, boolean?][] = [
    ['TAJIKISTAN (Tier 2)', 'TJK', 'Tier 2'],
    ['Tajikistan (Tier 3)', 'TJK', 'Tier 3'],
    ['THAILAND: Tier 2', 'THA', 'Tier 2'],
    ['AFGHANISTAN: TIER 3', 'AFG', 'Tier 3'],
    ['HONDURAS (TIER 2)', 'HND', 'Tier 2'],
    ['RUSSIA (TIER 2 - WATCH LIST)   [Extracted from a report]', 'RUS', 'Tier 2 Watch List'],
    ['UZBEKISTAN (Tier 3*)', 'UZB', 'Tier 3', true],
    ['SPECIAL CASE: YEMEN', 'YEM', 'Special Case'],
    ['SOMALIA: SPECIAL CASE', 'SOM', 'Special Case'],
    ['Special Case (Libya)', 'LBY', 'Special Case'],
    ['YEMEN (special case) Extracted in part', 'YEM', 'Special Case'],
    ['UNITED KINGDOM (UK) - (Tier 1)', 'GBR', 'Tier 1'],
    ['[ Human Trafficking, Country-by-Country ] ERITREA\n(Tier 3)', 'ERI', 'Tier 3'],
    ['Trafficking in Persons Report 2016 - Special Case: SOMALIA', 'SOM', 'Special Case'],
    ['BURMA: Tier 2 Watch List', 'MMR', 'Tier 2 Watch List'],
    ['KOREA, NORTH (Tier 3)', 'PRK', 'Tier 3'],
    ["COTE D'IVOIRE (Tier 2)", 'CIV', 'Tier 2'],
    ['BURMA (Tier 3)*', 'MMR', 'Tier 3', true],
    ['BURMA: Tier 2 (Watch List)', 'MMR', 'Tier 2 Watch List'],
    ['BURMA (Tier 2 (Watch List))', 'MMR', 'Tier 2 Watch List'],
    ['KOREA (DPRK) (Tier 3)', 'PRK', 'Tier 3'],
    ['TAJIKISTAN (Tier 2) – Extracted in part from a report', 'TJK', 'Tier 2'],
  ];
  for (const [line, id, tier, asterisk] of cases) {
    it(JSON.stringify(line), () => {
      const { headings, problems } = findCountryHeadings(`some preamble\n\n${line}\n\nBody text.\n`, defaultLookup);
      expect(problems).toEqual([]);
      expect(headings.map((h) => [h.country.id, h.tier, h.asterisk])).toEqual([[id, tier, asterisk ?? false]]);
    });
  }

  it('finds no heading in prose, tier definitions or sentences that name a tier', () => {
    const text = [
      'Tier 2 Watch List: countries whose governments do not fully meet the minimum standards.',
      'Therefore Tajikistan remained on Tier 2.',
      'Russia was not placed on Tier 3 per Section 107 of the act.',
      'Yemen remains a Special Case for the eighth consecutive year.',
    ].join('\n');
    expect(findCountryHeadings(text, defaultLookup)).toEqual({ headings: [], problems: [] });
  });

  it('a body line that starts like a heading is not one ("Kosovo (Tier 2) and Serbia …")', () => {
    const text = 'TAJIKISTAN (Tier 2)\n\nKosovo (Tier 2) and Serbia (Tier 1) signed a fictional accord.\nBURMA: Tier 3 countries were named in the list.\n';
    const { headings, problems } = findCountryHeadings(text, defaultLookup);
    expect(headings.map((h) => h.country.id)).toEqual(['TJK']);
    expect(problems).toEqual([]);
  });

  it('a heading may end with punctuation, footnote marks, a source note or the report\'s name; other words make a doubt', () => {
    for (const line of ['AFGHANISTAN (Tier 2).', 'AFGHANISTAN (Tier 2):', 'KOREA, NORTH (Tier 3)†', 'ALBANIA (Tier 2) 2002 TIP Report', 'CUBA (Tier 3) (Extracted from a report)', 'CUBA (Tier 3) 2', 'CUBA (Tier 3) - 2019 Trafficking in Persons Report']) {
      const { headings } = findCountryHeadings(`x\n\n${line}\n\nBody.\n`, defaultLookup);
      expect(headings.map((h) => [h.tier, h.doubt]), line).toEqual([[expect.stringMatching(/^Tier/), undefined]]);
    }
    const odd = findCountryHeadings('x\n\nCUBA (Tier 3) Havana Edition\n\nBody.\n', defaultLookup).headings;
    expect(odd.map((h) => [h.country.id, h.tier, h.doubt])).toEqual([['CUB', 'Tier 3', 'the heading line goes on after the tier ("Havana Edition"): read as a heading']]);
    // A list in a sentence is not a heading.
    expect(findCountryHeadings('x\n\nKosovo (Tier 2), Serbia (Tier 1) and Albania (Tier 2)\n', defaultLookup).headings).toEqual([]);
  });

  it('"Tier 2 Watch" and a "Watch List" line after "Tier 2" are the Watch List, with a doubt quoting the heading', () => {
    const short = findCountryHeadings('x\n\nBURMA: Tier 2 Watch\n\nBody.\n', defaultLookup).headings;
    expect(short.map((h) => [h.tier, h.doubt])).toEqual([['Tier 2 Watch List', 'the heading writes the tier "Tier 2 Watch": read as Tier 2 Watch List']]);
    const text = 'x\n\nBURMA (Tier 2)\nWatch List\nBody.\n';
    const wrapped = findCountryHeadings(text, defaultLookup).headings;
    expect(wrapped.map((h) => [h.tier, h.raw])).toEqual([['Tier 2 Watch List', 'BURMA (Tier 2) Watch List']]);
    expect(wrapped[0]!.doubt).toMatch(/followed by a line "Watch List": read as Tier 2 Watch List/);
    expect(text.slice(wrapped[0]!.span.start, wrapped[0]!.span.end)).toBe('BURMA (Tier 2)\nWatch List');
  });

  it('a heading with an invalid tier is a problem quoting it, never a placement', () => {
    const { headings, problems } = findCountryHeadings('UTOPIA (Tier 4)\n\nBURMA (Tier 3 Watch List)\n\nTier 5\n', defaultLookup);
    expect(headings).toEqual([]);
    expect(problems.map((p) => [p.kind, p.message, p.raw])).toEqual([
      ['invalid-tier', 'heading gives an invalid tier "Tier 4" for an unknown country "UTOPIA"', 'UTOPIA (Tier 4)'],
      ['invalid-tier', 'heading gives an invalid tier "Tier 3 Watch List"', 'BURMA (Tier 3 Watch List)'],
      ['no-country', 'a tier heading names no country (the country may be in the page title)', 'Tier 5'],
    ]);
  });

  it('reports a heading with an unknown country, with the closest names, and a tier line with no country', () => {
    const { headings, problems } = findCountryHeadings('TAJIKSTAN (Tier 2)\n\nTier 3\n', defaultLookup);
    expect(headings).toEqual([]);
    expect(problems.map((p) => p.message)).toEqual([
      'heading names an unknown country "TAJIKSTAN"',
      'a tier heading names no country (the country may be in the page title)',
    ]);
    expect(problems[0]!.suggestions).toContain('Tajikistan');
  });
});

describe('the compliance statement', () => {
  it('reads the tiers the minimum-standards sentence allows and the placement verb', () => {
    expect(readTierStatement('The Government of X fully meets the minimum standards for the elimination of trafficking.')).toMatchObject({ impliedTiers: ['Tier 1'] });
    expect(
      readTierStatement('The Government of X does not fully meet the minimum standards but is making significant efforts to do so; therefore X was upgraded to Tier 2.'),
    ).toMatchObject({ impliedTiers: ['Tier 2', 'Tier 2 Watch List'], statedTier: 'Tier 2', verb: 'upgraded' });
    expect(
      readTierStatement('X does not fully meet the minimum standards and, even considering the pandemic, is not making significant efforts to do so; therefore X remained on Tier 3 for the fifth consecutive year.'),
    ).toMatchObject({ impliedTiers: ['Tier 3'], statedTier: 'Tier 3', verb: 'remained', consecutiveYears: 5 });
    expect(readTierStatement('X remains a Special Case for the fourteenth consecutive year.')).toMatchObject({ statedTier: 'Special Case', consecutiveYears: 14 });
    expect(readTierStatement('X was not placed on Tier 3 per Section 107.')).toBeNull();
    expect(readTierStatement('The weather was fine.')).toBeNull();
  });
});

describe('normalizeText', () => {
  it('makes text readable and keeps every other character', () => {
    expect(normalizeText('to do so.The government')).toBe('to do so. The government');
    expect(normalizeText('a\u00a0b  c\nd')).toBe('a b c d');
    expect(normalizeText('the national anti- trafficking committee')).toBe('the national anti-trafficking committee');
    expect(normalizeText('first- and second-degree')).toBe('first- and second-degree');
    expect(normalizeText('“quoted” and ‘single’ and U.S.Government')).toBe('“quoted” and ‘single’ and U.S.Government');
    expect(normalizeText('Proclamation 11/199.Extend')).toBe('Proclamation 11/199. Extend');
  });
});
