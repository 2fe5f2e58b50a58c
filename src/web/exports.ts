/**
 * Downloads: tier placements, assessments (with sections and recommendations) and the whole database. The
 * column documentation here drives the /data page and the OpenAPI document, so the three cannot drift apart.
 */
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { countryRef } from '../analysis/yearView.js';
import { CONTEXT_DOWNLOADS } from './contextExports.js';
import type { ColumnDoc, Download } from './downloadTypes.js';
import { formatCsv } from '../domain/csv.js';
import type { FormatCsvOptions } from '../domain/csv.js';
import type { RegionCode, Tier } from '../domain/index.js';
import { officialSource } from '../domain/index.js';
import type { Store, StoredAssessment, TierPlacement } from '../store/types.js';

/** Downloads are opened in spreadsheets: text that would run as a formula is made inert. */
const CSV_OPTIONS: FormatCsvOptions = { neutralizeFormulas: true };

export type { ColumnDoc, Download } from './downloadTypes.js';

const PLACEMENT_COLUMNS: ColumnDoc[] = [
  { name: 'report_year', type: 'integer', description: 'The year on the report’s cover (the 2023 report covers April 2022 to March 2023).' },
  { name: 'country_id', type: 'string', description: 'ISO 3166-1 alpha-3 code; XKX for Kosovo, SCG for the former Serbia and Montenegro.' },
  { name: 'country_name', type: 'string', description: 'The name as the reports write it (“Burma”, “Korea, South”).' },
  { name: 'region', type: 'string', description: 'State Department regional bureau: AF, EAP, EUR, NEA, SCA or WHA.' },
  { name: 'tier', type: 'string', description: 'Tier 1, Tier 2, Tier 2 Watch List, Tier 3 or Special Case.' },
  { name: 'asterisk', type: 'boolean', description: 'The heading’s asterisk (automatic downgrade or waiver), where known.' },
  { name: 'origin', type: 'string', description: '“shipped” (compiled tier facts) or “imported” (read from an imported narrative’s heading).' },
  { name: 'source', type: 'string', description: 'Where the placement was read: the dataset file or page for shipped facts, the document for imported ones.' },
  { name: 'document_id', type: 'integer', nullable: true, description: 'For imported placements: the document (see the database’s documents table).' },
  { name: 'superseded_shipped_tier', type: 'string', nullable: true, description: 'When an imported narrative states another tier than the shipped facts: the shipped tier it supersedes.' },
  { name: 'official_url', type: 'string', nullable: true, description: 'The publisher’s own page for the placement: the country page where its address is known, else the report’s page; empty when none is known (see data/publisher-years.csv).' },
];

const DOC_COLUMNS: ColumnDoc[] = [
  { name: 'document_sha256', type: 'string', description: 'SHA-256 of the imported document’s bytes.' },
  { name: 'document_public_url', type: 'string', nullable: true, description: 'The document’s public address (a fetched page’s URL, an HTML page’s canonical address, a text file’s “# source:” line); empty when none is known.' },
  { name: 'imported_at', type: 'string', description: 'When the document was imported (ISO 8601, UTC).' },
];

const ASSESSMENT_COLUMNS: ColumnDoc[] = [
  { name: 'country_id', type: 'string', description: 'ISO 3166-1 alpha-3 code (XKX for Kosovo).' },
  { name: 'country_name', type: 'string', description: 'The country’s name as the narrative’s heading writes it.' },
  { name: 'report_year', type: 'integer', description: 'The report year of the narrative.' },
  { name: 'tier', type: 'string', nullable: true, description: 'The tier the narrative’s heading states (empty when none was found).' },
  { name: 'asterisk', type: 'boolean', description: 'The heading’s asterisk.' },
  { name: 'summary', type: 'string', nullable: true, description: 'The compliance paragraph(s): the summary of government efforts.' },
  { name: 'recommendations', type: 'integer', description: 'How many prioritized recommendations the narrative has (see recommendations.csv).' },
  { name: 'sections', type: 'integer', description: 'How many sections the narrative has (see sections.csv).' },
  { name: 'source_start', type: 'integer', description: 'Where the narrative starts in the document’s text (character offset).' },
  { name: 'source_end', type: 'integer', description: 'Where it ends (exclusive).' },
  ...DOC_COLUMNS,
];

