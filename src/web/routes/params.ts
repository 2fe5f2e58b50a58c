/**
 * Route parameters, each a zod schema that both checks the value a request gives and describes it in the OpenAPI
 * document (z.toJSONSchema of what the route receives). A value the schema refuses is a 400 in the project's one
 * error shape, with the parameter's own message (which names it and quotes the value).
 */
import type { Context } from 'hono';
import { z } from 'zod';
import type { RegionCode, Tier } from '../../domain/index.js';
import { FIRST_REPORT_YEAR, LAST_PLAUSIBLE_REPORT_YEAR, REGION_NAMES, TIERS, TIER_CODES, tierFromCode } from '../../domain/index.js';
import { REGION_CODES, readRegion, readReportYear } from '../../text/index.js';
import { badRequest, queryParam } from '../http.js';

type Json = Record<string, unknown>;

export interface Param<T> {
  in: 'path' | 'query';
  description: string;
  /** Checks the raw value (a string; a list of strings for a repeatable parameter) and gives the route's value. */
  schema: z.ZodType<T>;
  /** The 400 message for a value the schema refuses. */
  message: (raw: string) => string;
  /** The 400 message when the parameter is missing (a required query parameter). */
  required?: string;
  /** Given several times or comma-separated (`?year=2022,2023`); the raw value is the list. */
  repeatable?: 'split' | 'repeat';
  example?: string | number | string[];
  /** A country of the registry (a code): checked against the store before the other parameters (see countryAt). */
  country?: true;
}

/** The values a route receives from its parameters. */
export type Values<P> = { [K in keyof P]: P[K] extends Param<infer T> ? T : never };

/** A value from an existing parser (undefined: refused), as a zod transform; `doc` is its JSON schema. */
function parsed<T>(parse: (v: string) => T | undefined, doc: Json): z.ZodType<T> {
  return z
    .string()
    .transform((v, ctx) => {
      const value = parse(v);
      if (value === undefined) {
        ctx.issues.push({ code: 'custom', message: 'refused', input: v });
        return z.NEVER;
      }
      return value;
    })
    .meta(doc) as unknown as z.ZodType<T>;
}

const YEAR = parsed(readReportYear, { type: 'integer', minimum: FIRST_REPORT_YEAR, maximum: LAST_PLAUSIBLE_REPORT_YEAR });

const yearMessage = (what: string) => (raw: string) =>
  `${what} must be a report year (${FIRST_REPORT_YEAR}–${LAST_PLAUSIBLE_REPORT_YEAR}), not "${raw}"`;

/** A report year in the address (`/years/2023`); `what` names it in the message. */
/** Four digits in an address are a year, held or not (the route answers 404 for a year not held); anything else is a 400. */
const ADDRESS_YEAR = z
  .string()
  .regex(/^\d{4}$/)
  .transform(Number)
  .meta({ type: 'integer', minimum: 1000, maximum: 9999 }) as unknown as z.ZodType<number>;

export const yearPath = (what = 'the year in the address', description = 'A report year (the year on the report’s cover), 2001–2030.', example = 2023): Param<number> => ({
  in: 'path',
  description,
  schema: ADDRESS_YEAR,
  message: yearMessage(what),
  example,
});

/** `?year=`. */
export const yearQuery: Param<number | undefined> = {
  in: 'query',
  description: 'A report year, 2001–2030.',
  schema: YEAR.optional(),
  message: yearMessage('?year='),
};

export const TIER_PARAM_HELP = 'one of 1, 2, 2wl, 3, sc or a tier name such as "Tier 2 Watch List"';

export const tierQuery: Param<Tier | undefined> = {
  in: 'query',
  description: `A tier code (${TIERS.map((t) => `${TIER_CODES[t]} = ${t}`).join(', ')}) or name.`,
  schema: parsed(tierFromCode, { type: 'string' }).optional(),
  message: (raw) => `?tier= must be ${TIER_PARAM_HELP}, not "${raw}"`,
};


export const regionQuery: Param<RegionCode | undefined> = {
  in: 'query',
  description: `A region code or name: ${Object.entries(REGION_NAMES)
    .map(([k, v]) => `${k} (${v})`)
    .join(', ')}.`,
  schema: parsed(readRegion, { type: 'string' }).optional(),
  message: (raw) => `?region= must be one of ${REGION_CODES.join(', ')} (or the region's name), not "${raw}"`,
};

