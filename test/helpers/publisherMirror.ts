import { createHash } from 'node:crypto';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Tier } from '../../src/domain/index.js';
import { layoutTwoColumns, writePdf } from '../../bench/pdf.js';

/**
 * A local stand-in for the publisher, on 127.0.0.1 (port 0), serving fictional countries (test/fixtures/countries.ts)
 * in each era's address and page layout as far as public sources show it (src/ingest/fetch/publisher.ts,
 * ../shared/data/PUBLISHER.md). Every narrative here is written for the tests; none is report text.
 *
 * Known (public sources) and reproduced:
 * - 403 to any User-Agent that does not begin with `Mozilla/5.0` (one public collector's code comment);
 * - 2017+: `/reports/<year>-trafficking-in-persons-report/<slug>/`, the landing page linking every country page,
 *   2019 under `…-report-2/`; 2017–2021 headings in the colon form `EXAMPLIA: Tier 2`, 2022+ `EXAMPLIA (Tier 2)`;
 * - 2014/2016: one page per country at `/j/tip/rls/tiprpt/countries/<year>/<id>.htm` on the archive host (links
 *   written absolute to https://2009-2017.state.gov, as a mirror must rebase them); 2014 headings a bare `Tier 3`
 *   without the country's name, 2016 the colon form;
 * - before 2014: narratives on alphabetical pages ("Country Narratives -- Countries A through L") at
 *   `/j/tip/rls/tiprpt/<year>/<id>.htm`, headings `EXAMPLIA (Tier 2)`, landing `/j/tip/rls/tiprpt/<year>/index.htm`.
 * ASSUMED (not seen in any public source), labelled so in the pages' comments:
 * - the 2014/2016 index: the landing page links a "Country Narratives" page that links each country page by name;
 * - 2014 page titles naming the country (the real title was not seen);
 * - the 2001 landing at `/g/tip/rls/tiprpt/2001/` with one narratives page;
 * - robots.txt content (no copy of the publisher's was found), ETag/Last-Modified, 429/503, redirects.
 */

interface Narrative {
  name: string;
  tier: Tier;
  /** The slug the publisher uses, where it differs from the registry's. */
  slug?: string;
}

const SLUGS: Record<string, string> = {
  Examplia: 'examplia',
  Fictonia: 'fictonia',
  Quuxland: 'quuxland',
  'Zanbar Islands': 'zanbar-islands',
  Nowhereland: 'nowhereland',
  Mirovia: 'mirovia',
};

function compliance(name: string, tier: Tier): string {
  switch (tier) {
    case 'Tier 1':
      return `The Government of ${name} fully meets the minimum standards for the elimination of trafficking; therefore ${name} remained on Tier 1.`;
    case 'Tier 2':
      return `The Government of ${name} does not fully meet the minimum standards for the elimination of trafficking but is making significant efforts to do so; therefore ${name} remained on Tier 2.`;
    case 'Tier 2 Watch List':
      return `The Government of ${name} does not fully meet the minimum standards for the elimination of trafficking but is making significant efforts to do so; therefore ${name} remained on Tier 2 Watch List.`;
    case 'Tier 3':
      return `The Government of ${name} does not fully meet the minimum standards for the elimination of trafficking and is not making significant efforts to do so; therefore ${name} remained on Tier 3.`;
    case 'Special Case':
      return `${name} remains a Special Case for another year in this invented account.`;
  }
}

/** The body of a fictional narrative (our words): compliance paragraph, recommendations, three sections. */
function narrativeBody(name: string, tier: Tier, year: number): string {
  const recs = year >= 2019 ? '<p>PRIORITIZED RECOMMENDATIONS:</p>' : `<p>Recommendations for ${name}:</p>`;
  return (
    `<p>${compliance(name, tier)}</p>${recs}<ul><li>Fund the invented shelters of ${name}.</li><li>Train the imaginary inspectors.</li></ul>` +
    `<p><b>Prosecution</b></p><p>Authorities of ${name} investigated 3 invented cases.</p>` +
    `<p><b>Protection</b></p><p>The government identified 5 imaginary victims.</p>` +
    `<p><b>Prevention</b></p><p>The government held one fictional awareness event.</p>`
  );
}

function heading(name: string, tier: Tier, year: number): string {
  if (year === 2014) return tier; // the bare tier line of the 2014 country pages
  return year >= 2022 || year < 2014 ? `${name.toUpperCase()} (${tier})` : `${name.toUpperCase()}: ${tier}`;
}

