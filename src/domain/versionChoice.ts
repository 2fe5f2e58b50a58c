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

/** Why `other` is not shown when `shown` is, in words ("cut short", "fewer recommendations (0 against 10)"…). */
export function whyNotShown(shown: VersionFacts, other: VersionFacts): string {
  if (shown.cutShort !== other.cutShort) return 'cut short';
  if (shown.recommendations !== other.recommendations) {
    return `fewer recommendations (${other.recommendations} against ${shown.recommendations})`;
  }
  if (shown.sections !== other.sections) return `fewer sections (${other.sections} against ${shown.sections})`;
  if (shown.publisher !== other.publisher) return 'a copy, where the one shown is the publisher’s own page';
  return 'as complete as the one shown, and imported earlier';
}
