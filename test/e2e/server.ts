import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { serve } from '@hono/node-server';
import type { Store } from '../../src/store/index.js';
import { createApp } from '../../src/web/app.js';
import { openSeededStore } from '../helpers/webStore.js';

export interface TestServer {
  url: string;
  store: Store;
  seeded: boolean;
  close(): Promise<void>;
}

/** The site on a free loopback port, over a temporary database file (with the seed imported when available). */
export async function startServer(): Promise<TestServer> {
  const dir = mkdtempSync(path.join(tmpdir(), 'tip-atlas-e2e-'));
  const { store, seeded } = await openSeededStore(path.join(dir, 'e2e.db'));
  const app = createApp(store);
  const server = await new Promise<ReturnType<typeof serve>>((resolve) => {
    const s = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, () => resolve(s));
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    store,
    seeded,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => {
          store.close();
          rmSync(dir, { recursive: true, force: true });
          resolve();
        });
      }),
  };
}
