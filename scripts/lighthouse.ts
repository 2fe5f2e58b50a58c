/**
 * Lighthouse scores of the site's main page types (home, a profile, a year page, search, compare), mobile profile
 * (Lighthouse's default: a mid-range phone, throttled), run with Debian's chromium.
 *
 *   npx tsx scripts/lighthouse.ts [--db PATH] [--country TJK] [--year 2023] [--query labor] [--compare TJK,UZB,KAZ]
 *
 * Serves the site from the database given (default: a fresh one with the shipped facts only) on a free loopback
 * port, runs `lighthouse` (the dev dependency, 12.2.3: the last for Node 20) once per page, and prints a Markdown
 * table of the four category scores. Goals (issue 15): accessibility 100, best practices, SEO and performance ≥ 95.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { serve } from '@hono/node-server';
import { openSqliteStore } from '../src/store/index.js';
import { createApp } from '../src/web/app.js';

const run = promisify(execFile);
const CHROME = process.env.CHROME_PATH ?? '/usr/bin/chromium';

function flag(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] ? process.argv[i + 1]! : fallback;
}

const dir = mkdtempSync(path.join(tmpdir(), 'tip-atlas-lighthouse-'));
const store = openSqliteStore(flag('db', path.join(dir, 'lighthouse.db')));
const app = createApp(store);
const server = await new Promise<ReturnType<typeof serve>>((resolve) => {
  const s = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, () => resolve(s));
});
const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
const pages: [string, string][] = [
  ['home', '/'],
  ['profile', `/countries/${flag('country', 'TJK')}`],
  ['year', `/years/${flag('year', '2023')}`],
  ['search', `/search?q=${encodeURIComponent(flag('query', 'labor'))}`],
  ['compare', `/compare?c=${flag('compare', 'TJK,UZB,KAZ')}`],
];
const CATEGORIES = ['performance', 'accessibility', 'best-practices', 'seo'] as const;

console.log(`| page | address | ${CATEGORIES.join(' | ')} | TBT ms | LCP ms |`);
console.log(`|---|---|${CATEGORIES.map(() => '---:').join('|')}|---:|---:|`);
let failed = false;
try {
  for (const [name, p] of pages) {
    const out = path.join(dir, `${name}.json`);
    try {
      await run(
        'npx',
        ['lighthouse', base + p, '--quiet', '--output', 'json', '--output-path', out, '--chrome-flags=--headless --no-sandbox --disable-gpu --disable-background-networking'],
        { env: { ...process.env, CHROME_PATH: CHROME }, maxBuffer: 64 * 1024 * 1024 },
      );
    } catch (e) {
      // A run that fails (Chromium not starting in time on a loaded machine) is a row of its own, not the end.
      failed = true;
      const why = (e as { stderr?: string }).stderr?.trim().split('\n').at(-1) ?? String(e);
      console.log(`| ${name} | \`${p}\` | Lighthouse failed: ${why.replace(/\|/g, '/')} |`);
      continue;
    }
    const report = JSON.parse(readFileSync(out, 'utf8')) as {
      categories: Record<string, { score: number | null }>;
      audits: Record<string, { score: number | null; title: string; scoreDisplayMode: string; numericValue?: number }>;
    };
    const scores = CATEGORIES.map((c) => Math.round((report.categories[c]?.score ?? 0) * 100));
    const ms = (id: string) => Math.round(report.audits[id]?.numericValue ?? NaN);
    console.log(`| ${name} | \`${p}\` | ${scores.join(' | ')} | ${ms('total-blocking-time')} | ${ms('largest-contentful-paint')} |`);
    const goal = [95, 100, 95, 95];
    if (scores.some((s, i) => s < goal[i]!)) {
      failed = true;
      const low = Object.entries(report.audits)
        .filter(([, a]) => a.score !== null && a.score < 1 && (a.scoreDisplayMode === 'binary' || a.scoreDisplayMode === 'numeric'))
        .map(([id, a]) => `${id} (${a.score})`);
      console.error(`  ${name}: below the goal; audits not passed: ${low.join(', ')}`);
    }
  }
} finally {
  server.close();
  store.close();
  rmSync(dir, { recursive: true, force: true });
}
process.exitCode = failed ? 1 : 0;
