/**
 * Downloads of the context facts: the Department of Labor's List of Goods and UNODC's figures, as shipped
 * (data/goods.csv, data/unodc.csv) with the registry's country names and each row's source. Values as written.
 */
import { GOODS_SOURCE, UNODC_SOURCE } from '../domain/context.js';
import { formatCsv } from '../domain/csv.js';
import type { Store } from '../store/types.js';
import type { ColumnDoc, Download } from './downloadTypes.js';

const GOODS_COLUMNS: ColumnDoc[] = [
  { name: 'country_id', type: 'string', description: 'ISO 3166-1 alpha-3 code of the country the List names.' },
  { name: 'country_name', type: 'string', description: 'The country’s name as the TIP Reports write it (the List may spell it otherwise).' },
  { name: 'good', type: 'string', description: 'The good, as the List writes it (“Cotton”, “Bricks”).' },
  { name: 'sector', type: 'string', description: 'The List’s sector: Agriculture, Manufacturing, Mining, Other.' },
  { name: 'child_labor', type: 'boolean', description: 'Listed as produced with child labor.' },
  { name: 'forced_labor', type: 'boolean', description: 'Listed as produced with forced labor.' },
  { name: 'forced_child_labor', type: 'boolean', description: 'Listed as produced with forced child labor. The three kinds overlap: one good may have all three.' },
  { name: 'derived_labor_exploitation', type: 'boolean', description: 'Listed as produced with inputs that are made with forced or child labor.' },
  { name: 'inputs_from', type: 'string', nullable: true, description: 'For such goods: where the inputs come from, as the List writes it.' },
  { name: 'source', type: 'string', description: `The List and its edition: “${GOODS_SOURCE.citation}”.` },
  { name: 'source_row', type: 'integer', description: `The row in the Department’s data file (${GOODS_SOURCE.sourceFile}; the header is row 1).` },
];

const UNODC_COLUMNS: ColumnDoc[] = [
  { name: 'country_id', type: 'string', description: 'ISO 3166-1 alpha-3 code (UNODC’s own code for the country).' },
  { name: 'country_name', type: 'string', description: 'The country’s name as the TIP Reports write it.' },
  { name: 'year', type: 'integer', description: 'The calendar year the figure counts (not a TIP report year).' },
  { name: 'indicator', type: 'string', description: 'Detected trafficking victims, Persons prosecuted, Persons convicted, Persons brought into formal contact or Offences of trafficking in persons.' },
  { name: 'dimension', type: 'string', description: 'Total, by form of exploitation, by citizenship or by country of repatriation.' },
  { name: 'category', type: 'string', description: 'Within the dimension: Total, a form of exploitation, a citizenship or a country, as UNODC writes it (may be empty).' },
  { name: 'sex', type: 'string', description: 'Total, Female, Male, Other or Unknown.' },
  { name: 'age', type: 'string', description: 'Total, 0 to 17 years, 18 years or over or Unknown. Sex, age and category rows overlap with the totals: never add them up.' },
  { name: 'value', type: 'string', description: 'The count as UNODC writes it: digits with thousands separators (“1,252”), or “<5” (fewer than five). A year without a row is no data, not zero.' },
  { name: 'source', type: 'string', description: `The export and its date: “${UNODC_SOURCE.citation}”.` },
  { name: 'source_row', type: 'integer', description: `The row in UNODC’s export (${UNODC_SOURCE.sourceFile}; the header is row 1). A few cells have two rows there; both are kept.` },
];

export const CONTEXT_DOWNLOADS: Download[] = [
  {
    path: '/data/goods.csv',
    title: 'Goods produced with forced or child labor (CSV)',
    mediaType: 'text/csv',
    description: `One row per good and country on the U.S. Department of Labor’s ${GOODS_SOURCE.edition} List of Goods Produced by Child Labor or Forced Labor (as of ${GOODS_SOURCE.asOf}); U.S. government work.`,
    columns: GOODS_COLUMNS,
    filters: false,
  },
  {
    path: '/data/unodc.csv',
    title: 'UNODC figures: detected victims, persons prosecuted and convicted (CSV)',
    mediaType: 'text/csv',
    description: `Every row of UNODC’s Global Report on Trafficking in Persons data export of ${UNODC_SOURCE.exportDate} for a country of the registry, values as written. UNODC asks to be cited as “UNODC, Global Report on Trafficking in Persons data” with the export date.`,
    columns: UNODC_COLUMNS,
    filters: false,
  },
];

const bool = (b: boolean) => (b ? 'true' : 'false');

export function goodsCsv(store: Store): string {
  const names = new Map(store.listCountries().map((c) => [c.id, c.name]));
  return formatCsv(
    [
      GOODS_COLUMNS.map((c) => c.name),
      ...store.goods().map((g) => [
        g.countryId,
        names.get(g.countryId) ?? '',
        g.good,
        g.sector,
        bool(g.childLabor),
        bool(g.forcedLabor),
        bool(g.forcedChildLabor),
        bool(g.derivedLaborExploitation),
        g.inputsFrom,
        GOODS_SOURCE.citation,
        g.sourceRow,
      ]),
    ],
    { neutralizeFormulas: true },
  );
}

export function unodcCsv(store: Store): string {
  const names = new Map(store.listCountries().map((c) => [c.id, c.name]));
  return formatCsv(
    [
      UNODC_COLUMNS.map((c) => c.name),
      ...store.unodcFigures().map((f) => [f.countryId, names.get(f.countryId) ?? '', f.year, f.indicator, f.dimension, f.category, f.sex, f.age, f.value, UNODC_SOURCE.citation, f.sourceRow]),
    ],
    { neutralizeFormulas: true },
  );
}
