import type { Assessment, ImportInput, ImportOutcome, ImportStream, InputErrorCode, ParseWarning, ParseWarningCode } from '../domain/index.js';
import { InputError, isPlausibleReportYear } from '../domain/index.js';
import type { CountryLookup, HeadingProblem } from './headings.js';
import { checkAssessmentSizes, checkNarrativeSize } from './limits.js';
import { defaultLookup } from './lookup.js';
import { parseNarrative } from './parseNarrative.js';
import type { RawDocument } from './read.js';
import { sha256Of } from './read.js';
import type { YearMention } from './reportYear.js';
import { findReportYears, yearOfSource } from './reportYear.js';
import type { SkippedPath, SourceFile } from './sources.js';
import { DEFAULT_MAX_BYTES, listSources, readSource } from './sources.js';
import { splitNarratives, type RawNarrative } from './splitNarratives.js';
import { excerptOf } from '../text/index.js';
import { publicAddressOf } from './publicAddress.js';
import { collectionCadence } from './memory.js';
import { takeText, toText } from './toText/index.js';
import type { TextDocument } from './toText/index.js';

type Cadence = ReturnType<typeof collectionCadence>;

/** The warning a problem heading gives in a document that also holds known countries. */
const PROBLEM_WARNING: Record<HeadingProblem['kind'], ParseWarningCode> = {
  'unknown-country': 'unknown-country-heading',
  'invalid-tier': 'invalid-tier-heading',
  'no-country': 'heading-without-country',
};

export interface ParseOptions {
  /** The report year, when the text does not say it (or to override what it says, with a warning). */
  year?: number;
  lookup?: CountryLookup;
  /** The report year the document's address names (reportYearFromAddress), used when the text names none. */
  addressYear?: number;
  /** The document's public address (`import --source-url`), over any it states itself (see publicAddress.ts). */
  sourceUrl?: string;
}

export interface TextParseOptions extends ParseOptions {
  /** The page title (HTML <title>, PDF metadata): may name the country of a lone tier heading, and the year. */
  title?: string;
  /** Default text/plain. */
  mediaType?: string;
  /** Warnings from reading the document (e.g. PDF pages without text), kept with the document's own. */
  warnings?: ParseWarning[];
  /** The address an HTML page states for itself (canonical link, og:url). */
  pageAddress?: string;
}

/** A document turned into assessments: what the store imports (the text every span points into), and its title. */
export interface ParsedDocument extends ImportInput {
  /** The page title, when the document has one (HTML, PDF). */
  title?: string;
  /** Document-level warnings (text before the first heading, …); each assessment has its own too. */
  warnings: ParseWarning[];
}

/**
 * bytes → text (plain text, HTML or PDF, told apart by their bytes) → narratives → assessments. Throws InputError
 * (naming the file) when the document cannot yield any assessment: empty, binary, damaged, encrypted, a PDF
 * without text, no country heading, an unknown country, no report year.
 */
export async function parseDocument(doc: RawDocument, options: ParseOptions = {}): Promise<ParsedDocument> {
  const t = await toText(doc.bytes, doc.origin);
  return parseText(t.text, doc.origin, doc.sha256, textParseOptions(t, options));
}

/** What a document's text says of itself (media type, title, its own address, reading warnings), for planText. */
function textParseOptions(t: TextDocument, options: ParseOptions): TextParseOptions {
  return {
    ...options,
    mediaType: t.mediaType,
    ...(t.title ? { title: t.title } : {}),
    ...(t.address ? { pageAddress: t.address } : {}),
    warnings: t.warnings,
  };
}

/**
 * The problem headings of a document as warnings; throws when it holds no narrative at all (an unknown country,
 * an invalid tier, or no heading). In a document that also holds known countries (a full report), a problem
 * heading is reported, not fatal: an unknown country or an invalid tier anywhere, a lone tier line where it ends
 * a narrative (its text is dropped).
 */
