import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { run } from '../../src/cli/main.js';
import { summaryText } from '../../src/cli/export.js';
import { createApp } from '../../src/web/app.js';
import { MANIFEST_FILE, exportSite, linkedQueries, normaliseBasePath } from '../../src/web/site/exportSite.js';
import type { ExportSummary } from '../../src/web/site/exportSite.js';
import { searchRecords } from '../../src/web/site/searchIndex.js';
import { withBasePath } from '../../src/web/site/staticPages.js';
import { fileFor, siteUrls } from '../../src/web/site/urls.js';
import { multiyearDocument } from '../fixtures/multiyear.js';
import { openFictionalSite } from '../helpers/siteStore.js';
import type { SqliteStore } from '../../src/store/index.js';

const NOW = () => new Date('2026-12-06T00:00:00Z');

/** Every file under a folder, relative, with `/`. */
function walk(root: string, rel = ''): string[] {
  return readdirSync(path.join(root, rel), { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? walk(root, path.posix.join(rel, e.name)) : [path.posix.join(rel, e.name)],
  );
}

/** The address a file of the export answers (the inverse of fileFor, for the files the app renders). */
function urlOf(rel: string): string {
  const m = /^__q\/(?:(.*)\/)?([^/]+)\/index\.[a-z]+$/.exec(rel);
  if (m) return `/${m[1] ?? ''}?${m[2]}`;
  if (rel === 'index.html') return '/';
  return `/${rel.replace(/\/index\.html$/, '')}`;
}

describe('fileFor: where each address lies in the static copy', () => {
  it('puts pages in folders, files as they are and queries under __q/', () => {
    expect(fileFor('/')).toBe('index.html');
    expect(fileFor('/countries/TJK')).toBe('countries/TJK/index.html');
    expect(fileFor('/countries/TJK.json')).toBe('countries/TJK.json');
    expect(fileFor('/countries/TJK/diff/2022/2023')).toBe('countries/TJK/diff/2022/2023/index.html');
    expect(fileFor('/data/tip-atlas.sqlite')).toBe('data/tip-atlas.sqlite');
    expect(fileFor('/compare?c=TJK,UZB')).toBe('__q/compare/c=TJK,UZB/index.html');
    expect(fileFor('/compare.json?c=TJK,UZB')).toBe('__q/compare.json/c=TJK,UZB/index.json');
    expect(fileFor('/?year=2012')).toBe('__q/year=2012/index.html');
    for (const bad of ['/a/../b', '/x?y=a/b', '/__q/x', `/x?${'a'.repeat(300)}`]) expect(fileFor(bad)).toBeUndefined();
    for (const u of ['/', '/countries/TJK', '/compare?c=TJK,UZB', '/?year=2012']) expect(urlOf(fileFor(u)!)).toBe(u);
  });

  it('prefixes site links for a subfolder, and only those', () => {
    const page = '<a href="/countries/TJK">x</a><a href="https://state.gov/">y</a><a href="#rec-1">z</a><a href="//cdn.example/x">w</a><form action="/compare"><script src="/assets/site.js">';
    expect(withBasePath(page, '/tip-atlas')).toBe(
      '<a href="/tip-atlas/countries/TJK">x</a><a href="https://state.gov/">y</a><a href="#rec-1">z</a><a href="//cdn.example/x">w</a><form action="/tip-atlas/compare"><script src="/tip-atlas/assets/site.js">',
    );
    expect(normaliseBasePath('/tip-atlas/')).toBe('/tip-atlas');
    expect(normaliseBasePath('')).toBe('');
    for (const bad of ['tip-atlas', '/a/../b', '/a b', 'https://x/']) expect(() => normaliseBasePath(bad)).toThrow(/base path/);
    expect(linkedQueries('<a href="/countries?region=EUR&amp;sort=tier#x">a</a><a href="/search?q=x">s</a><a href="/years">y</a>')).toEqual([
      '/countries?region=EUR&sort=tier',
    ]);
  });
});

describe('tip-atlas export of a small fictional site', () => {
  let store: SqliteStore;
  let root: string;
  let dir: string;
  let first: ExportSummary;

  beforeAll(async () => {
    root = openFictionalSite().dir;
    ({ store } = openFictionalSite(':memory:'));
    dir = path.join(root, 'site');
    first = await exportSite(store, dir, { compare: [['XMR', 'XEX']], now: NOW });
  }, 120_000);
  afterAll(() => {
    store.close();
    rmSync(root, { recursive: true, force: true });
  });

  it('writes every address of the site list, with pages as folders and JSON twins beside them', () => {
    expect(first.failed).toEqual([]);
    for (const u of siteUrls(store, { compare: [['XMR', 'XEX']] })) expect(existsSync(path.join(dir, fileFor(u.url)!)), u.url).toBe(true);
    for (const f of ['index.html', 'countries/XMR/index.html', 'countries/XMR.json', 'countries/XMR/2021/index.html', 'countries/XMR/2021.json',
      'countries/XMR/diff/2022/2023/index.html', 'countries/XMR/diff/2022/2023.json', 'countries/XEX/feed.atom', 'years/2023/index.html',
      'data/tier-placements.csv', 'data/tip-atlas.sqlite', 'api/openapi.json', 'feeds/changes.atom', '__q/compare/c=XMR,XEX/index.html',
      '__q/compare.json/c=XMR,XEX/index.json', 'search/index.html', '404.html', 'robots.txt', 'assets/export.js', 'pagefind/pagefind-ui.js', 'pagefind/pagefind-entry.json']) {
      expect(existsSync(path.join(dir, f)), f).toBe(true);
    }
    expect(existsSync(path.join(dir, 'sitemap.xml'))).toBe(false); // no --base-url: no absolute addresses to list
    expect(first.files).toBe(walk(dir).length - 1); // all but the manifest
    expect(first.written).toBe(first.files);
    expect(first.pages).toBe(walk(dir).filter((f) => f.endsWith('.html')).length);
    expect(summaryText('/srv/www', first)).toMatch(
      new RegExp(`^Exported ${first.files} files \\(${first.pages} pages, [\\d.]+ [KM]B\\) to /srv/www in [\\d.]+ s: ${first.files} written, 0 unchanged, 0 removed; ${first.rendered} addresses rendered; search index of ${first.searchRecords} passages\\.\nNo sitemap\\.xml: it needs absolute addresses \\(give --base-url\\)\\.\n$`),
    );
    // No temporary folder is left beside it.
    expect(readdirSync(root).filter((f) => f.startsWith('.'))).toEqual([]);
  });

  it('holds every JSON twin, CSV and feed byte for byte as the server answers it', async () => {
    const app = createApp(store, { now: NOW });
    const files = walk(dir).filter((f) => /\.(json|csv|atom)$/.test(f) && !f.startsWith('pagefind/') && f !== MANIFEST_FILE);
    expect(files.length).toBeGreaterThan(60);
    for (const f of files) {
      const res = await app.request(urlOf(f));
      expect(res.status, f).toBe(200);
      expect(Buffer.from(await res.arrayBuffer()).equals(readFileSync(path.join(dir, f))), f).toBe(true);
    }
  });

  it('holds every page as the server renders it, with only the static copy\'s script added', async () => {
    const app = createApp(store, { now: NOW });
    const pages = walk(dir).filter((f) => f.endsWith('.html') && !['search/index.html', '404.html', 'api/index.html'].includes(f) && !f.includes('compare'));
    for (const f of pages) {
      const served = await (await app.request(urlOf(f))).text();
      const exported = readFileSync(path.join(dir, f), 'utf8')
        .replace('<script src="/assets/export.js" defer></script>\n', '')
        .replace('<meta name="tip-atlas-variant" content="1">\n', '');
      expect(exported, f).toBe(served);
    }
  });

  it('has a search page, an index of every passage with the server\'s facets, and a compare page for any choice', () => {
    const records = [...searchRecords(store)];
    expect(first.searchRecords).toBe(records.length);
    const mirovia2021 = records.filter((r) => r.url.startsWith('/countries/XMR/2021#'));
    expect(mirovia2021.map((r) => r.filters.Section[0])).toContain('Recommendation');
    expect(mirovia2021[0]!.filters).toMatchObject({ 'Report year': ['2021'], Region: ['South and Central Asia'] });
    expect(mirovia2021[0]!.filters.Tier[0]).toMatch(/^Tier /);
    const search = readFileSync(path.join(dir, 'search/index.html'), 'utf8');
    expect(search).toContain('src="/pagefind/pagefind-ui.js"');
    expect(search).toMatch(/<noscript>[^]*needs JavaScript[^]*href="\/data\/assessments\.json"/);
    expect(readFileSync(path.join(dir, 'api/index.html'), 'utf8')).toMatch(/This is a static copy[^]*<code>\/search\.json<\/code>[^]*need the server/);
    const compare = readFileSync(path.join(dir, 'compare/index.html'), 'utf8');
    expect(compare).toMatch(/<noscript>[^]*href="\/compare\?c=XMR,XEX"/);
    expect(compare).toContain('id="static-compare"');
    const script = readFileSync(path.join(dir, 'assets/export.js'), 'utf8');
    expect(script).toContain('"/compare?c=XMR,XEX":"/__q/compare/c=XMR,XEX/"');
  });

  it('reruns: rewrites only what changed and removes what is gone', async () => {
    const before = statSync(path.join(dir, 'countries/XEX/2021/index.html')).ino;
    const same = await exportSite(store, dir, { compare: [['XMR', 'XEX']], now: NOW });
    expect(same).toMatchObject({ written: 0, removed: 0, unchanged: first.files, files: first.files });
    expect(statSync(path.join(dir, 'countries/XEX/2021/index.html')).ino).toBe(before);

    // Without the comparison, and with one more narrative of a new year.
    const { store: less, dir: lessDir } = openFictionalSite(':memory:', { mirovia: [2019, 2020, 2021, 2022], examplia: [2020, 2021, 2022, 2023] });
    try {
      const smaller = await exportSite(less, dir, { compare: [], now: NOW });
      expect(smaller.removed).toBeGreaterThanOrEqual(4); // the comparison's page and twin, the 2022→2023 diff
      expect(existsSync(path.join(dir, '__q/compare/c=XMR,XEX/index.html'))).toBe(false);
      expect(existsSync(path.join(dir, 'countries/XMR/diff/2022/2023.json'))).toBe(false);
      const examplia = statSync(path.join(dir, 'countries/XEX/2021/index.html')).ino;
      const mirovia = statSync(path.join(dir, 'countries/XMR/2023/index.html')).ino;
      less.importDocument(multiyearDocument('mirovia', 2023));
      const after = await exportSite(less, dir, { compare: [], now: NOW });
      expect(after.written).toBeGreaterThan(0);
      expect(after.unchanged).toBeGreaterThan(after.written / 4);
      expect(existsSync(path.join(dir, 'countries/XMR/diff/2022/2023.json'))).toBe(true);
      expect(statSync(path.join(dir, 'countries/XEX/2021/index.html')).ino).toBe(examplia); // Examplia's 2021 page: as it was
      expect(statSync(path.join(dir, 'countries/XMR/2023/index.html')).ino).not.toBe(mirovia); // now with the narrative
      const manifest = JSON.parse(readFileSync(path.join(dir, MANIFEST_FILE), 'utf8')) as { files: Record<string, string> };
      expect(Object.keys(manifest.files).length).toBe(after.files);
    } finally {
      less.close();
      rmSync(lessDir, { recursive: true, force: true });
    }
  }, 120_000);

  it('reruns after one import: renders only that country and what spans countries, and equals a fresh export', async () => {
    const { store: one, dir: oneDir } = openFictionalSite(':memory:', { mirovia: [2019, 2020, 2021, 2022], examplia: [2020, 2021, 2022, 2023] });
    const site = path.join(root, 'incremental');
    const fresh = path.join(root, 'fresh');
    try {
      const opts = { compare: [['XMR', 'XEX']], now: NOW };
      const full = await exportSite(one, site, opts);
      expect(full.keptCountries).toEqual([]);
      const again = await exportSite(one, site, opts);
      expect(again.keptCountries.sort()).toEqual(one.listCountries().map((c) => c.id).sort());
      expect(again).toMatchObject({ written: 0, removed: 0, files: full.files });
      expect(again.rendered).toBeLessThan(full.rendered / 2);

      const examplia2021 = statSync(path.join(site, 'countries/XEX/2021/index.html')).ino;
      one.importDocument(multiyearDocument('mirovia', 2023));
      const after = await exportSite(one, site, opts);
      expect(after.keptCountries).not.toContain('XMR');
      expect(after.keptCountries).toContain('XEX');
      expect(after.rendered).toBeLessThan(full.rendered);
      expect(statSync(path.join(site, 'countries/XEX/2021/index.html')).ino).toBe(examplia2021); // kept, not rendered
      expect(existsSync(path.join(site, 'countries/XMR/diff/2022/2023.json'))).toBe(true);

      // The same files, byte for byte, as an export made from scratch.
      const scratch = await exportSite(one, fresh, { ...opts, full: true });
      expect(scratch.keptCountries).toEqual([]);
      const manifest = (d: string) => (JSON.parse(readFileSync(path.join(d, MANIFEST_FILE), 'utf8')) as { files: Record<string, string> }).files;
      expect(manifest(site)).toEqual(manifest(fresh));
      expect(walk(site).sort()).toEqual(walk(fresh).sort());
    } finally {
      one.close();
      rmSync(oneDir, { recursive: true, force: true });
    }
  }, 120_000);

  it('serves a subfolder: every site link under --base-path, absolute addresses in feeds and the sitemap', async () => {
    const sub = path.join(root, 'sub');
    const s = await exportSite(store, sub, { basePath: '/tip-atlas', baseUrl: 'https://atlas.example.org', compare: [], now: NOW });
    expect(s.sitemap).toBe(true);
    for (const f of walk(sub).filter((x) => x.endsWith('.html'))) {
      const text = readFileSync(path.join(sub, f), 'utf8');
      expect(text.match(/\s(?:href|src|action)="\/(?!tip-atlas\/|\/)[^"]*"/g), f).toBeNull();
    }
    expect(readFileSync(path.join(sub, 'sitemap.xml'), 'utf8')).toContain('<loc>https://atlas.example.org/tip-atlas/countries/XMR/2021</loc>');
    expect(readFileSync(path.join(sub, 'robots.txt'), 'utf8')).toContain('Sitemap: https://atlas.example.org/tip-atlas/sitemap.xml');
    expect(readFileSync(path.join(sub, 'countries/XMR/feed.atom'), 'utf8')).toContain('href="https://atlas.example.org/tip-atlas/countries/XMR/');
    expect(readFileSync(path.join(sub, 'assets/export.js'), 'utf8')).toContain('var BASE = "/tip-atlas";');
  }, 120_000);

  it('refuses a folder that holds something else, and leaves it as it was', async () => {
    const other = path.join(root, 'other');
    mkdirSync(other);
    writeFileSync(path.join(other, 'notes.txt'), 'mine');
    await expect(exportSite(store, other, { now: NOW })).rejects.toThrow(/is not empty and holds no earlier export/);
    expect(readdirSync(other)).toEqual(['notes.txt']);
    await expect(exportSite(store, path.join(root, 'new'), { compare: [['XMR', 'Atlantis']] })).rejects.toThrow(/--compare XMR,Atlantis: unknown country: Atlantis/);
    expect(existsSync(path.join(root, 'new'))).toBe(false);
    expect(readdirSync(root).filter((f) => f.startsWith('.'))).toEqual([]);
  });
});

describe('the export command', () => {
  it('exports from a database file, with a summary line, and checks its flags', async () => {
    const { store, dir } = openFictionalSite('site.db');
    store.close();
    const out: string[] = [];
    const err: string[] = [];
    const io = { stdout: (s: string) => out.push(s), stderr: (s: string) => err.push(s), env: {}, cwd: dir, isTTY: false, countries: [] };
    try {
      expect(await run(['export', 'www', '--base-path', 'nope', '--db', 'site.db'], io)).toBe(2);
      expect(err.join('')).toMatch(/--base-path: the base path must be a folder/);
      expect(await run(['export', 'www', '--base-url', 'https://x.org/sub', '--db', 'site.db'], io)).toBe(2);
      expect(await run(['export', '--db', 'site.db'], io)).toBe(2);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
