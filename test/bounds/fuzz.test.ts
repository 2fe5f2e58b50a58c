import { describe, expect, it } from 'vitest';
import { runFuzz } from '../../scripts/fuzz.js';
import { fuzzInput, fuzzSeeds } from '../../scripts/fuzz/inputs.js';

/** A short seeded run of `npm run fuzz` (the long runs are made by hand: see the README). */
describe('fuzzed parser inputs', () => {
  it('a few hundred mutated fixtures, parsed and derived: only input errors, none over the time budget', async () => {
    const res = await runFuzz({ count: 400, seconds: 5, seed: 20261206, budgetMs: 3000 });
    expect(res.inputs).toBeGreaterThan(20);
    expect(res.parsed + res.inputErrors).toBe(res.inputs);
    expect(res.unexpected).toEqual([]);
    expect(res.overBudget).toEqual([]);
  });

  it('input i is rebuilt from (seed, i) alone: the same bytes whatever was built before it', () => {
    const seeds = fuzzSeeds();
    const alone = fuzzInput(seeds, 7, 123);
    for (let i = 0; i < 123; i++) fuzzInput(seeds, 7, i);
    const after = fuzzInput(seeds, 7, 123);
    expect(after.bytes.equals(alone.bytes)).toBe(true);
    expect(after.mutation).toBe(alone.mutation);
    expect(fuzzInput(seeds, 8, 123).bytes.equals(alone.bytes)).toBe(false);
  });
});
