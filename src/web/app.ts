/**
 * The web app: the route table (routes/) on a Hono app, behind the middleware every response passes through
 * (security headers, CORS, trailing slashes, If-None-Match, the response cache), with one error shape.
 */
import { Hono } from 'hono';
import type { Context, MiddlewareHandler } from 'hono';
import { cors } from 'hono/cors';
import { RETAINED_304_HEADERS, etag } from 'hono/etag';
import { secureHeaders } from 'hono/secure-headers';
import { TrieRouter } from 'hono/router/trie-router';
import { InputError, NotFoundError } from '../domain/index.js';
import type { Store } from '../store/types.js';
import { SearchBudgetError } from '../store/search.js';
import { openApiDocument } from './api/openapi.js';
import { ResponseCache } from './cache.js';
import type { ApiError } from './http.js';
import { HttpError, pathAndQuery, wantsJson } from './http.js';
import { errorPage } from './pages/error.js';
import { siteBase } from './publicUrl.js';
import { ANALYSIS_ROUTES } from './routes/analysis.js';
import type { Deps, Route } from './routes/define.js';
import { routesApp } from './routes/define.js';
import { ASSET_ROUTES, SITE_FILE_ROUTES, apiRoutes, changesFeedRoute, countryFeedRoute, downloadRoutes } from './routes/files.js';
import { pageRoutes } from './routes/table.js';
import { stampPages } from './siteFiles.js';

export type { ApiError } from './http.js';

/**
 * The security headers of every response (hono/secure-headers, configured in securityHeaders() below; a test
 * checks that it sends exactly these). clientErrors.ts sends them with the answers Node gives itself.
 */
export const SECURITY_HEADERS: Record<string, string> = {
  'Content-Security-Policy':
    "default-src 'none'; style-src 'self'; img-src 'self' data:; script-src 'self'; connect-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'",
  'Cross-Origin-Opener-Policy': 'same-origin',
  // Everything is public and read-only, offered for reuse (CORS allows any origin): other sites may embed it.
  'Cross-Origin-Resource-Policy': 'cross-origin',
  'Origin-Agent-Cluster': '?1',
  'Referrer-Policy': 'no-referrer',
  'X-Content-Type-Options': 'nosniff',
  'X-DNS-Prefetch-Control': 'off',
  'X-Download-Options': 'noopen',
  'X-Frame-Options': 'DENY',
  'X-Permitted-Cross-Domain-Policies': 'none',
  'X-XSS-Protection': '0',
  'Permissions-Policy': 'geolocation=(), camera=(), microphone=()',
};

/**
 * hono/secure-headers set to SECURITY_HEADERS. Strict-Transport-Security is left to the HTTPS server in front (the
 * app itself may be served over plain HTTP, and the header would bind every subdomain of the site's host).
 */
export function securityHeaders(): MiddlewareHandler {
  return secureHeaders({
    contentSecurityPolicy: {
      defaultSrc: ["'none'"],
      styleSrc: ["'self'"],
      imgSrc: ["'self'", 'data:'],
      scriptSrc: ["'self'"],
      connectSrc: ["'self'"],
      baseUri: ["'none'"],
      formAction: ["'self'"],
      frameAncestors: ["'none'"],
    },
    crossOriginResourcePolicy: 'cross-origin',
    strictTransportSecurity: false,
    xFrameOptions: 'DENY',
    permissionsPolicy: { geolocation: [], camera: [], microphone: [] },
  });
}

/** Responses never kept in the page cache (large and built from a fresh snapshot each time). */
const UNCACHED = new Set(['/data/tip-atlas.sqlite']);

export interface AppOptions {
  /** Clock for "accessed" dates in citations; default: the system clock. */
  now?: () => Date;
  /** The site's public address for absolute links (parsePublicUrl); without one they are relative. */
  publicUrl?: string;
  /** Where database downloads are written (a private folder is made in it); default: the system's temporary folder. */
  snapshotDir?: string;
}

/**
 * The If-None-Match header, read from Node's own parsed headers when served by @hono/node-server (cheaper than
 * building a Fetch Headers object on every request), else from the Fetch request.
 */
function ifNoneMatch(c: Context): string | undefined {
  const incoming = (c.env as { incoming?: { headers?: Record<string, string | string[] | undefined> } } | undefined)?.incoming;
  if (incoming?.headers) {
    const v = incoming.headers['if-none-match'];
    return Array.isArray(v) ? v.join(', ') : v;
  }
  return c.req.header('If-None-Match');
}

/**
 * `/countries/TJK/` → 301 to `/countries/TJK` (the query kept), for every address but `/`. The Location is a
 * path, never built from the Host header, and never starts with `//` (which would leave the site).
 */
export const trailingSlash: MiddlewareHandler = async (c, next) => {
  const url = pathAndQuery(c.req.url);
  const q = url.indexOf('?');
  const path = q === -1 ? url : url.slice(0, q);
  if (path.length < 2 || !path.endsWith('/') || (c.req.method !== 'GET' && c.req.method !== 'HEAD')) return next();
  const trimmed = path.replace(/\/+$/, '').replace(/^\/+/, '/') || '/';
  return c.redirect(trimmed + (q === -1 ? '' : url.slice(q)), 301);
};

/**
 * Rendered responses, kept under the store's version (see ResponseCache): a hit is answered before anything
 * inside runs, with the headers it was stored with; the body is kept as bytes with its length, which
 * @hono/node-server writes straight out. If-None-Match is answered by hono/etag with the ETag stored here.
 */
