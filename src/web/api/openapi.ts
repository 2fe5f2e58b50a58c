/**
 * The OpenAPI 3.1 description of every route, HTML pages included (each page has a `.json` twin). A test fails
 * when a route of the app has no entry here.
 */
import { REGION_NAMES, TIER_CODES, TIERS } from '../../domain/index.js';
import { DOWNLOADS } from '../exports.js';
import type { ColumnDoc } from '../exports.js';
import { COUNTRY_SORTS, MAX_COMPARE } from '../../views/views.js';
import { analysisPaths, analysisSchemas } from './openapiAnalysis.js';

type Json = Record<string, unknown>;

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });

const P = {
  id: {
    name: 'id',
    in: 'path',
    required: true,
    description: 'ISO 3166-1 alpha-3 country code (`TJK`; `XKX` for Kosovo). A publisher slug (`tajikistan`) redirects to the code.',
    schema: { type: 'string', pattern: '^[A-Za-z]{3}$' },
    example: 'TJK',
  },
  yearPath: {
    name: 'year',
    in: 'path',
    required: true,
    description: 'A report year (the year on the report’s cover), 2001–2030.',
    schema: { type: 'integer', minimum: 2001, maximum: 2030 },
    example: 2023,
  },
  year: {
    name: 'year',
    in: 'query',
    description: 'A report year, 2001–2030.',
    schema: { type: 'integer', minimum: 2001, maximum: 2030 },
  },
  region: {
    name: 'region',
    in: 'query',
    description: `A region code or name: ${Object.entries(REGION_NAMES)
      .map(([k, v]) => `${k} (${v})`)
      .join(', ')}.`,
    schema: { type: 'string' },
  },
  tier: {
    name: 'tier',
    in: 'query',
    description: `A tier code (${TIERS.map((t) => `${TIER_CODES[t]} = ${t}`).join(', ')}) or name.`,
    schema: { type: 'string' },
  },
  sort: {
    name: 'sort',
    in: 'query',
    description: 'Sort order of the list.',
    schema: { type: 'string', enum: [...COUNTRY_SORTS], default: 'name' },
  },
  good: {
    name: 'good',
    in: 'query',
    description: 'A good on the U.S. Department of Labor’s List of Goods Produced by Child Labor or Forced Labor (any case, e.g. `cotton`): only the countries it is listed for, each with the kinds of labour listed. An unknown good is a 404.',
    schema: { type: 'string' },
    example: 'cotton',
  },
  layer: {
    name: 'layer',
    in: 'query',
    description: 'What the map colours countries by: `tiers` (default) or `goods` (whether the Department of Labor’s List names goods produced with forced labor).',
    schema: { type: 'string', enum: ['tiers', 'goods'], default: 'tiers' },
  },
  q: {
    name: 'q',
    in: 'query',
    description: 'The country finder: only countries whose name or another name (alias) contains this, case, accents and punctuation ignored (`kor`, `burma`, `cote`). With no match the answer carries `suggestions`, the known names most like it.',
    schema: { type: 'string' },
  },
  c: {
    name: 'c',
    in: 'query',
    description: `Up to ${MAX_COMPARE} country codes, comma-separated.`,
    schema: { type: 'string' },
    example: 'TJK,UZB,KAZ',
  },
} as const;

const ERR = (description: string) => ({ description, content: { 'application/json': { schema: ref('Error') } } });
const HTML_OK = (description: string) => ({ description, content: { 'text/html': { schema: { type: 'string' } } } });
const JSON_OK = (description: string, schema: Json) => ({ description, content: { 'application/json': { schema } } });

interface Op {
  summary: string;
  description?: string;
  tags: string[];
  parameters?: readonly Json[];
  responses: Json;
  /** Why no example address is given (the /api page says what the route needs instead). */
  'x-example-needs'?: string;
}

function get(op: Op): Json {
  const responses: Json = { ...op.responses };
  return { get: { ...op, parameters: op.parameters ? [...op.parameters] : undefined, responses } };
}

