import Database from 'better-sqlite3';
import { COUNTRIES } from '../../countries/index.js';
import { InputError } from '../../domain/errors.js';
import type { Country, ParseWarning, Span } from '../../domain/types.js';
import { DEFAULT_DATA_DIR, type ShippedDataError } from '../shippedData.js';
import type {
  CountryWithLatest,
  DerivedCountryFacts,
  DerivedFacts,
  DerivedState,
  Deriver,
  ImportOutcome,
  ImportStream,
  RederiveProgress,
  RederiveSummary,
  ReportYearInfo,
  SourceDocument,
  Store,
  StoredAssessment,
  TierConflict,
  TierPlacement,
} from '../types.js';
import { LATEST_SCHEMA_VERSION, migrate, schemaVersion } from './migrations.js';
import { queryGoods, queryUnodc, syncContextFacts } from './context.js';
import type { GoodEntry, UnodcFigure } from '../../domain/context.js';
import { DocumentTextReader } from './documentText.js';
import { SEARCH_BUDGET_MS, searchSqlite } from './search.js';
import { writeSnapshotFile } from './snapshotFile.js';
import type { SearchRequest, SearchResults } from '../search.js';
import { emitWarning, syncShippedFacts } from './shippedFacts.js';
import { ASSESSMENT_COLUMNS, DOCUMENT_COLUMNS, hydrateAssessment, toDocument, toWarning, type AssessmentRow, type DocumentRow, type SpanRow } from './narratives.js';
import * as placements from './placements.js';
import { importDocument } from './importDocument.js';
import { documentDeriver, derivedState, needsRederive, readDerivedCountry, readDerivedNarrative, rederiveAll } from './derived.js';

export { documentLabel } from './narratives.js';

export interface SqliteStoreOptions {
  /** Folder holding the shipped CSVs; default: the package's data/ folder. */
  dataDir?: URL | string;
  /** The country registry to load; default: COUNTRIES from src/countries. */
  countries?: readonly Country[];
  /** How long a write waits for another connection's lock before failing (ms); default 5000. */
  busyTimeoutMs?: number;
  /** Clock for documents' imported_at; default: the system clock. */
  now?: () => Date;
  /**
   * Told when an existing database opens although data/ cannot be read (missing or damaged files): the
   * database keeps the shipped facts it loaded earlier. Default: process.emitWarning (printed on stderr).
   */
  onWarning?: (warning: ShippedDataError) => void;
  /** How long one search may run before it is stopped (ms); default SEARCH_BUDGET_MS. */
  searchBudgetMs?: number;
  /**
   * The derive stage (analysis/derive.ts): run in every import's transaction, and over the whole database when
   * the database holds facts of another derivation version (see rederive). Without one, nothing is derived and
   * readers compute what they need.
   */
  deriver?: Deriver;
  /** Told when opening rederives the database (its derived facts were of another version). */
  onRederive?: (summary: RederiveSummary) => void;
  /** Whether opening with a deriver rederives stale facts; default true (`tip-atlas rederive` opens without it). */
  rederiveOnOpen?: boolean;
  /**
   * Open an existing database read-only (`serve --read-only`, a replica over a copied file): nothing is created,
   * migrated or loaded, and every write fails (SQLite opens it read-only, with query_only on). The file must be at
   * this version's schema. (SQLite's `immutable` flag needs a URI file name, which better-sqlite3 12 does not take.)
   */
  readOnly?: boolean;
}

/**
 * Opens (creating when needed) a SQLite database: WAL journal, foreign keys on, migrations applied, shipped
 * facts loaded into a new database. On an existing database, countries the registry gained are upserted and
 * shipped rows are reloaded when data/ changed (both compared by hash, so an unchanged open writes nothing).
 * With a deriver, derived facts of another version are recomputed (rederive). `path` may be ':memory:'.
 */
