/**
 * Synthetic TIP Report years for tests and benchmarks: seeded, deterministic, about fictional countries only
 * (ids in ISO 3166's user-assigned X-range, never XKX). Every page says it is synthetic. The text imitates the
 * real reports' layouts (headings, sections, recommendation styles, an introduction, tier tables and closing
 * chapters) with invented content; no sentence is copied from a real report.
 *
 *   npx tsx bench/generate.ts [--year 2024] [--countries 190] [--seed 1] [--out bench/out]   writes .txt and .pdf
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Country, RegionCode, SectionKind, Tier } from '../src/domain/index.js';
import type { LayoutBlock } from './pdf.js';
import { layoutTwoColumns, writePdf } from './pdf.js';
import type { Rand } from './random.js';
import { int, pick, rng } from './random.js';

// ---------------------------------------------------------------------------------------------------------
// Fictional countries

const SYL_A = ['Val', 'Kes', 'Mor', 'Tal', 'Bren', 'Cor', 'Dun', 'Esk', 'Fal', 'Gor', 'Hal', 'Ist', 'Jor', 'Kal', 'Lun', 'Mar', 'Nor', 'Ost', 'Pel', 'Quar', 'Rav', 'Sel', 'Tor', 'Ul', 'Ves', 'Wen', 'Yar', 'Zel'];
const SYL_B = ['a', 'e', 'i', 'o', 'u', 'ar', 'en', 'is', 'on', 'ur', 'el', 'am'];
const SYL_C = ['dia', 'mia', 'stan', 'land', 'ria', 'vania', 'nesia', 'gard', 'thia', 'bar', 'lis', 'dor', 'mora', 'sk', 'var'];
const REGIONS: RegionCode[] = ['AF', 'EAP', 'EUR', 'NEA', 'SCA', 'WHA'];

/** Ids never generated: Kosovo's XKX, and those of the hand-written fixtures (test/fixtures/countries.ts). */
const RESERVED_IDS = new Set(['XKX', 'XEX', 'XFC', 'XQU', 'XZA', 'XNW', 'XMR']);

/** `n` fictional countries (n ≤ 669): ids XAA, XAB, … (reserved ones skipped), invented names, some with several words. */
export function fictionalCountries(n: number, seed = 7): Country[] {
  const r = rng(seed);
  const names = new Set<string>();
  const out: Country[] = [];
  let k = 0;
  while (out.length < n) {
    const id = `X${String.fromCharCode(65 + Math.floor(k / 26))}${String.fromCharCode(65 + (k % 26))}`;
    k++;
    if (RESERVED_IDS.has(id)) continue;
    let name: string;
    do {
      const base = pick(r, SYL_A) + pick(r, SYL_B) + pick(r, SYL_C);
      const shape = r();
      if (shape < 0.08) name = `North ${base}`;
      else if (shape < 0.14) name = `${base} and ${pick(r, SYL_A)}${pick(r, SYL_C)}`;
      else if (shape < 0.18) name = `Saint ${base}`;
      else if (shape < 0.2) name = `${base.slice(0, -1)}é`;
      else name = base;
    } while (names.has(name.toLowerCase()));
    names.add(name.toLowerCase());
    const slug = name.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase().replace(/[^a-z0-9]+/g, '-');
    out.push({ id, name, aliases: [], region: pick(r, REGIONS), slug });
  }
  return out;
}

// ---------------------------------------------------------------------------------------------------------
// Prose

const ORDINAL = ['first', 'second', 'third', 'fourth', 'fifth', 'sixth', 'seventh', 'eighth', 'ninth', 'tenth'];
const SECTORS = ['imaginary lantern factories', 'fictional kelp farms', 'invented salt flats', 'made-up brick kilns', 'hypothetical fishing fleets', 'pretend cotton fields', 'synthetic textile workshops', 'notional domestic work'];
const ACTORS = ['labor inspectors', 'border guards', 'prosecutors', 'social workers', 'judges', 'consular officials', 'police investigators', 'municipal clerks'];
const WORDS = ['comprehensive', 'international', 'considerable', 'transnational', 'implementation', 'identification', 'administrative', 'government-compelled', 'anti-trafficking', 'victim-centered', 'coordination', 'investigations', 'documentation', 'rehabilitation', 'accountability'];
const VERBS = ['Adopt', 'Increase', 'Train', 'Establish', 'Amend', 'Expand', 'Fund', 'Implement', 'Strengthen', 'Publish', 'Ensure', 'Develop'];

