import type { Tier, TierStatement } from '../domain/index.js';
import { parseTierLabel } from '../domain/index.js';
import { sentencePieces } from '../text/index.js';

const ORDINALS: Record<string, number> = {
  first: 1, second: 2, third: 3, fourth: 4, fifth: 5, sixth: 6, seventh: 7, eighth: 8, ninth: 9, tenth: 10,
  eleventh: 11, twelfth: 12, thirteenth: 13, fourteenth: 14, fifteenth: 15, sixteenth: 16, seventeenth: 17,
  eighteenth: 18, nineteenth: 19, twentieth: 20, 'twenty-first': 21, 'twenty-second': 22, 'twenty-third': 23,
  'twenty-fourth': 24, 'twenty-fifth': 25,
};

function ordinalValue(word: string): number | undefined {
  const w = word.toLowerCase().replace(/\s+/g, '-');
  if (ORDINALS[w] !== undefined) return ORDINALS[w];
  const n = /^(\d+)(?:st|nd|rd|th)$/.exec(w);
  return n ? Number(n[1]) : undefined;
}

const TIER_WORDS = String.raw`(?:Tier\s*[123](?:\s*(?:[-–—]\s*)?Watch\s*List)?|(?:a\s+)?Special\s+Case)`;
const ORDINAL_WORDS = String.raw`(?:[a-z]+(?:[-\s][a-z]+)?|\d+(?:st|nd|rd|th))`;
const VERB_RE = new RegExp(
  String.raw`\b(?<verb>remained\s+on|remains\s+on|remains|remained|was\s+(?:(?:therefore|thus|automatically|again|subsequently)\s+)*upgraded\s+to|was\s+(?:(?:therefore|thus|automatically|again|subsequently)\s+)*downgraded\s+to|(?:is|was)\s+placed\s+on|is|was)\s+(?<tier>${TIER_WORDS})(?:\s*\*)?(?:\s+for\s+(?:the|a)\s+(?<ord>${ORDINAL_WORDS})\s+consecutive\s+year)?`,
  'gi',
);

const NOT_FULLY = /\b(?:does|do|did)\s+not\s+fully\s+(?:meet|comply)/i;
const FULLY = /\bfully\s+(?:meets|complies|meet|comply)\b/i;
const NOT_SIGNIFICANT = /\b(?:is|are)\s+not\s+making\s+significant\s+efforts/i;
const SIGNIFICANT = /\b(?:is|are)\s+making\s+significant\s+efforts/i;

/** The sentences of a paragraph, trimmed. */
function sentencesOf(text: string): string[] {
  return sentencePieces(text, 0, text.length, { wrapped: true }).map((p) => text.slice(p.start, p.end).trim()).filter(Boolean);
}

/**
 * Reads what the compliance paragraph says about the tier: the tiers its minimum-standards sentence allows
 * (fully meets → Tier 1; not fully but significant efforts → Tier 2 or Watch List; not significant → Tier 3;
 * Special Case), and the placement verb ("remained on Tier 2 for the third consecutive year").
 * Returns null when the text holds no such statement.
 */
export function readTierStatement(summary: string): TierStatement | null {
  const sentences = sentencesOf(summary);
  let implied: Tier[] | undefined;
  let sentence: string | undefined;
  for (const s of sentences) {
    if (!/minimum\s+standards/i.test(s)) continue;
    if (NOT_FULLY.test(s)) {
      if (NOT_SIGNIFICANT.test(s)) implied = ['Tier 3'];
      else if (SIGNIFICANT.test(s)) implied = ['Tier 2', 'Tier 2 Watch List'];
      else continue;
    } else if (FULLY.test(s)) {
      implied = ['Tier 1'];
    } else continue;
    sentence = s;
    break;
  }
  let verb: TierStatement['verb'];
  let consecutiveYears: number | undefined;
  let verbTier: Tier | undefined;
  outer: for (const s of sentences) {
    for (const m of s.matchAll(VERB_RE)) {
    if (!m.groups) continue;
    const label = parseTierLabel(m.groups.tier!.replace(/^a\s+/i, ''));
    if (!label) continue;
    const v = m.groups.verb!.toLowerCase();
    // "is Tier 2" alone is too loose; "is/remains a Special Case" is the Special Case formula.
    if (/^(?:is|was|remains|remained)$/.test(v) && label.tier !== 'Special Case') continue;
    verb = v.includes('upgraded') ? 'upgraded' : v.includes('downgraded') ? 'downgraded' : v.includes('placed') ? 'placed' : 'remained';
    if (/^(?:is|was)$/.test(v)) verb = 'placed';
    verbTier = label.tier;
    if (m.groups.ord) consecutiveYears = ordinalValue(m.groups.ord);
    sentence ??= s;
    break outer;
    }
  }
  // A waiver or downgrade sentence qualifies a statement; alone it places nothing.
  if (!implied && !verbTier) return null;
  const modifiers = readTierModifiers(sentences);
  const out: TierStatement = { impliedTiers: implied ?? [], sentence: sentence! };
  if (verbTier) out.statedTier = verbTier;
  if (verb) out.verb = verb;
  if (consecutiveYears !== undefined) out.consecutiveYears = consecutiveYears;
  if (modifiers.waiver) out.waiver = modifiers.waiver;
  if (modifiers.automaticDowngrade) out.automaticDowngrade = modifiers.automaticDowngrade;
  return out;
}

