/**
 * The world map of tier placements, drawn on the server as SVG (d3-geo + world-atlas 110m + topojson-client).
 *
 * Projecting the outlines is the expensive part and does not depend on the data, so it is done once per process
 * (lazily); drawing a year only pairs each outline with that year's placement. Every country of the registry is
 * a link to its profile, named with its tier in words (aria-label and <title>); tiers differ by pattern as well as
 * colour. Countries too small to see at world scale are returned so the page can list them beside the map.
 */
import { TIER_PALETTE } from '../palette.js';
import { createRequire } from 'node:module';
import { geoEqualEarth, geoPath } from 'd3-geo';
import type { GeoPermissibleObjects } from 'd3-geo';
import { feature } from 'topojson-client';
import type { GeometryCollection, Topology } from 'topojson-specification';
import type { Tier } from '../../domain/index.js';
import { TIER_CODES } from '../../domain/index.js';
import { Html, html, raw } from '../html.js';
import type { YearStatus } from '../../analysis/status.js';
import { statusWords } from '../../analysis/status.js';
import { NAME_TO_ID, NUMERIC_TO_ID } from './mapIds.js';

export const MAP_WIDTH = 960;
export const MAP_HEIGHT = 430;
/** A country drawn smaller than this (in px² of the 960-wide map) is also listed beside the map. */
export const MIN_VISIBLE_AREA = 15;

/** Former countries drawn over their successors' outlines in the years they were assessed. */
const FORMER: Readonly<Record<string, readonly string[]>> = {
  SCG: ['SRB', 'MNE', 'XKX'],
  ANT: ['CUW', 'SXM'],
};

interface Outline {
  /** Our id (alpha-3), or undefined for land the report does not assess as such (Antarctica is left out). */
  id: string | undefined;
  d: string;
  area: number;
}

let outlines: Outline[] | undefined;

function loadOutlines(): Outline[] {
  if (outlines) return outlines;
  const require = createRequire(import.meta.url);
  const topology = require('world-atlas/countries-110m.json') as Topology<{
    countries: GeometryCollection<{ name: string }>;
  }>;
  const collection = feature(topology, topology.objects.countries);
  const features = collection.features.filter((f) => f.id !== '010'); // Antarctica
  const projection = geoEqualEarth().fitExtent(
    [
      [4, 4],
      [MAP_WIDTH - 4, MAP_HEIGHT - 4],
    ],
    { type: 'FeatureCollection', features } as GeoPermissibleObjects,
  );
  const path = geoPath(projection).digits(0);
  outlines = features
    .map((f): Outline => {
      const numeric = f.id === undefined ? undefined : String(f.id);
      const id = numeric !== undefined ? NUMERIC_TO_ID[numeric] : NAME_TO_ID[f.properties?.name ?? ''];
      return { id, d: compactPath(path(f) ?? ''), area: path.area(f) };
    })
    .filter((o) => o.d !== '');
  return outlines;
}

/**
 * Makes d3's absolute integer path (`M480,200L481,201L481,201Z`) shorter: relative line-tos written once and
 * repeated implicitly, repeated points dropped. Same shape, about half the bytes.
 */
export function compactPath(d: string): string {
  let out = '';
  let x = 0;
  let y = 0;
  let inLine = false;
  const re = /([MLZ])(?:(-?\d+(?:\.\d+)?),(-?\d+(?:\.\d+)?))?/g;
  for (let m = re.exec(d); m; m = re.exec(d)) {
    if (m[1] === 'Z') {
      out += 'z';
      inLine = false;
      continue;
    }
    const nx = Number(m[2]);
    const ny = Number(m[3]);
    if (m[1] === 'M') {
      out += `M${nx} ${ny}`;
      inLine = false;
    } else if (nx !== x || ny !== y) {
      const dx = nx - x;
      const dy = ny - y;
      // After the first `l`, further pairs repeat it implicitly (a minus sign separates numbers too).
      out += `${inLine ? (dx < 0 ? '' : ' ') : 'l'}${dx}${dy < 0 ? '' : ' '}${dy}`;
      inLine = true;
    }
    x = nx;
    y = ny;
  }
  return out;
}

