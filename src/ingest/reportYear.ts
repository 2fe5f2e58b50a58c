import type { Span } from '../domain/index.js';
import { isPlausibleReportYear } from '../domain/index.js';

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
