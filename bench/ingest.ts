/**
 * Ingest benchmark: a synthetic full report year (190 fictional narratives, ~4 MB of text; see generate.ts),
 * imported from text and from a two-column PDF, against baselines measured in the same run:
 * - text: a raw read + regex scan of the same file (read, decode, find the heading lines, count the sentences);
 * - PDF: poppler's `pdftotext` on the same PDF (Debian `poppler-utils`; skipped, saying so, when absent).
 * Medians over BENCH_RUNS runs (default 7), rounds interleaved so both sides see the same machine load.
 *
 *   npx tsx bench/ingest.ts          (or `npm run bench -- ingest`)
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { COUNTRIES } from '../src/countries/index.js';
import type { Country } from '../src/domain/index.js';
import { lookupOf, parseDocument, parseText, sha256Of, toText } from '../src/ingest/index.js';
import type { ParsedDocument } from '../src/ingest/index.js';
import { openSqliteStore } from '../src/store/index.js';
import type { Store } from '../src/store/index.js';
import { reportPdf, reportText, syntheticReport } from './generate.js';

const OUT = fileURLToPath(new URL('./out/', import.meta.url));

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

const HEADING = /^[^\n]{2,80}?(?:\(\s*(?:tier|special)[^)\n]*\)|:\s*(?:tier\s*[123]|special\s+case)[^\n]*)$/gim;
const SENTENCE = /[.!?]["”’)]?\s+(?=[A-Z])/g;

/** The baseline: read the file, decode it, find every heading line and count the sentences. */
function rawScan(path: string): number {
  const text = new TextDecoder().decode(readFileSync(path));
  let n = 0;
  for (HEADING.lastIndex = 0; HEADING.exec(text); ) n++;
  for (SENTENCE.lastIndex = 0; SENTENCE.exec(text); ) n++;
  return n;
}

function haveCommand(cmd: string): boolean {
  return spawnSync(cmd, ['-v'], { stdio: 'ignore' }).error === undefined;
}

function store(dir: string, countries: readonly Country[], k: number): Store {
  return openSqliteStore(join(dir, `bench-${k}.db`), { countries: [...COUNTRIES, ...countries] });
}

async function time(f: () => unknown): Promise<number> {
  const t0 = performance.now();
  await f();
  return performance.now() - t0;
}