/** The ids drawn on the map, with their projected area. */
export function mapAreas(): Map<string, number> {
  const areas = new Map<string, number>();
  for (const o of loadOutlines()) if (o.id) areas.set(o.id, (areas.get(o.id) ?? 0) + o.area);
  return areas;
}

export type MapStatus = YearStatus;

export interface MapCountry {
  id: string;
  name: string;
  status: MapStatus;
  tier: Tier | null;
  asterisk: boolean;
  /** Its movement against the previous report, in words, shown on hover and focus ("downgraded from Tier 2"). */
  movement?: string | null;
}

/**
 * Fill keys: a tier code, `unknown` (not known), `absent` (not in the report), `gone` (not a country that year) or
 * `none` (lands the report does not assess: not a country of the registry).
 */
export type FillKey = string;

export function fillKey(c: Pick<MapCountry, 'status' | 'tier'> | undefined): FillKey {
  if (!c) return 'none';
  if (c.status === 'did-not-exist') return 'gone';
  if (c.status === 'placed' && c.tier) return TIER_CODES[c.tier];
  return c.status === 'not-known' ? 'unknown' : 'absent';
}

/** What a country's fill means, in words. */
export function statusText(c: Pick<MapCountry, 'status' | 'tier' | 'asterisk'>, reportYear: number): string {
  if (c.status === 'placed' && c.tier) return `${c.tier}${c.asterisk ? '*' : ''}`;
  if (c.status === 'placed') return 'placement not known';
  return c.status === 'not-known' ? 'placement not known' : statusWords(c.status, reportYear);
}

/**
 * The SVG patterns: each tier is a colour and a pattern, so that no tier is told by colour alone. Colours reach
 * 3:1 against white and against their neighbours' patterns where they meet.
 */
export function mapDefs(): Html {
  const F = TIER_PALETTE;
  return raw(`<defs>
<pattern id="p-2" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)"><rect width="6" height="6" fill="${F["Tier 2"].fill}"/><line x1="0" y1="0" x2="0" y2="6" stroke="#6b5000" stroke-width="1.6"/></pattern>
<pattern id="p-2wl" width="5" height="5" patternUnits="userSpaceOnUse" patternTransform="rotate(-45)"><rect width="5" height="5" fill="${F["Tier 2 Watch List"].fill}"/><line x1="0" y1="0" x2="0" y2="5" stroke="#7a3100" stroke-width="2.2"/></pattern>
<pattern id="p-3" width="6" height="6" patternUnits="userSpaceOnUse"><rect width="6" height="6" fill="${F["Tier 3"].fill}"/><path d="M0 0L6 6M6 0L0 6" stroke="#ffd9d6" stroke-width="1"/></pattern>
<pattern id="p-sc" width="6" height="6" patternUnits="userSpaceOnUse"><rect width="6" height="6" fill="${F["Special Case"].fill}"/><circle cx="3" cy="3" r="1.4" fill="#fff"/></pattern>
<pattern id="p-gc" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)"><rect width="6" height="6" fill="#f2c14e"/><line x1="0" y1="0" x2="0" y2="6" stroke="#6b5000" stroke-width="1.2"/></pattern>
<pattern id="p-gone" width="8" height="8" patternUnits="userSpaceOnUse" patternTransform="rotate(45)"><rect width="8" height="8" fill="#f1f1f1"/><line x1="0" y1="0" x2="0" y2="8" stroke="#b8b8b8" stroke-width="1"/></pattern>
<pattern id="p-unknown" width="6" height="6" patternUnits="userSpaceOnUse"><rect width="6" height="6" fill="#e4e4e4"/><circle cx="3" cy="3" r="0.9" fill="#767676"/></pattern>
</defs>`);
}

