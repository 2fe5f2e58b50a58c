import { execFileSync } from 'node:child_process';
import { chmodSync, copyFileSync, existsSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { reportPdf, syntheticReport } from '../../bench/generate.js';
import { layoutTwoColumns, writePdf } from '../../bench/pdf.js';
import { COUNTRIES } from '../../src/countries/index.js';
import { openDerivingStore } from '../helpers/derivingStore.js';
import { FICTIONAL_COUNTRIES } from '../fixtures/countries.js';
import { tableCounts, tempDir } from '../helpers/cli.js';
import { runCliWith } from '../helpers/ingestCli.js';

const tmp = tempDir();
afterAll(() => tmp.cleanup());
const dir = join(tmp.dir, 'reports');
const fixtures = new URL('../fixtures/', import.meta.url);
const countries = FICTIONAL_COUNTRIES;
const cli = (args: string[], isTTY = false) => runCliWith(args, { countries, isTTY });
const isRoot = process.getuid?.() === 0;

/** The bad files of the folder, and the one line each must get. */
const BAD: Record<string, RegExp> = {
  'empty.txt': /empty\.txt: the file is empty$/,
  'junk.bin': /junk\.bin: binary data, not text/,
  'big.txt': /big\.txt: the file is \d+ KB, over the size limit of 200 KB \(--max-size\)$/,
  'truncated.pdf': /truncated\.pdf: the PDF is truncated/,
  'encrypted.pdf': /encrypted\.pdf: the PDF is encrypted \(password-protected\)/,
  'scan.pdf': /scan\.pdf: the PDF has no text layer .*needs OCR/,
  'scripts.html': /scripts\.html: the HTML page has no readable content/,
  'dangling.txt': /dangling\.txt: cannot read: a broken symbolic link/,
  'pipe.txt': /pipe\.txt: cannot read: a named pipe \(FIFO\)/,
  'notes.txt': /notes\.txt: no country heading found/,
};

beforeAll(() => {
  mkdirSync(join(dir, 'html', 'nested'), { recursive: true });
  mkdirSync(join(dir, 'pdf'), { recursive: true });
  // Good files, in three formats and nested folders.
  copyFileSync(new URL('pages/examplia-2024-publisher.html', fixtures), join(dir, 'html', 'examplia-2024.html'));
  copyFileSync(new URL('pages/quuxland-2014-title-only.html', fixtures), join(dir, 'html', 'nested', 'quuxland-2014.htm'));
  copyFileSync(new URL('narratives/fictonia-2022-publisher.txt', fixtures), join(dir, 'fictonia-2022.txt'));
  const report = syntheticReport({ year: 2019, countries: [...FICTIONAL_COUNTRIES], scale: 0.3 });
  writeFileSync(join(dir, 'pdf', 'synthetic-2019.pdf'), reportPdf(report));
  // A PDF named .txt is still read as a PDF.
  writeFileSync(join(dir, 'pdf', 'mirovia-2018.txt'), writePdf(layoutTwoColumns(
    [{ kind: 'paragraph', text: '2018 Trafficking in Persons Report' }, { kind: 'heading', text: 'MIROVIA: Tier 1' }, { kind: 'paragraph', text: 'The Government of Mirovia fully meets the minimum standards for the elimination of trafficking; therefore Mirovia remained on Tier 1.' }],
    { runningHeader: 'SYNTHETIC' },
  )));
  // Bad files.
  writeFileSync(join(dir, 'empty.txt'), '');
  writeFileSync(join(dir, 'junk.bin'), Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919) % 256)));
  writeFileSync(join(dir, 'big.txt'), 'FICTONIA: Tier 2\n\n' + 'Filler text of a synthetic page. '.repeat(9000));
  const good = writePdf(layoutTwoColumns([{ kind: 'heading', text: 'MIROVIA: Tier 1' }], { runningHeader: 'X' }));
  writeFileSync(join(dir, 'pdf', 'truncated.pdf'), good.subarray(0, Math.floor(good.length / 2)));
  writeFileSync(join(dir, 'pdf', 'encrypted.pdf'), writePdf([{ runs: [{ x: 50, y: 700, size: 10, font: 'regular', text: 'MIROVIA: Tier 1' }] }], { encrypted: true }));
  writeFileSync(join(dir, 'pdf', 'scan.pdf'), writePdf([{ runs: [], rects: [[40, 40, 530, 700]] }]));
  copyFileSync(new URL('pages/scripts-only.html', fixtures), join(dir, 'html', 'scripts.html'));
  writeFileSync(join(dir, 'notes.txt'), 'Notes about the fictional reports; nothing to import here.\n');
  symlinkSync(join(dir, 'does-not-exist.txt'), join(dir, 'dangling.txt'));
  execFileSync('mkfifo', [join(dir, 'pipe.txt')]);
  // Hidden files and folders are left out.
  writeFileSync(join(dir, '.DS_Store'), Buffer.from([0, 1, 2, 3]));
  mkdirSync(join(dir, '.git'));
  writeFileSync(join(dir, '.git', 'HEAD'), 'ref: refs/heads/main\n');
});

