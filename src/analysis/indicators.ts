/**
 * Indicators with evidence: the numbers (or the explicit "none") a narrative states about investigations,
 * prosecutions, convictions, victims identified, referred and assisted, official complicity and sentences — each
 * with the value as written ("four", "24", "1,634"), the previous period's value where the sentence gives it
 * ("compared with 53 in 2019"), "for the second consecutive year", and the sentence quoted with its section and
 * span. Rules over sentences, written from the reports' phrasing; computed when read (see countryIndicators).
 * When in doubt nothing is reported: counts for other offenses ("two convictions for related offenses") are not
 * trafficking figures, and a "none" for part of the period ("After August 15, … did not investigate …") is not the
 * year's "none".
 */
import type { Section, SectionKind, Span } from '../domain/index.js';
import { SECTION_TITLES } from '../domain/index.js';
import { formatCsv } from '../domain/csv.js';
import type { Store, StoredAssessment } from '../store/types.js';
import { NUMBER_SOURCE, ordinal, parseNumber, parseOrdinal, splitSentences } from './text.js';

/** Regexes built from the vocabulary below, compiled once. */
const compiled = new Map<string, RegExp>();
function rx(source: string, flags: string): RegExp {
  const key = `${flags}/${source}`;
  let re = compiled.get(key);
  if (!re) {
    re = new RegExp(source, flags);
    compiled.set(key, re);
  }
  re.lastIndex = 0;
  return re;
}

export type IndicatorKind =
  | 'investigations'
  | 'prosecutions'
  | 'convictions'
  | 'sentences'
  | 'official-complicity'
  | 'victims-identified'
  | 'victims-referred'
  | 'victims-assisted';

export const INDICATOR_KINDS: readonly IndicatorKind[] = [
  'investigations',
  'prosecutions',
  'convictions',
  'sentences',
  'official-complicity',
  'victims-identified',
  'victims-referred',
  'victims-assisted',
];

export const INDICATOR_LABELS: Record<IndicatorKind, string> = {
  investigations: 'Investigations',
  prosecutions: 'Prosecutions',
  convictions: 'Convictions',
  sentences: 'Sentences',
  'official-complicity': 'Official complicity',
  'victims-identified': 'Victims identified',
  'victims-referred': 'Victims referred to care',
  'victims-assisted': 'Victims assisted',
};

export type IndicatorUnit = 'cases' | 'persons' | 'victims' | 'officials';

export interface IndicatorValue {
  value: number | null;
  /** As written: "24", "four", "1,634", "unreported". */
  valueText: string;
}

export interface Indicator extends IndicatorValue {
  kind: IndicatorKind;
  /** `count`: a number is stated; `none-reported`: the text says none were reported (or none took place). */
  status: 'count' | 'none-reported';
  unit: IndicatorUnit | null;
  /** "investigated 14 cases involving 22 suspects": the 22 suspects. */
  secondary?: IndicatorValue & { unit: IndicatorUnit };
  /** For sentences: the terms imposed ("between three and 12 years' imprisonment"). */
  detail?: string;
  /** The previous period's value, when the sentence states it. */
  previous: (IndicatorValue & { period: string }) | null;
  /** "for the second consecutive year" → 2. */
  consecutiveYears: number | null;
  /** The sentence, as normalised in the section's text. */
  sentence: string;
  section: SectionKind;
  /** Where the sentence lies in the section's text. */
  sectionOffset: Span;
  /** Where the sentence lies in the document's text, when the document text was available. */
  span?: Span;
}

// ---------------------------------------------------------------------------------------------------------
// Vocabulary

