import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { expect } from 'vitest';

/**
 * Compares a value with its golden file. A missing golden is written locally but fails under CI=true; a mismatch
 * writes `<name>-changed.json` beside it to look at (and to copy over the golden when the change is right).
 */
export function expectGolden(path: string, value: unknown): void {
  const json = JSON.stringify(value, null, 2) + '\n';
  const changed = path.replace(/\.json$/, '-changed.json');
  if (!existsSync(path)) {
    if (process.env.CI) throw new Error(`golden file ${path} is missing (run the tests locally to write it)`);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, json);
    return;
  }
  const expected = readFileSync(path, 'utf8');
  if (expected === json) {
    rmSync(changed, { force: true });
    return;
  }
  writeFileSync(changed, json);
  expect(JSON.parse(json), `output differs from ${path}; see ${changed}`).toEqual(JSON.parse(expected));
}
