import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COMMANDS } from '../../src/cli/commands.js';
import { runCli, tableCounts, tempDir } from '../helpers/cli.js';
import { HAVE_CORPUS, NO_CORPUS_REASON, SEED_FILE } from '../helpers/shared.js';

const tmp = tempDir();
afterAll(() => tmp.cleanup());
const db = join(tmp.dir, 'atlas.db');

describe('usage', () => {
  it('prints help with every command and exits 0 for --help, 2 without a command', async () => {
    const help = await runCli(['--help']);
    expect(help.code).toBe(0);
    for (const c of COMMANDS) expect(help.stdout).toContain(c.name);
    expect((await runCli([])).code).toBe(2);
  });

  it('documents every flag of every command in its --help', async () => {
    for (const c of COMMANDS) {
      const r = await runCli([c.name, '--help']);
      expect(r.code).toBe(0);
      for (const [flag] of c.options) expect(r.stdout).toContain(flag.split(' ')[0]);
    }
  });

  it('documents every command and flag in the README', () => {
    const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
    for (const c of COMMANDS) {
      expect(readme).toContain(`tip-atlas ${c.name}`);
      for (const [flag] of c.options) expect(readme).toContain(flag.split(' ')[0]);
    }
  });

  it('exits 2 on an unknown command, an unknown flag, a malformed year, or no file', async () => {
    for (const args of [['frobnicate'], ['parse', '--bogus', 'x'], ['parse', 'x', '--year', 'soon'], ['parse'], ['show']]) {
      const r = await runCli(args);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr).toMatch(/^tip-atlas: /);
    }
  });
});

describe('bad input gets one clear line, exit 1, and leaves the database as it was', () => {
  const files: Record<string, string | Buffer> = {
    'empty.txt': '',
    'binary.bin': Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52, 1, 2, 3, 0]),
    'no-heading.txt': 'A page about a fictional place, with no country heading at all.\n\nThe 2023 TIP Report is mentioned.\n',
    'unknown-country.txt': 'ATLANTIS (Tier 2) Extracted in part from the U.S. State Dept 2023 TIP Report\n\nA fictional text.\n',
    'bad-year.txt': 'TAJIKISTAN (Tier 2) Extracted in part from the U.S. State Dept 2035 TIP Report\n\nA fictional text.\n',
    'no-year.txt': 'TAJIKISTAN (Tier 2)\n\nA fictional text that names no report year.\n',
  };
  const expected: Record<string, RegExp> = {
    'empty.txt': /empty\.txt: the file is empty/,
    'binary.bin': /binary\.bin: binary data, not text/,
    'no-heading.txt': /no-heading\.txt: no country heading found/,
    'unknown-country.txt': /unknown-country\.txt: heading names an unknown country "ATLANTIS"/,
    'bad-year.txt': /bad-year\.txt: the text names report year 2035 .*outside 2001–2030/,
    'no-year.txt': /no-year\.txt: the text does not say its report year .*pass --year/,
  };
  beforeAll(async () => {
    for (const [name, content] of Object.entries(files)) writeFileSync(join(tmp.dir, name), content);
    // A database that already holds something, so "unchanged" is meaningful.
    expect((await runCli(['import', join(tmp.dir, 'no-year.txt'), '--year', '2023', '--db', db])).code).toBe(0);
  });

  for (const name of Object.keys(files)) {
    it(name, async () => {
      const before = tableCounts(db);
      const r = await runCli(['import', join(tmp.dir, name), '--db', db]);
      expect(r.code).toBe(1);
      const errors = r.stderr.split('\n').filter(Boolean);
      expect(errors).toHaveLength(1);
      expect(errors[0]).toMatch(expected[name]!);
      expect(tableCounts(db)).toEqual(before);
      const p = await runCli(['parse', join(tmp.dir, name), '--json']);
      expect(p.code).toBe(1);
      expect(p.stderr).toMatch(expected[name]!);
    });
  }

  it('a year outside 2001–2030 given with --year', async () => {
    const before = tableCounts(db);
    const r = await runCli(['import', join(tmp.dir, 'no-year.txt'), '--year', '1999', '--db', db]);
    expect(r.code).toBe(1);
    expect(r.stderr.trim()).toMatch(/no-year\.txt: report year 1999 is outside 2001–2030$/);
    expect(tableCounts(db)).toEqual(before);
  });

  it('imports the good files of a batch and still exits 1 for the bad one', async () => {
    const good = join(tmp.dir, 'good.txt');
    writeFileSync(good, 'TAJIKISTAN (Tier 2)\n\nAnother fictional text, different bytes.\n');
    const r = await runCli(['import', join(tmp.dir, 'empty.txt'), good, '--year', '2022', '--db', db]);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('good.txt: imported TJK 2022 Tier 2');
    expect(r.stderr).toContain('empty.txt: the file is empty');
  });
});

