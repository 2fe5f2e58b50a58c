/** Indicators read from one sentence, one section or one narrative, with the sentence's place in the text. */
import type { Section, SectionKind } from '../../domain/index.js';
import { parseNumber } from '../text.js';
import { makeLocator, splitSentences } from '../../text/index.js';
import type { Indicator } from './types.js';
import { HAS_NUMBER, NEGATION, NUM, rx } from './vocabulary.js';
import { comparisonSegments, consecutiveOf, countMentions, LEADING_CONSECUTIVE, mask, NON_TRAFFICKING, noneMentions, OTHER_COUNTS, periodOf, sentenceMentions, valueOf } from './mentions.js';
import { otherPeriod, partOfPeriod } from './periods.js';

/**
 * The indicators of one sentence (without section, offsets or span). With the report year, counts stated for
 * earlier years are left out.
 */
export function indicatorsInSentence(sentence: string, reportYear?: number): Omit<Indicator, 'section' | 'sectionOffset' | 'span' | 'sentence'>[] {
  const segs = comparisonSegments(sentence);
  const masked = mask(sentence, segs);
  const mentions = [...countMentions(masked, false, sentence), ...noneMentions(masked), ...sentenceMentions(masked)]
    .filter((m) => (m.status === 'count' ? !otherPeriod(masked, m, reportYear) : !partOfPeriod(masked, m, reportYear)))
    // "did not report any convictions for related offenses": not a trafficking figure.
    .filter((m) => m.status === 'count' || m.unit === 'victims' || !NON_TRAFFICKING.test(masked.slice(m.at, m.end)))
    .sort((a, b) => a.at - b.at);
  // Keep one mention per kind and value; a count beats "none" of the same kind in the same sentence.
  const kept = mentions.filter(
    (m, i) =>
      !(m.status === 'none-reported' && mentions.some((o) => o.kind === m.kind && o.status === 'count')) &&
      mentions.findIndex((o) => o.kind === m.kind && o.status === m.status && o.value.value === m.value.value) === i,
  );

  // Parenthetical previous values right after a mention: "(eight in 2019)", "(unreported in 2019)".
  for (const m of kept) {
    const after = sentence.slice(m.end, m.end + 60);
    const p = rx(`^(?:\\s+[\\w-]+){0,4}?\\s*\\((?:compared (?:with|to)\\s+)?(${NUM}|unreported|none|zero|not reported)\\s+((?:in|during)\\s+[^)]+)\\)`, 'i').exec(after);
    if (p) {
      const word = p[1]!.toLowerCase();
      const v = ['unreported', 'not reported'].includes(word) ? { value: null, valueText: p[1]! } : word === 'none' ? { value: 0, valueText: p[1]! } : valueOf(p[1]!);
      if (v) m.previous = { ...v, period: p[2]!.trim() };
    }
  }

  // Comparison segments: kind-specific values first, then bare numbers to the mentions before them in order.
  let lastSeg = -1;
  for (const seg of segs) {
    const period = periodOf(seg.text);
    const before = kept.filter((m) => m.at < seg.start && m.at > lastSeg);
    lastSeg = seg.start;
    if (/^the same (?:number )?as|^(?:a )?similar/i.test(seg.text)) {
      const target = before.at(-1);
      if (target && !target.previous) target.previous = { ...target.value, period };
      continue;
    }
    const specific = countMentions(seg.text, true, sentence).concat(countMentions(seg.text, false, sentence));
    const nounForms = specific.filter((x) => x.unit === 'cases' && /investigations?|prosecutions?|convictions?/i.test(seg.text));
    for (const sp of [...specific, ...nounForms]) {
      const target = kept.find((m) => m.kind === sp.kind && !m.previous);
      if (target) target.previous = { ...sp.value, period };
    }
    if (specific.length) continue;
    const nums = [...seg.text.matchAll(rx(`(?<![\\w,.])(${NUM})(?![\\w,]*\\d)(?!\\s+(?:[\\w-]+\\s+)?${OTHER_COUNTS})`, 'gi'))]
      .map((x) => x[1]!)
      .filter((x) => {
        const n = parseNumber(x);
        return n !== undefined && !(n >= 1990 && n <= 2100 && /^\d{4}$/.test(x));
      });
    const open = before.filter((m) => !m.previous);
    const targets = open.slice(Math.max(0, open.length - nums.length));
    targets.forEach((t, i) => {
      const v = valueOf(nums[i]!);
      if (v) t.previous = { ...v, period };
    });
  }
  // A count of years that opens the sentence ("For the second consecutive year, the government did not report …")
  // covers its none-reported mentions; one further on belongs to its own clause (see noneMentions).
  const consecutive = LEADING_CONSECUTIVE.test(sentence) ? consecutiveOf(sentence) : null;
  return kept.map((m) => ({
    kind: m.kind,
    status: m.status,
    value: m.value.value,
    valueText: m.value.valueText,
    unit: m.unit,
    ...(m.secondary ? { secondary: m.secondary } : {}),
    ...(m.detail ? { detail: m.detail } : {}),
    previous: m.previous,
    consecutiveYears: m.consecutiveYears ?? (m.status === 'none-reported' ? consecutive : null),
  }));
}