function sentence(r: Rand, c: string): string {
  const n = int(r, 2, 480);
  switch (int(r, 0, 11)) {
    case 0: return `Authorities in ${c} reported investigating ${n} cases in ${pick(r, SECTORS)}, compared with ${int(r, 1, 300)} in the previous reporting period.`;
    case 1: return `The government trained ${n} ${pick(r, ACTORS)} on ${pick(r, WORDS)} procedures, often with funding from fictional donors.`;
    case 2: return `Observers noted ${pick(r, WORDS)} gaps in ${pick(r, SECTORS)}, where ${pick(r, ACTORS)} seldom screened workers for indicators of exploitation.`;
    case 3: return `Officials’ ${pick(r, WORDS)} efforts remained uneven across the ${pick(r, ['river', 'mountain', 'coastal', 'desert'])} provinces of ${c}.`;
    case 4: return `The invented national committee met ${int(r, 1, 12)} times and approved a “${pick(r, WORDS)}” work plan — a step civil society welcomed.`;
    case 5: return `Courts convicted ${int(r, 0, 90)} traffickers and imposed sentences ranging from ${int(r, 1, 5)} to ${int(r, 6, 20)} years’ imprisonment.`;
    case 6: return `Shelters operated by imaginary NGOs assisted ${n} victims, including ${int(r, 0, n)} children, with government-compelled labor remaining a concern.`;
    case 7: return `The government did not report ${pick(r, WORDS)} data on prosecutions of complicit ${pick(r, ACTORS)}.`;
    case 8: return `In ${c}, ${pick(r, ACTORS)} referred ${n} potential victims to care, an increase attributed to ${pick(r, WORDS)} outreach.`;
    case 9: return `Traffickers exploit domestic and foreign victims in ${pick(r, SECTORS)} and, to a lesser extent, in ${pick(r, SECTORS)}.`;
    case 10: return `Reports indicated ${pick(r, WORDS)} recruitment fees left ${n} workers in debt bondage; the government investigated ${int(r, 0, 20)} of these reports.`;
    default: return `The synthetic ministry of labor conducted ${n} inspections but did not identify any victims of forced labor.`;
  }
}

function paragraph(r: Rand, c: string, min: number): string {
  const parts: string[] = [];
  let len = 0;
  while (len < min) {
    const s = sentence(r, c);
    parts.push(s);
    len += s.length + 1;
  }
  return parts.join(' ');
}

function recommendation(r: Rand, c: string): string {
  return `${pick(r, VERBS)} ${pick(r, WORDS)} measures so that ${pick(r, ACTORS)} in ${c} can identify victims in ${pick(r, SECTORS)} and refer them to ${pick(r, ['care', 'shelter', 'legal aid', 'services'])}.`;
}

// ---------------------------------------------------------------------------------------------------------
// Narratives

export interface SyntheticNarrative {
  country: Country;
  tier: Tier;
  asterisk: boolean;
  heading: string;
  /** Section kinds the parser should find, in text order. */
  sections: SectionKind[];
  recommendations: number;
  consecutiveYears?: number;
  waiver: boolean;
  automaticDowngrade: boolean;
  blocks: LayoutBlock[];
}

export type HeadingStyle = 'uniform' | 'mixed';

function tierWords(tier: Tier, style: number, asterisk: boolean): string {
  const star = asterisk ? '*' : '';
  const base = tier === 'Tier 2 Watch List' ? ['Tier 2 Watch List', 'TIER 2 WATCH LIST', 'TIER 2 - WATCH LIST'][style % 3]! : style % 2 ? tier.toUpperCase() : tier;
  return base + star;
}

