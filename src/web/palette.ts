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

/**
 * The series of a chart with one line per country (compare): eight inks, each 4.5:1 or more against white and
 * apart in hue, each paired with its own marker shape and dash, so no series is told by colour alone.
 */
export const SERIES_STYLES: { ink: string; shape: 'circle' | 'square' | 'diamond' | 'triangle' | 'down' | 'plus' | 'cross' | 'bar'; dash: string }[] = [
  { ink: '#0b4f9c', shape: 'circle', dash: '' },
  { ink: '#a94200', shape: 'square', dash: '6 3' },
  { ink: '#6b3fa0', shape: 'diamond', dash: '2 2' },
  { ink: '#1a6b4a', shape: 'triangle', dash: '8 3 2 3' },
  { ink: '#9c1d5c', shape: 'down', dash: '4 4' },
  { ink: '#4a4a4a', shape: 'plus', dash: '1 3' },
  { ink: '#7a5200', shape: 'cross', dash: '10 4' },
  { ink: '#00607a', shape: 'bar', dash: '3 3 8 3' },
];
