/**
 * Citations a reader can paste: the official publication first (U.S. Department of State, *2023 Trafficking in
 * Persons Report*: Tajikistan, with the publisher's address for it), then how we know it, and this site's
 * permalink. As plain text, BibTeX, CSL-JSON and RIS. Local file paths never appear: an imported document is
 * named by its public address (or its number when it has none).
 */
import type { Citation } from '../analysis/profile.js';
import type { OfficialSource } from '../domain/index.js';

/** Where the publisher is (the report's title page: "United States Department of State, Washington, DC"). */
const PUBLISHER_PLACE = 'Washington, DC';

/** The official publication in words: "U.S. Department of State, 2023 Trafficking in Persons Report: Tajikistan". */
export function officialText(o: OfficialSource): string {
  return `${o.publisher}, ${o.title}`;
}

/**
 * One line naming a fact's source (shown beside facts):
 * `U.S. Department of State, 2023 Trafficking in Persons Report: Tajikistan, summary — https://www.state.gov/… (how
 * we know: read from the imported copy of the narrative at https://…)`.
 */
export function citeText(c: Citation): string {
  const where = c.official.url ? ` — ${c.official.url}` : c.official.note ? ` — ${c.official.note}` : '';
  const how = c.howWeKnow.source && c.howWeKnow.source !== c.official.url ? `${c.howWeKnow.text}: ${c.howWeKnow.source}` : c.howWeKnow.text;
  return `${officialText(c.official)}, ${c.section}${where} (how we know: ${how})`;
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
  /** This site's permalink of the fact (with its anchor). */
  pageUrl: string;
  /** When the page was read (YYYY-MM-DD). */
  accessed: string;
}

/** "Section: tier placement (Tier 2). How we know: from the Cho / Kelley academic dataset (file)." */
function sectionNote(x: CiteInput): string {
  const how = x.citation.howWeKnow;
  const from = how.source && how.source !== x.citation.official.url ? ` (${how.source})` : '';
  return `Section: ${x.section}${x.tier ? ` (${x.tier})` : ''}. How we know: ${how.text}${from}.`;
}

/** Why the publisher's address is missing, when it is. */
function addressNote(x: CiteInput): string {
  return x.citation.official.url ? '' : ' No address of the publisher’s page for it is known.';
}

/** A plain reference, to paste into a bibliography. */
export function citePlain(x: CiteInput): string {
  const o = x.citation.official;
  const url = o.url ? ` ${o.url} (accessed ${x.accessed}).` : '';
  return (
    `${o.publisher}. ${o.title}. ${PUBLISHER_PLACE}: ${o.publisher}, ${o.reportYear}.${url} ${sectionNote(x)}${addressNote(x)}` +
    ` Compiled in TIP Atlas: ${x.pageUrl}.`
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

/** A citation key: `usdos_tip2023_tjk`. */
export function citeKey(x: Pick<CiteInput, 'reportYear' | 'countryId'>): string {
  return `usdos_tip${x.reportYear}_${x.countryId.toLowerCase()}`;
}

/** An address inside a BibTeX `url` field: braces and backslashes cannot appear unbalanced; `%` is escaped. */
function bibUrl(url: string): string {
  return url.replace(/([%{}\\])/g, (c) => encodeURIComponent(c));
}

/**
 * BibTeX (`@techreport`): the publisher as a corporate author in double braces, so that BibTeX does not read
 * "U.S. Department of State" as a person whose surname is "State".
 */
export function citeBibtex(x: CiteInput): string {
  const o = x.citation.official;
  const fields: [string, string][] = [
    ['author', `{{${bibEscape(o.publisher)}}}`],
    ['title', `{{${bibEscape(o.title)}}}`],
    ['institution', `{${bibEscape(o.publisher)}}`],
    ['address', `{${bibEscape(PUBLISHER_PLACE)}}`],
    ['year', `{${o.reportYear}}`],
    ...(o.url ? ([['url', `{${bibUrl(o.url)}}`], ['urldate', `{${x.accessed}}`]] as [string, string][]) : []),
    ['note', `{${bibEscape(`${sectionNote(x)}${addressNote(x)} Compiled in TIP Atlas: ${x.pageUrl}`)}}`],
  ];
  return `@techreport{${citeKey(x)},\n${fields.map(([k, v]) => `  ${k} = ${v}`).join(',\n')}\n}`;
}

function dateParts(iso: string | null): number[] | null {
  const m = iso ? /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso) : null;
  return m ? [Number(m[1]), Number(m[2]), Number(m[3])] : null;
}

/** CSL-JSON (an array of one item), as reference managers (Zotero, Mendeley, pandoc) import it. */
export function citeCslJson(x: CiteInput): string {
  const o = x.citation.official;
  const released = dateParts(o.releaseDate);
  const item: Record<string, unknown> = {
    id: citeKey(x),
    type: 'report',
    title: o.title,
    author: [{ literal: o.publisher }],
    publisher: o.publisher,
    'publisher-place': PUBLISHER_PLACE,
    issued: { 'date-parts': [released ?? [o.reportYear]] },
    ...(o.url ? { URL: o.url, accessed: { 'date-parts': [dateParts(x.accessed) ?? []] } } : {}),
    note: `${sectionNote(x)}${addressNote(x)} Compiled in TIP Atlas: ${x.pageUrl}`,
  };
  return JSON.stringify([item], null, 2);
}

/** RIS (a report, `TY  - RPRT`): the publisher as one author field with no comma, read as an organisation. */
export function citeRis(x: CiteInput): string {
  const o = x.citation.official;
  const released = dateParts(o.releaseDate);
  const oneLine = (s: string) => s.replace(/\s+/g, ' ').trim();
  const lines: [string, string][] = [
    ['TY', 'RPRT'],
    ['AU', o.publisher],
    ['TI', o.title],
    ['PY', String(o.reportYear)],
    ...(released ? ([['DA', released.map((n) => String(n).padStart(2, '0')).join('/')]] as [string, string][]) : []),
    ['PB', o.publisher],
    ['CY', PUBLISHER_PLACE],
    ...(o.url ? ([['UR', o.url], ['Y2', x.accessed.replace(/-/g, '/')]] as [string, string][]) : []),
    ['N1', oneLine(`${sectionNote(x)}${addressNote(x)} Compiled in TIP Atlas: ${x.pageUrl}`)],
    ['ER', ''],
  ];
  return lines.map(([tag, v]) => `${tag}  - ${v}`).join('\n') + '\n';
}

/** Every format, for the page's "Cite this" and the JSON twin's `cite`. */
export function citeAll(x: CiteInput): { plain: string; bibtex: string; cslJson: string; ris: string } {
  return { plain: citePlain(x), bibtex: citeBibtex(x), cslJson: citeCslJson(x), ris: citeRis(x) };
}
