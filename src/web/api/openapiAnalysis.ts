/**
 * OpenAPI entries of the analysis routes (routes/analysis.ts): search, narrative diffs, indicators and
 * recommendation tracking. Spread into the paths and schemas of openapi.ts.
 */
import { INDICATOR_CSV_HEADER, INDICATOR_KINDS } from '../../analysis/indicators.js';
import { REGION_NAMES, TIERS, TIER_CODES } from '../../domain/index.js';
import { SEARCH_UNIT_KINDS } from '../../store/search.js';

type Json = Record<string, unknown>;

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const ERR = (description: string) => ({ description, content: { 'application/json': { schema: ref('Error') } } });
const errors = { '400': ERR('A bad parameter or a malformed query (the message says what is wrong).'), '404': ERR('Unknown country, or no narrative of that year is held.') };
const HTML_OK = (description: string) => ({ description, content: { 'text/html': { schema: { type: 'string' } } } });
const JSON_OK = (description: string, schema: Json) => ({ description, content: { 'application/json': { schema } } });
const get = (op: Json): Json => ({ get: op });

const id = {
  name: 'id',
  in: 'path',
  required: true,
  description: 'ISO 3166-1 alpha-3 country code (`TJK`).',
  schema: { type: 'string', pattern: '^[A-Za-z]{3}$' },
  example: 'TJK',
};
const from = { name: 'from', in: 'path', required: true, description: 'The earlier report year.', schema: { type: 'integer', minimum: 2001, maximum: 2030 }, example: 2022 };
const to = { name: 'to', in: 'path', required: true, description: 'The later report year (a later year first redirects to the ordered pair).', schema: { type: 'integer', minimum: 2001, maximum: 2030 }, example: 2023 };

const q = (required: boolean) => ({
  name: 'q',
  in: 'query',
  required,
  description:
    'The query: words (all required), "phrases", prefix* searches, AND / OR / NOT in capitals and parentheses. ' +
    'Endings match ("victim" finds "victims"). A malformed query (`"unbalanced`, `AND OR`, `foo*bar(`) is a 400 saying what is wrong.',
  schema: { type: 'string', maxLength: 500 },
  example: '"cotton harvest"',
});
const searchParams = (required: boolean) => [
  q(required),
  { name: 'year', in: 'query', description: 'Only these report years (repeat the parameter or separate with commas).', schema: { type: 'string' }, example: '2023' },
  { name: 'tier', in: 'query', description: `Only narratives on these tiers: ${TIERS.map((t) => `${TIER_CODES[t]} (${t})`).join(', ')}.`, schema: { type: 'string' } },
  { name: 'region', in: 'query', description: `Only these regions: ${Object.keys(REGION_NAMES).join(', ')}.`, schema: { type: 'string' } },
  { name: 'section', in: 'query', description: `Only these kinds of passage: ${SEARCH_UNIT_KINDS.join(', ')}.`, schema: { type: 'string' } },
  { name: 'country', in: 'query', description: 'Only these countries (codes).', schema: { type: 'string' } },
  { name: 'history', in: 'query', description: '1: also search narratives a newer document replaced (default: current ones only).', schema: { type: 'string', enum: ['1', '0'] } },
  { name: 'page', in: 'query', description: 'Page of hits, from 1.', schema: { type: 'integer', minimum: 1, default: 1 } },
  { name: 'limit', in: 'query', description: 'Hits per page.', schema: { type: 'integer', minimum: 1, maximum: 100, default: 20 } },
];