const wrap = (title: string, main: string) =>
  `<!doctype html><html><head><meta charset="utf-8"><title>${title}</title></head><body>` +
  `<div class="usa-banner">An official website of the United States government</div><nav><a href="/">Home</a></nav>` +
  `<main>${main}</main><footer><a href="/privacy">Privacy</a></footer></body></html>`;

interface Resource {
  body: string | Buffer;
  type?: string;
  /** Redirect target. */
  location?: string;
}

/** Behaviour the tests switch on and off. */
export interface Trouble {
  /** Address → number of 429s (Retry-After: 0) still to give. */
  tooMany: Map<string, number>;
  /** Address → number of 503s still to give. */
  busy: Map<string, number>;
  /** Addresses whose connection dies midway through the page (while in the set). */
  drop: Set<string>;
}

export interface Hit {
  path: string;
  at: number;
  ua: string | undefined;
  ifNoneMatch: string | undefined;
  ifModifiedSince: string | undefined;
  status: number;
}

export interface Mirror {
  base: string;
  hits: Hit[];
  trouble: Trouble;
  /** The narratives of a mirrored year: name → tier. */
  years: Map<number, Narrative[]>;
  close(): Promise<void>;
}

const ARCHIVE = 'https://2009-2017.state.gov';

/** The site: address → resource. */
function buildSite(): { site: Map<string, Resource>; years: Map<number, Narrative[]> } {
  const site = new Map<string, Resource>();
  const years = new Map<number, Narrative[]>();
  const html = (path: string, body: string) => site.set(path, { body, type: 'text/html; charset=utf-8' });

  site.set('/robots.txt', {
    type: 'text/plain',
    // Assumed content (no public copy of the publisher's robots.txt was found).
    body: 'User-agent: *\nDisallow: /private/\nDisallow: /reports/2025-trafficking-in-persons-report/nowhereland/\n\nUser-agent: BadBot\nDisallow: /\n',
  });

  // ── WordPress years (2017 →) ──
  const wp = (year: number, reportSlug: string, list: Narrative[], extra = '') => {
    years.set(year, list);
    const landing = `/reports/${reportSlug}/`;
    const links = list.map((n) => `<li><a href="${landing}${n.slug ?? SLUGS[n.name]}/">${n.name}</a></li>`).join('');
    html(
      landing,
      wrap(
        `${year} Trafficking in Persons Report - United States Department of State`,
        `<h1>${year} Trafficking in Persons Report</h1><p><a href="${landing}introduction/">Introduction</a> <a href="${landing}tier-placements/">Tier Placements</a></p>` +
          `${extra}<h2>Countries and Areas</h2><ul>${links}</ul>`,
      ),
    );
    for (const n of list) {
      html(
        `${landing}${n.slug ?? SLUGS[n.name]}/`,
        wrap(`${n.name} - United States Department of State`, `<h1>${year} Trafficking in Persons Report: ${n.name}</h1><h2>${heading(n.name, n.tier, year)}</h2>${narrativeBody(n.name, n.tier, year)}`),
      );
    }
    html(`${landing}introduction/`, wrap('Introduction', '<h1>Introduction</h1><p>An invented introduction.</p>'));
  };
  wp(
    2024,
    '2024-trafficking-in-persons-report',
    [
      { name: 'Examplia', tier: 'Tier 2' },
      { name: 'Fictonia', tier: 'Tier 2 Watch List' },
      { name: 'Quuxland', tier: 'Tier 3' },
      // The publisher's slug differs from the registry's (zanbar-islands).
      { name: 'Zanbar Islands', tier: 'Tier 1', slug: 'the-zanbar-islands' },
      { name: 'Nowhereland', tier: 'Special Case' },
      // Linked under an old slug that redirects to the current one.
      { name: 'Mirovia', tier: 'Tier 1', slug: 'mirovian-republic' },
    ],
    '<p><a href="/wp-content/uploads/2024/06/2024-TIP-Report.pdf">Download the 2024 Report [PDF]</a></p><p><a href="/reports/2024-trafficking-in-persons-report/atlantis/">Atlantis</a></p>',
  );
  const oldMirovia = '/reports/2024-trafficking-in-persons-report/mirovian-republic/';
  site.set('/reports/2024-trafficking-in-persons-report/mirovia/', site.get(oldMirovia)!);
  site.set(oldMirovia, { body: '', location: '/reports/2024-trafficking-in-persons-report/mirovia/' });
  // The full report of 2024 as a PDF (two fictional narratives, in the reports' two-column layout).
  site.set('/wp-content/uploads/2024/06/2024-TIP-Report.pdf', {
    type: 'application/pdf',
    body: Buffer.from(
      writePdf(
        layoutTwoColumns(
          [
            { kind: 'chapter', text: '2024 Trafficking in Persons Report' },
            ...(['Examplia', 'Quuxland'] as const).flatMap((name) => [
              { kind: 'heading' as const, text: `${name.toUpperCase()} (${name === 'Examplia' ? 'Tier 2' : 'Tier 3'})` },
              { kind: 'paragraph' as const, text: compliance(name, name === 'Examplia' ? 'Tier 2' : 'Tier 3') },
              { kind: 'paragraph' as const, text: `Authorities of ${name} investigated 3 invented cases and identified 5 imaginary victims.` },
            ]),
          ],
          { runningHeader: 'TRAFFICKING IN PERSONS REPORT' },
        ),
        { title: '2024 Trafficking in Persons Report' },
      ),
    ),
  });
  wp(2025, '2025-trafficking-in-persons-report', [
    { name: 'Examplia', tier: 'Tier 2 Watch List' },
    { name: 'Nowhereland', tier: 'Special Case' },
    { name: 'Mirovia', tier: 'Tier 1' },
  ]);
  // 2023: a country page but no landing page, so the registry's slugs are the fallback.
  html(
    '/reports/2023-trafficking-in-persons-report/examplia/',
    wrap('Examplia - United States Department of State', `<h1>2023 Trafficking in Persons Report: Examplia</h1><h2>EXAMPLIA (Tier 2)</h2>${narrativeBody('Examplia', 'Tier 2', 2023)}`),
  );
  wp(2019, '2019-trafficking-in-persons-report-2', [
    { name: 'Examplia', tier: 'Tier 2' },
    { name: 'Quuxland', tier: 'Tier 2 Watch List' },
  ]);

  // ── Archive years with one page per country (2014, 2016) ──
  const perCountry = (year: number, list: Narrative[], firstId: number) => {
    years.set(year, list);
    const ids = list.map((_, i) => firstId + i);
    html(
      `/j/tip/rls/tiprpt/${year}/index.htm`,
      wrap(
        `Trafficking in Persons Report ${year}`,
        // ASSUMED layout: the landing links a "Country Narratives" page (not seen in public sources).
        `<h1>Trafficking in Persons Report ${year}</h1><ul><li><a href="${year}0001.htm">Letter from the Secretary</a></li><li><a href="${ARCHIVE}/j/tip/rls/tiprpt/${year}/${year}0002.htm">Country Narratives</a></li></ul>`,
      ),
    );
    html(
      `/j/tip/rls/tiprpt/${year}/${year}0002.htm`,
      wrap(
        `Country Narratives`,
        `<h1>Country Narratives</h1><ul>${list.map((n, i) => `<li><a href="${ARCHIVE}/j/tip/rls/tiprpt/countries/${year}/${ids[i]}.htm">${n.name}</a></li>`).join('')}</ul>`,
      ),
    );
    list.forEach((n, i) => {
      // ASSUMED: the title names the country (the 2014 heading does not); no report year in the text (the address has it).
      html(
        `/j/tip/rls/tiprpt/countries/${year}/${ids[i]}.htm`,
        wrap(`${n.name}`, `<h2>Office To Monitor and Combat Trafficking in Persons</h2><h3>${heading(n.name, n.tier, year)}</h3>${narrativeBody(n.name, n.tier, year)}`),
      );
    });
  };
  perCountry(2014, [
    { name: 'Examplia', tier: 'Tier 2' },
    { name: 'Quuxland', tier: 'Tier 3' },
    { name: 'Mirovia', tier: 'Tier 1' },
  ], 226001);
  perCountry(2016, [
    { name: 'Fictonia', tier: 'Tier 2 Watch List' },
    { name: 'Zanbar Islands', tier: 'Tier 1' },
  ], 258001);

  // ── Years of alphabetical pages (2001, 2005) ──
  const blocks = (year: number, dir: 'g' | 'j', landingPath: string, groups: [label: string, id: number, list: Narrative[]][]) => {
    years.set(year, groups.flatMap((g) => g[2]));
    html(
      landingPath,
      wrap(
        `Trafficking in Persons Report ${year}`,
        `<h1>Trafficking in Persons Report</h1><p>Office to Monitor and Combat Trafficking in Persons</p><ul><li><a href="/${dir}/tip/rls/tiprpt/${year}/${year}01.htm">I. Introduction</a></li>` +
          groups.map(([label, id]) => `<li><a href="/${dir}/tip/rls/tiprpt/${year}/${id}.htm">${label}</a></li>`).join('') +
          '</ul>',
      ),
    );
    for (const [label, id, list] of groups) {
      html(
        `/${dir}/tip/rls/tiprpt/${year}/${id}.htm`,
        wrap(
          `${label}`,
          `<p>Trafficking in Persons Report</p><p>Office to Monitor and Combat Trafficking in Persons</p><p>June ${year}</p>` +
            list.map((n) => `<h3>${heading(n.name, n.tier, year)}</h3>${narrativeBody(n.name, n.tier, year)}`).join(''),
        ),
      );
    }
  };
  blocks(2005, 'j', '/j/tip/rls/tiprpt/2005/index.htm', [
    ['V. Country Narratives -- Countries A through L', 46613, [
      { name: 'Examplia', tier: 'Tier 2' },
      { name: 'Fictonia', tier: 'Tier 3' },
    ]],
    ['V. Country Narratives -- Countries M through Z', 46614, [
      { name: 'Mirovia', tier: 'Tier 1' },
      { name: 'Quuxland', tier: 'Tier 2 Watch List' },
      { name: 'Zanbar Islands', tier: 'Tier 2' },
    ]],
  ]);
  // ASSUMED: the 2001 landing page and layout were not seen.
  blocks(2001, 'g', '/g/tip/rls/tiprpt/2001/', [
    ['Country Narratives', 4107, [
      { name: 'Examplia', tier: 'Tier 2' },
      { name: 'Mirovia', tier: 'Tier 1' },
    ]],
  ]);
  return { site, years };
}

