/**
 * Rendered responses kept in memory under the store's version: a page is rendered once per version of the data
 * (and per day, for the "accessed" date of citations), then served from here. Bounded by entries and bytes; the
 * least recently used entries go first.
 */
import { createHash } from 'node:crypto';

export interface CachedResponse {
  status: number;
  /** Every header to send, Content-Length and ETag included. */
  headers: Record<string, string>;
  body: Buffer;
  etag: string;
  bytes: number;
}

export class ResponseCache {
  private readonly entries = new Map<string, CachedResponse & { version: number }>();
  private totalBytes = 0;

  constructor(
    private readonly maxEntries = 2000,
    private readonly maxBytes = 64 * 1024 * 1024,
  ) {}

  get(key: string, version: number): CachedResponse | undefined {
    const e = this.entries.get(key);
    if (!e) return undefined;
    if (e.version !== version) {
      this.delete(key);
      return undefined;
    }
    // Most recently used last.
    this.entries.delete(key);
    this.entries.set(key, e);
    return e;
  }

  set(key: string, version: number, status: number, headers: Record<string, string>, body: Buffer): CachedResponse {
    this.delete(key);
    const bytes = body.byteLength;
    const etag = `W/"${version.toString(36)}-${createHash('sha1').update(body).digest('base64url').slice(0, 20)}"`;
    const clean = Object.fromEntries(Object.entries(headers).filter(([k]) => !/^(content-length|etag)$/i.test(k)));
    const entry = { status, headers: { ...clean, 'content-length': String(bytes), etag }, body, etag, bytes, version };
    if (bytes > this.maxBytes / 4) return entry; // too big to keep
    this.entries.set(key, entry);
    this.totalBytes += bytes;
    while (this.entries.size > this.maxEntries || this.totalBytes > this.maxBytes) {
      const oldest = this.entries.keys().next().value;
      if (oldest === undefined) break;
      this.delete(oldest);
    }
    return entry;
  }

  private delete(key: string): void {
    const e = this.entries.get(key);
    if (!e) return;
    this.entries.delete(key);
    this.totalBytes -= e.bytes;
  }
}