/** The fill attribute of a key (presentation attribute: the CSP forbids style attributes). */
export function fillOf(key: FillKey): string {
  switch (key) {
    case '1':
      return TIER_PALETTE['Tier 1'].fill;
    case '2':
    case '2wl':
    case '3':
    case 'sc':
    case 'unknown':
    case 'gone':
      return `url(#p-${key})`;
    case 'gc':
      return 'url(#p-gc)';
    case 'gf':
      return '#7a1f5c';
    case 'absent':
    case 'g0':
      return '#fbfbfb';
    default:
      return '#f1f1f1';
  }
}

/** A small legend swatch (uses the map's patterns, so it must be on the same page as the map). */
export function swatch(key: FillKey): Html {
  return html`<svg class="swatch" width="22" height="14" viewBox="0 0 22 14" aria-hidden="true" focusable="false"><rect x="0.5" y="0.5" width="21" height="13" fill="${fillOf(key)}" stroke="#555"/></svg>`;
}

export interface WorldMapInput {
  reportYear: number;
  /** Every registry country with its status that year. */
  countries: Map<string, MapCountry>;
  /** Another layer than the tiers (the home page's switch): each country's fill key and its words, and the map's title. */
  layer?: { key: (id: string) => FillKey; label: (id: string) => string; title: string };
}

export function renderWorldMap(input: WorldMapInput): Html {
  const { reportYear, countries, layer } = input;
  // Former countries take over their successors' outlines in the years they were placed and the successors not.
  const drawnAs = new Map<string, string>();
  for (const [former, successors] of Object.entries(FORMER)) {
    if (countries.get(former)?.status !== 'placed') continue;
    for (const s of successors) if (countries.get(s)?.status !== 'placed') drawnAs.set(s, former);
  }
  const parts: string[] = [];
  const unassessed: string[] = [];
  // One link per country (a country may have several outlines).
  const byCountry = new Map<string, string[]>();
  for (const o of loadOutlines()) {
    const id = o.id ? (drawnAs.get(o.id) ?? o.id) : undefined;
    if (!id || !countries.has(id)) {
      unassessed.push(o.d);
      continue;
    }
    let list = byCountry.get(id);
    if (!list) byCountry.set(id, (list = []));
    list.push(o.d);
  }
  if (unassessed.length) {
    // Lands no report assesses (Greenland, Antarctica, Western Sahara…): "not assessed by the report".
    parts.push(`<path class="m-none" fill="${fillOf('none')}" d="${unassessed.join('')}"><title>Not assessed by the report</title></path>`);
  }
  const ordered = [...byCountry].sort((a, b) => {
    const na = countries.get(a[0])!.name;
    const nb = countries.get(b[0])!.name;
    return na < nb ? -1 : na > nb ? 1 : 0;
  });
  for (const [id, ds] of ordered) {
    const c = countries.get(id)!;
    const label = `${c.name}: ${layer ? layer.label(id) : statusText(c, reportYear)}${!layer && c.movement ? ` — ${c.movement}` : ''}`;
    const key = layer ? layer.key(id) : fillKey(c);
    parts.push(
      html`<a href="/countries/${id}/${reportYear}" aria-label="${label}"><path class="m m-${key}" fill="${fillOf(key)}" d="${ds.join('')}"><title>${label}${layer ? '' : ` (${reportYear} report)`}</title></path></a>`
        .value,
    );
  }
  return html`<svg class="world-map" viewBox="0 0 ${MAP_WIDTH} ${MAP_HEIGHT}" role="group" aria-labelledby="map-title map-desc">
<title id="map-title">${layer ? layer.title : `World map of tier placements in the ${reportYear} Trafficking in Persons Report`}</title>
<desc id="map-desc">${layer ? 'Each country is a link to its profile and is named with what the map shows of it. The same goods are listed on /data/goods.csv and on each profile.' : 'Each country is a link to its profile in that year and is named with its tier. The same placements are listed as text on the year page.'}</desc>
${mapDefs()}
<g class="countries">${raw(parts.join('\n'))}</g>
</svg>`;
}