function headingProblems(split: ReturnType<typeof splitNarratives>, origin: string): ParseWarning[] {
  const warnings: ParseWarning[] = [];
  const unknown = split.problems.filter((p) => p.kind === 'unknown-country');
  if (unknown.length && split.narratives.length === 0) {
    const u = unknown[0]!;
    const near = u.suggestions?.length ? `; closest known names: ${u.suggestions.join(', ')}` : '';
    throw new InputError(`${u.message} in "${excerptOf(u.raw, 80)}"${near}`, origin, 'no-country-heading');
  }
  const narrativeEnds = new Set(split.narratives.map((n) => n.span.end));
  for (const p of split.problems) {
    if (p.kind === 'no-country' && !narrativeEnds.has(p.span.start)) continue;
    const near = p.suggestions?.length ? ` (closest known names: ${p.suggestions.join(', ')})` : '';
    const lost = p.kind === 'no-country' ? 'the text from it to the next heading is not imported' : 'its narrative is not imported';
    warnings.push({ code: PROBLEM_WARNING[p.kind], message: `${p.message}${near}: ${lost}`, excerpt: excerptOf(p.raw, 80), span: p.span });
  }
  if (split.narratives.length === 0) {
    const problem = split.problems[0];
    throw new InputError(
      problem
        ? `${problem.message}: "${excerptOf(problem.raw, 60)}"`
        : 'no country heading found (expected e.g. "TAJIKISTAN (Tier 2)" or "THAILAND: Tier 2")',
      origin,
      problem?.kind === 'invalid-tier' ? 'invalid-tier-heading' : 'no-country-heading',
    );
  }
  return warnings;
}

/** A narrative found in a document, with its report year settled (and the warnings saying how), not yet parsed. */
interface FoundNarrative {
  raw: RawNarrative;
  year: number;
  yearWarnings: ParseWarning[];
}

/**
 * A document split into narratives whose report years are settled, each parsed only when asked (`parse(i)`): the
 * import parses, stores and drops them one at a time (import memory). Every check that needs no parse (report
 * year, narrative size) has run: only a narrative's own parse or section sizes can still fail.
 */
export interface PlannedDocument extends Omit<ParsedDocument, 'assessments'> {
  narratives: number;
  /** Parses narrative `i` (0-based) into an assessment, checked against the size limits. */
  parse(i: number): Assessment;
}

/** What the report year of each narrative is read from (see planText). */
interface YearContext {
  options: TextParseOptions;
  origin: string;
  many: boolean;
  titleYear: YearMention | undefined;
  cover: YearMention | undefined;
  mentions: YearMention[];
  allMentions: YearMention[];
}

const headingEndOf = (raw: RawNarrative) => Math.max(raw.bodyStart, raw.headingTail.end);

/**
 * One rule for every document: the narrative's heading line names its report; else the page title; else the text
 * before the heading (a whole report's cover, or the mention nearest a lone narrative's heading). Sources that
 * disagree with the one used are quoted in a warning.
 */
function yearOf(raw: RawNarrative, c: YearContext): FoundNarrative {
  const { options, many, titleYear, cover, mentions } = c;
  const spanOf = (m: YearMention) => (m === titleYear ? {} : { span: m.span });
  const headingEnd = headingEndOf(raw);
  const inHeading = mentions.find((m) => m.span.start >= raw.heading.span.start && m.span.end <= headingEnd);
  const before = mentions.filter((m) => m.span.end <= raw.heading.span.start);
  const nearest = before[before.length - 1];
  const textYear = many ? (titleYear ? undefined : (cover ?? nearest)) : nearest;
  const sources: { m: YearMention; where: string }[] = [];
  if (inHeading) sources.push({ m: inHeading, where: 'the heading' });
  if (titleYear) sources.push({ m: titleYear, where: 'the page title' });
  if (textYear) sources.push({ m: textYear, where: many && cover ? 'the cover' : 'the text before the heading' });
  const found = sources[0]?.m;
  const yearWarnings: ParseWarning[] = [];
  let year: number;
  if (options.year !== undefined) {
    year = options.year;
    if (found && found.year !== year) {
      yearWarnings.push({ code: 'report-year-overridden', message: `report year ${year} given, but the text names the ${found.year} report`, excerpt: found.raw, ...spanOf(found) });
    }
  } else if (found) {
    year = found.year;
    const disagree = sources.filter((s) => s.m.year !== year);
    if (disagree.length) {
      const others = disagree.map((s) => `${s.where} names ${s.m.year} ("${s.m.raw}")`).join(' and ');
      yearWarnings.push({
        code: 'report-year-disagrees',
        message: `report year ${year} is read from ${sources[0]!.where} ("${found.raw}"), but ${others}`,
        excerpt: found.raw,
        ...spanOf(found),
      });
    }
    const several = found === nearest ? [...new Set(before.map((m) => m.year))].filter((y) => y !== year) : [];
    if (several.length) {
      yearWarnings.push({
        code: 'several-report-years',
        message: `the text names several report years (${[year, ...several].join(', ')}); used ${year}, the one nearest the heading`,
        excerpt: found.raw,
        span: found.span,
      });
    }
  } else if (options.addressYear !== undefined) {
    year = options.addressYear;
  } else {
    const bad = c.allMentions.find((m) => !m.plausible);
    if (bad) throw new InputError(`the text names report year ${bad.year} ("${bad.raw}"), outside 2001–2030`, c.origin, 'report-year-unknown');
    throw new InputError(
      `the text does not say its report year (no "2023 TIP Report" or "2023 Trafficking in Persons Report")`,
      c.origin,
      'report-year-unknown',
    );
  }
  return { raw, year, yearWarnings };
}

