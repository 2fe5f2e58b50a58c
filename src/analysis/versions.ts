/**
 * The versions held of one country's narrative in one report year (several documents may hold it: the
 * publisher's page, copies, a cut-short excerpt), which one is shown and why, for the profile and its JSON.
 */
import { compareVersions, isCutShortWarning, isPublisherAddress, whyNotShown, type VersionFacts } from '../domain/index.js';
import type { StoredAssessment } from '../store/types.js';

export interface HeldVersion {
  documentId: number;
  /** The document's public address; null when none is known (its local path is never shown). */
  publicUrl: string | null;
  importedAt: string;
  shown: boolean;
  cutShort: boolean;
  recommendations: number;
  sections: number;
  /** The public address is on the publisher's own site. */
  publisherPage: boolean;
  /** For a version not shown: why not ("cut short", "fewer recommendations (0 against 10)"). */
  whyNotShown: string | null;
}

export interface VersionsHeld {
  /** The rule, in words. */
  rule: string;
  versions: HeldVersion[];
}

function facts(a: StoredAssessment): VersionFacts {
  return {
    id: a.id,
    cutShort: a.warnings.some(isCutShortWarning),
    recommendations: a.recommendations.length,
    sections: a.sections.length,
    publisher: isPublisherAddress(a.document.publicUrl),
  };
}

export const VERSION_RULE =
  'the most complete version is shown: not cut short, then the most recommendations, then the most sections, then the publisher’s own page over a copy; import order only breaks ties';

/** `history`: Store.assessmentHistory (the current one first). */
export function versionsHeld(history: readonly StoredAssessment[]): VersionsHeld {
  const shown = history.find((a) => a.current) ?? history[0];
  const shownFacts = shown ? facts(shown) : undefined;
  const versions = [...history]
    .sort((x, y) => compareVersions(facts(x), facts(y)))
    .map((a): HeldVersion => {
      const f = facts(a);
      const isShown = a === shown;
      return {
        documentId: a.document.id,
        publicUrl: a.document.publicUrl,
        importedAt: a.document.importedAt,
        shown: isShown,
        cutShort: f.cutShort,
        recommendations: f.recommendations,
        sections: f.sections,
        publisherPage: f.publisher,
        whyNotShown: isShown || !shownFacts ? null : whyNotShown(shownFacts, f),
      };
    });
  return { rule: VERSION_RULE, versions };
}
