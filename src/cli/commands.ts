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
    usage: 'tip-atlas parse FILE… [--year N] [--json]',
    summary: 'Parse report pages and print the assessments found, without storing them.',
    options: [
      ['--year N', 'report year, when the text does not say it (2001–2030)'],
      ['--json', 'print a JSON array of assessments'],
    ],
  },
  {
    name: 'import',
    usage: 'tip-atlas import FILE… [--year N] [--db PATH]',
    summary: 'Parse report pages and store them, one transaction per file; the same bytes twice change nothing.',
    options: [['--year N', 'report year, when the text does not say it (2001–2030)'], DB],
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
    name: 'serve',
    usage: 'tip-atlas serve [--port N] [--host H] [--db PATH]',
    summary: 'Serve the website and its JSON API.',
    options: [
      ['--port N', 'port to listen on (default: $PORT or 3000)'],
      ['--host H', 'address to bind (default: 127.0.0.1)'],
      DB,
    ],
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
