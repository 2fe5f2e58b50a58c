import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { openSqliteStore, type SqliteStore } from '../../src/store/index.js';
import { FICTIONAL_COUNTRIES } from '../fixtures/countries.js';
import { multiyearDocument } from '../fixtures/multiyear.js';

const header = (file: string) => readFileSync(new URL(`../../data/${file}`, import.meta.url), 'utf8').split('\n')[0]!;

/**
 * A small whole site about fictional countries only (written by us): their shipped placements 2019–2023 (complete
 * years), no goods or UNODC rows, and the multi-year narratives of Mirovia (2019–2023) and Examplia (2020–2023).
 * Small enough to export in a test; `dir` holds its data folder (and the database file when `file` is relative).
 */
export function openFictionalSite(
  file = ':memory:',
  narratives: { mirovia: number[]; examplia: number[] } = { mirovia: [2019, 2020, 2021, 2022, 2023], examplia: [2020, 2021, 2022, 2023] },
): { store: SqliteStore; dir: string } {
  const dir = mkdtempSync(path.join(tmpdir(), 'tip-atlas-site-'));
  const dataDir = path.join(dir, 'data');
  mkdirSync(dataDir);
  const tiers = ['Tier 1', 'Tier 2', 'Tier 2 Watch List', 'Tier 3'];
  const rows = FICTIONAL_COUNTRIES.flatMap((c, i) =>
    [2019, 2020, 2021, 2022, 2023].map((y) => `${y},${c.id},${tiers[(i + y) % tiers.length]},dataset,fictional test data`),
  );
  writeFileSync(path.join(dataDir, 'tier-placements.csv'), [header('tier-placements.csv'), ...rows, ''].join('\n'));
  writeFileSync(path.join(dataDir, 'report-years.csv'), [header('report-years.csv'), ...[2019, 2020, 2021, 2022, 2023].map((y) => `${y},yes,${FICTIONAL_COUNTRIES.length}`), ''].join('\n'));
  writeFileSync(path.join(dataDir, 'goods.csv'), header('goods.csv') + '\n');
  writeFileSync(path.join(dataDir, 'unodc.csv'), header('unodc.csv') + '\n');
  const store = openSqliteStore(file === ':memory:' ? file : path.resolve(dir, file), { countries: FICTIONAL_COUNTRIES, dataDir: dataDir + path.sep });
  for (const y of narratives.mirovia) store.importDocument(multiyearDocument('mirovia', y));
  for (const y of narratives.examplia) store.importDocument(multiyearDocument('examplia', y));
  return { store, dir };
}
