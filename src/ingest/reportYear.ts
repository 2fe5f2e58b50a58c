import type { Span } from '../domain/index.js';
import { isPlausibleReportYear } from '../domain/index.js';
import { htmlSelfAddresses } from './publicAddress.js';

export interface YearMention {
  year: number;
  /** False for a year outside 2001–2030 (a typo or not a report year): reported, never used. */
  plausible: boolean;
  span: Span;
  /** The words that named the year. */
  raw: string;
}

const MONTHS = 'January|February|March|April|May|June|July|August|September|October|November|December';

/**
 * Ways a page names the report it comes from. Only report titles count — never a year in the prose
 * ("in 2022 the government…"), which is the calendar year of events.
 */
const PATTERNS: RegExp[] = [
  /\b((?:19|20)\d\d)\s+Trafficking\s+in\s+Persons\s+(?:\(TIP\)\s+)?Report\b/gi,
  new RegExp(String.raw`\bTrafficking\s+in\s+Persons\s+Report,?\s+(?:(?:${MONTHS})\s+(?:\d{1,2},\s+)?)?((?:19|20)\d\d)\b`, 'gi'),
  /\b((?:19|20)\d\d)\s+TIP\s+Report\b/gi,
  /\bTIP\s+Report\s+((?:19|20)\d\d)\b/gi,
  /\(TIP\s+((?:19|20)\d\d)\)/gi,
  // An address slug: "/reports/2024-trafficking-in-persons-report/x/", "/stories/644437193-2023-trafficking-in-persons-report-x",
  // "/2017-trafficking-persons-report/".
  /\b((?:19|20)\d\d)-trafficking-(?:in-)?persons-report\b/gi,
  /\/tiprpt\/(?:countries\/)?((?:19|20)\d\d)\//gi,
];

/** Where a report title may be: its words, found in one fast pass before the exact patterns run nearby. */
const CANDIDATE = /trafficking\s+in\s+persons|trafficking-(?:in-)?persons|\bTIP\b|\/tiprpt\//gi;

/** Every mention of a report year in [start, end), in text order. */
export function findReportYears(text: string, start = 0, end = text.length): YearMention[] {
  // Windows around each candidate (a year is at most a few words before or after the title words), merged.
  const windows: [number, number][] = [];
  const scope = start === 0 && end === text.length ? text : text.slice(start, end);
  CANDIDATE.lastIndex = 0;
  for (let m = CANDIDATE.exec(scope); m; m = CANDIDATE.exec(scope)) {
    const w0 = Math.max(start, start + m.index - 16);
    const w1 = Math.min(end, start + m.index + m[0].length + 48);
    const last = windows[windows.length - 1];
    if (last && w0 <= last[1]) last[1] = Math.max(last[1], w1);
    else windows.push([w0, w1]);
  }
  const found: YearMention[] = [];
  const seen = new Set<string>();
  for (const [w0, w1] of windows) {
    const region = text.slice(w0, w1);
    for (const re of PATTERNS) {
      re.lastIndex = 0;
      for (let m = re.exec(region); m; m = re.exec(region)) {
        const key = `${w0 + m.index}:${m[0].length}`;
        if (seen.has(key)) continue;
        seen.add(key);
        const year = Number(m[1]);
        found.push({ year, plausible: isPlausibleReportYear(year), raw: m[0].replace(/\s+/g, ' '), span: { start: w0 + m.index, end: w0 + m.index + m[0].length } });
      }
    }
  }
  return found.sort((a, b) => a.span.start - b.span.start);
}

/**
 * The report year an address names, in every form the publisher has used (see src/ingest/fetch/publisher.ts and
 * data/publisher-years.csv):
 * - `/reports/2024-trafficking-in-persons-report/<slug>/` (2017 →), `/reports/2019-trafficking-in-persons-report-2/…`;
 * - `/trafficking-in-persons-report-2018/index.html` (the 2017–2021 archive host);
 * - `/g/tip/rls/tiprpt/2005/46614.htm`, `/j/tip/rls/tiprpt/2012/192366.htm` (2001–2018 numbered pages, current
 *   and archive hosts), `/j/tip/rls/tiprpt/countries/2014/226846.htm` (per-country pages, 2014–2016).
 * The mobile copies (`m.state.gov/md21277.htm`) and uploaded PDFs (`/wp-content/uploads/2021/07/…`, the month of
 * upload, not the report) do not name the report year: undefined. Works on URLs and on local paths that keep an
 * address's path (a mirrored or fetched folder), with `/` or `\`.
 */
export function reportYearFromAddress(address: string): number | undefined {
  const a = address.replace(/\\/g, '/');
  const forms = [
    /\/((?:19|20)\d\d)-trafficking-(?:in-)?persons-report(?:-\d)?(?:\/|$|[._])/i,
    /\/trafficking-in-persons-report-((?:19|20)\d\d)(?:\/|$|[._])/i,
    /\/tiprpt\/(?:countries\/)?((?:19|20)\d\d)(?:\/|$)/i,
  ];
  for (const re of forms) {
    const m = re.exec(a);
    if (m && isPlausibleReportYear(Number(m[1]))) return Number(m[1]);
  }
  return undefined;
}

/**
 * The report year of a file to import, from its address: the origin (a fetched page's URL), the path (a mirrored
 * folder), or the address an HTML page states for itself. Undefined when none names one.
 */
export function yearOfSource(file: { path: string; origin: string }, bytes: Uint8Array): number | undefined {
  const direct = reportYearFromAddress(file.origin) ?? reportYearFromAddress(file.path);
  if (direct !== undefined) return direct;
  const head = new TextDecoder('latin1').decode(bytes.subarray(0, 256 * 1024));
  if (!/<html|<!doctype|<head|<!--\s*saved from/i.test(head)) return undefined;
  for (const a of htmlSelfAddresses(head)) {
    const y = reportYearFromAddress(a.url);
    if (y !== undefined) return y;
  }
  return undefined;
}
