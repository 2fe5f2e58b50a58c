/**
 * HTML pages whose converted text is pinned (test/ingest/htmlText.test.ts): the shapes htmlToText tells apart —
 * main content or none, the title before, equal to or after the first block, line breaks, <pre>, page chrome,
 * character references, white space — and a page of the benchmark's (bench/importMemory.ts: each block a paragraph).
 */
import { syntheticReport } from '../../bench/generate.js';

export const HTML_SNIPPETS: Record<string, string> = {
  page: '<html><head><title>2024 Trafficking in Persons Report: Examplia</title></head><body><nav>Menu</nav><p>EXAMPLIA: Tier 2</p><p>Text &amp; more&nbsp;here.</p></body></html>',
  titleIsFirstBlock: '<title>Examplia  Tier 2</title><body><h1>examplia\ntier 2</h1><p>x</p>',
  titleAfterContent: '<body><p>First.</p><title>Late title</title><p>Second.</p></body>',
  titleAfterEqual: '<main><p>First  main</p></main><title>First main</title>',
  blankTitleThenTitle: '<title>  </title><title>Second title</title><p>x</p>',
  twoTitles: '<title>One</title><title>Two</title><p>x</p>',
  mainAfterBlocks: '<body><p>Chrome before.</p><main><p>Main one.</p></main><p>After.</p><main><p>Main two.</p></main></body>',
  hiddenMain: '<body><main hidden><p>Hidden.</p></main><p>Visible.</p></body>',
  mainInNav: '<nav><main><p>In nav.</p></main></nav><p>Out.</p>',
  roleMain: '<title>T</title><p>Out before</p><div role="main"><p>Content.</p>tail text</div><p>Out</p>',
  mainWithChrome: '<main><p>m1</p><div class="share">Share it</div>loose<span> text</span></main><footer><p>f</p></footer>',
  breaksAndPre: '<p>Line one<br>  Line two  <br/>Line three</p><pre>  keep   spaces\n  and lines  </pre><p>a\tb   c</p><p><br><br></p>',
  boilerplate: '<p>An official website of the United States government</p><p>Share</p><p>Kept.</p><div>Here’s how you know</div>',
  onlyBoilerplate: '<title>T</title><p>Print</p>',
  empty: '',
  blank: '<p> </p>',
  titleOnly: '<title>Only title</title>',
  entities: '<p>&lt;b&gt; &ccaron; &#8217; &#x1F600; &nGt; &amp &notit; &#0; &#x80; &NotEqualTilde; &unknown;</p>',
  whitespace: '<p>  \u00a0 nbsp \u00a0 </p><p>\r\nCR\rLF\n</p><p>' + ' '.repeat(300) + 'x' + '\u00a0'.repeat(50) + '</p>',
  tablesAndLists: '<table><tr><td>A</td><td>B</td></tr></table><ul><li>one<li>two</ul><dl><dt>t<dd>d</dl>',
  unclosed: '<body><p>One <b>bold</p> two<p>Three < four</p><script>alert("<p>x</p>")</script><p>Five<script>never closed <p>hidden',
  dropped: '<p hidden>h</p><p aria-hidden="true">a</p><div class="usa-banner">b</div><div role="navigation">n</div><form>f</form><p>Kept.</p>',
  inlineOnly: 'text outside <b>any</b> block &amp; more',
};

/** The benchmark's HTML page (bench/importMemory.ts htmlOf) of a synthetic report. */
export function benchHtml(countries: number, scale: number): string {
  const r = syntheticReport({ year: 2024, countries, seed: 1, scale });
  const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;');
  return `<!doctype html><html><head><title>${esc(r.title)}</title></head><body><main>${r.blocks.map((b) => `<p>${esc(b.text)}</p>`).join('\n')}</main></body></html>`;
}

/** Pages as bytes, for toText: encodings, byte-order marks, line ends. */
export function htmlByteCases(): Record<string, Uint8Array> {
  const u = (s: string) => new Uint8Array(Buffer.from(s, 'utf8'));
  return {
    utf8: u('<html><head><title>Café – 2024</title></head><body><p>MIROVIA: Tier 1</p><p>It’s a café.\r\nNew line.</p></body></html>'),
    windows1252: new Uint8Array(Buffer.from('<html><head><meta charset="windows-1252"><title>T\x92s</title></head><body><p>MIROVIA: Tier 1</p><p>It\x92s fine\x85</p></body></html>', 'latin1')),
    utf16: new Uint8Array(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('<title>UTF-16</title><p>MIROVIA: Tier 1</p><p>Wide “quotes”.</p>', 'utf16le')])),
    damagedUtf8: new Uint8Array(Buffer.concat([Buffer.from('<title>D</title><p>MIROVIA: Tier 1</p><p>ok – ', 'utf8'), Buffer.from([0xff]), Buffer.from(' end</p>', 'utf8')])),
    canonical: u('<html><head><link rel="canonical" href="https://www.state.gov/reports/2024-trafficking-in-persons-report/mirovia/"></head><body><main><p>MIROVIA: Tier 1</p></main></body></html>'),
  };
}
