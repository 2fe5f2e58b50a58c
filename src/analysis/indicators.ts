/**
 * Indicators with evidence: the numbers (or the explicit "none") a narrative states about investigations,
 * prosecutions, convictions, victims identified, referred and assisted, official complicity and sentences — each
 * with the value as written ("four", "24", "1,634"), the previous period's value where the sentence gives it
 * ("compared with 53 in 2019"), "for the second consecutive year", and the sentence quoted with its section and
 * span. Rules over sentences, written from the reports' phrasing (indicators/: vocabulary, mentions, periods, extract);
 * derived when a narrative is imported (derive.ts) and read back here.
 * When in doubt nothing is reported: counts for other offenses ("two convictions for related offenses") are not
 * trafficking figures, and a "none" for part of the period ("After August 15, … did not investigate …") is not the
 * year's "none".
 */
import type { SectionKind } from '../domain/index.js';
import { SECTION_TITLES } from '../domain/index.js';
import { formatCsv } from '../domain/csv.js';
import type { Store, StoredAssessment } from '../store/types.js';
import { ordinal } from './text.js';
import { countryNarratives, narrativeFacts } from './derive.js';
import type { Indicator, IndicatorKind } from './indicators/types.js';
import { INDICATOR_KINDS, INDICATOR_LABELS } from './indicators/types.js';

export type { Indicator, IndicatorKind, IndicatorUnit, IndicatorValue } from './indicators/types.js';
export { INDICATOR_KINDS, INDICATOR_LABELS } from './indicators/types.js';
export { extractIndicators, indicatorsInSentence, MAX_SENTENCE_CHARS, sectionIndicators } from './indicators/extract.js';

export interface IndicatorFact extends Indicator {
  reportYear: number;
  /** The document the narrative was read from. */
  document: { id: number; publicUrl: string | null; sha256: string };
  /** Anchor of the fact on the country page (`ind-2023-convictions-1`). */
  anchor: string;
}

export interface IndicatorTable {
  /** Report years with a narrative, oldest first. */
  years: number[];
  rows: {
    kind: IndicatorKind;
    label: string;
    /** One cell per year (same order as `years`): the fact shown, or null. */
    cells: (IndicatorFact | null)[];
  }[];
  /** Every fact found, by year then order in the narrative. */
  facts: IndicatorFact[];
}

/** The section where a kind's figure is normally given; facts from it are preferred over the summary's. */
const HOME_SECTION: Record<IndicatorKind, SectionKind> = {
  investigations: 'prosecution',
  prosecutions: 'prosecution',
  convictions: 'prosecution',
  sentences: 'prosecution',
  'official-complicity': 'prosecution',
  'victims-identified': 'protection',
  'victims-referred': 'protection',
  'victims-assisted': 'protection',
};

function rankFact(f: IndicatorFact): number {
  return (f.status === 'count' ? 0 : 2) + (f.section === HOME_SECTION[f.kind] ? 0 : 1);
}

/** Indicators of one stored narrative (derived at import: derive.ts). */
export function assessmentIndicators(store: Store, a: StoredAssessment): Indicator[] {
  return narrativeFacts(store, a).indicators;
}

/** A country's indicators over every narrative held: a table (kinds × years) and every fact. */
export function countryIndicators(store: Store, countryId: string, narratives?: StoredAssessment[]): IndicatorTable {
  const all = narratives ?? countryNarratives(store, countryId);
  const facts: IndicatorFact[] = [];
  for (const a of all) {
    const counters = new Map<IndicatorKind, number>();
    for (const ind of assessmentIndicators(store, a)) {
      const n = (counters.get(ind.kind) ?? 0) + 1;
      counters.set(ind.kind, n);
      facts.push({
        ...ind,
        reportYear: a.reportYear,
        document: { id: a.document.id, publicUrl: a.document.publicUrl, sha256: a.document.sha256 },
        anchor: `ind-${a.reportYear}-${ind.kind}-${n}`,
      });
    }
  }
  const years = all.map((a) => a.reportYear);
  const rows = INDICATOR_KINDS.map((kind) => ({
    kind,
    label: INDICATOR_LABELS[kind],
    cells: years.map((y) => {
      const candidates = facts.filter((f) => f.reportYear === y && f.kind === kind);
      candidates.sort((x, z) => rankFact(x) - rankFact(z));
      return candidates[0] ?? null;
    }),
  })).filter((r) => r.cells.some((c) => c !== null));
  return { years, rows, facts };
}

/** How a fact reads in a table cell: "24 victims", "none reported (2nd consecutive year)". */
export function indicatorCellText(f: Pick<Indicator, 'status' | 'valueText' | 'value' | 'unit' | 'consecutiveYears' | 'detail' | 'kind'>): string {
  if (f.status === 'none-reported') {
    return f.consecutiveYears && f.consecutiveYears > 1 ? `none reported (${ordinal(f.consecutiveYears)} consecutive year)` : 'none reported';
  }
  if (f.kind === 'sentences') return f.detail ?? f.valueText;
  const unit = f.unit === 'cases' ? (f.value === 1 ? ' case' : ' cases') : f.unit === 'officials' ? (f.value === 1 ? ' official' : ' officials') : f.unit === 'persons' ? (f.value === 1 ? ' person' : ' persons') : '';
  return `${f.valueText}${unit}`;
}

export const INDICATOR_CSV_HEADER = [
  'country_id',
  'report_year',
  'indicator',
  'status',
  'value',
  'value_text',
  'unit',
  'secondary_value',
  'secondary_unit',
  'detail',
  'previous_value',
  'previous_text',
  'previous_period',
  'consecutive_years',
  'section',
  'sentence',
  'document',
  'document_sha256',
  'span_start',
  'span_end',
] as const;

/** Every fact as CSV, one row per fact. */
export function indicatorsCsv(countryId: string, table: IndicatorTable): string {
  const rows = table.facts.map((f) => [
    countryId,
    f.reportYear,
    f.kind,
    f.status,
    f.value,
    f.valueText,
    f.unit,
    f.secondary?.value,
    f.secondary?.unit,
    f.detail,
    f.previous?.value,
    f.previous?.valueText,
    f.previous?.period,
    f.consecutiveYears,
    SECTION_TITLES[f.section].toLowerCase(),
    f.sentence,
    f.document.publicUrl ?? '',
    f.document.sha256,
    f.span?.start,
    f.span?.end,
  ]);
  return formatCsv([[...INDICATOR_CSV_HEADER], ...rows], { neutralizeFormulas: true });
}

