/**
 * The fuzz's inputs: the fictional fixtures (and ../shared/corpus when present) mutated by byte flips, splices,
 * long runs of one character class, random country headings and tiers, cut and repeated ranges. Input `index` of a
 * run with `seed` is rebuilt from (seed, index) alone, so any input can be replayed and a run split over workers
 * in any way gives the same inputs.
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { basename } from 'node:path';
import { fileURLToPath } from 'node:url';
import { rng, int, pick } from '../../bench/random.js';
import type { Rand } from '../../bench/random.js';
import type { CountryLookup } from '../../src/ingest/index.js';
import { defaultLookup, lookupOf } from '../../src/ingest/index.js';
import { COUNTRIES } from '../../src/countries/index.js';
import { FICTIONAL_COUNTRIES } from '../../test/fixtures/countries.js';

export interface Seed {
  name: string;
  bytes: Buffer;
  lookup: CountryLookup;
}

export interface FuzzInput {
  index: number;
  /** The seed file's name. */
  source: string;
  /** The mutations applied, in order. */
  mutation: string;
  bytes: Buffer;
  lookup: CountryLookup;
}

const ROOT = new URL('../../', import.meta.url);

/** The fictional fixtures (always) and the shared corpus (when present), in a fixed order. */
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

/** The generator's state for input `index` of the run `seed`: a bijective 32-bit mix (murmur3's finaliser). */
function stateOf(seed: number, index: number): number {
  let h = (seed ^ Math.imul(index, 0x9e3779b1)) >>> 0;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

/** Input `index` of the run `seed`: a seed file with one to three mutations stacked. */
export function fuzzInput(seeds: Seed[], seed: number, index: number): FuzzInput {
  const r = rng(stateOf(seed, index));
  const from = pick(r, seeds);
  let bytes = from.bytes;
  const names: string[] = [];
  for (let k = int(r, 1, 3); k > 0; k--) {
    const m = mutate(r, bytes, seeds);
    bytes = m.bytes;
    names.push(m.mutation);
  }
  return { index, source: basename(from.name), mutation: names.join(', '), bytes, lookup: from.lookup };
}
