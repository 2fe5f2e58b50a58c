import { INDICATOR_LABELS, indicatorCellText } from '../analysis/indicators.js';
import { contextLines } from './showContext.js';
import { PILLAR_TITLES, themeLabel } from '../analysis/pillars.js';
import { cutShortNotes, droppedHeading } from '../analysis/recommendationTracking.js';
import { getCountryById, resolveCountry } from '../countries/index.js';
import type { Country } from '../domain/index.js';
import { SECTION_TITLES } from '../domain/index.js';
import type { Store } from '../store/types.js';
import { noTierWords, statusReason, statusWords } from '../analysis/status.js';
import type { ProfileView } from '../views/views.js';
import { profileView } from '../views/views.js';
import type { CliIO } from './io.js';
import { CliError, usageError } from './io.js';
import type { ParsedFlags } from './flags.js';
import { yearFlag } from './flags.js';
import { storeFor } from './parseImport.js';

/**
 * A country id the database knows (TJK, or an imported fictional one), else an id or any name the registry knows
 * (Tajikistan, Burma, "Korea, South"); an unknown name is an error listing the closest known ones.
 */
export function countryIn(store: Store, arg: string): Country {
  return store.getCountry(arg) ?? getCountryById(arg) ?? resolveCountry(arg);
}

function wrap(text: string, width: number, indent: string): string {
  const out: string[] = [];
  for (const para of text.split(/\n{2,}/)) {
    let line = '';
    for (const word of para.split(/\s+/)) {
      if (line && line.length + 1 + word.length > width) {
        out.push(indent + line);
        line = word;
      } else line = line ? `${line} ${word}` : word;
    }
    if (line) out.push(indent + line);
    out.push('');
  }
  return out.join('\n').trimEnd();
}

