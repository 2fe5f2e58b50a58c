/**
 * What a recommendation is about: its pillar (the "3P + partnership" paradigm the report uses: prosecution,
 * protection, prevention, partnership) and its themes (victim identification, SOPs/NRM, official complicity, …).
 * Rules over the words of the recommendation, written from the way the reports phrase them; no model.
 */

export type Pillar = 'prosecution' | 'protection' | 'prevention' | 'partnership';

export const PILLARS: readonly Pillar[] = ['prosecution', 'protection', 'prevention', 'partnership'];

/** A recommendation's pillar, or `unclassified` when none of the rules speaks for one (never a guess). */
export type PillarOrUnclassified = Pillar | 'unclassified';

export const PILLAR_TITLES: Record<PillarOrUnclassified, string> = {
  prosecution: 'Prosecution',
  protection: 'Protection',
  prevention: 'Prevention',
  partnership: 'Partnership',
  unclassified: 'Unclassified',
};

export interface Theme {
  id: string;
  label: string;
  /** Tested on the lower-cased text with abbreviations expanded (see expandAbbreviations). */
  pattern: RegExp;
  /** The pillar this theme argues for, with a weight. */
  pillar?: Pillar;
  weight?: number;
  /**
   * Wording that looks like the theme but is not an ask about it, removed before `pattern` is tested (global):
   * "as set forth in the Proclamation of National Service" refers to a law, it does not ask for one.
   */
  except?: RegExp;
}

