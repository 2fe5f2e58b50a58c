import { bomOf } from './text.js';

export type DocumentFormat = 'pdf' | 'html' | 'text';

export const MEDIA_TYPES: Record<DocumentFormat, string> = {
  pdf: 'application/pdf',
  html: 'text/html',
  text: 'text/plain',
};

const HTML_START = /^(?:<\?xml[^>]*>\s*)?(?:<!--(?:[^-]|-(?!->))*-->\s*)*(?:<!doctype\s+html|<html[\s>]|<head[\s>]|<body[\s>]|<meta[\s>]|<title[\s>])/i;
const HTML_INSIDE = /<(?:html|body|head)[\s>]|<\/(?:p|div|html|body)>/i;

/** The first bytes as a string (UTF-16 decoded when a BOM says so), BOM and leading whitespace removed. */
function head(b: Uint8Array, n: number): string {
  const bom = bomOf(b);
  const slice = b.subarray(bom?.length ?? 0, (bom?.length ?? 0) + n);
  const enc = bom?.encoding === 'utf-16le' || bom?.encoding === 'utf-16be' ? bom.encoding : 'latin1';
  return new TextDecoder(enc).decode(slice).trimStart();
}

/**
 * What the bytes are, from the bytes: `%PDF-` at the start (after a BOM or whitespace only) is a PDF; a document that starts like HTML
 * (`<!doctype html`, `<html`, `<head`, …, after a BOM, whitespace or comments) is HTML; anything else is text. The
 * file name only breaks a tie: a `.htm(l)` file that starts with a tag and holds HTML markup is HTML.
 */
export function detectFormat(bytes: Uint8Array, name = ''): DocumentFormat {
  const first = new TextDecoder('latin1').decode(bytes.subarray(0, 1024));
  if (/^(?:\xef\xbb\xbf)?\s*%PDF-/.test(first)) return 'pdf';
  const h = head(bytes, 4096);
  if (HTML_START.test(h)) return 'html';
  if (h.startsWith('<') && HTML_INSIDE.test(h) && (/\.x?html?$/i.test(name) || /<!doctype|<html/i.test(h.slice(0, 1024)))) return 'html';
  if (/\.x?html?$/i.test(name) && h.startsWith('<') && /<\/?[a-z][a-z0-9]*[\s>]/i.test(h)) return 'html';
  return 'text';
}
