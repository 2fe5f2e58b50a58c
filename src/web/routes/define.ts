/**
 * What a route of the route table is, and the one function that registers it: a page with its `.json` twin, or a
 * resource (JSON, CSV, Atom, a download). Each route also gives its OpenAPI operations, so the document describes
 * exactly what is registered. Parameters are checked by their zod schemas (params.ts); errors are thrown
 * (HttpError, domain errors) and answered by app.ts in the one error shape or as an error page.
 */
import type { Context, Hono } from 'hono';
import type { Country } from '../../domain/index.js';
import { getCountryBySlug } from '../../countries/index.js';
import type { Store } from '../../store/types.js';
import { notFound } from '../http.js';
import type { Param, Values } from './params.js';
import { openApiParameter, readParams } from './params.js';

type Json = Record<string, unknown>;

/** What every route may use: the store, the site's public address and today's date (for citations). */
export interface Deps {
  store: Store;
  /** Prefix of absolute links: the configured public address, or '' (see publicUrl.ts). */
  base: string;
  today: () => string;
}

/** A request as a route sees it. */
export interface At {
  c: Context;
  /** The JSON twin was asked for (the address ends in `.json`). */
  json: boolean;
  /** This route's address with some path parameters replaced (the `.json` kept): for redirects. */
  url: (replace: Record<string, string | number>) => string;
}

/** Thrown by a view: answered with a 301 to `location` (a canonical address). */
export class Redirect {
  constructor(readonly location: string) {}
}

/** The country of a path segment; an id in another case or a publisher slug redirects to the upper-case id. */
export function countryAt(store: Store, at: At, segment: string): Country {
  const country = store.getCountry(segment);
  if (!country) {
    const bySlug = getCountryBySlug(segment.toLowerCase());
    if (bySlug && store.getCountry(bySlug.id)) throw new Redirect(at.url({ id: bySlug.id }));
    throw notFound(`no country with id "${segment}" (use an ISO 3166-1 alpha-3 code such as TJK)`);
  }
  if (country.id !== segment) throw new Redirect(at.url({ id: country.id }));
  return country;
}

interface Described<P> {
  /** Hono path (`/countries/:id`); the OpenAPI path writes `{id}`. */
  path: string;
  summary: string;
  description?: string;
  params: P;
  /** Descriptions of the error answers the route can give. */
  errors?: { 301?: string; 400?: string; 404?: string };
  /** Why no example address can be given on a fresh database (see pages/api.ts). */
  exampleNeeds?: string;
}

export interface PageRoute<P extends Record<string, Param<unknown>>, V> extends Described<P> {
  view: (d: Deps, p: Values<P>, at: At) => V;
  /** The page: HTML, or a whole response (a page with another status). */
  html: (v: V, d: Deps, c: Context) => string | Response;
  /** The `.json` twin (`/countries/TJK.json`, `/countries.json`, `/index.json` for `/`). */
  twin?: {
    summary: string;
    description?: string;
    /** JSON schema of the body (usually a $ref to a component). */
    schema: Json;
    responseDescription: string;
    /** The body; default: the view itself. */
    body?: (v: V, d: Deps) => unknown;
    /** Query parameters the twin requires (with the message when missing). */
    required?: Partial<Record<keyof P, string>>;
  };
}

export interface ResourceRoute<P extends Record<string, Param<unknown>>> extends Described<P> {
  tag: 'api' | 'data' | 'feeds' | 'assets';
  /** The media type of the body (`text/csv`); JSON bodies are written by Hono's c.json. */
  mediaType: string;
  responseDescription: string;
  schema: Json;
  body: (d: Deps, p: Values<P>, at: At) => unknown;
  /** Sent as a file of this name (Content-Disposition: attachment). */
  fileName?: (p: Values<P>, at: At) => string;
}

/** A route of the table: registers itself and describes itself. */
export interface Route {
  readonly path: string;
  register(app: Hono, d: Deps): void;
  operations(): Record<string, Json>;
}

const openApiPath = (path: string) => path.replace(/:(\w+)/g, '{$1}');

const ERROR_SCHEMA = { content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } } };

/** `/countries/:id/feed.atom` → `countries-id-feed-atom` (with `-json` for a twin). */
function operationId(path: string): string {
  return (
    path
      .replace(/^\/$/, '/home')
      .replace(/^\/index\.json$/, '/home.json')
      .split(/[^A-Za-z0-9]+/)
      .filter(Boolean)
      .map((w, i) => (i === 0 ? w : w[0]!.toUpperCase() + w.slice(1)))
      .join('') || 'home'
  );
}

function operation(path: string, d: Described<Record<string, Param<unknown>>>, o: { summary: string; description?: string; tag: string; content: Json; responseDescription: string; required?: Record<string, unknown> }): Json {
  const parameters = Object.entries(d.params).map(([name, p]) => openApiParameter(name, p, Boolean(o.required?.[name])));
  const responses: Json = { '200': { description: o.responseDescription, content: o.content } };
  if (d.errors?.[301]) responses['301'] = { description: d.errors[301] };
  if (d.errors?.[400]) responses['400'] = { description: d.errors[400], ...ERROR_SCHEMA };
  if (d.errors?.[404]) responses['404'] = { description: d.errors[404], ...ERROR_SCHEMA };
  return {
    get: {
      operationId: operationId(path),
      ...(d.exampleNeeds ? { 'x-example-needs': d.exampleNeeds } : {}),
      summary: o.summary,
      ...(o.description ? { description: o.description } : {}),
      tags: [o.tag],
      ...(parameters.length ? { parameters } : {}),
      responses,
    },
  };
}

