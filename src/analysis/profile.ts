import type { Country, ParseWarning, Section, Tier, TierStatement } from '../domain/index.js';
import { REGION_NAMES, SECTION_TITLES } from '../domain/index.js';
import type { Store, StoredAssessment, TierConflict, TierPlacement } from '../store/types.js';
import type { TimelineEntry } from './timeline.js';
import { movementLabel, tierTimeline } from './timeline.js';
import { countryAnalysis, type CountryAnalysis } from './countryAnalysis.js';
import { countryContext, type CountryContext } from './context.js';

/** Where a fact comes from: report year, section and document. Shown next to every fact. */
export interface Citation {
  reportYear: number;
  section: string;
  document: { id: number; origin: string; sha256: string; importedAt: string } | null;
  /** For shipped facts: the compiled source named in data/tier-placements.csv. */
  source: string;
  span?: { start: number; end: number };
}

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
  timeline: (TimelineEntry & { label?: string })[];
  /** Years without a placement whose sources disagree on the tier (data/tier-conflicts.csv), with what each says. */
  tierConflicts: TierConflict[];
  /** Report years with an imported narrative. */
  narrativeYears: number[];
  /** Indicators over the years held (see analysis/indicators.ts). */
  indicators: CountryAnalysis['indicators'];
  /** The shown narrative's recommendations tracked across years (see analysis/recommendationTracking.ts). */
  recommendationTracking: CountryAnalysis['recommendationTracking'];
  /** Beside the narrative: the List of Goods and UNODC's figures (see analysis/context.ts). */
  context: CountryContext;
}

function documentRef(a: StoredAssessment): Citation['document'] {
  const d = a.document;
  return { id: d.id, origin: d.origin, sha256: d.sha256, importedAt: d.importedAt };
}

export function placementCitation(p: TierPlacement, docs?: Map<number, Citation['document']>): Citation {
  return {
    reportYear: p.reportYear,
    section: p.origin === 'imported' ? 'heading' : 'tier placements',
    document: p.documentId !== undefined ? (docs?.get(p.documentId) ?? null) : null,
    source: p.source,
  };
}

export function countryProfile(store: Store, country: Country, year?: number): CountryProfile {
  const history = store.tierHistory(country.id);
  const narrativeYears = store.assessmentYears(country.id);
  const a = store.getAssessment(country.id, year);
  const reportYear = year ?? a?.reportYear ?? history.at(-1)?.reportYear ?? null;
  const placement = reportYear === null ? undefined : history.find((p) => p.reportYear === reportYear);
  const docs = new Map<number, Citation['document']>();
  if (a) docs.set(a.document.id, documentRef(a));
  const cite = (section: string, span?: { start: number; end: number }): Citation => ({
    reportYear: a!.reportYear,
    section,
    document: documentRef(a!),
    source: a!.document.origin,
    ...(span ? { span } : {}),
  });
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
    placement: placement ? { ...placement, cite: placementCitation(placement, docs) } : null,
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
    timeline: tierTimeline(history, store.reportYears()).map((e) =>
      e.status === 'placed' ? { ...e, label: movementLabel(e.movement) } : e,
    ),
    tierConflicts: store.tierConflicts(country.id).filter((c) => !history.some((p) => p.reportYear === c.reportYear)),
    narrativeYears,
    ...analysis,
    context: countryContext(store, country.id, analysis.indicators),
  };
}