/**
 * Splits a document into narratives and settles each one's report year (see PlannedDocument); throws InputError
 * when it holds none, or a narrative's year is not known, or a narrative is over the size limit.
 */
export function planText(text: string, origin: string, sha256: string, options: TextParseOptions = {}): PlannedDocument {
  const lookup = options.lookup ?? defaultLookup;
  if (options.year !== undefined && !isPlausibleReportYear(options.year)) {
    throw new InputError(`report year ${options.year} is outside 2001–2030`, origin, 'report-year-out-of-range');
  }
  const split = splitNarratives(text, lookup, options.title ? { title: options.title } : {});
  const warnings = [...(options.warnings ?? []), ...split.warnings];
  warnings.push(...headingProblems(split, origin));
  const titleYear = options.title ? findReportYears(options.title).find((m) => m.plausible) : undefined;
  const firstHeading = split.narratives[0]!.heading.span.start;
  const front = findReportYears(text, 0, firstHeading);
  const cover = front.find((m) => m.plausible);
  const many = split.narratives.length > 1;
  // A whole report with a year of its own: only the heading lines can name another (narratives cite other reports).
  const allMentions =
    many && (cover ?? titleYear)
      ? [...front, ...split.narratives.flatMap((raw) => findReportYears(text, raw.heading.span.start, headingEndOf(raw)))]
      : findReportYears(text);
  const mentions = allMentions.filter((m) => m.plausible);
  // A whole report's title and cover are read once: when they disagree the title is used, and that is said once.
  if (many && options.year === undefined && titleYear && cover && titleYear.year !== cover.year) {
    warnings.push({
      code: 'report-year-disagrees',
      message: `report year ${titleYear.year} is read from the page title ("${titleYear.raw}"), but the cover names ${cover.year} ("${cover.raw}")`,
      excerpt: titleYear.raw,
    });
  }
  const context: YearContext = { options, origin, many, titleYear, cover, mentions, allMentions };
  const found = split.narratives.map((raw) => {
    const n = yearOf(raw, context);
    checkNarrativeSize(raw, origin);
    return n;
  });
  const years = new Set(found.map((n) => n.year));
  return {
    origin,
    publicUrl: publicAddressOf({ origin, text, pageAddress: options.pageAddress ?? null, given: options.sourceUrl ?? null }),
    sha256,
    mediaType: options.mediaType ?? 'text/plain',
    ...(options.title ? { title: options.title } : {}),
    text,
    reportYear: years.size === 1 ? found[0]!.year : null,
    warnings,
    narratives: found.length,
    parse(i) {
      const { raw, year, yearWarnings } = found[i]!;
      const a = parseNarrative(text, raw, { file: origin, reportYear: year });
      checkAssessmentSizes(a, origin);
      a.warnings.unshift(...yearWarnings);
      return a;
    },
  };
}

/** Every narrative of a planned document, parsed. */
function parseAll(plan: Pick<PlannedDocument, 'narratives' | 'parse'>): Assessment[] {
  return Array.from({ length: plan.narratives }, (_, i) => plan.parse(i));
}

/** A document parsed whole: every narrative (planText, then each parsed). */
export function parseText(text: string, origin: string, sha256: string, options: TextParseOptions = {}): ParsedDocument {
  const { narratives, parse, warnings, ...doc } = planText(text, origin, sha256, options);
  // The keys in the order they always had (golden files hold the document as JSON).
  return { ...doc, assessments: parseAll({ narratives, parse }), warnings };
}

// ---------------------------------------------------------------------------------------------------------
// Many files

/** The part of the store an import needs (the SQLite store, or a stand-in in tests). */
export interface ImportTarget {
  importDocument(input: ImportStream): ImportOutcome;
}

