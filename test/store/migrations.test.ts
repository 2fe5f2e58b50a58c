import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { checkMigrationList, MIGRATIONS } from '../../src/store/sqlite/migrations.js';

/**
 * Shipped migrations never change: databases in the field have run them. Each shipped migration's SQL is pinned
 * here by its sha256; a new migration is appended with its own line. Editing a shipped one fails this test.
 */
const SHIPPED: Record<number, string> = {
  1: 'a3f1722572a55422',
  2: 'a5884841e0730df0',
  3: 'da348d59a0f4a360',
  4: '4f4ef1347acc3981',
  5: '4e7a6e6b68259d68',
  6: '6ce7ca5a1d45e464',
  7: 'b5bfa9c083a1a105',
  8: 'cbb1bb557d12d343',
  9: 'a752ad310847521a',
};

describe('schema migrations', () => {
  it('are numbered 1, 2, 3, … with a name and SQL each', () => {
    expect(() => checkMigrationList(MIGRATIONS)).not.toThrow();
  });

  it('every shipped migration is unchanged (sha256 of its SQL)', () => {
    for (const m of MIGRATIONS) {
      const pinned = SHIPPED[m.version];
      expect(pinned, `migration ${m.version} (${m.name}) has no pinned checksum: add one when it ships`).toBeDefined();
      expect(createHash('sha256').update(m.sql).digest('hex').slice(0, 16), `migration ${m.version} was edited`).toBe(pinned);
    }
  });
});