export function openSqliteStore(path: string, opts: SqliteStoreOptions = {}): SqliteStore {
  const busy = opts.busyTimeoutMs ?? 5000;
  if (opts.readOnly) return openReadOnly(path, busy, opts);
  let db: Database.Database;
  try {
    db = new Database(path, { timeout: busy });
  } catch (err) {
    throw new InputError(`cannot open database: ${(err as Error).message}`, path);
  }
  try {
    db.pragma(`busy_timeout = ${Math.max(0, Math.floor(busy))}`);
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    db.pragma('foreign_keys = ON');
    migrate(db);
    syncShippedFacts(db, opts.countries ?? COUNTRIES, opts.dataDir ?? DEFAULT_DATA_DIR, opts.onWarning ?? emitWarning);
    syncContextFacts(db, opts.dataDir ?? DEFAULT_DATA_DIR, new Set((opts.countries ?? COUNTRIES).map((c) => c.id)), opts.onWarning ?? emitWarning);
    const store = new SqliteStore(db, opts.now ?? (() => new Date()), opts.searchBudgetMs, opts.deriver);
    if (opts.deriver && opts.rederiveOnOpen !== false && needsRederive((sql) => db.prepare(sql), opts.deriver)) opts.onRederive?.(store.rederive());
    return store;
  } catch (err) {
    db.close();
    throw err;
  }
}

/** See SqliteStoreOptions.readOnly. */
function openReadOnly(path: string, busy: number, opts: SqliteStoreOptions): SqliteStore {
  let db: Database.Database;
  try {
    db = new Database(path, { readonly: true, fileMustExist: true, timeout: busy });
  } catch (err) {
    throw new InputError(`cannot open the database read-only: ${(err as Error).message}`, path);
  }
  try {
    db.pragma('query_only = ON');
    const version = schemaVersion(db);
    if (version !== LATEST_SCHEMA_VERSION) {
      throw new InputError(
        version === 0
          ? 'not a TIP Atlas database (no schema): read-only opens only a database written before'
          : `the database is at schema version ${version} and this version of tip-atlas reads ${LATEST_SCHEMA_VERSION}: ` +
              'open it once without --read-only (any command that writes migrates it), then copy it again',
        path,
      );
    }
    // With a deriver, stale derived facts are reported (derivedState), never rederived: nothing may be written.
    return new SqliteStore(db, opts.now ?? (() => new Date()), opts.searchBudgetMs, opts.deriver);
  } catch (err) {
    db.close();
    throw err;
  }
}

/**
 * The SQLite store: each concern in its own module (placements, narratives, importDocument, derived facts,
 * search, context, snapshots); this class holds the connection and its prepared statements.
 */
export class SqliteStore implements Store {
  private readonly statements = new Map<string, Database.Statement>();
  private readonly texts = new DocumentTextReader((sql) => this.q(sql));
  /** See version(): bumped by imports through this connection and by commits seen from other connections. */
  private changeCount = 0;
  private lastDataVersion: number | undefined;
  private readonly prepare = (sql: string) => this.q(sql);

  /** Use openSqliteStore(). `db` is exposed for diagnostics, tests and benchmarks; the app uses Store. */
  constructor(
    readonly db: Database.Database,
    private readonly now: () => Date = () => new Date(),
    private readonly searchBudgetMs = SEARCH_BUDGET_MS,
    private readonly deriver?: Deriver,
  ) {}

  /** The schema version (PRAGMA user_version). */
  schemaVersion(): number {
    return schemaVersion(this.db);
  }

  goods(filter?: { countryId?: string; good?: string }): GoodEntry[] {
    return queryGoods(this.prepare, filter);
  }

  unodcFigures(countryId?: string): UnodcFigure[] {
    return queryUnodc(this.prepare, countryId);
  }

  /** A prepared statement, prepared once per connection. */
  private q(sql: string): Database.Statement {
    let s = this.statements.get(sql);
    if (!s) {
      s = this.db.prepare(sql);
      this.statements.set(sql, s);
    }
    return s;
  }

  listCountries(): CountryWithLatest[] {
    return placements.listCountries(this.prepare);
  }

  getCountry(id: string): Country | undefined {
    return placements.getCountry(this.prepare, id);
  }

  tierHistory(countryId: string): TierPlacement[] {
    return placements.tierHistory(this.prepare, countryId);
  }

  tierConflicts(countryId: string): TierConflict[] {
    return placements.tierConflicts(this.prepare, countryId);
  }

  placedCountryYears(): { countryId: string; reportYear: number }[] {
    return placements.placedCountryYears(this.prepare);
  }

  placementsForYear(reportYear: number): TierPlacement[] {
    return placements.placementsForYear(this.prepare, reportYear);
  }

