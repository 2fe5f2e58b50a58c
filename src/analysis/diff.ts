/**
 * Year-over-year diff of a country's narrative, sentence by sentence: sections are paired by kind, their
 * sentences (recommendations: one item each) aligned by the longest common subsequence of normalised sentences;
 * between two aligned sentences, removed and added ones that are alike become "changed" pairs, with a word-level
 * diff inside.
 */
import type { SectionKind, Tier } from '../domain/index.js';
import { SECTION_TITLES } from '../domain/index.js';
import type { Store, StoredAssessment } from '../store/types.js';
import { narrativeSentences } from './derive.js';
import type { Citation, CitedCountry } from './profile.js';
import { documentCitation } from './profile.js';
import { splitSentences } from '../text/index.js';
import { gapText, yearsBetween, type YearGap } from './gaps.js';

/** A run of words; `same` runs carry the older text's spacing in `before` where it differs. */
export type WordOp = { op: 'same' | 'added' | 'removed'; text: string; before?: string };

export type DiffEntry =
  | { op: 'same'; text: string }
  | { op: 'added'; text: string }
  | { op: 'removed'; text: string }
  /** In both years, word for word, at another place in the order (a recommendation that only moved). */
  | { op: 'moved'; text: string }
  | { op: 'changed'; before: string; after: string; words: WordOp[]; similarity: number };

export interface DiffCounts {
  same: number;
  changed: number;
  added: number;
  removed: number;
  moved: number;
}

export interface SectionDiff {
  kind: SectionKind;
  title: string;
  /** `added`/`removed`: the section is in one year only. */
  status: 'same' | 'changed' | 'added' | 'removed';
  entries: DiffEntry[];
  counts: DiffCounts;
}

export interface NarrativeSide {
  reportYear: number;
  tier: Tier | null;
  document: { id: number; publicUrl: string | null; sha256: string } | null;
  /** The narrative as a citation (its document and where it is in the document's text), when stored. */
  cite: Citation | null;
}

export interface NarrativeDiff {
  countryId: string;
  countryName: string;
  from: NarrativeSide;
  to: NarrativeSide;
  sections: SectionDiff[];
  counts: DiffCounts;
  /**
   * The report years between the two compared, when they are not consecutive, with the narratives held of them:
   * what the diff shows accumulated over those years. Null for consecutive years.
   */
  between: (YearGap & { narrativesHeld: number[] }) | null;
}

/** Two sentences this alike (0–1, word overlap) are one changed sentence rather than a removal and an addition. */
export const CHANGED_THRESHOLD = 0.5;

// ---------------------------------------------------------------------------------------------------------
// Sequences

/** The key two sentences are compared by: lower case, letters and digits only. */
export function normalizeSentence(s: string): string {
  return s
    .toLowerCase()
    .replace(/[’‘]/g, "'")
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/** Pairs [i, j] of a longest common subsequence of a and b (equal by `eq`). */
export function lcsPairs<T>(a: readonly T[], b: readonly T[], eq: (x: T, y: T) => boolean = (x, y) => x === y): [number, number][] {
  // Trim the common head and tail first: most years change little.
  let head = 0;
  while (head < a.length && head < b.length && eq(a[head]!, b[head]!)) head++;
  let tail = 0;
  while (tail < a.length - head && tail < b.length - head && eq(a[a.length - 1 - tail]!, b[b.length - 1 - tail]!)) tail++;
  const n = a.length - head - tail;
  const m = b.length - head - tail;
  const w = m + 1;
  const len = new Uint32Array((n + 1) * (m + 1));
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      len[i * w + j] = eq(a[head + i]!, b[head + j]!) ? len[(i + 1) * w + j + 1]! + 1 : Math.max(len[(i + 1) * w + j]!, len[i * w + j + 1]!);
    }
  }
  const pairs: [number, number][] = [];
  for (let k = 0; k < head; k++) pairs.push([k, k]);
  let i = 0;
  let j = 0;
  while (i < n && j < m) {
    if (eq(a[head + i]!, b[head + j]!)) {
      pairs.push([head + i, head + j]);
      i++;
      j++;
    } else if (len[(i + 1) * w + j]! >= len[i * w + j + 1]!) i++;
    else j++;
  }
  for (let k = 0; k < tail; k++) pairs.push([a.length - tail + k, b.length - tail + k]);
  return pairs;
}