/** "was granted a waiver … from an otherwise required downgrade to Tier 3"; "was not placed on Tier 3 per Section 107". */
const WAIVER = [
  /\b(?:was|were|is|has\s+been)\s+(?:again\s+)?granted\s+(?:a|another|its\s+\w+)\s+waiver\b/i,
  /\bwaiver\b[^.;]*?\bfrom\s+an\s+otherwise\s+required\s+downgrade\b/i,
  /\bnot\s+placed\s+on\s+Tier\s*3\s+per\s+Section\s+107\b/i,
];
const AVOIDED = /\b(?:otherwise\s+required\s+downgrade\s+to|not\s+placed\s+on)\s+(Tier\s*[123](?:\s*Watch\s*List)?)/i;
/** "not granted a waiver", "no longer eligible for a waiver", "automatic downgrade", "automatically downgraded". */
const AUTO_DOWNGRADE = [
  /\bautomatic(?:ally)?\s+(?:downgrade|downgraded)\b/i,
  /\b(?:was|were|is)\s+not\s+(?:granted|eligible\s+for)\s+(?:a|another|an\s+additional)\s+waiver\b/i,
  /\bno\s+longer\s+eligible\s+for\s+(?:a|another)\s+waiver\b/i,
  /\bTier\s+2\s+Watch\s+List\s+for\s+(?:two|three|four|2|3|4)\s+consecutive\s+years\b[^.]*\b(?:downgraded|placed\s+on)\s+(?:to\s+)?Tier\s*3\b/i,
];

/** The waiver and automatic-downgrade sentences of a compliance paragraph (the facts behind a `Tier 3*`). */
export function readTierModifiers(sentences: string[]): Pick<TierStatement, 'waiver' | 'automaticDowngrade'> {
  const out: Pick<TierStatement, 'waiver' | 'automaticDowngrade'> = {};
  for (const s of sentences) {
    if (!out.automaticDowngrade && AUTO_DOWNGRADE.some((re) => re.test(s))) {
      out.automaticDowngrade = { sentence: s };
      continue;
    }
    if (!out.waiver && WAIVER.some((re) => re.test(s)) && !/\bnot\s+(?:granted|eligible\s+for)\s+(?:a|another)\s+waiver/i.test(s)) {
      const avoided = AVOIDED.exec(s);
      const label = avoided ? parseTierLabel(avoided[1]!) : undefined;
      out.waiver = { sentence: s, ...(label ? { avoidedTier: label.tier } : {}) };
    }
  }
  return out;
}

/** What is wrong when the statement disagrees with the heading's tier; undefined when they agree. */
export function statementConflict(statement: TierStatement, headingTier: Tier): string | undefined {
  const problems: string[] = [];
  if (statement.impliedTiers.length && !statement.impliedTiers.includes(headingTier)) {
    problems.push(`the minimum-standards sentence implies ${statement.impliedTiers.join(' or ')}`);
  }
  if (statement.statedTier && statement.statedTier !== headingTier) {
    problems.push(`the placement sentence says ${statement.statedTier}`);
  }
  return problems.length ? `the heading says ${headingTier} but ${problems.join(' and ')}` : undefined;
}