export function analysisPaths(): Json {
  return {
    '/search': get({
      summary: 'Full-text search over the narratives',
      description: 'Summaries, sections and recommendations of the narratives held, with highlighted snippets and facets (report year, tier, region, section) with counts. Without ?q= a search form.',
      tags: ['pages'],
      parameters: searchParams(false),
      responses: { '200': HTML_OK('The results.'), '400': errors['400'] },
    }),
    '/search.json': get({
      summary: 'Full-text search, as JSON',
      tags: ['api'],
      parameters: searchParams(true),
      responses: { '200': JSON_OK('Hits (best first) with snippets and highlight offsets, the total, and facets.', ref('SearchResults')), '400': errors['400'] },
    }),
    '/countries/{id}/diff/{from}/{to}': get({
      'x-example-needs': 'the imported narratives of both years (e.g. /countries/TJK/diff/2022/2023 once both are imported)',
      summary: 'What changed in a country’s narrative between two report years',
      description: 'Section by section and sentence by sentence: unchanged, changed (with removed and added words), removed and added sentences.',
      tags: ['pages'],
      parameters: [id, from, to],
      responses: { '200': HTML_OK('The diff.'), '301': { description: 'The years in reverse order, or a lower-case code: redirect.' }, ...errors },
    }),
    '/countries/{id}/diff/{from}/{to}.json': get({
      'x-example-needs': 'the imported narratives of both years (e.g. /countries/TJK/diff/2022/2023 once both are imported)',
      summary: 'Narrative diff, as JSON',
      tags: ['api'],
      parameters: [id, from, to],
      responses: { '200': JSON_OK('The diff.', ref('NarrativeDiff')), ...errors },
    }),
    '/countries/{id}/indicators.csv': get({
      summary: 'Indicators stated in a country’s narratives, as CSV',
      description: `One row per fact: ${INDICATOR_CSV_HEADER.join(', ')}.`,
      tags: ['data'],
      parameters: [id],
      responses: { '200': { description: 'CSV with a header row.', content: { 'text/csv': { schema: { type: 'string' } } } }, '404': errors['404'] },
    }),
    '/countries/{id}/indicators.json': get({
      summary: 'Indicators stated in a country’s narratives, as JSON',
      description: `Kinds: ${INDICATOR_KINDS.join(', ')}. A table (kinds × report years held) and every fact with its sentence, section and span.`,
      tags: ['api'],
      parameters: [id],
      responses: { '200': JSON_OK('The indicators.', ref('Indicators')), '404': errors['404'] },
    }),
    '/countries/{id}/recommendations.json': get({
      summary: 'Recommendation tracking across a country’s narratives',
      description:
        'Every year’s recommendations with pillar, themes, the matching recommendation of the previous narrative, "first recommended in …", and what each year dropped. ' +
        'A year whose list may be cut short (`cutShort`, from the parse warnings) lists the previous year’s recommendations it does not hold in `droppedUnknown` (whether they were dropped is not known), not in `dropped`; ' +
        'after a list cut short (`previousCutShort`) a recommendation not in it has the status `not-in-part-held` ("not in the part of the 2021 list held"), not `new`.',
      tags: ['api'],
      parameters: [id],
      responses: { '200': JSON_OK('The tracking.', { type: 'object', properties: { country: { type: 'object' }, years: { type: 'array', items: { type: 'object' } } } }), '404': errors['404'] },
    }),
  };
}

export function analysisSchemas(): Json {
  return {
    SearchResults: {
      type: 'object',
      properties: {
        q: { type: 'string' },
        understood: { type: 'string', description: 'The query as understood, in canonical form.' },
        total: { type: 'integer' },
        limit: { type: 'integer' },
        offset: { type: 'integer' },
        includeHistory: { type: 'boolean' },
        hits: {
          type: 'array',
          items: {
            type: 'object',
            properties: {
              countryId: { type: 'string' },
              countryName: { type: 'string' },
              reportYear: { type: 'integer' },
              tier: { type: ['string', 'null'] },
              region: { type: 'string' },
              section: { type: 'string', enum: [...SEARCH_UNIT_KINDS] },
              recommendationNumber: { type: 'integer' },
              snippet: { type: 'string', description: 'Plain text.' },
              highlights: { type: 'array', items: { type: 'array', items: { type: 'integer' }, minItems: 2, maxItems: 2 }, description: '[start, end) of each match in the snippet.' },
              score: { type: 'number' },
              current: { type: 'boolean' },
              document: { type: 'object' },
              span: { type: 'object' },
            },
          },
        },
        facets: { type: 'object', description: 'year, tier, region, section: [{value, label, count, selected}], each counted under the other filters.' },
      },
    },
    NarrativeDiff: {
      type: 'object',
      properties: {
        countryId: { type: 'string' },
        from: { type: 'object' },
        to: { type: 'object' },
        counts: { type: 'object', properties: { same: { type: 'integer' }, changed: { type: 'integer' }, added: { type: 'integer' }, removed: { type: 'integer' } } },
        sections: { type: 'array', items: { type: 'object', properties: { kind: { type: 'string' }, status: { enum: ['same', 'changed', 'added', 'removed'] }, entries: { type: 'array', items: { type: 'object' } } } } },
      },
    },
    Indicators: {
      type: 'object',
      properties: {
        country: { type: 'object' },
        years: { type: 'array', items: { type: 'integer' } },
        rows: { type: 'array', items: { type: 'object' } },
        facts: {
          type: 'array',
          items: {
            type: 'object',
            properties: {
              kind: { type: 'string', enum: [...INDICATOR_KINDS] },
              status: { enum: ['count', 'none-reported'] },
              value: { type: ['integer', 'null'] },
              valueText: { type: 'string' },
              previous: { type: ['object', 'null'] },
              consecutiveYears: { type: ['integer', 'null'] },
              sentence: { type: 'string' },
              section: { type: 'string' },
              span: { type: 'object' },
              reportYear: { type: 'integer' },
            },
          },
        },
      },
    },
  };
}
