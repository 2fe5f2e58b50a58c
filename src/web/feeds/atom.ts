/**
 * Atom feeds (RFC 4287) of tier movements, derived from placements: a movement is a change of tier between two
 * consecutive report years that both have a known placement. An entry is dated when its fact was published: the
 * release date of its report (data/publisher-years.csv, through src/domain/publisherYears.ts), whenever it was
 * imported here; for a report year whose release date is not known, June 30 of that year (reports come out in June
 * or July). The changes feed holds every movement, paged (RFC 5005 section 3: `first`, `previous`, `next`, `last`
 * links; `?page=N`), newest first.
 *
 * Not an archived feed (RFC 5005 section 4: `prev-archive`, `next-archive`, `fh:archive`): an archive document must
 * never change once published, and these pages do. Numbered from the newest, every page shifts when a new report's
 * movements come in; and numbering from the oldest would not make them stable either, since an imported narrative
 * may correct an old year's shipped tier, which adds, removes or re-dates movements in the middle of the history.
 */
import { movementLabel } from '../../analysis/timeline.js';
import type { Country } from '../../domain/index.js';
import { TIER_CODES, howWeKnow, movementBetween, officialSource } from '../../domain/index.js';
import type { CitedCountry } from '../../analysis/profile.js';
import { publisherYear } from '../../domain/publisherYears.js';
import type { Store, TierPlacement } from '../../store/types.js';
import { escapeHtml } from '../html.js';

/** Tag URIs (RFC 4151): stable whatever host the site is served from. */
const TAG = 'tag:tip-atlas,2001:';
/** Entries per page of the changes feed. */
export const CHANGES_FEED_PAGE_SIZE = 200;

export interface FeedEntry {
  id: string;
  title: string;
  updated: string;
  link: string;
  content: string;
}

/** When a report year's facts were published: its release date, else June 30 of the year (see above). */
export function reportDate(reportYear: number): string {
  return `${publisherYear(reportYear)?.releaseDate ?? `${reportYear}-06-30`}T00:00:00.000Z`;
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
        updated: reportDate(year),
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
  const history = store.tierHistory(country.id);
  const byYear = new Map(history.map((p) => [p.reportYear, p]));
  return history
    .map((p): FeedEntry => {
      const prev = byYear.get(p.reportYear - 1);
      const label = prev ? movementLabel(movementBetween(prev.tier, p.tier)) : `placed on ${p.tier}`;
      return {
        id: `${TAG}placement/${country.id}/${p.reportYear}/${TIER_CODES[p.tier]}`,
        title: `${country.name}: ${p.tier}${p.asterisk ? '*' : ''} in the ${p.reportYear} report`,
        updated: reportDate(p.reportYear),
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
  /** A paged feed (RFC 5005 section 3): the addresses of its first, previous, next and last pages. */
  paging?: { first: string; previous: string | null; next: string | null; last: string };
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
${meta.paging ? pagingLinks(meta.paging) : ''}${entries
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

function pagingLinks(p: NonNullable<FeedMeta['paging']>): string {
  const link = (rel: string, href: string | null) => (href ? `<link rel="${rel}" type="application/atom+xml" href="${x(href)}"/>\n` : '');
  return link('first', p.first) + link('previous', p.previous) + link('next', p.next) + link('last', p.last);
}

/** The number of pages of the changes feed (at least 1: an empty feed is one empty page). */
export function changesFeedPages(entries: number): number {
  return Math.max(1, Math.ceil(entries / CHANGES_FEED_PAGE_SIZE));
}

/**
 * One page (1-based) of the changes feed: every movement, newest first, CHANGES_FEED_PAGE_SIZE a page. Null for a
 * page past the last.
 */
export function changesFeed(store: Store, origin: string, page = 1): string | null {
  const all = movementEntries(store, origin);
  const pages = changesFeedPages(all.length);
  if (!Number.isInteger(page) || page < 1 || page > pages) return null;
  const href = (n: number) => `${origin}/feeds/changes.atom${n === 1 ? '' : `?page=${n}`}`;
  return atomFeed(
    {
      id: `${TAG}changes`,
      title: 'TIP Atlas: tier changes',
      subtitle: `Every change of tier between consecutive Trafficking in Persons Reports (${all.length}), newest first, dated by each report's release; page ${page} of ${pages}.`,
      self: href(page),
      alternate: `${origin}/`,
      paging: { first: href(1), previous: page > 1 ? href(page - 1) : null, next: page < pages ? href(page + 1) : null, last: href(pages) },
    },
    all.slice((page - 1) * CHANGES_FEED_PAGE_SIZE, page * CHANGES_FEED_PAGE_SIZE),
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
