/**
 * The site's one colour system for tiers, shared by the stylesheet (CSS custom properties), the world map's fills
 * and the tier timeline. Each tier has two shades: `ink`, dark enough for text and thin marks on white (4.5:1 or
 * more), and `fill`, the map's area colour (3:1 against white, with a pattern so no tier is told by colour alone).
 * A badge shows the fill as a bar beside the ink text, so the same colour reads the same on the map and in a list.
 */
import type { Tier } from '../domain/index.js';
import { TIER_CODES } from '../domain/index.js';

export const TIER_PALETTE: Record<Tier, { ink: string; fill: string }> = {
  'Tier 1': { ink: '#1a7f37', fill: '#1a7f37' },
  'Tier 2': { ink: '#7a5200', fill: '#d9a400' },
  'Tier 2 Watch List': { ink: '#a94200', fill: '#e8701a' },
  'Tier 3': { ink: '#b3261e', fill: '#b3261e' },
  'Special Case': { ink: '#5a4fcf', fill: '#7d6fe0' },
};

/** `--t1: …; --t1-fill: …; …` for the stylesheet's :root, from the palette above. */
export function paletteCss(): string {
  return Object.entries(TIER_PALETTE)
    .map(([tier, c]) => `--t${TIER_CODES[tier as Tier]}:${c.ink}; --t${TIER_CODES[tier as Tier]}-fill:${c.fill};`)
    .join(' ');
}