function headingFor(c: Country, tier: Tier, asterisk: boolean, year: number, style: HeadingStyle, i: number): string {
  const upper = c.name.toUpperCase();
  if (tier === 'Special Case') {
    if (style === 'uniform') return year >= 2017 ? `${upper}: Special Case` : `${upper} (Special Case)`;
    return [`SPECIAL CASE: ${upper}`, `${upper}: SPECIAL CASE`, `Special Case (${c.name})`, `${upper} (special case)`][i % 4]!;
  }
  if (style === 'uniform') return year >= 2017 ? `${upper}: ${tierWords(tier, 0, asterisk)}` : `${c.name} (${tierWords(tier, 0, asterisk)})`;
  const t = tierWords(tier, i, asterisk);
  const words = c.name.split(' ');
  switch (i % 6) {
    case 0: return `${upper} (${t})`;
    case 1: return `${upper}: ${t}`;
    case 2: return `${upper}: ${t.toUpperCase()}`;
    case 3: return `${c.name} (${t})`;
    case 4: return words.length > 1 ? `${upper} (${words.map((w) => w[0]).join('').toUpperCase()}) - (${t})` : `${upper} (${t.toUpperCase()})`;
    default: return `${upper}: ${t}`;
  }
}

function complianceSentences(r: Rand, c: string, tier: Tier, year: number, asterisk: boolean): { text: string; consecutiveYears?: number; waiver: boolean; automaticDowngrade: boolean } {
  const gov = `The Government of ${c}`;
  const ord = int(r, 2, 9);
  let waiver = false;
  let automaticDowngrade = false;
  let consecutiveYears: number | undefined;
  const parts: string[] = [];
  if (tier === 'Tier 1') {
    parts.push(`${gov} fully meets the minimum standards for the elimination of trafficking.`);
    parts.push(`The government continued to demonstrate serious and sustained efforts during the reporting period; therefore ${c} remained on Tier 1.`);
  } else if (tier === 'Tier 3') {
    parts.push(`${gov} does not fully meet the minimum standards for the elimination of trafficking and is not making significant efforts to do so.`);
    if (asterisk) {
      parts.push(`Because ${c} had been on Tier 2 Watch List for two consecutive years and was not granted a waiver, it received an automatic downgrade; therefore ${c} was downgraded to Tier 3.`);
      automaticDowngrade = true;
    } else {
      parts.push(`Therefore ${c} remained on Tier 3 for the ${ORDINAL[ord - 1]} consecutive year.`);
      consecutiveYears = ord;
    }
  } else {
    parts.push(`${gov} does not fully meet the minimum standards for the elimination of trafficking but is making significant efforts to do so.`);
    if (tier === 'Tier 2 Watch List') {
      parts.push('However, the government did not demonstrate overall increasing efforts compared with the previous reporting period.');
      if (asterisk) {
        parts.push(`Because the government has devoted sufficient resources to a written plan that, if implemented, would constitute significant efforts to meet the minimum standards, ${c} was granted a waiver per the Trafficking Victims Protection Act from an otherwise required downgrade to Tier 3.`);
        waiver = true;
      }
      parts.push(`Therefore ${c} remained on Tier 2 Watch List for the ${ORDINAL[ord - 1]} consecutive year.`);
      consecutiveYears = ord;
    } else {
      parts.push(`These efforts included ${pick(r, WORDS)} training; therefore ${c} ${r() < 0.5 ? 'remained on' : 'was upgraded to'} Tier 2.`);
    }
  }
  void year;
  return { text: parts.join(' '), consecutiveYears, waiver, automaticDowngrade };
}

