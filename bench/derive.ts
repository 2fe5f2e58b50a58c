/**
 * The derive stage (analysis/derive.ts), three measurements, each against a baseline in the same run:
 * - import with the derive stage: the synthetic 2024 report (190 narratives; generate.ts) imported from text and
 *   from its two-column PDF into a store with the deriver and into one without, rounds interleaved;
 * - `rederive` of the 25-year synthetic corpus (searchCorpus.ts: 25 years × COUNTRIES narratives), after building it
 *   through importDocument with the derive stage;
 * - a country profile page rendered from a cold cache (a new app, so no cached page) on that corpus: with the facts
 *   stored (now) and with the derived tables emptied (the analyses compute them while the page is read, as every
 *   first read did before the derive stage).
 *
 *   npx tsx bench/derive.ts [--years 25] [--countries 190] [--runs 7]      (or `npm run bench -- derive`)
 */
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { deriver } from '../src/analysis/derive.js';
import { COUNTRIES } from '../src/countries/index.js';
import type { Country } from '../src/domain/index.js';
import { lookupOf, parseDocument, sha256Of } from '../src/ingest/index.js';
import { openSqliteStore } from '../src/store/sqlite/SqliteStore.js';
import { createApp } from '../src/web/app.js';
import { fictionalCountries, reportPdf, reportText, syntheticReport } from './generate.js';
import { benchYear } from './searchCorpus.js';

const OUT = fileURLToPath(new URL('./out/', import.meta.url));

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

async function time(f: () => unknown): Promise<number> {
  const t0 = performance.now();
  await f();
  return performance.now() - t0;
}

const ms = (x: number) => `${x.toFixed(0).padStart(6)} ms`;

