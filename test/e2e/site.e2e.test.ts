/**
 * The site in headless Chromium: the main flow (map → profile → another year → compare → CSV download),
 * keyboard use, pages without JavaScript, the country finder (with and without JavaScript), no third-party requests,
 * no horizontal scrolling at 375 px, axe-core with no violations on every page type at 1366 and 375 px, and
 * screenshots of each (test/screenshots/, git-ignored) to look at.
 */
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestServer } from './server.js';
import { startServer } from './server.js';

const CHROMIUM = '/usr/bin/chromium';
const HAVE_CHROMIUM = existsSync(CHROMIUM);
const SKIP_REASON = `${CHROMIUM} is absent: end-to-end tests skipped (install it with apt-get install -y chromium)`;
const SCREENSHOTS = fileURLToPath(new URL('../screenshots/', import.meta.url));
const require = createRequire(import.meta.url);
const AXE = require.resolve('axe-core/axe.min.js');

if (!HAVE_CHROMIUM) console.warn(SKIP_REASON);

describe.skipIf(!HAVE_CHROMIUM)(`the site in Chromium${HAVE_CHROMIUM ? '' : ` (${SKIP_REASON})`}`, () => {
  let server: TestServer;
  let browser: Browser;
  const requests: string[] = [];

  beforeAll(async () => {
    server = await startServer();
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-quic', '--no-first-run', '--disable-component-update', '--disable-sync'],
    });
    mkdirSync(SCREENSHOTS, { recursive: true });
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  /** `bypassCSP` only to inject axe-core (an inline script the site's CSP rightly refuses). */
  async function open(width: number, opts: { javaScriptEnabled?: boolean; bypassCSP?: boolean } = {}): Promise<{ context: BrowserContext; page: Page }> {
    const context = await browser.newContext({ viewport: { width, height: 900 }, acceptDownloads: true, ...opts });
    const page = await context.newPage();
    page.on('request', (r) => requests.push(r.url()));
    return { context, page };
  }

  it('goes from the map to a profile, another year, compare and a CSV download', async () => {
    const { context, page } = await open(1280);
    await page.goto(`${server.url}/`);
    expect(await page.locator('h1').textContent()).toBe('The Trafficking in Persons Report, country by country');
    // Click Tajikistan on the map.
    // The map shows the latest report year, and links each country to that year of its profile.
    await page.locator('svg.world-map a[href^="/countries/TJK/"]').click();
    await page.waitForURL(/\/countries\/TJK\/\d{4}$/);
    expect(await page.locator('h1').textContent()).toMatch(/^TAJIKISTAN \(/);
    // Switch year.
    await page.locator('nav.years a', { hasText: '2019' }).click();
    await page.waitForURL(`${server.url}/countries/TJK/2019`);
    expect(await page.locator('h1').textContent()).toBe('TAJIKISTAN (Tier 2)');
    // Open compare, add two countries.
    await page.getByRole('link', { name: 'Compare Tajikistan with other countries' }).click();
    await page.waitForURL(/\/compare\?c=TJK$/);
    await page.getByLabel('Countries', { exact: true }).fill('TJK,UZB,KAZ');
    await page.getByRole('button', { name: 'Compare' }).click();
    await page.waitForURL(/\/compare\?c=TJK%2CUZB%2CKAZ$/);
    expect(await page.locator('svg.compare-chart .cmp-series').count()).toBe(3);
    // Download a CSV.
    await page.getByRole('navigation', { name: 'Site' }).getByRole('link', { name: 'Data' }).click();
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Tier placements (CSV)' }).click()]);
    expect(download.suggestedFilename()).toBe('tier-placements.csv');
    const csv = readFileSync((await download.path())!, 'utf8');
    expect(csv.split('\n')[0]).toBe('report_year,country_id,country_name,region,tier,asterisk,origin,source,document_id,superseded_shipped_tier,official_url');
    expect(csv).toMatch(/^2019,TJK,Tajikistan,SCA,Tier 2,/m);
    await context.close();
  });

  it('works with the keyboard: skip link, map links, year selector', async () => {
    const { context, page } = await open(1280);
    await page.goto(`${server.url}/?year=2013`);
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Skip to content');
    await page.keyboard.press('Enter');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('main');
    // Tab on until a country of the map has the focus; Enter opens its profile at the year shown.
    let href: string | null = null;
    for (let i = 0; i < 30 && !href; i++) {
      await page.keyboard.press('Tab');
      href = await page.evaluate(() => (document.activeElement?.closest('svg.world-map a') ? document.activeElement.getAttribute('href') : null));
    }
    expect(href).toMatch(/^\/countries\/[A-Z]{3}\/2013$/);
    await page.keyboard.press('Enter');
    await page.waitForURL(`${server.url}${href}`);
    await context.close();
  });

  it('shows a tooltip of its own over the map on hover and focus, dismissed with Escape, without moving the page', async () => {
    for (const width of [1366, 375]) {
      const { context, page } = await open(width);
      await page.goto(`${server.url}/?year=2013`);
      const country = page.locator('svg.world-map a[data-tip]').first();
      const name = await country.getAttribute('aria-label');
      const tip = page.locator('.map-tip');
      const height = await page.evaluate(() => document.documentElement.scrollHeight);
      await country.hover();
      expect(await tip.isVisible()).toBe(true);
      expect(await tip.locator('strong').textContent()).toBe(name!.slice(0, name!.indexOf(': ')));
      expect(await tip.getAttribute('aria-hidden')).toBe('true');
      // Clear of the pointer (the tip takes no pointer events and stands off it) and no layout shift.
      expect(await tip.evaluate((el) => getComputedStyle(el).pointerEvents)).toBe('none');
      expect(await page.evaluate(() => document.documentElement.scrollHeight)).toBe(height);
      // The browser's own tooltip is gone; the link keeps its name.
      expect(await page.locator('svg.world-map a title').count()).toBe(0);
      expect(await country.getAttribute('aria-label')).toBe(name);
      await page.keyboard.press('Escape');
      expect(await tip.isVisible()).toBe(false);
      await page.mouse.move(0, 0);
      await country.focus();
      expect(await tip.isVisible()).toBe(true);
      await page.keyboard.press('Escape');
      expect(await tip.isVisible()).toBe(false);
      await context.close();
    }
  });

  it('works without JavaScript: the year form, the filters and sorting are plain GET', async () => {
    const { context, page } = await open(1280, { javaScriptEnabled: false });
    await page.goto(`${server.url}/`);
    await page.getByLabel('Report year').selectOption('2012');
    await page.getByRole('button', { name: 'Show' }).click();
    await page.waitForURL(`${server.url}/?year=2012`);
    expect(await page.locator('#map-h').textContent()).toBe('Tier placements in the 2012 report');
    await page.goto(`${server.url}/countries`);
    await page.getByLabel('Region').selectOption('SCA');
    await page.getByLabel('Tier').selectOption('2');
    await page.getByRole('button', { name: 'Apply' }).click();
    await page.waitForURL(/\/countries\?region=SCA&tier=2/);
    const tiers = await page.locator('#countries tbody tr td:nth-child(2) .tier').allTextContents();
    expect(tiers.length).toBeGreaterThan(0);
    expect(new Set(tiers)).toEqual(new Set(['Tier 2']));
    await page.locator('th[data-sort="tier"] a').click();
    await page.waitForURL(/sort=tier/);
    await context.close();
  });

  it('sorts the countries table in the page when JavaScript runs', async () => {
    const { context, page } = await open(1280);
    await page.goto(`${server.url}/countries`);
    const url = page.url();
    await page.locator('th[data-sort="region"] a').click();
    expect(page.url()).toBe(url); // sorted here, not reloaded
    expect(await page.locator('th[data-sort="region"]').getAttribute('aria-sort')).toBe('ascending');
    const regions = await page.locator('#countries tbody tr td:nth-child(4)').allTextContents();
    expect(regions).toEqual([...regions].sort((a, b) => a.localeCompare(b)));
    await context.close();
  });

  it('serves well-formed Atom', async () => {
    const { context, page } = await open(1280);
    await page.goto(`${server.url}/data`);
    for (const feed of ['/feeds/changes.atom', '/countries/TJK/feed.atom']) {
      const result = await page.evaluate(async (u) => {
        const xml = await (await fetch(u)).text();
        const doc = new DOMParser().parseFromString(xml, 'application/xml');
        return { error: doc.getElementsByTagName('parsererror').length, root: doc.documentElement.namespaceURI, entries: doc.getElementsByTagName('entry').length };
      }, feed);
      expect(result, feed).toMatchObject({ error: 0, root: 'http://www.w3.org/2005/Atom' });
      expect(result.entries, feed).toBeGreaterThan(0);
    }
    await context.close();
  });

  it('finds a country with the finder: a combobox with the keyboard when JavaScript runs', async () => {
    const { context, page } = await open(1366);
    await page.goto(`${server.url}/years`);
    const box = page.getByRole('combobox', { name: 'Find a country' });
    await box.fill('myanm');
    const list = page.getByRole('listbox', { name: 'Suggested countries' });
    await list.waitFor();
    expect(await box.getAttribute('aria-expanded')).toBe('true');
    expect(await list.getByRole('option').first().textContent()).toBe('Burma (Myanmar)');
    await box.press('ArrowDown');
    expect(await box.getAttribute('aria-activedescendant')).toBe('finder-opt-0');
    await box.press('Enter');
    await page.waitForURL(`${server.url}/countries/MMR`);
    // Escape closes the list, then clears the box.
    const box2 = page.getByRole('combobox', { name: 'Find a country' });
    await box2.fill('kor');
    await page.getByRole('listbox').waitFor();
    await box2.press('Escape');
    expect(await box2.getAttribute('aria-expanded')).toBe('false');
    await box2.press('Escape');
    expect(await box2.inputValue()).toBe('');
    await context.close();
  });

  it('finds a country without JavaScript: the form lists the matches at /countries?q=', async () => {
    const { context, page } = await open(375, { javaScriptEnabled: false });
    await page.goto(`${server.url}/data`);
    await page.getByRole('searchbox', { name: 'Find a country' }).fill('korea');
    await page.getByRole('button', { name: 'Find' }).click();
    await page.waitForURL(`${server.url}/countries?q=korea`);
    expect(await page.locator('h1').textContent()).toBe('Countries matching “korea”');
    expect(await page.locator('#countries tbody tr td:first-child a').allTextContents()).toEqual(['Korea, North', 'Korea, South']);
    await context.close();
  });

  /** Every page type of the site. */
  const PAGES: [name: string, path: string][] = [
    ['home', '/'],
    ['home-goods', '/?layer=goods'],
    ['profile', '/countries/TJK'],
    ['profile-year', '/countries/TJK/2019'],
    ['diff', '/countries/TJK/diff/2022/2023'],
    ['countries', '/countries'],
    ['countries-good', '/countries?good=cotton'],
    ['finder', '/countries?q=korea'],
    ['years', '/years'],
    ['year', '/years/2023'],
    ['compare', '/compare?c=TJK,UZB,KAZ'],
    ['search', '/search?q=labor'],
    ['data', '/data'],
    ['api', '/api'],
    ['not-found', '/nowhere'],
  ];

  for (const [name, path] of PAGES) {
    it(`${name}: no axe violations, no horizontal scroll at 375 px, screenshots at 1366 and 375 px`, async () => {
      if (name === 'diff' && !server.seeded) return; // the diff needs two imported narratives (../shared absent)
      for (const width of [1366, 375]) {
        const { context, page } = await open(width, { bypassCSP: true });
        await page.goto(`${server.url}${path}`);
        await page.addScriptTag({ path: AXE });
        const violations = await page.evaluate(async () => {
          const r = await (window as unknown as { axe: { run(): Promise<{ violations: { id: string; impact: string; nodes: { target: string[] }[] }[] }> } }).axe.run();
          return r.violations.map((v) => `${v.id} (${v.impact}): ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(', ')}`);
        });
        expect(violations, `${path} at ${width}px`).toEqual([]);
        const { scrollWidth, clientWidth } = await page.evaluate(() => ({ scrollWidth: document.documentElement.scrollWidth, clientWidth: document.documentElement.clientWidth }));
        expect(scrollWidth, `${path} scrolls sideways at ${width}px`).toBeLessThanOrEqual(clientWidth);
        if (width === 375) {
          // Charts too wide for the screen open on their latest years (scrolled to the right end).
          const charts = await page.evaluate(() =>
            Array.from(document.querySelectorAll('.chart-scroll')).map((el) => ({ wide: el.scrollWidth > el.clientWidth, atEnd: Math.abs(el.scrollLeft) < 2 && getComputedStyle(el).direction === 'rtl' })),
          );
          for (const c of charts) if (c.wide) expect(c.atEnd, `${path}: a chart that does not open on its latest years`).toBe(true);
          // The tier timeline does not fit a phone: it opens on the latest years, with the hint shown.
          if (/^\/(countries\/TJK(\/\d{4})?|compare)(\?|$)/.test(path)) {
            expect(charts.some((c) => c.wide)).toBe(true);
            expect(await page.locator('.scroll-hint').first().isVisible()).toBe(true);
          }
        }
        await page.screenshot({ path: `${SCREENSHOTS}${name}-${width}.png`, fullPage: true });
        await context.close();
      }
    });
  }

  it('made no third-party requests', () => {
    expect(requests.length).toBeGreaterThan(10);
    expect(requests.filter((u) => !u.startsWith(server.url))).toEqual([]);
  });
});
