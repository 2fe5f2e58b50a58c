/**
 * The CLI's answers to bad input: an unreadable database, malformed years (exit 2 in every command, naming the
 * argument), PORT, --offset 0; and what parse, show and --version print.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDerivingStore } from '../helpers/derivingStore.js';
import { syntheticDocument } from '../fixtures/syntheticDocument.js';
import { runCli, tempDir } from '../helpers/cli.js';

const tmp = tempDir();
afterAll(() => tmp.cleanup());
const db = join(tmp.dir, 'atlas.db');
const notDb = join(tmp.dir, 'not-a-database.db');
const page = join(tmp.dir, 'examplia.txt');

beforeAll(() => {
  writeFileSync(notDb, 'This is a text file, not SQLite. '.repeat(40));
  writeFileSync(page, 'Nothing here names a country or a tier.\n');
  const store = openDerivingStore(db);
  store.importDocument(syntheticDocument([{ countryId: 'TJK', reportYear: 2023, tier: 'Tier 2' }], 'test://examplia-tjk.txt'));
  store.close();
});

describe('a file that is not a database', () => {
  it('is one clear line naming it, exit 1, no stack trace, for every command that opens the database', async () => {
    for (const args of [['show', 'TJK'], ['search', 'labor'], ['diff', 'TJK', '2022', '2023'], ['import', page]]) {
      const r = await runCli([...args, '--db', notDb]);
      expect(r.code, args.join(' ')).toBe(1);
      expect(r.stderr, args.join(' ')).toBe(`tip-atlas: cannot open the database ${notDb}: file is not a database (SQLITE_NOTADB)\n`);
    }
  });
});

describe('malformed years and numbers', () => {
  it('exits 2 (usage) for a malformed --year in every command that takes one', async () => {
    for (const args of [
      ['parse', page, '--year', 'abc'],
      ['import', page, '--year', 'abc', '--db', db],
      ['fetch', '--year', 'abc', '--dry-run'],
      ['show', 'TJK', '--year', 'abc', '--db', db],
      ['search', 'labor', '--year', 'abc', '--db', db],
      ['search', 'labor', '--year', '2023,abc', '--db', db],
    ]) {
      const r = await runCli(args);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr, args.join(' ')).toContain('tip-atlas: --year must be a four-digit report year, not "abc"');
    }
  });

  it('names the positional year of diff, not --year', async () => {
    const to = await runCli(['diff', 'TJK', '2022', 'abc', '--db', db]);
    expect(to.code).toBe(2);
    expect(to.stderr).toContain('tip-atlas: TO must be a four-digit report year, not "abc"');
    const from = await runCli(['diff', 'TJK', '20x2', '2023', '--db', db]);
    expect(from.code).toBe(2);
    expect(from.stderr).toContain('tip-atlas: FROM must be a four-digit report year, not "20x2"');
    expect(from.stderr).not.toContain('--year');
  });

  it('names PORT when the environment gives a bad port, --port when the flag does', async () => {
    const env = await runCli(['serve', '--db', db], { PORT: 'abc' });
    expect(env.code).toBe(2);
    expect(env.stderr).toContain('tip-atlas: PORT (environment) must be a port number (0–65535), not "abc"');
    const flag = await runCli(['serve', '--port', 'abc', '--db', db], { PORT: '8080' });
    expect(flag.code).toBe(2);
    expect(flag.stderr).toContain('tip-atlas: --port must be a port number (0–65535), not "abc"');
  });

  it('accepts search --offset 0 (the first hit), and still refuses a negative or malformed one', async () => {
    const r = await runCli(['search', 'Examplia', '--offset', '0', '--json', '--db', db]);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ offset: 0 });
    expect(JSON.parse(r.stdout).total).toBeGreaterThan(0);
    expect((await runCli(['search', 'Examplia', '--offset', '-1', '--db', db])).code).toBe(2);
    expect((await runCli(['search', 'Examplia', '--offset', 'x', '--db', db])).code).toBe(2);
  });
});

describe('what the commands print', () => {
  it('parse never says "dry run" (it never stores); import --dry-run does', async () => {
    const parse = await runCli(['parse', page, '--year', '2023']);
    expect(parse.stdout).toMatch(/^0 document\(s\) parsed, /m);
    expect(parse.stdout).not.toContain('dry run');
    const dry = await runCli(['import', page, '--year', '2023', '--dry-run', '--db', db]);
    expect(dry.stdout).toMatch(/^0 document\(s\) parsed \(dry run: nothing stored\), /m);
  });

  it('show of a year without a narrative says so and names the years that have one', async () => {
    const r = await runCli(['show', 'TJK', '--year', '2019', '--db', db]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('No narrative of the 2019 report is imported; narratives imported: 2023 (--year N).');
    expect(r.stdout).not.toContain('narrative from the');
    // The timeline's statuses are the web's: 2001's list has gaps and does not place Tajikistan.
    expect(r.stdout).toContain('  2001  not known');
  });

  it('show of a year without a placement states that year\'s status as the web does; a year not held is an error', async () => {
    const vut = await runCli(['show', 'VUT', '--year', '2015', '--db', db]);
    expect(vut.code).toBe(0);
    expect(vut.stdout).toMatch(/^VANUATU \(not in the report\)\n/);
    expect(vut.stdout).toContain('No tier placement is known for 2015: the country is not in that report, whose list is complete.');
    const ssd = await runCli(['show', 'SSD', '--year', '2005', '--db', db]);
    expect(ssd.stdout).toMatch(/^SOUTH SUDAN \(did not exist\)\n/);
    const old = await runCli(['show', 'TJK', '--year', '1999', '--db', db]);
    expect(old.code).toBe(1);
    expect(old.stderr).toMatch(/the 1999 report is not held \(years held: 2001, 2002, /);
  });

  it('--version prints the version of package.json', async () => {
    const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };
    const r = await runCli(['--version']);
    expect(r).toEqual({ code: 0, stdout: `tip-atlas ${pkg.version}\n`, stderr: '' });
  });
});
