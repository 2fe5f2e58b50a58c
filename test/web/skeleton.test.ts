import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseText, sha256Of } from '../../src/ingest/index.js';
import { openDerivingStore } from '../helpers/derivingStore.js';
import type { Store } from '../../src/store/index.js';
import { createApp } from '../../src/web/app.js';
import { HAVE_CORPUS, NO_CORPUS_REASON, SEED_FILE } from '../helpers/shared.js';

describe.skipIf(!HAVE_CORPUS)(`after importing the seed, /countries/TJK shows it (${HAVE_CORPUS ? 'seed' : NO_CORPUS_REASON})`, () => {
  let store: Store;
  beforeAll(() => {
    store = openDerivingStore(':memory:');
    const bytes = readFileSync(SEED_FILE);
    const doc = parseText(bytes.toString('utf8'), SEED_FILE, sha256Of(bytes));
    store.importDocument({ ...doc, assessments: doc.assessments });
  });
  afterAll(() => store.close());

  it('renders the seed as the profile: heading, year, summary, 10 numbered recommendations, history, source', async () => {
    const res = await createApp(store).request('/countries/TJK');
    expect(res.status).toBe(200);
    const body = await res.text();
    // The headline is the latest known placement (2024 in the shipped facts); the 2023 narrative is said beside it.
    expect(body).toContain('<h1>TAJIKISTAN (Tier 2 Watch List)</h1>');
    expect(body).toContain('the latest placement known · narrative: <a href="/countries/TJK/2023">2023 report</a>, the latest held');
    expect(body).toContain('2023 Trafficking in Persons Report');
    expect(body).toContain('The Government of Tajikistan does not fully meet the minimum standards');
    const recs = /<ol class="recs">([\s\S]*?)<\/ol>/.exec(body)?.[1] ?? '';
    expect(recs.match(/<li\b/g)).toHaveLength(10);
    expect(recs).toMatch(/^<li id="rec-1">Adopt and implement SOPs/);
    expect(body).toMatch(/Tier history/);
    // Cited as the official report (the publisher's 2023 Tajikistan page), never by the local file imported.
    expect(body).toContain('href="https://www.state.gov/reports/2023-trafficking-in-persons-report/tajikistan/"');
    expect(body).not.toContain('tajikistan-2023-gvnet.txt');
  });

  it('has a JSON twin with the same facts', async () => {
    const res = await createApp(store).request('/countries/TJK.json');
    expect(res.headers.get('content-type')).toMatch(/application\/json/);
    const p = await res.json();
    expect(p.assessment.recommendations).toHaveLength(10);
    expect(p.placement).toMatchObject({ reportYear: 2023, tier: 'Tier 2', origin: 'imported' });
  });
});

describe('unknown countries get a clear 404', () => {
  const store = openDerivingStore(':memory:');
  afterAll(() => store.close());
  it('as a page and in the API error shape', async () => {
    const app = createApp(store);
    const page = await app.request('/countries/ZZZ');
    expect(page.status).toBe(404);
    expect(await page.text()).toContain('no country with id &quot;ZZZ&quot;');
    const json = await app.request('/countries/ZZZ.json');
    expect(json.status).toBe(404);
    expect(await json.json()).toEqual({ ok: false, status: 404, error: 'no country with id "ZZZ" (use an ISO 3166-1 alpha-3 code such as TJK)' });
  });
});
