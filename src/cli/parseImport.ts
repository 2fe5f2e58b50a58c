import Database from 'better-sqlite3';
import { COUNTRIES } from '../countries/index.js';
import type { Assessment, InputErrorCode, ParseWarning } from '../domain/index.js';
import { warningCode } from '../domain/index.js';
import type { CountryLookup, DocumentSummary, FileOutcome, IngestEvent, IngestSource, IngestSummary, NarrativeSummary } from '../ingest/index.js';
import { defaultLookup, formatBytes, garbageCollector, httpAddress, ingest, lookupOf } from '../ingest/index.js';
import { stat } from 'node:fs/promises';
import type { RederiveSummary, Store } from '../store/index.js';
import { openStore, storePath } from '../store/index.js';
import { deriver } from '../analysis/derive.js';
import type { CliIO } from './io.js';
import { CliError, usageError } from './io.js';
import type { ParsedFlags } from './flags.js';
import { yearFlag } from './flags.js';

/** The JSON shape of `tip-atlas parse --json`: one object per assessment. */
export function assessmentJson(a: Assessment) {
  return {
    countryId: a.countryId,
    countryName: a.countryName,
    reportYear: a.reportYear,
    tier: a.tier,
    tierAsterisk: a.tierAsterisk,
    tierStatement: a.tierStatement,
    summary: a.summary,
    recommendations: a.recommendations.map((r) => ({ text: r.text, span: r.span })),
    sections: a.sections,
    warnings: a.warnings,
    source: a.source,
  };
}

/**
 * `--max-size 300MB`, `50m`, `2g`, `800k`, `1048576`: bytes; undefined without the flag, so that the defaults apply
 * (DEFAULT_MAX_BYTES).
 */
export function sizeFlag(v: string | boolean | undefined): number | undefined {
  if (v === undefined) return undefined;
  const m = typeof v === 'string' ? /^\s*(\d+(?:\.\d+)?)\s*(b|k|kb|kib|m|mb|mib|g|gb|gib)?\s*$/i.exec(v) : null;
  if (!m) throw usageError(`--max-size must be a size such as 300MB, 50m or 1048576, not "${String(v)}"`);
  const unit = (m[2] ?? 'b').toLowerCase()[0]!;
  const bytes = Math.floor(Number(m[1]) * (unit === 'g' ? 1024 ** 3 : unit === 'm' ? 1024 ** 2 : unit === 'k' ? 1024 : 1));
  if (bytes < 1) throw usageError('--max-size must be at least 1 byte');
  return bytes;
}

function paths(flags: ParsedFlags): string[] {
  if (flags.positionals.length === 0) throw usageError('no FILE given');
  return flags.positionals;
}

/** The registry, plus the countries the IO injects (tests: fictional countries). */
export function lookupFor(io: CliIO): CountryLookup {
  if (!io.countries?.length) return defaultLookup;
  const extra = lookupOf(io.countries);
  return {
    find: (name) => extra.find(name) ?? defaultLookup.find(name),
    suggest: (name) => [...extra.suggest(name), ...defaultLookup.suggest(name)].slice(0, 5),
  };
}

/**
 * Opens the database of --db (or TIP_ATLAS_DB, or ./tip-atlas.db). A file SQLite cannot open as a database
 * (not SQLite, corrupt, unreadable) is one line naming it, exit 1.
 */
export function storeFor(flags: ParsedFlags, io: CliIO, options: { rederiveOnOpen?: boolean; readOnly?: boolean } = {}): Store {
  const opts = { db: flags.values.db as string | undefined, env: io.env, cwd: io.cwd };
  try {
    return openStore({
      ...opts,
      ...(io.countries?.length ? { countries: [...COUNTRIES, ...io.countries] } : {}),
      ...options,
      deriver,
      onRederive: (s) => io.stderr(rederiveLine(s, 'derived facts missing or of another derivation version: ')),
    });
  } catch (e) {
    if (e instanceof Database.SqliteError) throw new CliError(`cannot open the database ${storePath(opts)}: ${sqliteMessage(e)}`, 1);
    throw e;
  }
}

/** "rederived 31 narratives of 15 countries (derivation version 1)", after `prefix`. */
export function rederiveLine(s: RederiveSummary, prefix = ''): string {
  const n = (k: number, one: string) => `${k} ${one}${k === 1 ? '' : one.endsWith('y') ? '' : 's'}`;
  const countries = s.countries === 1 ? '1 country' : `${s.countries} countries`;
  return `${prefix}rederived ${n(s.narratives, 'narrative')} of ${countries} (derivation version ${s.version})\n`;
}

