/**
 * Compares the JSON twins of two servers byte for byte: every address whose answer is JSON that a database holds
 * (the home and country list of every year, every country and country-year, every year, compare pairs, the diffs of
 * consecutive narratives, indicators and recommendation tracking, a few searches, the downloads index and JSON
 * downloads, the OpenAPI document, and a few error answers), fetched from both, byte differences reported.
 *
 *   npm run compare-twins -- --db FILE URL_A URL_B      two running servers (e.g. two builds on the same database)
 *   npm run compare-twins -- --db FILE --db-b FILE_B    two databases, each served in-process by this build's createApp
 *
 * The addresses come from `--db` (opened read-only is not needed: nothing is written). `--only REGEX` keeps the
 * addresses it matches, `--skip REGEX` drops them (e.g. `--skip openapi` when the document changed on purpose).
 * Exit 1 when any answer differs (status or body), 2 on bad arguments.
 */
import { pathToFileURL } from 'node:url';
import { resolve } from 'node:path';
import type { Hono } from 'hono';
import { openSqliteStore } from '../src/store/index.js';
import type { Store } from '../src/store/types.js';
import { createApp } from '../src/web/app.js';

/** Searches (query strings): words, a phrase, a prefix, a boolean query, filters, a second page. */
export const SEARCHES = [
  'q=forced%20labor',
  'q=%22law%20enforcement%22',
  'q=traffick*',
  'q=victims%20AND%20shelters',
  'q=cotton&year=2023',
  'q=children&section=recommendations',
  'q=labor&page=2&limit=5',
];

/** Every JSON address to compare, from what `store` holds, in a stable order. */
export function twinAddresses(store: Store): string[] {
  const years = store.reportYears().map((y) => y.reportYear);
  const countries = store.listCountries().map((c) => c.id);
  const out: string[] = ['/index.json', '/countries.json', '/years.json', '/data.json', '/api/openapi.json'];
  for (const y of years) out.push(`/index.json?year=${y}`, `/countries.json?year=${y}`, `/years/${y}.json`);
  const withNarratives: string[] = [];
  for (const id of countries) {
    out.push(`/countries/${id}.json`, `/countries/${id}/indicators.json`, `/countries/${id}/recommendations.json`);
    const held = new Set([...store.tierHistory(id).map((p) => p.reportYear), ...store.assessmentYears(id)]);
    for (const y of [...held].sort((a, b) => a - b)) out.push(`/countries/${id}/${y}.json`);
    const narratives = store.assessmentYears(id);
    if (narratives.length) withNarratives.push(id);
    for (let i = 1; i < narratives.length; i++) out.push(`/countries/${id}/diff/${narratives[i - 1]}/${narratives[i]}.json`);
  }
  // Compare: each country with narratives beside the next one, and a few fixed groups.
  for (let i = 1; i < withNarratives.length; i++) out.push(`/compare.json?c=${withNarratives[i - 1]},${withNarratives[i]}`);
  out.push('/compare.json?c=TJK,UZB,KAZ', '/compare.json?c=USA');
  for (const q of SEARCHES) out.push(`/search.json?${q}`);
  out.push('/data/tier-placements.json', '/data/assessments.json');
  // Errors: the one shape, and the messages of a bad year, an unknown country, a bad tier, a missing query.
  out.push('/years/abcd.json', '/years/2031.json', '/countries/ZZZ.json', '/countries.json?tier=9', '/search.json', '/compare.json', '/nothing.json');
  return out;
}

export interface Answer {
  status: number;
  body: Buffer;
}

export type Fetcher = (path: string) => Promise<Answer>;

export const httpFetcher =
  (base: string): Fetcher =>
  async (path) => {
    const res = await fetch(base.replace(/\/+$/, '') + path, { redirect: 'manual' });
    return { status: res.status, body: Buffer.from(await res.arrayBuffer()) };
  };

export const appFetcher =
  (app: Hono): Fetcher =>
  async (path) => {
    const res = await app.request(path);
    return { status: res.status, body: Buffer.from(await res.arrayBuffer()) };
  };

export interface Difference {
  path: string;
  what: string;
}

/** Where two bodies first differ, with a little of each around it. */
function firstDifference(a: Buffer, b: Buffer): string {
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  const show = (x: Buffer) => JSON.stringify(x.subarray(Math.max(0, i - 40), i + 60).toString('utf8'));
  return `${a.length} vs ${b.length} bytes, first difference at byte ${i}: ${show(a)} vs ${show(b)}`;
}

/** Fetches every address from both and lists what differs (status or bytes). */
export async function compareTwins(paths: readonly string[], a: Fetcher, b: Fetcher): Promise<Difference[]> {
  const diffs: Difference[] = [];
  for (const path of paths) {
    const [x, y] = [await a(path), await b(path)];
    if (x.status !== y.status) diffs.push({ path, what: `status ${x.status} vs ${y.status}` });
    else if (!x.body.equals(y.body)) diffs.push({ path, what: firstDifference(x.body, y.body) });
  }
  return diffs;
}

async function main(argv: string[]): Promise<number> {
  const flags = new Map<string, string>();
  const rest: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg.startsWith('--')) flags.set(arg.slice(2), argv[++i] ?? '');
    else rest.push(arg);
  }
  const db = flags.get('db');
  const dbB = flags.get('db-b');
  if (!db || (dbB ? rest.length !== 0 : rest.length !== 2)) {
    console.error('usage: compare-twins --db FILE URL_A URL_B | compare-twins --db FILE --db-b FILE_B [--only REGEX] [--skip REGEX]');
    return 2;
  }
  const store = openSqliteStore(db);
  const storeB = dbB ? openSqliteStore(dbB) : undefined;
  try {
    const only = flags.has('only') ? new RegExp(flags.get('only')!) : undefined;
    const skip = flags.has('skip') ? new RegExp(flags.get('skip')!) : undefined;
    const paths = twinAddresses(store).filter((p) => (!only || only.test(p)) && !skip?.test(p));
    const now = () => new Date('2026-01-01T00:00:00Z'); // the same "accessed" date on both sides
    const [a, b] = storeB
      ? [appFetcher(createApp(store, { now })), appFetcher(createApp(storeB, { now }))]
      : [httpFetcher(rest[0]!), httpFetcher(rest[1]!)];
    const started = Date.now();
    const diffs = await compareTwins(paths, a, b);
    for (const d of diffs) console.log(`DIFFERS ${d.path}: ${d.what}`);
    console.log(`${paths.length} JSON addresses compared in ${((Date.now() - started) / 1000).toFixed(1)} s: ${diffs.length} differ, ${paths.length - diffs.length} byte-identical`);
    return diffs.length ? 1 : 0;
  } finally {
    store.close();
    storeB?.close();
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  process.exitCode = await main(process.argv.slice(2));
}