const SECTION_COLUMNS: ColumnDoc[] = [
  { name: 'country_id', type: 'string', description: 'ISO 3166-1 alpha-3 code.' },
  { name: 'report_year', type: 'integer', description: 'The report year of the narrative.' },
  { name: 'ord', type: 'integer', description: 'The section’s position in the narrative, from 1.' },
  { name: 'kind', type: 'string', description: 'summary, recommendations, prosecution, protection, prevention, profile, government-efforts or note.' },
  { name: 'heading', type: 'string', description: 'The heading as written (empty where the section had none).' },
  { name: 'text', type: 'string', description: 'The section’s text, normalised for reading.' },
  { name: 'span_start', type: 'integer', description: 'Where the section starts in the document’s text.' },
  { name: 'span_end', type: 'integer', description: 'Where it ends (exclusive).' },
  { name: 'document_sha256', type: 'string', description: 'SHA-256 of the document the section was read from.' },
];

const RECOMMENDATION_COLUMNS: ColumnDoc[] = [
  { name: 'country_id', type: 'string', description: 'ISO 3166-1 alpha-3 code.' },
  { name: 'report_year', type: 'integer', description: 'The report year of the narrative.' },
  { name: 'number', type: 'integer', description: 'The recommendation’s number in the narrative, from 1 (the reports list them in priority order).' },
  { name: 'text', type: 'string', description: 'The recommendation, one action.' },
  { name: 'span_start', type: 'integer', description: 'Where it starts in the document’s text.' },
  { name: 'span_end', type: 'integer', description: 'Where it ends (exclusive).' },
  { name: 'document_sha256', type: 'string', description: 'SHA-256 of the document it was read from.' },
];

export const DOWNLOADS: Download[] = [
  {
    path: '/data/tier-placements.csv',
    title: 'Tier placements (CSV)',
    mediaType: 'text/csv',
    description: 'Every known placement, one row per country and report year; an imported narrative’s tier supersedes the shipped one.',
    columns: PLACEMENT_COLUMNS,
    filters: true,
  },
  {
    path: '/data/tier-placements.json',
    title: 'Tier placements (JSON)',
    mediaType: 'application/json',
    description: 'The same placements as JSON objects (camelCase keys: reportYear, countryId, …).',
    columns: PLACEMENT_COLUMNS,
    filters: true,
  },
  {
    path: '/data/assessments.json',
    title: 'Assessments with sections and recommendations (JSON)',
    mediaType: 'application/json',
    description: 'Every current imported narrative: tier, summary, numbered recommendations and sections, each with its character span and source document.',
    columns: ASSESSMENT_COLUMNS,
    filters: true,
  },
  {
    path: '/data/assessments.csv',
    title: 'Assessments (CSV)',
    mediaType: 'text/csv',
    description: 'One row per current imported narrative; its sections and recommendations are in the two files below.',
    columns: ASSESSMENT_COLUMNS,
    filters: true,
  },
  {
    path: '/data/sections.csv',
    title: 'Sections of the assessments (CSV)',
    mediaType: 'text/csv',
    description: 'One row per section of each current narrative.',
    columns: SECTION_COLUMNS,
    filters: true,
  },
  {
    path: '/data/recommendations.csv',
    title: 'Prioritized recommendations (CSV)',
    mediaType: 'text/csv',
    description: 'One row per recommendation of each current narrative.',
    columns: RECOMMENDATION_COLUMNS,
    filters: true,
  },
  ...CONTEXT_DOWNLOADS,
  {
    path: '/data/tip-atlas.sqlite',
    title: 'The whole database (SQLite)',
    mediaType: 'application/vnd.sqlite3',
    description:
      'A consistent snapshot of everything stored: countries, shipped placements, report years, imported documents with their full text (stored in parts, table document_text_parts; the view document_texts gives the text of each document in one row), assessments, sections, recommendations and parse warnings (including superseded versions).',
    columns: [],
    filters: false,
  },
];

