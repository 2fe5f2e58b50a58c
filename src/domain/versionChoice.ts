/**
 * Which of several documents holding one country's narrative of one report year is shown: the most complete.
 * In order: not cut short (no CUT_SHORT_WARNINGS), then the most recommendations, then the most sections, then the
 * publisher's own page over a copy; import order only breaks ties (the later import wins, as before).
 */
export interface VersionFacts {
  /** Assessment id: grows with import order. */
  id: number;
  cutShort: boolean;
  recommendations: number;
  sections: number;
  /** The document's public address is on the publisher's own site. */
  publisher: boolean;
}

/** Negative when `a` should be shown before `b`. */
export function compareVersions(a: VersionFacts, b: VersionFacts): number {
  if (a.cutShort !== b.cutShort) return a.cutShort ? 1 : -1;
  if (a.recommendations !== b.recommendations) return b.recommendations - a.recommendations;
  if (a.sections !== b.sections) return b.sections - a.sections;
  if (a.publisher !== b.publisher) return a.publisher ? -1 : 1;
  return b.id - a.id;
}

/** The version to show, or undefined for none. */
export function bestVersion<T extends VersionFacts>(versions: readonly T[]): T | undefined {
  return [...versions].sort(compareVersions)[0];
}

/** Why `shown` is shown rather than `other`, in words ("not cut short", "more recommendations (10 against 0)"…). */
export function whyShownOver(shown: VersionFacts, other: VersionFacts): string {
  if (shown.cutShort !== other.cutShort) return 'the other is cut short';
  if (shown.recommendations !== other.recommendations) {
    return `more recommendations (${shown.recommendations} against ${other.recommendations})`;
  }
  if (shown.sections !== other.sections) return `more sections (${shown.sections} against ${other.sections})`;
  if (shown.publisher !== other.publisher) return 'the publisher’s own page, the other a copy';
  return 'as complete as the other, and imported later';
}
