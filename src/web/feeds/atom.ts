/**
 * Atom feeds (RFC 4287) of tier movements, derived from placements: a movement is a change of tier between two
 * consecutive report years that both have a known placement. An entry is dated when its newer fact appeared:
 * an imported placement when its document was imported, a shipped one on June 30 of its report year (reports
 * come out in June).
 */
import { movementLabel } from '../../analysis/timeline.js';
import type { Country } from '../../domain/index.js';
import { TIER_CODES, howWeKnow, movementBetween, officialSource } from '../../domain/index.js';
import type { CitedCountry } from '../../analysis/profile.js';
import type { SourceDocument, Store, TierPlacement } from '../../store/types.js';
import { escapeHtml } from '../html.js';

/** Tag URIs (RFC 4151): stable whatever host the site is served from. */
const TAG = 'tag:tip-atlas,2001:';
export const CHANGES_FEED_LIMIT = 200;

export interface FeedEntry {
  id: string;
  title: string;
  updated: string;
  link: string;
  content: string;
}

export function placementDate(p: TierPlacement, docs: Map<number, SourceDocument>): string {
  if (p.origin === 'imported' && p.documentId !== undefined) {
    const d = docs.get(p.documentId);
    if (d) return new Date(d.importedAt).toISOString();
  }
  return `${p.reportYear}-06-30T00:00:00.000Z`;
}

function later(a: string, b: string): string {
  return a > b ? a : b;
}

/** The official report first (with the publisher's address, or why none), then how we know it. */
function sourceText(p: TierPlacement, country: CitedCountry | undefined): string {
  const o = officialSource(p.reportYear, country ?? null, p.source);
  const title = country ? o.title : `${o.reportTitle}`;
  const how = howWeKnow(p);
  return `${o.publisher}, ${title}${o.url ? ` <${o.url}>` : ''} (how we know: ${how.text}${how.source ? `, ${how.source}` : ''})`;
}

/** Every movement of every country, newest first. */
export function movementEntries(store: Store, origin: string): FeedEntry[] {
  const docs = new Map(store.documents().map((d) => [d.id, d]));
  const countries = new Map(store.listCountries().map((c) => [c.id, c]));
  const byCountry = new Map<string, Map<number, TierPlacement>>();
  for (const y of store.reportYears()) {
    for (const p of store.placementsForYear(y.reportYear)) {
      let m = byCountry.get(p.countryId);
      if (!m) byCountry.set(p.countryId, (m = new Map()));
      m.set(p.reportYear, p);
    }
  }
  const entries: FeedEntry[] = [];
  for (const [id, years] of byCountry) {
    const name = countries.get(id)?.name ?? id;
    for (const [year, p] of years) {
      const prev = years.get(year - 1);
      if (!prev || prev.tier === p.tier) continue;
      const m = movementBetween(prev.tier, p.tier);
      const label = movementLabel(m);
      entries.push({
        id: `${TAG}movement/${id}/${year}/${TIER_CODES[prev.tier]}-${TIER_CODES[p.tier]}`,
        title: `${name} ${label} in the ${year} report`,
        updated: later(placementDate(prev, docs), placementDate(p, docs)),
        link: `${origin}/countries/${id}/${year}`,
        content:
          `${name}: ${p.tier}${p.asterisk ? '*' : ''} in the ${year} Trafficking in Persons Report, ${prev.tier} in ${year - 1} (${label}). ` +
          `Sources: ${year} — ${sourceText(p, countries.get(id))}; ${year - 1} — ${sourceText(prev, countries.get(id))}.`,
      });
    }
  }
  return entries.sort((a, b) => (a.updated < b.updated ? 1 : a.updated > b.updated ? -1 : a.id < b.id ? -1 : 1));
}

/** A country's feed: each of its placements (movement or not), newest first. */
export function countryEntries(store: Store, country: Country, origin: string): FeedEntry[] {
  const docs = new Map(store.documents().map((d) => [d.id, d]));
  const history = store.tierHistory(country.id);
  const byYear = new Map(history.map((p) => [p.reportYear, p]));
  return history
    .map((p): FeedEntry => {
      const prev = byYear.get(p.reportYear - 1);
      const label = prev ? movementLabel(movementBetween(prev.tier, p.tier)) : `placed on ${p.tier}`;
      return {
        id: `${TAG}placement/${country.id}/${p.reportYear}/${TIER_CODES[p.tier]}`,
        title: `${country.name}: ${p.tier}${p.asterisk ? '*' : ''} in the ${p.reportYear} report`,
        updated: prev ? later(placementDate(p, docs), placementDate(prev, docs)) : placementDate(p, docs),
        link: `${origin}/countries/${country.id}/${p.reportYear}`,
        content:
          `${country.name}: ${p.tier}${p.asterisk ? '*' : ''} in the ${p.reportYear} Trafficking in Persons Report` +
          `${prev ? ` (${label}; ${prev.tier} in ${p.reportYear - 1})` : ''}. Source: ${sourceText(p, country)}.`,
      };
    })
    .sort((a, b) => (a.updated < b.updated ? 1 : a.updated > b.updated ? -1 : a.id < b.id ? 1 : -1));
}

export interface FeedMeta {
  id: string;
  title: string;
  subtitle: string;
  /** Absolute URL of the feed itself. */
  self: string;
  /** Absolute URL of the page it follows. */
  alternate: string;
}

const x = escapeHtml;

export function atomFeed(meta: FeedMeta, entries: FeedEntry[]): string {
  const updated = entries.reduce((u, e) => later(u, e.updated), '2001-06-30T00:00:00.000Z');
  return `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
<id>${x(meta.id)}</id>
<title>${x(meta.title)}</title>
<subtitle>${x(meta.subtitle)}</subtitle>
<updated>${updated}</updated>
<author><name>TIP Atlas</name></author>
<generator>TIP Atlas</generator>
<link rel="self" type="application/atom+xml" href="${x(meta.self)}"/>
<link rel="alternate" type="text/html" href="${x(meta.alternate)}"/>
${entries
  .map(
    (e) => `<entry>
<id>${x(e.id)}</id>
<title>${x(e.title)}</title>
<updated>${e.updated}</updated>
<link rel="alternate" type="text/html" href="${x(e.link)}"/>
<content type="text">${x(e.content)}</content>
</entry>`,
  )
  .join('\n')}
</feed>
`;
}

export function changesFeed(store: Store, origin: string): string {
  const entries = movementEntries(store, origin).slice(0, CHANGES_FEED_LIMIT);
  return atomFeed(
    {
      id: `${TAG}changes`,
      title: 'TIP Atlas: tier changes',
      subtitle: `Every change of tier between consecutive Trafficking in Persons Reports (the latest ${CHANGES_FEED_LIMIT}).`,
      self: `${origin}/feeds/changes.atom`,
      alternate: `${origin}/`,
    },
    entries,
  );
}

export function countryFeed(store: Store, country: Country, origin: string): string {
  return atomFeed(
    {
      id: `${TAG}country/${country.id}`,
      title: `TIP Atlas: ${country.name}`,
      subtitle: `${country.name}’s tier placement in each Trafficking in Persons Report.`,
      self: `${origin}/countries/${country.id}/feed.atom`,
      alternate: `${origin}/countries/${country.id}`,
    },
    countryEntries(store, country, origin),
  );
}
