/**
 * Fuzzes the parsers: the fictional fixtures (and ../shared/corpus when present) mutated by byte flips, splices,
 * long runs of one character class, random country headings and tiers, cut and repeated ranges, each parsed as an
 * import would (`parseDocument`: bytes → text → narratives → assessments). Every input must either parse or fail
 * with an InputError (the file's fault, said in one line), within a time budget. Seeded: the same seed gives the
 * same inputs.
 *
 *   npm run fuzz -- [--count N] [--seconds S] [--seed N] [--budget-ms MS]
 *
 * Stops at N inputs or after S seconds, whichever comes first; exit 1 when an input threw anything else or took
 * longer than the budget (each is printed with the seed and index that rebuild it).
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { rng, int, pick } from '../bench/random.js';
import type { Rand } from '../bench/random.js';
import { InputError } from '../src/domain/index.js';
import type { CountryLookup } from '../src/ingest/index.js';
import { defaultLookup, lookupOf, parseDocument, sha256Of } from '../src/ingest/index.js';
import { COUNTRIES } from '../src/countries/index.js';
import { FICTIONAL_COUNTRIES } from '../test/fixtures/countries.js';

export interface FuzzOptions {
  count: number;
  seconds: number;
  seed: number;
  /** An input that takes longer than this (ms) is a failure. */
  budgetMs: number;
  /** Told every 1,000 inputs. */
  onProgress?: (done: number) => void;
}

export interface FuzzFailure {
  index: number;
  source: string;
  mutation: string;
  problem: string;
}

export interface FuzzResult {
  inputs: number;
  parsed: number;
  inputErrors: number;
  unexpected: FuzzFailure[];
  overBudget: FuzzFailure[];
  slowestMs: number;
  seconds: number;
}

interface Seed {
  name: string;
  bytes: Buffer;
  lookup: CountryLookup;
}

const ROOT = new URL('../', import.meta.url);

/** The fictional fixtures (always) and the shared corpus (when present). */
export function fuzzSeeds(): Seed[] {
  const fictional = lookupOf([...COUNTRIES, ...FICTIONAL_COUNTRIES]);
  const seeds: Seed[] = [];
  const add = (dir: URL, lookup: CountryLookup) => {
    const path = fileURLToPath(dir);
    if (!existsSync(path)) return;
    for (const f of readdirSync(path).sort()) {
      if (!/\.(txt|html?)$/.test(f)) continue;
      seeds.push({ name: `${path}${f}`, bytes: readFileSync(`${path}${f}`), lookup });
    }
  };
  add(new URL('test/fixtures/narratives/', ROOT), fictional);
  add(new URL('test/fixtures/multiyear/', ROOT), fictional);
  add(new URL('test/fixtures/pages/', ROOT), fictional);
  add(new URL('../shared/corpus/seed/', ROOT), defaultLookup);
  add(new URL('../shared/corpus/excerpts/', ROOT), defaultLookup);
  return seeds;
}

const RUN_UNITS = [' ', '\t', '\u00a0', '\n', ' \n', 'a', 'A', '7', '.', '-', '*', '(', ')', ';', ',', '"', '’', '<', '&', '\u200b', 'Tier ', '• ', '\ufffd'];
const TIERS = ['Tier 1', 'Tier 2', 'Tier 2 Watch List', 'Tier 3', 'Special Case', 'Tier 4', 'Tier 2*', 'Tier', 'Watch List', 'TIER 3'];
const SECTIONS = ['PRIORITIZED RECOMMENDATIONS:', 'PROSECUTION', 'PROTECTION', 'PREVENTION', 'TRAFFICKING PROFILE', 'PREVENTION: text'];

function insert(b: Buffer, at: number, what: Buffer): Buffer {
  return Buffer.concat([b.subarray(0, at), what, b.subarray(at)]);
}

