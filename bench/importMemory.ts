/**
 * Import memory (part of bench/bounds.ts): the peak resident memory of `tip-atlas import` (the built CLI, in a
 * child process of its own: bench/importChild.mjs) of synthetic reports of several sizes, less the baseline of
 * the same process with the database opened and nothing imported; reported as a multiple of the file's size.
 *
 *   npx tsx bench/bounds.ts --memory-only [--memory-mb 10,30,60,100]
 */
import { spawn } from 'node:child_process';
import { rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DEFAULT_MAX_BYTES } from '../src/ingest/index.js';
import { fictionalCountries, reportPdf, reportText, syntheticReport } from './generate.js';

const CHILD = fileURLToPath(new URL('./importChild.mjs', import.meta.url));
const MB = 1048576;

/** Runs the CLI child; its peak RSS in MB (getrusage maxrss), exit code and last output line. */
function importPeak(args: string[], countries: string): Promise<{ code: number; peakMb: number; line: string }> {
  return new Promise((resolve) => {
    const p = spawn(process.execPath, [CHILD, ...args], { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, TIP_ATLAS_BENCH_COUNTRIES: countries } });
    let out = '';
    p.stdout.on('data', (d) => (out += d));
    p.stderr.on('data', (d) => (out += d));
    p.on('exit', (code) => {
      const peak = Number(/peak-rss-kb (\d+)/.exec(out)?.[1] ?? NaN) / 1024;
      const line = out.split('\n').find((l) => /document\(s\)/.test(l)) ?? out.trim().split('\n')[0] ?? '';
      resolve({ code: code ?? -1, peakMb: peak, line: line.slice(0, 160) });
    });
  });
}

/** A synthetic 669-narrative report of about `mb` MB of text (the fixed parts are ~1.6 MB; paragraphs scale). */
function reportOf(mb: number) {
  return syntheticReport({ year: 2024, countries: 669, seed: 1, scale: Math.max(0.05, (mb - 1.56) / 0.644 / 13.3) });
}

export async function benchImportMemory(dir: string, sizes: number[]): Promise<string[]> {
  const countries = join(dir, 'countries.json');
  writeFileSync(countries, JSON.stringify(fictionalCountries(669, 1)));
  const db = join(dir, 'memory.db');
  const fresh = () => {
    for (const f of [db, `${db}-wal`, `${db}-shm`]) rmSync(f, { force: true });
  };
  fresh();
  const base = await importPeak(['import', join(dir, 'no-such-file.txt'), '--db', db], countries);
  const lines = [`import memory: baseline (the CLI with the database opened, nothing imported) peak RSS ${base.peakMb.toFixed(0)} MB`];
  let textRatio = 0;
  let htmlRatio = 0;
  let pdfRatio = 0;
  const measure = async (file: string, what: string) => {
    fresh();
    // Files over the default --max-size are measured too (the limit is what these figures decide).
    const r = await importPeak(['import', file, '--db', db, '--max-size', '4GB'], countries);
    const size = statSync(file).size / MB;
    const extra = r.peakMb - base.peakMb;
    if (what === 'text') textRatio = Math.max(textRatio, extra / size);
    if (what.startsWith('HTML')) htmlRatio = Math.max(htmlRatio, extra / size);
    if (what.startsWith('PDF')) pdfRatio = Math.max(pdfRatio, extra / size);
    lines.push(`  ${what} of ${size.toFixed(1)} MB: exit ${r.code}, peak RSS ${r.peakMb.toFixed(0)} MB, +${extra.toFixed(0)} MB = ${(extra / size).toFixed(1)}× the file — ${r.line}`);
    rmSync(file, { force: true });
  };
  for (const mb of sizes) {
    const file = join(dir, `report-${mb}.txt`);
    writeFileSync(file, reportText(reportOf(mb)));
    await measure(file, 'text');
  }
  const limit = DEFAULT_MAX_BYTES / MB;
  lines.push(`  the default --max-size (${limit} MB) at the highest text ratio measured: a peak of about ${(base.peakMb + limit * textRatio).toFixed(0)} MB (goal: within 1 GB)`);
  // An HTML page (each block a paragraph) of the same ~10 MB report, then one just under the default --max-size
  // (HTML takes the most of text and HTML: the limit is set by it); a two-column PDF of the ~10 MB report.
  const report = reportOf(10);
  const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;');
  const htmlOf = (r: ReturnType<typeof reportOf>) =>
    `<!doctype html><html><head><title>${esc(r.title)}</title></head><body><main>${r.blocks.map((b) => `<p>${esc(b.text)}</p>`).join('\n')}</main></body></html>`;
  const html = join(dir, 'report.html');
  writeFileSync(html, htmlOf(report));
  await measure(html, 'HTML page');
  const big = join(dir, 'report-limit.html');
  writeFileSync(big, htmlOf(reportOf(limit * 0.97)));
  await measure(big, 'HTML page at the default --max-size');
  lines.push(`  the default --max-size (${limit} MB) at the highest HTML ratio measured: a peak of about ${(base.peakMb + limit * htmlRatio).toFixed(0)} MB (goal: within 1 GB)`);
  // Two-column PDFs: the ~10 MB report (17.2 MB), then one just under the default --max-size (≈1.8 MB of PDF a MB
  // of text).
  const pdf = join(dir, 'report.pdf');
  writeFileSync(pdf, reportPdf(report));
  await measure(pdf, 'PDF');
  const bigPdf = join(dir, 'report-limit.pdf');
  writeFileSync(bigPdf, reportPdf(reportOf((limit * 0.95) / 1.79)));
  await measure(bigPdf, 'PDF at the default --max-size');
  lines.push(`  the default --max-size (${limit} MB) at the highest PDF ratio measured: a peak of about ${(base.peakMb + limit * pdfRatio).toFixed(0)} MB (goal: within 1 GB)`);
  return lines;
}