/** One country narrative in the layout of its report year (2001–2003 short, 2004–2016, 2017 on, Special Case). */
export function narrative(r: Rand, c: Country, tier: Tier, asterisk: boolean, year: number, style: HeadingStyle, i: number, scale = 1): SyntheticNarrative {
  const name = c.name;
  const heading = headingFor(c, tier, asterisk, year, style, i);
  const blocks: LayoutBlock[] = [{ kind: 'heading', text: heading }];
  const sections: SectionKind[] = [];
  const para = (min: number) => blocks.push({ kind: 'paragraph', text: paragraph(r, name, Math.round(min * scale)) });
  const profileOpening = () => `${name} is a source, transit, and destination country for men, women, and children subjected to forced labor and sex trafficking in ${pick(r, SECTORS)}. ${paragraph(r, name, Math.round(500 * scale))}`;
  let recommendations = 0;
  let consecutiveYears: number | undefined;
  let waiver = false;
  let automaticDowngrade = false;

  if (tier === 'Special Case') {
    const n = int(r, 2, 9);
    consecutiveYears = n;
    blocks.push({ kind: 'paragraph', text: `${name} remains a Special Case for the ${ORDINAL[n - 1]} consecutive year. ${paragraph(r, name, Math.round(600 * scale))}` });
    sections.push('summary');
    blocks.push({ kind: 'subheading', text: 'GOVERNMENT EFFORTS' });
    para(900);
    para(900);
    sections.push('government-efforts');
    blocks.push({ kind: 'subheading', text: year >= 2017 ? 'TRAFFICKING PROFILE' : 'SCOPE AND MAGNITUDE' });
    blocks.push({ kind: 'paragraph', text: profileOpening() });
    sections.push('profile');
    return { country: c, tier, asterisk, heading, sections, recommendations, consecutiveYears, waiver, automaticDowngrade, blocks };
  }

  const comp = complianceSentences(r, name, tier, year, asterisk);
  consecutiveYears = comp.consecutiveYears;
  waiver = comp.waiver;
  automaticDowngrade = comp.automaticDowngrade;

  if (year <= 2003) {
    blocks.push({ kind: 'paragraph', text: profileOpening() });
    blocks.push({ kind: 'paragraph', text: `${comp.text} ${paragraph(r, name, Math.round(900 * scale))}` });
    sections.push('profile', 'summary');
  } else if (year <= 2016) {
    blocks.push({ kind: 'paragraph', text: profileOpening() });
    para(700);
    sections.push('profile', 'summary');
    if (year <= 2008) {
      recommendations = int(r, 1, 3);
      const should = Array.from({ length: recommendations }, () => `${name} should ${pick(r, VERBS).toLowerCase()} ${pick(r, WORDS)} measures for ${pick(r, ACTORS)}.`);
      blocks.push({ kind: 'paragraph', text: `${comp.text} ${paragraph(r, name, Math.round(300 * scale))} ${should.join(' ')}` });
    } else {
      blocks.push({ kind: 'paragraph', text: `${comp.text} ${paragraph(r, name, Math.round(400 * scale))}` });
      recommendations = int(r, 4, 10);
      const recs = Array.from({ length: recommendations }, () => recommendation(r, name).replace(/\.$/, '').replace(/^./, (x) => x.toLowerCase()));
      recs[recs.length - 1] = `and ${recs[recs.length - 1]}`;
      blocks.push({ kind: 'paragraph', text: `Recommendations for ${name}: ${recs.join('; ')}.` });
      sections.push('recommendations');
    }
    for (const s of ['Prosecution', 'Protection', 'Prevention'] as const) {
      blocks.push({ kind: 'subheading', text: s });
      para(900);
      para(700);
      sections.push(s.toLowerCase() as SectionKind);
    }
  } else {
    blocks.push({ kind: 'paragraph', text: `${comp.text} ${paragraph(r, name, Math.round(700 * scale))}` });
    sections.push('summary');
    recommendations = int(r, 4, 12);
    blocks.push({ kind: 'subheading', text: 'PRIORITIZED RECOMMENDATIONS:' });
    const recs = Array.from({ length: recommendations }, () => recommendation(r, name));
    if (i % 3 === 0) blocks.push({ kind: 'paragraph', text: recs.join(' • ') });
    else for (const rec of recs) blocks.push({ kind: 'item', text: rec });
    sections.push('recommendations');
    for (const s of ['PROSECUTION', 'PROTECTION', 'PREVENTION'] as const) {
      blocks.push({ kind: 'subheading', text: s });
      para(1400);
      para(1200);
      para(800);
      sections.push(s.toLowerCase() as SectionKind);
    }
    blocks.push({ kind: 'subheading', text: 'TRAFFICKING PROFILE' });
    blocks.push({ kind: 'paragraph', text: `As reported over the past five years, traffickers exploit domestic and foreign victims in ${name}. ${paragraph(r, name, Math.round(1500 * scale))}` });
    para(1200);
    sections.push('profile');
  }
  return { country: c, tier, asterisk, heading, sections, recommendations, consecutiveYears, waiver, automaticDowngrade, blocks };
}