const NUM = NUMBER_SOURCE;
const QUANT = '(?:(?:a total of|at least|approximately|about|around|nearly|almost|more than|over|only|all|an additional|a further|another|some)\\s+)?';
const ADJ = "(?:(?:new|potential|possible|suspected|alleged|presumed|confirmed|official|trafficking|human|sex|labor|labour|forced|forced-labor|sex-trafficking|child|adult|female|male|foreign|migrant|domestic|internal|transnational|criminal|individual|separate|additional|other|accused|convicted|identified|Tajik|[A-Z][a-z]+i|[A-Z][a-z]+n|[\\w]+-related|[\\w]+-trafficking)\\s+){0,4}";
const LE_NOUN = '(cases?|suspects?|traffickers?|offenders?|defendants?|individuals|persons|people|perpetrators|accused|men|women|criminals|employers|recruiters|pimps)';
const OFFICIAL_NOUN = '((?:government |local |police |law enforcement |public |state |border |military |security )*(?:officials?|officers?|employees|civil servants|personnel|policemen|guards|soldiers|judges|prosecutors))';
/** Words that name victims by themselves. */
const VICTIM_WORDS = 'victims?|survivors?|trafficked (?:persons|people|individuals|children|women|men|girls|boys|workers|migrants)';
const VICTIM_NOUN = `(${VICTIM_WORDS})`;
/**
 * People named otherwise (workers, migrants, children …) are victims only when the text says so right after:
 * "identified 40 workers as victims", "11 children in forced labor". A count of workers or migrants is not one of
 * victims.
 */
const PERSON_NOUN = '(?:children|women|men|girls|boys|persons|people|individuals|migrants|workers|nationals|adults|minors|citizens|foreigners)';
const AS_VICTIMS =
  '(?=\\s+(?:as\\s+(?:[\\w-]+\\s+){0,3}?(?:victims|survivors)\\b|(?:who (?:were|had been)\\s+)?(?:in|from|subjected to|exploited in|forced into)\\s+(?:[\\w-]+\\s+){0,2}?(?:forced (?:labou?r|begging|criminality|prostitution|marriage)|bonded labou?r|sex trafficking|commercial sexual exploitation|sexual exploitation|trafficking)\\b))';
const VICTIM_NOUN_IN_CONTEXT = `(${VICTIM_WORDS}|${PERSON_NOUN}${AS_VICTIMS})`;
/** After a passive verb: "… were identified as victims of forced begging". */
const AS_VICTIMS_AFTER = new RegExp(`^${AS_VICTIMS}`, 'i');

interface VerbRule {
  kind: IndicatorKind;
  /** A cheap test: the sentence can only match when it has this. */
  quick: RegExp;
  /** Verb phrase, past tense or "reported X-ing", as written in the main clause. */
  verb: string;
  /** Verb phrase in a comparison ("compared with investigating 12 cases"). */
  ing: string;
  noun: 'le' | 'victim';
  /** Also matches a number with no noun after it, when followed by this. */
  bareAfter?: string;
}

