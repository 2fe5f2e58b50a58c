import { describe, expect, it } from 'vitest';
import { sizeFlag } from '../../src/cli/parseImport.js';
import { readTierStatement } from '../../src/ingest/compliance.js';
import { countryFromTitle, parseText } from '../../src/ingest/index.js';
import { InputError } from '../../src/domain/errors.js';
import type { InputErrorCode } from '../../src/domain/errors.js';
import { findReportYears } from '../../src/ingest/reportYear.js';
import { needsNormalizing, normalizeText } from '../../src/text/index.js';
import { tokenCounts, wordKey } from '../../src/ingest/toText/pdfWords.js';
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

  it('reads the report year from an address slug that names the report, and not from other years in an address', () => {
    const lines = [
      '# source: https://news.example/stories/644437193-2023-trafficking-in-persons-report-examplia',
      '# source: https://embassy.example/2017-trafficking-persons-report/',
      '# source: https://blog.example/2019/07/01/2019-trafficking-in-persons-report-zanbar-2/',
      '# source: https://archive.example/2020/05/examplia.html',
      '# source: https://example.org/reports/2022-trafficking-in-persons-reporter/',
    ];
    expect(lines.map((l) => findReportYears(l).map((m) => [m.year, m.raw]))).toEqual([
      [[2023, '2023-trafficking-in-persons-report']],
      [[2017, '2017-trafficking-persons-report']],
      [[2019, '2019-trafficking-in-persons-report']],
      [],
      [],
    ]);
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
    // normalizeText uses the same quick test on one block, where a blank line inside is joined too.
    expect(normalizeText(' Two\n\nblocks as one. ')).toBe('Two blocks as one.');
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
    expect(sizeFlag(undefined)).toBeUndefined(); // the default applies: DEFAULT_MAX_BYTES
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

describe('heading problems inside a document', () => {
  const examplia = [
    '2023 Trafficking in Persons Report',
    'EXAMPLIA: Tier 2',
    'The Government of Examplia does not fully meet the minimum standards for the elimination of trafficking but is making significant efforts to do so; therefore Examplia remained on Tier 2.',
  ];
  const parse = (lines: string[]) => parseText(lines.join('\n\n'), 'p.txt', 'x', { lookup: fictionalLookup });

  it('an invalid tier heading ends the previous narrative and is reported, quoting it', () => {
    const doc = parse([...examplia, 'UTOPIA (Tier 4)', 'Utopian text that belongs to no known country.']);
    const a = doc.assessments[0]!;
    expect(doc.assessments.map((x) => [x.countryId, x.tier])).toEqual([['XEX', 'Tier 2']]);
    expect(doc.text.slice(a.source.start, a.source.end)).not.toContain('Utopian');
    expect(doc.warnings.map((w) => [w.message, w.excerpt])).toEqual([
      ['heading gives an invalid tier "Tier 4" for an unknown country "UTOPIA": its narrative is not imported', 'UTOPIA (Tier 4)'],
    ]);
  });

  it('a known country with an invalid tier is reported, not imported under any tier', () => {
    const doc = parse([...examplia, 'FICTONIA (Tier 3 Watch List)', 'Fictonian text.']);
    expect(doc.assessments.map((x) => x.countryId)).toEqual(['XEX']);
    expect(doc.warnings.map((w) => w.message)).toEqual(['heading gives an invalid tier "Tier 3 Watch List": its narrative is not imported']);
  });

  it('a lone tier line that ends a narrative says the text after it is dropped', () => {
    const doc = parse([...examplia, 'Tier 3', 'Text of some other country.']);
    expect(doc.warnings.map((w) => [w.message, w.excerpt])).toEqual([
      ['a tier heading names no country (the country may be in the page title): the text from it to the next heading is not imported', 'Tier 3'],
    ]);
  });

  it('a lone tier line after a closing chapter (where no narrative runs) warns of nothing lost', () => {
    const doc = parse([...examplia, 'Relevant International Conventions', 'Tier 1', 'A line of a closing chapter.']);
    expect(doc.warnings.map((w) => w.message).filter((m) => m.includes('not imported'))).toEqual([]);
  });

  it('"Tier 2 Watch" is read as the Watch List, with a warning', () => {
    const doc = parse(['2023 Trafficking in Persons Report', 'EXAMPLIA: Tier 2 Watch', 'The Government of Examplia does not fully meet the minimum standards for the elimination of trafficking but is making significant efforts to do so.']);
    const a = doc.assessments[0]!;
    expect(a.tier).toBe('Tier 2 Watch List');
    expect(a.warnings.map((w) => w.message)).toContain('the heading writes the tier "Tier 2 Watch": read as Tier 2 Watch List');
  });
});

describe('the report year when sources disagree', () => {
  const body = 'The Government of Examplia does not fully meet the minimum standards for the elimination of trafficking but is making significant efforts to do so.';
  it('the page title beats the text before the heading, for one narrative as for many, and both are quoted', () => {
    const one = parseText(`Archived from the 2022 TIP Report\n\nEXAMPLIA: Tier 2\n\n${body}\n`, 'e.html', 'x', {
      lookup: fictionalLookup,
      title: '2023 Trafficking in Persons Report: Examplia',
    }).assessments[0]!;
    expect(one.reportYear).toBe(2023);
    expect(one.warnings.map((w) => w.message)).toContain(
      'report year 2023 is read from the page title ("2023 Trafficking in Persons Report"), but the text before the heading names 2022 ("2022 TIP Report")',
    );
    expect(one.warnings.find((w) => w.message.startsWith('report year 2023 is read'))?.code).toBe('report-year-disagrees');
    const many = parseText(`2022 TIP Report\n\nEXAMPLIA: Tier 2\n\n${body}\n\nFICTONIA: Tier 2\n\n${body.replace(/Examplia/g, 'Fictonia')}\n`, 'r.pdf', 'x', {
      lookup: fictionalLookup,
      title: '2023 Trafficking in Persons Report',
    });
    expect(many.assessments.map((a) => a.reportYear)).toEqual([2023, 2023]);
    expect(many.warnings.map((w) => w.message)).toEqual([
      'report year 2023 is read from the page title ("2023 Trafficking in Persons Report"), but the cover names 2022 ("2022 TIP Report")',
    ]);
    expect(many.assessments.flatMap((a) => a.warnings)).toEqual([]);
  });

  it('the heading line beats the title, with a warning', () => {
    const a = parseText(`EXAMPLIA (Tier 2) Extracted in part from the U.S. State Dept 2021 TIP Report\n\n${body}\n`, 'e.html', 'x', {
      lookup: fictionalLookup,
      title: '2023 Trafficking in Persons Report: Examplia',
    }).assessments[0]!;
    expect(a.reportYear).toBe(2021);
    expect(a.warnings[0]!.message).toMatch(/^report year 2021 is read from the heading .* but the page title names 2023/);
  });
});

describe('recommendations as lists and hard-wrapped paragraphs', () => {
  const head =
    '2023 TIP Report\n\nEXAMPLIA: Tier 2\n\nThe Government of Examplia does not fully meet the minimum standards for the elimination of trafficking but is making significant efforts to do so.\n\nPRIORITIZED RECOMMENDATIONS:\n\n';
  const recs = (list: string) => {
    const text = head + list;
    const a = parseText(text, 'e.txt', 'x', { lookup: fictionalLookup }).assessments[0]!;
    for (const r of a.recommendations) expect(normalizeText(text.slice(r.span.start, r.span.end))).toBe(r.text);
    return a.recommendations.map((r) => r.text);
  };

  it('joins the wrapped lines of each recommendation and starts a new one after a line that ends a sentence', () => {
    // Two paragraphs, so that each is split at its lines (a single paragraph is split at its sentences).
    expect(
      recs(
        'Increase efforts to investigate, prosecute, and convict traffickers, including\ncomplicit officials, and sentence convicted traffickers to significant prison\nterms.\nAdopt and implement standard operating procedures for proactive victim\nidentification among vulnerable populations and refer victims to care.\nTrain officials on the fictional procedures of the Examplian ministry.\n\nFund the invented hotline.\n',
      ),
    ).toEqual([
      'Increase efforts to investigate, prosecute, and convict traffickers, including complicit officials, and sentence convicted traffickers to significant prison terms.',
      'Adopt and implement standard operating procedures for proactive victim identification among vulnerable populations and refer victims to care.',
      'Train officials on the fictional procedures of the Examplian ministry.',
      'Fund the invented hotline.',
    ]);
  });

  it('finds an inline "Recommendations for X:" in any capitalisation', () => {
    for (const words of ['Recommendations for Examplia:', 'Recommendations For Examplia:', 'RECOMMENDATIONS FOR EXAMPLIA:']) {
      const text = `2010 Trafficking in Persons Report\n\nEXAMPLIA (Tier 2)\n\nThe Government of Examplia does not fully comply with the minimum standards for the elimination of trafficking; however, it is making significant efforts to do so. ${words} Fund shelters; train judges; and adopt a law.\n`;
      const a = parseText(text, 'e.txt', 'x', { lookup: fictionalLookup }).assessments[0]!;
      expect(a.recommendations.map((r) => r.text), words).toEqual(['Fund shelters', 'Train judges', 'Adopt a law.']);
    }
  });

  it('keeps a recommendation of two sentences whole wherever the line wraps', () => {
    const whole = ['Increase efforts to prosecute traffickers. This includes complicit officials.', 'Train officials.'];
    expect(recs('Increase efforts to prosecute traffickers.\nThis includes complicit officials.\n\nTrain officials.\n')).toEqual(whole);
    expect(recs('Increase efforts to prosecute traffickers. This\nincludes complicit officials.\n\nTrain officials.\n')).toEqual(whole);
  });

  it('strips list numbers, also a number alone on its line', () => {
    expect(recs('1. Increase efforts to investigate traffickers, including\ncomplicit officials.\n2. Train officials.\n')).toEqual([
      'Increase efforts to investigate traffickers, including complicit officials.',
      'Train officials.',
    ]);
    expect(recs('17.\nIncrease efforts to investigate traffickers.\n18.\nTrain officials.\n')).toEqual(['Increase efforts to investigate traffickers.', 'Train officials.']);
  });

  it('a wrapped line starting with "- " is not a bullet when the paragraph does not start with one', () => {
    expect(recs('Increase protection for victims of trafficking\n- especially children - and fund shelters.\n\nTrain officials.\n')).toEqual([
      'Increase protection for victims of trafficking - especially children - and fund shelters.',
      'Train officials.',
    ]);
  });
});

describe('heading tails and empty narratives', () => {
  const summary = 'The Government of Fictonia does not fully meet the minimum standards for the elimination of trafficking but is making significant efforts to do so.';

  it('a stray report year after the heading belongs to the heading, not to a note section', () => {
    for (const tail of [' [2023]', '\n2023 Trafficking in Persons Report', '\n\n[June 2023]']) {
      const doc = parseText(`FICTONIA: Tier 2${tail}\n\n${summary}\n`, 'f.txt', 'x', { lookup: fictionalLookup, year: 2023 });
      expect(doc.assessments[0]!.sections.map((s) => s.kind), tail).toEqual(['summary']);
    }
  });

  it('a heading with no text under it is reported', () => {
    const doc = parseText(`2023 TIP Report\n\nEXAMPLIA: Tier 1\n\nFICTONIA: Tier 2\n\n${summary}\n`, 'f.txt', 'x', { lookup: fictionalLookup });
    const [empty, full] = doc.assessments;
    expect(empty!.warnings.map((w) => [w.message, w.excerpt])).toEqual([
      ['the heading has no text under it: no summary, sections or recommendations', 'EXAMPLIA: Tier 1'],
    ]);
    expect(full!.warnings).toEqual([]);
  });
});

describe('spans of warnings and sections', () => {
  it('a tier conflict points at the sentence that conflicts, in the original text', () => {
    const text =
      '2023 TIP Report\n\nEXAMPLIA: Tier 1\n\nThe Government of Examplia does not fully meet the minimum standards for the elimination of trafficking\nbut is making significant efforts to do so.The government acted.\n';
    const a = parseText(text, 'e.txt', 'x', { lookup: fictionalLookup }).assessments[0]!;
    const w = a.warnings.find((x) => x.message.startsWith('tier conflict'))!;
    expect(text.slice(w.span!.start, w.span!.end)).toBe(
      'The Government of Examplia does not fully meet the minimum standards for the elimination of trafficking\nbut is making significant efforts to do so.',
    );
  });

  it('the recommendations section starts at its heading, like the others', () => {
    const text =
      '2023 TIP Report\n\nEXAMPLIA: Tier 2\n\nThe Government of Examplia does not fully meet the minimum standards for the elimination of trafficking but is making significant efforts to do so.\n\nPRIORITIZED RECOMMENDATIONS:\n\nFund the imaginary hotline.\n\nPROTECTION:\n\nThe government identified nine victims.\n';
    const a = parseText(text, 'e.txt', 'x', { lookup: fictionalLookup }).assessments[0]!;
    const slice = (kind: string) => {
      const s = a.sections.find((x) => x.kind === kind)!;
      return text.slice(s.span.start, s.span.end);
    };
    expect(slice('recommendations')).toBe('PRIORITIZED RECOMMENDATIONS:\n\nFund the imaginary hotline.');
    expect(slice('protection')).toBe('PROTECTION:\n\nThe government identified nine victims.');
  });
});

describe('failures carry a code, not only a message', () => {
  const codeOf = (text: string): InputErrorCode | undefined => {
    try {
      parseText(text, 'u.txt', 'x', { lookup: fictionalLookup });
    } catch (e) {
      if (e instanceof InputError) return e.code;
      throw e;
    }
    return undefined;
  };
  it('names an invalid tier as such, even for an unknown country; an unknown country alone as no known heading', () => {
    expect(codeOf('2023 TIP Report\n\nUTOPIA (Tier 4)\n\nSome text.\n')).toBe('invalid-tier-heading');
    expect(codeOf('2023 TIP Report\n\nUTOPIA (Tier 2)\n\nSome text.\n')).toBe('no-country-heading');
    expect(codeOf('Nothing that looks like a heading.\n')).toBe('no-country-heading');
  });
  it('a text without its report year: the code says so, and the message names no CLI flag', () => {
    let err: InputError | undefined;
    try {
      parseText('EXAMPLIA: Tier 2\n\nThe Government of Examplia does not fully meet the minimum standards.\n', 'y.txt', 'x', { lookup: fictionalLookup });
    } catch (e) {
      err = e as InputError;
    }
    expect(err?.code).toBe('report-year-unknown');
    expect(err?.message).not.toMatch(/--/);
  });
});
