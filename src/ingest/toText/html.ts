/**
 * HTML → text for report pages: a small, tolerant tokenizer (no DOM, no dependency, nothing is ever run).
 * Keeps the page's main content — paragraphs, headings, list items and table cells as blocks separated by blank
 * lines — and drops what is not the report: scripts, styles, navigation, banners ("An official website of the
 * United States government"), share links, forms and footers. Entities are decoded. The <title> is returned too.
 */

import { CP1252_C1 } from './text.js';

// ---------------------------------------------------------------------------------------------------------
// Entities

const LATIN1_NAMES =
  'nbsp iexcl cent pound curren yen brvbar sect uml copy ordf laquo not shy reg macr deg plusmn sup2 sup3 acute micro para middot cedil sup1 ordm raquo frac14 frac12 frac34 iquest Agrave Aacute Acirc Atilde Auml Aring AElig Ccedil Egrave Eacute Ecirc Euml Igrave Iacute Icirc Iuml ETH Ntilde Ograve Oacute Ocirc Otilde Ouml times Oslash Ugrave Uacute Ucirc Uuml Yacute THORN szlig agrave aacute acirc atilde auml aring aelig ccedil egrave eacute ecirc euml igrave iacute icirc iuml eth ntilde ograve oacute ocirc otilde ouml divide oslash ugrave uacute ucirc uuml yacute thorn yuml';

const ENTITIES = new Map<string, string>([
  ['amp', '&'], ['lt', '<'], ['gt', '>'], ['quot', '"'], ['apos', "'"],
  ['ndash', '\u2013'], ['mdash', '\u2014'], ['lsquo', '\u2018'], ['rsquo', '\u2019'], ['sbquo', '\u201a'],
  ['ldquo', '\u201c'], ['rdquo', '\u201d'], ['bdquo', '\u201e'], ['dagger', '\u2020'], ['Dagger', '\u2021'],
  ['bull', '\u2022'], ['hellip', '\u2026'], ['permil', '\u2030'], ['prime', '\u2032'], ['Prime', '\u2033'],
  ['lsaquo', '\u2039'], ['rsaquo', '\u203a'], ['oline', '\u203e'], ['frasl', '\u2044'], ['euro', '\u20ac'],
  ['trade', '\u2122'], ['larr', '\u2190'], ['rarr', '\u2192'], ['uarr', '\u2191'], ['darr', '\u2193'],
  ['harr', '\u2194'], ['thinsp', '\u2009'], ['ensp', '\u2002'], ['emsp', '\u2003'], ['zwnj', '\u200c'],
  ['zwj', '\u200d'], ['lrm', '\u200e'], ['rlm', '\u200f'], ['OElig', '\u0152'], ['oelig', '\u0153'],
  ['Scaron', '\u0160'], ['scaron', '\u0161'], ['Yuml', '\u0178'], ['fnof', '\u0192'], ['circ', '\u02c6'],
  ['tilde', '\u02dc'], ['nbsp', '\u00a0'], ['NewLine', '\n'], ['Tab', '\t'],
]);
LATIN1_NAMES.split(' ').forEach((name, i) => ENTITIES.set(name, String.fromCharCode(160 + i)));

/** Entities that browsers accept without a semicolon (the common legacy ones). */
const NO_SEMICOLON = /^(?:amp|lt|gt|quot|nbsp|copy|reg)/;

/** Windows-1252 for numeric references 128–159, as browsers read them. */
const C1 = CP1252_C1;

function codePoint(n: number): string {
  if (n >= 128 && n <= 159) return C1[n - 128]!;
  if (n === 0 || n > 0x10ffff || (n >= 0xd800 && n <= 0xdfff)) return '\ufffd';
  return String.fromCodePoint(n);
}

/** Decodes character references: `&amp;`, `&rsquo;`, `&#8217;`, `&#x2019;`, and `&nbsp` without its semicolon. */
export function decodeEntities(s: string): string {
  if (s.indexOf('&') === -1) return s;
  return s.replace(/&(?:#(\d{1,7});?|#[xX]([0-9a-fA-F]{1,6});?|([A-Za-z][A-Za-z0-9]{1,31});?)/g, (m, dec, hex, name) => {
    if (dec) return codePoint(Number(dec));
    if (hex) return codePoint(parseInt(hex, 16));
    const value = ENTITIES.get(name);
    if (value !== undefined && (m.endsWith(';') || NO_SEMICOLON.test(name))) return value;
    if (!m.endsWith(';')) {
      const legacy = NO_SEMICOLON.exec(name);
      if (legacy) return ENTITIES.get(legacy[0])! + name.slice(legacy[0].length);
    }
    return m;
  });
}

// ---------------------------------------------------------------------------------------------------------
// Elements

