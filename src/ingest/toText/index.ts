import type { ParseWarning } from '../../domain/index.js';
import { InputError } from '../../domain/index.js';
import type { DocumentFormat } from './detect.js';
import { MEDIA_TYPES, detectFormat } from './detect.js';
import { declaredCharset, htmlToText } from './html.js';
import { SELF_ADDRESS_HEAD, htmlCanonicalAddress } from '../publicAddress.js';
import { pdfToText } from './pdf.js';
import { decodeByteParts, decodeText } from './text.js';

export { detectFormat, MEDIA_TYPES } from './detect.js';
export type { DocumentFormat } from './detect.js';
export { decodeEntities, htmlToText } from './html.js';
export { pdfToText } from './pdf.js';
export { decodeText, decodeBytes, decodeByteParts } from './text.js';

/** A document's text with its block structure kept (blocks separated by blank lines), and what else it says. */
export interface TextDocument {
  text: string;
  format: DocumentFormat;
  mediaType: string;
  /** The page title (HTML <title>, PDF Title metadata or running header): may name the country and year. */
  title?: string;
  /** An HTML page's own address (canonical link, else og:url), when it states one. */
  address?: string;
  warnings: ParseWarning[];
}

/** What toText may be told as it reads. */
export interface ToTextOptions {
  /** The characters of each part of an HTML page tokenized, of a PDF's lines and text (the import's garbage collection cadence). */
  onPart?: (chars: number) => void;
  /**
   * An HTML page's bytes are all decoded, or a PDF's copied into the memory its reader shares: whoever held them
   * only through takeText's holder no longer does (the import collects its garbage then: before an HTML page's text
   * is made a string, before a PDF is read).
   */
  onDecoded?: () => void;
}

/** Bytes → text, for any format the reports come in; the format is read from the bytes (the name only breaks ties). */
export async function toText(bytes: Uint8Array, origin: string, opts: ToTextOptions = {}): Promise<TextDocument> {
  return takeText({ bytes }, origin, opts);
}

/**
 * toText of the bytes it takes from `held` (which it empties): a caller that keeps no other reference to them lets
 * an HTML page's bytes be collected as soon as they are decoded, a PDF's once copied for its reader (`onDecoded`;
 * import memory). `onPart` is told the characters of each part of an HTML page tokenized, and of a PDF's lines as
 * the layout reads them and of its text once laid out (the import's garbage collection cadence).
 */
export async function takeText(held: { bytes: Uint8Array | undefined }, origin: string, opts: ToTextOptions = {}): Promise<TextDocument> {
  const { format, html } = formatOf(held, origin);
  const mediaType = MEDIA_TYPES[format];
  if (html) return htmlDocument(html, origin, mediaType, opts);
  if (format === 'pdf') {
    const pdf = await pdfToText(held, origin, opts);
    const warnings: ParseWarning[] = [];
    if (pdf.emptyPages.length) {
      const list = pdf.emptyPages.length > 8 ? `${pdf.emptyPages.slice(0, 8).join(', ')}, …` : pdf.emptyPages.join(', ');
      warnings.push({
        code: 'pdf-pages-without-text',
        message: `${pdf.emptyPages.length} of ${pdf.pages} pages have no text layer (pages ${list}): their text, if any, needs OCR`,
        excerpt: '',
      });
    }
    return { text: pdf.text, format, mediaType, ...(pdf.title ? { title: pdf.title } : {}), warnings };
  }
  const bytes = held.bytes!;
  held.bytes = undefined;
  const decoded = decodeText(bytes, origin);
  return { text: decoded.text, format, mediaType, warnings: decoded.warning ? [{ code: 'encoding', message: decoded.warning, excerpt: '' }] : [] };
}

type HtmlParts = ReturnType<typeof decodeByteParts> & { size: number };

/**
 * The format of the bytes held; an HTML page's parts to decode, its bytes then taken from the holder. A function of
 * its own, so that no frame still running while the page is read holds the bytes (not even as a call's argument).
 */
function formatOf(held: { bytes: Uint8Array | undefined }, origin: string): { format: DocumentFormat; html?: HtmlParts } {
  const bytes = held.bytes;
  if (!bytes?.length) throw new InputError('the file is empty', origin, 'empty');
  const format = detectFormat(bytes, origin);
  if (format !== 'html') return { format };
  held.bytes = undefined;
  return { format, html: { ...decodeByteParts(bytes, declaredCharset(bytes)), size: bytes.length } };
}

/**
 * An HTML page decoded and tokenized a part at a time: the decoded page is never held whole, and its bytes only
 * until the last part is decoded (import memory); its address is read from its head, where htmlCanonicalAddress
 * looks.
 */
function htmlDocument(decoded: HtmlParts, origin: string, mediaType: string, opts: ToTextOptions): TextDocument {
  let head = '';
  const parts = function* () {
    for (const part of decoded.parts) {
      if (head.length < SELF_ADDRESS_HEAD) head += part.slice(0, SELF_ADDRESS_HEAD - head.length);
      yield part;
      opts.onPart?.(part.length);
    }
    opts.onDecoded?.();
  };
  const { text, title } = htmlToText(parts(), decoded.size);
  if (!text.trim() || text.trim() === title) {
    throw new InputError('the HTML page has no readable content (only scripts, navigation or markup)', origin, 'html-without-content');
  }
  const warnings: ParseWarning[] = decoded.warning ? [{ code: 'encoding', message: decoded.warning, excerpt: '' }] : [];
  const address = htmlCanonicalAddress(head);
  return { text, format: 'html', mediaType, ...(title ? { title } : {}), ...(address ? { address } : {}), warnings };
}
