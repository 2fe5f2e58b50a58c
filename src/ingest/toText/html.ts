/**
 * HTML → text for report pages, read with htmlparser2's tokenizer (no DOM is built, nothing is ever run; it
 * decodes all of HTML5's named character references and closes elements as HTML's rules imply). Keeps the page's
 * main content — paragraphs, headings, list items and table cells as blocks separated by blank lines — and drops
 * what is not the report: scripts, styles, navigation, banners ("An official website of the United States
 * government"), share links, forms and footers. The <title> is returned too.
 */

import { Parser } from 'htmlparser2';
import { Utf8Builder } from './utf8Builder.js';

// ---------------------------------------------------------------------------------------------------------
// Elements

/** Elements whose content is never report text. */
const DROP = new Set([
  'script', 'style', 'noscript', 'template', 'svg', 'math', 'nav', 'aside', 'form', 'button', 'select', 'textarea',
  'iframe', 'object', 'canvas', 'audio', 'video', 'footer', 'dialog', 'head', 'menu', 'label', 'input', 'xmp', 'noembed',
  'noframes', 'plaintext', 'title',
]);
const BLOCK = new Set([
  'address', 'article', 'aside', 'blockquote', 'body', 'caption', 'center', 'dd', 'details', 'dialog', 'div', 'dl', 'dt',
  'fieldset', 'figcaption', 'figure', 'footer', 'form', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'header', 'hgroup', 'hr',
  'html', 'li', 'main', 'nav', 'ol', 'p', 'pre', 'section', 'summary', 'table', 'tbody', 'td', 'tfoot', 'th', 'thead',
  'tr', 'ul', 'title', 'option', 'legend',
]);
const DROP_ROLES = /^(?:navigation|banner|contentinfo|search|complementary|dialog|alertdialog|menu|menubar|toolbar)$/i;
/** Whole class/id tokens of page chrome: banners, menus, breadcrumbs, share links, cookie notices (`menu-item` is none). */
const DROP_CLASS = new Set(
  (
    'usa-banner usa-header usa-footer usa-nav usa-nav-container usa-skipnav banner breadcrumb breadcrumbs share sharing ' +
    'share-links share-buttons social socials social-links social-share navbar nav navigation main-nav site-nav menu ' +
    'main-menu footer site-footer page-footer skip skipnav skip-link skip-links sidebar cookie cookies cookie-banner ' +
    'cookie-notice subscribe newsletter site-header page-header masthead toolbar pagination print visually-hidden sr-only ' +
    'screen-reader-text related related-content related-links'
  ).split(' '),
);

