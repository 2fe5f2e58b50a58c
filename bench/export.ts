/**
 * `tip-atlas export` of the 25-year synthetic corpus (bench/searchCorpus.ts: fictional countries, invented text;
 * with `--registry`, beside the shipped placements of the real registry), imported with the derive stage as the CLI
 * does (a store opened without it recomputes indicators and tracking on every page), against the server's own render
 * rate in the same run:
 * - the server's render rate: a sample of the same addresses answered by a fresh app in this process (nothing
 *   cached), in addresses/s; the export's rate is addresses/s for the whole run (rendering, hashing, writing,
 *   the search index);
 * - a rerun after one import (one fictional country's narrative of the latest year replaced): files rewritten,
 *   seconds;
 * - nginx (deploy/nginx.conf, one worker) serving an exported country page, 50 connections, 3 × 5 s.
 * `npx tsx bench/export.ts [--years N] [--countries N] [--registry]`.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import { deriver } from '../src/analysis/derive.js';
import { COUNTRIES } from '../src/countries/index.js';
import { openSqliteStore } from '../src/store/sqlite/SqliteStore.js';
import { createApp } from '../src/web/app.js';
import { exportSite } from '../src/web/site/exportSite.js';
import { siteUrls } from '../src/web/site/urls.js';
import { NGINX, startNginx } from '../test/helpers/nginx.js';
import { fictionalCountries } from './generate.js';
import { int, rng } from './random.js';
import { benchYear } from './searchCorpus.js';

const mb = (b: number) => (b / 1e6).toFixed(1);

/** A data folder with no shipped rows: the site holds the fictional countries' imported narratives only. */
function emptyDataDir(dir: string): string {
  const data = join(dir, 'data');
  mkdirSync(data);
  for (const f of ['tier-placements.csv', 'report-years.csv', 'goods.csv', 'unodc.csv']) {
    writeFileSync(join(data, f), readFileSync(new URL(`../data/${f}`, import.meta.url), 'utf8').split('\n')[0] + '\n');
  }
  return data + sep;
}

export async function benchExport(options: { years?: number; countries?: number; registry?: boolean } = {}): Promise<string[]> {
  const years = options.years ?? 25;
  const nCountries = options.countries ?? 190;
  const out: string[] = [];
  const dir = mkdtempSync(join(tmpdir(), 'tip-atlas-bench-export-'));
  const countries = fictionalCountries(nCountries);
  const store = options.registry
    ? openSqliteStore(join(dir, 'bench.db'), { countries: [...COUNTRIES, ...countries], deriver })
    : openSqliteStore(join(dir, 'bench.db'), { countries, dataDir: emptyDataDir(dir), deriver });
  try {
    for (let y = 2025 - years + 1; y <= 2025; y++) store.importDocument(benchYear(y, countries, 1));
    out.push(
      `corpus: ${years} report years × ${nCountries} fictional narratives` +
        (options.registry ? `, beside the shipped placements of ${COUNTRIES.length} registry countries` : ' (no registry country)'),
    );

    // The server's render rate: a seeded sample of the addresses, each answered once by a fresh app.
    const urls = siteUrls(store);
    const r = rng(11);
    const sample = Array.from({ length: Math.min(400, urls.length) }, () => urls[int(r, 0, urls.length - 1)]!.url);
    const app = createApp(store);
    const t0 = performance.now();
    for (const u of sample) await (await app.request(u)).arrayBuffer();
    const serverRate = sample.length / ((performance.now() - t0) / 1000);

    const site = join(dir, 'site');
    const first = await exportSite(store, site);
    const addresses = urls.length;
    const exportRate = addresses / first.seconds;
    out.push(
      `full export: ${first.files.toLocaleString('en-US')} files (${first.pages.toLocaleString('en-US')} pages), ${mb(first.bytes)} MB, ` +
        `${first.seconds.toFixed(1)} s; search index of ${first.searchRecords.toLocaleString('en-US')} passages`,
    );
    out.push(
      `rate: export ${exportRate.toFixed(0)} addresses/s (${(first.pages / first.seconds).toFixed(0)} pages/s) against the server rendering ` +
        `${serverRate.toFixed(0)} addresses/s in this process (${sample.length} sampled, uncached): ${((exportRate / serverRate) * 100).toFixed(0)}%`,
    );

    // One import: a new document of the latest year for one country (its narrative replaced), then a rerun.
    const one = benchYear(2025, [countries[0]!], 2);
    store.importDocument(one);
    const again = await exportSite(store, site);
    out.push(
      `rerun after one import (${countries[0]!.name} 2025 replaced): ${again.written.toLocaleString('en-US')} files rewritten, ` +
        `${again.unchanged.toLocaleString('en-US')} unchanged, ${again.removed} removed, ${again.seconds.toFixed(1)} s`,
    );

    if (!NGINX) out.push('nginx: skipped — not installed (apt-get install -y nginx)');
    else {
      const nginx = await startNginx(site);
      try {
        const page = `${nginx.url}/countries/${countries[0]!.id}/2025`;
        await autocannon({ url: page, connections: 50, duration: 2 });
        const runs: number[] = [];
        for (let i = 0; i < 3; i++) runs.push((await autocannon({ url: page, connections: 50, duration: 5 })).requests.average);
        runs.sort((a, b) => a - b);
        const bytes = (await (await fetch(page)).arrayBuffer()).byteLength;
        out.push(`nginx (deploy/nginx.conf, 1 worker) serving /countries/${countries[0]!.id}/2025 (${bytes.toLocaleString('en-US')} bytes), 50 connections: ${Math.round(runs[1]!).toLocaleString('en-US')} req/s (median of ${runs.map((x) => Math.round(x)).join(', ')})`);
      } finally {
        await nginx.stop();
      }
    }
    return out;
  } finally {
    store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const { values } = parseArgs({ options: { years: { type: 'string' }, countries: { type: 'string' }, registry: { type: 'boolean' } } });
  for (const line of await benchExport({
    years: values.years ? Number(values.years) : undefined,
    countries: values.countries ? Number(values.countries) : undefined,
    registry: values.registry === true,
  })) console.log(line);
}