/** A SQLite error in one line: its message and code (`file is not a database (SQLITE_NOTADB)`). */
export function sqliteMessage(e: InstanceType<typeof Database.SqliteError>): string {
  return `${e.message} (${e.code})`;
}

function describe(a: NarrativeSummary): string {
  const tier = a.tier ? `${a.tier}${a.tierAsterisk ? '*' : ''}` : 'tier unknown';
  return `${a.countryId} ${a.reportYear} ${tier}: ${a.recommendations} recommendations, ${a.sections} sections`;
}

/** One line about a document's narratives: each of a few, or counts by tier for a whole report. */
function describeDoc(doc: DocumentSummary): string {
  if (doc.narratives.length <= 3) return doc.narratives.map(describe).join('; ');
  const byTier = new Map<string, number>();
  for (const a of doc.narratives) byTier.set(a.tier ?? 'tier unknown', (byTier.get(a.tier ?? 'tier unknown') ?? 0) + 1);
  const years = [...new Set(doc.narratives.map((a) => a.reportYear))].join(', ');
  return `${doc.narratives.length} narratives of the ${years} report (${[...byTier].map(([t, n]) => `${n} ${t}`).join(', ')})`;
}

/** What the summary line calls each kind of failure ("2 unreadable, 1 over the size limit"). */
const FAILURE_KINDS: Record<InputErrorCode, string> = {
  unreadable: 'unreadable',
  'too-large': 'over the size limit',
  empty: 'empty',
  binary: 'not text, HTML or PDF',
  'html-without-content': 'HTML without content',
  'pdf-encrypted': 'encrypted PDF',
  'pdf-without-text': 'PDF without text (needs OCR)',
  'pdf-damaged': 'damaged PDF',
  'invalid-tier-heading': 'invalid tier heading',
  'no-country-heading': 'no known country heading',
  'report-year-unknown': 'report year not known',
  'report-year-out-of-range': 'report year not known',
  'over-limit': 'over a size limit',
  'not-a-file': 'not a file',
  'bad-query': 'other',
  'search-over-budget': 'other',
  'bad-input': 'other',
};

/** A failure's reason as the CLI prints it: the ingest's reason, and the flag that helps, chosen by code. */
export function failureText(reason: string, code: InputErrorCode): string {
  if (code === 'report-year-unknown') return `${reason}; pass --year`;
  if (code === 'too-large') return `${reason} (--max-size)`;
  return reason;
}

/** A warning's message as the CLI prints it: with `--year` named where choosing the year settles it. */
function warningText(w: ParseWarning): string {
  const code = warningCode(w);
  return code === 'report-year-disagrees' || code === 'several-report-years' ? `${w.message} — pass --year to choose` : w.message;
}

const MAX_WARNINGS_SHOWN = 8;

function printWarnings(io: CliIO, doc: DocumentSummary) {
  const lines: string[] = [];
  for (const w of doc.warnings) lines.push(`warning: ${doc.origin}: ${warningText(w)}${w.excerpt ? `: "${w.excerpt}"` : ''}\n`);
  for (const a of doc.narratives) {
    for (const w of a.warnings) lines.push(`warning: ${doc.origin}: ${a.countryId} ${a.reportYear}: ${warningText(w)}: "${w.excerpt}"\n`);
  }
  for (const l of lines.slice(0, MAX_WARNINGS_SHOWN)) io.stderr(l);
  if (lines.length > MAX_WARNINGS_SHOWN) {
    io.stderr(`warning: ${doc.origin}: … and ${lines.length - MAX_WARNINGS_SHOWN} more warnings (\`tip-atlas parse ${doc.origin} --json\` lists them all)\n`);
  }
}

function outcomeLine(origin: string, o: Exclude<FileOutcome, { status: 'failed' }>): string {
  switch (o.status) {
    case 'unchanged':
      return `${origin}: unchanged — these bytes were already imported (document #${o.documentId})`;
    case 'parsed':
      return `${origin}: parsed ${describeDoc(o.doc)}`;
    case 'imported': {
      const replaced = o.replaced ? `, replacing ${o.replaced} older version(s) kept in history` : '';
      const notShown = o.notShown ? `; ${o.notShown} not shown: a more complete version is held (kept in history)` : '';
      return `${origin}: imported ${describeDoc(o.doc)}${replaced}${notShown}`;
    }
  }
}

