import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';
import Database from 'better-sqlite3';
import { COUNTRIES, normalizeCountryName } from '../../countries/index.js';
import { InputError } from '../../domain/errors.js';
import { CUT_SHORT_WARNINGS, bestVersion } from '../../domain/index.js';
import { isPlausibleReportYear } from '../../domain/reportYears.js';
import { isTier, type Tier } from '../../domain/tiers.js';
import type {
  Assessment,
  Country,
  ParseWarning,
  RegionCode,
  Section,
  SectionKind,
  Span,
  TierStatement,
} from '../../domain/types.js';
import { DEFAULT_DATA_DIR, readShippedData, ShippedDataError, type ShippedData } from '../shippedData.js';
import type {
  CountryWithLatest,
  ImportInput,
  ImportOutcome,
  ReportYearInfo,
  SourceDocument,
  Store,
  StoredAssessment,
  TierConflict,
  TierPlacement,
} from '../types.js';
import { INDEX_DOCUMENT_SQL, LATEST_SCHEMA_VERSION, migrate, schemaVersion } from './migrations.js';
import { queryGoods, queryUnodc, syncContextFacts } from './context.js';
import type { GoodEntry, UnodcFigure } from '../../domain/context.js';
import { DocumentTextReader } from './documentText.js';
import { SEARCH_BUDGET_MS, searchSqlite } from './search.js';
import { chooseCurrent } from './versions.js';
import { writeSnapshotFile } from './snapshotFile.js';
import type { SearchRequest, SearchResults } from '../search.js';

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
 * `path` may be ':memory:'.
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
    return new SqliteStore(db, opts.now ?? (() => new Date()), opts.searchBudgetMs);
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
    return new SqliteStore(db, opts.now ?? (() => new Date()), opts.searchBudgetMs);
  } catch (err) {
    db.close();
    throw err;
  }
}

// ---------------------------------------------------------------------------------------------------------
// Shipped facts

/** better-sqlite3's entry file, for the worker that copies the database (snapshotFile.ts). */
const BETTER_SQLITE3 = createRequire(import.meta.url).resolve('better-sqlite3');

const META_COUNTRIES_HASH = 'countries_hash';
const META_SHIPPED_HASH = 'shipped_data_hash';

function emitWarning(warning: ShippedDataError): void {
  process.emitWarning(warning.message, { type: warning.name, code: 'TIP_ATLAS_SHIPPED_DATA' });
}

function countriesHash(countries: readonly Country[]): string {
  const canonical = [...countries]
    .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
    .map((c) => [c.id, c.name, c.region, c.slug, c.aliases, c.firstReportYear ?? null, c.lastReportYear ?? null]);
  return createHash('sha256').update(JSON.stringify(canonical)).digest('hex');
}

function getMeta(db: Database.Database, key: string): string | undefined {
  const row = db.prepare('SELECT value FROM meta WHERE key = ?').get(key) as { value: string } | undefined;
  return row?.value;
}

function setMeta(db: Database.Database, key: string, value: string): void {
  db.prepare('INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value').run(
    key,
    value,
  );
}

