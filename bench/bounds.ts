/**
 * Bounds benchmark (issue: no input, query or download can hang or exhaust the server). Everything it reads is
 * generated under a temporary folder and removed at the end; the server is the built CLI (`npm run build`) in a
 * child process, so its RSS is its own.
 *
 *   npx tsx bench/bounds.ts [--db-mb N] [--big-mb N] [--load-seconds S]
 *
 * 1. Downloads: a database grown to --db-mb (default 300) MB with filler pages, then 10 concurrent downloads of
 *    /data/tip-atlas.sqlite (twice: the first builds the snapshot file, the second only streams it); the server's
 *    peak RSS (VmHWM) and each download's size.
 * 2. A big file: the seed narrative (or a fictional fixture) with lines appended up to --big-mb (default 61) MB,
 *    imported by `tip-atlas import`: its outcome, time and peak RSS; then the server's profile page and a search
 *    still answer, with their times.
 * 3. Load: 200 connections for --load-seconds (default 10) over a mix of pages, search and JSON with autocannon,
 *    while `tip-atlas import` runs alongside: req/s, errors, p99 and the server's peak RSS.
 * 4. Import memory (bench/importMemory.ts): peak RSS of importing synthetic reports of --memory-mb (default
 *    10,30,60,100) MB, two HTML pages and two PDFs (one of each just under the default --max-size), less the
 *    baseline, as a multiple of the file's size. `--memory-only` runs this part alone.
 */
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import Database from 'better-sqlite3';
import { benchImportMemory } from './importMemory.js';

const CLI = fileURLToPath(new URL('../dist/cli/main.js', import.meta.url));
const SEED = fileURLToPath(new URL('../../shared/corpus/seed/tajikistan-2023-gvnet.txt', import.meta.url));
const FIXTURE = fileURLToPath(new URL('../test/fixtures/multiyear/mirovia-2023.txt', import.meta.url));

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  return i === -1 ? fallback : Number(process.argv[i + 1]);
}

/** Peak and current resident memory of a process, MB (Linux /proc). */
function memory(pid: number): { rss: number; hwm: number } {
  const s = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (k: string) => Number(new RegExp(`^${k}:\\s+(\\d+)`, 'm').exec(s)?.[1] ?? 0);
  return { rss: kb('VmRSS') / 1024, hwm: kb('VmHWM') / 1024 };
}

