/**
 * Compiles the context facts (`data/goods.csv`, `data/unodc.csv`) from `context/` of the research data; used by
 * compile-data.ts (`--check` covers them). Pure: text in, text out, problems collected.
 *
 * Every row either resolves to a registry country by its ISO3 code (UNODC) or its name (the List), or is
 * reported as not resolving and left out; the counts are checked: shipped + reported = rows read. A problem
 * (a bad flag, count, year or column, a duplicate good) fails the run.
 */
import { findCountry, getCountryById } from '../src/countries/index.js';
import { formatCsv, parseCsvRecords } from '../src/domain/csv.js';
import { GOODS_SOURCE, UNODC_AGES, UNODC_DIMENSIONS, UNODC_INDICATORS, UNODC_SEXES, UNODC_SOURCE, UNODC_VALUE } from '../src/domain/context.js';

/** Spellings of the List that the registry does not hold and that are no names anyone else uses. */
export const GOODS_SOURCE_NAMES: Readonly<Record<string, string>> = {
  'Turkey (Türkiye)': 'Türkiye',
};

export const GOODS_COLUMNS = ['good', 'sector', 'country', 'child_labor', 'forced_labor', 'forced_child_labor', 'derived_labor_exploitation', 'derived_country'];
export const UNODC_COLUMNS = ['Iso3_code', 'Country', 'Region', 'Subregion', 'Indicator', 'Dimension', 'Category', 'Sex', 'Age', 'Year', 'Unit of measurement', 'txtVALUE', 'Source'];

export interface ContextInput {
  goods: string;
  unodc: string;
}

/** Rows that did not resolve to a registry country, grouped by what the source wrote. */
export interface Unresolved {
  file: string;
  /** `ISO3 | name` (UNODC) or the name (the List). */
  what: string;
  rows: number;
}

export interface ContextOutput {
  goods: string;
  unodc: string;
  /** Rows left out because their country is not in the registry (reported, never silently dropped). */
  unresolved: Unresolved[];
  /** Rows kept by their ISO3 code whose UNODC name does not resolve to that code through the registry. */
  nameNotes: string[];
  stats: {
    goodsRead: number;
    goodsShipped: number;
    goodsCountries: number;
    unodcRead: number;
    unodcShipped: number;
    unodcCountries: number;
  };
}

const YES_NO = new Set(['Yes', 'No']);

