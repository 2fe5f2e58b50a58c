/**
 * A document's public address: where a reader can find it, shown instead of the local path it was imported from
 * (which stays operator information: the CLI and the documents table). In order:
 *   1. the address given for the file (`import --source-url URL`);
 *   2. an http(s) origin (a fetched page keeps its URL);
 *   3. an HTML page's own address: `<link rel="canonical" href>`, else `<meta property="og:url" content>`;
 *   4. a text file whose first line is `# source: URL` (the form of excerpts saved from public pages).
 * Only absolute http(s) addresses count; anything else is no address (null), never a guess.
 */

/** The address when `s` is an absolute http(s) URL (trimmed), else null. */
export function httpAddress(s: string | null | undefined): string | null {
  const t = s?.trim();
  if (!t || !/^https?:\/\/[^\s/]+/i.test(t) || /\s/.test(t)) return null;
  try {
    return new URL(t).protocol.startsWith('http') ? t : null;
  } catch {
    return null;
  }
}

/** The URL of a first line `# source: URL` (a BOM and leading blank lines allowed), else null. */
export function sourceLineAddress(text: string): string | null {
  const m = /^\uFEFF?\s*#\s*source:\s*(\S+)[ \t]*\r?(?:\n|$)/i.exec(text);
  return m ? httpAddress(m[1]) : null;
}

function attr(tag: string, name: string): string | null {
  const m = new RegExp(`\\s${name}\\s*=\\s*(?:"([^"]*)"|'([^']*)'|([^\\s>]+))`, 'i').exec(tag);
  return m ? (m[1] ?? m[2] ?? m[3] ?? null) : null;
}

/** An address an HTML page states for itself, and how it states it. */
export interface PageAddress {
  kind: 'canonical' | 'og:url' | 'saved-from' | 'base';
  url: string;
}

/** How much of a page (characters from its start) its own addresses are looked for in. */
export const SELF_ADDRESS_HEAD = 256 * 1024;

/**
 * The absolute http(s) addresses a (saved) HTML page states for itself, in the order they stand: a browser's
 * `<!-- saved from url=(0070)https://… -->` mark first, then `<link rel="canonical">`, `<meta property="og:url">`
 * and `<base href>`. Only the first 256 KB are read (they sit in the head).
 */
export function htmlSelfAddresses(html: string): PageAddress[] {
  const head = html.slice(0, SELF_ADDRESS_HEAD);
  const decode = (s: string | null) => httpAddress((s ?? '').replace(/&amp;/gi, '&').replace(/&#0*38;/g, '&'));
  const out: PageAddress[] = [];
  const push = (kind: PageAddress['kind'], url: string | null) => {
    if (url) out.push({ kind, url });
  };
  push('saved-from', decode(/<!--\s*saved from url=\(\d+\)(\S+?)\s*-->/i.exec(head)?.[1] ?? null));
  for (const tag of head.match(/<(?:link|meta|base)\b[^>]*>/gi) ?? []) {
    if (/^<link/i.test(tag)) {
      if ((attr(tag, 'rel') ?? '').toLowerCase().split(/\s+/).includes('canonical')) push('canonical', decode(attr(tag, 'href')));
    } else if (/^<meta/i.test(tag)) {
      if ((attr(tag, 'property') ?? attr(tag, 'name') ?? '').toLowerCase() === 'og:url') push('og:url', decode(attr(tag, 'content')));
    } else push('base', decode(attr(tag, 'href')));
  }
  return out;
}

/** An HTML page's canonical address (`<link rel="canonical">`), else its `og:url`, else null. */
export function htmlCanonicalAddress(html: string): string | null {
  const found = htmlSelfAddresses(html);
  return (found.find((a) => a.kind === 'canonical') ?? found.find((a) => a.kind === 'og:url'))?.url ?? null;
}

/** The public address of a document (see the order above); `pageAddress`: the HTML page's htmlCanonicalAddress. */
export function publicAddressOf(doc: { origin: string; text: string; pageAddress?: string | null; given?: string | null }): string | null {
  return httpAddress(doc.given) ?? httpAddress(doc.origin) ?? httpAddress(doc.pageAddress) ?? sourceLineAddress(doc.text);
}
