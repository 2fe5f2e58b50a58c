/** Mentions of counts, "none reported" and sentences in one sentence, and the comparisons set apart from them. */
import type { Span } from '../../domain/index.js';
import { parseNumber, parseOrdinal } from '../text.js';
import type { Indicator, IndicatorKind, IndicatorUnit, IndicatorValue } from './types.js';
import { ADJ, AS_VICTIMS_AFTER, COMPLICITY, HAS_NUMBER, LE_NOUN, NEGATION, NUM, OFFICIAL_NOUN, PERSON_NOUN, QUANT, UNIT_OF, VERBS, VICTIM_NOUN, VICTIM_NOUN_IN_CONTEXT, rx } from './vocabulary.js';

/**
 * Between two verbs of a list ("identified, and referred", "investigated or prosecuted"): what `\s*,?\s*(?:and|or)?\s+`
 * matched, without two quantifiers over white space side by side (those backtrack quadratically over a long run).
 */
const LIST_JOIN = String.raw`(?:\s*,(?:\s*(?:and|or))?\s+|\s*(?:and|or)\s+|\s+)`;

// ---------------------------------------------------------------------------------------------------------
// Comparisons ("compared with 53 in 2019")

interface Segment extends Span {
  text: string;
}

const COMPARISON_START =
  /\b(?:(?:as )?compared (?:with|to)|in comparison (?:with|to)|versus|an? (?:increase|decrease|rise|decline|drop|reduction) (?:from|compared (?:with|to))|up from|down from|the same (?:number )?as|(?:a )?similar (?:number )?(?:to|as))\b/gi;
const CLAUSE_END =
  /;|,\s+(?:and|but|while|whereas|although)\s+(?:\w+\s+){0,2}?\w+ed\b|,\s+(?:but|while|whereas|although)\b|(?:,|\s+[–—-]|,?\s+and)\s+(?:investigated|prosecuted|convicted|identified|referred|assisted|sheltered|sentenced|initiated|reported|secured|obtained|indicted|charged)\b|\s+[–—]\s+|\.\s*$/g;

export function comparisonSegments(s: string): Segment[] {
  const out: Segment[] = [];
  COMPARISON_START.lastIndex = 0;
  for (let m = COMPARISON_START.exec(s); m; m = COMPARISON_START.exec(s)) {
    CLAUSE_END.lastIndex = m.index + m[0].length;
    const e = CLAUSE_END.exec(s);
    const end = e ? e.index : s.length;
    out.push({ start: m.index, end, text: s.slice(m.index, end) });
    COMPARISON_START.lastIndex = end;
  }
  return out;
}

const PERIOD = /\b(?:in|during|for|over)\s+(?:the\s+)?(?:(?:previous|prior|last|preceding)\s+(?:reporting\s+period|year|period|reporting\s+year)|\d{4}(?:\s*[-–]\s*\d{2,4})?)|\bthe\s+(?:previous|prior|preceding)\s+(?:reporting\s+period|year|period)|\b(?:the\s+)?(?:previous|prior|preceding)\s+(?:reporting\s+period|year)/i;

/** Counts of something else than an indicator: "compared with 12 prosecutors trained in 2021" is not 12 prosecutions. */
export const OTHER_COUNTS =
  '(?:prosecutors|investigators|judges|inspectors|trainers|trainings?|sessions|workshops|courses|calls|inspections|arrests|raids|operations|participants|students|staff|personnel)\\b';

export function periodOf(text: string): string {
  return PERIOD.exec(text)?.[0].trim() ?? 'the previous period';
}

// ---------------------------------------------------------------------------------------------------------
// Extraction from one sentence

export interface Mention {
  kind: IndicatorKind;
  at: number;
  end: number;
  value: IndicatorValue;
  status: Indicator['status'];
  unit: IndicatorUnit | null;
  secondary?: Indicator['secondary'];
  detail?: string;
  previous: Indicator['previous'];
  consecutiveYears: number | null;
}

export function valueOf(text: string): IndicatorValue | undefined {
  const v = parseNumber(text);
  return v === undefined ? undefined : { value: v, valueText: text };
}

/** Replaces the comparison segments with spaces, keeping offsets. */
export function mask(s: string, segs: Segment[]): string {
  let out = s;
  for (const g of segs) out = out.slice(0, g.start) + ' '.repeat(g.end - g.start) + out.slice(g.end);
  return out;
}

