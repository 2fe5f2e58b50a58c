import { Hono } from 'hono';
import type { Context } from 'hono';
import { countryProfile } from '../analysis/profile.js';
import { getCountryById, getCountryBySlug } from '../countries/index.js';
import { isPlausibleReportYear } from '../domain/index.js';
import type { Store } from '../store/types.js';
import { STYLE_CSS } from './assets.js';
import { countryPage } from './pages/country.js';
import { errorPage } from './pages/error.js';
import { homePage } from './pages/home.js';

/** The one error shape of the API. */
export interface ApiError {
  ok: false;
  status: number;
  error: string;
}

class HttpError extends Error {
  constructor(
    readonly status: 400 | 404,
    message: string,
  ) {
    super(message);
  }
}

const SECURITY_HEADERS: Record<string, string> = {
  'Content-Security-Policy':
    "default-src 'none'; style-src 'self'; img-src 'self' data:; script-src 'self'; connect-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'",
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'X-Frame-Options': 'DENY',
};

/** `TJK.json` → { name: 'TJK', json: true } */
function splitJson(segment: string): { name: string; json: boolean } {
  return segment.endsWith('.json') ? { name: segment.slice(0, -5), json: true } : { name: segment, json: false };
}

function wantsJson(c: Context): boolean {
  return c.req.path.endsWith('.json') || c.req.path.startsWith('/api/');
}

export function createApp(store: Store): Hono {
  const app = new Hono();

  app.use('*', async (c, next) => {
    await next();
    for (const [k, v] of Object.entries(SECURITY_HEADERS)) c.res.headers.set(k, v);
    if (c.req.method === 'GET' && c.res.headers.get('Content-Type')?.includes('json')) {
      c.res.headers.set('Access-Control-Allow-Origin', '*');
    }
  });

  app.get('/assets/style.css', (c) => {
    c.header('Cache-Control', 'public, max-age=3600');
    return c.body(STYLE_CSS, 200, { 'Content-Type': 'text/css; charset=utf-8' });
  });

  app.get('/', (c) => c.html(homePage(store.listCountries())));
  app.get('/index.json', (c) => c.json({ countries: store.listCountries() }));

  const profileRoute = (c: Context, idSegment: string, yearSegment?: string) => {
    const id = yearSegment === undefined ? splitJson(idSegment) : { name: idSegment, json: false };
    const y = yearSegment === undefined ? undefined : splitJson(yearSegment);
    const json = id.json || Boolean(y?.json);
    const country = getCountryById(id.name);
    if (!country) {
      const bySlug = getCountryBySlug(id.name.toLowerCase());
      if (bySlug && !json) return c.redirect(`/countries/${bySlug.id}${yearSegment ? `/${yearSegment}` : ''}`, 301);
      throw new HttpError(404, `no country with id "${id.name}" (use an ISO 3166-1 alpha-3 code such as TJK)`);
    }
    if (country.id !== id.name) {
      return c.redirect(`/countries/${country.id}${json && !y ? '.json' : ''}${yearSegment ? `/${yearSegment}` : ''}`, 301);
    }
    let year: number | undefined;
    if (y) {
      year = Number(y.name);
      if (!/^\d{4}$/.test(y.name) || !isPlausibleReportYear(year)) throw new HttpError(400, `"${y.name}" is not a report year (2001–2030)`);
    }
    const profile = countryProfile(store, country, year);
    if (year !== undefined && !profile.placement && !profile.assessment) {
      throw new HttpError(404, `nothing is known of ${country.name} in the ${year} report`);
    }
    return json ? c.json(profile) : c.html(countryPage(profile));
  };
  app.get('/countries/:id', (c) => profileRoute(c, c.req.param('id')));
  app.get('/countries/:id/:year', (c) => profileRoute(c, c.req.param('id'), c.req.param('year')));

  app.notFound((c) => {
    const message = `no page at ${c.req.path}`;
    return wantsJson(c) ? c.json({ ok: false, status: 404, error: message } satisfies ApiError, 404) : c.html(errorPage(404, message), 404);
  });

  app.onError((err, c) => {
    const status = err instanceof HttpError ? err.status : 500;
    // Unknown errors become a plain 500 with nothing internal leaked.
    const message = err instanceof HttpError ? err.message : 'internal error';
    if (status === 500) console.error(err);
    return wantsJson(c) ? c.json({ ok: false, status, error: message } satisfies ApiError, status) : c.html(errorPage(status, message), status);
  });

  return app;
}