/** Registry upsert and shipped-data load, in one transaction, only when something changed. */
function syncShippedFacts(
  db: Database.Database,
  countries: readonly Country[],
  dataDir: URL | string,
  warn: (warning: ShippedDataError) => void,
): void {
  const cHash = countriesHash(countries);
  let shipped: ShippedData | undefined;
  let readError: unknown;
  try {
    shipped = readShippedData(dataDir, new Set(countries.map((c) => c.id)));
  } catch (err) {
    readError = err;
  }
  const storedShipped = getMeta(db, META_SHIPPED_HASH);
  if (!shipped && storedShipped === undefined) throw readError; // a new database needs its shipped facts
  if (!shipped) {
    // An existing database whose data/ cannot be read keeps the shipped rows it has, and says so.
    const reason = readError instanceof Error ? readError.message : String(readError);
    warn(new ShippedDataError(`the shipped data cannot be read; keeping the shipped facts loaded earlier: ${reason}`));
  }
  const needCountries = getMeta(db, META_COUNTRIES_HASH) !== cHash;
  const needShipped = shipped !== undefined && storedShipped !== shipped.hash;
  if (!needCountries && !needShipped) return;

  db.transaction(() => {
    if (getMeta(db, META_COUNTRIES_HASH) !== cHash) {
      const upsert = db.prepare(
        `INSERT INTO countries (id, name, region, slug, aliases, first_report_year, last_report_year)
         VALUES (?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT(id) DO UPDATE SET name = excluded.name, region = excluded.region, slug = excluded.slug,
           aliases = excluded.aliases, first_report_year = excluded.first_report_year,
           last_report_year = excluded.last_report_year`,
      );
      for (const c of countries) {
        const { id, name, region, slug, aliases, firstReportYear, lastReportYear } = c;
        upsert.run(id, name, region, slug, JSON.stringify(aliases), firstReportYear ?? null, lastReportYear ?? null);
      }
      setMeta(db, META_COUNTRIES_HASH, cHash);
    }
    if (shipped && getMeta(db, META_SHIPPED_HASH) !== shipped.hash) {
      db.exec('DELETE FROM tier_placements; DELETE FROM report_years; DELETE FROM tier_conflicts;');
      const insPlacement = db.prepare(
        `INSERT INTO tier_placements (report_year, country_id, tier, asterisk, basis, source)
         VALUES (?, ?, ?, ?, ?, ?)`,
      );
      for (const p of shipped.placements) {
        insPlacement.run(p.reportYear, p.countryId, p.tier, p.asterisk ? 1 : 0, p.basis, p.source);
      }
      const insYear = db.prepare(
        'INSERT INTO report_years (report_year, complete, countries_in_report) VALUES (?, ?, ?)',
      );
      for (const y of shipped.reportYears) insYear.run(y.reportYear, y.complete ? 1 : 0, y.countriesInReport);
      const insConflict = db.prepare('INSERT INTO tier_conflicts (report_year, country_id, sightings) VALUES (?, ?, ?)');
      for (const c of shipped.conflicts) insConflict.run(c.reportYear, c.countryId, c.sightings);
      setMeta(db, META_SHIPPED_HASH, shipped.hash);
    }
  }).immediate();
}

// ---------------------------------------------------------------------------------------------------------
// Rows

interface CountryRow {
  id: string;
  name: string;
  region: string;
  slug: string;
  aliases: string;
  first_report_year: number | null;
  last_report_year: number | null;
}

const COUNTRY_COLUMNS = 'id, name, region, slug, aliases, first_report_year, last_report_year';

interface ShippedRow {
  country_id: string;
  report_year: number;
  tier: Tier;
  asterisk: number;
  basis: string;
  source: string;
}

const SHIPPED_COLUMNS = 'country_id, report_year, tier, asterisk, basis, source';

/** How an imported placement is known: read from the heading of that year's narrative (see data/SOURCES.md). */
const IMPORTED_BASIS = 'narrative';

interface ImportedRow {
  country_id: string;
  report_year: number;
  tier: Tier;
  tier_asterisk: number;
  document_id: number;
  public_url: string | null;
}

interface DocumentRow {
  id: number;
  sha256: string;
  origin: string;
  media_type: string;
  imported_at: string;
  report_year: number | null;
  public_url: string | null;
}

interface AssessmentRow {
  id: number;
  document_id: number;
  country_id: string;
  country_name: string;
  report_year: number;
  tier: Tier | null;
  tier_asterisk: number;
  tier_statement: string | null;
  summary: string | null;
  source_file: string;
  source_start: number;
  source_end: number;
  is_current: number;
}

interface SpanRow {
  span_start: number | null;
  span_end: number | null;
}

const DOCUMENT_COLUMNS = 'id, sha256, origin, media_type, imported_at, report_year, public_url';
const ASSESSMENT_COLUMNS = `id, document_id, country_id, country_name, report_year, tier, tier_asterisk,
  tier_statement, summary, source_file, source_start, source_end, is_current`;
