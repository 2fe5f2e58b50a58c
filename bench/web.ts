/**
 * Web benchmark: the country page `/countries/TJK` under 50 concurrent connections (autocannon), served by our
 * Node server vs the same page saved as a static file and served by nginx, in the same run. Medians over 3 runs
 * of ~5 s each, interleaved; goal: at least 50% of nginx's throughput and p95 latency under 10 ms (server-side,
 * as DESIGN.md puts it; the client-side p95 is printed too, for both servers).
 *
 *   npx tsx bench/web.ts            (or `npm run bench -- web`)
 *
 * Our server runs in a worker thread of this process (so that autocannon, in the main thread, does not share its
 * event loop), over a temporary database with the shipped facts and, when ../shared is present, the seed
 * narrative imported. nginx (Debian package `nginx`; `apt-get install -y nginx`) runs with a generated config on a
 * free loopback port, one worker process like our one thread, and is stopped at the end. Without nginx the bench
 * still measures our server and says the comparison was skipped.
 */
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker, isMainThread, parentPort, workerData } from 'node:worker_threads';
import autocannon from 'autocannon';
import { NGINX, freePort, spawnNginx, writeNginxConf } from '../test/helpers/nginx.js';

export interface Measurement {
  /** Requests per second (autocannon's average over the run). */
  rps: number;
  /** 95th percentile latency seen by the client, ms (from every response time of the run). */
  p95: number;
  /** Our server only: 95th percentile of the time from a request's arrival to the response's last byte, ms. */
  serverP95?: number;
  /** Non-2xx responses and errors. */
  failures: number;
}

export interface Result {
  path: string;
  connections: number;
  durationSeconds: number;
  runs: number;
  seeded: boolean;
  pageBytes: number;
  ours: { runs: Measurement[]; median: Measurement };
  nginx: { runs: Measurement[]; median: Measurement } | { skipped: string };
  /** ours.rps / nginx.rps (medians), when nginx ran. */
  ratio: number | null;
  goal: { minRatio: number; maxP95Ms: number; met: boolean };
}

const PAGE = '/countries/TJK';
const CONNECTIONS = 50;
const DURATION = 5;
const RUNS = 3;
const GOAL = { minRatio: 0.5, maxP95Ms: 10 };
const SEED = fileURLToPath(new URL('../../shared/corpus/seed/tajikistan-2023-gvnet.txt', import.meta.url));

// ---------------------------------------------------------------------------------------------------------
// The server worker: opens the database file, serves the app, posts its port.

interface WorkerInput {
  role: 'tip-atlas-bench-server';
  db: string;
}

async function serveInWorker(input: WorkerInput): Promise<void> {
  const { createServer: createHttpServer } = await import('node:http');
  const { getRequestListener } = await import('@hono/node-server');
  const { openSqliteStore } = await import('../src/store/index.js');
  const { createApp } = await import('../src/web/app.js');
  const store = openSqliteStore(input.db);
  const listener = getRequestListener(createApp(store).fetch);
  // Server-side latency: from the request's arrival to the last byte handed to the socket.
  let times: number[] = [];
  const server = createHttpServer((req, res) => {
    const t0 = performance.now();
    res.once('finish', () => times.push(performance.now() - t0));
    void listener(req, res);
  });
  server.listen(0, '127.0.0.1', () => parentPort!.postMessage({ port: (server.address() as AddressInfo).port }));
  parentPort!.on('message', (m: unknown) => {
    if (m === 'stats') {
      parentPort!.postMessage({ stats: percentile95(times), count: times.length });
      times = [];
    } else if (m === 'stop') {
      server.close(() => {
        store.close();
        process.exit(0);
      });
    }
  });
}

function percentile95(xs: number[]): number {
  if (xs.length === 0) return NaN;
  const sorted = Float64Array.from(xs).sort();
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * 0.95))]!;
}

if (!isMainThread && (workerData as WorkerInput | undefined)?.role === 'tip-atlas-bench-server') {
  await serveInWorker(workerData as WorkerInput);
}

// ---------------------------------------------------------------------------------------------------------

