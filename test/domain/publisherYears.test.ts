import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { firstUrl, PUBLISHER_YEARS, publisherYear } from '../../src/domain/publisherYears.js';
import { generate, INPUT_FILE, OUTPUT_FILE } from '../../scripts/generate-publisher-years.js';

describe('publisher years (data/publisher-years.csv)', () => {
  it('the generated module is up to date with the CSV', () => {
    expect(readFileSync(OUTPUT_FILE, 'utf8')).toBe(generate(readFileSync(INPUT_FILE, 'utf8')));
  });

  it('has one row per report year 2001–2025, each with a release date and its sources', () => {
    expect(PUBLISHER_YEARS.map((y) => y.reportYear)).toEqual(Array.from({ length: 25 }, (_, i) => 2001 + i));
    for (const y of PUBLISHER_YEARS) {
      expect(y.releaseDate, String(y.reportYear)).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      expect(y.sources, String(y.reportYear)).toMatch(/\S/);
    }
    expect(publisherYear(2023)?.landingUrl).toBe('https://www.state.gov/reports/2023-trafficking-in-persons-report/');
    expect(publisherYear(2000)).toBeUndefined();
  });

  it('firstUrl takes the first address of a cell with notes', () => {
    expect(firstUrl('https://a.example/x/index.htm ; original http://b.example/')).toBe('https://a.example/x/index.htm');
    expect(firstUrl('http://m.example/md1.htm (QATAR (Tier 2); mobile-site copy)')).toBe('http://m.example/md1.htm');
    expect(firstUrl(null)).toBeNull();
    expect(firstUrl('numeric id pages')).toBeNull();
  });
});