const IMPORTED_PLACEMENT_SELECT = `SELECT a.country_id, a.report_year, a.tier, a.tier_asterisk, a.document_id, d.public_url
  FROM assessments a JOIN documents d ON d.id = a.document_id
  WHERE a.is_current = 1 AND a.tier IS NOT NULL`;

/** Sort key of a country name, the registry's own (accents and punctuation folded), memoised. */
const nameKeys = new Map<string, string>();
function nameKey(name: string): string {
  let k = nameKeys.get(name);
  if (k === undefined) {
    k = normalizeCountryName(name);
    nameKeys.set(name, k);
  }
  return k;
}

/** Orders like COUNTRIES: by normalised name, then id. */
function compareByName(a: { name: string; id: string }, b: { name: string; id: string }): number {
  const ka = nameKey(a.name);
  const kb = nameKey(b.name);
  return ka < kb ? -1 : ka > kb ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

function toCountry(r: CountryRow): Country {
  const c: Country = { id: r.id, name: r.name, aliases: JSON.parse(r.aliases) as string[], region: r.region as RegionCode, slug: r.slug };
  if (r.first_report_year !== null) c.firstReportYear = r.first_report_year;
  if (r.last_report_year !== null) c.lastReportYear = r.last_report_year;
  return c;
}

function toDocument(r: DocumentRow): SourceDocument {
  return {
    id: r.id,
    sha256: r.sha256,
    origin: r.origin,
    mediaType: r.media_type,
    importedAt: r.imported_at,
    reportYear: r.report_year,
    publicUrl: r.public_url,
  };
}

/** How readers see an imported document: its public address, never the local path it was read from. */
export function documentLabel(d: { id: number; publicUrl: string | null }): string {
  return d.publicUrl ?? `imported document ${d.id} (no public address)`;
}

function spanOf(r: SpanRow): Span | undefined {
  return r.span_start === null || r.span_end === null ? undefined : { start: r.span_start, end: r.span_end };
}

function shippedPlacement(r: ShippedRow): TierPlacement {
  return {
    countryId: r.country_id,
    reportYear: r.report_year,
    tier: r.tier,
    asterisk: r.asterisk === 1,
    origin: 'shipped',
    basis: r.basis,
    source: r.source,
  };
}

/** The imported placement, noting the shipped tier it overrides when they differ. */
function importedPlacement(r: ImportedRow, shipped: ShippedRow | undefined): TierPlacement {
  const p: TierPlacement = {
    countryId: r.country_id,
    reportYear: r.report_year,
    tier: r.tier,
    asterisk: r.tier_asterisk === 1,
    origin: 'imported',
    basis: IMPORTED_BASIS,
    source: documentLabel({ id: r.document_id, publicUrl: r.public_url }),
    documentId: r.document_id,
  };
  if (shipped && shipped.tier !== r.tier) p.supersededShippedTier = shipped.tier;
  return p;
}

/** Shipped and imported placements, one per country-year, imported superseding shipped. */
function mergePlacements(shipped: ShippedRow[], imported: ImportedRow[]): TierPlacement[] {
  const key = (r: { country_id: string; report_year: number }) => `${r.report_year} ${r.country_id}`;
  const shippedByKey = new Map(shipped.map((r) => [key(r), r]));
  const out = new Map<string, TierPlacement>();
  for (const r of shipped) out.set(key(r), shippedPlacement(r));
  for (const r of imported) out.set(key(r), importedPlacement(r, shippedByKey.get(key(r))));
  return [...out.values()];
}

// ---------------------------------------------------------------------------------------------------------
// The store

export class SqliteStore implements Store {
  private readonly statements = new Map<string, Database.Statement>();
  private readonly texts = new DocumentTextReader((sql) => this.q(sql));
  /** See version(): bumped by imports through this connection and by commits seen from other connections. */
  private changeCount = 0;
  private lastDataVersion: number | undefined;

  /** Use openSqliteStore(). `db` is exposed for diagnostics, tests and benchmarks; the app uses Store. */
  constructor(
    readonly db: Database.Database,
    private readonly now: () => Date = () => new Date(),
    private readonly searchBudgetMs = SEARCH_BUDGET_MS,
  ) {}

  /** The schema version (PRAGMA user_version). */
  schemaVersion(): number {
    return schemaVersion(this.db);
  }

  goods(filter?: { countryId?: string; good?: string }): GoodEntry[] {
    return queryGoods((sql) => this.q(sql), filter);
  }

  unodcFigures(countryId?: string): UnodcFigure[] {
    return queryUnodc((sql) => this.q(sql), countryId);
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
    const countries = (this.q(`SELECT ${COUNTRY_COLUMNS} FROM countries`).all() as CountryRow[]).map(toCountry);
    const shipped = this.q(
      `SELECT p.country_id, p.report_year, p.tier, p.asterisk, p.basis, p.source FROM tier_placements p
       JOIN (SELECT country_id, max(report_year) AS y FROM tier_placements GROUP BY country_id) m
         ON m.country_id = p.country_id AND m.y = p.report_year`,
    ).all() as ShippedRow[];
    const imported = this.q(
      `${IMPORTED_PLACEMENT_SELECT} AND a.report_year = (SELECT max(b.report_year) FROM assessments b
         WHERE b.country_id = a.country_id AND b.is_current = 1 AND b.tier IS NOT NULL)`,
    ).all() as ImportedRow[];
    const shippedBy = new Map(shipped.map((r) => [r.country_id, r]));
    const importedBy = new Map(imported.map((r) => [r.country_id, r]));
    return countries
      .map((c): CountryWithLatest => {
        const s = shippedBy.get(c.id);
        const i = importedBy.get(c.id);
        let latest: TierPlacement | null = null;
        if (i && (!s || i.report_year >= s.report_year)) {
          latest = importedPlacement(i, s && s.report_year === i.report_year ? s : undefined);
        } else if (s) {
          latest = shippedPlacement(s);
        }
        return { ...c, latest };
      })
      .sort(compareByName);
  }

  getCountry(id: string): Country | undefined {
    const row = this.q(`SELECT ${COUNTRY_COLUMNS} FROM countries WHERE id = ?`).get(
      id.trim().toUpperCase(),
    ) as CountryRow | undefined;
    return row ? toCountry(row) : undefined;
  }

  tierHistory(countryId: string): TierPlacement[] {
    const id = countryId.trim().toUpperCase();
    const shipped = this.q(`SELECT ${SHIPPED_COLUMNS} FROM tier_placements WHERE country_id = ?`).all(id) as ShippedRow[];
    const imported = this.q(`${IMPORTED_PLACEMENT_SELECT} AND a.country_id = ?`).all(id) as ImportedRow[];
    return mergePlacements(shipped, imported).sort((a, b) => a.reportYear - b.reportYear);
  }

  tierConflicts(countryId: string): TierConflict[] {
    return this.q('SELECT report_year AS reportYear, sightings FROM tier_conflicts WHERE country_id = ? ORDER BY report_year').all(
      countryId.trim().toUpperCase(),
    ) as TierConflict[];
  }

  /** Ordered by country name. */
  placementsForYear(reportYear: number): TierPlacement[] {
    const shipped = this.q(`SELECT ${SHIPPED_COLUMNS} FROM tier_placements WHERE report_year = ?`).all(
      reportYear,
    ) as ShippedRow[];
    const imported = this.q(`${IMPORTED_PLACEMENT_SELECT} AND a.report_year = ?`).all(reportYear) as ImportedRow[];
    const names = new Map(
      (this.q('SELECT id, name FROM countries').all() as { id: string; name: string }[]).map((r) => [r.id, r.name]),
    );
    const named = (p: TierPlacement) => ({ id: p.countryId, name: names.get(p.countryId) ?? p.countryId });
    return mergePlacements(shipped, imported).sort((a, b) => compareByName(named(a), named(b)));
  }

  /**
   * A year shipped as complete stops being complete when a current narrative of that year has no tier and the
   * shipped list has no placement for its country: the country was in the report, its tier is not known, so a
   * missing placement must not read as "not in the report".
   */
  reportYears(): ReportYearInfo[] {
    const rows = this.q(
      `SELECT report_year,
         complete AND NOT EXISTS (
           SELECT 1 FROM assessments a
           WHERE a.report_year = report_years.report_year AND a.is_current = 1 AND a.tier IS NULL
             AND NOT EXISTS (SELECT 1 FROM tier_placements p
                             WHERE p.report_year = a.report_year AND p.country_id = a.country_id)
         ) AS complete,
         countries_in_report FROM report_years
       UNION
       SELECT report_year, 0, NULL FROM (
         SELECT report_year FROM assessments UNION SELECT report_year FROM tier_placements
       ) WHERE report_year NOT IN (SELECT report_year FROM report_years)
       ORDER BY report_year`,
    ).all() as { report_year: number; complete: number; countries_in_report: number | null }[];
    return rows.map((r) => ({
      reportYear: r.report_year,
      complete: r.complete === 1,
      countriesInReport: r.countries_in_report,
    }));
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
    return row ? this.hydrate(row as AssessmentRow) : undefined;
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
    return rows.map((r) => this.hydrate(r));
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

  importDocument(input: ImportInput): ImportOutcome {
    const sha256 = input.sha256.trim().toLowerCase();
    if (!/^[0-9a-f]{64}$/.test(sha256)) throw new InputError(`not a sha256 digest: "${input.sha256}"`, input.origin);
    const findDoc = this.q('SELECT id FROM documents WHERE sha256 = ?').pluck();
    const known = findDoc.get(sha256) as number | undefined;
    if (known !== undefined) return { status: 'unchanged', documentId: known };

    const outcome = this.db
      .transaction((): ImportOutcome => {
        const again = findDoc.get(sha256) as number | undefined; // another connection may have won the race
        if (again !== undefined) return { status: 'unchanged', documentId: again };
        if (input.reportYear !== null && !isPlausibleReportYear(input.reportYear)) {
          throw new InputError(`bad report year ${input.reportYear}`, input.origin);
        }
        const textLength = input.text.length;
        const documentId = Number(
          this.q(
            `INSERT INTO documents (sha256, origin, media_type, imported_at, report_year, text, public_url)
             VALUES (?, ?, ?, ?, ?, ?, ?)`,
          ).run(sha256, input.origin, input.mediaType, this.now().toISOString(), input.reportYear, input.text, input.publicUrl ?? null)
            .lastInsertRowid,
        );
        (input.warnings ?? []).forEach((w, ord) => {
          const where = `document warning ${ord + 1}`;
          this.insertWarning(documentId, null, ord, w, checkSpan(w.span, textLength, where, input.origin, true));
        });
        input.assessments.forEach((a, i) => {
          this.insertAssessment(documentId, a, textLength, `assessment ${i + 1} of ${input.assessments.length}`, input.origin);
        });
        // Of every version held for each country and year, the most complete is shown (domain/versionChoice.ts).
        let replaced = 0;
        let notShown = 0;
        const keys = new Map(input.assessments.map((a) => [`${a.countryId} ${a.reportYear}`, a] as const));
        const docOf = this.q('SELECT document_id FROM assessments WHERE id = ?').pluck();
        for (const a of keys.values()) {
          const { before, after } = chooseCurrent((sql) => this.q(sql), a.countryId, a.reportYear);
          if (before !== undefined && before !== after && docOf.get(before) !== documentId) replaced++;
          if (after !== undefined && docOf.get(after) !== documentId) notShown++;
        }
        const found = duplicateNarrativeWarnings(input);
        const ord = input.warnings?.length ?? 0;
        found.forEach((w, i) => this.insertWarning(documentId, null, ord + i, w, w.span));
        this.q(INDEX_DOCUMENT_SQL).run({ documentId });
        const outcome: ImportOutcome = { status: 'imported', documentId, assessments: input.assessments.length, replaced };
        if (found.length) outcome.warnings = found;
        if (notShown) outcome.notShown = notShown;
        return outcome;
      })
      .immediate();
    if (outcome.status === 'imported') this.changeCount++;
    return outcome;
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
    return writeSnapshotFile(this.db, BETTER_SQLITE3, path);
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

  // -------------------------------------------------------------------------------------------------------

  /** Inserts one assessment as history; chooseCurrent then decides which version of its country and year is shown. */
  private insertAssessment(documentId: number, a: Assessment, textLength: number, label: string, origin: string): void {
    const where = `${label} (${a.countryName || a.countryId} ${a.reportYear})`;
    const fail = (message: string): never => {
      throw new InputError(`${where}: ${message}`, origin);
    };
    if (this.q('SELECT 1 FROM countries WHERE id = ?').pluck().get(a.countryId) === undefined) {
      fail(`unknown country id "${a.countryId}"`);
    }
    if (!isPlausibleReportYear(a.reportYear)) fail(`bad report year ${a.reportYear}`);
    if (a.tier !== null && !isTier(a.tier)) fail(`unknown tier "${String(a.tier)}"`);
    checkSpan(a.source, textLength, `${where} source`, origin);
    const summarySection = a.sections.find((s) => s.kind === 'summary');

    const id = Number(
      this.q(
        `INSERT INTO assessments (document_id, country_id, country_name, report_year, tier, tier_asterisk,
           tier_statement, summary, summary_start, summary_end, source_file, source_start, source_end, is_current)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0)`,
      ).run(
        documentId,
        a.countryId,
        a.countryName,
        a.reportYear,
        a.tier,
        a.tierAsterisk ? 1 : 0,
        a.tierStatement === null ? null : JSON.stringify(a.tierStatement),
        a.summary,
        summarySection && a.summary !== null ? summarySection.span.start : null,
        summarySection && a.summary !== null ? summarySection.span.end : null,
        a.source.file,
        a.source.start,
        a.source.end,
      ).lastInsertRowid,
    );

    const insSection = this.q(
      `INSERT INTO sections (assessment_id, ord, kind, heading, text, span_start, span_end)
       VALUES (?, ?, ?, ?, ?, ?, ?)`,
    );
    a.sections.forEach((s, ord) => {
      checkSpan(s.span, textLength, `${where} section ${ord + 1} (${s.kind})`, origin);
      insSection.run(id, ord, s.kind, s.heading, s.text, s.span.start, s.span.end);
    });
    const insRec = this.q(
      'INSERT INTO recommendations (assessment_id, ord, text, span_start, span_end) VALUES (?, ?, ?, ?, ?)',
    );
    a.recommendations.forEach((r, ord) => {
      checkSpan(r.span, textLength, `${where} recommendation ${ord + 1}`, origin);
      insRec.run(id, ord, r.text, r.span.start, r.span.end);
    });
    a.warnings.forEach((w, ord) => {
      this.insertWarning(documentId, id, ord, w, checkSpan(w.span, textLength, `${where} warning ${ord + 1}`, origin, true));
    });
  }

  private insertWarning(
    documentId: number,
    assessmentId: number | null,
    ord: number,
    w: ParseWarning,
    span: Span | undefined,
  ): void {
    this.q(
      `INSERT INTO warnings (document_id, assessment_id, ord, message, excerpt, span_start, span_end)
       VALUES (?, ?, ?, ?, ?, ?, ?)`,
    ).run(documentId, assessmentId, ord, w.message, w.excerpt, span?.start ?? null, span?.end ?? null);
  }

  private hydrate(r: AssessmentRow): StoredAssessment {
    const document = toDocument(
      this.q(`SELECT ${DOCUMENT_COLUMNS} FROM documents WHERE id = ?`).get(r.document_id) as DocumentRow,
    );
    const sections = (
      this.q(
        'SELECT kind, heading, text, span_start, span_end FROM sections WHERE assessment_id = ? ORDER BY ord',
      ).all(r.id) as { kind: SectionKind; heading: string; text: string; span_start: number; span_end: number }[]
    ).map((s): Section => ({ kind: s.kind, heading: s.heading, text: s.text, span: { start: s.span_start, end: s.span_end } }));
    const recommendations = (
      this.q('SELECT text, span_start, span_end FROM recommendations WHERE assessment_id = ? ORDER BY ord').all(
        r.id,
      ) as { text: string; span_start: number; span_end: number }[]
    ).map((x) => ({ text: x.text, span: { start: x.span_start, end: x.span_end } }));
    const warnings = (
      this.q('SELECT message, excerpt, span_start, span_end FROM warnings WHERE assessment_id = ? ORDER BY ord').all(
        r.id,
      ) as (SpanRow & { message: string; excerpt: string })[]
    ).map(toWarning);
    return {
      id: r.id,
      countryId: r.country_id,
      countryName: r.country_name,
      reportYear: r.report_year,
      tier: r.tier,
      tierAsterisk: r.tier_asterisk === 1,
      tierStatement: r.tier_statement === null ? null : (JSON.parse(r.tier_statement) as TierStatement),
      summary: r.summary,
      recommendations,
      sections,
      warnings,
      source: { file: r.source_file, start: r.source_start, end: r.source_end },
      document,
      current: r.is_current === 1,
    };
  }
}

/**
 * One warning per country and year that a document gives more than one narrative: the last one is stored as
 * current (the others as history), and the warning quotes the start of each, pointing at the current one.
 */
function duplicateNarrativeWarnings(input: ImportInput): ParseWarning[] {
  const groups = new Map<string, { a: Assessment; n: number }[]>();
  input.assessments.forEach((a, i) => {
    const key = `${a.countryId} ${a.reportYear}`;
    groups.set(key, [...(groups.get(key) ?? []), { a, n: i + 1 }]);
  });
  const opening = (a: Assessment) => {
    const text = input.text.slice(a.source.start, a.source.end).replace(/\s+/g, ' ').trim();
    return text.length > 80 ? `${text.slice(0, 80)}…` : text;
  };
  const out: ParseWarning[] = [];
  const cut = new Set<string>(Object.values(CUT_SHORT_WARNINGS));
  for (const group of groups.values()) {
    if (group.length < 2) continue;
    // The one shown is the one chooseCurrent picks: the most complete, the last on a tie.
    const shown = bestVersion(
      group.map((g) => ({
        id: g.n,
        g,
        cutShort: g.a.warnings.some((w) => cut.has(w.message)),
        recommendations: g.a.recommendations.length,
        sections: g.a.sections.length,
        publisher: false,
      })),
    )!.g;
    const { a } = shown;
    out.push({
      message:
        `${group.length} narratives for ${a.countryName || a.countryId} (${a.countryId}) in ${a.reportYear} in this document ` +
        `(assessments ${group.map((g) => g.n).join(', ')}); the most complete (${shown.n}; the last when equally complete) is kept as current, the others as history`,
      excerpt: group.map((g) => `${g.n}: "${opening(g.a)}"`).join(' / '),
      span: { start: a.source.start, end: a.source.end },
    });
  }
  return out;
}

function toWarning(r: SpanRow & { message: string; excerpt: string }): ParseWarning {
  const w: ParseWarning = { message: r.message, excerpt: r.excerpt };
  const span = spanOf(r);
  if (span) w.span = span;
  return w;
}

/** Every stored span must point into the document's text: [start, end) with 0 <= start <= end <= length. */
function checkSpan(span: Span | undefined, textLength: number, where: string, origin: string, optional = false): Span | undefined {
  if (span === undefined && optional) return undefined;
  const ok =
    span !== undefined &&
    Number.isInteger(span.start) &&
    Number.isInteger(span.end) &&
    span.start >= 0 &&
    span.start <= span.end &&
    span.end <= textLength;
  if (!ok) {
    const shown = span ? `[${span.start}, ${span.end})` : 'none';
    throw new InputError(`${where}: span ${shown} does not lie within the document text (length ${textLength})`, origin);
  }
  return span;
}
