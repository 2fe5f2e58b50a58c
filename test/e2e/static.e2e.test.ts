/**
 * The static export (`tip-atlas export`) served by Debian's nginx with deploy/nginx.conf, against the Node server
 * over the same database: the same pages, a crawl of every link with none broken, the search with filters and the
 * compare page for any choice in the browser, and no console error. The site is the small fictional one
 * (test/helpers/siteStore.ts), so that the whole of it is exported and crawled.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { serve } from '@hono/node-server';
import type { Browser, Page } from 'playwright-core';
import { chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SqliteStore } from '../../src/store/index.js';
import { createApp } from '../../src/web/app.js';
import { exportSite } from '../../src/web/site/exportSite.js';
import { NGINX, NO_NGINX_REASON, startNginx, type StaticServer } from '../helpers/nginx.js';
import { openFictionalSite } from '../helpers/siteStore.js';

const CHROMIUM = '/usr/bin/chromium';
const SKIP = !existsSync(CHROMIUM) ? `${CHROMIUM} is absent: end-to-end tests skipped` : !NGINX ? NO_NGINX_REASON : '';
if (SKIP) console.warn(SKIP);

describe.skipIf(Boolean(SKIP))(`the static export served by nginx${SKIP ? ` (${SKIP})` : ''}`, () => {
  let store: SqliteStore;
  let dataDir: string;
  let out: string;
  let nginx: StaticServer;
  let node: { url: string; close(): Promise<void> };
  let browser: Browser;
  const consoleErrors: string[] = [];

  beforeAll(async () => {
    ({ store, dir: dataDir } = openFictionalSite());
    out = mkdtempSync(path.join(tmpdir(), 'tip-atlas-static-'));
    await exportSite(store, path.join(out, 'www'), { compare: [['XMR', 'XEX']] });
    nginx = await startNginx(path.join(out, 'www'));
    const app = createApp(store);
    const server = await new Promise<ReturnType<typeof serve>>((resolve) => {
      const s = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, () => resolve(s));
    });
    node = {
      url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
      close: () => new Promise<void>((r) => server.close(() => r())),
    };
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--no-first-run', '--disable-component-update', '--disable-sync'],
    });
  }, 180_000);
  afterAll(async () => {
    await browser?.close();
    await nginx?.stop();
    await node?.close();
    store?.close();
    rmSync(out, { recursive: true, force: true });
    rmSync(dataDir, { recursive: true, force: true });
  });

  async function open(url: string, javaScriptEnabled = true): Promise<Page> {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, javaScriptEnabled });
    const page = await context.newPage();
    page.on('console', (m) => {
      if (m.type() === 'error') consoleErrors.push(`${url}: ${m.text()} (${m.location().url})`);
    });
    page.on('pageerror', (e) => consoleErrors.push(`${url}: ${e.message}`));
    await page.goto(url);
    return page;
  }

  it('shows the same pages as the server', async () => {
    for (const p of ['/', '/?year=2020', '/countries', '/countries/XMR', '/countries/XMR/2021', '/countries/XMR/diff/2022/2023', '/years', '/years/2023', '/compare?c=XMR,XEX', '/data', '/api']) {
      const fromNginx = await open(nginx.url + p);
      const fromNode = await open(node.url + p);
      expect(await fromNginx.title(), p).toBe(await fromNode.title());
      // The static copy's API page begins with a note on what needs the server.
      const main = (await fromNginx.locator('main').innerText()).replace(/^This is a static copy of the site:[^\n]*\n+/, '');
      expect(main, p).toBe(await fromNode.locator('main').innerText());
      await fromNginx.context().close();
      await fromNode.context().close();
    }
  }, 240_000);

  it('has no broken link: a crawl of every page from the map', async () => {
    const seen = new Set<string>(['/']);
    const queue = ['/'];
    const broken: string[] = [];
    const brokenOnServerToo: string[] = [];
    let pages = 0;
    while (queue.length) {
      const url = queue.shift()!;
      const res = await fetch(nginx.url + url);
      if (res.status !== 200) {
        await res.arrayBuffer();
        // A link the server does not answer either is the fictional site's (its years before 2019 are not held,
        // the API page's examples name real countries): not the export's. /search.json needs a server (said on /api).
        const server = await fetch(node.url + url);
        await server.arrayBuffer();
        if (server.status !== 200) brokenOnServerToo.push(url);
        else if (!url.startsWith('/search.json')) broken.push(`${url}: ${res.status}`);
        continue;
      }
      if (!(res.headers.get('Content-Type') ?? '').startsWith('text/html')) {
        await res.arrayBuffer();
        continue;
      }
      pages++;
      const text = await res.text();
      for (const m of text.matchAll(/\s(?:href|src|action)="([^"]+)"/g)) {
        const link = new URL(m[1]!.replace(/&amp;/g, '&'), nginx.url + url);
        if (link.origin !== nginx.url) continue;
        const key = link.pathname + link.search;
        if (!seen.has(key)) {
          seen.add(key);
          queue.push(key);
        }
      }
    }
    expect(broken.slice(0, 20)).toEqual([]);
    expect(pages).toBeGreaterThan(60);
    expect(seen.size).toBeGreaterThan(250);
    console.info(`crawl: ${seen.size} addresses, ${pages} pages, 0 broken; ${brokenOnServerToo.length} linked addresses the server does not answer either`);
  }, 300_000);

  it('searches in the browser, with the facets as filters', async () => {
    const page = await open(`${nginx.url}/search?q=shelters`);
    await page.locator('.pagefind-ui__result').first().waitFor({ timeout: 20_000 });
    // Pagefind shows results as their fragments load: wait for both countries' hits before reading the list.
    await page.waitForFunction(
      () => {
        const hrefs = Array.from(document.querySelectorAll('.pagefind-ui__result-link')).map((a) => a.getAttribute('href') ?? '');
        return hrefs.some((h) => h.startsWith('/countries/XEX/')) && hrefs.some((h) => h.startsWith('/countries/XMR/'));
      },
      undefined,
      { timeout: 20_000 },
    );
    const all = await page.locator('.pagefind-ui__result-link').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
    expect(all.some((h) => h?.startsWith('/countries/XEX/'))).toBe(true);
    expect(all.some((h) => h?.startsWith('/countries/XMR/'))).toBe(true);
    // Filter on Examplia's region.
    await page.locator('summary.pagefind-ui__filter-name', { hasText: 'Region' }).click();
    await page.getByLabel(/^Europe/).check();
    // The list empties while the filtered results load: wait for a non-empty list of Examplia's pages only.
    await page.waitForFunction(
      () => {
        const links = Array.from(document.querySelectorAll('.pagefind-ui__result-link'));
        return links.length > 0 && links.every((a) => a.getAttribute('href')!.startsWith('/countries/XEX/'));
      },
      undefined,
      { timeout: 20_000 },
    );
    const filtered = await page.locator('.pagefind-ui__result-link').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
    expect(filtered.length).toBeGreaterThan(0);
    await page.locator('.pagefind-ui__result-link').first().click();
    await page.waitForURL(/\/countries\/XEX\/\d{4}/);
    await page.context().close();
    const noJs = await open(`${nginx.url}/search?q=shelters`, false);
    expect(await noJs.locator('main').innerText()).toMatch(/needs JavaScript/);
    expect(await noJs.locator('main a[href="/data/assessments.json"]').count()).toBe(1);
    await noJs.context().close();
  });

  it('compares any choice in the browser from the exported twins, and says what works without JavaScript', async () => {
    const page = await open(`${nginx.url}/compare?c=XQU,XMR,Examplia`);
    await page.locator('#static-compare tbody tr').nth(2).waitFor({ timeout: 20_000 });
    expect(await page.locator('#static-compare table').count()).toBe(1);
    expect(await page.locator('#static-compare h3 a').allInnerTexts()).toEqual(['Quuxland', 'Mirovia', 'Examplia']);
    expect(await page.locator('#compare-c').inputValue()).toBe('XQU,XMR,Examplia');
    await page.context().close();
    const noJs = await open(`${nginx.url}/compare?c=XQU,XMR`, false);
    expect(await noJs.locator('main').innerText()).toMatch(/without JavaScript it can show only the comparisons exported/);
    await noJs.locator('main a[href="/compare?c=XMR,XEX"]').click();
    expect(await noJs.locator('svg.compare-chart .cmp-series').count()).toBe(2);
    await noJs.context().close();
  });

  it('logged no console error', async () => {
    // Chromium asks every site for /favicon.ico; while the server has none, its 404 is not the export's.
    const favicon = await fetch(`${node.url}/favicon.ico`);
    await favicon.arrayBuffer();
    const errors = favicon.status === 200 ? consoleErrors : consoleErrors.filter((e) => !e.includes('/favicon.ico'));
    expect(errors.slice(0, 10)).toEqual([]);
  });
});
