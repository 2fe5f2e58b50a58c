/** Whether a count or a "none" belongs to another period than the report's, or only to part of it. */
import type { Mention } from './mentions.js';
import { clauseAt } from './mentions.js';

// ---------------------------------------------------------------------------------------------------------
// Counts of other periods

/** A total over several years: "between 2018 and 2022", "over the past five years" (and "since 2015": otherPeriod). */
const MULTI_YEAR =
  /\bbetween\s+(?:\w+\s+)?\d{4}\s+and\s+(?:\w+\s+)?\d{4}\b|\bfrom\s+(?:\w+\s+)?\d{4}\s+(?:to|through|until)\s+(?:\w+\s+)?\d{4}\b|\b(?:over|during|in|for)\s+the\s+(?:past|last|previous|preceding)\s+(?:\w+\s+)?(?:years|reporting periods)\b|\bcumulative(?:ly)?\b|\b(?:to date|in total since|since (?:its|the) (?:establishment|creation|inception|adoption|enactment))\b/i;
/** About earlier periods: "in previous years". */
const EARLIER = /\b(?:in|during)\s+(?:previous|prior|past|earlier)\s+(?:years|reporting periods)\b/i;
/** Work carried into this period ("continued 14 prosecutions initiated in previous years") counts in it. */
const ONGOING = /\bcontinu\w*|\bongoing\b|\bpending\b/i;

/**
 * Whether a count belongs to another period than the report's: a total over several years, or a clause about
 * earlier years (with the report year known, "in 2019" in a 2023 report is one; the reporting period runs from
 * April of the year before the report).
 */
export function otherPeriod(text: string, m: Mention, reportYear: number | undefined): boolean {
  const c = clauseAt(text, m.at, m.end);
  // The clause up to the mention and its own phrase after it (not what a later comma adds), without
  // parentheses: "(unreported in 2019)" is a previous value.
  const scope = (text.slice(c.start, m.end) + (/^[^,;]*/.exec(text.slice(m.end, c.end))?.[0] ?? '')).replace(/\([^()]*\)/g, ' '); // [^()]: a run of '(' without ')' stays linear
  if (MULTI_YEAR.test(scope)) return true;
  // "Since 2015, …" is a total over years; "Since April 2022, …" in the 2023 report is within its period.
  for (const y of scope.matchAll(/\bsince\s+(?:[\w-]+\s+)?(\d{4})\b/gi)) {
    if (reportYear === undefined || Number(y[1]) <= reportYear - 2) return true;
  }
  for (const r of scope.matchAll(/\b(\d{4})\s*[-–]\s*(\d{2}|\d{4})\b/g)) {
    const from = Number(r[1]);
    const to = r[2]!.length === 2 ? Math.floor(from / 100) * 100 + Number(r[2]) : Number(r[2]);
    if (to - from > 1) return true;
  }
  if (EARLIER.test(scope) && !ONGOING.test(scope)) return true;
  if (reportYear !== undefined) {
    for (const y of scope.matchAll(/\b(?:in|during)\s+(?:(?:calendar|fiscal|the)\s+)?(?:year\s+)?(\d{4})\b/gi)) {
      if (Number(y[1]) <= reportYear - 2) return true;
    }
  }
  return false;
}

// ---------------------------------------------------------------------------------------------------------
// "None" in part of the period

const MONTHS = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];
const DATE = `(?:(?:early|mid|late)[\\s-]+)?(${MONTHS.join('|')})(?:\\s+(\\d{1,2})\\b)?(?:,?\\s+(\\d{4}))?|(\\d{4})`;
/** Events that split a period: "the change of government in August 2021", "the 2021 coup", "the takeover". */
const EVENT = `the\\s+(?:[\\w-]+\\s+){0,3}?(?:takeover|coup|change\\s+(?:of|in)\\s+government|fall\\s+of|collapse|transition|seizure\\s+of\\s+power|transfer\\s+of\\s+power|invasion)\\b[^,;]{0,40}?`;
/**
 * A time limit on a clause: "After August 15", "Before March", "Until June 2022", "Since the change of government in
 * August 2021", "following the takeover", "the pre-August 15 government", "in the first half of the reporting
 * period". Groups: 1 the preposition; 2–5 a date (month, day, year; or a year alone); 6–9 the date of an event.
 */