describe('tip-atlas import PATH… (folders, mixed formats, bad files)', () => {
  const db = join(tmp.dir, 'atlas.db');

  it('imports every good file, gives each bad one one line, and ends with a summary', async () => {
    const r = await cli(['import', dir, '--db', db, '--max-size', '200k']);
    expect(r.code).toBe(1);
    const errors = r.stderr.split('\n').filter((l) => l.startsWith('tip-atlas: '));
    expect(errors).toHaveLength(Object.keys(BAD).length);
    for (const [name, re] of Object.entries(BAD)) expect(errors.filter((l) => re.test(l)), name).toHaveLength(1);
    expect(r.stdout).toMatch(/examplia-2024\.html: imported XEX 2024 Tier 2: 3 recommendations, 6 sections\n/);
    expect(r.stdout).toMatch(/quuxland-2014\.htm: imported XQU 2014 Tier 3: 3 recommendations/);
    expect(r.stdout).toMatch(/fictonia-2022\.txt: imported XFC 2022 Tier 2 Watch List/);
    expect(r.stdout).toMatch(/synthetic-2019\.pdf: imported 6 narratives of the 2019 report/);
    expect(r.stdout).toMatch(/mirovia-2018\.txt: imported XMR 2018 Tier 1/);
    const summary = r.stdout.trim().split('\n').at(-1)!;
    expect(summary).toMatch(/^5 document\(s\) imported, 0 unchanged, 10 narrative\(s\), \d+ warning\(s\); 10 skipped \(/);
    for (const kind of ['1 empty', '1 over the size limit', '2 unreadable', '1 encrypted PDF', '1 damaged PDF', '1 PDF without text (needs OCR)', '1 HTML without content', '1 not text, HTML or PDF', '1 no known country heading']) {
      expect(summary).toContain(kind);
    }
    const store = openDerivingStore(db, { countries: [...COUNTRIES, ...countries] });
    try {
      expect(store.documents().map((d) => d.mediaType).sort()).toEqual(['application/pdf', 'application/pdf', 'text/html', 'text/html', 'text/plain']);
      expect(store.getAssessment('XEX', 2024)?.recommendations).toHaveLength(3);
      expect(store.getAssessment('XMR', 2019)?.tier).toBeDefined();
    } finally {
      store.close();
    }
  });

  it('the same files again change nothing and say so', async () => {
    const before = tableCounts(db);
    const r = await cli(['import', dir, '--db', db, '--max-size', '200k']);
    expect(r.stdout).toMatch(/^0 document\(s\) imported, 5 unchanged, 0 narrative\(s\)/m);
    expect(tableCounts(db)).toEqual(before);
  });

  it('--dry-run parses everything and stores nothing (the database is not even created)', async () => {
    const dry = join(tmp.dir, 'dry.db');
    const r = await cli(['import', dir, '--db', dry, '--dry-run', '--max-size', '200k']);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/examplia-2024\.html: parsed XEX 2024 Tier 2/);
    expect(r.stdout).toMatch(/^5 document\(s\) parsed \(dry run: nothing stored\), 10 narrative\(s\)/m);
    expect(existsSync(dry)).toBe(false);
  });

  it('a newer, less complete document for the same country and year is kept in the history; the more complete stays shown', async () => {
    const hdb = join(tmp.dir, 'history.db');
    const first = join(tmp.dir, 'examplia-v1.html');
    const second = join(tmp.dir, 'examplia-v2.txt');
    copyFileSync(new URL('pages/examplia-2024-publisher.html', fixtures), first);
    writeFileSync(second, 'EXAMPLIA (Tier 2) Extracted in part from the U.S. State Dept 2024 TIP Report\n\nThe Government of Examplia does not fully meet the minimum standards for the elimination of trafficking but is making significant efforts to do so; therefore Examplia remained on Tier 2. A corrected synthetic text.\n\nPRIORITIZED RECOMMENDATIONS:\n\nPublish the invented data.\n');
    expect((await cli(['import', first, '--db', hdb])).code).toBe(0);
    const r = await cli(['import', second, '--db', hdb]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/examplia-v2\.txt: imported XEX 2024 Tier 2: 1 recommendations, 2 sections; 1 not shown: a more complete version is held \(kept in history\)/);
    const store = openDerivingStore(hdb, { countries: [...COUNTRIES, ...countries] });
    try {
      const history = store.assessmentHistory('XEX', 2024);
      expect(history.map((a) => [a.document.origin, a.current, a.recommendations.length])).toEqual([
        [first, true, 3],
        [second, false, 1],
      ]);
      expect(store.getAssessment('XEX', 2024)?.document.origin).toBe(first);
    } finally {
      store.close();
    }
  });

  it('on a terminal, draws a progress bar with counts and an ETA on stderr, and still prints the summary', async () => {
    const tdb = join(tmp.dir, 'tty.db');
    const r = await cli(['import', join(dir, 'html'), join(dir, 'fictonia-2022.txt'), join(dir, 'pdf', 'synthetic-2019.pdf'), '--db', tdb], true);
    expect(r.code).toBe(1); // scripts.html
    expect(r.stderr).toContain('\r\x1b[K[');
    expect(r.stderr).toMatch(/\] 0\/5 files · 0 bytes\/\d+ KB · 0 narratives/);
    expect(r.stderr).toMatch(/\] 5\/5 files · \d+ KB\/\d+ KB · 9 narratives · 1 failed/);
    expect(r.stderr).toMatch(/ETA \d+:\d\d/);
    expect(r.stderr).toMatch(/scripts\.html: the HTML page has no readable content/);
    expect(r.stdout).not.toContain(': imported ');
    expect(r.stdout).toMatch(/^4 document\(s\) imported, 0 unchanged, 9 narrative\(s\)/);
  });

  it('parse takes folders too, and --json prints every assessment found', async () => {
    const r = await cli(['parse', join(dir, 'html'), join(dir, 'pdf', 'synthetic-2019.pdf'), '--json']);
    expect(r.code).toBe(1);
    const out = JSON.parse(r.stdout) as { countryId: string; reportYear: number }[];
    expect(out.map((a) => `${a.countryId} ${a.reportYear}`)).toEqual(['XEX 2024', 'XQU 2014', ...FICTIONAL_COUNTRIES.map((c) => c.name).sort().map((n) => `${FICTIONAL_COUNTRIES.find((c) => c.name === n)!.id} 2019`)]);
    expect(r.stderr.trim().split('\n')).toEqual([expect.stringMatching(/scripts\.html: the HTML page has no readable content/)]);
  });

  it('warns when one document holds two narratives of one country and year (the store keeps the last as current)', async () => {
    const file = join(tmp.dir, 'twice.txt');
    const narrative = (tier: string, what: string) =>
      `REPUBLIC OF EXAMPLIA (${tier})\n\nThe Government of the Republic of Examplia does not fully meet the minimum standards for the elimination of trafficking but is making significant efforts to do so. It ${what} in the invented capital.\n\nPRIORITIZED RECOMMENDATIONS:\n\nFund the fictional hotline.\n`;
    writeFileSync(file, `2021 Trafficking in Persons Report\n\n${narrative('Tier 2', 'opened a shelter')}\n${narrative('Tier 2 Watch List', 'closed a shelter')}`);
    const twiceDb = join(tmp.dir, 'twice.db');
    const r = await cli(['import', file, '--db', twiceDb]);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/warning: .*twice\.txt: 2 narratives for Examplia \(XEX\) in 2021 in this document \(assessments 1, 2\); the most complete \(2; the last when equally complete\) is kept as current/);
    expect(r.stdout.trim().split('\n').at(-1)).toMatch(/^1 document\(s\) imported, 0 unchanged, 2 narrative\(s\), [1-9]\d* warning\(s\)/);
    const store = openDerivingStore(twiceDb, { countries: [...COUNTRIES, ...countries] });
    try {
      expect(store.getAssessment('XEX', 2021)?.tier).toBe('Tier 2 Watch List');
    } finally {
      store.close();
    }
  });

  it('rejects a malformed --max-size as a usage error', async () => {
    const r = await cli(['import', dir, '--max-size', 'huge']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--max-size must be a size such as 300MB/);
  });

  it('a path that does not exist is one line, and a folder with nothing in it says so', async () => {
    const emptyDir = join(tmp.dir, 'empty-folder');
    mkdirSync(emptyDir);
    const r = await cli(['import', join(tmp.dir, 'nope'), emptyDir, '--dry-run']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/nope: cannot read: no such file or folder\n/);
  });

  it.skipIf(isRoot)('an unreadable file (chmod 000) is one line (skipped when running as root, who reads anything)', async () => {
    const locked = join(tmp.dir, 'locked.txt');
    writeFileSync(locked, readFileSync(new URL('narratives/fictonia-2022-publisher.txt', fixtures)));
    chmodSync(locked, 0);
    const r = await cli(['import', locked, '--dry-run']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/locked\.txt: cannot read: permission denied/);
  });
});
