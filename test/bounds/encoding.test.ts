import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseDocument, sha256Of } from '../../src/ingest/index.js';
import { decodeBytes, scanUtf8 } from '../../src/ingest/toText/text.js';
import { fictionalLookup } from '../fixtures/countries.js';
import { HAVE_CORPUS, NO_CORPUS_REASON, SEED_FILE } from '../helpers/shared.js';

/** `bytes` with `count` invalid bytes (0xFF never occurs in UTF-8), after spaces in long lines. */
function damage(bytes: Buffer, count: number): { bytes: Buffer; offsets: number[] } {
  const parts: Buffer[] = [];
  const offsets: number[] = [];
  let from = 0;
  let out = 0;
  for (let line = 0; line < bytes.length && offsets.length < count; ) {
    const end = bytes.indexOf(10, line) === -1 ? bytes.length : bytes.indexOf(10, line);
    // After the first and the tenth space of a long line (prose, never a heading).
    for (let space = bytes.indexOf(32, line), n = 1; end - line > 100 && space !== -1 && space < end && n <= 10 && offsets.length < count; space = bytes.indexOf(32, space + 1), n++) {
      if (n !== 1 && n !== 10) continue;
      parts.push(bytes.subarray(from, space + 1), Buffer.from([0xff]));
      out += space + 1 - from;
      offsets.push(out);
      out += 1;
      from = space + 1;
    }
    line = end + 1;
  }
  parts.push(bytes.subarray(from));
  return { bytes: Buffer.concat(parts), offsets };
}

async function parse(bytes: Buffer, lookup = fictionalLookup) {
  return parseDocument({ origin: 'damaged.txt', bytes, sha256: sha256Of(bytes) }, { lookup });
}

describe('text that is mostly valid UTF-8 is read as UTF-8, with the invalid bytes named', () => {
  const fixture = readFileSync(new URL('../fixtures/narratives/fictonia-2022-publisher.txt', import.meta.url));

  it('scans invalid sequences as runs, with their byte offsets', () => {
    const s = scanUtf8(Buffer.from([0x61, 0xe2, 0x80, 0x99, 0xff, 0xfe, 0x62, 0xc3, 0x28, 0xed, 0xa0, 0x80]));
    // FF FE is one run; C3 before '(' is a truncated sequence; ED A0 80 is a surrogate, invalid in UTF-8.
    expect(s).toEqual({ invalidAt: [4, 7, 9], invalidRuns: 3, validMultibyte: 1 });
  });

  it('a few bad bytes in UTF-8 text: UTF-8 with a warning, no mojibake', () => {
    const text = 'The Government of Mirovia’s “plan” — adopted — was not funded.\n';
    const bytes = Buffer.concat([Buffer.from(text), Buffer.from([0xff]), Buffer.from(text)]);
    const d = decodeBytes(bytes);
    expect(d.encoding).toBe('utf-8');
    expect(d.text).toContain('Mirovia’s “plan” — adopted');
    expect(d.text).not.toMatch(/â€/);
    expect(d.warning).toBe(
      `an invalid UTF-8 byte sequence at byte offset ${Buffer.byteLength(text)}: the text is read as UTF-8 (its other 10 non-ASCII characters are valid), each invalid sequence shown as \ufffd`,
    );
  });

  it('Windows-1252 text (no valid multi-byte sequence) stays Windows-1252, without a warning', () => {
    const d = decodeBytes(Buffer.from('It\x92s the \x93plan\x94 \x97 C\xf4te d\x92Ivoire.\n', 'latin1'));
    expect(d).toEqual({ text: 'It’s the “plan” — Côte d’Ivoire.\n', encoding: 'windows-1252' });
  });

  it('a fictional narrative with bad bytes parses as the clean one, plus the warning', async () => {
    const withQuotes = Buffer.from(fixture.toString('utf8').replace(/'/g, '’'));
    const { bytes, offsets } = damage(withQuotes, 5);
    expect(offsets).toHaveLength(5);
    const clean = await parse(withQuotes);
    const damaged = await parse(bytes);
    expect(damaged.warnings[0]?.message).toMatch(new RegExp(`^5 invalid UTF-8 byte sequences at byte offsets ${offsets.join(', ')}: the text is read as UTF-8`));
    expect(damaged.text).not.toMatch(/â€/);
    expect(damaged.assessments.map((a) => a.sections.map((s) => s.kind))).toEqual(clean.assessments.map((a) => a.sections.map((s) => s.kind)));
  });

  it.skipIf(!HAVE_CORPUS)(`the seed page with 13 bad bytes: its warning, no mojibake, no extra section${HAVE_CORPUS ? '' : ` (${NO_CORPUS_REASON})`}`, async () => {
    const seed = readFileSync(SEED_FILE);
    const { bytes, offsets } = damage(seed, 13);
    expect(offsets).toHaveLength(13);
    const { defaultLookup } = await import('../../src/ingest/index.js');
    const clean = await parse(seed, defaultLookup);
    const damaged = await parse(bytes, defaultLookup);
    expect(damaged.warnings.map((w) => w.message)).toContainEqual(expect.stringMatching(new RegExp(`^13 invalid UTF-8 byte sequences at byte offsets ${offsets.slice(0, 10).join(', ')}, …: the text is read as UTF-8`)));
    expect(damaged.text).not.toMatch(/â€/);
    expect(damaged.text).toContain('’');
    expect(damaged.assessments[0]!.sections.map((s) => s.kind)).toEqual(clean.assessments[0]!.sections.map((s) => s.kind));
  });
});
