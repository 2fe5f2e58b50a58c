/** The indicator records (see ../indicators.ts). */
import type { SectionKind, Span } from '../../domain/index.js';

export type IndicatorKind =
  | 'investigations'
  | 'prosecutions'
  | 'convictions'
  | 'sentences'
  | 'official-complicity'
  | 'victims-identified'
  | 'victims-referred'
  | 'victims-assisted';

export const INDICATOR_KINDS: readonly IndicatorKind[] = [
  'investigations',
  'prosecutions',
  'convictions',
  'sentences',
  'official-complicity',
  'victims-identified',
  'victims-referred',
  'victims-assisted',
];

export const INDICATOR_LABELS: Record<IndicatorKind, string> = {
  investigations: 'Investigations',
  prosecutions: 'Prosecutions',
  convictions: 'Convictions',
  sentences: 'Sentences',
  'official-complicity': 'Official complicity',
  'victims-identified': 'Victims identified',
  'victims-referred': 'Victims referred to care',
  'victims-assisted': 'Victims assisted',
};

export type IndicatorUnit = 'cases' | 'persons' | 'victims' | 'officials';

export interface IndicatorValue {
  value: number | null;
  /** As written: "24", "four", "1,634", "unreported". */
  valueText: string;
}

export interface Indicator extends IndicatorValue {
  kind: IndicatorKind;
  /** `count`: a number is stated; `none-reported`: the text says none were reported (or none took place). */
  status: 'count' | 'none-reported';
  unit: IndicatorUnit | null;
  /** "investigated 14 cases involving 22 suspects": the 22 suspects. */
  secondary?: IndicatorValue & { unit: IndicatorUnit };
  /** For sentences: the terms imposed ("between three and 12 years' imprisonment"). */
  detail?: string;
  /** The previous period's value, when the sentence states it. */
  previous: (IndicatorValue & { period: string }) | null;
  /** "for the second consecutive year" → 2. */
  consecutiveYears: number | null;
  /** The sentence, as normalised in the section's text. */
  sentence: string;
  section: SectionKind;
  /** Where the sentence lies in the section's text. */
  sectionOffset: Span;
  /** Where the sentence lies in the document's text, when the document text was available. */
  span?: Span;
}
