/**
 * "Cite this" formats: golden reference strings, and each format read back by parsers. citation-js (the BibTeX and
 * RIS importers reference managers build on; a dev dependency) reads the BibTeX and the RIS as a reference manager
 * would; `parseBibtex` below also checks BibTeX's grammar strictly (one entry, balanced braces, `key = {value}`
 * fields, a corporate author in double braces so that BibTeX's name splitting sees one "last name"). CSL-JSON is
 * read with JSON.parse and checked against the CSL-JSON schema's types for the fields used; RIS also with a strict
 * line parser (`XX  - value`, TY first, ER last).
 */
import { Cite } from '@citation-js/core';
import '@citation-js/plugin-bibtex';
import '@citation-js/plugin-ris';
import { describe, expect, it } from 'vitest';
import { COUNTRIES } from '../../src/countries/index.js';
import { officialSource } from '../../src/domain/index.js';
import type { Citation } from '../../src/analysis/profile.js';
import { citeBibtex, citeCslJson, citePlain, citeRis, type CiteInput } from '../../src/web/cite.js';

const TJK = COUNTRIES.find((c) => c.id === 'TJK')!;

function input(reportYear: number, section: string, how: Citation['howWeKnow'], tier: string | null): CiteInput {
  return {
    countryId: 'TJK',
    countryName: 'Tajikistan',
    reportYear,
    tier,
    section,
    citation: { reportYear, section, official: officialSource(reportYear, TJK), howWeKnow: how, document: null, source: how.source },
    pageUrl: `https://atlas.example.org/countries/TJK/${reportYear}${section === 'tier placement' ? '#tier' : ''}`,
    accessed: '2026-12-06',
  };
}

const NARRATIVE_2023 = input(2023, 'narrative', { text: 'read from the imported copy of the narrative at this address', source: 'https://example.org/copy_of_tjk%20page' }, 'Tier 2');
const PLACEMENT_2012 = input(2012, 'tier placement', { text: 'from the Cho / Kelley academic dataset', source: 'cho_merged_jk_2015-08-10.dta' }, 'Tier 2');

/** A strict reader of one BibTeX entry: `@type{key, field = {value}, …}` with balanced braces; throws on anything else. */
function parseBibtex(s: string): { type: string; key: string; fields: Record<string, string> } {
  let i = 0;
  const fail = (m: string): never => {
    throw new Error(`BibTeX: ${m} at ${i}: ${JSON.stringify(s.slice(i, i + 20))}`);
  };
  const ws = () => {
    while (/\s/.test(s[i] ?? '')) i++;
  };
  const ident = () => {
    const m = /^[A-Za-z][A-Za-z0-9_:-]*/.exec(s.slice(i));
    if (!m) fail('identifier expected');
    i += m![0].length;
    return m![0];
  };
  const braced = () => {
    if (s[i] !== '{') fail('{ expected');
    let depth = 0;
    const start = i;
    for (; i < s.length; i++) {
      if (s[i] === '\\') {
        i++;
        continue;
      }
      if (s[i] === '{') depth++;
      else if (s[i] === '}' && --depth === 0) return s.slice(start + 1, i++);
    }
    return fail('unbalanced braces');
  };
  ws();
  if (s[i++] !== '@') fail('@ expected');
  const type = ident().toLowerCase();
  if (s[i++] !== '{') fail('{ after type expected');
  ws();
  const key = ident();
  const fields: Record<string, string> = {};
  ws();
  while (s[i] === ',') {
    i++;
    ws();
    if (s[i] === '}') break;
    const name = ident().toLowerCase();
    ws();
    if (s[i++] !== '=') fail('= expected');
    ws();
    if (fields[name] !== undefined) fail(`duplicate field ${name}`);
    fields[name] = braced();
    ws();
  }
  if (s[i++] !== '}') fail('} closing the entry expected');
  ws();
  if (i !== s.length) fail('text after the entry');
  return { type, key, fields };
}

/** BibTeX's name splitting, as far as it concerns a corporate author: top-level words of the author field. */
function topLevelWords(field: string): string[] {
  const words: string[] = [];
  let depth = 0;
  let cur = '';
  for (const ch of field) {
    if (ch === '{') depth++;
    if (ch === '}') depth--;
    if (depth === 0 && /\s/.test(ch)) {
      if (cur) words.push(cur);
      cur = '';
    } else cur += ch;
  }
  if (cur) words.push(cur);
  return words;
}

