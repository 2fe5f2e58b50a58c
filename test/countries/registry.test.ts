import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { compileFromDir, DEFAULT_SOURCE_DIR, REPO_ROOT, staleFiles } from '../../scripts/compile-data.js';
import { parseCsvRecords } from '../../src/domain/csv.js';
import { existsInReportYear, REGION_NAMES, UnknownCountryError } from '../../src/domain/index.js';
import {
  COUNTRIES,
  countryName,
  findCountry,
  getCountryById,
  getCountryBySlug,
  normalizeCountryName,
  resolveCountry,
  suggestCountries,
} from '../../src/countries/index.js';
import { REGISTRY } from '../../src/countries/registry.js';

const SHIPPED_PLACEMENTS = fileURLToPath(new URL('../../data/tier-placements.csv', import.meta.url));
const SHARED_CORPUS_INDEX = fileURLToPath(new URL('../../../shared/corpus/excerpts/INDEX.csv', import.meta.url));

describe('findCountry: every spelling the reports and the data use', () => {
  const cases: [string, string][] = [
    ['Burma', 'MMR'],
    ['Myanmar', 'MMR'],
    ['Korea, South', 'KOR'],
    ['South Korea', 'KOR'],
    ['Republic of Korea', 'KOR'],
    ['Korea, Republic of', 'KOR'],
    ['ROK', 'KOR'],
    ['Korea, North', 'PRK'],
    ['North Korea', 'PRK'],
    ['NORTH KOREA', 'PRK'],
    ['DPRK', 'PRK'],
    ["Democratic People's Republic of Korea", 'PRK'],
    ['Democratic People’s Republic of Korea', 'PRK'],
    ["Korea, Democratic People's Republic of", 'PRK'],
    ["Cote d'Ivoire", 'CIV'],
    ['Côte d’Ivoire', 'CIV'],
    ["Côte d'Ivoire", 'CIV'],
    ['Cote D’Ivoire', 'CIV'],
    ["COTE D'IVOIRE", 'CIV'],
    ['Ivory Coast', 'CIV'],
    ['Gambia, The', 'GMB'],
    ['The Gambia', 'GMB'],
    ['THE GAMBIA', 'GMB'],
    ['Gambia', 'GMB'],
    ['Bahamas, The', 'BHS'],
    ['The Bahamas', 'BHS'],
    ['Bahamas', 'BHS'],
    ['Swaziland', 'SWZ'],
    ['Eswatini', 'SWZ'],
    ['Macedonia', 'MKD'],
    ['North Macedonia', 'MKD'],
    ['FYROM', 'MKD'],
    ['Macedonia, the former Yugoslav Republic of', 'MKD'],
    ['Cape Verde', 'CPV'],
    ['Cabo Verde', 'CPV'],
    ['Czech Republic', 'CZE'],
    ['Czechia', 'CZE'],
    ['Türkiye', 'TUR'],
    ['TÜRKİYE', 'TUR'],
    ['Turkiye', 'TUR'],
    ['Turkey', 'TUR'],
    ['Timor-Leste', 'TLS'],
    ['Timor Leste', 'TLS'],
    ['East Timor', 'TLS'],
    ['Congo (ROC)', 'COG'],
    ['Republic of the Congo', 'COG'],
    ['Congo, Republic of the', 'COG'],
    ['Congo-Brazzaville', 'COG'],
    ['DRC', 'COD'],
    ['Congo (DRC)', 'COD'],
    ['Democratic Republic of the Congo', 'COD'],
    ['Congo, Democratic Republic of the', 'COD'],
    ['Congo, the Democratic Republic of the', 'COD'],
    ['Kyrgyz Republic', 'KGZ'],
    ['Kyrgyzstan', 'KGZ'],
    ['Slovak Republic', 'SVK'],
    ['Slovakia', 'SVK'],
    ['St Vincent & Gren', 'VCT'],
    ['Saint Vincent and the Grenadines', 'VCT'],
    ['St. Vincent and the Grenadines', 'VCT'],
    ['St Vincent and the Grenadines', 'VCT'],
    ['Saint Lucia', 'LCA'],
    ['St. Lucia', 'LCA'],
    ['Hong Kong', 'HKG'],
    ['Hong Kong S.A.R.', 'HKG'],
    ['Hong Kong SAR', 'HKG'],
    ['Macau', 'MAC'],
    ['Macao', 'MAC'],
    ['Taiwan', 'TWN'],
    ['Curaçao', 'CUW'],
    ['Curacao', 'CUW'],
    ['Sint Maarten', 'SXM'],
    ['St. Maarten', 'SXM'],
    ['Aruba', 'ABW'],
    ['Kosovo', 'XKX'],
    ['South Sudan', 'SSD'],
    ['Sudan', 'SDN'],
    ['UK', 'GBR'],
    ['United Kingdom', 'GBR'],
    ['United Kingdom (UK)', 'GBR'],
    ['UNITED KINGDOM (UK)', 'GBR'],
    ['United Kingdom - UK', 'GBR'],
    ['Great Britain', 'GBR'],
    ['USA', 'USA'],
    ['U.S.', 'USA'],
    ['United States', 'USA'],
    ['United States of America', 'USA'],
    ['Russia', 'RUS'],
    ['Russian Federation', 'RUS'],
    ['Iran', 'IRN'],
    ['Iran, Islamic Republic of', 'IRN'],
    ['Syria', 'SYR'],
    ['Syrian Arab Republic', 'SYR'],
    ['Laos', 'LAO'],
    ['Lao PDR', 'LAO'],
    ["Lao People's Democratic Republic", 'LAO'],
    ['Vietnam', 'VNM'],
    ['Viet Nam', 'VNM'],
    ['Brunei', 'BRN'],
    ['Brunei Darussalam', 'BRN'],
    ['Micronesia', 'FSM'],
    ['Federated States of Micronesia', 'FSM'],
    ['Micronesia, Federated States of', 'FSM'],
    ['Bosnia and Herzegovina', 'BIH'],
    ['Bosnia-Herzegovina', 'BIH'],
    ['Serbia and Montenegro', 'SCG'],
    ['Federal Republic of Yugoslavia', 'SCG'],
    ['Netherlands Antilles', 'ANT'],
    ['Serbia', 'SRB'],
    ['Montenegro', 'MNE'],
    ['UAE', 'ARE'],
    ['United Arab Emirates', 'ARE'],
    ['Moldova', 'MDA'],
    ['Moldova, Republic of', 'MDA'],
    ['Tanzania', 'TZA'],
    ['Tanzania, United Republic of', 'TZA'],
    ['Libya', 'LBY'],
    ['Libyan Arab Jamahiriya', 'LBY'],
    ['Venezuela', 'VEN'],
    ['Venezuela, Bolivarian Republic of', 'VEN'],
    ['Bolivia', 'BOL'],
    ['Bolivia, Plurinational State of', 'BOL'],
    ['Antigua & Barbuda', 'ATG'],
    ['Trinidad & Tobago', 'TTO'],
    ['Central African Rep', 'CAF'],
    ["People's Republic of China", 'CHN'],
    ['Taiwan, Province of China', 'TWN'],
    ['Sint Maarten (Dutch part)', 'SXM'],
    // Headings as the corpus writes them.
    ['TAJIKISTAN', 'TJK'],
    ['YEMEN', 'YEM'],
    ['LIBYA', 'LBY'],
    ['SOMALIA', 'SOM'],
    ['ERITREA', 'ERI'],
    ['AFGHANISTAN', 'AFG'],
    ['HONDURAS', 'HND'],
    ['SAUDI ARABIA', 'SAU'],
    ['  Tajikistan\u00a0', 'TJK'],
  ];
  it.each(cases)('%s → %s', (name, id) => {
    expect(findCountry(name)?.id).toBe(id);
    expect(resolveCountry(name).id).toBe(id);
  });

  it('does not guess', () => {
    for (const name of ['Tajikstan', 'Korea', 'Guinea Bisau', 'Kingdom', '', '   ', 'Congo (Zaire)', 'St. Kitts']) {
      expect(findCountry(name), name).toBeUndefined();
    }
  });

  it('does not resolve a bare "Congo" (either Congo), and suggests both', () => {
    expect(findCountry('Congo')).toBeUndefined();
    expect(findCountry('CONGO')).toBeUndefined();
    expect(() => resolveCountry('Congo')).toThrow(UnknownCountryError);
    expect(suggestCountries('Congo').map((c) => c.id).sort()).toEqual(expect.arrayContaining(['COD', 'COG']));
  });

  it('keeps Niger and Nigeria, Guinea and its neighbours, Sudan and South Sudan apart', () => {
    expect(findCountry('Niger')?.id).toBe('NER');
    expect(findCountry('Nigeria')?.id).toBe('NGA');
    expect(findCountry('Guinea')?.id).toBe('GIN');
    expect(findCountry('Guinea-Bissau')?.id).toBe('GNB');
    expect(findCountry('Equatorial Guinea')?.id).toBe('GNQ');
    expect(findCountry('Papua New Guinea')?.id).toBe('PNG');
  });
});

