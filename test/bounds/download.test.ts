import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDerivingStore } from '../helpers/derivingStore.js';
import type { Store } from '../../src/store/index.js';
import { syntheticDocument } from '../fixtures/syntheticDocument.js';
import { createApp } from '../../src/web/app.js';

/** A database file (not in memory), as the server has: its download is copied in a worker and streamed from disk. */
describe('the database download is a snapshot file per version, streamed from disk', () => {
  let dir: string;
  let store: Store;
  let app: ReturnType<typeof createApp>;
  const snapshotsIn = () => readdirSync(dir).filter((f) => f.startsWith('tip-atlas-download-')).flatMap((d) => readdirSync(join(dir, d)));

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'tip-atlas-download-test-'));
    store = openDerivingStore(join(dir, 'atlas.db'));
    store.importDocument(syntheticDocument([{ countryId: 'TJK', reportYear: 2023, tier: 'Tier 2' }]));
    app = createApp(store, { snapshotDir: dir });
  });
  afterAll(() => {
    store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  async function download(): Promise<Buffer> {
    const res = await app.request('/data/tip-atlas.sqlite');
    expect(res.status).toBe(200);
    const bytes = Buffer.from(await res.arrayBuffer());
    expect(res.headers.get('content-length')).toBe(String(bytes.length));
    return bytes;
  }

  it('ten downloads at once share one build of one file, a consistent database that opens without -wal', async () => {
    const all = await Promise.all(Array.from({ length: 10 }, download));
    expect(snapshotsIn()).toHaveLength(1);
    for (const b of all) expect(b.equals(all[0]!)).toBe(true);
    expect(all[0]!.subarray(0, 16).toString('latin1')).toBe('SQLite format 3\u0000');
    expect([all[0]![18], all[0]![19]]).toEqual([1, 1]); // rollback journal, not WAL
    const copy = new Database(all[0]!);
    expect(copy.prepare("SELECT tier FROM assessments WHERE country_id = 'TJK'").pluck().get()).toBe('Tier 2');
    copy.close();
  });

  it('an import makes a new snapshot, and the older file goes', async () => {
    const before = await download();
    store.importDocument(syntheticDocument([{ countryId: 'UZB', reportYear: 2023, tier: 'Tier 3' }]));
    const after = await download();
    expect(after.equals(before)).toBe(false);
    expect(snapshotsIn()).toHaveLength(1);
    const copy = new Database(after);
    expect(copy.prepare("SELECT tier FROM assessments WHERE country_id = 'UZB'").pluck().get()).toBe('Tier 3');
    copy.close();
  });

  it('HEAD gives the size without a body', async () => {
    const res = await app.request('/data/tip-atlas.sqlite', { method: 'HEAD' });
    expect(res.status).toBe(200);
    expect(Number(res.headers.get('content-length'))).toBeGreaterThan(0);
    expect((await res.arrayBuffer()).byteLength).toBe(0);
  });
});