// ---------------------------------------------------------------------------------------------------------
// Whole reports

export interface SyntheticReportOptions {
  year?: number;
  countries?: number | Country[];
  seed?: number;
  headings?: HeadingStyle;
  /** Multiplies paragraph lengths (1 ≈ 20 KB per 2017-layout narrative, about 4 MB for 190 countries). */
  scale?: number;
}

export interface SyntheticReport {
  year: number;
  countries: Country[];
  narratives: SyntheticNarrative[];
  /** The whole report as blocks, for text or PDF. */
  blocks: LayoutBlock[];
  title: string;
}

const TIER_SHARES: [Tier, number][] = [['Tier 1', 0.16], ['Tier 2', 0.5], ['Tier 2 Watch List', 0.2], ['Tier 3', 0.11], ['Special Case', 0.03]];

function tierFor(r: Rand, year: number): Tier {
  let x = r();
  for (const [t, share] of TIER_SHARES) {
    if ((x -= share) < 0) return year < 2004 && t === 'Tier 2 Watch List' ? 'Tier 2' : t;
  }
  return 'Tier 2';
}

/** A full synthetic report year: cover, introduction (every tier named), tier definitions and table, narratives, closing chapters. */
export function syntheticReport(opts: SyntheticReportOptions = {}): SyntheticReport {
  const year = opts.year ?? 2024;
  const seed = opts.seed ?? 1;
  const r = rng(seed * 7919 + year);
  const countries = Array.isArray(opts.countries) ? opts.countries : fictionalCountries(opts.countries ?? 190, seed);
  const sorted = [...countries].sort((a, b) => a.name.localeCompare(b.name));
  const narratives: SyntheticNarrative[] = sorted.map((c, i) => {
    const tier = tierFor(r, year);
    const asterisk = (tier === 'Tier 3' || tier === 'Tier 2 Watch List') && year >= 2009 && r() < 0.3;
    return narrative(r, c, tier, asterisk, year, opts.headings ?? 'uniform', i, opts.scale ?? 1);
  });
  const title = `${year} Trafficking in Persons Report (synthetic edition)`;
  const blocks: LayoutBlock[] = [];
  const p = (text: string) => blocks.push({ kind: 'paragraph', text });
  blocks.push({ kind: 'chapter', text: `${year} TRAFFICKING IN PERSONS REPORT` });
  p('SYNTHETIC EDITION — generated by tip-atlas bench/generate.ts for tests and benchmarks. Every country, person, number and event in it is invented; it is not the U.S. Department of State’s report.');
  blocks.push({ kind: 'chapter', text: 'INTRODUCTION' });
  p(`This synthetic ${year} Trafficking in Persons Report places each invented government on Tier 1, Tier 2, Tier 2 Watch List or Tier 3, and treats a few as a Special Case. A government placed on Tier 2 Watch List for two consecutive years is downgraded to Tier 3 unless it receives a waiver; such placements carry an asterisk (Tier 3*). ${paragraph(r, 'the invented countries', 1500)}`);
  p(`Readers should not confuse tiers with the scale of the problem: a Tier 1 government may host many victims, and a Tier 3 government few. ${paragraph(r, 'the invented countries', 1500)}`);
  blocks.push({ kind: 'chapter', text: 'TOPICAL CHAPTER: RECRUITMENT FEES' });
  p(paragraph(r, 'the invented region', 3000));
  p(paragraph(r, 'the invented region', 3000));
  blocks.push({ kind: 'chapter', text: 'TIER PLACEMENTS' });
  p('The Department places each country in this report onto one of four tiers, as mandated by the TVPA.');
  blocks.push({ kind: 'subheading', text: 'TIER 1' });
  p('Countries whose governments fully meet the minimum standards for the elimination of trafficking.');
  blocks.push({ kind: 'subheading', text: 'TIER 2' });
  p('Countries whose governments do not fully meet the minimum standards but are making significant efforts to meet them.');
  p('Tier 2 Watch List: countries whose governments do not fully meet the minimum standards but are making significant efforts to do so, and where the estimated number of victims is significant or increasing.');
  blocks.push({ kind: 'subheading', text: 'TIER 3' });
  p('Countries whose governments do not fully meet the minimum standards and are not making significant efforts to do so.');
  blocks.push({ kind: 'subheading', text: 'SPECIAL CASES' });
  p('Special Case: a country whose government does not control its territory, in the judgment of the synthetic editors.');
  for (const t of ['Tier 1', 'Tier 2', 'Tier 2 Watch List', 'Tier 3', 'Special Case'] as Tier[]) {
    blocks.push({ kind: 'subheading', text: t === 'Special Case' ? 'SPECIAL CASES' : t.toUpperCase() });
    const names = narratives.filter((n) => n.tier === t).map((n) => n.country.name + (n.asterisk ? '*' : ''));
    for (let k = 0; k < names.length; k += 6) p(names.slice(k, k + 6).join('   '));
  }
  blocks.push({ kind: 'chapter', text: 'COUNTRY NARRATIVES' });
  for (const n of narratives) blocks.push(...n.blocks);
  blocks.push({ kind: 'chapter', text: 'RELEVANT INTERNATIONAL CONVENTIONS' });
  for (const n of narratives.slice(0, 40)) p(`${n.country.name}   ratified ${int(r, 1990, 2020)}   acceded ${int(r, 2000, 2022)}`);
  blocks.push({ kind: 'chapter', text: 'STOPPING HUMAN TRAFFICKING, SEXUAL EXPLOITATION, AND ABUSE BY INTERNATIONAL PEACEKEEPERS' });
  p(`${narratives[0]!.country.name} and ${narratives[1]!.country.name} deployed invented peacekeepers. ${paragraph(r, 'the invented missions', 2000)}`);
  blocks.push({ kind: 'chapter', text: 'GLOSSARY' });
  p('TVPA: the statute the synthetic editors pretend to apply. NGO: non-governmental organization.');
  return { year, countries: sorted, narratives, blocks, title };
}

