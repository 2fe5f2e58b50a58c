/**
 * Schemas of the responses of the analysis routes (routes/analysis.ts): search, narrative diffs and indicators.
 * Spread into the components of openapi.ts.
 */
import { INDICATOR_KINDS } from '../../analysis/indicators.js';
import { SEARCH_UNIT_KINDS } from '../../store/search.js';

type Json = Record<string, unknown>;

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