/** A strict RIS reader: every line `XX  - value`, TY first, ER last. */
function parseRis(s: string): [string, string][] {
  expect(s.endsWith('\n')).toBe(true);
  const lines = s.slice(0, -1).split('\n').map((l) => {
    const m = /^([A-Z][A-Z0-9])  - (.*)$/.exec(l);
    if (!m) throw new Error(`RIS: bad line ${JSON.stringify(l)}`);
    return [m[1]!, m[2]!] as [string, string];
  });
  expect(lines[0]).toEqual(['TY', 'RPRT']);
  expect(lines.at(-1)).toEqual(['ER', '']);
  return lines;
}

describe('Cite this: reference strings (golden)', () => {
  it('plain reference', () => {
    expect(citePlain(NARRATIVE_2023)).toBe(
      'U.S. Department of State. 2023 Trafficking in Persons Report: Tajikistan. Washington, DC: U.S. Department of State, 2023. ' +
        'https://www.state.gov/reports/2023-trafficking-in-persons-report/tajikistan/ (accessed 2026-12-06). ' +
        'Section: narrative (Tier 2). How we know: read from the imported copy of the narrative at this address (https://example.org/copy_of_tjk%20page). ' +
        'Compiled in TIP Atlas: https://atlas.example.org/countries/TJK/2023.',
    );
    expect(citePlain(PLACEMENT_2012)).toBe(
      'U.S. Department of State. 2012 Trafficking in Persons Report: Tajikistan. Washington, DC: U.S. Department of State, 2012. ' +
        'Section: tier placement (Tier 2). How we know: from the Cho / Kelley academic dataset (cho_merged_jk_2015-08-10.dta). ' +
        'No address of the publisher’s page for it is known. Compiled in TIP Atlas: https://atlas.example.org/countries/TJK/2012#tier.',
    );
  });

  it('BibTeX', () => {
    expect(citeBibtex(NARRATIVE_2023)).toBe(
      [
        '@techreport{usdos_tip2023_tjk,',
        '  author = {{U.S. Department of State}},',
        '  title = {{2023 Trafficking in Persons Report: Tajikistan}},',
        '  institution = {U.S. Department of State},',
        '  address = {Washington, DC},',
        '  year = {2023},',
        '  url = {https://www.state.gov/reports/2023-trafficking-in-persons-report/tajikistan/},',
        '  urldate = {2026-12-06},',
        '  note = {Section: narrative (Tier 2). How we know: read from the imported copy of the narrative at this address (https://example.org/copy\\_of\\_tjk\\%20page). Compiled in TIP Atlas: https://atlas.example.org/countries/TJK/2023}',
        '}',
      ].join('\n'),
    );
  });

  it('CSL-JSON and RIS', () => {
    expect(JSON.parse(citeCslJson(NARRATIVE_2023))).toEqual([
      {
        id: 'usdos_tip2023_tjk',
        type: 'report',
        title: '2023 Trafficking in Persons Report: Tajikistan',
        author: [{ literal: 'U.S. Department of State' }],
        publisher: 'U.S. Department of State',
        'publisher-place': 'Washington, DC',
        issued: { 'date-parts': [[2023, 6, 15]] },
        URL: 'https://www.state.gov/reports/2023-trafficking-in-persons-report/tajikistan/',
        accessed: { 'date-parts': [[2026, 12, 6]] },
        note: 'Section: narrative (Tier 2). How we know: read from the imported copy of the narrative at this address (https://example.org/copy_of_tjk%20page). Compiled in TIP Atlas: https://atlas.example.org/countries/TJK/2023',
      },
    ]);
    expect(citeRis(PLACEMENT_2012)).toBe(
      [
        'TY  - RPRT',
        'AU  - U.S. Department of State',
        'TI  - 2012 Trafficking in Persons Report: Tajikistan',
        'PY  - 2012',
        'DA  - 2012/06/19',
        'PB  - U.S. Department of State',
        'CY  - Washington, DC',
        'N1  - Section: tier placement (Tier 2). How we know: from the Cho / Kelley academic dataset (cho_merged_jk_2015-08-10.dta). No address of the publisher’s page for it is known. Compiled in TIP Atlas: https://atlas.example.org/countries/TJK/2012#tier',
        'ER  - ',
        '',
      ].join('\n'),
    );
  });
});

