/**
 * Context beside the narratives: the U.S. Department of Labor's List of Goods Produced by Child Labor or Forced
 * Labor, and UNODC's Global Report on Trafficking in Persons data (detected victims, persons prosecuted and
 * convicted). Shipped as data/goods.csv and data/unodc.csv (see data/SOURCES.md). Types and pure rules; no I/O.
 */

/** Which edition / export each shipped file holds, and how to cite it. One place: compile step, pages, CSV. */
export const GOODS_SOURCE = {
  file: 'data/goods.csv',
  sourceFile: 'ilab-list-of-goods.csv',
  publisher: 'U.S. Department of Labor, Bureau of International Labor Affairs',
  title: 'List of Goods Produced by Child Labor or Forced Labor',
  edition: 2022,
  /** The edition's "as of" date, as the Department's List page states it. */
  asOf: '2022-09-28',
  url: 'https://www.dol.gov/agencies/ilab/reports/child-labor/list-of-goods',
  citation:
    'U.S. Department of Labor, Bureau of International Labor Affairs, 2022 List of Goods Produced by Child Labor or Forced Labor (as of September 28, 2022)',
} as const;

export const UNODC_SOURCE = {
  file: 'data/unodc.csv',
  sourceFile: 'unodc-glotip-2023-05-30.csv',
  publisher: 'United Nations Office on Drugs and Crime (UNODC)',
  title: 'Global Report on Trafficking in Persons data',
  /** The export date UNODC asks to be cited with the data. */
  exportDate: '2023-05-30',
  url: 'https://www.unodc.org/unodc/en/data-and-analysis/tip.html',
  citation: 'UNODC, Global Report on Trafficking in Persons data (export of 30 May 2023)',
} as const;

/** One good of a country on the List, with the kinds of labour the List names for it (as the List's flags). */
export interface GoodEntry {
  countryId: string;
  good: string;
  sector: string;
  childLabor: boolean;
  forcedLabor: boolean;
  forcedChildLabor: boolean;
  /** Listed as produced with inputs made with child or forced labour (the List's "derived" goods). */
  derivedLaborExploitation: boolean;
  /** Where those inputs come from, as the List writes it; null when the List says "No". */
  inputsFrom: string | null;
  /** The row of the source file (ilab-list-of-goods.csv, header = line 1). */
  sourceRow: number;
}

/** The kinds of labour a good is listed for, in words ("forced labor, child labor"). Never merged or counted. */
export function goodKinds(g: Pick<GoodEntry, 'childLabor' | 'forcedLabor' | 'forcedChildLabor' | 'derivedLaborExploitation' | 'inputsFrom'>): string[] {
  const kinds: string[] = [];
  if (g.forcedLabor) kinds.push('forced labor');
  if (g.childLabor) kinds.push('child labor');
  if (g.forcedChildLabor) kinds.push('forced child labor');
  if (g.derivedLaborExploitation) kinds.push(`made with inputs produced with forced or child labor${g.inputsFrom ? ` (${g.inputsFrom})` : ''}`);
  return kinds;
}

/** Whether the List names forced labour (of adults or children) for the good. */
export function hasForcedLabor(g: Pick<GoodEntry, 'forcedLabor' | 'forcedChildLabor'>): boolean {
  return g.forcedLabor || g.forcedChildLabor;
}

/** UNODC's indicators, in the order the pages show them. */
export const UNODC_INDICATORS = [
  'Detected trafficking victims',
  'Persons prosecuted',
  'Persons convicted',
  'Persons brought into formal contact',
  'Offences of trafficking in persons',
] as const;
export const UNODC_DIMENSIONS = ['Total', 'by form of exploitation', 'by citizenship', 'by country of repatriation'] as const;
export const UNODC_SEXES = ['Total', 'Female', 'Male', 'Other', 'Unknown'] as const;
export const UNODC_AGES = ['Total', '0 to 17 years', '18 years or over', 'Unknown'] as const;

/** A count as UNODC writes it: digits with thousands separators (`1,252`), or `<5`. */
export const UNODC_VALUE = /^(<5|\d{1,3}(,\d{3})*)$/;

/** One row of UNODC's export (constant columns dropped, see data/SOURCES.md). `value` is as written: `<5`, `1,252`. */
export interface UnodcFigure {
  countryId: string;
  year: number;
  indicator: string;
  dimension: string;
  category: string;
  sex: string;
  age: string;
  value: string;
  /** The row of the source export (unodc-glotip-2023-05-30.csv, header = line 1). */
  sourceRow: number;
}

/**
 * The number a value states, or null for `<5` (fewer than five: a range, not a number). Used to draw a chart,
 * never to add values up.
 */
export function unodcNumber(value: string): number | null {
  if (!UNODC_VALUE.test(value) || value === '<5') return null;
  return Number(value.replace(/,/g, ''));
}
