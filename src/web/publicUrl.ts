/**
 * The site's public address, for the few links that must be absolute (Atom feeds, "Cite this"). It is configured
 * (`serve --public-url`, `$TIP_ATLAS_PUBLIC_URL`), never read from a request: the Host header is the client's to
 * choose, and copying it into a page lets anyone poison a cache in front of the server.
 */

/** `https://example.org/atlas/` → `https://example.org/atlas`; throws a message for anything but an http(s) base. */
export function parsePublicUrl(value: string): string {
  let u: URL;
  try {
    u = new URL(value.trim());
  } catch {
    throw new Error(`the public URL must be an absolute http(s) address such as https://atlas.example.org, not "${value}"`);
  }
  if ((u.protocol !== 'http:' && u.protocol !== 'https:') || u.username || u.password || u.search || u.hash) {
    throw new Error(`the public URL must be an http(s) address without credentials, query or fragment, not "${value}"`);
  }
  return `${u.origin}${u.pathname.replace(/\/+$/, '')}`;
}

/**
 * What site paths are prefixed with in absolute links: the configured public address, or '' (no address
 * configured: links stay relative, `/countries/TJK/2023`).
 */
export function siteBase(publicUrl: string | undefined): string {
  return publicUrl ?? '';
}