describe('Cite this: each format read back by a parser', () => {
  for (const x of [NARRATIVE_2023, PLACEMENT_2012]) {
    it(`BibTeX (${x.reportYear}): one entry, the publisher one corporate name, no local path`, () => {
      const e = parseBibtex(citeBibtex(x));
      expect(e.type).toBe('techreport');
      expect(e.key).toBe(`usdos_tip${x.reportYear}_tjk`);
      expect(Object.keys(e.fields)).toEqual(
        x.citation.official.url
          ? ['author', 'title', 'institution', 'address', 'year', 'url', 'urldate', 'note']
          : ['author', 'title', 'institution', 'address', 'year', 'note'],
      );
      // `{U.S. Department of State}`: one top-level word, so BibTeX reads no first name and no surname "State".
      expect(topLevelWords(e.fields.author!)).toEqual(['{U.S. Department of State}']);
      expect(e.fields.year).toMatch(/^\d{4}$/);
      if (e.fields.url) expect(e.fields.url).toMatch(/^https:\/\/www\.state\.gov\/\S+$/);
      // Special characters in values are escaped: no bare %, #, & or _ outside \url-like fields.
      for (const [k, v] of Object.entries(e.fields)) if (k !== 'url') expect(v.replace(/\\[%#&_$]/g, ''), k).not.toMatch(/[%#&_$]/);
    });

    it(`CSL-JSON (${x.reportYear}): valid JSON with the schema's types`, () => {
      const items = JSON.parse(citeCslJson(x)) as Record<string, unknown>[];
      expect(items).toHaveLength(1);
      const item = items[0]!;
      expect(typeof item.id).toBe('string');
      expect(item.type).toBe('report');
      expect(item.author).toEqual([{ literal: 'U.S. Department of State' }]);
      const date = (d: unknown) => {
        expect(d).toMatchObject({ 'date-parts': [expect.any(Array)] });
        for (const n of (d as { 'date-parts': number[][] })['date-parts'][0]!) expect(Number.isInteger(n)).toBe(true);
      };
      date(item.issued);
      if (item.URL) date(item.accessed);
      for (const k of ['title', 'publisher', 'publisher-place', 'note']) expect(typeof item[k], k).toBe('string');
    });

    it(`RIS (${x.reportYear}): strict lines, one author with no comma (an organisation)`, () => {
      const lines = parseRis(citeRis(x));
      const au = lines.filter(([t]) => t === 'AU');
      expect(au).toEqual([['AU', 'U.S. Department of State']]);
      expect(lines.find(([t]) => t === 'PY')?.[1]).toBe(String(x.reportYear));
      expect(lines.some(([t]) => t === 'UR')).toBe(x.citation.official.url !== null);
    });
  }
});

describe('Cite this: read by citation-js, as a reference manager imports it', () => {
  const bibtex = (text: string) => new Cite(text, { forceType: '@bibtex/text' }).data;
  for (const x of [NARRATIVE_2023, PLACEMENT_2012]) {
    it(`BibTeX (${x.reportYear}): a report by one corporate author, with its title, year and address`, () => {
      const items = bibtex(citeBibtex(x));
      expect(items).toHaveLength(1);
      const item = items[0]!;
      expect(item.type).toBe('report');
      // One name with no given name: the publisher, not a person whose surname is "State".
      expect(item.author).toEqual([{ family: 'U.S. Department of State' }]);
      expect(item.title).toBe(`${x.reportYear} Trafficking in Persons Report: Tajikistan`);
      expect(item.issued).toEqual({ 'date-parts': [[x.reportYear]] });
      expect(item.URL ?? null).toBe(x.citation.official.url);
    });

    it(`RIS (${x.reportYear}): a report by one organisation, with its title, year and address`, () => {
      const items = new Cite(citeRis(x), { forceType: '@ris/file' }).data;
      expect(items).toHaveLength(1);
      const item = items[0]!;
      expect(item.type).toBe('report');
      expect(item.author).toEqual([{ literal: 'U.S. Department of State' }]);
      expect(item.title).toBe(`${x.reportYear} Trafficking in Persons Report: Tajikistan`);
      // RIS carries the release date (DA) as well as the year.
      expect(item.issued).toEqual({ 'date-parts': [x.citation.official.releaseDate!.split('-').map(Number)] });
      expect(item.URL ?? null).toBe(x.citation.official.url);
    });
  }

  it('tells a corporate author from a person, and refuses broken BibTeX (the parser discriminates)', () => {
    const single = '@techreport{k, author = {U.S. Department of State}, title = {T}, year = {2023}}';
    expect(bibtex(single)[0]!.author).toMatchObject([{ family: 'State' }]);
    expect(() => bibtex('@techreport{k, title = {unbalanced}')).toThrow();
  });
});
