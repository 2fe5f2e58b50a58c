import { parseDocument, readDocument } from '../../src/ingest/index.js';
import { openDerivingStore } from './derivingStore.js';
import type { Store } from '../../src/store/index.js';
import { HAVE_CORPUS, SEED_FILE } from './shared.js';

/** Imports one report page the way `tip-atlas import` does. */
export async function importFile(store: Store, path: string): Promise<void> {
  const doc = await parseDocument(await readDocument(path));
  store.importDocument(doc);
}

/** A store with the shipped facts and, when ../shared is present, the seed narrative (Tajikistan 2023). */
export async function openSeededStore(path = ':memory:'): Promise<{ store: Store; seeded: boolean }> {
  const store = openDerivingStore(path);
  if (HAVE_CORPUS) await importFile(store, SEED_FILE);
  return { store, seeded: HAVE_CORPUS };
}