/** "This compared with …" sentences: the comparison belongs to the sentence before. */
const BACK_REFERENCE = /^(?:this|that|these|the (?:figure|number|total)s?)\s+(?:compared|compares|was|were|represented|represents|marked)\b/i;

/**
 * The longest sentence read for figures. A report's longest sentences run to ~900 characters (853 in the
 * corpus); a longer "sentence" is text without full stops (a table flattened, damaged bytes, a pasted run) where
 * the clause and phrase rules, each run per mention over the sentence, would cost mentions × length.
 */
export const MAX_SENTENCE_CHARS = 4_000;

/** Section kinds whose sentences can state indicators (everything but the recommendations). */
export const FACT_SECTIONS: ReadonlySet<SectionKind> = new Set(['summary', 'prosecution', 'protection', 'prevention', 'profile', 'government-efforts', 'note']);

/**
 * Every indicator a narrative states. With `text` (the document text the sections' spans point into) each
 * indicator also gets the span of its sentence in the document.
 */
export function extractIndicators(assessment: { sections: readonly Section[]; reportYear?: number }, text?: string): Indicator[] {
  return assessment.sections.flatMap((section) =>
    sectionIndicators(section, text === undefined ? undefined : text.slice(section.span.start, section.span.end), assessment.reportYear),
  );
}

/**
 * The indicators of one section; `original` is the document text of the section's span, when known;
 * `reportYear` leaves out counts stated for earlier years.
 */
export function sectionIndicators(section: Section, original?: string, reportYear?: number): Indicator[] {
  if (!FACT_SECTIONS.has(section.kind)) return [];
  const out: Indicator[] = [];
  const locate = original === undefined ? undefined : makeLocator(original, section.span.start);
  let previousSentence: Indicator[] = [];
  for (const s of splitSentences(section.text)) {
    if (s.text.length > MAX_SENTENCE_CHARS || (!HAS_NUMBER.test(s.text) && !NEGATION.test(s.text) && !/sentenc/i.test(s.text))) {
      previousSentence = [];
      continue;
    }
    const found = indicatorsInSentence(s.text, reportYear);
    if (found.length === 0 && BACK_REFERENCE.test(s.text)) {
      // "This compared with providing services to 987 victims during the previous reporting period."
      const period = periodOf(s.text);
      for (const sp of countMentions(s.text, true, s.text)) {
        const target = previousSentence.find((x) => x.kind === sp.kind && !x.previous);
        if (target) target.previous = { ...sp.value, period };
      }
      continue;
    }
    const span = locate?.(s.text);
    previousSentence = found.map((f) => ({
      ...f,
      sentence: s.text,
      section: section.kind,
      sectionOffset: { start: s.start, end: s.end },
      ...(span ? { span } : {}),
    }));
    out.push(...previousSentence);
  }
  return out;
}

// ---------------------------------------------------------------------------------------------------------
// Over a country's years
