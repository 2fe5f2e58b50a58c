/**
 * A synthetic, deterministic corpus for the search benchmark: `years` report years of `countries` fictional
 * countries (ids in ISO 3166's user-assigned X-range, invented names), one document per year, built as ImportInput
 * with exact spans (no parser involved), so that it goes through the store's importDocument like a real import.
 * Every sentence is invented from templates; none comes from a real report.
 */
import { createHash } from 'node:crypto';
import type { Assessment, Country, Section, SectionKind, Tier } from '../src/domain/index.js';
import type { ImportInput } from '../src/store/types.js';
import type { Rand } from './random.js';
import { int, pick, rng } from './random.js';

const TIERS: Tier[] = ['Tier 1', 'Tier 2', 'Tier 2', 'Tier 2 Watch List', 'Tier 3'];
const WORDS = ['two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten', 'eleven', 'twelve'];
const num = (r: Rand, lo: number, hi: number) => {
  const n = int(r, lo, hi);
  return n >= 2 && n <= 12 && r() < 0.5 ? WORDS[n - 2]! : n >= 1000 ? n.toLocaleString('en-US') : String(n);
};

const CROPS = ['saffron-moss', 'kelp', 'cotton', 'tea', 'cocoa', 'brick kilns', 'fishing fleets', 'garment factories', 'mines', 'rubber plantations', 'construction sites', 'domestic work', 'cattle ranches', 'carpet workshops'];
const GROUPS = ['migrant workers', 'children', 'women', 'refugees', 'asylum-seekers', 'internally displaced persons', 'seasonal workers', 'students', 'fishermen', 'domestic workers'];
const AGENCIES = ['the national police', 'the labor inspectorate', 'the prosecutor general', 'the ministry of social affairs', 'the border service', 'the anti-trafficking commission'];

function summary(r: Rand, name: string, tier: Tier, year: number): string[] {
  const verdict =
    tier === 'Tier 1'
      ? `The Government of ${name} fully meets the minimum standards for the elimination of trafficking.`
      : tier === 'Tier 3'
        ? `The Government of ${name} does not fully meet the minimum standards for the elimination of trafficking and is not making significant efforts to do so; therefore ${name} remained on Tier 3.`
        : `The Government of ${name} does not fully meet the minimum standards for the elimination of trafficking but is making significant efforts to do so; therefore ${name} remained on ${tier}.`;
  return [
    verdict,
    `These efforts included ${pick(r, ['opening a shelter', 'training labor inspectors', 'adopting a national action plan', 'convicting more traffickers', 'funding a hotline'])} and ${pick(r, ['identifying more victims', 'investigating forced labor in the ' + pick(r, CROPS), 'cooperating with civil society', 'screening ' + pick(r, GROUPS) + ' for trafficking indicators'])}.`,
    `However, the government did not meet the minimum standards in several key areas.`,
    r() < 0.3 ? `The government did not report convictions for the ${pick(r, ['second', 'third', 'fourth'])} consecutive year.` : `Authorities continued to rely on ${pick(r, ['international organizations', 'NGOs', 'foreign donors'])} to provide victim services.`,
    `Official complicity in ${pick(r, CROPS)} remained a concern in the ${year - 1} reporting period.`,
  ];
}

const RECS = [
  () => 'Adopt and implement standard operating procedures to identify trafficking victims and refer them to care.',
  (r: Rand) => `While respecting due process, vigorously investigate and prosecute trafficking crimes in the ${pick(r, CROPS)}, including those involving complicit officials.`,
  () => 'Increase funding for shelters and expand services to male victims.',
  (r: Rand) => `Train labor inspectors to screen ${pick(r, GROUPS)} for forced labor indicators.`,
  () => 'Monitor private employment agencies and eliminate recruitment fees charged to workers.',
  () => 'Amend the penal code to remove fines as an alternative to imprisonment for trafficking crimes.',
  (r: Rand) => `Raise awareness of trafficking risks among ${pick(r, GROUPS)}.`,
  () => 'Improve the collection of law enforcement data on investigations, prosecutions, and convictions.',
  () => 'Ensure victims are not penalized for unlawful acts their traffickers compelled them to commit.',
  () => 'Publicize and fund the national anti-trafficking hotline.',
  () => 'Formalize partnerships with civil society organizations that assist victims.',
  (r: Rand) => `Invite independent observers to monitor the ${pick(r, CROPS)}.`,
];