/** Pure: validates the context files and returns the shipped CSV texts, or pushes onto `problems`. */
export function compileContext(input: ContextInput, problems: string[]): ContextOutput | undefined {
  const before = problems.length;
  const unresolved = new Map<string, Unresolved>();
  const unresolvedRow = (file: string, what: string) => {
    const key = `${file}\0${what}`;
    const u = unresolved.get(key) ?? { file, what, rows: 0 };
    u.rows++;
    unresolved.set(key, u);
  };

  // ── The List of Goods ─────────────────────────────────────────────────────────────────────────────────────
  const gsrc = GOODS_SOURCE.sourceFile;
  const g = parseCsvRecords(input.goods);
  const gMissing = GOODS_COLUMNS.filter((c) => !g.header.includes(c));
  if (gMissing.length) problems.push(`${gsrc}: missing column(s) ${gMissing.join(', ')}`);
  const goods: (string | number)[][] = [];
  const goodsSeen = new Map<string, number>();
  if (!gMissing.length) {
    g.records.forEach((r, i) => {
      const line = i + 2;
      const where = `${gsrc} record ${line} (${r.good}, ${r.country})`;
      const name = r.country ?? '';
      const country = findCountry(GOODS_SOURCE_NAMES[name] ?? name);
      const flags = ['child_labor', 'forced_labor', 'forced_child_labor', 'derived_labor_exploitation'].map((k) => r[k] ?? '');
      const bad = flags.find((f) => !YES_NO.has(f));
      if (bad !== undefined) return problems.push(`${where}: a flag is "${bad}", not Yes or No`);
      if (!(r.good ?? '').trim() || !(r.sector ?? '').trim()) return problems.push(`${where}: empty good or sector`);
      const derived = r.derived_country ?? '';
      if (derived !== 'No' && !findCountry(derived)) return problems.push(`${where}: derived_country "${derived}" is neither No nor a country`);
      if (!country) return unresolvedRow(gsrc, name);
      const key = `${country.id}\0${r.good}`;
      const first = goodsSeen.get(key);
      if (first !== undefined) return problems.push(`${where}: the same good and country as record ${first}`);
      goodsSeen.set(key, line);
      goods.push([country.id, r.good!, r.sector!, ...flags, derived, name, line]);
    });
  }
  goods.sort((a, b) => String(a[0]).localeCompare(String(b[0])) || String(a[1]).localeCompare(String(b[1]), 'en'));

  // ── UNODC ────────────────────────────────────────────────────────────────────────────────────────────────
  const usrc = UNODC_SOURCE.sourceFile;
  const u = parseCsvRecords(input.unodc.replace(/^\uFEFF/, ''));
  const uMissing = UNODC_COLUMNS.filter((c) => !u.header.includes(c));
  if (uMissing.length) problems.push(`${usrc}: missing column(s) ${uMissing.join(', ')}`);
  const unodc: (string | number)[][] = [];
  const nameNotes = new Set<string>();
  const nameOf = new Map<string, string>();
  const known = (list: readonly string[], v: string) => list.includes(v);
  if (!uMissing.length) {
    u.records.forEach((r, i) => {
      const line = i + 2;
      const code = r.Iso3_code ?? '';
      const name = r.Country ?? '';
      const where = `${usrc} record ${line} (${code || name})`;
      const fail = (m: string) => problems.push(`${where}: ${m}`);
      // The dropped columns must be constant (or one name per code), so that dropping them loses nothing.
      if (r['Unit of measurement'] !== 'Counts') return fail(`unit "${r['Unit of measurement']}", not Counts`);
      if (r.Source !== 'GLOTIP') return fail(`source "${r.Source}", not GLOTIP`);
      const seenName = nameOf.get(code);
      if (seenName !== undefined && seenName !== name) return fail(`two names for ${code}: "${seenName}" and "${name}"`);
      nameOf.set(code, name);
      const year = Number(r.Year);
      if (!/^\d{4}$/.test(r.Year ?? '') || year < 1990 || year > 2100) return fail(`bad year "${r.Year}"`);
      const value = r.txtVALUE ?? '';
      if (!UNODC_VALUE.test(value)) return fail(`value "${value}" is neither a count nor <5`);
      if (!known(UNODC_INDICATORS, r.Indicator ?? '')) return fail(`unknown indicator "${r.Indicator}"`);
      if (!known(UNODC_DIMENSIONS, r.Dimension ?? '')) return fail(`unknown dimension "${r.Dimension}"`);
      if (!known(UNODC_SEXES, r.Sex ?? '')) return fail(`unknown sex "${r.Sex}"`);
      if (!known(UNODC_AGES, r.Age ?? '')) return fail(`unknown age "${r.Age}"`);
      const country = /^[A-Z]{3}$/.test(code) ? getCountryById(code) : undefined;
      if (!country || country.id !== code) return unresolvedRow(usrc, `${code || '(no code)'} | ${name || '(no name)'}`);
      const byName = findCountry(name);
      if (byName?.id !== code) nameNotes.add(`${code}: "${name}" ${byName ? `resolves to ${byName.id}` : 'is not a name the registry knows'}; kept by its code`);
      unodc.push([code, year, r.Indicator!, r.Dimension!, r.Category!, r.Sex!, r.Age!, value, line]);
    });
  }

  const unresolvedList = [...unresolved.values()].sort((a, b) => a.file.localeCompare(b.file) || a.what.localeCompare(b.what));
  const reported = (file: string) => unresolvedList.filter((x) => x.file === file).reduce((n, x) => n + x.rows, 0);
  if (problems.length === before) {
    if (goods.length + reported(gsrc) !== g.records.length) {
      problems.push(`${gsrc}: ${g.records.length} rows read, ${goods.length} shipped and ${reported(gsrc)} reported`);
    }
    if (unodc.length + reported(usrc) !== u.records.length) {
      problems.push(`${usrc}: ${u.records.length} rows read, ${unodc.length} shipped and ${reported(usrc)} reported`);
    }
  }
  if (problems.length > before) return undefined;

  return {
    goods: formatCsv([
      ['country_id', 'good', 'sector', 'child_labor', 'forced_labor', 'forced_child_labor', 'derived_labor_exploitation', 'derived_country', 'country_name_in_source', 'source_row'],
      ...goods,
    ]),
    unodc: formatCsv([['country_id', 'year', 'indicator', 'dimension', 'category', 'sex', 'age', 'value', 'source_row'], ...unodc]),
    unresolved: unresolvedList,
    nameNotes: [...nameNotes].sort(),
    stats: {
      goodsRead: g.records.length,
      goodsShipped: goods.length,
      goodsCountries: new Set(goods.map((r) => r[0])).size,
      unodcRead: u.records.length,
      unodcShipped: unodc.length,
      unodcCountries: new Set(unodc.map((r) => r[0])).size,
    },
  };
}
