import type { DiffEntry, NarrativeDiff, WordOp } from '../../analysis/diff.js';
import { betweenNote } from '../../analysis/diff.js';
import { html } from '../html.js';
import type { Html } from '../html.js';
import { page, tierBadge } from '../layout.js';
import { citeHtml } from './citeHtml.js';

function words(ops: WordOp[]): Html[] {
  return ops.map((w) => (w.op === 'same' ? html`${w.text}` : w.op === 'removed' ? html`<del>${w.text}</del>` : html`<ins>${w.text}</ins>`));
}

function entry(e: Exclude<DiffEntry, { op: 'same' }>): Html {
  switch (e.op) {
    case 'removed':
      return html`<p class="removed"><span class="op" aria-hidden="true">−</span><span class="sr-only">Removed: </span><del>${e.text}</del></p>`;
    case 'added':
      return html`<p class="added"><span class="op" aria-hidden="true">+</span><span class="sr-only">Added: </span><ins>${e.text}</ins></p>`;
    case 'moved':
      return html`<p class="moved"><span class="op" aria-hidden="true">↕</span><span class="sr-only">Moved: </span>${e.text} <span class="muted">(moved, same words)</span></p>`;
    case 'changed':
      return html`<p class="changed"><span class="op" aria-hidden="true">~</span><span class="sr-only">Changed: </span>${words(e.words)}</p>`;
  }
}

function entries(list: DiffEntry[]): Html[] {
  const out: Html[] = [];
  let same: string[] = [];
  const flush = () => {
    if (same.length) {
      out.push(
        html`<details><summary>${same.length} unchanged sentence${same.length === 1 ? '' : 's'}</summary>${same.map((t) => html`<p class="same"><span class="op" aria-hidden="true"> </span>${t}</p>`)}</details>`,
      );
    }
    same = [];
  };
  for (const e of list) {
    if (e.op === 'same') same.push(e.text);
    else {
      flush();
      out.push(entry(e));
    }
  }
  flush();
  return out;
}

export interface DiffPageContext {
  /** Report years with a narrative of the country, oldest first (for links to other pairs). */
  narrativeYears: number[];
}

function sideSource(side: NarrativeDiff['from']): Html | string {
  return side.cite ? citeHtml(side.cite) : `${side.reportYear} TIP Report, narrative`;
}

export function diffPage(d: NarrativeDiff, ctx: DiffPageContext): string {
  const base = `/countries/${d.countryId}`;
  const from = d.from.reportYear;
  const to = d.to.reportYear;
  const years = ctx.narrativeYears;
  const pairs = years.slice(1).map((y, i) => [years[i]!, y] as const);
  const body = html`<p class="meta crumbs"><a href="${base}">${d.countryName}</a> › What changed</p>
<h1>${d.countryName}: the ${from} and ${to} narratives, sentence by sentence</h1>
<p class="meta"><a href="${base}/${from}">${from} report</a> ${tierBadge(d.from.tier)} → <a href="${base}/${to}">${to} report</a> ${tierBadge(d.to.tier)}</p>
<p role="status">${d.counts.changed} sentence${d.counts.changed === 1 ? '' : 's'} changed, ${d.counts.added} added, ${d.counts.removed} removed, ${d.counts.moved ? `${d.counts.moved} moved, ` : ''}${d.counts.same} unchanged.
Removed words are <del>struck through</del>, added ones <ins>underlined</ins>.</p>
${betweenNote(d) ? html`<p class="notice">${betweenNote(d)}</p>` : ''}
<p class="source">From: ${sideSource(d.from)} · To: ${sideSource(d.to)}</p>
${
  pairs.length > 1
    ? html`<nav aria-label="Other years" class="years"><p>Other pairs of narratives held: ${pairs.map(([a, b]) =>
        a === from && b === to ? html`<strong>${a}→${b}</strong> ` : html`<a href="${base}/diff/${a}/${b}">${a}→${b}</a> `,
      )}</p></nav>`
    : ''
}
<div class="diff">${d.sections.map(
    (s) => html`<section class="diff-section" aria-labelledby="d-${s.kind}"><h2 id="d-${s.kind}">${s.title}${
      s.status === 'added' ? ` (only in ${to})` : s.status === 'removed' ? ` (only in ${from})` : s.status === 'same' ? ' (unchanged)' : ''
    }</h2>${entries(s.entries)}</section>`,
  )}</div>`;
  return page({
    title: `${d.countryName}: ${from} → ${to} narrative diff`,
    body,
    jsonHref: `${base}/diff/${from}/${to}.json`,
    description: `What changed in the TIP Report narrative of ${d.countryName} between the ${from} and ${to} reports.`,
  });
}
