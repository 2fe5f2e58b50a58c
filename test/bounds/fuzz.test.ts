import { describe, expect, it } from 'vitest';
import { runFuzz } from '../../scripts/fuzz.js';

/** A short seeded run of `npm run fuzz` (the long runs are made by hand: see the README). */
describe('fuzzed parser inputs', () => {
  it('a few hundred mutated fixtures: only input errors, none over the time budget', async () => {
    const res = await runFuzz({ count: 400, seconds: 5, seed: 20261206, budgetMs: 3000 });
    expect(res.inputs).toBeGreaterThan(20);
    expect(res.parsed + res.inputErrors).toBe(res.inputs);
    expect(res.unexpected).toEqual([]);
    expect(res.overBudget).toEqual([]);
  });
});
