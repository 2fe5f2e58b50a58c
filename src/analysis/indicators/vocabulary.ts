/** The words and phrases the indicator rules are written with (see ../indicators.ts), compiled once. */
import { NUMBER_SOURCE } from '../text.js';
import type { IndicatorKind, IndicatorUnit } from './types.js';

/** Regexes built from the vocabulary below, compiled once. */
const compiled = new Map<string, RegExp>();
export function rx(source: string, flags: string): RegExp {
  const key = `${flags}/${source}`;
  let re = compiled.get(key);
  if (!re) {
    re = new RegExp(source, flags);
    compiled.set(key, re);
  }
  re.lastIndex = 0;
  return re;
}


// ---------------------------------------------------------------------------------------------------------
// Vocabulary

export const NUM = NUMBER_SOURCE;
export const QUANT = '(?:(?:a total of|at least|approximately|about|around|nearly|almost|more than|over|only|all|an additional|a further|another|some)\\s+)?';
export const ADJ = "(?:(?:new|potential|possible|suspected|alleged|presumed|confirmed|official|trafficking|human|sex|labor|labour|forced|forced-labor|sex-trafficking|child|adult|female|male|foreign|migrant|domestic|internal|transnational|criminal|individual|separate|additional|other|accused|convicted|identified|Tajik|[A-Z][a-z]+i|[A-Z][a-z]+n|[\\w]+-related|[\\w]+-trafficking)\\s+){0,4}";
export const LE_NOUN = '(cases?|suspects?|traffickers?|offenders?|defendants?|individuals|persons|people|perpetrators|accused|men|women|criminals|employers|recruiters|pimps)';
export const OFFICIAL_NOUN = '((?:government |local |police |law enforcement |public |state |border |military |security )*(?:officials?|officers?|employees|civil servants|personnel|policemen|guards|soldiers|judges|prosecutors))';
/** Words that name victims by themselves. */
const VICTIM_WORDS = 'victims?|survivors?|trafficked (?:persons|people|individuals|children|women|men|girls|boys|workers|migrants)';
export const VICTIM_NOUN = `(${VICTIM_WORDS})`;
/**
 * People named otherwise (workers, migrants, children …) are victims only when the text says so right after:
 * "identified 40 workers as victims", "11 children in forced labor". A count of workers or migrants is not one of
 * victims.
 */
export const PERSON_NOUN = '(?:children|women|men|girls|boys|persons|people|individuals|migrants|workers|nationals|adults|minors|citizens|foreigners)';
const AS_VICTIMS =
  '(?=\\s+(?:as\\s+(?:[\\w-]+\\s+){0,3}?(?:victims|survivors)\\b|(?:who (?:were|had been)\\s+)?(?:in|from|subjected to|exploited in|forced into)\\s+(?:[\\w-]+\\s+){0,2}?(?:forced (?:labou?r|begging|criminality|prostitution|marriage)|bonded labou?r|sex trafficking|commercial sexual exploitation|sexual exploitation|trafficking)\\b))';
export const VICTIM_NOUN_IN_CONTEXT = `(${VICTIM_WORDS}|${PERSON_NOUN}${AS_VICTIMS})`;
/** After a passive verb: "… were identified as victims of forced begging". */
export const AS_VICTIMS_AFTER = new RegExp(`^${AS_VICTIMS}`, 'i');

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

export const VERBS: VerbRule[] = [
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

export const UNIT_OF: (noun: string, rule: VerbRule) => IndicatorUnit | null = (noun, rule) => {
  if (rule.noun === 'victim') return 'victims';
  if (/^cases?$/i.test(noun)) return 'cases';
  return noun ? 'persons' : null;
};

/** Digits or a number word: no count can be stated without one. */
export const HAS_NUMBER = /\d|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred)\b/i;

/** What a "none reported" needs (see noneMentions). */
export const NEGATION = /\b(?:not|no|never|zero|none|failed|failing|nor)\b|n't/i;

export const COMPLICITY = /\bcomplicit|\bcomplicity\b|\bcorrupt(?:ion)?\b/i;

