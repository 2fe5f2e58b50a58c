import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COUNTRIES } from '../../src/countries/index.js';
import { parseText } from '../../src/ingest/index.js';
import { LIMITS } from '../../src/ingest/limits.js';
import { openSqliteStore } from '../../src/store/index.js';
import type { Store } from '../../src/store/index.js';
import { SECTION_PAGE_CHARS, sectionPageSpans } from '../../src/views/views.js';
import { createApp } from '../../src/web/app.js';
import { FICTIONAL_COUNTRIES, fictionalLookup } from '../fixtures/countries.js';

/**
 * A section longer than SECTION_PAGE_CHARS is folded: the country page and its JSON twin hold its first page and a
 * link to the section's own paged view. With a section at the import limit (200,000 characters), no page or twin
 * may exceed MAX_BYTES: the page's other parts and one section page (20,000 characters) with room to spare.
 */
const MAX_BYTES = 80_000;
const FIXTURE = readFileSync(new URL('../fixtures/multiyear/examplia-2023.txt', import.meta.url), 'utf8');
const PARAGRAPH = 'Examplian officials reported that river-barge crews worked long shifts without pay in the fictional delta. ';

describe('a long section is folded and paged', () => {
  let store: Store;
  let ord: number;
  let sectionText: string;
  beforeAll(() => {
    store = openSqliteStore(':memory:', { countries: [...COUNTRIES, ...FICTIONAL_COUNTRIES] });
    // Paragraphs of ~1,000 characters appended to the last section, up to just under the import limit.
    const para = PARAGRAPH.repeat(9);
    const long = Array.from({ length: Math.floor((LIMITS.sectionChars - 10_000) / (para.length + 2)) }, () => para.trim()).join('\n\n');
    const doc = parseText(`${FIXTURE.trimEnd()}\n\n${long}\n`, 'long.txt', 'a'.repeat(64), { lookup: fictionalLookup });
    store.importDocument(doc);
    const a = doc.assessments[0]!;
    ord = a.sections.findIndex((s) => s.text.length > SECTION_PAGE_CHARS) + 1;
    sectionText = a.sections[ord - 1]!.text;
  });
  afterAll(() => store.close());

  it('the fixture has one section over the bound', () => {
    expect(ord).toBeGreaterThan(0);
    expect(sectionText.length).toBeGreaterThan(8 * SECTION_PAGE_CHARS);
  });

  it('pages cover the text exactly, each within the bound, broken at paragraphs', () => {
    const spans = sectionPageSpans(sectionText);
    expect(spans.map((s) => sectionText.slice(s.start, s.end)).join('')).toBe(sectionText);
    for (const s of spans) expect(s.end - s.start).toBeLessThanOrEqual(SECTION_PAGE_CHARS);
    for (const s of spans.slice(0, -1)) expect(sectionText.slice(s.end - 2, s.end)).toBe('\n\n');
    // Without paragraph breaks or spaces, pages are cut at the bound.
    expect(sectionPageSpans('x'.repeat(45), 20).map((s) => s.end - s.start)).toEqual([20, 20, 5]);
    expect(sectionPageSpans('')).toEqual([{ start: 0, end: 0 }]);
  });

  it('the country page and its JSON twin show the first page and link to the next, under the maximum size', async () => {
    const app = createApp(store);
    const pageRes = await app.request('/countries/XEX/2023');
    expect(pageRes.status).toBe(200);
    const page = await pageRes.text();
    expect(Buffer.byteLength(page)).toBeLessThan(MAX_BYTES);
    expect(page).toContain(`href="/countries/XEX/2023/sections/${ord}?page=2"`);
    expect(page).toMatch(/This section holds [\d,]+ characters; shown here: page 1 of \d+/);
    const twinRes = await app.request('/countries/XEX/2023.json');
    const twinText = await twinRes.text();
    expect(Buffer.byteLength(twinText)).toBeLessThan(MAX_BYTES);
    const twin = JSON.parse(twinText) as { assessment: { sections: { text: string; folded?: { sectionPage: number; sectionPages: number; next: string; chars: number } }[] } };
    const folded = twin.assessment.sections[ord - 1]!;
    expect(folded.folded).toMatchObject({ sectionPage: 1, next: `/countries/XEX/2023/sections/${ord}?page=2`, chars: sectionText.length });
    expect(sectionText.startsWith(folded.text)).toBe(true);
  });

  it('the section pages, as pages and JSON, walk the whole text by next links', async () => {
    const app = createApp(store);
    let url: string | null = `/countries/XEX/2023/sections/${ord}.json`;
    let text = '';
    let pages = 0;
    while (url) {
      const res = await app.request(url);
      expect(res.status).toBe(200);
      const body = await res.text();
      expect(Buffer.byteLength(body)).toBeLessThan(MAX_BYTES);
      const v = JSON.parse(body) as { text: string; paging: { sectionPage: number; next: string | null } };
      pages++;
      expect(v.paging.sectionPage).toBe(pages);
      text += v.text;
      url = v.paging.next;
    }
    expect(text).toBe(sectionText);
    const html = await app.request(`/countries/XEX/2023/sections/${ord}?page=2`);
    expect(html.status).toBe(200);
    const body = await html.text();
    expect(Buffer.byteLength(body)).toBeLessThan(MAX_BYTES);
    expect(body).toContain(`href="/countries/XEX/2023/sections/${ord}?page=3"`);
    expect(body).toContain(`href="/countries/XEX/2023/sections/${ord}"`);
  });

  it('a page or section that does not exist is a 404; a malformed number a 400', async () => {
    const app = createApp(store);
    expect((await app.request(`/countries/XEX/2023/sections/${ord}?page=99`)).status).toBe(404);
    expect((await app.request('/countries/XEX/2023/sections/99')).status).toBe(404);
    expect((await app.request('/countries/XEX/2023/sections/0')).status).toBe(400);
    expect((await app.request(`/countries/XEX/2023/sections/${ord}?page=x`)).status).toBe(400);
  });
});