describe.skipIf(!HAVE_CORPUS)(`the seed, end to end through the CLI (${HAVE_CORPUS ? SEED_FILE : NO_CORPUS_REASON})`, () => {
  const seedDb = join(tmp.dir, 'seed.db');

  it('parse --json prints the assessment without storing it', async () => {
    const r = await runCli(['parse', SEED_FILE, '--json']);
    expect(r.code).toBe(0);
    const [a, ...rest] = JSON.parse(r.stdout);
    expect(rest).toEqual([]);
    expect(a).toMatchObject({ countryId: 'TJK', countryName: 'Tajikistan', reportYear: 2023, tier: 'Tier 2', warnings: [] });
    expect(a.summary).toMatch(/^The Government of Tajikistan does not fully meet.*forced labor in the harvest\.$/s);
    expect(a.recommendations).toHaveLength(10);
    expect(a.recommendations[0].text).toMatch(/^Adopt and implement SOPs/);
    expect(a.recommendations[9].text).toMatch(/^Monitor private employment agencies/);
    expect(a.source).toMatchObject({ file: SEED_FILE });
    expect(a.source.end).toBeGreaterThan(a.source.start);
  });

  it('import stores it once; the same bytes again change nothing and say so', async () => {
    const first = await runCli(['import', SEED_FILE, '--db', seedDb]);
    expect(first.code).toBe(0);
    expect(first.stdout).toContain('imported TJK 2023 Tier 2: 10 recommendations');
    const counts = tableCounts(seedDb);
    const again = await runCli(['import', SEED_FILE], { TIP_ATLAS_DB: seedDb });
    expect(again.code).toBe(0);
    expect(again.stdout).toMatch(/unchanged — these bytes were already imported/);
    expect(tableCounts(seedDb)).toEqual(counts);
  });

  it('show prints a readable profile and, with --json, the page twin', async () => {
    const text = await runCli(['show', 'TJK', '--db', seedDb]);
    expect(text.code).toBe(0);
    // The headline is the latest known placement (shipped: 2024, Tier 2 Watch List); the narrative's year beside it.
    expect(text.stdout).toMatch(/^TAJIKISTAN \(Tier 2 Watch List\)\n2024 Trafficking in Persons Report, the latest placement known/);
    expect(text.stdout).toContain('Narrative: 2023 report, the latest held; Tajikistan was then on Tier 2 (--year 2024 for the 2024 placement)');
    expect((await runCli(['show', 'TJK', '--year', '2023', '--db', seedDb])).stdout).toMatch(/^TAJIKISTAN \(Tier 2\)\n2023 Trafficking in Persons Report/);
    expect(text.stdout).toContain(' 1. Adopt and implement SOPs');
    expect(text.stdout).toContain('10. Monitor private employment agencies');
    expect(text.stdout).toMatch(/TIER HISTORY\n {2}2001/);
    // The CLI is the operator's: the local path stays visible there, beside the official report.
    expect(text.stdout).toContain(`imported from ${SEED_FILE}`);
    expect(text.stdout).toContain('Official source: U.S. Department of State, 2023 Trafficking in Persons Report: Tajikistan — https://www.state.gov/reports/2023-trafficking-in-persons-report/tajikistan/');
    const json = await runCli(['show', 'Tajikistan', '--json', '--db', seedDb]);
    const p = JSON.parse(json.stdout);
    expect(p.country.id).toBe('TJK');
    expect(p.assessment.recommendations).toHaveLength(10);
    // The JSON is the page's twin: no local path in it.
    expect(json.stdout).not.toContain(SEED_FILE);
    expect(p.assessment.source.document).toMatchObject({ id: 1, publicUrl: null });
    expect(p.placement).toMatchObject({ reportYear: 2023, tier: 'Tier 2', origin: 'imported' });
  });

  it('show names an unknown country with the closest names and exits 1', async () => {
    const r = await runCli(['show', 'Tajikstan', '--db', seedDb]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/unknown country "Tajikstan".*Tajikistan/);
  });
});
