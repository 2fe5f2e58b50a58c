// The built CLI (`npm run build`) in a child process with extra countries known, reporting its own peak memory
// (the import memory part of bench/bounds.ts). Plain JavaScript so that no TypeScript loader adds to the figures:
//   TIP_ATLAS_BENCH_COUNTRIES=countries.json node bench/importChild.mjs import FILE --db DB
// The countries file is a JSON array of Country; the last stderr line is `peak-rss-kb N` (getrusage's maxrss).
import { readFileSync } from 'node:fs';
import { processIO } from '../dist/cli/io.js';
import { run } from '../dist/cli/main.js';

const countries = JSON.parse(readFileSync(process.env.TIP_ATLAS_BENCH_COUNTRIES ?? '', 'utf8'));
process.exitCode = await run(process.argv.slice(2), { ...processIO, countries });
process.stderr.write(`peak-rss-kb ${process.resourceUsage().maxRSS}\n`);