describe('resolveCountry', () => {
  it('throws UnknownCountryError with the closest known names', () => {
    let error: unknown;
    try {
      resolveCountry('Tajikstan');
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(UnknownCountryError);
    const e = error as UnknownCountryError;
    expect(e.input).toBe('Tajikstan');
    expect(e.suggestions[0]).toBe('Tajikistan');
    expect(e.suggestions.length).toBeLessThanOrEqual(5);
    expect(e.message).toContain('Tajikistan');
  });

  it.each([
    ['Phillipines', 'Philippines'],
    ['Columbia', 'Colombia'],
    ['Kyrgystan', 'Kyrgyz Republic'],
    ['Burmah', 'Burma'],
    ['Untied Kingdom', 'United Kingdom'],
  ])('suggests %s → %s first', (typo, name) => {
    expect(() => resolveCountry(typo)).toThrow(UnknownCountryError);
    expect(suggestCountries(typo)[0]?.name).toBe(name);
  });

  it('suggests both Koreas for "Korea"', () => {
    const names = suggestCountries('Korea').map((c) => c.name);
    expect(names.slice(0, 2).sort()).toEqual(['Korea, North', 'Korea, South']);
  });

  it('suggests nothing for nonsense and never more than asked', () => {
    expect(suggestCountries('qqqqzzzz')).toEqual([]);
    expect(suggestCountries('')).toEqual([]);
    expect(suggestCountries('a', 3).length).toBeLessThanOrEqual(3);
    let error: unknown;
    try {
      resolveCountry('qqqqzzzz');
    } catch (e) {
      error = e;
    }
    expect((error as UnknownCountryError).suggestions).toEqual([]);
  });
});

describe('ids, slugs and names', () => {
  it('getCountryById is case-insensitive; countryName and getCountryBySlug work', () => {
    expect(getCountryById('tjk')?.name).toBe('Tajikistan');
    expect(getCountryById(' XKX ')?.name).toBe('Kosovo');
    expect(getCountryById('ZZZ')).toBeUndefined();
    expect(countryName('MMR')).toBe('Burma');
    expect(countryName('prk')).toBe('Korea, North');
    expect(countryName('ZZZ')).toBeUndefined();
    expect(getCountryBySlug('cote-divoire')?.id).toBe('CIV');
    expect(getCountryBySlug('united-kingdom')?.id).toBe('GBR');
    expect(getCountryBySlug('nowhere')).toBeUndefined();
  });

  it('uses the reports’ names and the publisher’s slugs', () => {
    const expected: [string, string, string][] = [
      ['TJK', 'Tajikistan', 'tajikistan'],
      ['MMR', 'Burma', 'burma'],
      ['KOR', 'Korea, South', 'south-korea'],
      ['PRK', 'Korea, North', 'north-korea'],
      ['CIV', "Cote d'Ivoire", 'cote-divoire'],
      ['GMB', 'Gambia, The', 'gambia'],
      ['BHS', 'Bahamas, The', 'bahamas'],
      ['SWZ', 'Eswatini', 'eswatini'],
      ['MKD', 'North Macedonia', 'north-macedonia'],
      ['CPV', 'Cabo Verde', 'cabo-verde'],
      ['CZE', 'Czech Republic', 'czech-republic'],
      ['COD', 'Congo, Democratic Republic of the', 'democratic-republic-of-the-congo'],
      ['COG', 'Congo, Republic of the', 'republic-of-the-congo'],
      ['GBR', 'United Kingdom', 'united-kingdom'],
      ['VCT', 'St. Vincent and the Grenadines', 'st-vincent-and-the-grenadines'],
      ['CUW', 'Curaçao', 'curacao'],
      ['HKG', 'Hong Kong', 'hong-kong'],
      ['MAC', 'Macau', 'macau'],
      ['KGZ', 'Kyrgyz Republic', 'kyrgyz-republic'],
    ];
    for (const [id, name, slug] of expected) {
      expect(getCountryById(id), id).toMatchObject({ name, slug });
    }
  });

  it('has unique ids and slugs, well-formed', () => {
    const ids = COUNTRIES.map((c) => c.id);
    expect(new Set(ids).size).toBe(ids.length);
    const slugs = COUNTRIES.map((c) => c.slug);
    expect(new Set(slugs).size).toBe(slugs.length);
    for (const c of COUNTRIES) {
      expect(c.id, c.name).toMatch(/^[A-Z]{3}$/);
      expect(c.slug, c.id).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
      expect(c.name.trim(), c.id).toBe(c.name);
    }
  });

  it('maps every name and alias to one country only', () => {
    const owner = new Map<string, string>();
    for (const c of REGISTRY) {
      for (const spelling of [c.name, ...c.aliases]) {
        const key = normalizeCountryName(spelling);
        expect(key, `${c.id}: "${spelling}"`).not.toBe('');
        const other = owner.get(key);
        if (other !== undefined) expect(other, `"${spelling}" is claimed by ${other} and ${c.id}`).toBe(c.id);
        owner.set(key, c.id);
        expect(findCountry(spelling)?.id, spelling).toBe(c.id);
      }
    }
  });

  it('gives every country a valid region', () => {
    const regions = Object.keys(REGION_NAMES);
    for (const c of COUNTRIES) expect(regions, c.id).toContain(c.region);
    expect(getCountryById('TJK')?.region).toBe('SCA');
    expect(getCountryById('EGY')?.region).toBe('NEA');
    expect(getCountryById('LBY')?.region).toBe('NEA');
    expect(getCountryById('USA')?.region).toBe('WHA');
    expect(getCountryById('CAN')?.region).toBe('WHA');
    expect(getCountryById('TWN')?.region).toBe('EAP');
    expect(getCountryById('XKX')?.region).toBe('EUR');
    expect(getCountryById('SSD')?.region).toBe('AF');
  });

  it('lists COUNTRIES sorted by name, accents ignored, and frozen', () => {
    const keys = COUNTRIES.map((c) => normalizeCountryName(c.name));
    expect(keys).toEqual([...keys].sort());
    expect(COUNTRIES.length).toBe(REGISTRY.length);
    const tur = getCountryById('TUR');
    expect(Object.isFrozen(COUNTRIES)).toBe(true);
    expect(tur && Object.isFrozen(tur) && Object.isFrozen(tur.aliases)).toBe(true);
  });
});

describe('normalizeCountryName', () => {
  it.each([
    ['Côte d’Ivoire', 'cote divoire'],
    ["COTE D'IVOIRE", 'cote divoire'],
    ['Gambia, The', 'gambia'],
    ['The Gambia', 'gambia'],
    ['St Vincent & Gren', 'saint vincent and gren'],
    ['St. Vincent and the Grenadines', 'saint vincent and the grenadines'],
    ['U.S.', 'us'],
    ['Hong Kong S.A.R.', 'hong kong sar'],
    ['  Guinea-Bissau ', 'guinea bissau'],
    ['TÜRKİYE', 'turkiye'],
    ['United Kingdom (UK)', 'united kingdom uk'],
  ])('%s → %s', (input, key) => {
    expect(normalizeCountryName(input)).toBe(key);
  });
});

describe('report years of countries that came or went', () => {
  it('knows Serbia and Montenegro until 2006, Serbia and Montenegro apart from 2007, the Netherlands Antilles until 2010', () => {
    const at = (id: string, year: number) => existsInReportYear(getCountryById(id)!, year);
    expect(getCountryById('SCG')).toMatchObject({ name: 'Serbia and Montenegro', lastReportYear: 2006 });
    expect([at('SCG', 2006), at('SCG', 2007), at('SRB', 2006), at('SRB', 2007), at('MNE', 2006), at('MNE', 2007)]).toEqual([
      true,
      false,
      false,
      true,
      false,
      true,
    ]);
    expect(getCountryById('ANT')).toMatchObject({ name: 'Netherlands Antilles', region: 'WHA', lastReportYear: 2010 });
    expect([at('ANT', 2010), at('ANT', 2011), at('CUW', 2010), at('CUW', 2011), at('SXM', 2011), at('SSD', 2011), at('SSD', 2012)]).toEqual([
      true,
      false,
      false,
      true,
      true,
      false,
      true,
    ]);
    expect(at('TJK', 2001) && at('TJK', 2030)).toBe(true);
  });

  it('ships no placement outside a country\'s report years; the joint 2003–2006 placements under SCG only', () => {
    const { records } = parseCsvRecords(readFileSync(SHIPPED_PLACEMENTS, 'utf8'));
    const outside = records.filter((r) => !existsInReportYear(getCountryById(r.country_id ?? '')!, Number(r.report_year)));
    expect(outside).toEqual([]);
    const scg = records.filter((r) => r.country_id === 'SCG').map((r) => `${r.report_year} ${r.tier}`);
    expect(scg).toEqual(['2003 Tier 2', '2004 Tier 2 Watch List', '2005 Tier 2', '2006 Tier 2']);
    const early = records.filter((r) => (r.country_id === 'SRB' || r.country_id === 'MNE') && Number(r.report_year) <= 2006);
    expect(early).toEqual([]);
  });
});

describe('shipped data', () => {
  it('has every country id of data/tier-placements.csv in the registry', () => {
    const { header, records } = parseCsvRecords(readFileSync(SHIPPED_PLACEMENTS, 'utf8'));
    expect(header).toEqual(['report_year', 'country_id', 'tier', 'basis', 'source']);
    expect(records.length).toBeGreaterThan(3000);
    const unknown = [...new Set(records.map((r) => r.country_id ?? ''))].filter((id) => getCountryById(id)?.id !== id);
    expect(unknown).toEqual([]);
  });

  it.skipIf(!existsSync(DEFAULT_SOURCE_DIR))(
    'data/*.csv are up to date with ../shared/data (skipped when the research data ../shared/data is absent)',
    () => {
      const out = compileFromDir(DEFAULT_SOURCE_DIR);
      expect(staleFiles(out, REPO_ROOT), 'run: npx tsx scripts/compile-data.ts').toEqual([]);
    },
  );

  it.skipIf(!existsSync(SHARED_CORPUS_INDEX))(
    'resolves every country of the corpus excerpts (skipped when ../shared/corpus is absent)',
    () => {
      const { records } = parseCsvRecords(readFileSync(SHARED_CORPUS_INDEX, 'utf8'));
      const names = records
        .flatMap((r) => (r.country ?? '').split(' / '))
        .map((n) => n.replace(/\s*\(inferred\)\s*$/, '').trim())
        .filter((n) => n !== '');
      expect(names.length).toBeGreaterThan(20);
      for (const name of names) expect(findCountry(name), name).toBeDefined();
    },
  );
});
