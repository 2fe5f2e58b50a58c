import { readdirSync, readFileSync } from 'node:fs';
import { describe, it } from 'vitest';
import { parseText, sha256Of } from '../../src/ingest/index.js';
import { fictionalLookup } from '../fixtures/countries.js';
import { expectGolden } from '../helpers/golden.js';

const FIXTURES = new URL('../fixtures/narratives/', import.meta.url);
const GOLDEN = new URL('../golden/', import.meta.url);
/** Fixtures whose text does not name its report year, parsed as a user would with --year. */
const YEAR_OPTION: Record<string, number> = { 'two-countries-2019.txt': 2019 };

describe('golden: fictional narratives in the real layouts', () => {
  for (const file of readdirSync(FIXTURES).filter((f) => f.endsWith('.txt')).sort()) {
    it(file, () => {
      const bytes = readFileSync(new URL(file, FIXTURES));
      const year = YEAR_OPTION[file];
      const doc = parseText(bytes.toString('utf8'), `test/fixtures/narratives/${file}`, sha256Of(bytes), {
        lookup: fictionalLookup,
        ...(year ? { year } : {}),
      });
      const { text: _text, ...rest } = doc;
      expectGolden(new URL(file.replace(/\.txt$/, '.json'), GOLDEN).pathname, rest);
    });
  }
});