/** The report as plain text: blocks separated by blank lines (optionally hard-wrapped like a text extraction). */
export function reportText(report: SyntheticReport, wrap?: number): string {
  const out: string[] = [];
  for (const b of report.blocks) {
    if (!wrap || b.kind !== 'paragraph') {
      out.push(b.text);
      continue;
    }
    const lines: string[] = [];
    let line = '';
    for (const w of b.text.split(' ')) {
      if (line && line.length + 1 + w.length > wrap) {
        lines.push(line);
        line = w;
      } else line = line ? `${line} ${w}` : w;
    }
    if (line) lines.push(line);
    out.push(lines.join('\n'));
  }
  return out.join('\n\n') + '\n';
}

/** The report as a two-column PDF with running headers, page numbers and (optionally) hyphenation. */
export function reportPdf(report: SyntheticReport, hyphenate = true): Uint8Array {
  const pages = layoutTwoColumns(report.blocks, { runningHeader: `${report.year} TRAFFICKING IN PERSONS REPORT (SYNTHETIC)`, hyphenate });
  return writePdf(pages, { title: report.title });
}

function main(argv: string[]) {
  const arg = (name: string, dflt: string) => {
    const i = argv.indexOf(`--${name}`);
    return i >= 0 && argv[i + 1] ? argv[i + 1]! : dflt;
  };
  const year = Number(arg('year', '2024'));
  const report = syntheticReport({ year, countries: Number(arg('countries', '190')), seed: Number(arg('seed', '1')) });
  const out = arg('out', 'bench/out');
  mkdirSync(out, { recursive: true });
  const text = reportText(report);
  writeFileSync(join(out, `synthetic-${year}.txt`), text);
  writeFileSync(join(out, `synthetic-${year}.pdf`), reportPdf(report));
  console.log(`wrote ${out}/synthetic-${year}.txt (${(text.length / 1e6).toFixed(1)} MB, ${report.narratives.length} narratives) and .pdf`);
}

if (process.argv[1] && /generate\.ts$/.test(process.argv[1])) main(process.argv.slice(2));