/** Text and PDF import of one synthetic report year, with and without the derive stage. */
async function importWithDerive(runs: number): Promise<string[]> {
  const report = syntheticReport({ year: 2024, countries: 190, seed: 1, scale: 1.4 });
  const lookup = lookupOf(report.countries);
  mkdirSync(OUT, { recursive: true });
  const txtPath = join(OUT, 'synthetic-2024.txt');
  const pdfPath = join(OUT, 'synthetic-2024.pdf');
  writeFileSync(txtPath, reportText(report));
  writeFileSync(pdfPath, reportPdf(report));
  const dir = mkdtempSync(join(tmpdir(), 'tip-atlas-bench-derive-'));
  const countries: Country[] = [...COUNTRIES, ...report.countries];
  const t = { text: [] as number[], textDerive: [] as number[], pdf: [] as number[], pdfDerive: [] as number[] };
  let k = 0;
  const one = async (path: string, derive: boolean) => {
    const store = openSqliteStore(join(dir, `i-${k++}.db`), { countries, ...(derive ? { deriver } : {}) });
    try {
      return await time(async () => {
        const bytes = new Uint8Array(readFileSync(path));
        store.importDocument(await parseDocument({ origin: path, bytes, sha256: sha256Of(bytes) }, { lookup }));
      });
    } finally {
      store.close();
    }
  };
  try {
    for (let round = 0; round <= runs; round++) {
      const r = { text: await one(txtPath, false), textDerive: await one(txtPath, true), pdf: await one(pdfPath, false), pdfDerive: await one(pdfPath, true) };
      if (round === 0) continue; // warm-up
      for (const key of Object.keys(t) as (keyof typeof t)[]) t[key].push(r[key]);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  const m = Object.fromEntries(Object.entries(t).map(([key, v]) => [key, median(v)])) as Record<keyof typeof t, number>;
  return [
    `import of a synthetic 2024 report (${report.narratives.length} narratives), read + parse + store, median of ${runs}:`,
    `  text, without the derive stage   ${ms(m.text)}`,
    `  text, with the derive stage      ${ms(m.textDerive)}   ${(m.textDerive / m.text).toFixed(2)}× without`,
    `  PDF, without the derive stage    ${ms(m.pdf)}`,
    `  PDF, with the derive stage       ${ms(m.pdfDerive)}   ${(m.pdfDerive / m.pdf).toFixed(2)}× without`,
  ];
}

/** Builds the 25-year corpus with the derive stage, rederives it, and renders profiles from a cold cache. */
async function corpus(years: number, nCountries: number, runs: number): Promise<string[]> {
  const dir = mkdtempSync(join(tmpdir(), 'tip-atlas-bench-derive-'));
  const fictional = fictionalCountries(nCountries);
  const countries = [...COUNTRIES, ...fictional];
  const file = join(dir, 'corpus.db');
  const out: string[] = [];
  try {
    const store = openSqliteStore(file, { countries, deriver });
    let buildMs: number;
    const rederiveMs: number[] = [];
    let summary = '';
    try {
      buildMs = await time(() => {
        for (let y = 2025 - years + 1; y <= 2025; y++) store.importDocument(benchYear(y, fictional, 1));
      });
      for (let i = 0; i < Math.max(1, Math.min(3, runs)); i++) {
        rederiveMs.push(await time(() => {
          const s = store.rederive();
          summary = `${s.narratives} narratives of ${s.countries} countries`;
        }));
      }
    } finally {
      store.close();
    }
    out.push(
      `${years}-year synthetic corpus: built through importDocument with the derive stage in ${(buildMs / 1000).toFixed(1)} s`,
      `  rederive (${summary}, one transaction): median ${(median(rederiveMs) / 1000).toFixed(2)} s of ${rederiveMs.length}`,
    );

    // The same database without its derived facts: the analyses compute them when a page is read.
    const bare = join(dir, 'bare.db');
    copyFileSync(file, bare);
    for (const suffix of ['-wal', '-shm']) rmSync(bare + suffix, { force: true });
    const b = openSqliteStore(bare, { countries });
    b.db.exec('DELETE FROM derived_narratives; DELETE FROM derived_countries;');
    const d = openSqliteStore(file, { countries, deriver });
    const cold = { stored: [] as number[], computed: [] as number[] };
    try {
      const sample = fictional.slice(0, Math.max(5, Math.min(20, runs * 3)));
      const render = async (s: typeof d, id: string) => {
        const app = createApp(s); // a new app: nothing cached
        const res = await app.request(`/countries/${id}`);
        if (res.status !== 200) throw new Error(`/countries/${id}: ${res.status}`);
        return res.text();
      };
      // Warm-up: code paths and SQLite's page cache, on another country.
      await render(d, fictional.at(-1)!.id);
      await render(b, fictional.at(-1)!.id);
      for (const c of sample) {
        let stored = '';
        let computed = '';
        cold.stored.push(await time(async () => void (stored = await render(d, c.id))));
        cold.computed.push(await time(async () => void (computed = await render(b, c.id))));
        if (stored !== computed) throw new Error(`/countries/${c.id} differs between stored and computed facts`);
      }
      out.push(
        `profile page /countries/ID from a cold cache (${years} narratives per country, ${sample.length} countries, identical pages):`,
        `  facts computed while reading (before the derive stage)   median ${ms(median(cold.computed))}`,
        `  facts read from the store (derived at import)           median ${ms(median(cold.stored))}   ${(median(cold.computed) / median(cold.stored)).toFixed(1)}× faster`,
      );
    } finally {
      b.close();
      d.close();
    }
    return out;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export async function benchDerive(options: { years?: number; countries?: number; runs?: number } = {}): Promise<string[]> {
  const runs = options.runs ?? Math.max(3, Number(process.env.BENCH_RUNS ?? 7));
  return [...(await importWithDerive(runs)), '', ...(await corpus(options.years ?? 25, options.countries ?? 190, runs))];
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const { values } = parseArgs({ options: { years: { type: 'string' }, countries: { type: 'string' }, runs: { type: 'string' } } });
  const lines = await benchDerive({
    ...(values.years ? { years: Number(values.years) } : {}),
    ...(values.countries ? { countries: Number(values.countries) } : {}),
    ...(values.runs ? { runs: Number(values.runs) } : {}),
  });
  for (const line of lines) console.log(line);
}
