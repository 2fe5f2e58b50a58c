import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { classifyRecommendation, learnAbbreviations } from '../../src/analysis/pillars.js';
import { recommendationFeatures } from '../../src/analysis/recommendationTracking.js';
import { extractIndicators } from '../../src/analysis/indicators.js';
import { tokenize } from '../../src/analysis/text.js';
import { splitSentences } from '../../src/text/index.js';
import { parseText } from '../../src/ingest/index.js';
import { readTierStatement } from '../../src/ingest/compliance.js';
import { findReportYears } from '../../src/ingest/reportYear.js';
import { excerptOf, locateInOriginal, normalizeText } from '../../src/text/index.js';
import { decodeBytes, detectFormat, htmlToText } from '../../src/ingest/toText/index.js';
import { parseSearchQuery, queryWords } from '../../src/store/search.js';
import { fictionalLookup } from '../fixtures/countries.js';

/**
 * Every function that runs regular expressions over imported text or a query, fed runs of 10k and 100k of each
 * character class: the time may grow about linearly (×10), never quadratically (×100). Ratios, not absolute times,
 * so the test holds on a slow or busy machine; each time is the best of three, with a 2 ms floor for the small input.
 */

const FIXTURE = readFileSync(new URL('../fixtures/multiyear/examplia-2023.txt', import.meta.url), 'utf8');
const AT = FIXTURE.indexOf('The government increased law enforcement efforts.');

/** Runs of one character class, and short patterns repeated (what a hostile or broken file holds). */
const RUNS: Record<string, string> = {
  space: ' ',
  tab: '\t',
  nbsp: '\u00a0',
  newline: '\n',
  'space-newline': ' \n',
  'blank-lines': '\n\n',
  lower: 'a',
  upper: 'A',
  digit: '7',
  period: '.',
  hyphen: '-',
  'word-hyphen': 'a- ',
  asterisk: '*',
  quote: '"',
  'curly-quote': '\u2019',
  paren: '(',
  semicolon: ';',
  comma: ',',
  'zero-width': '\u200b',
  'lt-tag': '<',
  amp: '&',
  'sentence': 'Ab. ',
  'number-list': '1, ',
  'word-space': 'trafficking ',
  'tier-word': 'Tier ',
  'bullet': '\u2022 ',
};

function run(unit: string, n: number): string {
  return unit.repeat(Math.ceil(n / unit.length)).slice(0, n);
}

function best(fn: () => unknown): number {
  let min = Infinity;
  for (let i = 0; i < 3; i++) {
    const t = performance.now();
    fn();
    min = Math.min(min, performance.now() - t);
  }
  return min;
}

/** Entry points: each builds its input from a run and calls the code under test. */
const ENTRIES: Record<string, (r: string) => unknown> = {
  normalizeText: (r) => normalizeText(`Before ${r} after.\nNext line`),
  excerptOf: (r) => excerptOf(`${r}x`),
  locateInOriginal: (r) => locateInOriginal('after', `Before ${r} after`, 0),
  parseText: (r) => {
    const text = `${FIXTURE.slice(0, AT)}${r}\n\n${FIXTURE.slice(AT)}`;
    return parseText(text, 'growth.txt', 'x', { lookup: fictionalLookup });
  },
  // The line after a `Tier 2` heading is read as a wrapped "Watch List" (found by the fuzz: a run of NBSPs there).
  'parseText (after a tier heading)': (r) =>
    parseText(FIXTURE.replace('EXAMPLIA: Tier 2 Watch List\n', `EXAMPLIA: Tier 2\n${r}\n`), 'growth.txt', 'x', { lookup: fictionalLookup }),
  'parseText (end)': (r) => parseText(`${FIXTURE}\n${r}`, 'growth.txt', 'x', { lookup: fictionalLookup }),
  htmlToText: (r) => htmlToText(`<html><head><title>T ${r}</title></head><body><main><p>${r}</p><p>x ${r} y</p></main></body></html>`),
  decodeBytes: (r) => decodeBytes(Buffer.from(`Text ${r}\r\n`)),
  detectFormat: (r) => detectFormat(Buffer.from(`${r}<html>`), 'x.html'),
  findReportYears: (r) => findReportYears(`2023 ${r} Trafficking in Persons Report`),
  readTierStatement: (r) => readTierStatement(`The Government of Examplia does not fully meet ${r} therefore remained on Tier 2.`),
  splitSentences: (r) => splitSentences(`One sentence. ${r} Another one.`),
  tokenize: (r) => tokenize(`word ${r} word`),
  extractIndicators: (r) =>
    extractIndicators({
      reportYear: 2023,
      sections: [{ kind: 'prosecution', heading: 'PROSECUTION', text: `Authorities investigated 12 cases ${r} and convicted 3.`, span: { start: 0, end: 1 } }],
    } as never),
  classifyRecommendation: (r) => classifyRecommendation(`Increase ${r} investigations and prosecutions.`),
  learnAbbreviations: (r) => learnAbbreviations(`the Anti-Trafficking Unit (ATU) ${r} (ATU)`),
  recommendationFeatures: (r) => recommendationFeatures(`Train judges ${r} on victim-centered approaches.`),
  parseSearchQuery: (r) => {
    try {
      return parseSearchQuery(`labor ${r} trafficking`);
    } catch {
      return undefined; // a malformed query is an input error: only its time matters here
    }
  },
  queryWords: (r) => queryWords(`labor ${r} trafficking`),
};

describe('text handling takes linear time on long runs of every character class', () => {
  for (const [name, entry] of Object.entries(ENTRIES)) {
    it(name, () => {
      const slow: string[] = [];
      for (const [cls, unit] of Object.entries(RUNS)) {
        const small = run(unit, 10_000);
        const large = run(unit, 100_000);
        entry(small); // warm up
        const t10 = best(() => entry(small));
        const t100 = best(() => entry(large));
        // Linear growth is ×10; quadratic is ×100. ×40 leaves room for GC and a shared machine.
        if (t100 > 40 * Math.max(t10, 2)) slow.push(`${cls}: 10k ${t10.toFixed(1)} ms → 100k ${t100.toFixed(1)} ms`);
      }
      expect(slow).toEqual([]);
    });
  }
});