const TIME_LIMIT = new RegExp(
  `\\b(since|after|following|from|before|until|till|prior\\s+to|up\\s+to|between)\\s+(?:${DATE}|${EVENT}(?:\\b(?:in|on|of)\\s+(?:${DATE}))?)(?![\\w-])` +
    `|\\b(?:pre|post)-(?:${MONTHS.join('|')}|takeover|coup|\\d{4})\\b` +
    `|\\b(?:first|second|last|final|latter|remaining|later|earlier)\\s+(?:[\\w-]+\\s+)?(?:half|part|portion|quarter|months?|weeks?)\\s+of\\b`,
  'gi',
);
const FROM_TO = /^\s*(?:to|through|until|and)\s/i;

/**
 * Whether a time limit leaves part of the reporting period out. The period runs from April of the year before the
 * report year to March of it, as for counts ("Since April 2022, …" in the 2023 report is the period's; see
 * otherPeriod): "since" or "after" a date on or before its start covers it all ("Since 2015, no official has been
 * convicted"); any other limit, or one whose date is not known, does not.
 */
function limitIsPartial(m: RegExpExecArray, text: string, reportYear: number | undefined): boolean {
  const prep = m[1]?.toLowerCase();
  if (!prep || !['since', 'after', 'following', 'from'].includes(prep)) return true;
  if (prep === 'from' && FROM_TO.test(text.slice(m.index + m[0].length))) return true;
  if (reportYear === undefined) return true;
  const month = m[2] ?? m[6];
  const day = m[3] ?? m[7];
  let year = Number(m[4] ?? m[8] ?? m[5] ?? m[9] ?? NaN);
  // "the 2021 coup": the event's year in its name.
  if (Number.isNaN(year)) year = Number(/\b(\d{4})\b/.exec(m[0])?.[1] ?? NaN);
  if (Number.isNaN(year)) return true;
  // The first day the clause covers, as [year, month (1–12), day].
  const mo = month ? MONTHS.indexOf(month.toLowerCase()) + 1 : 0;
  let first: [number, number, number] = mo ? [year, mo, day ? Number(day) : 1] : [year, 1, 1];
  if (prep === 'after' || prep === 'following') {
    if (!mo) first = [year + 1, 1, 1];
    else if (!day) first = mo === 12 ? [year + 1, 1, 1] : [year, mo + 1, 1];
    else first = [year, mo, Number(day) + 1];
  }
  const start: [number, number, number] = [reportYear - 1, 4, 1];
  for (let i = 0; i < 3; i++) if (first[i] !== start[i]) return first[i]! > start[i]!;
  return false;
}

/**
 * Whether a "none" holds only for part of the period: a time limit in its clause ("The Taliban did not investigate
 * any cases after August 15"), or one opening the sentence ("After August 15, the Taliban did not …"). A count in
 * part of the period is still a count of the period's (consistent with "Since April 2022"); a "none" in part of it
 * is not a "none" for the year.
 */
export function partOfPeriod(s: string, m: Mention, reportYear: number | undefined): boolean {
  const c = clauseAt(s, m.at, m.end);
  const regions = [{ from: c.start, text: s.slice(c.start, Math.max(c.end, m.end)) }];
  const lead = /^\W*(?:since|after|following|from|before|until|till|prior\s+to|up\s+to|between|during|in|for|throughout)\b[^,;]*/i.exec(s.slice(0, m.at));
  if (lead) regions.push({ from: 0, text: lead[0] });
  for (const r of regions) {
    TIME_LIMIT.lastIndex = 0;
    for (let t = TIME_LIMIT.exec(r.text); t; t = TIME_LIMIT.exec(r.text)) {
      if (limitIsPartial(t, r.text, reportYear)) return true;
    }
  }
  return false;
}
