/** The CLI's documentation, one entry per command; `--help` and the README are checked against it. */
export interface CommandDoc {
  name: string;
  usage: string;
  summary: string;
  options: [flag: string, help: string][];
}

const DB: [string, string] = ['--db PATH', 'database file (default: $TIP_ATLAS_DB or ./tip-atlas.db)'];

export const COMMANDS: CommandDoc[] = [
  {
    name: 'parse',
    usage: 'tip-atlas parse PATH… [--year N] [--json] [--max-size SIZE]',
    summary: 'Parse report files (text, HTML or PDF; folders recursively) and print the assessments found, without storing them.',
    options: [
      ['--year N', 'report year, when the text does not say it (2001–2030)'],
      ['--json', 'print a JSON array of assessments'],
      ['--max-size SIZE', 'skip files larger than this (default 96MB; e.g. 50MB, 800k)'],
    ],
  },
  {
    name: 'import',
    usage: 'tip-atlas import PATH… [--year N] [--source-url URL] [--dry-run] [--max-size SIZE] [--db PATH]',
    summary: 'Import report files and folders (text, HTML, PDF), one transaction per file; the same bytes twice change nothing.',
    options: [
      ['--year N', 'report year, when the text does not say it (2001–2030)'],
      ['--source-url URL', 'the public address of the one file imported (readers see it instead of the local path)'],
      ['--dry-run', 'parse everything and print the summary, but store nothing'],
      ['--max-size SIZE', 'skip files larger than this (default 96MB; e.g. 50MB, 800k)'],
      DB,
    ],
  },
  {
    name: 'fetch',
    usage:
      'tip-atlas fetch (--year N | --from A --to B | --latest) [--country ID…] [--pdf] [--refresh] [--cache DIR] [--base-url URL] [--delay-ms N] [--dry-run] [--max-size SIZE] [--db PATH]',
    summary: "Download report years from the publisher (index pages read, country pages found from their links; politely, resumably) and import them.",
    options: [
      ['--year N', 'the report year to fetch (2001–2030)'],
      ['--from A --to B', 'every report year from A to B (default 2001 to the current year)'],
      ['--latest', 'the newest report the publisher has (found by asking, not assumed)'],
      ['--country ID', 'only this country (id or name; repeat, or comma-separate, for several; default: all)'],
      ['--pdf', 'prefer the full-report PDF where one is found (pages otherwise)'],
      ['--refresh', 'ask again for cached pages, conditionally (ETag / Last-Modified: a 304 keeps the cache)'],
      ['--cache DIR', 'where downloaded pages are kept, a folder per year, so a second run resumes (default .cache/fetch/)'],
      ['--base-url URL', 'the publisher, or a mirror standing in for all its hosts (default https://www.state.gov)'],
      ['--delay-ms N', 'milliseconds between requests (default 1000: at most one a second)'],
      ['--dry-run', 'download and parse, but store nothing'],
      ['--max-size SIZE', 'skip pages larger than this (default 96MB)'],
      DB,
    ],
  },
  {
    name: 'show',
    usage: 'tip-atlas show COUNTRY [--year N] [--json] [--db PATH]',
    summary: 'Print a country profile: tier, summary, recommendations, tier history and sources.',
    options: [
      ['--year N', 'the report year to show (default: the latest held)'],
      ['--json', 'print the profile as JSON (the same as the page /countries/ID.json)'],
      DB,
    ],
  },
  {
    name: 'search',
    usage: 'tip-atlas search QUERY [--year N] [--tier T] [--region R] [--section S] [--country ID] [--history] [--limit N] [--offset N] [--json] [--db PATH]',
    summary: 'Full-text search over summaries, sections and recommendations: "phrases", prefix*, AND/OR/NOT, facets.',
    options: [
      ['--year N', 'only these report years (comma-separated: 2022,2023)'],
      ['--tier T', 'only narratives on these tiers (1, 2, 2wl, 3, sc or a tier name)'],
      ['--region R', 'only these regions (AF, EAP, EUR, NEA, SCA, WHA)'],
      ['--section S', 'only these sections (summary, recommendation, prosecution, protection, prevention, profile, …)'],
      ['--country ID', 'only these countries (ids, comma-separated)'],
      ['--history', 'also search narratives a newer document replaced (default: current ones only)'],
      ['--limit N', 'hits to print (1–100, default 20)'],
      ['--offset N', 'skip the first N hits (next page)'],
      ['--json', 'print the results as JSON (the same as /search.json)'],
      DB,
    ],
  },
  {
    name: 'diff',
    usage: 'tip-atlas diff COUNTRY FROM TO [--json] [--all] [--db PATH]',
    summary: "A country's narrative between two report years, sentence by sentence, with changed words marked.",
    options: [
      ['--json', 'print the diff as JSON (the same as /countries/ID/diff/FROM/TO.json)'],
      ['--all', 'print unchanged sentences too (default: counted)'],
      DB,
    ],
  },
  {
    name: 'serve',
    usage: 'tip-atlas serve [--port N] [--host H] [--public-url URL] [--read-only] [--db PATH]',
    summary: 'Serve the website and its JSON API.',
    options: [
      ['--port N', 'port to listen on (default: $PORT or 3000)'],
      ['--host H', 'address to bind (default: 127.0.0.1)'],
      ['--public-url URL', 'the site\'s public address for absolute links in feeds and citations (default: $TIP_ATLAS_PUBLIC_URL; none: relative links)'],
      ['--read-only', 'open an existing database read-only: no migration, no write (a replica over a copied file)'],
      DB,
    ],
  },
  {
    name: 'export',
    usage: 'tip-atlas export DIR [--base-path /PATH] [--base-url URL] [--compare A,B…]… [--full] [--db PATH]',
    summary: 'Write the whole site as static files (pages, JSON twins, downloads, feeds, a search index) for any static host.',
    options: [
      ['--base-path /PATH', 'the subfolder the site is served from, e.g. /tip-atlas (default: the root)'],
      ['--base-url URL', 'the site\'s origin, e.g. https://example.org, for absolute links in feeds, citations and sitemap.xml'],
      ['--compare A,B…', 'a comparison to export as pages (repeatable; default: a few neighbours); any other works in the browser'],
      ['--full', 'render every page again (by default a rerun keeps the pages of countries whose data did not change)'],
      DB,
    ],
  },
  {
    name: 'rederive',
    usage: 'tip-atlas rederive [--db PATH]',
    summary: 'Recompute every derived fact (sentences, indicators, recommendation tracking) of the database, in one transaction.',
    options: [DB],
  },
];

export function helpText(): string {
  const lines = [
    'tip-atlas — the U.S. TIP Report, country by country, as cited facts',
    '',
    'Usage: tip-atlas COMMAND [options]',
    '',
    'Commands:',
  ];
  for (const c of COMMANDS) lines.push(`  ${c.name.padEnd(8)} ${c.summary}`);
  lines.push('', 'Run `tip-atlas COMMAND --help` for its options.', '', 'Exit codes: 0 ok, 1 bad input, 2 usage.');
  return lines.join('\n') + '\n';
}

export function commandHelp(c: CommandDoc): string {
  const lines = [`Usage: ${c.usage}`, '', c.summary, '', 'Options:'];
  for (const [flag, help] of c.options) lines.push(`  ${flag.padEnd(12)} ${help}`);
  lines.push(`  ${'--help'.padEnd(12)} show this help`);
  return lines.join('\n') + '\n';
}
