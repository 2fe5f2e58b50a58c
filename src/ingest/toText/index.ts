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

/**
 * Bytes → text, for any format the reports come in; the format is read from the bytes (the name only breaks ties).
 * `onPart` is told the characters of each part of an HTML page tokenized, and of a PDF's lines once read and once laid
 * out (the import's garbage collection cadence).
 */
export async function toText(bytes: Uint8Array, origin: string, opts: { onPart?: (chars: number) => void } = {}): Promise<TextDocument> {
  if (bytes.length === 0) throw new InputError('the file is empty', origin, 'empty');
  const format = detectFormat(bytes, origin);
  const mediaType = MEDIA_TYPES[format];
  if (format === 'pdf') {
    const pdf = await pdfToText(bytes, origin, opts.onPart);
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
  if (format === 'html') {
    // Decoded and tokenized a part at a time: the decoded page is never held whole (import memory); its address is
    // read from its head, where htmlCanonicalAddress looks.
    const decoded = decodeByteParts(bytes, declaredCharset(bytes));
    let head = '';
    const parts = function* () {
      for (const part of decoded.parts) {
        if (head.length < SELF_ADDRESS_HEAD) head += part.slice(0, SELF_ADDRESS_HEAD - head.length);
        yield part;
        opts.onPart?.(part.length);
      }
    };
    const { text, title } = htmlToText(parts());
    if (!text.trim() || text.trim() === title) {
      throw new InputError('the HTML page has no readable content (only scripts, navigation or markup)', origin, 'html-without-content');
    }
    const warnings: ParseWarning[] = decoded.warning ? [{ code: 'encoding', message: decoded.warning, excerpt: '' }] : [];
    const address = htmlCanonicalAddress(head);
    return { text, format, mediaType, ...(title ? { title } : {}), ...(address ? { address } : {}), warnings };
  }
  const decoded = decodeText(bytes, origin);
  return { text: decoded.text, format, mediaType, warnings: decoded.warning ? [{ code: 'encoding', message: decoded.warning, excerpt: '' }] : [] };
}
