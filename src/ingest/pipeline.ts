import type { Assessment, ParseWarning } from '../domain/index.js';
import { InputError, isPlausibleReportYear } from '../domain/index.js';
import { defaultLookup } from './lookup.js';
import type { CountryLookup } from './headings.js';
import type { RawDocument } from './read.js';
import { textOf } from './read.js';
import { findReportYears } from './reportYear.js';
import { splitNarratives } from './splitNarratives.js';
import { parseNarrative } from './parseNarrative.js';
import { excerptOf } from './text/normalize.js';

export interface ParseOptions {
  /** The report year, when the text does not say it (or to override what it says, with a warning). */
  year?: number;
  lookup?: CountryLookup;
}

/** A document turned into assessments, with the text every span points into. */
export interface ParsedDocument {
  origin: string;
  sha256: string;
  mediaType: string;
  text: string;
  /** The one report year of all its narratives, or null when they differ. */
  reportYear: number | null;
  assessments: Assessment[];
  /** Document-level warnings (text before the first heading, …); each assessment has its own too. */
  warnings: ParseWarning[];
}

/**
 * bytes → text → narratives → assessments, for plain-text documents. Throws InputError (naming the file) when the
 * document cannot yield any assessment: empty, binary, no country heading, an unknown country, no report year.
 */
export function parseDocument(doc: RawDocument, options: ParseOptions = {}): ParsedDocument {
  const text = textOf(doc);
  return parseText(text, doc.origin, doc.sha256, options);
}

export function parseText(text: string, origin: string, sha256: string, options: ParseOptions = {}): ParsedDocument {
  const lookup = options.lookup ?? defaultLookup;
  if (options.year !== undefined && !isPlausibleReportYear(options.year)) {
    throw new InputError(`report year ${options.year} is outside 2001–2030`, origin);
  }
  const split = splitNarratives(text, lookup);
  const unknown = split.problems.find((p) => p.suggestions);
  if (unknown) {
    const near = unknown.suggestions?.length ? `; closest known names: ${unknown.suggestions.join(', ')}` : '';
    throw new InputError(`${unknown.message} in "${excerptOf(unknown.raw, 80)}"${near}`, origin);
  }
  if (split.narratives.length === 0) {
    const tierOnly = split.problems[0];
    throw new InputError(
      tierOnly
        ? `${tierOnly.message}: "${excerptOf(tierOnly.raw, 60)}"`
        : 'no country heading found (expected e.g. "TAJIKISTAN (Tier 2)" or "THAILAND: Tier 2")',
      origin,
    );
  }
  const allMentions = findReportYears(text);
  const mentions = allMentions.filter((m) => m.plausible);
  const warnings = [...split.warnings];
  const assessments = split.narratives.map((raw) => {
    const headingEnd = Math.max(raw.bodyStart, raw.headingTail.end);
    const inHeading = mentions.find((m) => m.span.start >= raw.heading.span.start && m.span.end <= headingEnd);
    const before = mentions.filter((m) => m.span.end <= raw.heading.span.start);
    const found = inHeading ?? before[before.length - 1];
    const yearWarnings: ParseWarning[] = [];
    let year: number;
    if (options.year !== undefined) {
      year = options.year;
      if (found && found.year !== year) {
        yearWarnings.push({ message: `--year ${year} given, but the text names the ${found.year} report`, excerpt: found.raw, span: found.span });
      }
    } else if (found) {
      year = found.year;
      const others = [...new Set(before.map((m) => m.year))].filter((y) => y !== year);
      if (others.length) {
        yearWarnings.push({
          message: `the text names several report years (${[year, ...others].join(', ')}); used ${year}, the one nearest the heading — pass --year to choose`,
          excerpt: found.raw,
          span: found.span,
        });
      }
    } else {
      const bad = allMentions.find((m) => !m.plausible);
      if (bad) throw new InputError(`the text names report year ${bad.year} ("${bad.raw}"), outside 2001–2030; pass --year`, origin);
      throw new InputError(
        `the text does not say its report year (no "2023 TIP Report" or "2023 Trafficking in Persons Report"); pass --year`,
        origin,
      );
    }
    const a = parseNarrative(text, raw, { file: origin, reportYear: year });
    a.warnings.unshift(...yearWarnings);
    return a;
  });
  const years = new Set(assessments.map((a) => a.reportYear));
  return {
    origin,
    sha256,
    mediaType: 'text/plain',
    text,
    reportYear: years.size === 1 ? assessments[0]!.reportYear : null,
    assessments,
    warnings,
  };
}
