import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { classifyRecommendation, learnAbbreviations } from '../../src/analysis/pillars.js';
import { recommendationFeatures } from '../../src/analysis/recommendationTracking.js';
import { extractIndicators } from '../../src/analysis/indicators.js';
import { tokenize } from '../../src/analysis/text.js';
import { splitSentences } from '../../src/text/index.js';
import { countryFromTitle, parseText } from '../../src/ingest/index.js';
import { findCountryHeadings } from '../../src/ingest/headings.js';
import { parseRobots, robotsAllows } from '../../src/ingest/fetch/index.js';
import { readTierStatement } from '../../src/ingest/compliance.js';
import { findReportYears } from '../../src/ingest/reportYear.js';
import { excerptOf, locateInOriginal, normalizeText } from '../../src/text/index.js';
import { decodeBytes, detectFormat, htmlToText } from '../../src/ingest/toText/index.js';
import { declaredCharset } from '../../src/ingest/toText/html.js';
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
  // "None reported" clauses without a full stop: each one's clause was read to the end of the sentence (quadratic).
  'none-reported': 'did not report any convictions - ',
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

/**
 * Inputs that the runs above do not reach: a heading line with a run just under the 400-character limit for heading
 * lines (the time per line must grow linearly with the run: 38 → 380 is ×10, where the old heading patterns went
 * cubic), many such lines (N → 10N), lines read whatever their length (the wrapped "Watch List" after a Tier 2
 * heading), patterns that a remote robots.txt writes, page titles and report-name lines after a heading.
 * Each case builds a small and a large input; the large one may take at most ×40 the small one's time (×10 linear).
 */
const HEADING_LINES: Record<string, (run: string) => string> = {
  'tier alone, then a run': (r) => `Tier 2${r}x`,
  'colon heading, a run after the tier': (r) => `EXAMPLIA: Tier 2${r}x`,
  'paren heading, a run inside': (r) => `EXAMPLIA (Tier 2${r}x`,
  'paren heading, a run before the paren': (r) => `EXAMPLIA${r}(Tier 2) x`,
  'paren heading, a run in the tail': (r) => `EXAMPLIA (Tier 2) (${r}x`,
  'tier with a watch, then a run': (r) => `(Tier 2 watch${r}x)`,
  'tier in parentheses, a run before the star': (r) => `(Tier 2${r}*x`,
  'special case, a run after the colon': (r) => `Special Case:${r}x`,
};
const HEADING_RUN_UNITS = [' ', '\u00a0', '\t', '-', ' -'];

function lines(line: string, n: number): string {
  return `${line}\n`.repeat(n);
}

const GROWTH: Record<string, { small: () => string; large: () => string; call: (input: string) => unknown }> = {};
for (const [shape, build] of Object.entries(HEADING_LINES)) {
  for (const unit of HEADING_RUN_UNITS) {
    const label = JSON.stringify(unit);
    const call = (text: string) => findCountryHeadings(text, fictionalLookup);
    // The run grows ×10 within a line that stays under the 400-character limit.
    GROWTH[`heading line "${shape}", run of ${label} 38 → 380, 300 lines`] = {
      small: () => lines(build(run(unit, 38)), 300),
      large: () => lines(build(run(unit, 380)), 300),
      call,
    };
    // The file grows ×10.
    GROWTH[`heading line "${shape}", run of ${label} 380, 300 → 3,000 lines`] = {
      small: () => lines(build(run(unit, 380)), 300),
      large: () => lines(build(run(unit, 380)), 3000),
      call,
    };
  }
}
for (const [name, unit] of Object.entries({ space: ' ', nbsp: '\u00a0', hyphen: '-', 'space-hyphen': ' -' })) {
  // The line after a `Tier 2` heading is read as a wrapped "Watch List" whatever its length.
  GROWTH[`the line after a Tier 2 heading, "watch" + a run of ${name}, 10k → 100k`] = {
    small: () => `EXAMPLIA: Tier 2\n watch${run(unit, 10_000)}x\n`,
    large: () => `EXAMPLIA: Tier 2\n watch${run(unit, 100_000)}x\n`,
    call: (text) => findCountryHeadings(text, fictionalLookup),
  };
  GROWTH[`a page title with a run of ${name}, 10k → 100k`] = {
    small: () => `Examplia${run(unit, 10_000)}x`,
    large: () => `Examplia${run(unit, 100_000)}x`,
    call: (title) => countryFromTitle(title, fictionalLookup),
  };
  GROWTH[`a meta charset with a run of ${name}, 400 → 4,000 characters`] = {
    small: () => `<meta charset=${run(unit, 400)}`,
    large: () => `<meta charset=${run(unit, 4000)}`,
    call: (html) => declaredCharset(Buffer.from(html, 'latin1')),
  };
}
GROWTH['a robots.txt pattern of many *, 10 → 100 of them'] = {
  small: () => `/${'a*'.repeat(10)}b`,
  large: () => `/${'a*'.repeat(100)}b`,
  call: (rule) => robotsAllows(parseRobots(`User-agent: *\nDisallow: ${rule}\n`, 'x'), `/${'a'.repeat(300)}`),
};
GROWTH['HTML comments before the doctype, 1k → 10k of them'] = {
  small: () => `${'<!--a-->'.repeat(1000)}x`,
  large: () => `${'<!--a-->'.repeat(10_000)}x`,
  call: (html) => detectFormat(Buffer.from(html), 'x.html'),
};
// A line of words that only name the report after each heading ("U.S.", "Dept."): 4 → 16 of them (80 characters).
for (const word of ['U.S. ', 'Dept. ']) {
  const narratives = (n: number) =>
    `2023 Trafficking in Persons Report\n\n${Array.from({ length: 60 }, () => `EXAMPLIA: Tier 2\n${word.repeat(n)}x\n\nThe government made efforts.\n`).join('\n')}`;
  GROWTH[`a line of "${word.trim()}" after each of 60 headings, 4 → 13–15 words`] = {
    small: () => narratives(Math.floor(16 / 4)),
    large: () => narratives(Math.floor(79 / word.length)), // a line of at most 80 characters is read
    call: (text) => parseText(text, 'growth.txt', 'x', { lookup: fictionalLookup }),
  };
}
GROWTH['a tier statement with "Tier 2" and a run before "Watch List", 10k → 100k'] = {
  small: () => `Examplia therefore remained on Tier 2${run(' ', 10_000)}x.`,
  large: () => `Examplia therefore remained on Tier 2${run(' ', 100_000)}x.`,
  call: (s) => readTierStatement(s),
};

describe('heading lines, unbounded lines and hostile patterns take linear time', () => {
  for (const [name, { small, large, call }] of Object.entries(GROWTH)) {
    it(name, () => {
      const s = small();
      const l = large();
      call(s); // warm up
      const tSmall = best(() => call(s));
      const tLarge = best(() => call(l));
      expect(tLarge, `small ${tSmall.toFixed(1)} ms → large ${tLarge.toFixed(1)} ms`).toBeLessThanOrEqual(40 * Math.max(tSmall, 2));
    });
  }
});