/** The path parameters of a request, the last one without its `.json` when `json`. */
function pathValues(c: Context, path: string, json: boolean): Record<string, string> {
  const names = [...path.matchAll(/:(\w+)/g)].map((m) => m[1]!);
  const values: Record<string, string> = {};
  for (const n of names) values[n] = c.req.param(n) ?? '';
  const last = names.at(-1);
  if (json && last) values[last] = values[last]!.slice(0, -'.json'.length);
  return values;
}

function at(c: Context, path: string, values: Record<string, string>, json: boolean): At {
  return {
    c,
    json,
    url: (replace) => {
      const all: Record<string, string | number> = { ...values, ...replace };
      return encodeURI(path.replace(/:(\w+)/g, (_, n: string) => String(all[n])) + (json && /:\w+$/.test(path) ? '.json' : ''));
    },
  };
}

/** A country in the address redirects (or is a 404) before anything else of the request is looked at. */
function countriesFirst(d: Deps, params: Record<string, Param<unknown>>, values: Record<string, string>, here: At): void {
  for (const [name, p] of Object.entries(params)) if (p.country) countryAt(d.store, here, values[name] ?? '');
}

/** Runs a route's handler, answering a Redirect thrown by its view. */
async function answer(c: Context, run: () => Response | Promise<Response>): Promise<Response> {
  try {
    return await run();
  } catch (e) {
    if (e instanceof Redirect) return c.redirect(e.location, 301);
    throw e;
  }
}

/** The address of a page's twin when it is a fixed path: `/countries` → `/countries.json`, `/` → `/index.json`. */
const twinPath = (path: string) => (path === '/' ? '/index.json' : `${path}.json`);

/** A page and its JSON twin. A page whose last segment is a parameter takes its twin at the same Hono route. */
export function page<P extends Record<string, Param<unknown>>, V>(r: PageRoute<P, V>): Route {
  const endsInParam = /:\w+$/.test(r.path);
  const handle = (c: Context, d: Deps, json: boolean) =>
    answer(c, () => {
      const values = pathValues(c, r.path, json);
      const here = at(c, r.path, values, json);
      countriesFirst(d, r.params, values, here);
      const params = readParams(c, json && r.twin?.required ? withRequired(r.params, r.twin.required) : r.params, values);
      const v = r.view(d, params, here);
      if (json) return c.json(r.twin!.body ? r.twin!.body(v, d) : v);
      const out = r.html(v, d, c);
      return typeof out === 'string' ? c.html(out) : out;
    });
  return {
    path: r.path,
    register(app, d) {
      if (r.twin && !endsInParam) app.get(twinPath(r.path), (c) => handle(c, d, true));
      app.get(r.path, (c) => handle(c, d, Boolean(r.twin) && endsInParam && c.req.path.endsWith('.json')));
    },
    operations() {
      const ops: Record<string, Json> = {
        [openApiPath(r.path)]: operation(r.path, r, {
          summary: r.summary,
          ...(r.description ? { description: r.description } : {}),
          tag: 'pages',
          content: { 'text/html': { schema: { type: 'string' } } },
          responseDescription: 'The page.',
        }),
      };
      if (r.twin) {
        const path = endsInParam ? `${r.path}.json` : twinPath(r.path);
        ops[openApiPath(path)] = operation(path, r, {
          summary: r.twin.summary,
          ...(r.twin.description ? { description: r.twin.description } : {}),
          tag: 'api',
          content: { 'application/json': { schema: r.twin.schema } },
          responseDescription: r.twin.responseDescription,
          ...(r.twin.required ? { required: r.twin.required } : {}),
        });
      }
      return ops;
    },
  };
}

function withRequired<P extends Record<string, Param<unknown>>>(params: P, required: Partial<Record<keyof P, string>>): P {
  const out: Record<string, Param<unknown>> = { ...params };
  for (const [name, message] of Object.entries(required)) if (message) out[name] = { ...params[name]!, required: message as string };
  return out as P;
}

/** An address answering JSON, CSV, Atom or a download (a body: a value written as JSON, a string, or a Response). */
export function resource<P extends Record<string, Param<unknown>>>(r: ResourceRoute<P>): Route {
  return {
    path: r.path,
    register(app, d) {
      app.get(r.path, (c) =>
        answer(c, async () => {
          const values = pathValues(c, r.path, false);
          const here = at(c, r.path, values, false);
          countriesFirst(d, r.params, values, here);
          const p = readParams(c, r.params, values);
          const body = await r.body(d, p, here);
          if (body instanceof Response) return body;
          if (r.mediaType === 'application/json' && typeof body !== 'string') return c.json(body);
          const headers: Record<string, string> = { 'Content-Type': `${r.mediaType}; charset=utf-8` };
          if (r.fileName) headers['Content-Disposition'] = `attachment; filename="${r.fileName(p, here)}"`;
          return c.body(body as string, 200, headers);
        }),
      );
    },
    operations() {
      return {
        [openApiPath(r.path)]: operation(r.path, r, {
          summary: r.summary,
          ...(r.description ? { description: r.description } : {}),
          tag: r.tag,
          content: { [r.mediaType]: { schema: r.schema } },
          responseDescription: r.responseDescription,
        }),
      };
    },
  };
}

/** Every route of a list on one sub-app. */
export function routesApp(app: Hono, routes: readonly Route[], d: Deps): Hono {
  for (const r of routes) r.register(app, d);
  return app;
}