/** What an import keeps of a narrative once stored: what the import line and its warnings show. */
export interface NarrativeSummary {
  countryId: string;
  countryName: string;
  reportYear: number;
  tier: Assessment['tier'];
  tierAsterisk: boolean;
  /** How many recommendations and sections it has. */
  recommendations: number;
  sections: number;
  warnings: ParseWarning[];
}

/** A document as the import line reports it: its warnings, and a summary of each narrative. */
export interface DocumentSummary {
  origin: string;
  warnings: ParseWarning[];
  narratives: NarrativeSummary[];
}

export function summaryOf(a: Assessment): NarrativeSummary {
  return {
    countryId: a.countryId,
    countryName: a.countryName,
    reportYear: a.reportYear,
    tier: a.tier,
    tierAsterisk: a.tierAsterisk,
    recommendations: a.recommendations.length,
    sections: a.sections.length,
    warnings: a.warnings,
  };
}

export type FileOutcome =
  | { status: 'imported'; doc: DocumentSummary; documentId: number; replaced: number; notShown?: number }
  | { status: 'unchanged'; documentId: number }
  | { status: 'parsed'; doc: DocumentSummary; assessments: Assessment[] }
  | { status: 'failed'; reason: string; code: InputErrorCode };

/** What happens during an import, for progress displays and logs (tests pass nothing and stay silent). */
export type IngestEvent =
  | { type: 'listed'; files: number; bytes: number; skipped: SkippedPath[] }
  | { type: 'file'; index: number; file: SourceFile; outcome: FileOutcome; done: { files: number; bytes: number }; elapsedMs: number };

export interface IngestOptions extends ParseOptions {
  /** Where documents go; absent: parse only (a dry run). */
  store?: ImportTarget;
  /** Largest file read (default 96 MB: DEFAULT_MAX_BYTES). */
  maxBytes?: number;
  onEvent?: (e: IngestEvent) => void;
  /** Clock for elapsed times (tests). */
  now?: () => number;
  /**
   * A full garbage collection (the CLI's import passes garbageCollector()): called while storing, once every
   * COLLECT_EVERY_CHARS characters of text read or stored, so that the garbage of narratives already stored stays
   * bounded (import memory). Absent: V8 collects when it decides.
   */
  collectGarbage?: () => void;
}

export interface IngestSummary {
  /** Files read and parsed. */
  files: number;
  bytes: number;
  imported: number;
  unchanged: number;
  /** Parsed without storing (dry run). */
  parsed: number;
  narratives: number;
  warnings: number;
  /** Files that were found but could not be imported, and why. */
  failed: SkippedPath[];
  /** Paths that were not read at all (missing, unreadable, not a file, too large), and why. */
  skipped: SkippedPath[];
  elapsedMs: number;
}

/** Sources as paths, or as files with the origin to record (a fetched page's URL). */
export type IngestSource = string | SourceFile;

function warningCount(doc: DocumentSummary): number {
  return doc.warnings.length + doc.narratives.reduce((n, a) => n + a.warnings.length, 0);
}

/**
 * Reads one file, checks its size and reads what its bytes say beside the text (report year, sha256). The bytes are
 * returned in a holder that the text is then taken from (takeText), so that no one else holds them.
 */
async function readChecked(file: SourceFile, maxBytes: number, parseOptions: ParseOptions) {
  const bytes = await readSource(file, maxBytes);
  const addressYear = parseOptions.year === undefined ? yearOfSource(file, bytes) : undefined;
  return { held: { bytes: bytes as Uint8Array | undefined }, sha256: sha256Of(bytes), addressYear };
}

/**
 * Reads one file and plans its parse (planText). The file's bytes are garbage once decoded (an HTML page's before its
 * text is built; a collection runs then): the import then holds the text and one parsed narrative at a time (import
 * memory; bench/bounds.ts).
 */
async function readAndPlan(file: SourceFile, maxBytes: number, parseOptions: ParseOptions, cadence: Cadence): Promise<PlannedDocument> {
  const { held, sha256, addressYear } = await readChecked(file, maxBytes, parseOptions);
  const t = await takeText(held, file.origin, { onPart: (chars) => cadence.count(chars), onDecoded: () => cadence.now() });
  const options = addressYear === undefined ? parseOptions : { ...parseOptions, addressYear };
  return planText(t.text, file.origin, sha256, textParseOptions(t, options));
}

/**
 * The document as the store takes it: its narratives parsed one at a time as the store iterates them, each one's
 * summary added to `summaries` (the store keeps none of them: import memory).
 */