/** `localPaths`: documents' local origins by id (operator information, shown only here in the CLI). */
export function profileText(p: ProfileView, localPaths?: Map<number, string>): string {
  const lines: string[] = [];
  const h = p.headline;
  lines.push(`${p.country.name.toUpperCase()} (${h.tier ? h.tier + (h.asterisk ? '*' : '') : noTierWords(p.yearStatus)})`);
  if (h.latest && h.reportYear !== null && h.reportYear !== p.reportYear) {
    // The title is the latest known placement; the narrative shown is of an older report.
    const tier = p.assessment?.tier ?? p.placement?.tier ?? null;
    const was = tier ? `; ${p.country.name} was then on ${tier}${p.assessment?.tierAsterisk ? '*' : ''}` : '';
    lines.push(`${h.reportYear} Trafficking in Persons Report, the latest placement known · ${p.country.regionName}`);
    lines.push(`Narrative: ${p.reportYear} report${h.narrativeIsLatest ? ', the latest held' : ''}${was} (--year ${h.reportYear} for the ${h.reportYear} placement)`);
    const c = p.timeline.find((e) => e.status === 'placed' && e.reportYear === h.reportYear)?.cite;
    if (c) lines.push(`Tier in ${h.reportYear}: ${c.official.publisher}, ${c.official.title} — how we know: ${c.howWeKnow.text}${c.howWeKnow.source ? ` — ${c.howWeKnow.source}` : ''}`);
  } else {
    lines.push(`${p.reportYear ?? '—'} Trafficking in Persons Report · ${p.country.regionName}`);
  }
  if (p.yearStatus && p.yearStatus !== 'placed') lines.push(`No tier placement is known for ${p.reportYear}: ${statusReason(p.yearStatus, { countryId: p.country.id, reportYear: p.reportYear! })}.`);
  const conflict = p.tierConflicts.find((c) => c.reportYear === p.reportYear);
  if (conflict) lines.push(`The sources disagree on it: ${conflict.sightings}.`);
  if (p.placement) {
    const o = p.placement.cite.official;
    lines.push(`Tier${h.reportYear !== p.reportYear ? ` in ${p.reportYear}` : ''}: ${o.publisher}, ${o.title}${o.url ? ` — ${o.url}` : ` (${o.note ?? 'no address known'})`}`);
    lines.push(`  how we know: ${p.placement.cite.howWeKnow.text} — ${p.placement.source}`);
    if (p.placement.supersededShippedTier) lines.push(`  (the shipped facts said ${p.placement.supersededShippedTier}; the imported narrative supersedes them)`);
  }
  const a = p.assessment;
  if (a) {
    const doc = a.source.document;
    lines.push(`Official source: ${a.source.official.publisher}, ${a.source.official.title}${a.source.official.url ? ` — ${a.source.official.url}` : ''}`);
    if (doc) {
      const path = localPaths?.get(doc.id);
      lines.push(`Narrative source: ${doc.publicUrl ?? 'no public address'} (document ${doc.id}${path && path !== doc.publicUrl ? `, imported from ${path}` : ''}, sha256 ${doc.sha256.slice(0, 12)}…, imported ${doc.importedAt})`);
    }
    lines.push('', 'SUMMARY', wrap(a.summary ?? '(no summary found in the narrative)', 96, '  '));
    if (a.recommendations.length) {
      lines.push('', 'PRIORITIZED RECOMMENDATIONS');
      const tracking = p.recommendationTracking;
      for (const r of a.recommendations) {
        const body = wrap(r.text, 92, '      ').trimStart();
        lines.push(`  ${String(r.number).padStart(2)}. ${body}`);
        const t = tracking?.recommendations.find((x) => x.number === r.number);
        if (t) {
          const themes = t.themes.length ? ` · ${t.themes.map(themeLabel).join(', ')}` : '';
          const previous = t.previous ? ` (${t.previous.reportYear} no. ${t.previous.number})` : '';
          lines.push(wrap(`[${PILLAR_TITLES[t.pillar]}${themes} · ${t.label}${previous}]`, 92, '      '));
        }
      }
      if (tracking && tracking.previousYear !== null) {
        // The same notes as the profile page: a list cut short does not say what was dropped.
        lines.push('', droppedHeading(tracking).replace(/ \(\d+\)$/, '').toUpperCase());
        for (const n of cutShortNotes(tracking)) lines.push(wrap(n, 92, '  '));
        const items = tracking.cutShort ? tracking.droppedUnknown : tracking.dropped;
        if (!items.length && !tracking.cutShort) lines.push(`  nothing: every recommendation of ${tracking.previousYear} is made again (possibly reworded)`);
        for (const d of items) lines.push(wrap(`${d.reportYear} no. ${d.number}: ${d.text}`, 92, '  '));
      }
    }
    const facts = p.indicators.facts;
    if (facts.length) {
      lines.push('', `INDICATORS STATED IN THE NARRATIVES (${p.indicators.years.join(', ')})`);
      for (const row of p.indicators.rows) {
        const values = row.cells.flatMap((c, i) => (c ? [`${p.indicators.years[i]}: ${indicatorCellText(c)}`] : []));
        lines.push(`  ${row.label.padEnd(26)} ${values.join(' · ')}`);
      }
      const shown = facts.filter((f) => f.reportYear === a.reportYear);
      lines.push(`  The sentences of ${a.reportYear}${shown.length ? ':' : ': none (no indicator stated)'}`);
      for (const f of shown) {
        const where = `${f.reportYear} TIP Report, ${SECTION_TITLES[f.section].toLowerCase()}${f.span ? `, characters ${f.span.start}–${f.span.end}` : ''}`;
        lines.push(wrap(`${f.reportYear} ${INDICATOR_LABELS[f.kind]}: ${indicatorCellText(f)} — "${f.sentence}" [${where}]`, 92, '    '));
      }
      if (p.indicators.years.length > 1) lines.push('  (other years: --year N; every sentence of every year: --json)');
    }
    if (a.warnings.length) {
      lines.push('', 'PARSE WARNINGS');
      for (const w of a.warnings) lines.push(`  ! ${w.message}: "${w.excerpt}"`);
    }
  } else if (p.narrativeYears.length) {
    lines.push('', `No narrative of the ${p.reportYear} report is imported; narratives imported: ${p.narrativeYears.join(', ')} (--year N).`);
  } else {
    lines.push('', 'No narrative imported for this country yet (tip-atlas import FILE).');
  }
  lines.push(...contextLines(p.context));
  lines.push('', 'TIER HISTORY');
  for (const e of p.timeline) {
    if (e.status === 'placed') {
      lines.push(`  ${e.reportYear}  ${e.placement.tier.padEnd(18)} ${(e.label ?? '').padEnd(44)} [${e.placement.origin}: ${e.placement.source}]`);
    } else {
      lines.push(`  ${e.reportYear}  ${statusWords(e.status, e.reportYear)}`);
    }
  }
  return lines.join('\n') + '\n';
}

export function runShow(flags: ParsedFlags, io: CliIO): number {
  const [arg, ...extra] = flags.positionals;
  if (!arg || extra.length) throw usageError('show takes exactly one COUNTRY (an id such as TJK, or a name)');
  const year = yearFlag(flags.values.year);
  const store = storeFor(flags, io);
  try {
    const country = countryIn(store, arg);
    // The same document as the page's JSON twin (/countries/{id}.json), statuses included.
    const profile = profileView(store, country, year);
    if (year !== undefined && profile.yearStatus === null) {
      throw new CliError(`the ${year} report is not held (years held: ${store.reportYears().map((y) => y.reportYear).join(', ')})`, 1);
    }
    io.stdout(flags.values.json ? JSON.stringify(profile, null, 2) + '\n' : profileText(profile, new Map(store.documents().map((d) => [d.id, d.origin]))));
    return 0;
  } finally {
    store.close();
  }
}