/**
 * Where a clause breaks: a semicolon, a dash, or a comma before a conjunction ("…, and courts convicted …",
 * "…, while NGOs reported corruption …"). Three splitters on purpose:
 * this one bounds the clause around a count (complicity, other periods), the widest cut; CLAUSE_END ends a
 * comparison ("compared with 53 in 2019") only before a new verb, so the compared phrase keeps its list; and
 * noneMentions ends a "did not report …" clause only at ", and <subject>", so "prosecutions, and convictions"
 * stay one negated list.
 */
const CLAUSE_BREAK = /;|,\s+(?:and|but|while|whereas|although|though|which|where)\b|\s+[–—]\s+/g;

/** The clause of `s` holding [at, end). */
export function clauseAt(s: string, at: number, end: number): Span {
  let start = 0;
  let stop = s.length;
  CLAUSE_BREAK.lastIndex = 0;
  for (let m = CLAUSE_BREAK.exec(s); m; m = CLAUSE_BREAK.exec(s)) {
    if (m.index + m[0].length <= at) start = m.index + m[0].length;
    else if (m.index >= end) {
      stop = m.index;
      break;
    }
  }
  return { start, end: stop };
}

/** The rest of a mention's phrase after `end`: up to a comma, a full stop, or a coordinated verb or number. */
function phraseAfter(text: string, end: number): string {
  const rest = /^[^,;.]*/.exec(text.slice(end))![0];
  const stop = rx(`\\s(?:and|or|but)\\s+(?:${NUM}|\\w+ed)\\b`, 'i').exec(rest);
  return stop ? rest.slice(0, stop.index) : rest;
}

