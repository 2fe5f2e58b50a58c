import { describe, expect, it } from 'vitest';
import { locateInOriginal, makeLocator, normalizeText, readRegion, readReportYear, sentencePieces, splitSentences } from '../../src/text/index.js';

const texts = (s: string) => splitSentences(s).map((x) => x.text);

describe('one sentence splitter', () => {
  it('prose: ends at . ! ? before a capital, a digit or an opening quote, and at a line break; offsets are exact', () => {
    const s = 'Examplia convicted 12 traffickers. 40 victims were found! "Shelters" opened? Yes.\nA new line';
    const out = splitSentences(s);
    expect(out.map((x) => x.text)).toEqual(['Examplia convicted 12 traffickers.', '40 victims were found!', '"Shelters" opened?', 'Yes.', 'A new line']);
    for (const x of out) expect(s.slice(x.start, x.end)).toBe(x.text);
  });

  it('one list of abbreviations for both modes (the union of the two lists it replaces)', () => {
    // From the analyses' list (Gen., Col., Prof., et al.) and from ingest's (etc.): no break after any of them.
    for (const abbr of ['Gen.', 'Col.', 'Prof.', 'et al.', 'etc.', 'U.S.', 'No.', 'Art.', 'e.g.', 'J.']) {
      const s = `The report of ${abbr} Smith says so. Then more.`;
      expect(texts(s), abbr).toEqual([`The report of ${abbr} Smith says so.`, 'Then more.']);
      const pieces = sentencePieces(s, 0, s.length, { wrapped: true }).map((p) => s.slice(p.start, p.end).trim());
      expect(pieces, abbr).toEqual([`The report of ${abbr} Smith says so.`, 'Then more.']);
    }
  });

  it('wrapped: a line break does not end a sentence, sentences run together do, and a range is respected', () => {
    const s = 'xx Prosecute traffickers\nvigorously.Increase funding. Train judges.';
    const pieces = sentencePieces(s, 3, s.length - ' Train judges.'.length, { wrapped: true });
    expect(pieces.map((p) => s.slice(p.start, p.end))).toEqual(['Prosecute traffickers\nvigorously.', 'Increase funding.']);
    // Prose reads the same text at the line break and does not split the run-together sentence.
    expect(texts(s)).toEqual(['xx Prosecute traffickers', 'vigorously.Increase funding.', 'Train judges.']);
  });
});

describe('one locator of normalised text in the original', () => {
  const original = 'Intro.  The\u00a0government\nidentified 12\u200b victims. The government identified 12 victims.';
  it('finds a normalised piece despite changed white space and dropped invisible characters', () => {
    const piece = normalizeText('The\u00a0government\nidentified 12\u200b victims.');
    expect(piece).toBe('The government identified 12 victims.');
    const at = locateInOriginal(piece, original, 100)!;
    expect(original.slice(at.start - 100, at.end - 100)).toBe('The\u00a0government\nidentified 12\u200b victims.');
  });
  it('a locator finds repeated pieces in order, then falls back to the whole text', () => {
    const locate = makeLocator(original, 0);
    const first = locate('The government identified 12 victims.')!;
    const second = locate('The government identified 12 victims.')!;
    expect(second.start).toBeGreaterThan(first.end - 1);
    expect(locate('Intro.')).toEqual({ start: 0, end: 6 });
    expect(locate('not there')).toBeUndefined();
  });
});

describe('typed values', () => {
  it('report years: four digits in 2001–2030', () => {
    expect(readReportYear(' 2023 ')).toBe(2023);
    for (const bad of ['1999', '2031', '23', '2023a', '']) expect(readReportYear(bad)).toBeUndefined();
  });
  it('regions: by code or name, any case', () => {
    expect(readRegion('eur')).toBe('EUR');
    expect(readRegion('South and Central Asia')).toBe('SCA');
    expect(readRegion('Atlantis')).toBeUndefined();
  });
});