/** One mutation of `b` (others' bytes for splices), and its name. */
function mutate(r: Rand, b: Buffer, others: Seed[]): { bytes: Buffer; mutation: string } {
  const at = () => int(r, 0, b.length);
  switch (int(r, 0, 7)) {
    case 0: {
      const out = Buffer.from(b);
      const n = int(r, 1, 32);
      for (let i = 0; i < n && out.length; i++) out[int(r, 0, out.length - 1)] = int(r, 0, 255);
      return { bytes: out, mutation: `flip ${n} bytes` };
    }
    case 1: {
      const o = pick(r, others).bytes;
      const from = int(r, 0, o.length);
      const len = int(r, 0, Math.min(4000, o.length - from));
      return { bytes: insert(b, at(), o.subarray(from, from + len)), mutation: `splice ${len} bytes` };
    }
    case 2: {
      const unit = pick(r, RUN_UNITS);
      const n = int(r, 1_000, 100_000);
      return { bytes: insert(b, at(), Buffer.from(unit.repeat(Math.ceil(n / unit.length)))), mutation: `run of ${n} ${JSON.stringify(unit)}` };
    }
    case 3: {
      const country = pick(r, COUNTRIES);
      const name = pick(r, [country.name.toUpperCase(), country.name, ...country.aliases, 'NOWHERE LAND', 'EXAMPLIA']);
      const head = pick(r, [`\n\n${name}: ${pick(r, TIERS)}\n\n`, `\n\n${name} (${pick(r, TIERS)})\n\n`, `\n${name}\n${pick(r, TIERS)}\n`]);
      return { bytes: insert(b, at(), Buffer.from(head)), mutation: `heading ${JSON.stringify(head.trim())}` };
    }
    case 4: {
      const s = `\n\n${pick(r, SECTIONS)}\n\n`;
      return { bytes: insert(b, at(), Buffer.from(s)), mutation: `section ${JSON.stringify(s.trim())}` };
    }
    case 5: {
      const from = at();
      const to = Math.min(b.length, from + int(r, 0, 2000));
      return { bytes: Buffer.concat([b.subarray(0, from), b.subarray(to)]), mutation: `cut ${to - from} bytes` };
    }
    case 6: {
      const from = at();
      const part = b.subarray(from, Math.min(b.length, from + int(r, 1, 3000)));
      const times = int(r, 2, 50);
      return { bytes: insert(b, from, Buffer.concat(Array.from({ length: times }, () => part))), mutation: `repeat ${part.length} bytes ×${times}` };
    }
    default: {
      const year = pick(r, ['2023 TIP Report', '1999 Trafficking in Persons Report', '2031 TIP Report', 'June 2009', '2023 2024 2025']);
      return { bytes: insert(b, at(), Buffer.from(` ${year} `)), mutation: `year ${JSON.stringify(year)}` };
    }
  }
}

export async function runFuzz(o: FuzzOptions): Promise<FuzzResult> {
  const seeds = fuzzSeeds();
  const r = rng(o.seed);
  const started = performance.now();
  const result: FuzzResult = { inputs: 0, parsed: 0, inputErrors: 0, unexpected: [], overBudget: [], slowestMs: 0, seconds: 0 };
  for (let i = 0; i < o.count && performance.now() - started < o.seconds * 1000; i++) {
    const seed = pick(r, seeds);
    // One to three mutations stacked.
    let bytes = seed.bytes;
    const names: string[] = [];
    for (let k = int(r, 1, 3); k > 0; k--) {
      const m = mutate(r, bytes, seeds);
      bytes = m.bytes;
      names.push(m.mutation);
    }
    const mutation = names.join(', ');
    const t = performance.now();
    try {
      await parseDocument({ origin: `fuzz-${i}.txt`, bytes, sha256: sha256Of(bytes) }, { lookup: seed.lookup });
      result.parsed++;
    } catch (e) {
      if (e instanceof InputError) result.inputErrors++;
      else result.unexpected.push({ index: i, source: seed.name, mutation, problem: e instanceof Error ? `${e.name}: ${e.message}\n${e.stack ?? ''}` : String(e) });
    }
    const ms = performance.now() - t;
    result.slowestMs = Math.max(result.slowestMs, ms);
    if (ms > o.budgetMs) result.overBudget.push({ index: i, source: seed.name, mutation, problem: `${ms.toFixed(0)} ms` });
    result.inputs++;
    if (o.onProgress && result.inputs % 1000 === 0) o.onProgress(result.inputs);
  }
  result.seconds = (performance.now() - started) / 1000;
  return result;
}

function flag(args: string[], name: string, fallback: number): number {
  const i = args.indexOf(`--${name}`);
  if (i === -1) return fallback;
  const v = Number(args[i + 1]);
  if (!Number.isFinite(v) || v < 0) throw new Error(`--${name} needs a number, not ${args[i + 1]}`);
  return v;
}

async function main(): Promise<number> {
  const args = process.argv.slice(2);
  const o: FuzzOptions = {
    count: flag(args, 'count', 10_000),
    seconds: flag(args, 'seconds', 300),
    seed: flag(args, 'seed', 1),
    budgetMs: flag(args, 'budget-ms', 2000),
    onProgress: (n) => process.stderr.write(`\r${n} inputs…`),
  };
  const res = await runFuzz(o);
  process.stderr.write('\n');
  for (const f of [...res.unexpected, ...res.overBudget].slice(0, 20)) {
    console.log(`input ${f.index} (seed ${o.seed}) from ${f.source} [${f.mutation}]: ${f.problem}`);
  }
  console.log(
    `${res.inputs} inputs in ${res.seconds.toFixed(0)} s (seed ${o.seed}): ${res.parsed} parsed, ${res.inputErrors} input errors, ` +
      `${res.unexpected.length} unexpected exceptions, ${res.overBudget.length} over the ${o.budgetMs} ms budget (slowest ${res.slowestMs.toFixed(0)} ms)`,
  );
  return res.unexpected.length || res.overBudget.length ? 1 : 0;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  main().then(
    (code) => process.exit(code),
    (e) => {
      console.error(e);
      process.exit(2);
    },
  );
}
