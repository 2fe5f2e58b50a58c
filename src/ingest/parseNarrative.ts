import type { Assessment, ParseWarning, Section, SectionKind, Span, TierStatement } from '../domain/index.js';
import { CUT_SHORT_WARNINGS } from '../domain/index.js';
import { readTierStatement, statementConflict } from './compliance.js';
import type { SectionHeadingKind } from './headings.js';
import { sectionHeadingKind } from './headings.js';
import { recommendationsOf, splitRecommendations } from './recommendations.js';
import type { RawNarrative } from './splitNarratives.js';
import type { Block } from '../text/index.js';
import { excerptOf, locateInOriginal, needsNormalizing, normalizeText, sentencePieces, splitBlocks } from '../text/index.js';

export interface ParseContext {
  /** The file or URL the text came from, for `source` and messages. */
  file: string;
  reportYear: number;
}

/**
 * Recommendation headings written inside the text rather than on a line of their own. Each pattern begins with
 * its literal words (so the regex engine can skip ahead) and says where it may start: at the start of a line
 * (`line`) or of a sentence (`sentence`); `subject` looks back for the subject of "… should:".
 */
interface InlineMarker {
  /** Sticky: tried only where one of `at` occurs (a plain string search is many times faster than a scan). */
  re: RegExp;
  /** Every match of `re` starts with one of these. */
  at: string[];
  line: boolean;
  sentence: boolean;
  /** "The Government of Thailand should:": the words before the match that belong to it. */
  subject?: RegExp;
}

const INLINE_MARKERS: InlineMarker[] = [
  // "…to address trafficking. Prioritized Recommendations Enforce…"
  {
    re: /(?:PRIORITI[SZ]ED\s+RECOMMENDATIONS|Prioriti[sz]ed\s+Recommendations)\s*(?::\s*)?/y,
    at: ['PRIORITI', 'Prioriti'],
    line: false,
    sentence: true,
  },
  // "Recommendations for Thailand: Enact …; train …" (2009–2016 layout), also in capitals
  {
    re: /recommendations\s+for\s+[^:\n.]{2,60}:[ \t]*(?=\S)/iy,
    at: ['Recommendations', 'RECOMMENDATIONS', 'recommendations'],
    line: true,
    sentence: true,
  },
  // "The Government of Thailand should: …" / "Thailand should: …"
  { re: /should\s*:[ \t]*(?=\S)/y, at: ['should'], line: true, sentence: true, subject: /(?:The\s+Government\s+of\s+(?:the\s+)?)?\p{Lu}[^\n:.;]{1,60}?\s+$/u },
];

/** The matches of a marker in `region`, in order, as a global scan with `re` would find them. */
function inlineMatches(region: string, { re, at }: InlineMarker): RegExpExecArray[] {
  const found: RegExpExecArray[] = [];
  for (const word of at) {
    for (let i = region.indexOf(word); i !== -1; i = region.indexOf(word, i + 1)) {
      re.lastIndex = i;
      const m = re.exec(region);
      if (m) found.push(m);
    }
  }
  found.sort((a, b) => a.index - b.index);
  // As a global scan would: a match never starts inside the previous one.
  let end = 0;
  return found.filter((m) => m.index >= end && ((end = m.index + m[0].length), true));
}