async function prepareDatabase(file: string): Promise<boolean> {
  const { openSqliteStore } = await import('../src/store/index.js');
  const store = openSqliteStore(file);
  try {
    if (!existsSync(SEED)) return false;
    const { parseDocument, readDocument } = await import('../src/ingest/index.js');
    const doc = await parseDocument(await readDocument(SEED));
    store.importDocument(doc);
    return true;
  } finally {
    store.close();
  }
}

interface OurServer {
  url: string;
  /** Server-side p95 (ms) of the requests since the last call. */
  serverP95(): Promise<number>;
  stop(): Promise<void>;
}

async function startOurServer(db: string): Promise<OurServer> {
  const data: WorkerInput = { role: 'tip-atlas-bench-server', db };
  // Run from TypeScript (tsx), the worker registers tsx itself: loader hooks of the main thread do not reach
  // worker threads on Node 20.
  const worker = import.meta.url.endsWith('.ts')
    ? new Worker(
        `import(${JSON.stringify(import.meta.resolve('tsx/esm/api'))}).then((m) => { m.register(); return import(${JSON.stringify(import.meta.url)}); });`,
        { eval: true, workerData: data },
      )
    : new Worker(new URL(import.meta.url), { workerData: data });
  const port = await new Promise<number>((resolve, reject) => {
    worker.once('message', (m: { port: number }) => resolve(m.port));
    worker.once('error', reject);
  });
  return {
    url: `http://127.0.0.1:${port}`,
    serverP95: () =>
      new Promise<number>((resolve) => {
        worker.once('message', (m: { stats: number }) => resolve(m.stats));
        worker.postMessage('stats');
      }),
    stop: () =>
      new Promise<void>((resolve) => {
        worker.once('exit', () => resolve());
        worker.postMessage('stop');
      }),
  };
}

/** Same security headers as our server, so both send comparable responses. */

async function startNginx(dir: string, html: string): Promise<{ url: string; stop(): Promise<void> }> {
  const www = path.join(dir, 'www');
  mkdirSync(path.join(www, 'countries'), { recursive: true });
  writeFileSync(path.join(www, 'countries', 'TJK'), html);
  const port = await freePort();
  // The server's own security headers, so that nginx sends what the app sends.
  const { SECURITY_HEADERS } = await import('../src/web/app.js');
  const conf = writeNginxConf(dir, {
    workers: 1,
    http: ['tcp_nopush on;'],
    site: `  server {
    listen 127.0.0.1:${port};
    root ${www};
    default_type "text/html; charset=UTF-8";
${Object.entries(SECURITY_HEADERS).map(([k, v]) => `    add_header ${k} "${v}" always;`).join('\n')}
  }`,
  });
  return spawnNginx(dir, conf, `http://127.0.0.1:${port}${PAGE}`);
}

async function measure(url: string): Promise<Measurement> {
  const times: number[] = [];
  // Without a callback autocannon returns its instance (an event emitter) made thenable.
  const instance = autocannon({ url, connections: CONNECTIONS, duration: DURATION }) as unknown as autocannon.Instance &
    PromiseLike<autocannon.Result>;
  instance.on('response', (_client: unknown, _status: number, _bytes: number, responseTime: number) => {
    times.push(responseTime);
  });
  const result = await instance;
  times.sort((a, b) => a - b);
  const p95 = times.length ? times[Math.min(times.length - 1, Math.floor(times.length * 0.95))]! : NaN;
  return { rps: result.requests.average, p95, failures: result.non2xx + result.errors + result.timeouts };
}

function median(ms: Measurement[]): Measurement {
  const mid = (xs: number[]) => xs.sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
  const out: Measurement = { rps: mid(ms.map((m) => m.rps)), p95: mid(ms.map((m) => m.p95)), failures: mid(ms.map((m) => m.failures)) };
  const server = ms.map((m) => m.serverP95).filter((x): x is number => x !== undefined);
  if (server.length) out.serverP95 = mid(server);
  return out;
}