export async function benchIngest(): Promise<string[]> {
  const runs = Math.max(5, Number(process.env.BENCH_RUNS ?? 7));
  const report = syntheticReport({ year: 2024, countries: 190, seed: 1, scale: 1.4 });
  const lookup = lookupOf(report.countries);
  mkdirSync(OUT, { recursive: true });
  const txtPath = join(OUT, 'synthetic-2024.txt');
  const pdfPath = join(OUT, 'synthetic-2024.pdf');
  const text = reportText(report);
  writeFileSync(txtPath, text);
  writeFileSync(pdfPath, reportPdf(report));
  const textMB = Buffer.byteLength(text) / 1e6;
  const pdfMB = readFileSync(pdfPath).length / 1e6;
  const narratives = report.narratives.length;
  const dbDir = mkdtempSync(join(tmpdir(), 'tip-atlas-bench-'));
  const pdftotext = haveCommand('pdftotext');

  const t = { scan: [] as number[], textParse: [] as number[], textImport: [] as number[], pdftotext: [] as number[], pdfText: [] as number[], pdfParse: [] as number[], pdfImport: [] as number[] };
  let check = '';
  try {
    // One warm-up round (JIT, the PDF worker pool, the page cache), then the measured rounds.
    for (let round = 0; round <= runs; round++) {
      const keep = round > 0;
      const scan = await time(() => rawScan(txtPath));
      const textParse = await time(async () => {
        const bytes = new Uint8Array(readFileSync(txtPath));
        const t2 = await toText(bytes, txtPath);
        parseText(t2.text, txtPath, sha256Of(bytes), { lookup });
      });
      const s1 = store(dbDir, report.countries, round * 2);
      const textImport = await time(async () => {
        const bytes = new Uint8Array(readFileSync(txtPath));
        s1.importDocument(await parseDocument({ origin: txtPath, bytes, sha256: sha256Of(bytes) }, { lookup }));
      });
      s1.close();
      const popplerMs = pdftotext ? await time(() => execFileSync('pdftotext', [pdfPath, join(dbDir, 'out.txt')])) : NaN;
      let pdfDoc: ParsedDocument | undefined;
      const pdfText = await time(async () => toText(new Uint8Array(readFileSync(pdfPath)), pdfPath));
      const pdfParse = await time(async () => {
        const bytes = new Uint8Array(readFileSync(pdfPath));
        const t2 = await toText(bytes, pdfPath);
        parseText(t2.text, pdfPath, sha256Of(bytes), { lookup, mediaType: t2.mediaType });
      });
      const s2 = store(dbDir, report.countries, round * 2 + 1);
      const pdfImport = await time(async () => {
        const bytes = new Uint8Array(readFileSync(pdfPath));
        pdfDoc = await parseDocument({ origin: pdfPath, bytes, sha256: sha256Of(bytes) }, { lookup });
        s2.importDocument(pdfDoc);
      });
      s2.close();
      if (round === 0) {
        const ok = pdfDoc!.assessments.length === narratives && pdfDoc!.assessments.every((a, i) => a.countryId === report.narratives[i]!.country.id && a.tier === report.narratives[i]!.tier);
        check = ok ? `the PDF yields all ${narratives} narratives with their tiers` : `PDF CHECK FAILED: ${pdfDoc!.assessments.length} narratives`;
      }
      if (!keep) continue;
      t.scan.push(scan);
      t.textParse.push(textParse);
      t.textImport.push(textImport);
      t.pdftotext.push(popplerMs);
      t.pdfText.push(pdfText);
      t.pdfParse.push(pdfParse);
      t.pdfImport.push(pdfImport);
    }
  } finally {
    rmSync(dbDir, { recursive: true, force: true });
  }

  const m = Object.fromEntries(Object.entries(t).map(([k, v]) => [k, median(v)])) as Record<keyof typeof t, number>;
  const ms = (x: number) => `${x.toFixed(0).padStart(6)} ms`;
  const rate = (x: number, mb: number) => `${(narratives / (x / 1000)).toFixed(0).padStart(6)} narratives/s  ${(mb / (x / 1000)).toFixed(1).padStart(6)} MB/s`;
  const ratio = (a: number, b: number, goal: number) => `${(a / b).toFixed(2)}× (goal ≤ ${goal}×: ${a / b <= goal ? 'met' : 'NOT met'})`;
  const lines = [
    `synthetic 2024 report: ${narratives} narratives, ${textMB.toFixed(1)} MB of text, a ${pdfMB.toFixed(1)} MB two-column PDF; median of ${runs} runs (bench/out/)`,
    `check: ${check}`,
    '',
    'text',
    `  raw read + regex scan (baseline)   ${ms(m.scan)}  ${rate(m.scan, textMB)}`,
    `  read + parse                       ${ms(m.textParse)}  ${rate(m.textParse, textMB)}   ${ratio(m.textParse, m.scan, 3)}`,
    `  read + parse + store (SQLite)      ${ms(m.textImport)}  ${rate(m.textImport, textMB)}   ${(m.textImport / m.scan).toFixed(2)}× the scan`,
    '',
    'PDF',
  ];
  if (pdftotext) lines.push(`  pdftotext (poppler, baseline)      ${ms(m.pdftotext)}  ${rate(m.pdftotext, textMB)}`);
  else lines.push('  pdftotext: not installed (apt-get install poppler-utils), no baseline');
  lines.push(`  read + text (pdfjs, workers)       ${ms(m.pdfText)}  ${rate(m.pdfText, textMB)}${pdftotext ? `   ${(m.pdfText / m.pdftotext).toFixed(2)}× pdftotext` : ''}`);
  lines.push(`  read + text + parse                ${ms(m.pdfParse)}  ${rate(m.pdfParse, textMB)}${pdftotext ? `   ${ratio(m.pdfParse, m.pdftotext, 2)}` : ''}`);
  lines.push(`  read + text + parse + store        ${ms(m.pdfImport)}  ${rate(m.pdfImport, textMB)}${pdftotext ? `   ${(m.pdfImport / m.pdftotext).toFixed(2)}× pdftotext` : ''}`);
  return lines;
}

if (process.argv[1] && /bench[\\/]ingest\.ts$/.test(process.argv[1])) {
  for (const line of await benchIngest()) console.log(line);
}