const VERBS: VerbRule[] = [
  {
    kind: 'investigations',
    quick: /investigat/i,
    verb: '(?:investigated|reported investigating|began investigating|(?:initiated|opened|launched|conducted|began|started|reported) (?:\\w+ )?investigations? (?:into|of|against|involving))',
    ing: '(?:investigating|investigations? (?:into|of|involving))',
    noun: 'le',
    bareAfter: '(?=\\s*(?:,|;|\\.|$|\\band\\b|\\bin (?:\\d{4}|the)|\\bduring|\\bunder|\\bfor))',
  },
  {
    kind: 'prosecutions',
    quick: /prosecut|indict|charged/i,
    verb: '(?:prosecuted|reported prosecuting|continued (?:to prosecute|prosecuting)|indicted|charged|(?:initiated|began|started|reported) prosecutions? (?:of|against|involving)|prosecutions? (?:of|against))',
    ing: '(?:prosecuting|prosecutions? (?:of|against)|indicting)',
    noun: 'le',
    bareAfter: '(?=\\s*(?:,|;|\\.|$|\\band\\b|\\bin (?:\\d{4}|the)|\\bduring|\\bunder|\\bfor))',
  },
  {
    kind: 'convictions',
    quick: /convict/i,
    verb: '(?:convicted|reported convicting|(?:secured|obtained|achieved|reported) (?:the )?convictions? (?:of|against|in)|convictions? (?:of|against))',
    ing: '(?:convicting|convictions? (?:of|against))',
    noun: 'le',
    bareAfter: '(?=\\s*(?:,|;|\\.|$|\\band\\b|\\bin (?:\\d{4}|the)|\\bduring|\\bunder|\\bfor))',
  },
  {
    kind: 'victims-identified',
    quick: /identif|recogni|certifi/i,
    verb: '(?:identified|reported identifying|(?:officially )?recognized|certified)',
    ing: '(?:identifying|identification of)',
    noun: 'victim',
  },
  {
    kind: 'victims-referred',
    quick: /referr/i,
    verb: '(?:referred|reported referring)',
    ing: '(?:referring|referral of|referrals of)',
    noun: 'victim',
    bareAfter: '(?=\\s+(?:of (?:them|these|the victims|those)\\s+)?(?:to|for)\\b)',
  },
  {
    kind: 'victims-assisted',
    quick: /assist|shelter|provid|offer|extend/i,
    verb: '(?:assisted|sheltered|reported assisting|(?:provided|offered|extended|reported providing) (?:\\w+[ ,]+){0,5}?(?:services|assistance|care|shelter|support|protection|aid) (?:to|for))',
    ing: '(?:assisting|sheltering|providing (?:\\w+[ ,]+){0,5}?(?:services|assistance|care|shelter|support|aid) (?:to|for))',
    noun: 'victim',
  },
];

const UNIT_OF: (noun: string, rule: VerbRule) => IndicatorUnit | null = (noun, rule) => {
  if (rule.noun === 'victim') return 'victims';
  if (/^cases?$/i.test(noun)) return 'cases';
  return noun ? 'persons' : null;
};

/** Digits or a number word: no count can be stated without one. */
const HAS_NUMBER = /\d|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred)\b/i;

/** What a "none reported" needs (see noneMentions). */
const NEGATION = /\b(?:not|no|never|zero|none|failed|failing|nor)\b|n't/i;

const COMPLICITY = /\bcomplicit|\bcomplicity\b|\bcorrupt(?:ion)?\b/i;

// ---------------------------------------------------------------------------------------------------------
// Comparisons ("compared with 53 in 2019")

interface Segment extends Span {
  text: string;
}

const COMPARISON_START =
  /\b(?:(?:as )?compared (?:with|to)|in comparison (?:with|to)|versus|an? (?:increase|decrease|rise|decline|drop|reduction) (?:from|compared (?:with|to))|up from|down from|the same (?:number )?as|(?:a )?similar (?:number )?(?:to|as))\b/gi;
const CLAUSE_END =
  /;|,\s+(?:and|but|while|whereas|although)\s+(?:\w+\s+){0,2}?\w+ed\b|,\s+(?:but|while|whereas|although)\b|(?:,|\s+[–—-]|,?\s+and)\s+(?:investigated|prosecuted|convicted|identified|referred|assisted|sheltered|sentenced|initiated|reported|secured|obtained|indicted|charged)\b|\s+[–—]\s+|\.\s*$/g;