export async function benchWeb(): Promise<Result> {
  const dir = mkdtempSync(path.join(tmpdir(), 'tip-atlas-bench-web-'));
  let ours: Awaited<ReturnType<typeof startOurServer>> | undefined;
  let nginx: Awaited<ReturnType<typeof startNginx>> | undefined;
  try {
    const db = path.join(dir, 'bench.db');
    const seeded = await prepareDatabase(db);
    ours = await startOurServer(db);
    const res = await fetch(`${ours.url}${PAGE}`);
    if (!res.ok) throw new Error(`${PAGE} answered ${res.status}`);
    const html = await res.text();
    let nginxSkipped: string | undefined;
    if (!NGINX) nginxSkipped = 'nginx is not installed (apt-get install -y nginx)';
    else {
      try {
        nginx = await startNginx(dir, html);
      } catch (e) {
        nginxSkipped = (e as Error).message;
      }
    }
    // Warm both up, then interleave the runs so that drift in the machine affects both alike.
    await measureWarmUp(`${ours.url}${PAGE}`);
    if (nginx) await measureWarmUp(`${nginx.url}${PAGE}`);
    const oursRuns: Measurement[] = [];
    const nginxRuns: Measurement[] = [];
    await ours.serverP95(); // forget the warm-up
    for (let i = 0; i < RUNS; i++) {
      const m = await measure(`${ours.url}${PAGE}`);
      oursRuns.push({ ...m, serverP95: await ours.serverP95() });
      if (nginx) nginxRuns.push(await measure(`${nginx.url}${PAGE}`));
    }
    const oursMedian = median(oursRuns);
    const nginxMedian = nginx ? median(nginxRuns) : undefined;
    const ratio = nginxMedian ? oursMedian.rps / nginxMedian.rps : null;
    return {
      path: PAGE,
      connections: CONNECTIONS,
      durationSeconds: DURATION,
      runs: RUNS,
      seeded,
      pageBytes: Buffer.byteLength(html),
      ours: { runs: oursRuns, median: oursMedian },
      nginx: nginxMedian ? { runs: nginxRuns, median: nginxMedian } : { skipped: nginxSkipped ?? 'not run' },
      ratio,
      goal: {
        ...GOAL,
        met: ratio !== null && ratio >= GOAL.minRatio && (oursMedian.serverP95 ?? Infinity) < GOAL.maxP95Ms,
      },
    };
  } finally {
    await nginx?.stop();
    await ours?.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

async function measureWarmUp(url: string): Promise<void> {
  await autocannon({ url, connections: CONNECTIONS, duration: 3 });
}

export function formatResult(r: Result): string[] {
  const f = (m: Measurement) =>
    `${Math.round(m.rps).toLocaleString('en-US')} req/s, client p95 ${m.p95.toFixed(2)} ms` +
    `${m.serverP95 !== undefined ? `, server-side p95 ${m.serverP95.toFixed(3)} ms` : ''}${m.failures ? `, ${m.failures} failures` : ''}`;
  const lines = [
    `GET ${r.path} (${r.pageBytes.toLocaleString('en-US')} bytes${r.seeded ? ', seed narrative imported' : ', shipped facts only'}), ${r.connections} connections, ${r.runs} runs × ${r.durationSeconds} s, medians:`,
    `  tip-atlas (Node, 1 thread): ${f(r.ours.median)}   runs: ${r.ours.runs.map((m) => Math.round(m.rps)).join(', ')}`,
  ];
  if ('skipped' in r.nginx) lines.push(`  nginx: skipped — ${r.nginx.skipped}`);
  else lines.push(`  nginx (static file, 1 worker): ${f(r.nginx.median)}   runs: ${r.nginx.runs.map((m) => Math.round(m.rps)).join(', ')}`);
  if (r.ratio !== null) lines.push(`  ratio tip-atlas / nginx: ${(r.ratio * 100).toFixed(0)}% of nginx's throughput`);
  lines.push(
    `  goal (≥ ${r.goal.minRatio * 100}% of nginx's throughput, server-side p95 < ${r.goal.maxP95Ms} ms): ${r.goal.met ? 'met' : r.ratio === null ? 'not checked (no nginx)' : 'NOT met'}` +
      ` (the client-side p95 includes autocannon's own queueing, which saturates this machine; compare it with nginx's)`,
  );
  return lines;
}

const isMain = isMainThread && process.argv[1] !== undefined && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url);
if (isMain) {
  const r = await benchWeb();
  for (const line of formatResult(r)) console.log(line);
}
