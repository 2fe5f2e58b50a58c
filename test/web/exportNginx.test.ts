/**
 * deploy/nginx-subfolder.conf serving an export made with `--base-path /tip-atlas` (Debian's nginx, started here on
 * a loopback port; skipped when absent): pages, JSON twins, assets, an address with a query, the 404 page, and a
 * crawl that stays under /tip-atlas and finds broken exactly what the same export at the root (deploy/nginx.conf)
 * finds broken (links the server does not answer either: test/e2e/static.e2e.test.ts compares that one with it).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SqliteStore } from '../../src/store/index.js';
import { exportSite } from '../../src/web/site/exportSite.js';
import { DEPLOY_SUBFOLDER_CONF, NGINX, NO_NGINX_REASON, startNginx, type StaticServer } from '../helpers/nginx.js';
import { openFictionalSite } from '../helpers/siteStore.js';

if (!NGINX) console.warn(NO_NGINX_REASON);
const BASE = '/tip-atlas';

/** Every same-origin address linked from the pages reachable from `start`, with the status nginx answers. */
async function crawl(origin: string, start: string): Promise<Map<string, number>> {
  const status = new Map<string, number>([[start, 0]]);
  const queue = [start];
  while (queue.length) {
    const url = queue.shift()!;
    const res = await fetch(origin + url, { redirect: 'manual' });
    status.set(url, res.status);
    if (res.status !== 200 || !(res.headers.get('Content-Type') ?? '').startsWith('text/html')) {
      await res.arrayBuffer();
      continue;
    }
    for (const m of (await res.text()).matchAll(/\s(?:href|src|action)="([^"]+)"/g)) {
      const link = new URL(m[1]!.replace(/&amp;/g, '&'), origin + url);
      const key = link.pathname + link.search;
      if (link.origin === origin && !status.has(key)) {
        status.set(key, 0);
        queue.push(key);
      }
    }
  }
  return status;
}

describe.skipIf(!NGINX)(`an export in a subfolder served by deploy/nginx-subfolder.conf${NGINX ? '' : ` (${NO_NGINX_REASON})`}`, () => {
  let store: SqliteStore;
  let dataDir: string;
  let out: string;
  let sub: StaticServer;
  let root: StaticServer;

  beforeAll(async () => {
    ({ store, dir: dataDir } = openFictionalSite());
    out = mkdtempSync(path.join(tmpdir(), 'tip-atlas-subfolder-'));
    const compare = [['XMR', 'XEX']];
    await exportSite(store, path.join(out, 'www', 'tip-atlas'), { basePath: BASE, compare });
    await exportSite(store, path.join(out, 'rootsite'), { compare });
    sub = await startNginx(path.join(out, 'www'), { conf: DEPLOY_SUBFOLDER_CONF, probe: `${BASE}/robots.txt` });
    root = await startNginx(path.join(out, 'rootsite'));
  }, 120_000);
  afterAll(async () => {
    await sub?.stop();
    await root?.stop();
    store?.close();
    rmSync(out, { recursive: true, force: true });
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('serves pages, twins, assets, a query and the 404 page under the folder', async () => {
    const get = async (p: string) => {
      const res = await fetch(sub.url + p, { redirect: 'manual' });
      return { status: res.status, type: res.headers.get('Content-Type') ?? '', location: res.headers.get('Location'), text: await res.text() };
    };
    for (const p of ['/', '/countries', '/countries/XMR', '/countries/XMR/', '/countries/XMR/2021', '/years/2023', '/compare?c=XMR,XEX', '/search']) {
      const r = await get(BASE + p);
      expect(r.status, p).toBe(200);
      expect(r.type, p).toMatch(/^text\/html/);
      expect(r.text, p).toContain(`href="${BASE}/assets/style.css"`);
    }
    expect((await get(`${BASE}/countries/XMR.json`)).type).toMatch(/^application\/json/);
    expect((await get(`${BASE}/countries/XMR/indicators.csv`)).type).toMatch(/^text\/csv/);
    expect((await get(`${BASE}/assets/style.css`)).type).toMatch(/^text\/css/);
    expect((await get(`${BASE}/compare?c=XMR,XEX`)).text).toContain('XEX');
    const missing = await get(`${BASE}/countries/NOPE`);
    expect(missing.status).toBe(404);
    expect(missing.text).toContain(`href="${BASE}/`);
    expect((await get(`${BASE}/.tip-atlas-export.json`)).status).toBe(404);
    const bare = await get(BASE);
    expect([bare.status, new URL(bare.location ?? '', sub.url).pathname]).toEqual([301, `${BASE}/`]);
  });

  it('has every link under the folder, broken only where the same export at the root is', async () => {
    const inSub = await crawl(sub.url, `${BASE}/`);
    const atRoot = await crawl(root.url, '/');
    const outside = [...inSub.keys()].filter((u) => u !== BASE && !u.startsWith(`${BASE}/`));
    expect(outside).toEqual([]);
    const unprefixed = new Map([...inSub].map(([u, s]) => [u.slice(BASE.length), s]));
    expect([...unprefixed.keys()].sort()).toEqual([...atRoot.keys()].sort());
    const differs = [...atRoot].filter(([u, s]) => unprefixed.get(u) !== s).map(([u, s]) => `${u}: ${s} at the root, ${unprefixed.get(u)} in the folder`);
    expect(differs).toEqual([]);
    expect(atRoot.size).toBeGreaterThan(250);
  }, 120_000);
});
