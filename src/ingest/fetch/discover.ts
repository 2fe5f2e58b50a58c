import type { Country } from '../../domain/index.js';
import type { CountryLookup } from '../headings.js';
import { decodeEntities } from '../toText/index.js';
import type { YearPlan } from './publisher.js';
import { rebase } from './publisher.js';

/**
 * Discovery: the links of an index page, read generically (the real index layouts of the archived years were not
 * seen, see publisher.ts), sorted into
 * - country pages: a link inside the year's report whose text, or whose last path segment, names a country of the
 *   registry (name or alias; "Korea, South", "Cote d'Ivoire" and the like resolve through it);
 * - narrative pages: a link inside the report whose text says "narratives" or names an alphabetical block
 *   ("Countries A through G"): a page of several narratives (before 2014), or an index of country pages;
 * - PDFs: a `.pdf` link whose text names a country is that country's page (per-country PDFs); other `.pdf` links
 *   that name the report are candidate full reports;
 * - other links inside the report that name no country (printed, so a country the registry misses is seen).
 */

export interface Link {
  url: string;
  text: string;
}

export interface Discovered {
  countries: { country: Country; url: string; text: string }[];
  narratives: Link[];
  pdfs: Link[];
  unmapped: Link[];
}

const ANCHOR = /<a\b([^>]*)>([\s\S]*?)<\/a\s*>/gi;
const HREF = /\bhref\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+))/i;

/** Every `<a href>` of a page, resolved against its address; the text with tags dropped and entities decoded. */
export function extractLinks(html: string, pageUrl: string): Link[] {
  const out: Link[] = [];
  for (const m of html.matchAll(ANCHOR)) {
    const h = HREF.exec(m[1]!);
    const href = h ? decodeEntities(h[1] ?? h[2] ?? h[3] ?? '').trim() : '';
    if (!href || href.startsWith('#') || /^(?:mailto|javascript|tel):/i.test(href)) continue;
    let url: URL;
    try {
      url = new URL(href, pageUrl);
    } catch {
      continue;
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:') continue;
    url.hash = '';
    const text = decodeEntities(m[2]!.replace(/<[^>]*>/g, ' ')).replace(/\s+/g, ' ').trim();
    out.push({ url: url.href, text });
  }
  return out;
}

const NARRATIVES = /narratives|\bcountries\s+[A-Z]\s*(?:-|–|through|to)\s*[A-Z]\b|\b[A-Z]\s+through\s+[A-Z]\b/i;
const REPORT_PDF = /report|\btip\b|trafficking/i;

/** "Uzbekistan (Tier 3)", "THAILAND: Tier 2 Watch List", "Korea, South" → the country's name alone. */
function nameOf(text: string): string {
  return text.replace(/\s*(?:\(|:|–|—|-\s)\s*(?:tier|special\s+case)\b.*$/i, '').trim();
}

/** The country a link names, by its text or by its last path segment (the publisher's slug). */
export function countryOfLink(link: Link, lookup: CountryLookup, countries: readonly Country[]): Country | undefined {
  const byText = link.text ? lookup.find(nameOf(link.text)) : undefined;
  if (byText) return byText;
  const seg = new URL(link.url).pathname.split('/').filter(Boolean).pop() ?? '';
  if (!seg || /\.\w+$/.test(seg) || /^\d+$/.test(seg)) return undefined;
  return countries.find((c) => c.slug === seg) ?? lookup.find(seg.replace(/-/g, ' '));
}

export function discover(html: string, pageUrl: string, plan: YearPlan, baseUrl: string, lookup: CountryLookup, countries: readonly Country[]): Discovered {
  const out: Discovered = { countries: [], narratives: [], pdfs: [], unmapped: [] };
  const seen = new Set<string>();
  const self = new URL(pageUrl);
  for (const raw of extractLinks(html, pageUrl)) {
    const link = { ...raw, url: rebase(raw.url, baseUrl) };
    const u = new URL(link.url);
    if (u.pathname === self.pathname || seen.has(link.url)) continue;
    seen.add(link.url);
    const pdf = /\.pdf$/i.test(u.pathname);
    // A PDF of one country (where a year has no pages) counts as its country page; another PDF naming the report
    // is a candidate full report.
    const country = pdf || plan.inReport(u) ? countryOfLink(link, lookup, countries) : undefined;
    if (pdf && !country) {
      if (REPORT_PDF.test(link.text) || REPORT_PDF.test(u.pathname)) out.pdfs.push(link);
      continue;
    }
    if (!plan.inReport(u) && !(pdf && country)) continue;
    if (country) {
      if (!out.countries.some((c) => c.country.id === country.id)) out.countries.push({ country, url: link.url, text: link.text });
    } else if (NARRATIVES.test(link.text)) out.narratives.push(link);
    else out.unmapped.push(link);
  }
  return out;
}
