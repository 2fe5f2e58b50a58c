import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseText } from '../../src/ingest/index.js';
import { fictionalLookup } from '../fixtures/countries.js';

const FIXTURE = readFileSync(new URL('../fixtures/multiyear/examplia-2023.txt', import.meta.url), 'utf8');
const parse = (text: string) => parseText(text, 'inline.txt', 'x', { lookup: fictionalLookup }).assessments[0]!;

describe('an inline section heading after the recommendations starts its section', () => {
  it('"PREVENTION: …" on the line after the list is the prevention section, not one more recommendation', () => {
    const clean = parse(FIXTURE);
    const at = FIXTURE.indexOf('\nPROSECUTION');
    const inline = parse(`${FIXTURE.slice(0, at)}\nPREVENTION: The government maintained prevention efforts. It funded a campaign.\n${FIXTURE.slice(at)}`);
    expect(inline.recommendations.map((r) => r.text)).toEqual(clean.recommendations.map((r) => r.text));
    const prevention = inline.sections.find((s) => s.kind === 'prevention');
    expect(prevention).toMatchObject({ heading: 'PREVENTION:', text: 'The government maintained prevention efforts. It funded a campaign.' });
  });

  it('a word in capitals with a colon inside a paragraph stays text', () => {
    const at = FIXTURE.indexOf('\nPROSECUTION');
    const a = parse(`${FIXTURE.slice(0, at)}\nTrain officials on PREVENTION: of forced labor.\n${FIXTURE.slice(at)}`);
    expect(a.sections.some((s) => s.kind === 'prevention' && s.heading === 'PREVENTION:')).toBe(false);
  });
});
