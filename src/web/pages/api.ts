import { type Html, escapeHtml, html, raw } from '../html.js';
import { page } from '../layout.js';

interface Param {
  name: string;
  in: string;
  required?: boolean;
  description?: string;
  example?: unknown;
}
interface Operation {
  summary: string;
  /** Why no example address is given: what the route needs that a fresh database does not hold. */
  'x-example-needs'?: string;
  description?: string;
  tags: string[];
  parameters?: Param[];
  responses: Record<string, { description: string; content?: Record<string, unknown> }>;
}

/** An example address for a path: path parameters filled with their examples. */
function exampleHref(path: string, params: Param[]): string | null {
  let href = path;
  for (const p of params.filter((x) => x.in === 'path')) {
    if (p.example === undefined) return null;
    href = href.replace(`{${p.name}}`, encodeURIComponent(String(p.example)));
  }
  const required = params.filter((x) => x.in === 'query' && x.required);
  if (required.length) {
    if (required.some((p) => p.example === undefined)) return null;
    href += '?' + required.map((p) => `${p.name}=${encodeURIComponent(String(p.example))}`).join('&');
  }
  return href;
}

/** The descriptions' Markdown code spans (`x`, as OpenAPI readers render them) as <code>; all else escaped. */
export function codeSpans(text: string): Html {
  return raw(escapeHtml(text).replace(/`([^`]+)`/g, '<code>$1</code>'));
}

const TAG_TITLES: Record<string, string> = {
  api: 'JSON',
  pages: 'Pages (each has a .json twin)',
  data: 'Downloads',
  feeds: 'Feeds',
  assets: 'Assets',
};

export function apiPage(doc: { info: { description: string }; paths: Record<string, { get: Operation }> }): string {
  const entries = Object.entries(doc.paths);
  const body = html`
<h1>API</h1>
<p class="lede">${codeSpans(doc.info.description)}</p>
<p>The machine-readable description is the <a href="/api/openapi.json">OpenAPI 3.1 document</a>.</p>
<pre class="example" tabindex="0" aria-label="Example error">{"ok": false, "status": 404, "error": "no country with id \\"ZZZ\\" (use an ISO 3166-1 alpha-3 code such as TJK)"}</pre>
${Object.keys(TAG_TITLES).map((tag) => {
  const ops = entries.filter(([, item]) => item.get.tags.includes(tag));
  return html`<section aria-labelledby="tag-${tag}">
<h2 id="tag-${tag}">${TAG_TITLES[tag]}</h2>
${ops.map(([path, item]) => {
  const op = item.get;
  const params = op.parameters ?? [];
  const href = op['x-example-needs'] ? null : exampleHref(path, params);
  return html`<article class="endpoint" aria-labelledby="ep-${path}">
<h3 id="ep-${path}"><span class="method">GET</span> <code>${path}</code></h3>
<p>${op.summary}.${op.description ? html` ${codeSpans(op.description)}` : ''}${href ? html` Example: <a href="${href}">${href}</a>.` : ''}${op['x-example-needs'] ? html` <span class="muted">Needs ${op['x-example-needs']}.</span>` : ''}</p>
${
  params.length
    ? html`<table class="params stack"><caption class="sr-only">Parameters of ${path}</caption><thead><tr><th scope="col">Parameter</th><th scope="col">In</th><th scope="col">Meaning</th></tr></thead>
<tbody>${params.map((p) => html`<tr><td><code>${p.name}</code>${p.required ? ' (required)' : ''}</td><td>${p.in}</td><td>${codeSpans(p.description ?? '')}</td></tr>`)}</tbody></table>`
    : ''
}
<p class="muted small">Responses: ${Object.entries(op.responses).map(([status, r], i) => html`${i ? '; ' : ''}<strong>${status}</strong> ${codeSpans(r.description)}${r.content ? ` (${Object.keys(r.content).join(', ')})` : ''}`)}</p>
</article>`;
})}
</section>`;
})}`;
  return page({ title: 'API', body, jsonHref: '/api/openapi.json', section: 'api' });
}