/** Whether [0, at) of `region` ends where a line or a sentence starts. */
function startsHere(region: string, at: number, line: boolean, sentence: boolean): boolean {
  if (at === 0) return true;
  const before = region.slice(Math.max(0, at - 6), at);
  if (line && /(?:^|\n)[ \t]*$/.test(before) && (at > 6 || /\n/.test(before) || /^[ \t]*$/.test(before))) return true;
  return sentence && /[.!?]["”’)]?\s{1,3}$/.test(before);
}

/** A sentence of the 2001–2008 compliance paragraph saying what the government should do. */
const SHOULD_SENTENCE = /\bshould\s+(?!be\s+(?:noted|recognized|commended)\b)/i;

const COMPLIANCE = /minimum\s+standards?\b|\bfully\s+(?:meets?|compl(?:y|ies))\b|\b(?:is|remains)\s+a\s+Special\s+Case\b/i;
const PROFILE_OPENING = /\b(?:is|are|remains?)\s+(?:principally\s+|primarily\s+|also\s+)?an?\s+(?:source|transit|destination)\b|^As\s+reported\s+over\s+the\s+past\s+\w+\s+years/i;
/** Imperative openings of a recommendations paragraph that lost its heading on a web page. */
const IMPERATIVE = /^(?:Adopt|Allocate|Amend|Cease|Continue|Create|Criminalize|Develop|Draft|Eliminate|Enact|End|Enforce|Ensure|Establish|Expand|Implement|Improve|Increase|Investigate|Proactively|Provide|Strengthen|Train|Vigorously|While\s+respecting)\b/;

interface Marker {
  kind: SectionHeadingKind;
  heading: string;
  /** Where the heading starts and where the section's content starts. */
  start: number;
  contentStart: number;
}

/** A section heading in capitals with its paragraph on the same line: `PREVENTION: The government …`. */
const INLINE_SECTION = /^([ \t]*)(PROSECUTION|PROTECTION|PREVENTION|TRAFFICKING\s+PROFILE)[ \t]*:[ \t]*(?=\S)/;
const INLINE_SECTION_KINDS: Record<string, SectionHeadingKind> = {
  PROSECUTION: 'prosecution',
  PROTECTION: 'protection',
  PREVENTION: 'prevention',
  'TRAFFICKING PROFILE': 'profile',
};

function findMarkers(text: string, from: number, to: number): Marker[] {
  const markers: Marker[] = [];
  for (let start = from; start < to; ) {
    let end = text.indexOf('\n', start);
    if (end === -1 || end > to) end = to;
    const kind = end - start <= 160 && end > start ? sectionHeadingKind(text.slice(start, end)) : undefined;
    if (kind) {
      const line = text.slice(start, end);
      const lead = line.length - line.trimStart().length;
      markers.push({ kind, heading: line.trim(), start: start + lead, contentStart: end });
    } else if (end > start) {
      // "PREVENTION: The government …": a heading in capitals that starts its paragraph (never a recommendation).
      const m = INLINE_SECTION.exec(text.slice(start, Math.min(end, start + 40)));
      if (m) {
        markers.push({ kind: INLINE_SECTION_KINDS[m[2]!.replace(/\s+/g, ' ')]!, heading: `${m[2]}:`, start: start + m[1]!.length, contentStart: start + m[0].length });
      }
    }
    start = end + 1;
  }
  const region = text.slice(from, to);
  for (const marker of INLINE_MARKERS) {
    const { line, sentence, subject } = marker;
    for (const m of inlineMatches(region, marker)) {
      let at = m.index;
      if (subject) {
        const back = region.slice(Math.max(0, at - 90), at);
        const sm = subject.exec(back);
        if (!sm) continue;
        at -= back.length - sm.index;
      }
      if (!startsHere(region, at, line, sentence)) continue;
      const start = from + at;
      if (markers.some((k) => start >= k.start && start < k.contentStart)) continue;
      markers.push({ kind: 'recommendations', heading: region.slice(at, m.index + m[0].length).trim(), start, contentStart: from + m.index + m[0].length });
    }
  }
  return markers.sort((a, b) => a.start - b.start);
}

const isHeadingLine = (line: string) => sectionHeadingKind(line) !== undefined;

type Normalize = (s: string) => string;

function sectionOf(norm: Normalize, kind: SectionKind, heading: string, blocks: Block[], span?: Span): Section | undefined {
  if (blocks.length === 0) return undefined;
  const s = span ?? { start: blocks[0]!.start, end: blocks[blocks.length - 1]!.end };
  return { kind, heading, text: blocks.map((b) => norm(b.raw)).join('\n\n'), span: s };
}

/** What every stage of parseNarrative reads: the document's text, the narrative's normaliser, and its warnings. */
interface Stage {
  text: string;
  norm: Normalize;
  warnings: ParseWarning[];
  reportYear: number;
}

/** What the lead (the text before the first section heading) and the marked sections give. */
interface ReadSections {
  sections: Section[];
  summaryBlocks: Block[];
  recBlocks?: Block[];
  recHeading: string;
  /** Where the recommendations section starts: its first heading (like every other section), else its first block. */
  recStart?: number;
}

/** Before the first section heading: notes, the profile (2004–2016) and the compliance paragraph(s). */
function readLead(st: Stage, lead: Block[], markers: Marker[]): ReadSections {
  const { norm, warnings } = st;
  const out: ReadSections = { sections: [], summaryBlocks: [], recHeading: '' };
  const complianceAt = lead.findIndex((b) => COMPLIANCE.test(norm(b.raw)));
  if (complianceAt === -1) {
    if (lead.length) {
      warnings.push({
        code: 'no-compliance-paragraph',
        message: 'no compliance paragraph ("… minimum standards for the elimination of trafficking …") found: no summary',
        excerpt: excerptOf(lead[0]!.raw),
        span: { start: lead[0]!.start, end: lead[0]!.end },
      });
      const kind: SectionKind = lead.some((b) => PROFILE_OPENING.test(norm(b.raw))) ? 'profile' : 'note';
      const s = sectionOf(norm, kind, '', lead);
      if (s) out.sections.push(s);
    }
    return out;
  }
  const before = lead.slice(0, complianceAt);
  const profile = before.filter((b) => PROFILE_OPENING.test(norm(b.raw)) || st.reportYear < 2017);
  const notes = before.filter((b) => !profile.includes(b));
  const note = sectionOf(norm, 'note', '', notes);
  if (note) out.sections.push(note);
  const prof = sectionOf(norm, 'profile', '', profile);
  if (prof) out.sections.push(prof);
  out.summaryBlocks = lead.slice(complianceAt);
  // A recommendations paragraph whose heading the page dropped: imperative sentences right after the summary.
  const unheaded = out.summaryBlocks.findIndex((b, i) => i > 0 && IMPERATIVE.test(b.raw));
  if (st.reportYear >= 2017 && unheaded > 0 && !markers.some((m) => m.kind === 'recommendations')) {
    out.recBlocks = out.summaryBlocks.slice(unheaded);
    out.summaryBlocks = out.summaryBlocks.slice(0, unheaded);
    warnings.push({
      code: 'recommendations-without-heading',
      message: 'recommendations without a heading: read from the imperative paragraph after the summary',
      excerpt: excerptOf(out.recBlocks[0]!.raw),
      span: { start: out.recBlocks[0]!.start, end: out.recBlocks[0]!.end },
    });
  }
  const summary = sectionOf(norm, 'summary', '', out.summaryBlocks);
  if (summary) out.sections.push(summary);
  return out;
}

/** The sections under their headings; the recommendations' blocks are gathered for splitting into items. */
function readMarkedSections(st: Stage, markers: Marker[], end: number, into: ReadSections): void {
  for (let i = 0; i < markers.length; i++) {
    const m = markers[i]!;
    const sectionEnd = markers[i + 1]?.start ?? end;
    const blocks = splitBlocks(st.text, m.contentStart, sectionEnd, isHeadingLine);
    if (m.kind === 'recommendations') {
      into.recBlocks = [...(into.recBlocks ?? []), ...blocks];
      into.recHeading ||= m.heading;
      into.recStart ??= m.start;
      continue;
    }
    const s = sectionOf(st.norm, m.kind, m.heading, blocks, { start: m.start, end: blocks.at(-1)?.end ?? m.contentStart });
    if (s) into.sections.push(s);
    else st.warnings.push({ code: 'empty-section', message: `the ${m.heading} section is empty`, excerpt: m.heading, span: { start: m.start, end: m.contentStart } });
  }
}

/** The recommendations: items of their section, or before 2009 the "should" sentences of the compliance paragraph. */
function readRecommendations(st: Stage, read: ReadSections): Assessment['recommendations'] {
  const { text, warnings } = st;
  const { recBlocks, summaryBlocks } = read;
  let recommendations: Assessment['recommendations'] = [];
  if (!recBlocks && st.reportYear <= 2008 && summaryBlocks.length) {
    // Before 2009 the recommendations are sentences of the compliance paragraph ("Yemen should build on …").
    const should = summaryBlocks
      .flatMap((b) => sentencePieces(text, b.start, b.end, { wrapped: true }))
      .filter((p) => SHOULD_SENTENCE.test(text.slice(p.start, p.end)));
    if (should.length) {
      const r = recommendationsOf(text, should);
      recommendations = r.recommendations;
      for (const w of r.warnings) warnings.push(w);
    }
  }
  if (recBlocks && recBlocks.length) {
    const split = splitRecommendations(text, recBlocks);
    recommendations = split.recommendations;
    for (const w of split.warnings) warnings.push(w);
    read.sections.push({
      kind: 'recommendations',
      heading: read.recHeading,
      text: recommendations.map((r) => r.text).join('\n'),
      span: { start: Math.min(read.recStart ?? Infinity, recBlocks[0]!.start), end: recBlocks.at(-1)!.end },
    });
  }
  return recommendations;
}

/** The summary's tier statement, cross-checked with the heading's tier (a conflict is a warning quoting it). */
function crossCheckTier(st: Stage, summaryBlocks: Block[], summaryText: string | null, heading: RawNarrative['heading']): TierStatement | null {
  const statement = summaryText ? readTierStatement(summaryText) : null;
  if (summaryText && !statement) {
    st.warnings.push({ code: 'summary-states-no-tier', message: 'the summary states no tier: the heading\'s tier is not cross-checked', excerpt: excerptOf(summaryText) });
  }
  if (statement) {
    const conflict = statementConflict(statement, heading.tier);
    if (conflict) {
      const [first, last] = [summaryBlocks[0], summaryBlocks.at(-1)];
      const at = first && last ? locateInOriginal(statement.sentence, st.text.slice(first.start, last.end), first.start) : undefined;
      st.warnings.push({ code: 'tier-conflict', message: `tier conflict: ${conflict}`, excerpt: excerptOf(statement.sentence, 240), span: at ?? heading.span });
    }
  }
  return statement;
}

/**
 * A narrative ends with a whole sentence; one that stops mid-word or mid-sentence was cut short (a partial copy,
 * a page lost): its last section, or the recommendations, may be incomplete.
 */
function cutShortWarning(text: string, raw: RawNarrative): ParseWarning | undefined {
  const tail = text.slice(raw.span.start, raw.span.end).trimEnd();
  if (tail.length <= raw.bodyStart - raw.span.start || /[.!?:;"”’)\]…]$/.test(tail)) return undefined;
  const lastWords = tail.slice(Math.max(0, tail.length - 60)).replace(/\s+/g, ' ');
  return {
    code: 'narrative-cut-short',
    message: CUT_SHORT_WARNINGS.narrative,
    excerpt: `…${lastWords.slice(lastWords.indexOf(' ') + 1)}`,
    span: { start: raw.span.start + tail.length - Math.min(60, tail.length), end: raw.span.start + tail.length },
  };
}

/**
 * Turns one raw narrative into an assessment: tier from the heading cross-checked with the compliance text,
 * the summary (compliance paragraph(s)), the recommendations split into items, and every section with its span.
 * Odd input gives warnings quoting the text, never an exception.
 */
export function parseNarrative(text: string, raw: RawNarrative, ctx: ParseContext): Assessment {
  const warnings: ParseWarning[] = [];
  const { heading } = raw;
  if (heading.doubt) warnings.push({ code: 'heading-doubt', message: heading.doubt, excerpt: excerptOf(heading.raw, 120), span: heading.span });
  if (!text.slice(raw.bodyStart, raw.span.end).trim()) {
    warnings.push({ code: 'heading-without-text', message: 'the heading has no text under it: no summary, sections or recommendations', excerpt: excerptOf(heading.raw, 120), span: heading.span });
  }
  const end = raw.span.end;
  const markers = findMarkers(text, raw.bodyStart, end);
  // A narrative with nothing to normalise (most of a clean report) is only trimmed, block by block.
  const norm: Normalize = needsNormalizing(text.slice(raw.bodyStart, end)) ? normalizeText : (x) => x.trim();
  const st: Stage = { text, norm, warnings, reportYear: ctx.reportYear };
  const read = readLead(st, splitBlocks(text, raw.bodyStart, markers[0]?.start ?? end, isHeadingLine), markers);
  readMarkedSections(st, markers, end, read);
  const recommendations = readRecommendations(st, read);
  const sections = read.sections.sort((a, b) => a.span.start - b.span.start);
  const { summaryBlocks } = read;
  const summaryText = summaryBlocks.length ? summaryBlocks.map((b) => norm(b.raw)).join('\n\n') : null;
  const statement = crossCheckTier(st, summaryBlocks, summaryText, heading);
  const cut = cutShortWarning(text, raw);
  if (cut) warnings.push(cut);

  return {
    countryId: heading.country.id,
    countryName: heading.country.name,
    reportYear: ctx.reportYear,
    tier: heading.tier,
    tierAsterisk: heading.asterisk,
    tierStatement: statement,
    summary: summaryText,
    recommendations,
    sections,
    warnings,
    source: { file: ctx.file, start: raw.span.start, end },
  };
}
