/**
 * Name matching for the country registry. Pure functions, no I/O.
 *
 * Two spellings are the same name when their keys are equal. The key folds only what never changes which
 * country is meant: case, accents and other diacritics, apostrophes (straight or curly), punctuation and
 * whitespace, `&` = `and`, `St`/`St.` = `Saint`, a leading "The" = a trailing ", The", dotted initials
 * (`U.S.` = `US`). Nothing else is guessed: a parenthetical such as "(UK)" or "(ROC)" stays part of the key, so
 * it matches only where the registry lists that spelling as an alias.
 */

const SPECIAL_LETTERS: Record<string, string> = {
  ß: 'ss',
  æ: 'ae',
  œ: 'oe',
  ø: 'o',
  đ: 'd',
  ð: 'd',
  ł: 'l',
  ı: 'i',
  þ: 'th',
};

/** The comparison key of a country name (`"Côte d’Ivoire"` → `"cote divoire"`). */
export function normalizeCountryName(name: string): string {
  let s = name
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/[ßæœøđðłıþ]/g, (c) => SPECIAL_LETTERS[c] ?? c)
    // Apostrophes vanish: "Cote d'Ivoire" = "Cote D’Ivoire" = "Cote dIvoire".
    .replace(/['\u2018\u2019\u201b\u02bc\u02b9`\u00b4]/g, '')
    .replace(/&/g, ' and ')
    // "Gambia, The" = "The Gambia".
    .replace(/,\s*the[\s.]*$/u, '')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
  const tokens = s === '' ? [] : s.split(' ');
  const out: string[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i] ?? '';
    // Dotted initials: "U.S." → "us", "S.A.R." → "sar" (a run of two or more one-letter tokens).
    if (t.length === 1 && (tokens[i + 1]?.length ?? 0) === 1) {
      let run = t;
      while (i + 1 < tokens.length && (tokens[i + 1]?.length ?? 0) === 1) run += tokens[++i];
      out.push(run);
      continue;
    }
    out.push(t === 'st' ? 'saint' : t);
  }
  if (out[0] === 'the' && out.length > 1) out.shift();
  s = out.join(' ');
  return s;
}

/** Optimal-string-alignment edit distance (insertions, deletions, substitutions, adjacent transpositions). */
export function editDistance(a: string, b: string): number {
  if (a === b) return 0;
  if (a.length === 0) return b.length;
  if (b.length === 0) return a.length;
  let prev2: number[] = [];
  let prev: number[] = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur: number[] = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min((prev[j] ?? 0) + 1, (cur[j - 1] ?? 0) + 1, (prev[j - 1] ?? 0) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        v = Math.min(v, (prev2[j - 2] ?? 0) + 1);
      }
      cur.push(v);
    }
    prev2 = prev;
    prev = cur;
  }
  return prev[b.length] ?? 0;
}

function trigrams(s: string): Map<string, number> {
  const padded = `  ${s} `;
  const grams = new Map<string, number>();
  for (let i = 0; i + 3 <= padded.length; i++) {
    const g = padded.slice(i, i + 3);
    grams.set(g, (grams.get(g) ?? 0) + 1);
  }
  return grams;
}

/** Sørensen–Dice coefficient over character trigrams (0 … 1). */
export function trigramSimilarity(a: string, b: string): number {
  const ga = trigrams(a);
  const gb = trigrams(b);
  let common = 0;
  let total = 0;
  for (const [g, n] of ga) {
    common += Math.min(n, gb.get(g) ?? 0);
    total += n;
  }
  for (const n of gb.values()) total += n;
  return total === 0 ? 0 : (2 * common) / total;
}

/**
 * How alike two normalised keys are (0 … 1): the better of the edit-distance ratio (catches typos:
 * "tajikstan") and trigram overlap (catches partial names: "korea" ~ "korea south").
 */
export function keySimilarity(a: string, b: string): number {
  if (a === b) return 1;
  const longest = Math.max(a.length, b.length);
  const edit = longest === 0 ? 0 : 1 - editDistance(a, b) / longest;
  return Math.max(edit, trigramSimilarity(a, b));
}