function streamOf(plan: PlannedDocument, summaries: NarrativeSummary[], cadence: Cadence): ImportStream {
  const { narratives, parse, ...doc } = plan;
  return {
    ...doc,
    // Deriving each country after the narratives reads them back: that garbage counts too.
    countGarbage: (chars) => cadence.count(chars),
    assessments: {
      length: narratives,
      *[Symbol.iterator]() {
        summaries.length = 0;
        for (let i = 0; i < narratives; i++) {
          const a = parse(i);
          summaries.push(summaryOf(a));
          yield a;
          // The store is done with it: its garbage counts towards the next collection.
          cadence.count(a.source.end - a.source.start);
        }
      },
    },
  };
}

/** Parses (and with a store, stores) one file. */
async function ingestFile(file: SourceFile, maxBytes: number, parseOptions: ParseOptions, store: ImportTarget | undefined, cadence: Cadence): Promise<FileOutcome> {
  const plan = await readAndPlan(file, maxBytes, parseOptions, cadence);
  const summaries: NarrativeSummary[] = [];
  if (!store) {
    const assessments = parseAll(plan);
    return { status: 'parsed', doc: { origin: plan.origin, warnings: plan.warnings, narratives: assessments.map(summaryOf) }, assessments };
  }
  // Reading and splitting left garbage in proportion to the text: collected before the store copies the text.
  cadence.count(plan.text.length);
  const stored = store.importDocument(streamOf(plan, summaries, cadence));
  if (stored.status === 'unchanged') return { status: 'unchanged', documentId: stored.documentId };
  // What only the store can see (two narratives of one country and year) is reported like a parse doubt.
  const doc: DocumentSummary = { origin: plan.origin, warnings: [...plan.warnings, ...(stored.warnings ?? [])], narratives: summaries };
  return { status: 'imported', doc, documentId: stored.documentId, replaced: stored.replaced, ...(stored.notShown ? { notShown: stored.notShown } : {}) };
}

/**
 * Imports files and folders (recursively, any mix of text, HTML and PDF): each file is read, parsed and stored in
 * one transaction; a file that fails is reported with its reason and the others go on. Effects (progress, log
 * lines) go through `onEvent`.
 */
export async function ingest(sources: IngestSource[], options: IngestOptions = {}): Promise<IngestSummary> {
  const now = options.now ?? (() => performance.now());
  const t0 = now();
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
  const paths = sources.filter((s): s is string => typeof s === 'string');
  const listed = await listSources(paths, maxBytes);
  const files = [...listed.files, ...sources.filter((s): s is SourceFile => typeof s !== 'string')];
  const totalBytes = files.reduce((n, f) => n + f.size, 0);
  options.onEvent?.({ type: 'listed', files: files.length, bytes: totalBytes, skipped: listed.skipped });
  const summary: IngestSummary = {
    files: 0, bytes: 0, imported: 0, unchanged: 0, parsed: 0, narratives: 0, warnings: 0,
    failed: [], skipped: listed.skipped, elapsedMs: 0,
  };
  const parseOptions: ParseOptions = {
    ...(options.year !== undefined ? { year: options.year } : {}),
    ...(options.lookup ? { lookup: options.lookup } : {}),
    ...(options.sourceUrl !== undefined ? { sourceUrl: options.sourceUrl } : {}),
  };
  const cadence = collectionCadence(options.collectGarbage);
  for (const [index, file] of files.entries()) {
    let outcome: FileOutcome;
    try {
      outcome = await ingestFile(file, maxBytes, parseOptions, options.store, cadence);
    } catch (e) {
      if (!(e instanceof InputError)) throw e;
      const prefix = `${file.origin}: `;
      outcome = { status: 'failed', reason: e.message.startsWith(prefix) ? e.message.slice(prefix.length) : e.message, code: e.code };
    }
    summary.files++;
    summary.bytes += file.size;
    if (outcome.status === 'failed') summary.failed.push({ path: file.origin, reason: outcome.reason, code: outcome.code });
    else {
      if (outcome.status === 'imported') summary.imported++;
      else if (outcome.status === 'unchanged') summary.unchanged++;
      else summary.parsed++;
      if (outcome.status !== 'unchanged') {
        summary.narratives += outcome.doc.narratives.length;
        summary.warnings += warningCount(outcome.doc);
      }
    }
    options.onEvent?.({ type: 'file', index, file, outcome, done: { files: summary.files, bytes: summary.bytes }, elapsedMs: now() - t0 });
  }
  summary.elapsedMs = now() - t0;
  return summary;
}