function run(args: string[]): Promise<{ code: number; out: string; ms: number; peakMb: number }> {
  return new Promise((resolve) => {
    const t = performance.now();
    const p = spawn(process.execPath, [CLI, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let peak = 0;
    const timer = setInterval(() => {
      try {
        peak = Math.max(peak, memory(p.pid!).hwm);
      } catch {
        /* exited */
      }
    }, 50);
    p.stdout.on('data', (d) => (out += d));
    p.stderr.on('data', (d) => (out += d));
    p.on('exit', (code) => {
      clearInterval(timer);
      resolve({ code: code ?? -1, out, ms: performance.now() - t, peakMb: peak });
    });
  });
}

async function startServer(db: string, port: number): Promise<ChildProcess> {
  const p = spawn(process.execPath, [CLI, 'serve', '--port', String(port), '--db', db], { stdio: ['ignore', 'pipe', 'inherit'] });
  await new Promise<void>((resolve, reject) => {
    p.stdout!.on('data', (d: Buffer) => {
      if (String(d).includes('serving')) resolve();
    });
    p.on('exit', (c) => reject(new Error(`server exited ${c}`)));
  });
  return p;
}

async function timed(url: string): Promise<{ status: number; ms: number; bytes: number }> {
  const t = performance.now();
  const res = await fetch(url);
  let bytes = 0;
  const reader = res.body!.getReader();
  for (let r = await reader.read(); !r.done; r = await reader.read()) bytes += r.value.length;
  return { status: res.status, ms: performance.now() - t, bytes };
}

export async function benchBounds(): Promise<string[]> {
  if (!existsSync(CLI)) throw new Error('run `npm run build` first');
  const dir = mkdtempSync(join(tmpdir(), 'tip-atlas-bounds-'));
  const lines: string[] = [];
  const port = 4100 + Math.floor(Math.random() * 90);
  const base = `http://127.0.0.1:${port}`;
  const db = join(dir, 'atlas.db');
  let server: ChildProcess | undefined;
  const memorySizes = (process.argv[process.argv.indexOf('--memory-mb') + 1] ?? '').split(',').map(Number).filter((n) => n > 0);
  const importMemory = () => benchImportMemory(dir, process.argv.includes('--memory-mb') && memorySizes.length ? memorySizes : [10, 30, 60, 100]);
  if (process.argv.includes('--memory-only')) {
    try {
      return await importMemory();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
  try {
    // The database, with the seed (or a fixture) imported, grown with filler pages.
    const sample = existsSync(SEED) ? SEED : FIXTURE;
    const imported = await run(['import', sample, '--db', db]);
    if (imported.code !== 0 && existsSync(SEED)) throw new Error(imported.out);
    const dbMb = arg('db-mb', 300);
    const raw = new Database(db);
    raw.exec('CREATE TABLE IF NOT EXISTS bench_filler (b BLOB)');
    const fill = raw.prepare('INSERT INTO bench_filler VALUES (randomblob(1048576))');
    raw.transaction(() => {
      for (let i = 0; i < dbMb; i++) fill.run();
    })();
    raw.close();

    server = await startServer(db, port);
    const pid = server.pid!;
    lines.push(`server started: RSS ${memory(pid).rss.toFixed(0)} MB`);

    // 1. Ten concurrent downloads, twice.
    for (const round of ['first (builds the snapshot)', 'second (streams it)']) {
      const t = performance.now();
      const all = await Promise.all(Array.from({ length: 10 }, () => timed(`${base}/data/tip-atlas.sqlite`)));
      const m = memory(pid);
      lines.push(
        `10 concurrent downloads, ${round}: ${(all[0]!.bytes / 1048576).toFixed(0)} MB each, statuses ${[...new Set(all.map((a) => a.status))].join(',')}, ` +
          `${((performance.now() - t) / 1000).toFixed(1)} s; server RSS ${m.rss.toFixed(0)} MB, peak ${m.hwm.toFixed(0)} MB`,
      );
    }

    // 2. The big file.
    const bigMb = arg('big-mb', 61);
    const big = join(dir, 'big.txt');
    const seedText = readFileSync(sample, 'utf8');
    const filler = 'A line of appended text, sixty characters long, give or take.\n';
    writeFileSync(big, seedText + filler.repeat(Math.ceil((bigMb * 1048576 - seedText.length) / filler.length)));
    const imp = await run(['import', big, '--db', db]);
    lines.push(
      `import of a ${bigMb} MB file (the sample plus appended lines): exit ${imp.code}, ${(imp.ms / 1000).toFixed(1)} s, peak RSS ${imp.peakMb.toFixed(0)} MB — ${imp.out.trim().split('\n').slice(-2).join(' / ').slice(0, 300)}`,
    );
    const country = existsSync(SEED) ? 'TJK' : 'XMR';
    for (const path of [`/countries/${country}`, '/search.json?q=government', '/search.json?q=a*']) {
      const r = await timed(`${base}${path}`);
      lines.push(`after it, ${path}: ${r.status}, ${r.ms.toFixed(0)} ms, ${(r.bytes / 1024).toFixed(0)} KB`);
    }

    // 3. Load with an import alongside.
    const seconds = arg('load-seconds', 10);
    const paths = ['/', '/countries', `/countries/${country}`, `/countries/${country}.json`, '/years/2023', '/search?q=labor', '/search.json?q=forced%20labor', '/index.json', '/countries.json'];
    const importer = run(['import', sample, big, '--db', join(dir, 'other.db')]);
    const t0 = memory(pid).hwm;
    const result = await autocannon({
      url: base,
      connections: 200,
      duration: seconds,
      requests: paths.map((p) => ({ method: 'GET' as const, path: p })),
    });
    const imported2 = await importer;
    const errors = result.errors + result.timeouts + result.non2xx;
    lines.push(
      `load: 200 connections, ${seconds} s, mix of ${paths.length} pages/search/JSON, an import alongside (exit ${imported2.code}): ` +
        `${result.requests.average.toFixed(0)} req/s, ${errors} errors (${result.non2xx} non-2xx, ${result.timeouts} timeouts), p99 ${result.latency.p99} ms; ` +
        `server peak RSS ${Math.max(t0, memory(pid).hwm).toFixed(0)} MB`,
    );
    server.kill('SIGTERM');
    server = undefined;
    lines.push(...(await importMemory()));
  } finally {
    server?.kill('SIGTERM');
    rmSync(dir, { recursive: true, force: true });
  }
  return lines;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  for (const line of await benchBounds()) console.log(line);
}