function responseCache(store: Store, today: () => string): MiddlewareHandler {
  const cache = new ResponseCache();
  return async (c, next) => {
    if ((c.req.method !== 'GET' && c.req.method !== 'HEAD') || UNCACHED.has(c.req.path)) return next();
    const version = store.version();
    const key = `${today()} ${pathAndQuery(c.req.url)}`; // not the Host header: it changes no response
    let hit = cache.get(key, version);
    if (!hit) {
      await next();
      const ct = c.res.headers.get('Content-Type') ?? '';
      if (c.res.status !== 200 || !/^(text\/|application\/(json|atom\+xml|javascript))/.test(ct)) return;
      const headers: Record<string, string> = {};
      c.res.headers.forEach((v, k) => {
        headers[k] = v;
      });
      hit = cache.set(key, version, c.res.status, headers, Buffer.from(await c.res.arrayBuffer()));
    }
    const res = new Response(hit.body as Uint8Array<ArrayBuffer>, { status: hit.status, headers: hit.headers });
    if (!c.finalized) return res;
    // After next(): replace the response read above (without merging its headers into this one).
    c.res = undefined;
    c.res = res;
  };
}

/**
 * hono/etag on the ETags of the response cache, run only when the request has If-None-Match. A 304 keeps the
 * security headers and CORS of the response it stands for.
 */
function notModified(): MiddlewareHandler {
  const mw = etag({ retainedHeaders: [...RETAINED_304_HEADERS, 'access-control-allow-origin', ...Object.keys(SECURITY_HEADERS)] });
  return (c, next) => (ifNoneMatch(c) === undefined || UNCACHED.has(c.req.path) ? next() : mw(c, next));
}

/** An error as JSON in the one shape, or as an error page. */
function errorResponse(c: Context, status: 400 | 404 | 405 | 500 | 503, message: string): Response {
  return wantsJson(c) ? c.json({ ok: false, status, error: message } satisfies ApiError, status) : c.html(errorPage(status, message), status);
}

/** 404 for an address that does not exist; 405 naming GET and HEAD for another method at one that does. */
function answerErrors(app: Hono): void {
  const getRoutes = new TrieRouter<true>();
  for (const r of app.routes) if (r.method === 'GET') getRoutes.add('GET', r.path, true);
  app.notFound((c) => {
    const allowed = c.req.method !== 'GET' && c.req.method !== 'HEAD' && getRoutes.match('GET', c.req.path)[0].length > 0;
    if (allowed) c.header('Allow', 'GET, HEAD');
    return allowed
      ? errorResponse(c, 405, `${c.req.method} is not allowed at ${c.req.path}: use GET or HEAD`)
      : errorResponse(c, 404, `no page at ${c.req.path}`);
  });
  app.onError((err, c) => {
    // Bad input is answered by its code: a query that cannot be run is the request's fault (400); a search stopped
    // at its time budget is 503. Other input codes come from imports, never from a request: a 500 here.
    const code = err instanceof InputError ? err.code : undefined;
    if (code === 'search-over-budget') {
      // Stopped at its time budget: the server is busy with nothing; asking again later (or narrower) may work.
      c.header('Retry-After', String(err instanceof SearchBudgetError ? err.retryAfterSeconds : 5));
      return errorResponse(c, 503, err.message);
    }
    // The read model's domain errors: something asked for that is not held. Anything else: nothing internal leaked.
    const status = err instanceof HttpError ? err.status : err instanceof NotFoundError ? 404 : code === 'bad-query' ? 400 : 500;
    if (status === 500) console.error(err);
    return errorResponse(c, status, status === 500 ? 'internal error' : err.message);
  });
}

/** Every route of the site, in the order they are matched; the API description is of these same routes. */
export function siteRoutes(store: Store, opts: Pick<AppOptions, 'publicUrl' | 'snapshotDir'> = {}): Route[] {
  let doc: Record<string, unknown> | undefined;
  const routes: Route[] = [
    ...ASSET_ROUTES,
    ...SITE_FILE_ROUTES,
    ...pageRoutes([countryFeedRoute, ...ANALYSIS_ROUTES]),
    ...downloadRoutes(store, opts.snapshotDir),
    ...apiRoutes(() => (doc ??= openApiDocument(routes, opts.publicUrl))),
    changesFeedRoute,
  ];
  return routes;
}

export function createApp(store: Store, opts: AppOptions = {}): Hono {
  const now = opts.now ?? (() => new Date());
  const today = () => now().toISOString().slice(0, 10);
  // Absolute links use the configured public address, never the request's Host header (see publicUrl.ts).
  const deps: Deps = { store, base: siteBase(opts.publicUrl), today };

  const app = new Hono();
  // Outermost, the cache: a hit is answered with the headers it was stored with (security headers and CORS
  // included), its Response untouched, which @hono/node-server writes out fastest. Nothing outside the cache may
  // add a header to a hit: a header set there is lost on a hit that node-server writes from its own copy.
  app.use('*', notModified());
  app.use('*', responseCache(store, today));
  app.use('*', securityHeaders());
  app.use('*', trailingSlash);
  // Everything is public and read-only: any origin may GET it (no credentials).
  app.use('*', cors({ origin: '*', allowMethods: ['GET', 'HEAD'] }));
  app.use('*', stampPages(store, deps.base));
  app.route('/', routesApp(new Hono(), siteRoutes(store, opts), deps));
  answerErrors(app);
  return app;
}