/** Lines of the U.S. government's site banner and share widgets, dropped wherever they survive. */
const BOILERPLATE = [
  /^An official website of the United States government\b/i,
  /^Here[’']s how you know\b/i,
  /^Official websites use \.gov\b/i,
  /^A \.gov website belongs to an official government organization/i,
  /^Secure \.gov websites use HTTPS\b/i,
  /^A lock \(.{0,40}\) or https:\/\/ means\b/i,
  /^(?:Skip to (?:main )?content|Share(?: this (?:page|article))?:?|Print|Email|Facebook|Twitter|X|LinkedIn|Copy link)$/i,
  /^This is archived content from the U\.S\. Department of State website\b/i,
];

type Attributes = Record<string, string>;

function isDropped(name: string, attrs: Attributes): boolean {
  if (DROP.has(name)) return true;
  const role = attrs.role;
  if (role && DROP_ROLES.test(role)) return true;
  if ('hidden' in attrs || /^\s*true/i.test(attrs['aria-hidden'] ?? '')) return true;
  const tokens = `${attrs.class ?? ''} ${attrs.id ?? ''}`.toLowerCase().split(/\s+/);
  return tokens.some((t) => DROP_CLASS.has(t));
}

function isMain(name: string, attrs: Attributes): boolean {
  return name === 'main' || attrs.role?.trim().toLowerCase() === 'main';
}

export interface HtmlText {
  text: string;
  /** The <title>, entities decoded and whitespace collapsed; '' when the page has none. */
  title: string;
}

/** A line without the spaces and tabs at its ends (other white space, such as NBSP, is kept). */
function trimSpacesAndTabs(line: string): string {
  let a = 0;
  let b = line.length;
  while (a < b && (line.charCodeAt(a) === 32 || line.charCodeAt(a) === 9)) a++;
  while (b > a && (line.charCodeAt(b - 1) === 32 || line.charCodeAt(b - 1) === 9)) b--;
  return line.slice(a, b);
}

interface Open {
  name: string;
  drop: boolean;
  main: boolean;
}

/** The blocks kept of a page, written into its text as they come (see htmlToText for the title). */
class KeptText {
  private readonly out: Utf8Builder;
  /** The first block, white space collapsed and lower-cased, when the title was not yet known as it came. */
  private first: string | undefined;

  constructor(capacity: number) {
    this.out = new Utf8Builder(capacity);
  }

  add(text: string, title: string): void {
    if (!this.out.empty) this.out.append('\n\n');
    else if (!title) this.first = text.replace(/\s+/g, ' ').toLowerCase();
    else if (text.replace(/\s+/g, ' ').toLowerCase() !== title.toLowerCase()) {
      // A page's title, once it has one, is settled (the first <title> with text): it goes before the first block.
      this.out.append(title);
      this.out.append('\n\n');
    }
    this.out.append(text);
  }

  text(title: string): string {
    if (this.out.empty) return title ? `${title}\n` : '';
    this.out.append('\n');
    const text = this.out.take();
    // The title came after the first block (rare): it goes before it all the same.
    return title && this.first !== undefined && this.first !== title.toLowerCase() ? `${title}\n\n${text}` : text;
  }
}

/**
 * The blocks of a page as its elements open and close (htmlparser2's callbacks drive it): text outside dropped
 * elements is gathered into the current block; a block element, `<main>` or a line break ends it. Each block is
 * kept as it ends (no list of them is held): in the text of the main content, and in that of the whole page until
 * the main content is seen (from then on only the main content is kept).
 */
class BlockCollector {
  sawMain = false;
  title = '';
  /** The blocks inside the main content. */
  readonly main: KeptText;
  /** Every block, while no main content is seen. */
  all: KeptText | undefined;
  private cur = '';
  /** Decoded text not yet added to the block: white space is collapsed over a whole run between two tags. */
  private pending = '';
  private readonly stack: Open[] = [];
  private dropDepth = 0;
  private mainDepth = 0;
  private preDepth = 0;
  private titleText: string | undefined;

  constructor(capacity: number) {
    this.main = new KeptText(capacity);
    this.all = new KeptText(capacity);
  }

  text(t: string): void {
    if (this.titleText !== undefined) this.titleText += t;
    else if (this.dropDepth === 0) this.pending += t;
  }

  open(name: string, attrs: Attributes): void {
    this.settle();
    if (name === 'title' && !this.title && this.titleText === undefined) this.titleText = '';
    if (name === 'br') {
      if (this.dropDepth === 0) this.cur += '\n';
      return;
    }
    if (BLOCK.has(name)) this.flush();
    const o: Open = { name, drop: isDropped(name, attrs), main: isMain(name, attrs) };
    if (o.main) this.flush();
    this.stack.push(o);
    if (o.drop) this.dropDepth++;
    if (o.main) {
      this.mainDepth++;
      if (!o.drop && this.dropDepth === 0) {
        this.sawMain = true;
        this.all = undefined;
      }
    }
    if (o.name === 'pre') this.preDepth++;
  }

  close(name: string): void {
    this.settle();
    if (name === 'title' && this.titleText !== undefined) {
      this.title = this.titleText.replace(/\s+/g, ' ').trim();
      this.titleText = undefined;
    }
    const o = this.stack.at(-1);
    // The parser closes only what it opened, innermost first; a void element (br, img) was never pushed.
    if (!o || o.name !== name) return;
    this.stack.pop();
    if (BLOCK.has(o.name) || o.main) this.flush();
    if (o.drop) this.dropDepth--;
    if (o.main) this.mainDepth--;
    if (o.name === 'pre') this.preDepth--;
  }

  end(): void {
    this.settle();
    this.flush();
  }

  /** Adds the pending text to the block, its white space collapsed outside <pre>. */
  private settle(): void {
    if (!this.pending) return;
    this.cur += this.preDepth > 0 ? this.pending : this.pending.replace(/[ \t\n\r\f]+/g, ' ');
    this.pending = '';
  }

  private flush(): void {
    this.settle();
    // Spaces and tabs around line breaks go. Written without `[ \t]*\n` and `\s+$`, which retry every character of a
    // long run of spaces (or NBSPs) that no line break or end follows: quadratic time on a hostile page.
    const cur = this.cur;
    this.cur = '';
    const t = cur.indexOf('\n') === -1 ? cur.trim() : cur.split('\n').map(trimSpacesAndTabs).join('\n').trim();
    if (!t || BOILERPLATE.some((re) => re.test(t))) return;
    if (this.mainDepth > 0) this.main.add(t, this.title);
    this.all?.add(t, this.title);
  }
}

/**
 * The readable text of a page. When the page marks its main content (`<main>` or `role="main"`), only that is
 * kept. Blocks are separated by blank lines; `<br>` is a line break inside a block. The title, when the content
 * does not start with it, is the first block (so the report year and country it names are in the text). Read by
 * htmlparser2 (entities decoded, implied end tags closed) from the page given whole or in parts (its tokenizer
 * carries a tag or reference cut between two parts over); `sizeHint`: about how many bytes the text may take
 * (the page's size: see Utf8Builder).
 */
export function htmlToText(html: string | Iterable<string>, sizeHint?: number): HtmlText {
  const c = new BlockCollector(sizeHint ?? (typeof html === 'string' ? html.length : 1 << 20));
  const parser = new Parser(
    {
      onopentag: (name, attrs) => c.open(name, attrs),
      onclosetag: (name) => c.close(name),
      ontext: (t) => c.text(t),
    },
    { decodeEntities: true, lowerCaseTags: true, lowerCaseAttributeNames: true, recognizeSelfClosing: true },
  );
  for (const part of typeof html === 'string' ? [html] : html) parser.write(part);
  parser.end();
  c.end();
  const kept = c.sawMain ? c.main : c.all!;
  return { text: kept.text(c.title), title: c.title };
}

/** Decodes the character references of text (`&amp;`, `&rsquo;`, `&#8217;`, legacy `&nbsp` …): all of HTML5's. */
export function decodeEntities(s: string): string {
  if (s.indexOf('&') === -1) return s;
  let out = '';
  const parser = new Parser({ ontext: (t) => (out += t) }, { decodeEntities: true });
  // As text, with every '<' escaped: nothing in it is read as markup.
  parser.end(s.replace(/</g, '&lt;'));
  return out;
}

/** The charset an HTML page declares in its first bytes (`<meta charset=…>` or http-equiv), if any. */
export function declaredCharset(bytes: Uint8Array): string | undefined {
  const head = new TextDecoder('latin1').decode(bytes.subarray(0, 4096));
  const m = /<meta[^>]+charset\s*=\s*(?:["']\s*)?([A-Za-z0-9_.:-]+)/i.exec(head);
  if (!m) return undefined;
  const label = m[1]!.toLowerCase();
  try {
    return new TextDecoder(label).encoding;
  } catch {
    return undefined;
  }
}
