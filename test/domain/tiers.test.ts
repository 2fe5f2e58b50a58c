import { describe, expect, it } from 'vitest';
import { movementBetween, parseTierLabel, tierFromCode } from '../../src/domain/tiers.js';

describe('parseTierLabel', () => {
  const cases: [string, string | undefined, boolean?][] = [
    ['Tier 1', 'Tier 1'],
    ['TIER 2', 'Tier 2'],
    ['(Tier 2)', 'Tier 2'],
    ['Tier 2 Watch List', 'Tier 2 Watch List'],
    ['TIER 2 - WATCH LIST', 'Tier 2 Watch List'],
    ['tier 2 watch-list', 'Tier 2 Watch List'],
    ['2WL', 'Tier 2 Watch List'],
    ['Tier 3*', 'Tier 3', true],
    ['special case', 'Special Case'],
    ['SPECIAL\u00a0CASE', 'Special Case'],
    ['Tier 4', undefined],
    ['Tier 3 Watch List', undefined],
    ['Watch List', undefined],
    ['', undefined],
  ];
  for (const [label, tier, asterisk] of cases) {
    it(`"${label}" → ${tier ?? 'nothing'}`, () => {
      const r = parseTierLabel(label);
      expect(r?.tier).toBe(tier);
      if (r) expect(r.asterisk).toBe(asterisk ?? false);
    });
  }
});

describe('movements', () => {
  it('tells upgrades, downgrades, re-entries and Special Cases apart', () => {
    expect(movementBetween('Tier 2', 'Tier 1').kind).toBe('upgraded');
    expect(movementBetween('Tier 2', 'Tier 2 Watch List').kind).toBe('downgraded');
    expect(movementBetween('Tier 2 Watch List', 'Tier 3').kind).toBe('downgraded');
    expect(movementBetween('Tier 3', 'Tier 3').kind).toBe('remained');
    expect(movementBetween(null, 'Tier 2').kind).toBe('entered');
    expect(movementBetween('Tier 3', 'Special Case').kind).toBe('special-case');
    expect(movementBetween('Special Case', 'Tier 3').kind).toBe('left-special-case');
  });
  it('reads tier codes and names', () => {
    expect(tierFromCode('2wl')).toBe('Tier 2 Watch List');
    expect(tierFromCode('Tier 3')).toBe('Tier 3');
    expect(tierFromCode('sc')).toBe('Special Case');
    expect(tierFromCode('4')).toBeUndefined();
  });
});