export const THEMES: readonly Theme[] = [
  {
    id: 'victim-identification',
    label: 'victim identification',
    pattern:
      /\bidentif\w*\s+(?:[\w,'-]+\s+){0,6}?(?:victims?|survivors?)\b|\bvictim identification|\bscreen(?:s|ed|ing)?\s+(?:[\w,'-]+\s+){0,9}?(?:trafficking|victims?|indicators)|\bproactive(?:ly)? identif/,
    pillar: 'protection',
    weight: 2,
  },
  {
    id: 'sops-nrm',
    label: 'SOPs / national referral mechanism',
    pattern:
      /standard operating procedures|national referral mechanism|referral mechanism|(?:written|formal|standardi[sz]ed|implement(?:ing)?|adopt(?:ing)?|develop(?:ing)?|approve|finali[sz]e)\s+(?:\w+\s+){0,2}(?:procedures|guidelines|protocols?)\b|procedures (?:to|for) (?:the )?(?:identif|screen|refer)/,
    pillar: 'protection',
    weight: 2,
  },
  {
    id: 'referral',
    label: 'referral to care',
    // To care, or to those who give it: "refer trafficking victims to appropriate NGOs" (NGOs is written out).
    pattern:
      /\brefer(?:s|red|ring|ral)?\s+(?:[\w,'-]+\s+){0,4}?(?:to|for)\s+(?:\w+\s+){0,2}(?:care|services|protection|assistance|shelters?|(?:non-?governmental|civil society|international) organi[sz]ations?|service providers|social (?:workers|services))/,
    pillar: 'protection',
    weight: 2,
  },
  {
    id: 'victim-services',
    label: 'victim care and services',
    pattern:
      /\b(?:victim|protective|protection|comprehensive|specialized|psycho-?social|medical|legal|reintegration|rehabilitation|long-term)\s+(?:\w+\s+){0,2}(?:care|services|assistance|support)\b|\bprovide\s+(?:\w+\s+){0,3}(?:services|care|assistance|support)\b|\bguardian(?:s|ship)?\b|\b(?:child|victim|independent)\s+(?:[\w-]+\s+){0,3}?advocates?\b|\bsafeguard\w*\s+(?:\w+\s+){0,3}?(?:victims|survivors)\b/,
    pillar: 'protection',
    weight: 2,
  },
  { id: 'shelters', label: 'shelters', pattern: /\bshelter/, pillar: 'protection', weight: 2 },
  {
    id: 'non-penalization',
    label: 'non-penalization of victims',
    pattern: /\bpenali[sz](?:e|ed|ing|ation)\b|unlawful acts|(?:detain|detention|deport|arrest|punish)\w*\s+(?:\w+\s+){0,3}victims|victims?\s+(?:\w+\s+){0,4}(?:detain|deport|arrest|punish)/,
    pillar: 'protection',
    weight: 2,
  },
  {
    id: 'victim-witness',
    label: 'victim-witness support',
    pattern: /victim-witness|witness(?:es)?\b|victim-cent(?:er|re)d|trauma-informed|testif|court proceedings/,
    pillar: 'protection',
    weight: 1.5,
  },
  {
    id: 'official-complicity',
    label: 'official complicity',
    pattern: /complicit|complicity|corrupt/,
    pillar: 'prosecution',
    weight: 2,
  },
  {
    id: 'investigation-prosecution',
    label: 'investigations and prosecutions',
    // Not investigators or prosecutors: "train prosecutors" is about training them.
    pattern: /\binvestigat(?!ors?\b)\w*|\bprosecut(?!ors?\b)\w*|\bconvict\w*|\bbring (?:\w+ ){0,3}to justice/,
    pillar: 'prosecution',
    weight: 2,
  },
  {
    id: 'penalties',
    label: 'penalties and sentences',
    pattern: /\bpenalt(?:y|ies)\b|\bsentenc\w*|prison terms?|imprisonment|incarcerat/,
    pillar: 'prosecution',
    weight: 2,
  },
  {
    id: 'legislation',
    label: 'legislation',
    pattern:
      /\blaws?\b(?! enforcement)|legislation|legislative|penal code|criminal code|labou?r code|\bamend\w*|\benact\w*|criminali[sz]\w*|definition of trafficking|statut\w*|proclamation|decree/,
    pillar: 'prosecution',
    weight: 1.5,
    // References to a law, not asks for one: "(as set forth in the Proclamation of National Service 11/199)",
    // "as required by law", "in accordance with the rule of law".
    except:
      /\bas (?:set forth|set out|laid down|provided(?: for)?|prescribed|stipulated|required|defined|established|mandated) (?:in|by|under) [^;,.()]*|\bin (?:accordance|line|compliance) with (?:the )?(?:rule of law|law|[^;,.()]*\b(?:law|proclamation|decree|code))\b/g,
  },
  {
    id: 'forced-labor',
    label: 'forced labor',
    pattern: /forced (?:(?:child|adult) )?labou?r|labou?r trafficking|compulsory (?:labou?r|service)|national service|\bmobili[sz]\w* (?:of )?(?:\w+ ){0,2}(?:labou?r|citizens|students|children)|(?:forced|compulsory|mass) mobili[sz]ations?|cotton|public works/,
  },
  {
    id: 'recruitment-fees',
    label: 'labor recruitment and fees',
    pattern: /recruitment fees|recruit\w*\s+(?:\w+\s+){0,4}fees|(?:employee|worker)-paid fees|\bfees\b|employment agenc|recruitment agenc|labou?r recruit|recruiters?\b/,
    pillar: 'prevention',
    weight: 2,
  },
  {
    id: 'labor-inspection',
    label: 'labor inspection',
    pattern: /\binspect\w*|labou?r protections?|labou?r rights/,
    pillar: 'prevention',
    weight: 1.5,
  },
  {
    id: 'training',
    label: 'training',
    pattern: /\btrain\w*|capacity[- ]building|\bsensiti[sz]\w*|\bguidance\b/,
  },
  {
    id: 'data-collection',
    label: 'data collection',
    pattern: /\bdata\b|statistic|database|disaggregat|information management/,
  },
  {
    id: 'funding',
    label: 'funding and resources',
    pattern: /\bfund(?:s|ed|ing|ers?)?\b|\bresourc\w*|\bbudget\w*|financ\w*/,
    // The state's revenue, not money for the response: "garnishing wages for the purposes of subsidizing the state budget".
    except: /\b(?:(?:subsidi[sz]\w*|replenish\w*) (?:the )?|(?:to|into) the )(?:state|government|national|regime's) (?:budget|coffers|treasury)\b/g,
  },
  {
    id: 'awareness',
    label: 'awareness raising',
    pattern: /awareness|campaign|outreach|\beducat\w* (?:the public|communities|citizens|students|workers)|public information|hotline/,
    pillar: 'prevention',
    weight: 2,
  },
  {
    id: 'coordination',
    label: 'national action plan and coordination',
    pattern: /action plan|coordinat\w*|task force|interagency|inter-agency|working group|national rapporteur|committee|commission\b|anti-trafficking (?:office|agency|council|unit)/,
    pillar: 'partnership',
    weight: 1,
  },
  {
    id: 'civil-society',
    label: 'civil society and international partners',
    pattern:
      /civil society|nongovernmental|non-governmental|international organi[sz]ations?|\bcooperat\w*|\bpartner\w*|bilateral|multilateral|foreign governments|regional (?:partners|cooperation|governments)|independent observers|\binvite\b/,
    pillar: 'partnership',
    weight: 2,
  },
  {
    id: 'migrant-workers',
    label: 'migrant workers',
    pattern: /\bmigra\w*|overseas|abroad|labou?r export|pre-?departure|returnees?|diaspora|foreign workers?/,
    pillar: 'prevention',
    weight: 1,
  },
  {
    id: 'repatriation',
    label: 'repatriation',
    pattern: /repatriat\w*|\breturn(?:ed|ing)? (?:home|to their)|safe return/,
    pillar: 'protection',
    weight: 1,
  },
  {
    id: 'children',
    label: 'children',
    pattern: /\bchild\w*|\bminors?\b|\bboys?\b|\bgirls?\b|\bstudents?\b|unaccompanied/,
  },
  {
    id: 'child-soldiers',
    label: 'child soldiers',
    pattern: /child soldiers?|armed forces|armed groups|recruitment or use of children|militia/,
    pillar: 'prevention',
    weight: 1,
  },
  {
    id: 'sex-trafficking',
    label: 'sex trafficking',
    pattern: /sex trafficking|commercial sex|prostitut\w*|sexual exploitation/,
  },
  {
    id: 'monitoring',
    label: 'independent monitoring',
    pattern: /\bmonitor\w*|observers?\b|oversight|\baudit\w*/,
    pillar: 'prevention',
    weight: 1,
  },
  {
    id: 'supply-chains',
    label: 'supply chains and procurement',
    pattern: /supply chains?|procurement|government contracts?|goods produced/,
    pillar: 'prevention',
    weight: 2,
  },
  {
    id: 'demand',
    label: 'demand reduction',
    pattern: /demand for (?:commercial sex|forced labou?r|child sex)|reduce (?:the )?demand|sex tourism/,
    pillar: 'prevention',
    weight: 2,
  },
];

/** Abbreviations the reports use in recommendations, written out. Country-specific ones are learned from text. */
export const COMMON_ABBREVIATIONS: Record<string, string> = {
  sops: 'standard operating procedures',
  sop: 'standard operating procedures',
  nrm: 'national referral mechanism',
  nrms: 'national referral mechanisms',
  nap: 'national action plan',
  ngo: 'nongovernmental organization',
  ngos: 'nongovernmental organizations',
  cso: 'civil society organization',
  csos: 'civil society organizations',
  io: 'international organization',
  ios: 'international organizations',
  tip: 'trafficking in persons',
  ctip: 'counter trafficking in persons',
  idps: 'internally displaced persons',
  idp: 'internally displaced person',
  psea: 'prevention of sexual exploitation and abuse',
  tvpa: 'trafficking victims protection act',
};

/** The words of an expression of `abbr.length` significant words whose initials spell the abbreviation. */
const SMALL_WORDS = new Set(['of', 'and', 'for', 'on', 'the', 'in', 'to', 'against', 'de', 'du', 'des']);

/**
 * Abbreviations a text defines, as in "standard operating procedures (SOPs)" or "the Modern Slavery Act of 2015
 * (MSA)": the words before the parenthesis whose initials spell it. Returns lower-case abbreviation → expansion.
 */
export function learnAbbreviations(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  const re = /\(([A-Z][A-Za-z]{1,7}?)(s?)\)/g;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const abbr = m[1]!;
    const letters = abbr.toLowerCase().replace(/[^a-z]/g, '');
    if (letters.length < 2 || !/[A-Z].*[A-Z]/.test(abbr)) continue;
    const before = text.slice(Math.max(0, m.index - 160), m.index).split(/\s+/).filter(Boolean);
    // Walk back over the words, matching initials from the last letter.
    let li = letters.length - 1;
    let wi = before.length - 1;
    const used: string[] = [];
    // Skip a trailing year: "the Modern Slavery Act of 2015 (MSA)".
    if (wi >= 0 && /^\d{4},?$/.test(before[wi]!)) {
      wi--;
      if (wi >= 0 && /^(?:of|in)$/i.test(before[wi]!)) wi--;
    }
    while (wi >= 0 && li >= 0) {
      const w = before[wi]!.replace(/[^A-Za-z-]/g, '');
      if (!w) break;
      if (SMALL_WORDS.has(w.toLowerCase()) && w[0]!.toLowerCase() !== letters[li]) {
        used.unshift(w);
        wi--;
        continue;
      }
      if (w[0]!.toLowerCase() !== letters[li]) break;
      used.unshift(w);
      li--;
      wi--;
    }
    if (li < 0 && used.length >= letters.length) {
      const expansion = used.join(' ').toLowerCase();
      out[letters] = expansion;
      out[`${letters}s`] = expansion.endsWith('s') ? expansion : `${expansion}s`;
    }
  }
  return out;
}

/** Lower-cases and writes out abbreviations (SOPs → standard operating procedures). */
export function expandAbbreviations(text: string, extra: Record<string, string> = {}): string {
  return text
    .toLowerCase()
    .replace(/[’‘]/g, "'")
    .replace(/\+/g, ' ')
    .replace(/\b([a-z]{2,8})\+?(?=\b)/g, (w) => extra[w] ?? COMMON_ABBREVIATIONS[w] ?? w);
}

export interface Classification {
  pillar: PillarOrUnclassified;
  themes: string[];
}

/**
 * The state ending its own use of forced labor (prevention): "End government policies or actions that compel the
 * mobilization of forced labor …", "Cease the compulsory mobilization of students …", "End the use of forced labor
 * as punishment for …", "Take substantive action to end the use of forced adult labor …". Not about victims of it
 * ("end the detention of forced labor victims").
 */
const END_FORCED_LABOR =
  /^(?:(?:continue|take) (?:[\w-]+ ){0,4}?to )?(?:end|cease|stop|halt|abolish|discontinue|eliminate)\b(?: [\w,'-]+){0,10}? (?:(?:state-sponsored |state-imposed |government-compelled )?(?:forced|compulsory|compelled|coerced|involuntary|mandatory) (?:(?:child|adult) )?(?:labou?r|mobili[sz]ation|work|participation)|(?:mass )?mobili[sz]ations?)\b(?! victims| survivors)/;

/**
 * Verbs whose object decides the pillar: the first clause of a recommendation weighs double. They also break a
 * tie between pillars (see classifyRecommendation).
 */
const PILLAR_VERBS: [RegExp, Pillar, number][] = [
  [/^(?:while respecting due process, )?(?:\w+ly )?(?:investigate|prosecute|convict|hold\b|sentence|bring)/, 'prosecution', 3],
  [/^(?:enact|amend|criminali[sz]e|adopt (?:a |an )?(?:\w+ )?(?:law|legislation|amendments?))/, 'prosecution', 2],
  [/^(?:identify|screen|refer|provide (?:\w+ ){0,3}(?:services|care|shelter|assistance|support)|fund (?:\w+ ){0,3}shelters?|expand (?:\w+ ){0,3}(?:services|shelters?)|ensure victims)/, 'protection', 3],
  [/^(?:raise|conduct|increase) (?:\w+ ){0,3}awareness|^(?:monitor|regulate|eliminate|inspect|enforce (?:\w+ ){0,3}(?:limits|labor))/, 'prevention', 3],
  [END_FORCED_LABOR, 'prevention', 3],
  [/^(?:cooperate|partner|coordinate|invite|engage|collaborate|work with|sign (?:\w+ ){0,3}agreements?)/, 'partnership', 2],
];

/** The pillar and themes of one recommendation. */
export function classifyRecommendation(text: string, abbreviations: Record<string, string> = {}): Classification {
  const t = expandAbbreviations(text, abbreviations).replace(/\s+/g, ' ').trim();
  const themes: string[] = [];
  const score: Record<Pillar, number> = { prosecution: 0, protection: 0, prevention: 0, partnership: 0 };
  const firstClause = t.split(/[;,.]| and (?=[a-z]+e\b)/)[0] ?? t;
  /** What the first clause alone says, to break ties. */
  const lead: Record<Pillar, number> = { prosecution: 0, protection: 0, prevention: 0, partnership: 0 };
  const verbs = new Set<Pillar>();
  for (const theme of THEMES) {
    const tested = (x: string) => theme.pattern.test(theme.except ? x.replace(theme.except, ' ') : x);
    if (!tested(t)) continue;
    themes.push(theme.id);
    if (theme.pillar) {
      score[theme.pillar] += theme.weight ?? 1;
      if (tested(firstClause)) {
        score[theme.pillar] += theme.weight ?? 1;
        lead[theme.pillar] += theme.weight ?? 1;
      }
    }
  }
  for (const [re, pillar, w] of PILLAR_VERBS) {
    if (!re.test(t)) continue;
    score[pillar] += w;
    verbs.add(pillar);
  }
  // Data on law enforcement, training of police, prosecutors and judges argue for prosecution.
  if (themes.includes('data-collection') && /investigat|prosecut|convict|law enforcement|sentenc/.test(t)) score.prosecution += 1;
  if (themes.includes('training') && /\b(?:judges?|prosecutors?|police|law enforcement|judicial)\b/.test(firstClause)) score.prosecution += 1;
  // The highest score; a tie goes to the pillar the leading verb speaks for, then to what the first clause is
  // about, and only then to the order of PILLARS.
  const top = Math.max(...PILLARS.map((p) => score[p]));
  if (top <= 0) return { pillar: 'unclassified', themes };
  const tied = PILLARS.filter((p) => score[p] === top);
  const byVerb = tied.filter((p) => verbs.has(p));
  const pool = byVerb.length ? byVerb : tied;
  const topLead = Math.max(...pool.map((p) => lead[p]));
  return { pillar: pool.find((p) => lead[p] === topLead)!, themes };
}

export function themeLabel(id: string): string {
  return THEMES.find((t) => t.id === id)?.label ?? id;
}