function columnsSchema(columns: ColumnDoc[]): Json {
  return {
    type: 'object',
    properties: Object.fromEntries(
      columns.map((c) => [
        c.name,
        { type: c.nullable ? [c.type, 'null'] : c.type, description: c.description },
      ]),
    ),
  };
}

const errors = {
  '400': ERR('A bad parameter (the message says which and why).'),
  '404': ERR('Nothing is known by that name or year.'),
};

export function openApiDocument(): Json {
  const paths: Json = {
    // Analyses (routes/analysis.ts): search, narrative diffs, indicators, recommendation tracking.
    ...analysisPaths(),
    '/': get({
      summary: 'Home: world map of tier placements',
      description: 'The map of a report year (the latest by default), tier counts and the movements since the previous report. `?layer=goods` colours the map by the Department of Labor’s List instead.',
      tags: ['pages'],
      parameters: [P.year, P.layer],
      responses: { '200': HTML_OK('The page.'), ...errors },
    }),
    '/index.json': get({
      summary: 'Home as JSON',
      tags: ['api'],
      parameters: [P.year],
      responses: { '200': JSON_OK('Every country’s status in the year, tier counts and movements.', ref('Home')), ...errors },
    }),
    '/countries': get({
      summary: 'All countries with their tier',
      tags: ['pages'],
      parameters: [P.region, P.tier, P.year, P.sort, P.good, P.q],
      responses: { '200': HTML_OK('The list.'), '400': errors['400'], '404': errors['404'] },
    }),
    '/countries.json': get({
      summary: 'All countries as JSON',
      description: 'Without ?year=: each country’s latest known placement. With it: each country’s status in that report.',
      tags: ['api'],
      parameters: [P.region, P.tier, P.year, P.sort, P.good, P.q],
      responses: { '200': JSON_OK('The list.', ref('Countries')), ...errors },
    }),
    '/countries/{id}': get({
      summary: 'Country profile',
      description: 'Heading with the tier, summary, numbered recommendations, full sections, tier timeline and citations, for the latest year held.',
      tags: ['pages'],
      parameters: [P.id],
      responses: { '200': HTML_OK('The profile.'), '301': { description: 'A slug or lower-case code: redirect to the code.' }, '404': errors['404'] },
    }),
    '/countries/{id}.json': get({
      summary: 'Country profile as JSON',
      tags: ['api'],
      parameters: [P.id],
      responses: { '200': JSON_OK('The profile (the same document as `tip-atlas show --json`).', ref('Profile')), '404': errors['404'] },
    }),
    '/countries/{id}/{year}': get({
      summary: 'Country profile for one report year',
      tags: ['pages'],
      parameters: [P.id, P.yearPath],
      responses: { '200': HTML_OK('The profile.'), ...errors },
    }),
    '/countries/{id}/{year}.json': get({
      summary: 'Country profile for one report year, as JSON',
      tags: ['api'],
      parameters: [P.id, P.yearPath],
      responses: { '200': JSON_OK('The profile.', ref('Profile')), ...errors },
    }),
    '/countries/{id}/feed.atom': get({
      summary: 'Atom feed of a country’s placements',
      tags: ['feeds'],
      parameters: [P.id],
      responses: {
        '200': { description: 'An Atom feed, one entry per placement.', content: { 'application/atom+xml': { schema: { type: 'string' } } } },
        '404': errors['404'],
      },
    }),
    '/years': get({
      summary: 'Report years with tier counts',
      tags: ['pages'],
      responses: { '200': HTML_OK('The list.') },
    }),
    '/years.json': get({
      summary: 'Report years as JSON',
      tags: ['api'],
      responses: { '200': JSON_OK('Report years, newest first, with tier counts and whether each list is complete.', ref('Years')) },
    }),
    '/years/{year}': get({
      summary: 'The tier lists of one report',
      description: 'Every placement of the year by tier, each marked against the previous report, with counts and sources.',
      tags: ['pages'],
      parameters: [P.yearPath, P.region, P.tier],
      responses: { '200': HTML_OK('The page.'), ...errors },
    }),
    '/years/{year}.json': get({
      summary: 'The tier lists of one report, as JSON',
      tags: ['api'],
      parameters: [P.yearPath, P.region, P.tier],
      responses: { '200': JSON_OK('The year.', ref('Year')), ...errors },
    }),
    '/compare': get({
      summary: 'Compare countries',
      description: 'Tier timelines on one axis and the latest imported summaries side by side.',
      tags: ['pages'],
      parameters: [P.c],
      responses: { '200': HTML_OK('The page (a form when no country is given).'), ...errors },
    }),
    '/compare.json': get({
      summary: 'Compare countries, as JSON',
      tags: ['api'],
      parameters: [{ ...P.c, required: true }],
      responses: { '200': JSON_OK('Timelines and latest narratives.', ref('Compare')), ...errors },
    }),
    '/data': get({ summary: 'Downloads, their columns and sources', tags: ['pages'], responses: { '200': HTML_OK('The page.') } }),
    '/data.json': get({
      summary: 'Downloads as JSON',
      tags: ['api'],
      responses: { '200': JSON_OK('Downloads with their columns, imported documents.', { type: 'object' }) },
    }),
    '/feeds/changes.atom': get({
      summary: 'Atom feed of tier changes',
      description: 'Every change of tier between consecutive reports, newest first; imported placements are dated by their import, shipped ones by June 30 of the report year.',
      tags: ['feeds'],
      responses: { '200': { description: 'An Atom feed.', content: { 'application/atom+xml': { schema: { type: 'string' } } } } },
    }),
    '/api': get({ summary: 'This API, as a readable page', tags: ['pages'], responses: { '200': HTML_OK('The page.') } }),
    '/api/openapi.json': get({
      summary: 'This OpenAPI document',
      tags: ['api'],
      responses: { '200': JSON_OK('OpenAPI 3.1.', { type: 'object' }) },
    }),
    '/assets/style.css': get({
      summary: 'The site’s stylesheet',
      tags: ['assets'],
      responses: { '200': { description: 'CSS.', content: { 'text/css': { schema: { type: 'string' } } } } },
    }),
    '/assets/countries.json': get({
      summary: 'The country finder’s names',
      description: 'Every country the site lists as `[id, name, aliases, keys]`, keys being each spelling’s comparison form; fetched by the site’s script when the finder is first used.',
      tags: ['assets'],
      responses: { '200': JSON_OK('The names.', { type: 'array', items: { type: 'array' } }) },
    }),
    '/favicon.svg': get({
      summary: 'The site’s icon',
      tags: ['assets'],
      responses: { '200': { description: 'SVG.', content: { 'image/svg+xml': { schema: { type: 'string' } } } } },
    }),
    '/robots.txt': get({
      summary: 'Rules for crawlers',
      description: 'Everything may be crawled but the whole-database download; names the sitemap when the public URL is configured.',
      tags: ['assets'],
      responses: { '200': { description: 'robots.txt.', content: { 'text/plain': { schema: { type: 'string' } } } } },
    }),
    '/sitemap.xml': get({
      summary: 'Sitemap of every public page',
      description: 'Absolute addresses, so only when the site’s public URL is configured (`serve --public-url`); otherwise 404 saying so.',
      tags: ['assets'],
      'x-example-needs': 'the site’s public URL (serve --public-url)',
      responses: { '200': { description: 'A sitemaps.org 0.9 sitemap.', content: { 'application/xml': { schema: { type: 'string' } } } }, '404': ERR('No public URL is configured.') },
    }),
    '/assets/site.js': get({
      summary: 'The site’s script (progressive enhancement only)',
      tags: ['assets'],
      responses: { '200': { description: 'JavaScript.', content: { 'text/javascript': { schema: { type: 'string' } } } } },
    }),
  };
  for (const d of DOWNLOADS) {
    const isCsv = d.mediaType === 'text/csv';
    const schema: Json =
      d.mediaType === 'text/csv'
        ? { type: 'string', description: `CSV with a header row; each row: ${JSON.stringify(columnsSchema(d.columns))}` }
        : d.mediaType === 'application/json'
          ? { type: 'object' }
          : { type: 'string', format: 'binary' };
    paths[d.path] = get({
      summary: d.title,
      description: d.description + (d.columns.length ? ` Columns: ${d.columns.map((c) => `${c.name} — ${c.description}`).join(' ')}` : ''),
      tags: ['data'],
      ...(d.filters ? { parameters: [P.year, P.region, P.tier] } : {}),
      responses: {
        '200': { description: d.title, content: { [isCsv ? 'text/csv' : d.mediaType]: { schema } } },
        ...(d.filters ? { '400': errors['400'] } : {}),
      },
    });
  }

  const tierEnum = { type: 'string', enum: [...TIERS] };
  const citation = {
    type: 'object',
    description:
      'Where a fact comes from: `official` is the publication (U.S. Department of State, YYYY Trafficking in Persons Report: Country) with the publisher’s address (`url`: the country page, else the report’s page; null with a `note` saying why); `howWeKnow` is what it was compiled from, in words. Documents are named by their public address, never a local path.',
    properties: {
      reportYear: { type: 'integer' },
      section: { type: 'string' },
      official: {
        type: 'object',
        properties: {
          publisher: { type: 'string' }, reportYear: { type: 'integer' }, reportTitle: { type: 'string' }, countryName: { type: ['string', 'null'] },
          title: { type: 'string' }, releaseDate: { type: ['string', 'null'] }, url: { type: ['string', 'null'] },
          urlKind: { type: ['string', 'null'], enum: ['country page', 'report landing page', 'archived report landing page', 'report table of contents', null] },
          note: { type: ['string', 'null'] },
        },
      },
      howWeKnow: { type: 'object', properties: { text: { type: 'string' }, source: { type: 'string' } } },
      document: { type: ['object', 'null'], properties: { id: { type: 'integer' }, publicUrl: { type: ['string', 'null'] }, sha256: { type: 'string' }, importedAt: { type: 'string' } } },
      source: { type: 'string' },
      span: { type: 'object', properties: { start: { type: 'integer' }, end: { type: 'integer' } } },
    },
  };
  const placementRef = {
    type: 'object',
    properties: {
      reportYear: { type: 'integer' },
      tier: tierEnum,
      asterisk: { type: 'boolean' },
      origin: { type: 'string', enum: ['shipped', 'imported'] },
      source: { type: 'string' },
    },
  };
  const countryRef = {
    type: 'object',
    properties: { id: { type: 'string' }, name: { type: 'string' }, region: { type: 'string' }, regionName: { type: 'string' } },
  };
  return {
    openapi: '3.1.0',
    info: {
      title: 'TIP Atlas',
      version: '0.1.0',
      description:
        'The U.S. State Department’s Trafficking in Persons Report, country by country, as cited facts. Every HTML page has a `.json` twin. ' +
        'Every JSON error has the shape `{ok: false, status, error}`: 400 for a bad parameter, 404 for an unknown country or year, 405 (with `Allow: GET, HEAD`) for another method. ' +
        'All GET responses with JSON allow any origin (CORS). Tier placements of years whose compiled list is incomplete say “not known” for a missing country, never “not in the report”; ' +
        'a country the registry says did not exist that year is “did-not-exist”.',
      license: { name: 'MIT', identifier: 'MIT' },
    },
    tags: [
      { name: 'pages', description: 'HTML pages (each has a JSON twin).' },
      { name: 'api', description: 'JSON.' },
      { name: 'data', description: 'Downloads.' },
      { name: 'feeds', description: 'Atom feeds.' },
      { name: 'assets', description: 'Static assets.' },
    ],
    paths,
    components: {
      schemas: {
        Error: {
          type: 'object',
          required: ['ok', 'status', 'error'],
          properties: { ok: { const: false }, status: { type: 'integer' }, error: { type: 'string' } },
        },
        Citation: citation,
        PlacementRef: placementRef,
        CountryRef: countryRef,
        Home: {
          type: 'object',
          properties: {
            reportYear: { type: 'integer' },
            complete: { type: 'boolean' },
            counts: { type: 'object', additionalProperties: { type: 'integer' } },
            movements: { type: 'object' },
            countries: {
              type: 'array',
              items: {
                allOf: [ref('CountryRef')],
                properties: { status: { enum: ['placed', 'not-known', 'not-in-report', 'did-not-exist'] }, placement: { oneOf: [ref('PlacementRef'), { type: 'null' }] } },
              },
            },
          },
        },
        Countries: {
          type: 'object',
          properties: {
            reportYear: { type: ['integer', 'null'] },
            complete: { type: ['boolean', 'null'] },
            filters: { type: 'object' },
            count: { type: 'integer' },
            countries: {
              type: 'array',
              items: {
                allOf: [ref('CountryRef')],
                properties: {
                  status: { enum: ['latest', 'never-placed', 'placed', 'not-known', 'not-in-report', 'did-not-exist'] },
                  placement: { oneOf: [ref('PlacementRef'), { type: 'null' }] },
                },
              },
            },
          },
        },
        Profile: {
          type: 'object',
          properties: {
            country: ref('CountryRef'),
            reportYear: { type: ['integer', 'null'] },
            placement: { type: ['object', 'null'] },
            assessment: { type: ['object', 'null'], description: 'The imported narrative: summary, recommendations, sections, each with a citation.' },
            timeline: { type: 'array', items: { type: 'object', properties: { reportYear: { type: 'integer' }, status: { enum: ['placed', 'not-known', 'not-in-report', 'did-not-exist'] } } } },
            yearStatus: { enum: ['placed', 'not-known', 'not-in-report', 'did-not-exist', null], description: 'The status of the year shown.' },
            tierConflicts: {
              type: 'array',
              description: 'Years without a placement whose sources disagree on the tier: `sightings` reads “Tier 2 (source) / Tier 3 (source)”.',
              items: { type: 'object', properties: { reportYear: { type: 'integer' }, sightings: { type: 'string' } } },
            },
            narrativeYears: { type: 'array', items: { type: 'integer' } },
            versions: {
              type: ['object', 'null'],
              description: 'Every document held for the narrative shown, which is shown and why (`rule`; each other version’s `whyNotShown`).',
            },
            cite: {
              type: ['object', 'null'],
              description: '“Cite this”: `official` (the publication and its address), `permalink` (this site’s page of the fact), `plain`, `bibtex`, `cslJson` and `ris`.',
              properties: { official: { type: 'object', description: 'As a Citation’s `official`.' }, permalink: { type: 'string' }, plain: { type: 'string' }, bibtex: { type: 'string' }, cslJson: { type: 'string' }, ris: { type: 'string' } },
            },
            context: {
              type: 'object',
              description:
                'Beside the narrative: `goods` (the Department of Labor’s List: good, sector, kinds, with the edition in `source`; null when none is listed) and `unodc` (UNODC’s figures by calendar year: `series` of totals with null for “no data”, `breakdowns` by sex, age and form of exploitation, values as written such as `<5`, the export date in `source`, and `beside`: the TIP Report’s stated figure for the following report year; null when UNODC holds none).',
              properties: { goods: { type: ['object', 'null'] }, unodc: { type: ['object', 'null'] } },
            },
          },
        },
        Years: { type: 'object', properties: { years: { type: 'array', items: { type: 'object' } } } },
        Year: {
          type: 'object',
          properties: {
            reportYear: { type: 'integer' },
            complete: { type: 'boolean' },
            known: { type: 'integer' },
            counts: { type: 'object', additionalProperties: { type: 'integer' } },
            tiers: { type: 'array', items: { type: 'object' } },
            notKnown: { type: 'array', items: ref('CountryRef') },
            sources: { type: 'array', items: { type: 'object' } },
          },
        },
        Compare: { type: 'object', properties: { ids: { type: 'array', items: { type: 'string' } }, countries: { type: 'array', items: { type: 'object' } } } },
        ...analysisSchemas(),
      },
    },
  };
}