function prosecution(r: Rand, year: number): string[] {
  return [
    `The government ${pick(r, ['increased', 'maintained', 'decreased'])} law enforcement efforts.`,
    `The anti-trafficking law criminalized sex trafficking and labor trafficking and prescribed penalties of ${num(r, 2, 5)} to ${num(r, 8, 15)} years' imprisonment.`,
    `Authorities investigated ${num(r, 1, 120)} cases involving ${num(r, 2, 200)} suspects, compared with ${num(r, 1, 120)} cases in ${year - 2}.`,
    `The government prosecuted ${num(r, 0, 60)} defendants and convicted ${num(r, 0, 40)} traffickers.`,
    `Courts sentenced convicted traffickers to between ${num(r, 1, 4)} and ${num(r, 5, 20)} years' imprisonment.`,
    `${pick(r, AGENCIES).replace(/^t/, 'T')} trained ${num(r, 10, 900)} officials on trafficking investigations in the ${pick(r, CROPS)}.`,
    r() < 0.5
      ? 'The government did not report any investigations, prosecutions, or convictions of government officials complicit in trafficking crimes.'
      : `The government reported investigating ${num(r, 2, 9)} officials for complicity in forced labor in the ${pick(r, CROPS)}.`,
  ];
}

function protection(r: Rand, year: number): string[] {
  return [
    `The government ${pick(r, ['increased', 'maintained', 'decreased'])} protection efforts.`,
    `Authorities identified ${num(r, 0, 2500)} victims, compared with ${num(r, 0, 2500)} in ${year - 2}, and referred ${num(r, 0, 900)} to care.`,
    `Shelters run by ${pick(r, ['NGOs', 'the government', 'an international organization'])} assisted ${num(r, 2, 400)} victims, including ${pick(r, GROUPS)}.`,
    `Observers reported that police sometimes detained ${pick(r, GROUPS)} for immigration violations.`,
    `The government provided ${pick(r, ['legal aid', 'medical care', 'psychological counseling', 'vocational training'])} to victims through a hotline and ${num(r, 1, 12)} centers.`,
  ];
}

function prevention(r: Rand): string[] {
  return [
    `The government ${pick(r, ['increased', 'maintained'])} prevention efforts.`,
    `The national anti-trafficking commission met ${num(r, 2, 12)} times and monitored the national action plan.`,
    `A campaign warned ${pick(r, GROUPS)} about fraudulent job offers and recruitment fees.`,
    `Labor inspectors conducted ${num(r, 100, 20000)} inspections in the ${pick(r, CROPS)} and found ${num(r, 0, 300)} violations.`,
  ];
}

function profile(r: Rand, name: string): string[] {
  return [
    `As reported over the past five years, traffickers exploit domestic and foreign victims in ${name}, and traffickers exploit victims from ${name} abroad.`,
    `Traffickers exploit ${pick(r, GROUPS)} in forced labor in the ${pick(r, CROPS)} and the ${pick(r, CROPS)}.`,
    `Traffickers exploit ${pick(r, GROUPS)} in sex trafficking in tourist areas and along the ${pick(r, ['northern', 'southern', 'eastern'])} border.`,
  ];
}

/** One report year: one document with a narrative per country. */
export function benchYear(year: number, countries: readonly Country[], seed: number): ImportInput {
  const r = rng(seed * 7919 + year);
  let text = `SYNTHETIC BENCHMARK DOCUMENT: the ${year} Trafficking in Persons Report of fictional countries. Not report text.\n\n`;
  const add = (piece: string) => {
    const start = text.length;
    text += piece;
    return { start, end: text.length };
  };
  const assessments: Assessment[] = countries.map((c) => {
    const tier = pick(r, TIERS);
    const start = text.length;
    add(`${c.name.toUpperCase()}: ${tier}\n\n`);
    const sections: Section[] = [];
    const section = (kind: SectionKind, heading: string, sentences: string[]) => {
      const body = sentences.join(' ');
      const span = add(`${heading ? `${heading}\n\n` : ''}${body}\n\n`);
      sections.push({ kind, heading, text: body, span: { start: span.start, end: span.end - 2 } });
    };
    const sum = summary(r, c.name, tier, year);
    section('summary', '', sum);
    const recsHead = add('PRIORITIZED RECOMMENDATIONS:\n\n');
    const recTexts = [...RECS].sort(() => r() - 0.5).slice(0, int(r, 6, 10)).map((f) => f(r));
    const recommendations = recTexts.map((t) => {
      const span = add(t);
      add('\n\n');
      return { text: t, span };
    });
    sections.push({ kind: 'recommendations', heading: 'PRIORITIZED RECOMMENDATIONS:', text: recTexts.join('\n'), span: { start: recsHead.start, end: recommendations.at(-1)!.span.end } });
    section('prosecution', 'PROSECUTION', prosecution(r, year));
    section('protection', 'PROTECTION', protection(r, year));
    section('prevention', 'PREVENTION', prevention(r));
    section('profile', 'TRAFFICKING PROFILE', profile(r, c.name));
    return {
      countryId: c.id,
      countryName: c.name,
      reportYear: year,
      tier,
      tierAsterisk: false,
      tierStatement: null,
      summary: sum.join(' '),
      recommendations,
      sections: sections.sort((a, b) => a.span.start - b.span.start),
      warnings: [],
      source: { file: `bench://synthetic-${year}.txt`, start, end: text.length },
    };
  });
  return {
    sha256: createHash('sha256').update(text).digest('hex'),
    origin: `bench://synthetic-${year}.txt`,
    mediaType: 'text/plain',
    text,
    reportYear: year,
    assessments,
  };
}
