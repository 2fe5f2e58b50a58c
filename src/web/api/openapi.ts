/**
 * The OpenAPI 3.1 document: its paths are the operations of the route table (every route describes itself, see
 * routes/define.ts); what is written here is what is not a route: the document's head, tags and the schemas of
 * the responses.
 */
import { TIERS } from '../../domain/index.js';
import type { Route } from '../routes/define.js';
import { analysisSchemas } from './openapiAnalysis.js';

type Json = Record<string, unknown>;

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });

/** Shapes used by several response schemas. */
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

/** The schemas of the responses (components), the analyses' included. */
function responseSchemas(): Json {
  return {
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
        placement: { type: ['object', 'null'], properties: { cite: ref('Citation') } },
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
  };
}

/**
 * The document of `routes`. `publicUrl` (the configured public address, see publicUrl.ts) is its server; without
 * one the server is relative (`/`), the address the document was fetched from.
 */
export function openApiDocument(routes: readonly Route[], publicUrl?: string): Json {
  const paths: Json = {};
  for (const r of routes) Object.assign(paths, r.operations());
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
    // Everything is public and read-only: no operation needs credentials.
    security: [],
    servers: [publicUrl ? { url: publicUrl, description: 'This site.' } : { url: '/', description: 'The server this document was fetched from.' }],
    tags: [
      { name: 'pages', description: 'HTML pages (each has a JSON twin).' },
      { name: 'api', description: 'JSON.' },
      { name: 'data', description: 'Downloads.' },
      { name: 'feeds', description: 'Atom feeds.' },
      { name: 'assets', description: 'Static assets.' },
    ],
    paths,
    components: { schemas: responseSchemas() },
  };
}
