/** Tier placements as the TIP Report names them. Pure rules, no I/O. */
export const TIERS = ['Tier 1', 'Tier 2', 'Tier 2 Watch List', 'Tier 3', 'Special Case'] as const;
export type Tier = (typeof TIERS)[number];

/** Short codes used in URLs, CSS classes and query parameters (`?tier=2wl`). */
export const TIER_CODES: Record<Tier, string> = {
  'Tier 1': '1',
  'Tier 2': '2',
  'Tier 2 Watch List': '2wl',
  'Tier 3': '3',
  'Special Case': 'sc',
};

export function isTier(value: string): value is Tier {
  return (TIERS as readonly string[]).includes(value);
}

/** Accepts a tier name or its short code (`2wl`, `tier 2 watch list`, `Special Case`). */
export function tierFromCode(value: string): Tier | undefined {
  const v = value.trim().toLowerCase();
  for (const t of TIERS) {
    if (t.toLowerCase() === v || TIER_CODES[t] === v) return t;
  }
  return undefined;
}

/** Rank used to tell upgrades from downgrades: lower is better. Special Case has none. */
export function tierRank(tier: Tier): number | undefined {
  switch (tier) {
    case 'Tier 1':
      return 1;
    case 'Tier 2':
      return 2;
    case 'Tier 2 Watch List':
      return 3;
    case 'Tier 3':
      return 4;
    case 'Special Case':
      return undefined;
  }
}

export interface TierLabel {
  tier: Tier;
  /** `Tier 3*`: placed by an automatic downgrade or after a waiver; the asterisk is a fact of its own. */
  asterisk: boolean;
}

/**
 * Reads a tier label as headings write it: `Tier 2`, `TIER 2 - WATCH LIST`, `Tier 2 Watch List`, `Tier 3*`,
 * `special case`, `2WL`. Returns undefined for anything else (never a guess).
 */
export function parseTierLabel(label: string): TierLabel | undefined {
  const s = label
    .replace(/[\u00a0\s]+/g, ' ')
    .trim()
    .replace(/^[([]\s*|\s*[)\]]$/g, '')
    .trim();
  const asterisk = /\*\s*$/.test(s);
  const core = s.replace(/\*\s*$/, '').trim().toLowerCase();
  if (/^special\s+case$/.test(core)) return { tier: 'Special Case', asterisk };
  const m = /^(?:tier\s*)?([123])\s*(?:(?:[-–—:]\s*)?(watch\s*(?:-\s*)?list|wl))?$/.exec(core);
  if (!m) return undefined;
  if (m[2]) return m[1] === '2' ? { tier: 'Tier 2 Watch List', asterisk } : undefined;
  return { tier: `Tier ${m[1]}` as Tier, asterisk };
}

export type MovementKind = 'upgraded' | 'downgraded' | 'remained' | 'entered' | 'special-case' | 'left-special-case';

export interface Movement {
  kind: MovementKind;
  from: Tier | null;
  to: Tier;
}

/** The movement between two consecutive placements of one country (from = null: first placement seen). */
export function movementBetween(from: Tier | null, to: Tier): Movement {
  if (from === null) return { kind: 'entered', from, to };
  if (from === to) return { kind: 'remained', from, to };
  if (to === 'Special Case') return { kind: 'special-case', from, to };
  if (from === 'Special Case') return { kind: 'left-special-case', from, to };
  const a = tierRank(from) ?? 0;
  const b = tierRank(to) ?? 0;
  return { kind: b < a ? 'upgraded' : 'downgraded', from, to };
}