const etagOf = (body: string | Buffer) => `"${createHash('sha256').update(body).digest('hex').slice(0, 16)}"`;
const LAST_MODIFIED = 'Mon, 24 Jun 2024 12:00:00 GMT';

export async function startMirror(extra: Record<string, Resource> = {}): Promise<Mirror> {
  const { site, years } = buildSite();
  for (const [k, v] of Object.entries(extra)) site.set(k, v);
  const hits: Hit[] = [];
  const trouble: Trouble = { tooMany: new Map(), busy: new Map(), drop: new Set() };
  const server: Server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const path = (req.url ?? '/').split('?')[0]!;
    const ua = req.headers['user-agent'];
    const hit: Hit = {
      path, at: Date.now(), ua, status: 0,
      ifNoneMatch: req.headers['if-none-match'] as string | undefined,
      ifModifiedSince: req.headers['if-modified-since'] as string | undefined,
    };
    hits.push(hit);
    const send = (status: number, headers: Record<string, string> = {}, body: string | Buffer = '') => {
      hit.status = status;
      res.writeHead(status, headers).end(body);
    };
    // The publisher's rule, as documented publicly: 403 unless the User-Agent begins with Mozilla/5.0.
    if (!ua?.startsWith('Mozilla/5.0')) return send(403, { 'content-type': 'text/html' }, '<h1>Access Denied</h1>');
    const left = (m: Map<string, number>) => {
      const n = m.get(path) ?? 0;
      if (n > 0) m.set(path, n - 1);
      return n > 0;
    };
    if (left(trouble.tooMany)) return send(429, { 'retry-after': '0' }, 'slow down');
    if (left(trouble.busy)) return send(503, {}, 'busy');
    const r = site.get(path);
    if (!r) return send(404, { 'content-type': 'text/html' }, '<h1>Page not found</h1>');
    if (r.location) return send(301, { location: r.location });
    const body = typeof r.body === 'string' ? Buffer.from(r.body, 'utf8') : r.body;
    const etag = etagOf(body);
    if (hit.ifNoneMatch === etag || (!hit.ifNoneMatch && hit.ifModifiedSince === LAST_MODIFIED)) return send(304, { etag, 'last-modified': LAST_MODIFIED });
    const headers = { 'content-type': r.type ?? 'text/html', 'content-length': String(body.length), etag, 'last-modified': LAST_MODIFIED };
    if (trouble.drop.has(path)) {
      hit.status = 200;
      res.writeHead(200, headers);
      res.write(body.subarray(0, 100));
      setTimeout(() => res.socket?.destroy(), 5);
      return;
    }
    send(200, headers, body);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { base, hits, trouble, years, close: () => new Promise<void>((r) => server.close(() => r())) };
}