export interface ExportFilters {
  year?: number | undefined;
  region?: RegionCode | undefined;
  tier?: Tier | undefined;
}

interface PlacementRow {
  reportYear: number;
  countryId: string;
  countryName: string;
  region: RegionCode;
  tier: Tier;
  asterisk: boolean;
  origin: TierPlacement['origin'];
  source: string;
  documentId: number | null;
  supersededShippedTier: Tier | null;
  officialUrl: string | null;
}

export function placementRows(store: Store, f: ExportFilters): PlacementRow[] {
  const countries = new Map(store.listCountries().map((c) => [c.id, c]));
  const years = store.reportYears().map((y) => y.reportYear).filter((y) => f.year === undefined || y === f.year);
  const rows: PlacementRow[] = [];
  for (const y of years) {
    for (const p of store.placementsForYear(y)) {
      const c = countries.get(p.countryId);
      if (!c || (f.region && c.region !== f.region) || (f.tier && p.tier !== f.tier)) continue;
      rows.push({
        reportYear: p.reportYear,
        countryId: p.countryId,
        countryName: c.name,
        region: c.region,
        tier: p.tier,
        asterisk: p.asterisk,
        origin: p.origin,
        source: p.source,
        documentId: p.documentId ?? null,
        supersededShippedTier: p.supersededShippedTier ?? null,
        officialUrl: officialSource(p.reportYear, c, p.origin === 'shipped' ? p.source : p.source.startsWith('http') ? p.source : null).url,
      });
    }
  }
  return rows;
}

export function placementsCsv(store: Store, f: ExportFilters): string {
  return formatCsv([
    PLACEMENT_COLUMNS.map((c) => c.name),
    ...placementRows(store, f).map((r) => [
      r.reportYear,
      r.countryId,
      r.countryName,
      r.region,
      r.tier,
      r.asterisk ? 'true' : 'false',
      r.origin,
      r.source,
      r.documentId,
      r.supersededShippedTier,
      r.officialUrl,
    ]),
  ], CSV_OPTIONS);
}

export function placementsJson(store: Store, f: ExportFilters) {
  const placements = placementRows(store, f);
  return { count: placements.length, filters: normalFilters(f), placements };
}

function normalFilters(f: ExportFilters) {
  return { year: f.year ?? null, region: f.region ?? null, tier: f.tier ?? null };
}

/** Every current imported assessment matching the filters, by country name then year. */
export function currentAssessments(store: Store, f: ExportFilters): StoredAssessment[] {
  const out: StoredAssessment[] = [];
  for (const c of store.listCountries()) {
    if (f.region && c.region !== f.region) continue;
    for (const y of store.assessmentYears(c.id)) {
      if (f.year !== undefined && y !== f.year) continue;
      const a = store.getAssessment(c.id, y);
      if (a && (!f.tier || a.tier === f.tier)) out.push(a);
    }
  }
  return out;
}

function documentOf(a: StoredAssessment) {
  return { id: a.document.id, sha256: a.document.sha256, publicUrl: a.document.publicUrl, importedAt: a.document.importedAt, mediaType: a.document.mediaType };
}

export function assessmentsJson(store: Store, f: ExportFilters) {
  const countries = new Map(store.listCountries().map((c) => [c.id, c]));
  const assessments = currentAssessments(store, f).map((a) => {
    const c = countries.get(a.countryId);
    return {
      country: c ? countryRef(c) : { id: a.countryId, name: a.countryName },
      countryName: a.countryName,
      reportYear: a.reportYear,
      tier: a.tier,
      tierAsterisk: a.tierAsterisk,
      tierStatement: a.tierStatement,
      summary: a.summary,
      recommendations: a.recommendations.map((r, i) => ({ number: i + 1, text: r.text, span: r.span })),
      sections: a.sections.map((s, i) => ({ ord: i + 1, kind: s.kind, heading: s.heading, text: s.text, span: s.span })),
      warnings: a.warnings,
      source: { start: a.source.start, end: a.source.end },
      document: documentOf(a),
    };
  });
  return { count: assessments.length, filters: normalFilters(f), assessments };
}

