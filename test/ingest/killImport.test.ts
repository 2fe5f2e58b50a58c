import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, readlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { fictionalCountries, reportPdf, reportText, syntheticReport } from '../../bench/generate.js';
import { lookupOf, parseDocument, sha256Of } from '../../src/ingest/index.js';
import { FICTIONAL_COUNTRIES } from '../fixtures/countries.js';
import { tempDir } from '../helpers/cli.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const tmp = tempDir();
afterAll(() => tmp.cleanup());

function documentCount(db: string): number {
  if (!existsSync(db)) return 0;
  try {
    const conn = new Database(db, { readonly: true, timeout: 50 });
    try {
      return conn.prepare('SELECT count(*) FROM documents').pluck().get() as number;
    } finally {
      conn.close();
    }
  } catch {
    return 0; // not created yet, or locked for a moment
  }
}

describe('an import killed midway (SIGKILL) leaves no half document', () => {
  it('every stored document has all its assessments, sections and recommendations, and the database is intact', async () => {
    // A big folder: 90 synthetic reports (text and PDF) of ten fictional countries each, every one different bytes.
    const countries = fictionalCountries(190, 1);
    const dir = join(tmp.dir, 'many');
    mkdirSync(dir);
    const files: string[] = [];
    for (let k = 0; k < 90; k++) {
      const report = syntheticReport({ year: 2001 + (k % 30), countries: countries.slice((k % 19) * 10, (k % 19) * 10 + 10), seed: k + 1, scale: 0.6 });
      const name = join(dir, `report-${String(k).padStart(2, '0')}.${k % 9 === 4 ? 'pdf' : 'txt'}`);
      writeFileSync(name, k % 9 === 4 ? reportPdf(report) : reportText(report));
      files.push(name);
    }
    const db = join(tmp.dir, 'killed.db');
    const child = spawn(process.execPath, ['--import', 'tsx', 'test/helpers/cliChild.ts', 'import', dir, '--db', db], {
      cwd: ROOT,
      env: { ...process.env, TIP_ATLAS_TEST_COUNTRIES: '190' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const exited = new Promise<NodeJS.Signals | number | null>((r) => child.on('exit', (code, signal) => r(signal ?? code)));
    // Kill it once a few documents are in, well before the last.
    const deadline = Date.now() + 60_000;
    while (documentCount(db) < 5 && Date.now() < deadline) {
      if (child.exitCode !== null) break;
      await new Promise((r) => setTimeout(r, 10));
    }
    child.kill('SIGKILL');
    expect(await exited, stderr).toBe('SIGKILL');

    const conn = new Database(db);
    try {
      expect(conn.pragma('integrity_check', { simple: true })).toBe('ok');
      expect(conn.pragma('foreign_key_check')).toEqual([]);
      const docs = conn.prepare('SELECT id, origin, sha256 FROM documents ORDER BY id').all() as { id: number; origin: string; sha256: string }[];
      expect(docs.length).toBeGreaterThanOrEqual(5);
      expect(docs.length).toBeLessThan(files.length);
      const lookup = lookupOf([...FICTIONAL_COUNTRIES, ...countries]);
      for (const d of docs) {
        const bytes = new Uint8Array(readFileSync(d.origin));
        expect(sha256Of(bytes)).toBe(d.sha256);
        const fresh = await parseDocument({ origin: d.origin, bytes, sha256: d.sha256 }, { lookup });
        const stored = conn
          .prepare(
            `SELECT a.country_id AS id,
               (SELECT count(*) FROM sections s WHERE s.assessment_id = a.id) AS sections,
               (SELECT count(*) FROM recommendations r WHERE r.assessment_id = a.id) AS recommendations
             FROM assessments a WHERE a.document_id = ? ORDER BY a.id`,
          )
          .all(d.id);
        expect(stored, d.origin).toEqual(
          fresh.assessments.map((a) => ({ id: a.countryId, sections: a.sections.length, recommendations: a.recommendations.length })),
        );
      }
    } finally {
      conn.close();
    }
  }, 120_000);

  it.skipIf(!existsSync('/proc/self/fd'))(
    "a large PDF's pages, kept in a temporary file while it is read, leave nothing behind (Linux: /proc)",
    async () => {
      // A PDF of 8 MB or more keeps its pages in a temporary file (pdfPages.ts), unlinked as soon as it is made.
      const countries = fictionalCountries(190, 1);
      const pdf = join(tmp.dir, 'large.pdf');
      writeFileSync(pdf, reportPdf(syntheticReport({ year: 2024, countries, seed: 7, scale: 2.2 })));
      expect(readFileSync(pdf).length).toBeGreaterThan(8 * 1024 * 1024);
      const tmpdir = join(tmp.dir, 'tmpdir');
      mkdirSync(tmpdir);
      const db = join(tmp.dir, 'killed-pdf.db');
      const child = spawn(process.execPath, ['--import', 'tsx', 'test/helpers/cliChild.ts', 'import', pdf, '--db', db], {
        cwd: ROOT,
        env: { ...process.env, TIP_ATLAS_TEST_COUNTRIES: '190', TMPDIR: tmpdir },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let stderr = '';
      child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
      const exited = new Promise<NodeJS.Signals | number | null>((r) => child.on('exit', (code, signal) => r(signal ?? code)));
      // The file the child holds open: already gone from its folder.
      const pagesFile = () => {
        try {
          return readdirSync(`/proc/${child.pid}/fd`)
            .map((fd) => readlinkSync(`/proc/${child.pid}/fd/${fd}`))
            .find((target) => target.startsWith(join(tmpdir, 'tip-atlas-pdf-')));
        } catch {
          return undefined; // an fd closed while listed
        }
      };
      const deadline = Date.now() + 60_000;
      let held: string | undefined;
      while (!held && Date.now() < deadline && child.exitCode === null) {
        held = pagesFile();
        await new Promise((r) => setTimeout(r, 20));
      }
      // (tsx keeps its cache in the same folder.)
      const pagesFiles = () => readdirSync(tmpdir).filter((name) => name.startsWith('tip-atlas-pdf-'));
      expect(held, stderr).toMatch(/ \(deleted\)$/);
      expect(pagesFiles()).toEqual([]);
      child.kill('SIGKILL');
      expect(await exited, stderr).toBe('SIGKILL');
      expect(pagesFiles()).toEqual([]);
      // Killed while reading: the PDF's one transaction never began or never committed.
      expect(documentCount(db)).toBe(0);
    },
    120_000,
  );
});
