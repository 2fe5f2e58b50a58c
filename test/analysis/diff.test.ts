import { describe, expect, it } from 'vitest';
import { diffNarratives, diffSentences, diffText, diffWords, lcsPairs } from '../../src/analysis/diff.js';
import { splitSentences } from '../../src/text/index.js';
import { multiyearDocument } from '../fixtures/multiyear.js';

function mirovia(year: number) {
  return multiyearDocument('mirovia', year, `mirovia-${year}.txt`).assessments[0]!;
}

describe('sequences', () => {
  it('finds a longest common subsequence', () => {
    expect(lcsPairs(['a', 'b', 'c', 'd'], ['a', 'x', 'c', 'd', 'e'])).toEqual([
      [0, 0],
      [2, 2],
      [3, 3],
    ]);
    expect(lcsPairs([], ['a'])).toEqual([]);
    expect(lcsPairs(['a', 'b'], ['b', 'a'])).toHaveLength(1);
  });

  it('diffs words, keeping every character of both sides', () => {
    const ops = diffWords('Authorities investigated five cases in 2021.', 'Authorities investigated nine cases in 2022.');
    expect(ops.filter((o) => o.op !== 'same').map((o) => [o.op, o.text.trim()])).toEqual([
      ['removed', 'five'],
      ['added', 'nine'],
      ['removed', '2021'],
      ['added', '2022'],
    ]);
    const after = ops.filter((o) => o.op !== 'removed').map((o) => o.text).join('');
    const before = ops.filter((o) => o.op !== 'added').map((o) => (o.op === 'same' ? (o.before ?? o.text) : o.text)).join('');
    expect(after).toBe('Authorities investigated nine cases in 2022.');
    expect(before).toBe('Authorities investigated five cases in 2021.');
  });

  it('pairs alike sentences as changed, in order, and leaves the others added or removed', () => {
    const d = diffSentences(
      ['The government maintained efforts.', 'It identified 40 victims.', 'A campaign ran on the radio.'],
      ['The government maintained efforts.', 'It identified 52 victims.', 'A hotline opened in the capital.', 'A campaign ran on the radio.'],
    );
    expect(d.map((e) => e.op)).toEqual(['same', 'changed', 'added', 'same']);
    expect(diffSentences(['One.', 'Two.'], ['One.', 'Two.']).every((e) => e.op === 'same')).toBe(true);
    expect(diffSentences(['Completely different words here.'], ['Nothing alike at all now.']).map((e) => e.op)).toEqual(['removed', 'added']);
  });
});

describe('a recommendation that only moved, and years apart', () => {
  it('shows an item that only moved as moved, not as removed and added', () => {
    const d = diffSentences(['Open a shelter.', 'Train judges.', 'Fund the hotline.'], ['Fund the hotline.', 'Open a shelter.', 'Train judges.']);
    expect(d).toEqual([
      { op: 'moved', text: 'Fund the hotline.' },
      { op: 'same', text: 'Open a shelter.' },
      { op: 'same', text: 'Train judges.' },
    ]);
    // A removed and an added item that differ stay so.
    expect(diffSentences(['Open a shelter.', 'Train judges.'], ['Train judges.', 'Open two shelters.']).map((e) => e.op)).toEqual(['removed', 'same', 'added']);
  });

  it('says when the two reports are not consecutive, and which narratives are held between', () => {
    const consecutive = diffNarratives(mirovia(2022), mirovia(2023), undefined, [2019, 2022, 2023]);
    expect(consecutive.between).toBeNull();
    const apart = diffNarratives(mirovia(2019), mirovia(2023), undefined, [2019, 2021, 2023]);
    expect(apart.between).toEqual({ from: 2020, to: 2022, narrativesHeld: [2021] });
    expect(diffText(apart)).toContain('The 2019 and 2023 reports are not consecutive: what changed below may have changed in any report of 2020–2022 (narratives held: 2021).');
    const none = diffNarratives(mirovia(2019), mirovia(2023), undefined, [2019, 2023]);
    expect(diffText(none)).toContain('any report of 2020–2022, of which no narrative is held.');
  });
});

describe('a fictional country’s 2022 and 2023 narratives', () => {
  const d = diffNarratives(mirovia(2022), mirovia(2023));

  it('pairs the sections and counts what changed', () => {
    expect(d.from.reportYear).toBe(2022);
    expect(d.to.reportYear).toBe(2023);
    expect(d.sections.map((s) => [s.kind, s.status])).toEqual([
      ['summary', 'changed'],
      ['recommendations', 'changed'],
      ['prosecution', 'changed'],
      ['protection', 'changed'],
      ['prevention', 'changed'],
      ['profile', 'same'],
    ]);
    const total = d.counts.same + d.counts.changed + d.counts.removed + d.counts.moved;
    const before = mirovia(2022);
    const sentences2022 = before.sections.filter((s) => s.kind !== 'recommendations').flatMap((s) => splitSentences(s.text)).length + before.recommendations.length;
    expect(total).toBe(sentences2022);
  });

  it('marks the changed words of a changed sentence', () => {
    const pros = d.sections.find((s) => s.kind === 'prosecution')!;
    const changed = pros.entries.find((e) => e.op === 'changed' && e.after.startsWith('Authorities investigated'));
    expect(changed?.op).toBe('changed');
    if (changed?.op !== 'changed') return;
    const removed = changed.words.filter((w) => w.op === 'removed').map((w) => w.text.trim());
    const added = changed.words.filter((w) => w.op === 'added').map((w) => w.text.trim());
    expect(removed).toContain('five');
    expect(added).toContain('nine');
    expect(pros.entries.some((e) => e.op === 'added' && e.text.startsWith('Courts sentenced both traffickers'))).toBe(true);
    expect(pros.entries.some((e) => e.op === 'removed' && e.text.startsWith('The government did not report convictions for the second'))).toBe(true);
  });

  it('reads well in a terminal: -/+ lines and marked words', () => {
    const text = diffText(d);
    expect(text).toContain('MIROVIA (XMR): 2022 → 2023 report');
    expect(text).toContain('Tier: Tier 2 Watch List → Tier 2 Watch List (unchanged)');
    expect(text).toContain('- Authorities investigated [-five-] cases');
    expect(text).toContain('+ Authorities investigated {+nine+} cases');
    expect(text).toContain('+ Publicize and fund the national anti-trafficking hotline.');
    expect(text).toContain('== Trafficking profile (unchanged)');
    expect(text).not.toContain('\x1b[');
    expect(diffText(d, { color: true })).toContain('\x1b[');
  });

  it('says nothing changed between a narrative and itself', () => {
    const same = diffNarratives(mirovia(2021), mirovia(2021));
    expect(same.counts.changed + same.counts.added + same.counts.removed).toBe(0);
    expect(same.sections.every((s) => s.status === 'same')).toBe(true);
  });
});