function clock(ms: number): string {
  const s = Math.max(0, Math.round(ms / 1000));
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
}

/**
 * Renders ingest events: on a terminal a progress bar on stderr (files, bytes, narratives, ETA), redrawn at most
 * every 100 ms, with failures printed above it; otherwise plain lines, one per file.
 */
export function progressReporter(io: CliIO, opts: { quietDocs?: boolean } = {}): { onEvent: (e: IngestEvent) => void; finish: () => void } {
  let totalFiles = 0;
  let totalBytes = 0;
  let narratives = 0;
  let failed = 0;
  let lastDraw = 0;
  let barShown = false;
  const clear = () => {
    if (barShown) io.stderr('\r\x1b[K');
    barShown = false;
  };
  const draw = (done: { files: number; bytes: number }, elapsedMs: number, force = false) => {
    const t = Date.now();
    if (!force && t - lastDraw < 100) return;
    lastDraw = t;
    const frac = totalBytes > 0 ? done.bytes / totalBytes : totalFiles ? done.files / totalFiles : 1;
    const width = 24;
    const filled = Math.round(frac * width);
    const eta = done.bytes > 0 && frac < 1 ? ` · ETA ${clock((elapsedMs / done.bytes) * (totalBytes - done.bytes))}` : '';
    const bar = `[${'█'.repeat(filled)}${'░'.repeat(width - filled)}] ${done.files}/${totalFiles} files · ${formatBytes(done.bytes)}/${formatBytes(totalBytes)} · ${narratives} narratives${failed ? ` · ${failed} failed` : ''}${eta}`;
    io.stderr(`\r\x1b[K${bar}`);
    barShown = true;
  };
  const onEvent = (e: IngestEvent) => {
    if (e.type === 'listed') {
      totalFiles = e.files;
      totalBytes = e.bytes;
      for (const s of e.skipped) {
        clear();
        io.stderr(`tip-atlas: ${s.path}: ${failureText(s.reason, s.code)}\n`);
      }
      if (io.isTTY) draw({ files: 0, bytes: 0 }, 0, true);
      return;
    }
    const o = e.outcome;
    if (o.status === 'failed') {
      failed++;
      clear();
      io.stderr(`tip-atlas: ${e.file.origin}: ${failureText(o.reason, o.code)}\n`);
    } else {
      if (o.status !== 'unchanged') narratives += o.doc.narratives.length;
      if (!io.isTTY && !opts.quietDocs) {
        io.stdout(outcomeLine(e.file.origin, o) + '\n');
        if (o.status !== 'unchanged') printWarnings(io, o.doc);
      }
    }
    // The first file's bar always shows (with its ETA); later ones at most every 100 ms, and the last one.
    if (io.isTTY) draw(e.done, e.elapsedMs, e.done.files === 1 || e.done.files === totalFiles);
  };
  return { onEvent, finish: clear };
}

/** The summary line: documents, narratives, warnings, and what was skipped and why. */
export function summaryLine(s: IngestSummary, mode: 'import' | 'dry-run' | 'parse'): string {
  const parts: string[] = [];
  if (mode === 'dry-run') parts.push(`${s.parsed} document(s) parsed (dry run: nothing stored)`);
  else if (mode === 'parse') parts.push(`${s.parsed} document(s) parsed`);
  else parts.push(`${s.imported} document(s) imported`, `${s.unchanged} unchanged`);
  parts.push(`${s.narratives} narrative(s)`, `${s.warnings} warning(s)`);
  let line = parts.join(', ');
  const bad = [...s.skipped, ...s.failed];
  if (bad.length) {
    const kinds = new Map<string, number>();
    for (const b of bad) kinds.set(FAILURE_KINDS[b.code], (kinds.get(FAILURE_KINDS[b.code]) ?? 0) + 1);
    line += `; ${bad.length} skipped (${[...kinds].map(([k, n]) => `${n} ${k}`).join(', ')}; see above)`;
  }
  const secs = s.elapsedMs / 1000;
  line += ` — ${formatBytes(s.bytes)} in ${secs < 10 ? secs.toFixed(1) : Math.round(secs)} s`;
  return line;
}