/** A referral to the police, prosecutors or courts: not a referral to care. */
const TO_LAW_ENFORCEMENT =
  /^(?:to|for)\s+(?:the\s+|a\s+|an\s+)?(?:[\w'’-]+\s+){0,3}?(?:police|law enforcement|prosecut\w*|courts?|judicia\w*|investigat\w*|criminal|immigration|border|security\s+(?:forces|services|agenc\w+|officials))\b/i;

/**
 * Cases, charges and convictions for something else than trafficking: "two convictions for related offenses",
 * "prosecuted under other laws", "non-trafficking charges", "for crimes other than trafficking". Not "for
 * trafficking-related offenses", nor "for other trafficking crimes".
 */
export const NON_TRAFFICKING =
  /\b(?:for|of|on|with)\s+(?:(?!trafficking\b|and\b|or\b)[\w-]+\s+)?(?:related|other|unrelated|lesser)\s+(?:(?!trafficking\b|sex\b|labou?r\b)[\w-]+\s+)?(?:offen[cs]es|crimes|charges)\b|\bunder\s+(?:the\s+)?(?:other|non-trafficking)\s+(?:[\w-]+\s+)?(?:laws|statutes|articles|provisions)\b|\bnon-trafficking\b|\b(?:laws?|statutes?|articles?|offen[cs]es|crimes|charges)\s+other\s+than\s+(?:[\w-]+\s+){0,2}?(?:anti-)?trafficking\b/i;

/** Counts that are not this indicator: migrant smuggling cases, other offenses, referrals to law enforcement. */
function outOfScope(text: string, m: Mention): boolean {
  const phrase = phraseAfter(text, m.end);
  if (m.kind === 'victims-referred') return TO_LAW_ENFORCEMENT.test(/\b(?:to|for)\b.*/i.exec(phrase)?.[0] ?? '');
  if (m.unit !== 'victims' && /\bsmuggl/i.test(text.slice(m.at, m.end) + phrase)) return true;
  // Only the mention's own phrase: "investigated 18 cases and made four arrests for related offenses" keeps the 18.
  if (m.unit !== 'victims' && NON_TRAFFICKING.test(text.slice(m.at, m.end) + phrase.split(/\s(?:and|or|but|while|whereas)\s/i)[0]!)) return true;
  return false;
}

/** The patterns of one verb rule, built once per rule and mode (sources of thousands of characters). */
const RULE_PATTERNS = [new Map<(typeof VERBS)[number], { withNoun: RegExp; bare: RegExp | null }>(), new Map<(typeof VERBS)[number], { withNoun: RegExp; bare: RegExp | null }>()] as const;

function rulePatterns(rule: (typeof VERBS)[number], comparison: boolean): { withNoun: RegExp; bare: RegExp | null } {
  const cache = RULE_PATTERNS[comparison ? 1 : 0];
  let p = cache.get(rule);
  if (!p) {
    const verb = comparison ? rule.ing : rule.verb;
    const noun = rule.noun === 'victim' ? VICTIM_NOUN_IN_CONTEXT : LE_NOUN;
    // Several verbs may share one number: "identified and referred 23 victims".
    const verbs = `((?:${verb})(?:${LIST_JOIN}(?:${VERBS.map((r) => (comparison ? r.ing : r.verb)).join('|')}))*)`;
    p = {
      withNoun: new RegExp(`\\b${verbs}\\s+${QUANT}(${NUM})\\s+(?:of (?:them|these|the victims)\\s+)?(${ADJ})(${rule.noun === 'le' ? `${OFFICIAL_NOUN}|${noun}` : noun})\\b`, 'gi'),
      bare: rule.bareAfter ? new RegExp(`\\b${verbs}\\s+${QUANT}(${NUM})${rule.bareAfter}`, 'gi') : null,
    };
    cache.set(rule, p);
  }
  p.withNoun.lastIndex = 0;
  if (p.bare) p.bare.lastIndex = 0;
  return p;
}

export function countMentions(text: string, comparison: boolean, sentence: string): Mention[] {
  const out: Mention[] = [];
  // Official complicity is read in the clause that counts the officials; a comparison takes the sentence's.
  const complicityAt = (at: number, end: number) => {
    if (comparison) return COMPLICITY.test(sentence);
    const c = clauseAt(text, at, end);
    return COMPLICITY.test(text.slice(c.start, c.end));
  };
  const hasNumber = HAS_NUMBER.test(text);
  for (const rule of VERBS) {
    if (!hasNumber || !rule.quick.test(text)) continue;
    const { withNoun, bare } = rulePatterns(rule, comparison);
    for (let m = withNoun.exec(text); m; m = withNoun.exec(text)) {
      const v = valueOf(m[2]!);
      if (!v) continue;
      const nounText = m[4]!;
      const isOfficial = rule.noun === 'le' && rx(`^${OFFICIAL_NOUN}$`, 'i').test(nounText);
      if (isOfficial && !complicityAt(m.index, m.index + m[0].length)) continue;
      const kinds = kindsInVerbGroup(m[1]!, comparison);
      for (const kind of kinds) {
        if (isOfficial && !['investigations', 'prosecutions', 'convictions'].includes(kind)) continue;
        out.push({
          kind: isOfficial ? 'official-complicity' : kind,
          at: m.index,
          end: m.index + m[0].length,
          value: v,
          status: 'count',
          unit: isOfficial ? 'officials' : UNIT_OF(nounText, VERBS.find((r) => r.kind === kind) ?? rule),
          previous: null,
          consecutiveYears: null,
        });
      }
    }
    if (bare) {
      for (let m = bare.exec(text); m; m = bare.exec(text)) {
        const v = valueOf(m[2]!);
        if (!v || (v.value !== null && v.value >= 1900 && v.value <= 2100)) continue;
        for (const kind of kindsInVerbGroup(m[1]!, comparison)) {
          if (out.some((o) => o.kind === kind && o.at === m!.index)) continue;
          out.push({
            kind,
            at: m.index,
            end: m.index + m[0].length,
            value: v,
            status: 'count',
            unit: VERBS.find((r) => r.kind === kind)!.noun === 'victim' ? 'victims' : null,
            previous: null,
            consecutiveYears: null,
          });
        }
      }
    }
  }
  if (!hasNumber) return dedupe(out);
  // "14 investigations", "eight prosecutions", "three convictions"
  const nounForm = rx(`(?<![\\w,.])(${NUM})\\s+(${ADJ})(investigations?|prosecutions?|convictions?)\\b`, 'gi');
  for (let m = nounForm.exec(text); m; m = nounForm.exec(text)) {
    const v = valueOf(m[1]!);
    if (!v) continue;
    const word = m[3]!.toLowerCase();
    const kind: IndicatorKind = word.startsWith('invest') ? 'investigations' : word.startsWith('prosec') ? 'prosecutions' : 'convictions';
    if (/\bof the\s*$/i.test(text.slice(Math.max(0, m.index - 8), m.index))) continue;
    const after = text.slice(m.index + m[0].length, m.index + m[0].length + 80);
    const officials = rx(`^\\s+(?:of|against|involving)\\s+(?:\\w+\\s+){0,2}?${OFFICIAL_NOUN}`, 'i').exec(after);
    const ofOfficials = officials !== null && complicityAt(m.index, m.index + m[0].length + officials[0].length);
    out.push({
      kind: ofOfficials ? 'official-complicity' : kind,
      at: m.index,
      end: m.index + m[0].length,
      value: v,
      status: 'count',
      unit: ofOfficials ? 'officials' : null,
      previous: null,
      consecutiveYears: null,
    });
  }
  // Passive: "24 victims were identified", "five traffickers were convicted".
  const passive = rx(`(?<![\\w,.])(${NUM})\\s+(${ADJ})(${LE_NOUN.slice(1, -1)}|${VICTIM_NOUN.slice(1, -1)}|${PERSON_NOUN})\\s+(?:(?:were|was|had been|have been)\\s+(?:\\w+ly\\s+)?(investigated|prosecuted|convicted|identified|referred|assisted|sheltered|indicted|charged)|(identified|referred)(?=\\s+(?:by|to|in|during|through|at)\\b|[,.;]))\\b`, 'gi');
  for (let m = passive.exec(text); m; m = passive.exec(text)) {
    const v = valueOf(m[1]!);
    if (!v) continue;
    const verb = (m[4] ?? m[5]!).toLowerCase();
    const kind = passiveKind(verb);
    // Victims only when named so ("24 victims were identified", "40 children were identified as victims", not
    // "40 workers were identified"), and "34 victims identified" (no "were") only for victims.
    const victimNoun = rx(`^${VICTIM_NOUN}$`, 'i').test(m[3]!) || (!!m[4] && AS_VICTIMS_AFTER.test(text.slice(m.index + m[0].length)));
    if ((!m[4] || kind.startsWith('victims-')) && !victimNoun) continue;
    const rule = VERBS.find((r) => r.kind === kind)!;
    out.push({ kind, at: m.index, end: m.index + m[0].length, value: v, status: 'count', unit: UNIT_OF(m[3]!, rule), previous: null, consecutiveYears: null });
  }
  // "cases involving 22 suspects" after a count of cases.
  for (const o of out) {
    if (o.unit !== 'cases') continue;
    const after = text.slice(o.end, o.end + 60);
    const sec = rx(`^\\s+(?:involving|against|of)\\s+${QUANT}(${NUM})\\s+(${ADJ})(suspects?|defendants?|traffickers?|individuals|persons|people|offenders?|perpetrators)\\b`, 'i').exec(after);
    const v = sec ? valueOf(sec[1]!) : undefined;
    if (sec && v) o.secondary = { ...v, unit: 'persons' };
  }
  return dedupe(out.filter((o) => !outOfScope(text, o)));
}

function passiveKind(verb: string): IndicatorKind {
  if (verb.startsWith('investig')) return 'investigations';
  if (verb.startsWith('prosec') || verb === 'indicted' || verb === 'charged') return 'prosecutions';
  if (verb.startsWith('convict')) return 'convictions';
  if (verb.startsWith('identif')) return 'victims-identified';
  if (verb.startsWith('refer')) return 'victims-referred';
  return 'victims-assisted';
}

function kindsInVerbGroup(group: string, comparison: boolean): IndicatorKind[] {
  const kinds: IndicatorKind[] = [];
  for (const rule of VERBS) {
    const re = rx(`(?:${comparison ? rule.ing : rule.verb})`, 'i');
    if (re.test(group)) kinds.push(rule.kind);
  }
  return kinds;
}

function dedupe(ms: Mention[]): Mention[] {
  const out: Mention[] = [];
  for (const m of ms.sort((a, b) => a.at - b.at)) {
    const same = out.find((o) => o.kind === m.kind && o.value.value === m.value.value && o.status === m.status);
    if (same) continue;
    // An overlapping mention of the same kind with another value: keep the earlier.
    if (out.some((o) => o.kind === m.kind && m.at < o.end && o.at < m.end)) continue;
    out.push(m);
  }
  return out;
}

// ---------------------------------------------------------------------------------------------------------
// "None reported"

const NONE_ANCHOR =
  /\b(?:(?:did not|didn't|has not|had not|have not|failed to|nor did (?:the government|authorities|officials|it|they))\s+(?:report|record|provide information on)|(?:did not|didn't|failed to|failing to|has not|had not|could not)\s+(?=(?:investigate|prosecute|convict|identify|refer|initiate|secure|obtain|achieve)\b)|(?:reported|recorded|achieved|secured|initiated|obtained|identified|conducted|there (?:were|was|have been|has been|had been))\s+(?:no|zero)(?:\s+reported)?\b)/gi;
const NOT_NONE = /^\s*(?:how|the number|the numbers|whether|if|on|details|data|statistics|figures|numbers|records|information|comprehensive|complete|disaggregated|sufficient|adequate|the outcome|outcomes|the status|the results|the development|the adoption|the existence|efforts|on efforts|any efforts|any data|any information|any statistics|law enforcement data|sentencing)/i;
/** "prosecution statistics", "conviction data": about the figures, not the facts. */
const DATA_WORDS = /\b(?:statistics|data|figures|numbers|records|information|details)\b/i;
/** A verb followed by a count ("investigate 12 reported cases"): some took place. */
const COUNTED_OBJECT = new RegExp(`^\\s*[\\w-]+\\s+(?:all\\s+|the\\s+|${QUANT})(?:${NUM})\\b(?!\\s*(?:years?|months?)\\b)`, 'i');
const ITEM_KINDS: [RegExp, IndicatorKind][] = [
  [/\binvestigat(?:ions?|ing|e|ed)\b/i, 'investigations'],
  [/\bprosecut(?:ions?|ing|e|ed)\b|\bindict(?:ments?|ing)\b/i, 'prosecutions'],
  [/\bconvict(?:ions?|ing|ed)?\b/i, 'convictions'],
  [/\bidentif(?:y|ying|ication|ied)\b/i, 'victims-identified'],
  [/\brefer(?:ral|rals|ring|red)?\b/i, 'victims-referred'],
  [/\b(?:provid(?:e|ing) (?:any )?(?:\w+ )?(?:services|assistance|care|shelter)|assist(?:ing|ance)?|shelter(?:ing)?|protect(?:ing)?)\b/i, 'victims-assisted'],
];
/** "protect victims from penalization": not care. */
const PROTECT_FROM = /\bprotect(?:ing)?\b(?:\s+[\w'’-]+){0,5}?\s+from\b/i;

/**
 * No care at all: "does not provide protection assistance to trafficking victims", "did not provide services to
 * victims", "it provided no such services". Only general words before the noun ("adequate", "long-term", "shelter",
 * "reintegration", "data on", "funding for" … say something else) and victims without a qualifier after it ("to
 * foreign victims", "to all victims" are not all of them).
 */
const CARE_WORDS = '(?:services|assistance|care|support|protection)';
const CARE_MODIFIERS = '(?:(?:any|such|protection|protective|specialized|direct|victim|government|government-funded|or|and)\\b\\s*|,\\s*)';
const CARE_TO_VICTIMS = `(?:\\s+(?:directly\\s+)?(?:to|for)\\s+(?:any\\s+|the\\s+|these\\s+|those\\s+|such\\s+)?(?:(?:identified|potential|trafficking|human\\s+trafficking)\\s+)*(?:victims|survivors)\\b)`;
const NO_CARE = new RegExp(
  `\\b(?:(?:does|do|did|has|have|had|could|would)\\s+not|didn't|doesn't|failed\\s+to|nor\\s+did\\s+(?:it|they|the\\s+government|authorities))\\s+(?:provide|offer|extend)\\s+${CARE_MODIFIERS}{0,4}${CARE_WORDS}${CARE_TO_VICTIMS}` +
    `|\\b(?:provided|offered|extended|provides|offers)\\s+no\\s+${CARE_MODIFIERS}{0,3}${CARE_WORDS}(?:${CARE_TO_VICTIMS}|(?=\\s*[,;.]|\\s*$))`,
  'gi',
);

/**
 * No official ever held to account: "has never prosecuted a police officer for sex trafficking", "has never
 * prosecuted or convicted an official complicit in trafficking". Only officials, and only for trafficking (or a
 * named form of it): not "for bribery", not "a trafficker".
 */
const NEVER_OFFICIALS = new RegExp(
  `\\b(?:(?:has|have|had)\\s+)?never\\s+(?:investigated|prosecuted|convicted|charged|indicted|punished)(?:${LIST_JOIN}(?:investigated|prosecuted|convicted|charged|indicted|punished))*` +
    `\\s+(?:(?:a|an|any|one)\\s*)?(?:single\\s+)?${OFFICIAL_NOUN}` +
    `(?:\\s+(?:who\\s+(?:was|were)\\s+)?(?:allegedly\\s+)?complicit\\s+in|\\s+for\\s+(?:(?:alleged|suspected)\\s+)?(?:(?:complicity|involvement|participation)\\s+in\\s+)?)` +
    `\\s*(?:(?:human|sex|labou?r|child|child\\s+sex|forced[- ]labou?r)\\s+)?(?:trafficking(?!\\s+(?:victims?|survivors?)\\b)|forced\\s+(?:labou?r|prostitution|begging)|bonded\\s+labou?r|commercial\\s+sexual\\s+exploitation)\\b`,
  'gi',
);
/** "the second consecutive year", "a third straight reporting period", "the fourth year in a row". */
const NTH_YEAR = '(?:the\\s+|a\\s+)?(\\w+)\\s+(?:(?:consecutive|straight)\\s+(?:reporting\\s+)?(?:year|period)|(?:reporting\\s+)?(?:year|period)\\s+in\\s+a\\s+row)\\b';
/** "three consecutive years", "four straight reporting periods", "two years in a row". */
const N_YEARS = '(\\w+)\\s+(?:(?:consecutive|straight)\\s+(?:reporting\\s+)?(?:years|periods)|(?:reporting\\s+)?(?:years|periods)\\s+in\\s+a\\s+row)\\b';
const CONSECUTIVE = new RegExp(`\\bfor\\s+(?:${NTH_YEAR}|${N_YEARS})`, 'i');

/** A sentence that opens with its count of years: "For the third consecutive year, …", "For three consecutive years, …". */
export const LEADING_CONSECUTIVE = new RegExp(`^\\W*for\\s+(?:${NTH_YEAR}|${N_YEARS})`, 'i');

export function consecutiveOf(text: string): number | null {
  const m = CONSECUTIVE.exec(text);
  if (!m) return null;
  if (m[1]) return parseOrdinal(m[1]) ?? null;
  return m[2] ? (parseNumber(m[2]) ?? null) : null;
}

export function noneMentions(s: string): Mention[] {
  const out: Mention[] = [];
  if (!NEGATION.test(s)) return out;
  NONE_ANCHOR.lastIndex = 0;
  for (let m = NONE_ANCHOR.exec(s); m; m = NONE_ANCHOR.exec(s)) {
    const from = m.index + m[0].length;
    const rest = s.slice(from);
    // A clause ends at a semicolon, a contrast, or ", and" with a subject of its own ("…, and it did not approve
    // SOPs for the third consecutive year": the third year is the SOPs', not the convictions').
    const clauseEnd =
      /;|,\s+(?:but|although|though|while|whereas|despite|which|as)\b|,\s+and\s+(?:it|the government|authorities|officials|courts|the ministry)\s|\.\s*$|\s+(?:but|although|while|despite)\s/.exec(rest);
    const clause = clauseEnd ? rest.slice(0, clauseEnd.index) : rest;
    if (NOT_NONE.test(clause)) continue;
    const whole = m[0] + clause;
    const consecutive = consecutiveOf(clause);
    if (COMPLICITY.test(clause) && rx(OFFICIAL_NOUN, 'i').test(clause)) {
      out.push(noneMention('official-complicity', m.index, from + clause.length, consecutive, 'officials'));
      continue;
    }
    const anchorKind = ITEM_KINDS.find(([re]) => re.test(m![0]))?.[1];
    const items = clause.split(/\s*,\s*(?:and|or|nor)?\s*|\s+(?:and|or|nor)\s+/).filter((x) => x.trim());
    const kinds: IndicatorKind[] = [];
    if (anchorKind) kinds.push(anchorKind);
    // Not a "none": "did not report prosecution statistics" (the figures are missing, not zero), "did not
    // investigate 12 reported cases" (there were cases).
    let notNone = false;
    for (let i = 0; i < items.length; i++) {
      const head = items[i]!.trim().split(/\s+/).slice(0, 4).join(' ');
      const k = ITEM_KINDS.find(([re]) => re.test(head))?.[1];
      if (!k) {
        if (i === 0 && !anchorKind) break;
        if (i === 0) continue;
        break;
      }
      if (DATA_WORDS.test(head) || (i === 0 && COUNTED_OBJECT.test(items[i]!))) notNone = true;
      if (k === 'victims-assisted' && PROTECT_FROM.test(items[i]!)) continue;
      if (!kinds.includes(k)) kinds.push(k);
    }
    if (notNone) continue;
    const mentionsVictims = /\bvictims?\b|\bsurvivors?\b|\bchildren\b|\bpersons\b/i.test(whole);
    for (const k of kinds) {
      if (k.startsWith('victims-') && !mentionsVictims) continue;
      out.push(noneMention(k, m.index, from + clause.length, consecutive, k.startsWith('victims-') ? 'victims' : null));
    }
  }
  const victims = /\bvictims?\b|\bsurvivors?\b/i.test(s);
  NO_CARE.lastIndex = 0;
  for (let m = NO_CARE.exec(s); m; m = NO_CARE.exec(s)) {
    // "it provided no such services" names its victims elsewhere in the sentence.
    if (!victims) continue;
    const end = m.index + m[0].length;
    out.push(noneMention('victims-assisted', m.index, end, consecutiveOf(/^[^;.]*/.exec(s.slice(end))![0]), 'victims'));
  }
  NEVER_OFFICIALS.lastIndex = 0;
  for (let m = NEVER_OFFICIALS.exec(s); m; m = NEVER_OFFICIALS.exec(s)) {
    out.push(noneMention('official-complicity', m.index, m.index + m[0].length, null, 'officials'));
  }
  return out;
}

function noneMention(kind: IndicatorKind, at: number, end: number, consecutive: number | null, unit: IndicatorUnit | null): Mention {
  return {
    kind,
    at,
    end,
    value: { value: null, valueText: 'none reported' },
    status: 'none-reported',
    unit,
    previous: null,
    consecutiveYears: consecutive,
  };
}

// ---------------------------------------------------------------------------------------------------------
// Sentences imposed

const TERM = `(?:${NUM}|life)(?:\\s+(?:years?|months?|days?))?(?:\\s*(?:and|to|-|–|or)\\s*(?:${NUM}|life))?\\s*(?:years?|months?|days?)?(?:['’]|['’]s)?(?:\\s+(?:of\\s+)?(?:imprisonment|in prison|incarceration|prison terms?|jail))?`;
const SENTENCE_PATTERNS: RegExp[] = [
  rx(`\\bsentenced\\b(?:[^.;]{0,90}?)\\bto\\s+((?:terms? of\\s+|between\\s+|up to\\s+|at least\\s+)?(?:${TERM}|life imprisonment|death)(?:\\s+and\\s+(?:a\\s+)?fines?(?:\\s+of\\s+[^,;.]+)?)?)`, 'i'),
  rx(`\\b(?:prison\\s+)?sentences?\\s+(?:ranged|ranging|that ranged)\\s+from\\s+(${TERM}\\s+to\\s+${TERM})`, 'i'),
  rx(`\\b(?:received|imposed|issued|handed down)\\s+(?:prison\\s+)?sentences?\\s+(?:of|ranging from)\\s+((?:between\\s+)?${TERM}(?:\\s+to\\s+${TERM})?)`, 'i'),
];
const LAW_TEXT = /\bprescrib|\bpunishable\b|\bpenalt(?:y|ies) of\b|\bprovided? for penalties\b/i;

export function sentenceMentions(s: string): Mention[] {
  if (!/sentenc/i.test(s) || LAW_TEXT.test(s)) return [];
  for (const re of SENTENCE_PATTERNS) {
    const m = re.exec(s);
    if (!m) continue;
    const detail = m[1]!.trim().replace(/[,;]$/, '');
    if (!/\d|year|month|day|life|death/i.test(detail)) continue;
    const who = rx(`\\bsentenced\\s+(${NUM}|both|all)\\s+(?:${ADJ})(?:traffickers?|defendants?|offenders?|individuals|persons|people|perpetrators)\\b`, 'i').exec(s);
    let value: IndicatorValue = { value: null, valueText: detail };
    if (who) {
      const w = who[1]!.toLowerCase();
      const n = w === 'both' ? 2 : w === 'all' ? undefined : parseNumber(w);
      if (n !== undefined) value = { value: n, valueText: who[1]! };
    }
    return [
      {
        kind: 'sentences',
        at: m.index,
        end: m.index + m[0].length,
        value,
        status: 'count',
        unit: value.value !== null ? 'persons' : null,
        detail,
        previous: null,
        consecutiveYears: null,
      },
    ];
  }
  return [];
}

