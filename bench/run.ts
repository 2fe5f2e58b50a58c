/**
 * `npm run bench`: every benchmark, each measuring against a baseline in the same run (these machines are noisy,
 * so only medians and ratios mean anything). Run one alone with `npx tsx bench/<name>.ts`.
 */
const suites: [name: string, load: () => Promise<() => Promise<unknown>>][] = [
  ['ingest (text and PDF import vs raw scan and pdftotext)', async () => (await import('./ingest.js')).benchIngest],
  ['derive (import with and without the derive stage, rederive of 25 years, profile page from a cold cache)', async () => (await import('./derive.js')).benchDerive],
  ['search (FTS5 through the store vs raw statements)', async () => (await import('./search.js')).benchSearch],
  ['bounds (10 concurrent database downloads, a 61 MB file, 200-connection load with an import alongside)', async () => (await import('./bounds.js')).benchBounds],
  ['export (the 25-year synthetic corpus as static files vs the server render rate; a rerun after one import; nginx serving it)', async () => (await import('./export.js')).benchExport],
  ['web (country page under load vs nginx serving the same page)', async () => {
    const { benchWeb, formatResult } = await import('./web.js');
    return async () => formatResult(await benchWeb());
  }],
];

const only = process.argv.slice(2);
let failed = false;
for (const [name, load] of suites) {
  if (only.length && !only.some((o) => name.startsWith(o))) continue;
  console.log(`\n## ${name}`);
  try {
    const result = await (await load())();
    if (Array.isArray(result)) for (const line of result) console.log(String(line));
    else if (result !== undefined) console.log(typeof result === 'string' ? result : JSON.stringify(result, null, 2));
  } catch (e) {
    failed = true;
    console.error(`bench ${name} failed: ${(e as Error).stack ?? String(e)}`);
  }
}
process.exitCode = failed ? 1 : 0;