/** An import's garbage collection on a cadence (import memory: src/ingest/memory.ts), when the process can have one. */
function collectorOption(): { collectGarbage?: () => void } {
  const collect = garbageCollector();
  return collect ? { collectGarbage: collect } : {};
}

/** Imports (or, with a dry run, parses) sources and prints progress and the summary; returns the exit code. */
export async function importSources(
  sources: IngestSource[],
  opts: { store?: Store; year?: number; maxBytes?: number; io: CliIO; quietDocs?: boolean; dryRun?: boolean; sourceUrl?: string },
): Promise<{ code: number; summary: IngestSummary }> {
  const { io } = opts;
  const reporter = progressReporter(io, { quietDocs: opts.quietDocs ?? false });
  let summary: IngestSummary;
  try {
    summary = await ingest(sources, {
      ...(opts.store ? { store: opts.store } : {}),
      ...(opts.year !== undefined ? { year: opts.year } : {}),
      ...(opts.maxBytes !== undefined ? { maxBytes: opts.maxBytes } : {}),
      ...(opts.sourceUrl !== undefined ? { sourceUrl: opts.sourceUrl } : {}),
      ...(opts.store ? collectorOption() : {}),
      lookup: lookupFor(io),
      onEvent: reporter.onEvent,
    });
  } finally {
    reporter.finish();
  }
  const nothing = summary.files === 0 && summary.skipped.length === 0;
  if (nothing) io.stderr(`tip-atlas: no files found in ${sources.map((s) => (typeof s === 'string' ? s : s.origin)).join(', ')}\n`);
  io.stdout(summaryLine(summary, opts.store ? 'import' : opts.dryRun ? 'dry-run' : 'parse') + '\n');
  return { code: summary.failed.length || summary.skipped.length || nothing ? 1 : 0, summary };
}

export async function runParse(flags: ParsedFlags, io: CliIO): Promise<number> {
  const year = yearFlag(flags.values.year);
  const maxBytes = sizeFlag(flags.values['max-size']);
  const list = paths(flags);
  if (!flags.values.json) {
    return (await importSources(list, { io, maxBytes, ...(year !== undefined ? { year } : {}) })).code;
  }
  const out: ReturnType<typeof assessmentJson>[] = [];
  let failed = false;
  const summary = await ingest(list, {
    ...(year !== undefined ? { year } : {}),
    ...(maxBytes !== undefined ? { maxBytes } : {}),
    lookup: lookupFor(io),
    onEvent: (e) => {
      if (e.type === 'listed') for (const s of e.skipped) io.stderr(`tip-atlas: ${s.path}: ${failureText(s.reason, s.code)}\n`);
      else if (e.outcome.status === 'failed') io.stderr(`tip-atlas: ${e.file.origin}: ${failureText(e.outcome.reason, e.outcome.code)}\n`);
      else if (e.outcome.status === 'parsed') out.push(...e.outcome.assessments.map(assessmentJson));
    },
  });
  failed = summary.failed.length > 0 || summary.skipped.length > 0;
  io.stdout(JSON.stringify(out, null, 2) + '\n');
  return failed ? 1 : 0;
}

/** `--source-url URL`: an absolute http(s) address, for exactly one file. */
async function sourceUrlFlag(flags: ParsedFlags, list: string[]): Promise<string | undefined> {
  const v = flags.values['source-url'];
  if (v === undefined) return undefined;
  const url = typeof v === 'string' ? httpAddress(v) : null;
  if (!url) throw usageError(`--source-url must be an absolute http(s) address, not "${String(v)}"`);
  const single = list.length === 1 ? await stat(list[0]!).catch(() => undefined) : undefined;
  if (!single?.isFile()) throw usageError('--source-url gives the public address of one file: pass exactly one FILE (not a folder)');
  return url;
}

export async function runImport(flags: ParsedFlags, io: CliIO): Promise<number> {
  const year = yearFlag(flags.values.year);
  const maxBytes = sizeFlag(flags.values['max-size']);
  const list = paths(flags);
  const sourceUrl = await sourceUrlFlag(flags, list);
  const common = { io, maxBytes, ...(year !== undefined ? { year } : {}), ...(sourceUrl ? { sourceUrl } : {}) };
  if (flags.values['dry-run']) {
    return (await importSources(list, { ...common, dryRun: true })).code;
  }
  const store = storeFor(flags, io);
  try {
    return (await importSources(list, { ...common, store })).code;
  } finally {
    store.close();
  }
}
