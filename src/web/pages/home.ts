import type { CountryWithLatest } from '../../store/types.js';
import { html } from '../html.js';
import { page, tierBadge } from '../layout.js';

export function homePage(countries: CountryWithLatest[]): string {
  const body = html`
<h1>The Trafficking in Persons Report, country by country</h1>
<p>Every country’s tier placement in the U.S. State Department’s annual Trafficking in Persons Report since 2001,
with the narratives and prioritized recommendations of the reports you import — each fact with its source.</p>
<h2>All countries and their latest known tier</h2>
<table>
<thead><tr><th scope="col">Country</th><th scope="col">Latest tier</th><th scope="col">Report year</th><th scope="col" class="hide-narrow">Region</th></tr></thead>
<tbody>
${countries.map(
  (c) => html`<tr><td><a href="/countries/${c.id}">${c.name}</a></td><td>${tierBadge(c.latest?.tier, c.latest?.asterisk)}</td><td>${c.latest?.reportYear ?? '—'}</td><td class="hide-narrow">${c.region}</td></tr>`,
)}
</tbody>
</table>`;
  return page({ title: 'Countries', body, jsonHref: '/index.json' });
}