/** Word tokens with the white space after them ("word "), for word-level diffs. */
function wordTokens(s: string): string[] {
  return s.match(/[\p{L}\p{N}]+(?:['’.,-][\p{L}\p{N}]+)*\s*|[^\p{L}\p{N}\s]+\s*|\s+/gu) ?? [];
}

/** A word-level diff of two sentences: runs of same, removed and added text. */
export function diffWords(before: string, after: string): WordOp[] {
  const a = wordTokens(before);
  const b = wordTokens(after);
  const key = (t: string) => t.trimEnd();
  const pairs = lcsPairs(a.map(key), b.map(key));
  const ops: WordOp[] = [];
  const push = (op: WordOp['op'], text: string, before = text) => {
    const last = ops[ops.length - 1];
    if (last && last.op === op) {
      if (op === 'same') last.before = (last.before ?? last.text) + before;
      last.text += text;
    } else ops.push(op === 'same' ? { op, text, before } : { op, text });
  };
  let i = 0;
  let j = 0;
  for (const [pi, pj] of [...pairs, [a.length, b.length] as [number, number]]) {
    while (i < pi) push('removed', a[i++]!);
    while (j < pj) push('added', b[j++]!);
    if (pi < a.length && pj < b.length) {
      push('same', b[pj]!, a[pi]!);
      i++;
      j++;
    }
  }
  for (const o of ops) if (o.op === 'same' && o.before === o.text) delete o.before;
  return ops;
}

function wordSet(s: string): Set<string> {
  return new Set(normalizeSentence(s).split(' ').filter(Boolean));
}

/** Dice coefficient of the sentences' word sets. */
export function sentenceSimilarity(a: string, b: string): number {
  const x = wordSet(a);
  const y = wordSet(b);
  if (x.size === 0 || y.size === 0) return 0;
  let both = 0;
  for (const w of x) if (y.has(w)) both++;
  return (2 * both) / (x.size + y.size);
}

/** Pairs removed and added sentences of one gap, in order, maximising the summed similarity. */
function pairGap(removed: string[], added: string[]): DiffEntry[] {
  const n = removed.length;
  const m = added.length;
  if (n === 0) return added.map((text) => ({ op: 'added', text }));
  if (m === 0) return removed.map((text) => ({ op: 'removed', text }));
  if (n * m > 40_000) return [...removed.map((text): DiffEntry => ({ op: 'removed', text })), ...added.map((text): DiffEntry => ({ op: 'added', text }))];
  const sim = removed.map((r) => added.map((a) => sentenceSimilarity(r, a)));
  const w = m + 1;
  const best = new Float64Array((n + 1) * (m + 1));
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      const s = sim[i]![j]!;
      const pair = s >= CHANGED_THRESHOLD ? s + best[(i + 1) * w + j + 1]! : -1;
      best[i * w + j] = Math.max(pair, best[(i + 1) * w + j]!, best[i * w + j + 1]!);
    }
  }
  const out: DiffEntry[] = [];
  let i = 0;
  let j = 0;
  while (i < n && j < m) {
    const s = sim[i]![j]!;
    if (s >= CHANGED_THRESHOLD && best[i * w + j] === s + best[(i + 1) * w + j + 1]!) {
      out.push({ op: 'changed', before: removed[i]!, after: added[j]!, words: diffWords(removed[i]!, added[j]!), similarity: Math.round(s * 1000) / 1000 });
      i++;
      j++;
    } else if (best[i * w + j] === best[(i + 1) * w + j]) out.push({ op: 'removed', text: removed[i++]! });
    else out.push({ op: 'added', text: added[j++]! });
  }
  while (i < n) out.push({ op: 'removed', text: removed[i++]! });
  while (j < m) out.push({ op: 'added', text: added[j++]! });
  return out;
}

/** Aligns two lists of sentences: same, changed (with a word diff), removed, added. */
export function diffSentences(before: readonly string[], after: readonly string[]): DiffEntry[] {
  const ka = before.map(normalizeSentence);
  const kb = after.map(normalizeSentence);
  const pairs = lcsPairs(ka, kb);
  const out: DiffEntry[] = [];
  let i = 0;
  let j = 0;
  for (const [pi, pj] of [...pairs, [before.length, after.length] as [number, number]]) {
    for (const e of pairGap(before.slice(i, pi), after.slice(j, pj))) out.push(e);
    if (pi < before.length && pj < after.length) out.push({ op: 'same', text: after[pj]! });
    i = pi + 1;
    j = pj + 1;
  }
  return markMoved(out);
}

/** A removed and an added sentence (or recommendation) that are the same text only moved: one `moved` entry, where it is now. */
function markMoved(entries: DiffEntry[]): DiffEntry[] {
  const removed = new Map<string, number[]>();
  entries.forEach((e, k) => {
    if (e.op !== 'removed') return;
    const key = normalizeSentence(e.text);
    removed.set(key, [...(removed.get(key) ?? []), k]);
  });
  if (removed.size === 0) return entries;
  const drop = new Set<number>();
  const out = entries.map((e): DiffEntry => {
    if (e.op !== 'added') return e;
    const k = removed.get(normalizeSentence(e.text))?.shift();
    if (k === undefined) return e;
    drop.add(k);
    return { op: 'moved', text: e.text };
  });
  return out.filter((_, k) => !drop.has(k));
}

export function countEntries(entries: readonly DiffEntry[]): DiffCounts {
  const c: DiffCounts = { same: 0, changed: 0, added: 0, removed: 0, moved: 0 };
  for (const e of entries) c[e.op]++;
  return c;
}

// ---------------------------------------------------------------------------------------------------------
// Narratives

const KIND_ORDER: SectionKind[] = ['note', 'summary', 'recommendations', 'prosecution', 'protection', 'prevention', 'government-efforts', 'profile'];

type NarrativeLike = Pick<StoredAssessment, 'sections' | 'recommendations' | 'reportYear' | 'tier'> & {
  countryId: string;
  countryName: string;
  document?: { id: number; publicUrl: string | null; sha256: string; importedAt: string };
  /** Where the narrative is in its document's text. */
  source?: { start: number; end: number };
  /** The sentences of each section (same order as `sections`), as derived at import; split here when absent. */
  sentences?: string[][];
};

/** The sentences of one kind of section (recommendations: one per item). */
function unitsOf(a: NarrativeLike, kind: SectionKind): string[] | undefined {
  const sections = a.sections.flatMap((s, i) => (s.kind === kind ? [{ s, i }] : []));
  if (sections.length === 0) return undefined;
  if (kind === 'recommendations' && a.recommendations.length) return a.recommendations.map((r) => r.text);
  return sections.flatMap(({ s, i }) => a.sentences?.[i] ?? splitSentences(s.text).map((x) => x.text));
}

/** The diff of two narratives of one country (`before` the older one). */
export function diffNarratives(before: NarrativeLike, after: NarrativeLike, country?: CitedCountry, narrativeYears: readonly number[] = []): NarrativeDiff {
  const cited: CitedCountry = country ?? { id: after.countryId, name: after.countryName, slug: '' };
  const sections: SectionDiff[] = [];
  for (const kind of KIND_ORDER) {
    const a = unitsOf(before, kind);
    const b = unitsOf(after, kind);
    if (!a && !b) continue;
    const entries = diffSentences(a ?? [], b ?? []);
    const counts = countEntries(entries);
    const status: SectionDiff['status'] = !a ? 'added' : !b ? 'removed' : counts.added + counts.removed + counts.changed + counts.moved === 0 ? 'same' : 'changed';
    sections.push({ kind, title: SECTION_TITLES[kind], status, entries, counts });
  }
  const counts = sections.reduce<DiffCounts>(
    (c, s) => ({
      same: c.same + s.counts.same,
      changed: c.changed + s.counts.changed,
      added: c.added + s.counts.added,
      removed: c.removed + s.counts.removed,
      moved: c.moved + s.counts.moved,
    }),
    { same: 0, changed: 0, added: 0, removed: 0, moved: 0 },
  );
  const side = (x: NarrativeLike): NarrativeSide => ({
    reportYear: x.reportYear,
    tier: x.tier,
    document: x.document ? { id: x.document.id, publicUrl: x.document.publicUrl, sha256: x.document.sha256 } : null,
    cite: x.document
      ? documentCitation(x.reportYear, { id: x.document.id, publicUrl: x.document.publicUrl, sha256: x.document.sha256, importedAt: x.document.importedAt }, cited, 'narrative', x.source ? { start: x.source.start, end: x.source.end } : undefined)
      : null,
  });
  const gap = yearsBetween(before.reportYear, after.reportYear);
  const between = gap ? { ...gap, narrativesHeld: narrativeYears.filter((y) => y >= gap.from && y <= gap.to) } : null;
  return { countryId: after.countryId, countryName: after.countryName, from: side(before), to: side(after), sections, counts, between };
}

/** "The 2004 and 2023 reports are not consecutive: …", or null for consecutive years. */
export function betweenNote(d: Pick<NarrativeDiff, 'from' | 'to' | 'between'>): string | null {
  const b = d.between;
  if (!b) return null;
  const span = gapText(b);
  return `The ${d.from.reportYear} and ${d.to.reportYear} reports are not consecutive: what changed below may have changed in any report of ${span}${
    b.narrativesHeld.length ? ` (narratives held: ${b.narrativesHeld.join(', ')})` : `, of which no narrative is held`
  }.`;
}

/** The diff of two stored narratives of one country (`before` the older one), with the sentences derived at import. */
export function diffStoredNarratives(
  store: Store,
  before: StoredAssessment,
  after: StoredAssessment,
  country?: CitedCountry,
  narrativeYears: readonly number[] = [],
): NarrativeDiff {
  return diffNarratives({ ...before, sentences: narrativeSentences(store, before) }, { ...after, sentences: narrativeSentences(store, after) }, country, narrativeYears);
}

// ---------------------------------------------------------------------------------------------------------
// Terminal output

export interface DiffTextOptions {
  /** ANSI colours (red removed, green added). */
  color?: boolean;
  /** Print unchanged sentences instead of counting them. */
  showSame?: boolean;
  width?: number;
}

/** A readable terminal rendering: `-`/`+` lines, `[-removed-]` and `{+added+}` words inside changed sentences. */
export function diffText(d: NarrativeDiff, opts: DiffTextOptions = {}): string {
  const red = (s: string) => (opts.color ? `\x1b[31m${s}\x1b[0m` : s);
  const green = (s: string) => (opts.color ? `\x1b[32m${s}\x1b[0m` : s);
  const dim = (s: string) => (opts.color ? `\x1b[2m${s}\x1b[0m` : s);
  const del = (s: string) => (opts.color ? `\x1b[9;31m${s}\x1b[0m` : `[-${s}-]`);
  const ins = (s: string) => (opts.color ? `\x1b[4;32m${s}\x1b[0m` : `{+${s}+}`);
  const lines: string[] = [];
  const tier = (s: NarrativeSide) => s.tier ?? 'tier not known';
  lines.push(`${d.countryName.toUpperCase()} (${d.countryId}): ${d.from.reportYear} → ${d.to.reportYear} report`);
  lines.push(`Tier: ${tier(d.from)} → ${tier(d.to)}${d.from.tier === d.to.tier ? ' (unchanged)' : ''}`);
  const doc = (x: NonNullable<NarrativeSide['document']>) => `${x.publicUrl ?? 'no public address'} (document ${x.id})`;
  if (d.from.document) lines.push(`From: ${doc(d.from.document)}`);
  if (d.to.document) lines.push(`To:   ${doc(d.to.document)}`);
  lines.push(
    `Sentences: ${d.counts.same} unchanged, ${d.counts.changed} changed, ${d.counts.added} added, ${d.counts.removed} removed${d.counts.moved ? `, ${d.counts.moved} moved` : ''}`,
  );
  const note = betweenNote(d);
  if (note) lines.push(note);
  lines.push('');
  for (const s of d.sections) {
    const note = s.status === 'added' ? ` (only in ${d.to.reportYear})` : s.status === 'removed' ? ` (only in ${d.from.reportYear})` : s.status === 'same' ? ' (unchanged)' : '';
    lines.push(`== ${s.title}${note}`);
    let same = 0;
    const flush = () => {
      if (same) lines.push(dim(`  … ${same} unchanged sentence${same === 1 ? '' : 's'} …`));
      same = 0;
    };
    for (const e of s.entries) {
      if (e.op === 'same') {
        if (opts.showSame) lines.push(`  ${e.text}`);
        else same++;
        continue;
      }
      flush();
      if (e.op === 'removed') lines.push(red(`- ${e.text}`));
      else if (e.op === 'added') lines.push(green(`+ ${e.text}`));
      else if (e.op === 'moved') lines.push(dim(`> ${e.text} (moved)`));
      else {
        lines.push(`- ${e.words.filter((w) => w.op !== 'added').map((w) => (w.op === 'removed' ? del(w.text.trimEnd()) + w.text.slice(w.text.trimEnd().length) : (w.before ?? w.text))).join('')}`);
        lines.push(`+ ${e.words.filter((w) => w.op !== 'removed').map((w) => (w.op === 'added' ? ins(w.text.trimEnd()) + w.text.slice(w.text.trimEnd().length) : w.text)).join('')}`);
      }
    }
    flush();
    lines.push('');
  }
  return lines.join('\n');
}