function comparisonSegments(s: string): Segment[] {
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
const OTHER_COUNTS =
  '(?:prosecutors|investigators|judges|inspectors|trainers|trainings?|sessions|workshops|courses|calls|inspections|arrests|raids|operations|participants|students|staff|personnel)\\b';

function periodOf(text: string): string {
  return PERIOD.exec(text)?.[0].trim() ?? 'the previous period';
}

// ---------------------------------------------------------------------------------------------------------
// Extraction from one sentence

interface Mention {
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

function valueOf(text: string): IndicatorValue | undefined {
  const v = parseNumber(text);
  return v === undefined ? undefined : { value: v, valueText: text };
}

/** Replaces the comparison segments with spaces, keeping offsets. */
function mask(s: string, segs: Segment[]): string {
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
function clauseAt(s: string, at: number, end: number): Span {
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
const NON_TRAFFICKING =
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

function countMentions(text: string, comparison: boolean, sentence: string): Mention[] {
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
    const verb = comparison ? rule.ing : rule.verb;
    const noun = rule.noun === 'victim' ? VICTIM_NOUN_IN_CONTEXT : LE_NOUN;
    // Several verbs may share one number: "identified and referred 23 victims".
    const verbs = `((?:${verb})(?:\\s*,?\\s*(?:and|or)?\\s+(?:${VERBS.map((r) => (comparison ? r.ing : r.verb)).join('|')}))*)`;
    const withNoun = rx(`\\b${verbs}\\s+${QUANT}(${NUM})\\s+(?:of (?:them|these|the victims)\\s+)?(${ADJ})(${rule.noun === 'le' ? `${OFFICIAL_NOUN}|${noun}` : noun})\\b`, 'gi');
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
    if (rule.bareAfter) {
      const bare = rx(`\\b${verbs}\\s+${QUANT}(${NUM})${rule.bareAfter}`, 'gi');
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
  `\\b(?:(?:has|have|had)\\s+)?never\\s+(?:investigated|prosecuted|convicted|charged|indicted|punished)(?:\\s*,?\\s*(?:or|and)?\\s+(?:investigated|prosecuted|convicted|charged|indicted|punished))*` +
    `\\s+(?:a|an|any|one)?\\s*(?:single\\s+)?${OFFICIAL_NOUN}` +
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
const LEADING_CONSECUTIVE = new RegExp(`^\\W*for\\s+(?:${NTH_YEAR}|${N_YEARS})`, 'i');

function consecutiveOf(text: string): number | null {
  const m = CONSECUTIVE.exec(text);
  if (!m) return null;
  if (m[1]) return parseOrdinal(m[1]) ?? null;
  return m[2] ? (parseNumber(m[2]) ?? null) : null;
}

function noneMentions(s: string): Mention[] {
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

function sentenceMentions(s: string): Mention[] {
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
function otherPeriod(text: string, m: Mention, reportYear: number | undefined): boolean {
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
function partOfPeriod(s: string, m: Mention, reportYear: number | undefined): boolean {
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

/**
 * The indicators of one sentence (without section, offsets or span). With the report year, counts stated for
 * earlier years are left out.
 */
export function indicatorsInSentence(sentence: string, reportYear?: number): Omit<Indicator, 'section' | 'sectionOffset' | 'span' | 'sentence'>[] {
  const segs = comparisonSegments(sentence);
  const masked = mask(sentence, segs);
  const mentions = [...countMentions(masked, false, sentence), ...noneMentions(masked), ...sentenceMentions(masked)]
    .filter((m) => (m.status === 'count' ? !otherPeriod(masked, m, reportYear) : !partOfPeriod(masked, m, reportYear)))
    // "did not report any convictions for related offenses": not a trafficking figure.
    .filter((m) => m.status === 'count' || m.unit === 'victims' || !NON_TRAFFICKING.test(masked.slice(m.at, m.end)))
    .sort((a, b) => a.at - b.at);
  // Keep one mention per kind and value; a count beats "none" of the same kind in the same sentence.
  const kept = mentions.filter(
    (m, i) =>
      !(m.status === 'none-reported' && mentions.some((o) => o.kind === m.kind && o.status === 'count')) &&
      mentions.findIndex((o) => o.kind === m.kind && o.status === m.status && o.value.value === m.value.value) === i,
  );

  // Parenthetical previous values right after a mention: "(eight in 2019)", "(unreported in 2019)".
  for (const m of kept) {
    const after = sentence.slice(m.end, m.end + 60);
    const p = rx(`^(?:\\s+[\\w-]+){0,4}?\\s*\\((?:compared (?:with|to)\\s+)?(${NUM}|unreported|none|zero|not reported)\\s+((?:in|during)\\s+[^)]+)\\)`, 'i').exec(after);
    if (p) {
      const word = p[1]!.toLowerCase();
      const v = ['unreported', 'not reported'].includes(word) ? { value: null, valueText: p[1]! } : word === 'none' ? { value: 0, valueText: p[1]! } : valueOf(p[1]!);
      if (v) m.previous = { ...v, period: p[2]!.trim() };
    }
  }

  // Comparison segments: kind-specific values first, then bare numbers to the mentions before them in order.
  let lastSeg = -1;
  for (const seg of segs) {
    const period = periodOf(seg.text);
    const before = kept.filter((m) => m.at < seg.start && m.at > lastSeg);
    lastSeg = seg.start;
    if (/^the same (?:number )?as|^(?:a )?similar/i.test(seg.text)) {
      const target = before.at(-1);
      if (target && !target.previous) target.previous = { ...target.value, period };
      continue;
    }
    const specific = countMentions(seg.text, true, sentence).concat(countMentions(seg.text, false, sentence));
    const nounForms = specific.filter((x) => x.unit === 'cases' && /investigations?|prosecutions?|convictions?/i.test(seg.text));
    for (const sp of [...specific, ...nounForms]) {
      const target = kept.find((m) => m.kind === sp.kind && !m.previous);
      if (target) target.previous = { ...sp.value, period };
    }
    if (specific.length) continue;
    const nums = [...seg.text.matchAll(rx(`(?<![\\w,.])(${NUM})(?![\\w,]*\\d)(?!\\s+(?:[\\w-]+\\s+)?${OTHER_COUNTS})`, 'gi'))]
      .map((x) => x[1]!)
      .filter((x) => {
        const n = parseNumber(x);
        return n !== undefined && !(n >= 1990 && n <= 2100 && /^\d{4}$/.test(x));
      });
    const open = before.filter((m) => !m.previous);
    const targets = open.slice(Math.max(0, open.length - nums.length));
    targets.forEach((t, i) => {
      const v = valueOf(nums[i]!);
      if (v) t.previous = { ...v, period };
    });
  }
  // A count of years that opens the sentence ("For the second consecutive year, the government did not report …")
  // covers its none-reported mentions; one further on belongs to its own clause (see noneMentions).
  const consecutive = LEADING_CONSECUTIVE.test(sentence) ? consecutiveOf(sentence) : null;
  return kept.map((m) => ({
    kind: m.kind,
    status: m.status,
    value: m.value.value,
    valueText: m.value.valueText,
    unit: m.unit,
    ...(m.secondary ? { secondary: m.secondary } : {}),
    ...(m.detail ? { detail: m.detail } : {}),
    previous: m.previous,
    consecutiveYears: m.consecutiveYears ?? (m.status === 'none-reported' ? consecutive : null),
  }));
}

/** "This compared with …" sentences: the comparison belongs to the sentence before. */
const BACK_REFERENCE = /^(?:this|that|these|the (?:figure|number|total)s?)\s+(?:compared|compares|was|were|represented|represents|marked)\b/i;

/** Section kinds whose sentences can state indicators (everything but the recommendations). */
const FACT_SECTIONS: ReadonlySet<SectionKind> = new Set(['summary', 'prosecution', 'protection', 'prevention', 'profile', 'government-efforts', 'note']);

/**
 * Every indicator a narrative states. With `text` (the document text the sections' spans point into) each
 * indicator also gets the span of its sentence in the document.
 */
export function extractIndicators(assessment: { sections: readonly Section[]; reportYear?: number }, text?: string): Indicator[] {
  return assessment.sections.flatMap((section) =>
    sectionIndicators(section, text === undefined ? undefined : text.slice(section.span.start, section.span.end), assessment.reportYear),
  );
}

/**
 * The indicators of one section; `original` is the document text of the section's span, when known;
 * `reportYear` leaves out counts stated for earlier years.
 */
export function sectionIndicators(section: Section, original?: string, reportYear?: number): Indicator[] {
  if (!FACT_SECTIONS.has(section.kind)) return [];
  const out: Indicator[] = [];
  const locate = original === undefined ? undefined : makeLocator(original, section.span.start);
  let previousSentence: Indicator[] = [];
  for (const s of splitSentences(section.text)) {
    if (!HAS_NUMBER.test(s.text) && !NEGATION.test(s.text) && !/sentenc/i.test(s.text)) {
      previousSentence = [];
      continue;
    }
    const found = indicatorsInSentence(s.text, reportYear);
    if (found.length === 0 && BACK_REFERENCE.test(s.text)) {
      // "This compared with providing services to 987 victims during the previous reporting period."
      const period = periodOf(s.text);
      for (const sp of countMentions(s.text, true, s.text)) {
        const target = previousSentence.find((x) => x.kind === sp.kind && !x.previous);
        if (target) target.previous = { ...sp.value, period };
      }
      continue;
    }
    const span = locate?.(s.text);
    previousSentence = found.map((f) => ({
      ...f,
      sentence: s.text,
      section: section.kind,
      sectionOffset: { start: s.start, end: s.end },
      ...(span ? { span } : {}),
    }));
    out.push(...previousSentence);
  }
  return out;
}

/** Finds normalised pieces of a section's text in its original text, in order. */
function makeLocator(original: string, originalStart: number): (piece: string) => Span | undefined {
  let chars = '';
  const at: number[] = [];
  for (let i = 0; i < original.length; i++) {
    const c = original[i]!;
    if (/[\s\u200b\u200c\u200d\ufeff\u00ad]/.test(c)) continue;
    chars += c;
    at.push(i);
  }
  let from = 0;
  return (piece) => {
    const p = piece.replace(/[\s\u200b\u200c\u200d\ufeff\u00ad]/g, '');
    if (!p) return undefined;
    let k = chars.indexOf(p, from);
    if (k < 0) k = chars.indexOf(p);
    if (k < 0) return undefined;
    from = k + p.length;
    return { start: originalStart + at[k]!, end: originalStart + at[k + p.length - 1]! + 1 };
  };
}

// ---------------------------------------------------------------------------------------------------------
// Over a country's years

export interface IndicatorFact extends Indicator {
  reportYear: number;
  /** The document the narrative was read from. */
  document: { id: number; origin: string; sha256: string };
  /** Anchor of the fact on the country page (`ind-2023-convictions-1`). */
  anchor: string;
}

export interface IndicatorTable {
  /** Report years with a narrative, oldest first. */
  years: number[];
  rows: {
    kind: IndicatorKind;
    label: string;
    /** One cell per year (same order as `years`): the fact shown, or null. */
    cells: (IndicatorFact | null)[];
  }[];
  /** Every fact found, by year then order in the narrative. */
  facts: IndicatorFact[];
}

/** The section where a kind's figure is normally given; facts from it are preferred over the summary's. */
const HOME_SECTION: Record<IndicatorKind, SectionKind> = {
  investigations: 'prosecution',
  prosecutions: 'prosecution',
  convictions: 'prosecution',
  sentences: 'prosecution',
  'official-complicity': 'prosecution',
  'victims-identified': 'protection',
  'victims-referred': 'protection',
  'victims-assisted': 'protection',
};

function rankFact(f: IndicatorFact): number {
  return (f.status === 'count' ? 0 : 2) + (f.section === HOME_SECTION[f.kind] ? 0 : 1);
}

const cache = new WeakMap<object, Map<number, Indicator[]>>();
/** Narratives whose indicators are kept (about 25 years of every country). */
const INDICATOR_CACHE_SIZE = 5000;

/**
 * Indicators of one stored narrative, computed when first read and then kept (per store, by assessment id: stored
 * narratives never change), least recently used first out.
 */
export function assessmentIndicators(store: Store, a: StoredAssessment): Indicator[] {
  let byId = cache.get(store);
  if (!byId) {
    byId = new Map();
    cache.set(store, byId);
  }
  const hit = byId.get(a.id);
  if (hit) {
    // Most recently used last.
    byId.delete(a.id);
    byId.set(a.id, hit);
    return hit;
  }
  const found = a.sections.flatMap((section) =>
    FACT_SECTIONS.has(section.kind) ? sectionIndicators(section, store.documentText(a.document.id, section.span), a.reportYear) : [],
  );
  byId.set(a.id, found);
  if (byId.size > INDICATOR_CACHE_SIZE) byId.delete(byId.keys().next().value!);
  return found;
}

/** A country's indicators over every narrative held: a table (kinds × years) and every fact. */
export function countryIndicators(store: Store, countryId: string, narratives?: StoredAssessment[]): IndicatorTable {
  const all = narratives ?? store.assessmentYears(countryId).map((y) => store.getAssessment(countryId, y)).filter((a): a is StoredAssessment => a !== undefined);
  const facts: IndicatorFact[] = [];
  for (const a of all) {
    const counters = new Map<IndicatorKind, number>();
    for (const ind of assessmentIndicators(store, a)) {
      const n = (counters.get(ind.kind) ?? 0) + 1;
      counters.set(ind.kind, n);
      facts.push({
        ...ind,
        reportYear: a.reportYear,
        document: { id: a.document.id, origin: a.document.origin, sha256: a.document.sha256 },
        anchor: `ind-${a.reportYear}-${ind.kind}-${n}`,
      });
    }
  }
  const years = all.map((a) => a.reportYear);
  const rows = INDICATOR_KINDS.map((kind) => ({
    kind,
    label: INDICATOR_LABELS[kind],
    cells: years.map((y) => {
      const candidates = facts.filter((f) => f.reportYear === y && f.kind === kind);
      candidates.sort((x, z) => rankFact(x) - rankFact(z));
      return candidates[0] ?? null;
    }),
  })).filter((r) => r.cells.some((c) => c !== null));
  return { years, rows, facts };
}

/** How a fact reads in a table cell: "24 victims", "none reported (2nd consecutive year)". */
export function indicatorCellText(f: Pick<Indicator, 'status' | 'valueText' | 'value' | 'unit' | 'consecutiveYears' | 'detail' | 'kind'>): string {
  if (f.status === 'none-reported') {
    return f.consecutiveYears && f.consecutiveYears > 1 ? `none reported (${ordinal(f.consecutiveYears)} consecutive year)` : 'none reported';
  }
  if (f.kind === 'sentences') return f.detail ?? f.valueText;
  const unit = f.unit === 'cases' ? (f.value === 1 ? ' case' : ' cases') : f.unit === 'officials' ? (f.value === 1 ? ' official' : ' officials') : f.unit === 'persons' ? (f.value === 1 ? ' person' : ' persons') : '';
  return `${f.valueText}${unit}`;
}

export const INDICATOR_CSV_HEADER = [
  'country_id',
  'report_year',
  'indicator',
  'status',
  'value',
  'value_text',
  'unit',
  'secondary_value',
  'secondary_unit',
  'detail',
  'previous_value',
  'previous_text',
  'previous_period',
  'consecutive_years',
  'section',
  'sentence',
  'document',
  'document_sha256',
  'span_start',
  'span_end',
] as const;

/** Every fact as CSV, one row per fact. */
export function indicatorsCsv(countryId: string, table: IndicatorTable): string {
  const rows = table.facts.map((f) => [
    countryId,
    f.reportYear,
    f.kind,
    f.status,
    f.value,
    f.valueText,
    f.unit,
    f.secondary?.value,
    f.secondary?.unit,
    f.detail,
    f.previous?.value,
    f.previous?.valueText,
    f.previous?.period,
    f.consecutiveYears,
    SECTION_TITLES[f.section].toLowerCase(),
    f.sentence,
    f.document.origin,
    f.document.sha256,
    f.span?.start,
    f.span?.end,
  ]);
  return formatCsv([[...INDICATOR_CSV_HEADER], ...rows], { neutralizeFormulas: true });
}
