/**
 * Every JSON twin of an export over real report text (../shared/corpus, imported) is byte for byte what the
 * server answers at the same address. The export is limited to the countries the corpus holds narratives of
 * (their every page, year, diff and twin) plus every address of the site not about one country: a full export of
 * all 190 countries takes minutes on a busy machine, and the per-country addresses of the others come from the
 * shipped placements alone, which the fictional-site test (export.test.ts) covers the same way.
 */
import { readFileSync, readdirSync, rmSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSqliteStore, type SqliteStore } from '../../src/store/index.js';
import { createApp } from '../../src/web/app.js';
import { exportSite } from '../../src/web/site/exportSite.js';
import { fileFor, siteUrls } from '../../src/web/site/urls.js';
import { CORPUS_DIR, HAVE_CORPUS, NO_CORPUS_REASON } from '../helpers/shared.js';
import { parseDocument, readDocument } from '../../src/ingest/index.js';
import { InputError } from '../../src/domain/index.js';

const NOW = () => new Date('2026-12-06T00:00:00Z');
if (!HAVE_CORPUS) console.warn(NO_CORPUS_REASON);

describe.skipIf(!HAVE_CORPUS)(`the export of a corpus-loaded database (${HAVE_CORPUS ? '../shared/corpus' : NO_CORPUS_REASON})`, () => {
  let store: SqliteStore;
  let dir: string;
  let countries: string[];

  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'tip-atlas-export-corpus-'));
    store = openSqliteStore(path.join(dir, 'corpus.db'));
    const files = [`${CORPUS_DIR}seed/tajikistan-2023-gvnet.txt`, ...readdirSync(`${CORPUS_DIR}excerpts`).filter((f) => f.endsWith('.txt')).map((f) => `${CORPUS_DIR}excerpts/${f}`)];
    // As `tip-atlas import --year N` of each file (an excerpt's year is in its name); the few the parser refuses
    // (the corpus test names them) are left out.
    for (const f of files) {
      const year = Number(/\/(\d{4})_[^/]*$/.exec(f)?.[1]) || undefined;
      try {
        store.importDocument(await parseDocument(await readDocument(f), year ? { year } : {}));
      } catch (e) {
        if (!(e instanceof InputError)) throw e;
      }
    }
    countries = store.listCountries().filter((c) => store.assessmentYears(c.id).length > 0).map((c) => c.id);
    await exportSite(store, path.join(dir, 'www'), { countries, compare: [countries.slice(0, 3)], now: NOW });
  }, 600_000);
  afterAll(() => {
    store?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('holds every JSON twin exactly as the server answers it', async () => {
    expect(countries.length).toBeGreaterThan(5);
    const app = createApp(store, { now: NOW });
    const twins = siteUrls(store, { countries, compare: [countries.slice(0, 3)] }).filter((u) => /\.json(\?|$)/.test(u.url));
    expect(twins.length).toBeGreaterThan(countries.length * 4);
    for (const { url } of twins) {
      const res = await app.request(url);
      expect(res.status, url).toBe(200);
      const served = Buffer.from(await res.arrayBuffer());
      expect(served.equals(readFileSync(path.join(dir, 'www', fileFor(url)!))), url).toBe(true);
    }
  }, 300_000);
});
