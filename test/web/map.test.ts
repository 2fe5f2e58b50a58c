import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { generate, OUTPUT_FILE } from '../../scripts/generate-map-ids.js';
import { COUNTRIES } from '../../src/countries/index.js';
import { NAME_TO_ID, NUMERIC_TO_ID } from '../../src/web/map/mapIds.js';
import { compactPath, fillKey, mapAreas, renderWorldMap, statusText } from '../../src/web/map/worldMap.js';
import type { MapCountry } from '../../src/web/map/worldMap.js';

describe('world-atlas features → registry ids', () => {
  it('the generated module is up to date (npx tsx scripts/generate-map-ids.ts)', () => {
    expect(readFileSync(OUTPUT_FILE, 'utf8')).toBe(generate());
  });

  it('maps every country of the registry that still exists, Kosovo by name (it has no numeric code)', () => {
    const require = createRequire(import.meta.url);
    const topo = require('world-atlas/countries-50m.json') as { objects: { countries: { geometries: { id?: string; properties: { name: string } }[] } } };
    const kosovo = topo.objects.countries.geometries.find((g) => g.properties.name === 'Kosovo');
    expect(kosovo).toBeDefined();
    expect(kosovo!.id).toBeUndefined();
    expect(NAME_TO_ID.Kosovo).toBe('XKX');
    const mapped = new Set([...Object.values(NUMERIC_TO_ID), ...Object.values(NAME_TO_ID)]);
    const unmapped = COUNTRIES.filter((c) => !mapped.has(c.id)).map((c) => c.id);
    // Former countries, drawn over their successors in their years: Netherlands Antilles, Serbia and Montenegro.
    expect(unmapped.sort()).toEqual(['ANT', 'SCG']);
    expect(NUMERIC_TO_ID['762']).toBe('TJK');
    expect(NUMERIC_TO_ID['180']).toBe('COD');
  });
});

describe('the map', () => {
  it('compacts d3 paths without changing the points', () => {
    expect(compactPath('M10,20L11,20L11,20L9,25ZM0,0L-3,4Z')).toBe('M10 20l1 0-2 5zM0 0l-3 4z');
  });

  it('draws a former country over its successors in its years', () => {
    const countries = new Map<string, MapCountry>([
      ['SCG', { id: 'SCG', name: 'Serbia and Montenegro', status: 'placed', tier: 'Tier 2', asterisk: false }],
      ['SRB', { id: 'SRB', name: 'Serbia', status: 'not-in-report', tier: null, asterisk: false }],
      ['MNE', { id: 'MNE', name: 'Montenegro', status: 'not-in-report', tier: null, asterisk: false }],
    ]);
    const svg = renderWorldMap({ reportYear: 2003, countries }).value;
    // Each country links to its profile in the year drawn.
    expect(svg.match(/<a href="\/countries\/SCG\/2003" aria-label="Serbia and Montenegro: Tier 2">/g)).toHaveLength(1);
    expect(svg).not.toContain('href="/countries/SRB');
  });

  it('names a status in words and never shows a tier that is not there', () => {
    expect(statusText({ status: 'placed', tier: 'Tier 3', asterisk: true }, 2010)).toBe('Tier 3*');
    expect(statusText({ status: 'not-known', tier: null, asterisk: false }, 2017)).toBe('placement not known');
    expect(statusText({ status: 'not-in-report', tier: null, asterisk: false }, 2001)).toBe('not in the 2001 report');
    expect(fillKey({ status: 'not-known', tier: null })).toBe('unknown');
    expect(fillKey(undefined)).toBe('none');
    // Did not exist that year: neither "not known" nor "not in the report".
    expect(statusText({ status: 'did-not-exist', tier: null, asterisk: false }, 2005)).toBe('did not exist in 2005');
    // Not a country that year has its own fill; 'none' is for lands the report does not assess.
    expect(fillKey({ status: 'did-not-exist', tier: null })).toBe('gone');
  });

  it('knows which countries are too small to see', () => {
    const areas = mapAreas();
    expect(areas.get('RUS')).toBeGreaterThan(1000);
    expect(areas.get('LUX') ?? 0).toBeLessThan(15);
    expect(areas.has('MLT')).toBe(false);
  });
});
