import type { Country, HowWeKnow, OfficialSource, ParseWarning, Section, Tier, TierStatement } from '../domain/index.js';
import { REGION_NAMES, SECTION_TITLES, howWeKnow, officialSource } from '../domain/index.js';
import { versionsHeld, type VersionsHeld } from './versions.js';
import type { Store, StoredAssessment, TierConflict, TierPlacement } from '../store/types.js';
import type { TimelineEntry } from './timeline.js';
import { movementLabel, tierTimeline } from './timeline.js';
import { countryAnalysis, type CountryAnalysis } from './countryAnalysis.js';
import { countryContext, type CountryContext } from './context.js';

/** An imported document as readers see it: its public address (null when none is known), never its local path. */
export interface DocumentRef {
  id: number;
  publicUrl: string | null;
  sha256: string;
  importedAt: string;
}

/**
 * Where a fact comes from, shown next to every fact: first the official publication (U.S. Department of State,
 * *2023 Trafficking in Persons Report*: Tajikistan, with the publisher's address for it, or why there is none),
 * then how we know it (the compiled source, or the imported document's public address) and the section.
 */
export interface Citation {
  reportYear: number;
  section: string;
  official: OfficialSource;
  howWeKnow: HowWeKnow;
  document: DocumentRef | null;
  /** The compiled source (data/tier-placements.csv `source`) or the imported document's public address / number. */
  source: string;
  span?: { start: number; end: number };
}

/** The country fields the official citation needs. */
export type CitedCountry = Pick<Country, 'id' | 'name' | 'slug' | 'firstReportYear' | 'lastReportYear'>;

export interface ProfileRecommendation {
  number: number;
  text: string;
  cite: Citation;
}

export interface ProfileSection {
  kind: Section['kind'];
  title: string;
  heading: string;
  text: string;
  cite: Citation;
}

/** A country profile as the page and `tip-atlas show` present it; the page's JSON twin is exactly this. */
export interface CountryProfile {
  country: { id: string; name: string; region: string; regionName: string; aliases: string[] };
  /** The report year shown: the requested one, else the latest with an imported narrative, else the latest placement. */
  reportYear: number | null;
  placement: (TierPlacement & { cite: Citation }) | null;
  assessment: {
    reportYear: number;
    tier: Tier | null;
    tierAsterisk: boolean;
    tierStatement: TierStatement | null;
    summary: string | null;
    summaryCite: Citation | null;
    recommendations: ProfileRecommendation[];
    sections: ProfileSection[];
    warnings: ParseWarning[];
    source: Citation;
  } | null;
  /** Placed years carry their movement's label and their citation (the official report first). */
  timeline: (TimelineEntry & { label?: string; cite?: Citation })[];
  /** Years without a placement whose sources disagree on the tier (data/tier-conflicts.csv), with what each says. */
  tierConflicts: TierConflict[];
  /** Report years with an imported narrative. */
  narrativeYears: number[];
  /** Indicators over the years held (see analysis/indicators.ts). */
  indicators: CountryAnalysis['indicators'];
  /** The shown narrative's recommendations tracked across years (see analysis/recommendationTracking.ts). */
  recommendationTracking: CountryAnalysis['recommendationTracking'];
  /** Every document held for the year shown, which one is shown and why (null when no narrative is shown). */
  versions: VersionsHeld | null;
  /** Beside the narrative: the List of Goods and UNODC's figures (see analysis/context.ts). */
  context: CountryContext;
}

export function documentRef(d: StoredAssessment['document']): DocumentRef {
  return { id: d.id, publicUrl: d.publicUrl, sha256: d.sha256, importedAt: d.importedAt };
}

export function placementCitation(p: TierPlacement, country: CitedCountry, docs?: Map<number, DocumentRef | null>): Citation {
  const document = p.documentId !== undefined ? (docs?.get(p.documentId) ?? null) : null;
  return {
    reportYear: p.reportYear,
    section: 'tier placement',
    official: officialSource(p.reportYear, country, p.origin === 'shipped' ? p.source : document?.publicUrl),
    howWeKnow: howWeKnow(p),
    document,
    source: p.source,
  };
}

/** The citation of an imported narrative's section (or of the whole narrative). */
export function narrativeCitation(a: StoredAssessment, country: CitedCountry, section: string, span?: { start: number; end: number }): Citation {
  return documentCitation(a.reportYear, documentRef(a.document), country, section, span);
}

/** The citation of a part of an imported document: the official report first, the document's public address beneath. */
export function documentCitation(
  reportYear: number,
  document: DocumentRef,
  country: CitedCountry,
  section: string,
  span?: { start: number; end: number },
): Citation {
  const source = document.publicUrl ?? `imported document ${document.id} (no public address)`;
  return {
    reportYear,
    section,
    official: officialSource(reportYear, country, document.publicUrl),
    howWeKnow: document.publicUrl
      ? { text: 'read from the imported copy of the narrative at this address', source: document.publicUrl }
      : { text: `read from imported document ${document.id}, which has no public address`, source: '' },
    document,
    source,
    ...(span ? { span } : {}),
  };
}

export function countryProfile(store: Store, country: Country, year?: number): CountryProfile {
  const history = store.tierHistory(country.id);
  const narrativeYears = store.assessmentYears(country.id);
  const a = store.getAssessment(country.id, year);
  const reportYear = year ?? a?.reportYear ?? history.at(-1)?.reportYear ?? null;
  const placement = reportYear === null ? undefined : history.find((p) => p.reportYear === reportYear);
  const docs = new Map<number, DocumentRef | null>();
  if (a) docs.set(a.document.id, documentRef(a.document));
  const cite = (section: string, span?: { start: number; end: number }): Citation => narrativeCitation(a!, country, section, span);
  const summarySection = a?.sections.find((s) => s.kind === 'summary');
  const analysis = countryAnalysis(store, country.id, a?.reportYear);
  return {
    country: {
      id: country.id,
      name: country.name,
      region: country.region,
      regionName: REGION_NAMES[country.region],
      aliases: country.aliases,
    },
    reportYear,
    placement: placement ? { ...placement, cite: placementCitation(placement, country, docs) } : null,
    assessment: a
      ? {
          reportYear: a.reportYear,
          tier: a.tier,
          tierAsterisk: a.tierAsterisk,
          tierStatement: a.tierStatement,
          summary: a.summary,
          summaryCite: summarySection ? cite('summary', summarySection.span) : null,
          recommendations: a.recommendations.map((r, i) => ({
            number: i + 1,
            text: r.text,
            cite: cite('prioritized recommendations', r.span),
          })),
          sections: a.sections.map((s) => ({
            kind: s.kind,
            title: SECTION_TITLES[s.kind],
            heading: s.heading,
            text: s.text,
            cite: cite(SECTION_TITLES[s.kind].toLowerCase(), s.span),
          })),
          warnings: a.warnings,
          source: cite('narrative', { start: a.source.start, end: a.source.end }),
        }
      : null,
    timeline: tierTimeline(history, store.reportYears(), country.id).map((e) =>
      e.status === 'placed' ? { ...e, label: movementLabel(e.movement), cite: placementCitation(e.placement, country, docs) } : e,
    ),
    tierConflicts: store.tierConflicts(country.id).filter((c) => !history.some((p) => p.reportYear === c.reportYear)),
    narrativeYears,
    ...analysis,
    versions: a ? versionsHeld(store.assessmentHistory(country.id, a.reportYear)) : null,
    context: countryContext(store, country.id, analysis.indicators),
  };
}
