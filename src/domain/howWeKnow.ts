/**
 * "How we know" a tier placement, in plain words for a reader, beneath the official citation. Reads the
 * placement's `basis` and `source` as data/SOURCES.md defines them (tier-placements.csv: `dataset`, `narrative`,
 * `seen`, `seen, year inferred`, `derived`) or an imported narrative's heading.
 */
import { isPublisherAddress } from './officialSource.js';

export interface HowWeKnow {
  /** "from the Cho / Kelley academic dataset", "stated in news coverage of the report’s release"… */
  text: string;
  /** The page or dataset it was compiled from: an address (linked) or a dataset's file name; '' when none. */
  source: string;
}

function host(url: string): string {
  try {
    return new URL(url).hostname.toLowerCase().replace(/^www\./, '');
  } catch {
    return '';
  }
}

/** What kind of page a `seen` source is, from its address. */
function seenWords(source: string): string {
  if (/^MilkMp\/CIA-World-Factbooks/i.test(source)) return 'stated in the CIA World Factbook’s list of the report’s Watch List and Tier 3 countries';
  if (isPublisherAddress(source)) return 'stated on the publisher’s own page';
  const h = host(source);
  if (!h) return `stated in ${source}`;
  if (h.endsWith('usembassy.gov') || h.endsWith('usconsulate.gov') || h.endsWith('usmission.gov')) return 'stated on a U.S. embassy’s page about the report';
  if (h.endsWith('refworld.org') || h.endsWith('refworld.org.') || h.endsWith('unhcr.org') || h.endsWith('ecoi.net')) {
    return 'stated in a copy of the report’s narrative (refworld / ecoi.net)';
  }
  if (h.endsWith('gvnet.com')) return 'stated in GVNet’s tier list of the report';
  if (h === 'statenewswire.com') return 'stated in a newswire copy of the report’s narrative';
  return 'stated in news coverage of the report’s release';
}

/**
 * How a placement of `reportYear` is known. `imported`: read from the heading of an imported narrative, whose
 * public address (or null) is `source`.
 */
export function howWeKnow(p: { reportYear: number; basis: string; source: string; origin: 'shipped' | 'imported' }): HowWeKnow {
  const { source } = p;
  if (p.origin === 'imported') {
    return /^https?:/.test(source)
      ? { text: 'read from the heading of the imported narrative at this address', source }
      : { text: `read from the heading of the narrative in ${source}`, source: '' };
  }
  switch (p.basis) {
    case 'dataset':
      if (/kelley_simmons/i.test(source)) return { text: 'from the Kelley & Simmons academic dataset', source };
      if (/^tiers_2015/i.test(source)) return { text: 'from a hand-compiled list of the 2015 report', source };
      if (/^hti_/i.test(source)) return { text: 'from the Human Trafficking Indicators (HTI) dataset', source };
      return { text: 'from the Cho / Kelley academic dataset', source };
    case 'narrative':
      return { text: `read from the heading of the ${p.reportYear} narrative`, source };
    case 'seen':
      return { text: seenWords(source), source };
    case 'seen, year inferred':
      return { text: `${seenWords(source).replace(/^stated/, 'stated, undated,')}; its report year worked out from the tier changes it shows`, source };
    case 'derived':
      return { text: `inferred from the ${p.reportYear + 1} report’s narrative, which says how the tier changed; not stated directly`, source };
    default:
      return { text: p.basis, source };
  }
}