const VOID = new Set(['area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'link', 'meta', 'param', 'source', 'track', 'wbr', 'keygen']);
/** Elements whose content is raw text up to their end tag (never markup). */
const RAW_TEXT = new Set(['script', 'style', 'textarea', 'title', 'xmp', 'iframe', 'noembed', 'noframes', 'noscript', 'plaintext']);
/** Elements whose content is never report text. */
const DROP = new Set([
  'script', 'style', 'noscript', 'template', 'svg', 'math', 'nav', 'aside', 'form', 'button', 'select', 'textarea',
  'iframe', 'object', 'canvas', 'audio', 'video', 'footer', 'dialog', 'head', 'menu', 'label', 'input',
]);
const BLOCK = new Set([
  'address', 'article', 'aside', 'blockquote', 'body', 'caption', 'center', 'dd', 'details', 'dialog', 'div', 'dl', 'dt',
  'fieldset', 'figcaption', 'figure', 'footer', 'form', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'header', 'hgroup', 'hr',
  'html', 'li', 'main', 'nav', 'ol', 'p', 'pre', 'section', 'summary', 'table', 'tbody', 'td', 'tfoot', 'th', 'thead',
  'tr', 'ul', 'title', 'option', 'legend',
]);
/** Opening one of these closes an open <p> (as browsers do). */
const CLOSES_P = new Set([
  'address', 'article', 'aside', 'blockquote', 'div', 'dl', 'fieldset', 'footer', 'form', 'h1', 'h2', 'h3', 'h4', 'h5',
  'h6', 'header', 'hr', 'main', 'nav', 'ol', 'p', 'pre', 'section', 'table', 'ul',
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

interface Open {
  name: string;
  drop: boolean;
  main: boolean;
}

function attr(attrs: string, name: string): string | undefined {
  const re = new RegExp(String.raw`(?:^|\s)${name}\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+))`, 'i');
  const m = re.exec(attrs);
  return m ? (m[1] ?? m[2] ?? m[3] ?? '') : undefined;
}

function isDropped(name: string, attrs: string): boolean {
  if (DROP.has(name)) return true;
  if (!attrs) return false;
  const role = attr(attrs, 'role');
  if (role && DROP_ROLES.test(role)) return true;
  if (/(?:^|\s)hidden(?:\s|=|$)/i.test(attrs) || /aria-hidden\s*=\s*["']?true/i.test(attrs)) return true;
  const tokens = `${attr(attrs, 'class') ?? ''} ${attr(attrs, 'id') ?? ''}`.toLowerCase().split(/\s+/);
  return tokens.some((t) => DROP_CLASS.has(t));
}

function isMain(name: string, attrs: string): boolean {
  return name === 'main' || (attrs !== '' && attr(attrs, 'role')?.trim().toLowerCase() === 'main');
}

export interface HtmlText {
  text: string;
  /** The <title>, entities decoded and whitespace collapsed; '' when the page has none. */
  title: string;
}

/**
 * The readable text of a page. When the page marks its main content (`<main>` or `role="main"`), only that is
 * kept. Blocks are separated by blank lines; `<br>` is a line break inside a block. The title, when the content
 * does not start with it, is the first block (so the report year and country it names are in the text).
 */
/** A line without the spaces and tabs at its ends (other white space, such as NBSP, is kept). */
function trimSpacesAndTabs(line: string): string {
  let a = 0;
  let b = line.length;
  while (a < b && (line.charCodeAt(a) === 32 || line.charCodeAt(a) === 9)) a++;
  while (b > a && (line.charCodeAt(b - 1) === 32 || line.charCodeAt(b - 1) === 9)) b--;
  return line.slice(a, b);
}

export function htmlToText(html: string): HtmlText {
  /** Every block, and whether it lies inside the main content (kept alone when the page marks any). */
  const blocks: { text: string; main: boolean }[] = [];
  let sawMain = false;
  let cur = '';
  let title = '';
  const stack: Open[] = [];
  let dropDepth = 0;
  let mainDepth = 0;
  let preDepth = 0;

  const emitting = () => dropDepth === 0;
  const flush = () => {
    // Spaces and tabs around line breaks go. Written without `[ \t]*\n` and `\s+$`, which retry every character of a
    // long run of spaces (or NBSPs) that no line break or end follows: quadratic time on a hostile page.
    const t = cur.indexOf('\n') === -1 ? cur.trim() : cur.split('\n').map(trimSpacesAndTabs).join('\n').trim();
    if (t) blocks.push({ text: t, main: mainDepth > 0 });
    cur = '';
  };
  const push = (o: Open) => {
    if (o.main) flush();
    stack.push(o);
    if (o.drop) dropDepth++;
    if (o.main) {
      mainDepth++;
      if (!o.drop && dropDepth === 0) sawMain = true;
    }
    if (o.name === 'pre') preDepth++;
  };
  const popTo = (index: number) => {
    while (stack.length > index) {
      const o = stack.pop()!;
      if (BLOCK.has(o.name) || o.main) flush();
      if (o.drop) dropDepth--;
      if (o.main) mainDepth--;
      if (o.name === 'pre') preDepth--;
    }
  };
  const lastIndexOf = (name: string, stopAt?: Set<string>) => {
    for (let i = stack.length - 1; i >= 0; i--) {
      if (stack[i]!.name === name) return i;
      if (stopAt?.has(stack[i]!.name)) return -1;
    }
    return -1;
  };
  const text = (raw: string) => {
    if (!emitting() || !raw) return;
    const t = decodeEntities(raw);
    cur += preDepth > 0 ? t : t.replace(/[ \t\n\r\f]+/g, ' ');
  };

  const n = html.length;
  let i = 0;
  while (i < n) {
    const lt = html.indexOf('<', i);
    if (lt === -1) {
      text(html.slice(i));
      break;
    }
    if (lt > i) text(html.slice(i, lt));
    i = lt;
    const next = html.charCodeAt(i + 1);
    // Comments, doctype, CDATA, processing instructions.
    if (html.startsWith('<!--', i)) {
      const end = html.indexOf('-->', i + 4);
      i = end === -1 ? n : end + 3;
      continue;
    }
    if (next === 33 /* ! */ || next === 63 /* ? */) {
      const end = html.indexOf('>', i + 2);
      i = end === -1 ? n : end + 1;
      continue;
    }
    const closing = next === 47; /* / */
    const nameStart = i + (closing ? 2 : 1);
    const m = /^[A-Za-z][A-Za-z0-9:-]*/.exec(html.slice(nameStart, nameStart + 40));
    if (!m) {
      // A lone '<' in text (`a < b`).
      text('<');
      i++;
      continue;
    }
    const name = m[0].toLowerCase();
    // Find the tag's end, skipping quoted attribute values.
    let j = nameStart + m[0].length;
    let quote = 0;
    for (; j < n; j++) {
      const c = html.charCodeAt(j);
      if (quote) {
        if (c === quote) quote = 0;
      } else if (c === 34 || c === 39) quote = c;
      else if (c === 62 /* > */) break;
    }
    const attrs = html.slice(nameStart + m[0].length, j).trim();
    i = j >= n ? n : j + 1;

    if (closing) {
      const at = lastIndexOf(name);
      if (at !== -1) popTo(at);
      else if (name === 'p' || name === 'br') flush();
      continue;
    }
    const selfClosing = attrs.endsWith('/');
    if (RAW_TEXT.has(name)) {
      // Raw text runs to the matching end tag (or the end of the document: an unclosed <script> hides the rest).
      const endRe = new RegExp(`</${name}\\s*>`, 'ig');
      endRe.lastIndex = i;
      const end = selfClosing ? null : endRe.exec(html);
      const content = selfClosing ? '' : html.slice(i, end ? end.index : n);
      i = end ? end.index + end[0].length : selfClosing ? i : n;
      // Only the title is kept; scripts, styles, form fields and the like are never report text.
      if (name === 'title' && !title) title = decodeEntities(content).replace(/\s+/g, ' ').trim();
      continue;
    }
    if (name === 'br') {
      if (emitting()) cur += '\n';
      continue;
    }
    if (CLOSES_P.has(name)) {
      const p = lastIndexOf('p', new Set(['div', 'section', 'article', 'main', 'td', 'th', 'li', 'blockquote']));
      if (p !== -1) popTo(p);
    }
    if (name === 'li') {
      const li = lastIndexOf('li', new Set(['ul', 'ol', 'menu']));
      if (li !== -1) popTo(li);
    } else if (name === 'td' || name === 'th') {
      const cell = Math.max(lastIndexOf('td', new Set(['tr', 'table'])), lastIndexOf('th', new Set(['tr', 'table'])));
      if (cell !== -1) popTo(cell);
    } else if (name === 'tr') {
      const row = lastIndexOf('tr', new Set(['table']));
      if (row !== -1) popTo(row);
    } else if (name === 'dt' || name === 'dd') {
      const d = Math.max(lastIndexOf('dt', new Set(['dl'])), lastIndexOf('dd', new Set(['dl'])));
      if (d !== -1) popTo(d);
    }
    if (BLOCK.has(name)) flush();
    if (VOID.has(name) || selfClosing) continue;
    push({ name, drop: isDropped(name, attrs), main: isMain(name, attrs) });
  }
  popTo(0);
  flush();

  const kept = blocks.filter((b) => (!sawMain || b.main) && !BOILERPLATE.some((re) => re.test(b.text))).map((b) => b.text);
  if (title) {
    const first = kept[0]?.replace(/\s+/g, ' ').toLowerCase();
    if (first !== title.toLowerCase()) kept.unshift(title);
  }
  return { text: kept.join('\n\n') + (kept.length ? '\n' : ''), title };
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