export function assessmentsCsv(store: Store, f: ExportFilters): string {
  return formatCsv([
    ASSESSMENT_COLUMNS.map((c) => c.name),
    ...currentAssessments(store, f).map((a) => [
      a.countryId,
      a.countryName,
      a.reportYear,
      a.tier,
      a.tierAsterisk ? 'true' : 'false',
      a.summary,
      a.recommendations.length,
      a.sections.length,
      a.source.start,
      a.source.end,
      a.document.sha256,
      a.document.publicUrl,
      a.document.importedAt,
    ]),
  ], CSV_OPTIONS);
}

export function sectionsCsv(store: Store, f: ExportFilters): string {
  return formatCsv([
    SECTION_COLUMNS.map((c) => c.name),
    ...currentAssessments(store, f).flatMap((a) =>
      a.sections.map((s, i) => [a.countryId, a.reportYear, i + 1, s.kind, s.heading, s.text, s.span.start, s.span.end, a.document.sha256]),
    ),
  ], CSV_OPTIONS);
}

export function recommendationsCsv(store: Store, f: ExportFilters): string {
  return formatCsv([
    RECOMMENDATION_COLUMNS.map((c) => c.name),
    ...currentAssessments(store, f).flatMap((a) =>
      a.recommendations.map((r, i) => [a.countryId, a.reportYear, i + 1, r.text, r.span.start, r.span.end, a.document.sha256]),
    ),
  ], CSV_OPTIONS);
}

/** Snapshot folders to remove when the process exits (one exit hook for all of them). */
const SNAPSHOT_DIRS = new Set<string>();
let exitHook = false;
function removeAtExit(dir: string): void {
  if (!exitHook) {
    exitHook = true;
    process.once('exit', () => {
      for (const d of SNAPSHOT_DIRS) rmSync(d, { recursive: true, force: true });
    });
  }
  SNAPSHOT_DIRS.add(dir);
}

/** A database snapshot on disk, for one version of the store. */
export interface SnapshotFileInfo {
  path: string;
  size: number;
  version: number;
}

/**
 * The database download, written once per version of the store (`Store.writeSnapshot`: VACUUM INTO a temporary
 * file, renamed) into a private folder, and streamed from disk to every request for that version: memory stays
 * flat however many download at once. One build at a time; a request during a build waits for it. The file of an
 * older version is removed once a newer one is written (downloads already reading it keep their open file).
 */
export class SnapshotDownloads {
  private current: SnapshotFileInfo | undefined;
  private building: Promise<SnapshotFileInfo> | undefined;
  private dir: string | undefined;
  private serial = 0;

  constructor(
    private readonly store: Store,
    private readonly parent = tmpdir(),
  ) {}

  /** The snapshot of the store's current version, written first when there is none. */
  async file(): Promise<SnapshotFileInfo> {
    for (;;) {
      const version = this.store.version();
      if (this.current?.version === version) return this.current;
      if (!this.building) {
        this.building = this.build(version).finally(() => {
          this.building = undefined;
        });
      }
      const built = await this.building;
      // Another import may have landed during the build: a snapshot of an older version is not served as current.
      if (built.version === this.store.version()) return built;
    }
  }

  /** Removes the folder and its files (the server is stopping). */
  close(): void {
    if (this.dir) {
      rmSync(this.dir, { recursive: true, force: true });
      SNAPSHOT_DIRS.delete(this.dir);
    }
    this.dir = undefined;
    this.current = undefined;
  }

  private async build(version: number): Promise<SnapshotFileInfo> {
    if (!this.dir) {
      this.dir = mkdtempSync(join(this.parent, 'tip-atlas-download-'));
      removeAtExit(this.dir);
    }
    const path = join(this.dir, `tip-atlas-${version}-${++this.serial}.sqlite`);
    await this.store.writeSnapshot(path);
    const previous = this.current;
    this.current = { path, size: statSync(path).size, version };
    if (previous && previous.path !== path) rmSync(previous.path, { force: true });
    return this.current;
  }
}
