import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Store } from '../../src/store/index.js';
import { createApp } from '../../src/web/app.js';
import { parsePublicUrl } from '../../src/web/publicUrl.js';
import { openSeededStore } from '../helpers/webStore.js';

/** Pages and documents that hold links, asked for with a hostile Host header. */
const PATHS = ['/', '/countries', '/countries/TJK', '/countries/TJK/2012', '/countries/TJK.json', '/countries/TJK/feed.atom', '/feeds/changes.atom', '/years/2023', '/data', '/api', '/api/openapi.json', '/search?q=labor', '/nope'];
const EVIL = 'cache-poison.invalid';

let store: Store;
beforeAll(async () => {
  store = (await openSeededStore()).store;
});
afterAll(() => store.close());

async function get(app: ReturnType<typeof createApp>, path: string) {
  const res = await app.request(`http://${EVIL}${path}`, { headers: { Host: EVIL, 'X-Forwarded-Host': EVIL } });
  const lines: string[] = [];
  res.headers.forEach((v, k) => lines.push(`${k}: ${v}`));
  const headers = lines.join('\n');
  return { status: res.status, text: `${headers}\n\n${await res.text()}` };
}

describe('the Host header never appears in a response', () => {
  it('without a public address: links are relative', async () => {
    const app = createApp(store);
    for (const path of PATHS) {
      const { text } = await get(app, path);
      expect(text, path).not.toContain(EVIL);
    }
    const feed = (await get(app, '/feeds/changes.atom')).text;
    expect(feed).toContain('<link rel="self" type="application/atom+xml" href="/feeds/changes.atom"/>');
  });

  it('with a public address: absolute links use it, whatever the Host', async () => {
    const app = createApp(store, { publicUrl: parsePublicUrl('https://atlas.example.org/tip/') });
    for (const path of PATHS) expect((await get(app, path)).text, path).not.toContain(EVIL);
    const feed = (await get(app, '/countries/TJK/feed.atom')).text;
    expect(feed).toContain('href="https://atlas.example.org/tip/countries/TJK/feed.atom"');
    const page = (await get(app, '/countries/TJK/2012')).text;
    expect(page).toContain('Compiled in TIP Atlas: https://atlas.example.org/tip/countries/TJK/2012#tier');
  });

  it('a cached page is the same whatever Host asked for it first', async () => {
    const app = createApp(store);
    const a = await app.request(`http://${EVIL}/countries/TJK`);
    const b = await app.request('http://localhost/countries/TJK');
    expect(a.headers.get('ETag')).toBe(b.headers.get('ETag'));
  });
});

describe('parsePublicUrl', () => {
  it('takes an http(s) base, without its trailing slash', () => {
    expect(parsePublicUrl('https://atlas.example.org/')).toBe('https://atlas.example.org');
    expect(parsePublicUrl('http://example.org:8080/a/b//')).toBe('http://example.org:8080/a/b');
  });
  it('refuses anything else, saying what it wants', () => {
    for (const bad of ['atlas.example.org', 'ftp://example.org', 'https://u:p@example.org', 'https://example.org/?q=1', 'javascript:alert(1)']) {
      expect(() => parsePublicUrl(bad), bad).toThrow(/public URL must be an/);
    }
  });
});