/** One of a few words, any case (`?sort=tier`). */
export function choiceQuery<T extends string>(name: string, choices: readonly [T, ...T[]], description: string): Param<T | undefined> {
  return {
    in: 'query',
    description,
    schema: z
      .string()
      .toLowerCase()
      .pipe(z.enum(choices))
      .optional()
      .meta({ type: 'string', enum: [...choices], default: choices[0] }) as unknown as z.ZodType<T | undefined>,
    message: (raw) => `?${name}= must be one of ${choices.join(', ')}, not "${raw}"`,
  };
}

/** Free text, given once. */
export function textQuery(description: string, example?: string, extra: Json = {}): Param<string | undefined> {
  return { in: 'query', description, schema: z.string().optional().meta(extra), message: (raw) => `bad value "${raw}"`, ...(example ? { example } : {}) };
}

/** A whole number from 1 to `max`, `fallback` when absent. */
export function countQuery(name: string, description: string, fallback: number, max: number): Param<number> {
  return {
    in: 'query',
    description,
    schema: z
      .string()
      .regex(/^\d+$/)
      .transform(Number)
      .pipe(z.int().min(1).max(max))
      .optional()
      .transform((v) => v ?? fallback)
      .meta({ type: 'integer', minimum: 1, maximum: max, default: fallback }) as unknown as z.ZodType<number>,
    message: (raw) => `?${name}= must be a whole number from 1 to ${max}, not "${raw}"`,
  };
}

/** A list of values (`?year=2022,2023` and `?year=2022&year=2023` mean the same). */
export function listQuery(description: string, example?: string[]): Param<string[]> {
  return {
    in: 'query',
    description,
    repeatable: 'split',
    schema: z.array(z.string()),
    message: (raw) => `bad value "${raw}"`,
    ...(example ? { example } : {}),
  };
}

/** The country of the address: an ISO code; a slug or another case redirects (see countryParam). */
export const countryPath = (description = 'ISO 3166-1 alpha-3 country code (`TJK`; `XKX` for Kosovo). A publisher slug (`tajikistan`) redirects to the code.'): Param<string> => ({
  in: 'path',
  description,
  schema: z.string().meta({ pattern: '^[A-Za-z]{3}$' }),
  message: (raw) => `no country with id "${raw}"`,
  example: 'TJK',
  country: true,
});

/** Values of a repeatable parameter, trimmed, empty ones dropped; `split`: commas separate values too. */
function many(c: Context, name: string, split: boolean): string[] {
  return (c.req.queries(name) ?? [])
    .flatMap((v) => (split ? v.split(',') : [v]))
    .map((v) => v.trim())
    .filter(Boolean);
}

/**
 * The values of a route's parameters in a request: path segments from `path` (the address with any `.json` taken
 * off), query parameters from the query. A refused value is a 400 with the parameter's message.
 */
export function readParams<P extends Record<string, Param<unknown>>>(c: Context, params: P, path: Record<string, string>): Values<P> {
  const out: Record<string, unknown> = {};
  for (const [name, p] of Object.entries(params)) {
    const raw = p.in === 'path' ? path[name] : p.repeatable ? many(c, name, p.repeatable === 'split') : queryParam(c, name);
    const r = p.schema.safeParse(raw);
    if (!r.success) throw badRequest(p.message(Array.isArray(raw) ? raw.join(',') : String(raw)));
    out[name] = r.data;
  }
  // A missing required parameter is named once the others are known to be good.
  for (const [name, p] of Object.entries(params)) {
    const v = out[name];
    if (p.required && (v === undefined || (Array.isArray(v) && v.length === 0))) throw badRequest(p.required);
  }
  return out as Values<P>;
}

/** A parameter as an OpenAPI parameter object. */
export function openApiParameter(name: string, p: Param<unknown>, required = false): Json {
  const { $schema: _, ...schema } = z.toJSONSchema(p.schema, { io: 'output', unrepresentable: 'any' }) as Json;
  return {
    name,
    in: p.in,
    ...(p.in === 'path' || required || p.required ? { required: true } : {}),
    description: p.description,
    ...(p.repeatable ? { style: 'form', explode: true } : {}),
    schema,
    ...(p.example !== undefined ? { example: p.example } : {}),
  };
}