  reportYears(): ReportYearInfo[] {
    return placements.reportYears(this.prepare);
  }

  getAssessment(countryId: string, reportYear?: number): StoredAssessment | undefined {
    const id = countryId.trim().toUpperCase();
    const row =
      reportYear === undefined
        ? this.q(
            `SELECT ${ASSESSMENT_COLUMNS} FROM assessments WHERE country_id = ? AND is_current = 1
             ORDER BY report_year DESC LIMIT 1`,
          ).get(id)
        : this.q(
            `SELECT ${ASSESSMENT_COLUMNS} FROM assessments WHERE country_id = ? AND report_year = ? AND is_current = 1`,
          ).get(id, reportYear);
    return row ? hydrateAssessment(this.prepare, row as AssessmentRow) : undefined;
  }

  assessmentYears(countryId: string): number[] {
    return this.q(
      'SELECT DISTINCT report_year FROM assessments WHERE country_id = ? AND is_current = 1 ORDER BY report_year',
    )
      .pluck()
      .all(countryId.trim().toUpperCase()) as number[];
  }

  assessmentHistory(countryId: string, reportYear: number): StoredAssessment[] {
    const rows = this.q(
      `SELECT ${ASSESSMENT_COLUMNS} FROM assessments WHERE country_id = ? AND report_year = ?
       ORDER BY is_current DESC, id DESC`,
    ).all(countryId.trim().toUpperCase(), reportYear) as AssessmentRow[];
    return rows.map((r) => hydrateAssessment(this.prepare, r));
  }

  documents(): SourceDocument[] {
    return (this.q(`SELECT ${DOCUMENT_COLUMNS} FROM documents ORDER BY id`).all() as DocumentRow[]).map(toDocument);
  }

  documentWarnings(documentId: number): ParseWarning[] {
    const rows = this.q(
      `SELECT message, excerpt, span_start, span_end FROM warnings
       WHERE document_id = ? AND assessment_id IS NULL ORDER BY ord`,
    ).all(documentId) as (SpanRow & { message: string; excerpt: string })[];
    return rows.map(toWarning);
  }

  importDocument(input: ImportStream): ImportOutcome {
    const deriver = this.deriver;
    const derive = deriver ? (documentId: number) => documentDeriver(this.prepare, this.texts, deriver, documentId, input.text) : undefined;
    const outcome = importDocument(this.db, this.prepare, input, this.now, derive);
    if (outcome.status === 'imported') this.changeCount++;
    return outcome;
  }

  derivedNarrative(assessmentId: number): DerivedFacts | undefined {
    return readDerivedNarrative(this.prepare, assessmentId);
  }

  derivedCountry(countryId: string): DerivedCountryFacts | undefined {
    return readDerivedCountry(this.prepare, countryId);
  }

  derivedState(): DerivedState {
    return derivedState(this.prepare, this.deriver?.version ?? null);
  }

  rederive(onProgress?: (p: RederiveProgress) => void): RederiveSummary {
    if (!this.deriver) throw new InputError('this store was opened without a deriver: derived facts cannot be recomputed', 'rederive');
    const summary = rederiveAll(this.db, this.prepare, this.texts, this.deriver, onProgress);
    this.changeCount++;
    return summary;
  }

  version(): number {
    // PRAGMA data_version changes when another connection commits (never for this connection's own writes,
    // which importDocument counts itself).
    const dataVersion = this.q('PRAGMA data_version').pluck().get() as number;
    if (dataVersion !== this.lastDataVersion) {
      if (this.lastDataVersion !== undefined) this.changeCount++;
      this.lastDataVersion = dataVersion;
    }
    return this.changeCount;
  }

  writeSnapshot(path: string): Promise<void> {
    return writeSnapshotFile(this.db, path);
  }

  documentText(documentId: number, span?: Span): string | undefined {
    return this.texts.read(documentId, span);
  }

  search(request: SearchRequest): SearchResults {
    return searchSqlite(this.db, (sql) => this.q(sql), request, this.version(), this.searchBudgetMs);
  }

  close(): void {
    if (!this.db.open) return;
    try {
      this.db.pragma('optimize');
    } catch {
      // best effort only
    }
    this.db.close();
  }
}
