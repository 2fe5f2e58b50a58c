/** Citations as text and BibTeX: report year, section and source document of a fact. */
import type { Citation } from '../analysis/profile.js';

/** `2023 TIP Report, summary; /path/file.txt (sha256 1a2b3c…, imported 2024-05-01), characters 10–200` */
export function citeText(c: Citation): string {
  const doc = c.document
    ? `${c.document.origin} (sha256 ${c.document.sha256.slice(0, 12)}…, imported ${c.document.importedAt.slice(0, 10)})`
    : c.source;
  const span = c.span ? `, characters ${c.span.start}–${c.span.end}` : '';
  return `${c.reportYear} TIP Report, ${c.section}; ${doc}${span}`;
}

export interface CiteInput {
  countryId: string;
  countryName: string;
  reportYear: number;
  /** The tier stated, if any. */
  tier: string | null;
  /** The section cited: "narrative", "tier placement", "prioritized recommendations"… */
  section: string;
  citation: Citation;
  /** The page's own address on this site. */
  pageUrl: string;
  /** When the page was read (YYYY-MM-DD). */
  accessed: string;
}

/** A plain-text reference. */
export function citePlain(x: CiteInput): string {
  const doc = x.citation.document
    ? `Source document: ${x.citation.document.origin} (sha256 ${x.citation.document.sha256}, imported ${x.citation.document.importedAt.slice(0, 10)})`
    : `Source: ${x.citation.source}`;
  const span = x.citation.span ? `, characters ${x.citation.span.start}–${x.citation.span.end}` : '';
  return (
    `U.S. Department of State, ${x.reportYear} Trafficking in Persons Report: ${x.countryName}` +
    `${x.tier ? ` (${x.tier})` : ''}, ${x.section}. ${doc}${span}. ` +
    `Via TIP Atlas, ${x.pageUrl} (accessed ${x.accessed}).`
  );
}

/** Escapes the characters BibTeX treats specially. */
export function bibEscape(s: string): string {
  return s
    .replace(/\\/g, '\\textbackslash{}')
    .replace(/([{}%&$#_])/g, '\\$1')
    .replace(/~/g, '\\textasciitilde{}')
    .replace(/\^/g, '\\textasciicircum{}');
}

export function citeBibtex(x: CiteInput): string {
  const key = `tip${x.reportYear}${x.countryId.toLowerCase()}`;
  const doc = x.citation.document
    ? `source document ${x.citation.document.origin}, sha256 ${x.citation.document.sha256}, imported ${x.citation.document.importedAt.slice(0, 10)}`
    : `source: ${x.citation.source}`;
  const span = x.citation.span ? `, characters ${x.citation.span.start}--${x.citation.span.end}` : '';
  const fields: [string, string][] = [
    ['author', '{U.S. Department of State}'],
    ['title', `{${bibEscape(`${x.reportYear} Trafficking in Persons Report: ${x.countryName}`)}}`],
    ['year', `{${x.reportYear}}`],
    ['note', `{${bibEscape(`${x.tier ? `${x.tier}; ` : ''}section: ${x.section}; ${doc}`)}${span}}`],
    ['howpublished', `{\\url{${x.pageUrl.replace(/([%#{}\\])/g, '\\$1')}}}`],
    ['urldate', `{${x.accessed}}`],
  ];
  return `@misc{${key},\n${fields.map(([k, v]) => `  ${k} = ${v}`).join(',\n')}\n}`;
}

/** How a placement is known (TierPlacement.basis, see data/SOURCES.md), in words for a reader. */
export function basisText(basis: string): string {
  switch (basis) {
    case 'dataset':
      return 'from the academic datasets';
    case 'narrative':
      return 'read from that year’s narrative heading';
    case 'seen':
      return 'stated by a stored page for that report year';
    case 'seen, year inferred':
      return 'stated by a stored undated list, its report year inferred';
    case 'derived':
      return 'derived from the next report’s narrative (less certain than a page stating it)';
    default:
      return basis;
  }
}
