/**
 * What the profile shows beside the narrative from other publishers: the Department of Labor's List of Goods
 * and UNODC's figures (data/SOURCES.md). Honest edges: every value is shown as written (`<5` stays `<5`), no
 * count is ever added to another (UNODC's sex, age and form categories overlap), a year UNODC lacks is "no
 * data" (null), never zero, and the List's edition and UNODC's export date go with every view.
 */
import { GOODS_SOURCE, UNODC_INDICATORS, UNODC_SOURCE, goodKinds, type GoodEntry, type UnodcFigure } from '../domain/context.js';
import type { Store } from '../store/types.js';
import type { IndicatorKind, IndicatorTable } from './indicators.js';

/** One value of UNODC's export as written, with its row there. Two rows for one cell happen: both are kept. */
export interface UnodcValue {
  value: string;
  sourceRow: number;
}

export interface UnodcBreakdownRow {
  year: number;
  /** The category (form of exploitation) or "Total". */
  category: string;
  sex: string;
  age: string;
  values: UnodcValue[];
}

export interface UnodcPanel {
  source: typeof UNODC_SOURCE;
  /** Every year from the first to the last UNODC holds for the country (any indicator), oldest first. */
  years: number[];
  /** Totals (all sexes, ages and forms) per indicator held: one entry per year, null where UNODC has no data. */
  series: { indicator: string; byYear: (UnodcValue[] | null)[] }[];
  /** By sex and age, and by form of exploitation: each row as UNODC gives it (never summed). */
  breakdowns: { indicator: string; bySexAge: UnodcBreakdownRow[]; byForm: UnodcBreakdownRow[] }[];
  /** Rows by citizenship or country of repatriation (in /data/unodc.csv, not on the page). */
  otherRows: number;
  /**
   * The report's own stated figures for the same period where both exist: UNODC's calendar year Y beside the
   * report of Y+1, which covers April Y to March Y+1 (the periods overlap; they are not the same).
   */
  beside: { indicator: string; year: number; unodc: UnodcValue[]; report: { reportYear: number; kind: IndicatorKind; valueText: string; anchor: string } }[];
}

export interface GoodsPanel {
  source: typeof GOODS_SOURCE;
  items: (GoodEntry & { kinds: string[] })[];
}

export interface CountryContext {
  /** null: the country has no good on the List. */
  goods: GoodsPanel | null;
  /** null: UNODC's export holds no figure for the country. */
  unodc: UnodcPanel | null;
}

/** Which of the report's indicators states what a UNODC indicator counts (roughly: definitions differ). */
export const REPORT_COUNTERPART: Readonly<Partial<Record<string, IndicatorKind>>> = {
  'Detected trafficking victims': 'victims-identified',
  'Persons prosecuted': 'prosecutions',
  'Persons convicted': 'convictions',
};

const TOTAL = 'Total';

export function goodsPanel(goods: GoodEntry[]): GoodsPanel | null {
  if (goods.length === 0) return null;
  return { source: GOODS_SOURCE, items: goods.map((g) => ({ ...g, kinds: goodKinds(g) })) };
}

export function unodcPanel(rows: UnodcFigure[], indicators?: IndicatorTable): UnodcPanel | null {
  if (rows.length === 0) return null;
  const first = Math.min(...rows.map((r) => r.year));
  const last = Math.max(...rows.map((r) => r.year));
  const years = Array.from({ length: last - first + 1 }, (_, i) => first + i);
  const value = (r: UnodcFigure): UnodcValue => ({ value: r.value, sourceRow: r.sourceRow });
  const held = UNODC_INDICATORS.filter((ind) => rows.some((r) => r.indicator === ind));
  const series = held
    .map((indicator) => {
      const totals = rows.filter((r) => r.indicator === indicator && r.dimension === TOTAL && r.category === TOTAL && r.sex === TOTAL && r.age === TOTAL);
      return {
        indicator,
        byYear: years.map((y) => {
          const v = totals.filter((r) => r.year === y).map(value);
          return v.length ? v : null;
        }),
      };
    })
    .filter((s) => s.byYear.some((v) => v !== null));
  const group = (list: UnodcFigure[]): UnodcBreakdownRow[] => {
    const out = new Map<string, UnodcBreakdownRow>();
    for (const r of list) {
      const key = `${r.year}\0${r.category}\0${r.sex}\0${r.age}`;
      const row = out.get(key) ?? { year: r.year, category: r.category, sex: r.sex, age: r.age, values: [] };
      row.values.push(value(r));
      out.set(key, row);
    }
    return [...out.values()].sort((a, b) => a.year - b.year);
  };
  const breakdowns = held
    .map((indicator) => ({
      indicator,
      bySexAge: group(rows.filter((r) => r.indicator === indicator && r.dimension === TOTAL && r.category === TOTAL && (r.sex !== TOTAL || r.age !== TOTAL))),
      byForm: group(rows.filter((r) => r.indicator === indicator && r.dimension === 'by form of exploitation')),
    }))
    .filter((b) => b.bySexAge.length || b.byForm.length);
  const beside: UnodcPanel['beside'] = [];
  for (const s of series) {
    const kind = REPORT_COUNTERPART[s.indicator];
    const row = kind && indicators?.rows.find((r) => r.kind === kind);
    if (!row || !indicators) continue;
    s.byYear.forEach((v, i) => {
      const year = years[i]!;
      const col = indicators.years.indexOf(year + 1);
      const fact = col >= 0 ? row.cells[col] : null;
      if (v && fact) beside.push({ indicator: s.indicator, year, unodc: v, report: { reportYear: fact.reportYear, kind: fact.kind, valueText: fact.valueText, anchor: fact.anchor } });
    });
  }
  return {
    source: UNODC_SOURCE,
    years,
    series,
    breakdowns,
    otherRows: rows.filter((r) => r.dimension !== TOTAL && r.dimension !== 'by form of exploitation').length,
    beside,
  };
}

/** The context panels of a country's profile. */
export function countryContext(store: Store, countryId: string, indicators?: IndicatorTable): CountryContext {
  return { goods: goodsPanel(store.goods({ countryId })), unodc: unodcPanel(store.unodcFigures(countryId), indicators) };
}

/** The goods on the List with how many countries each is listed for (a facet; countries, not kinds, are counted). */
export function goodsFacet(store: Store): { good: string; countries: number }[] {
  const by = new Map<string, Set<string>>();
  for (const g of store.goods()) {
    const key = g.good;
    by.set(key, (by.get(key) ?? new Set()).add(g.countryId));
  }
  return [...by].map(([good, ids]) => ({ good, countries: ids.size })).sort((a, b) => a.good.localeCompare(b.good, 'en'));
}

/** The countries a good is listed for, with the kinds; undefined when no good of that name (any case) is listed. */
export function countriesWithGood(store: Store, good: string): { good: string; kinds: Map<string, string[]> } | undefined {
  const rows = store.goods({ good });
  if (rows.length === 0) return undefined;
  return { good: rows[0]!.good, kinds: new Map(rows.map((g) => [g.countryId, goodKinds(g)])) };
}
