/** HTTP plumbing shared by the routes: the error type and shape, and reading a query parameter (routes/params.ts checks it). */
import type { Context } from 'hono';

/** The one error shape of the API. */
export interface ApiError {
  ok: false;
  status: number;
  error: string;
}

export class HttpError extends Error {
  constructor(
    readonly status: 400 | 404,
    message: string,
  ) {
    super(message);
  }
}

export const badRequest = (message: string) => new HttpError(400, message);
export const notFound = (message: string) => new HttpError(404, message);

/**
 * Everything but a page answers errors in the API shape (JSON): `.json`, `.csv` and `.atom` addresses, the
 * downloads under /data/ and everything under /api/. Pages answer with an HTML page.
 */
export function wantsJson(c: Context): boolean {
  const p = c.req.path;
  return /\.(json|csv|atom)$/.test(p) || p.startsWith('/api/') || p.startsWith('/data/');
}

/** The one value of a query parameter, or undefined when absent or empty; repeated parameters are an error. */
export function queryParam(c: Context, name: string): string | undefined {
  const all = c.req.queries(name);
  if (!all || all.length === 0) return undefined;
  if (all.length > 1) throw badRequest(`?${name}= is given ${all.length} times; give it once`);
  const v = all[0]!.trim();
  return v === '' ? undefined : v;
}


/** `http://any-host/a/b?c` → `/a/b?c`: the address as asked, never the Host header. */
export function pathAndQuery(url: string): string {
  const slash = url.indexOf('/', url.indexOf('//') + 2);
  return slash === -1 ? '/' : url.slice(slash);
}
