#!/usr/bin/env node
import { readFileSync, realpathSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { InputError, TipAtlasError, UnknownCountryError } from '../domain/index.js';
import { COMMANDS, commandHelp, helpText } from './commands.js';
import type { CliIO } from './io.js';
import { CliError, processIO, usageError } from './io.js';
import { runFetch } from './fetch.js';
import { failureText, runImport, runParse, sqliteMessage } from './parseImport.js';
import { runServe } from './serve.js';
import { runExport } from './export.js';
import { runShow } from './show.js';
import { runDiff } from './diff.js';
import { runSearch } from './search.js';
import { runRederive } from './rederive.js';
import { parseFlags } from './flags.js';

/** The version in package.json (two levels up from src/cli and from dist/cli). */
export function packageVersion(): string {
  const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };
  return pkg.version;
}

const FLAGS = {
  parse: { year: { type: 'string' }, json: { type: 'boolean' }, 'max-size': { type: 'string' } },
  import: {
    year: { type: 'string' },
    db: { type: 'string' },
    'dry-run': { type: 'boolean' },
    'max-size': { type: 'string' },
    'source-url': { type: 'string' },
  },
  fetch: {
    year: { type: 'string' },
    from: { type: 'string' },
    to: { type: 'string' },
    latest: { type: 'boolean' },
    refresh: { type: 'boolean' },
    pdf: { type: 'boolean' },
    country: { type: 'string', multiple: true },
    cache: { type: 'string' },
    'base-url': { type: 'string' },
    'delay-ms': { type: 'string' },
    'dry-run': { type: 'boolean' },
    'max-size': { type: 'string' },
    db: { type: 'string' },
  },
  show: { year: { type: 'string' }, json: { type: 'boolean' }, db: { type: 'string' } },
  serve: {
    port: { type: 'string' },
    host: { type: 'string' },
    'public-url': { type: 'string' },
    'read-only': { type: 'boolean' },
    db: { type: 'string' },
  },
  export: {
    'base-path': { type: 'string' },
    'base-url': { type: 'string' },
    compare: { type: 'string', multiple: true },
    full: { type: 'boolean' },
    db: { type: 'string' },
  },
  search: {
    year: { type: 'string' },
    tier: { type: 'string' },
    region: { type: 'string' },
    section: { type: 'string' },
    country: { type: 'string' },
    history: { type: 'boolean' },
    limit: { type: 'string' },
    offset: { type: 'string' },
    json: { type: 'boolean' },
    db: { type: 'string' },
  },
  diff: { json: { type: 'boolean' }, all: { type: 'boolean' }, db: { type: 'string' } },
  rederive: { db: { type: 'string' } },
} as const;

/** Runs one command line; returns the exit code. Never exits the process itself. */
export async function run(argv: string[], io: CliIO = processIO): Promise<number> {
  const [name, ...rest] = argv;
  try {
    if (!name || name === '--help' || name === '-h' || name === 'help') {
      io.stdout(helpText());
      return name ? 0 : 2;
    }
    if (name === '--version') {
      io.stdout(`tip-atlas ${packageVersion()}\n`);
      return 0;
    }
    const doc = COMMANDS.find((c) => c.name === name);
    if (!doc) throw usageError(`unknown command "${name}"; commands: ${COMMANDS.map((c) => c.name).join(', ')}`);
    const flags = parseFlags(rest, FLAGS[name as keyof typeof FLAGS]);
    if (flags.values.help) {
      io.stdout(commandHelp(doc));
      return 0;
    }
    switch (name) {
      case 'parse':
        return await runParse(flags, io);
      case 'import':
        return await runImport(flags, io);
      case 'fetch':
        return await runFetch(flags, io);
      case 'show':
        return runShow(flags, io);
      case 'search':
        return runSearch(flags, io);
      case 'diff':
        return runDiff(flags, io);
      case 'serve':
        return await runServe(flags, io);
      case 'rederive':
        return runRederive(flags, io);
      case 'export':
        return await runExport(flags, io);
    }
    return 2;
  } catch (e) {
    if (e instanceof CliError) {
      io.stderr(`tip-atlas: ${e.message}\n`);
      if (e.exitCode === 2) io.stderr('Run `tip-atlas --help` for usage.\n');
      return e.exitCode;
    }
    if (e instanceof InputError || e instanceof UnknownCountryError || e instanceof TipAtlasError) {
      io.stderr(`tip-atlas: ${e instanceof InputError ? failureText(e.message, e.code) : e.message}\n`);
      return 1;
    }
    // A database SQLite cannot read (not a database, corrupt, locked, read-only): one line, no stack.
    if (e instanceof Database.SqliteError) {
      io.stderr(`tip-atlas: database error: ${sqliteMessage(e)}\n`);
      return 1;
    }
    io.stderr(`tip-atlas: internal error: ${(e as Error).stack ?? String(e)}\n`);
    return 70;
  }
}

function isMain(): boolean {
  try {
    return realpathSync(process.argv[1] ?? '') === realpathSync(fileURLToPath(import.meta.url));
  } catch {
    return false;
  }
}

if (isMain()) {
  process.exitCode = await run(process.argv.slice(2));
}
