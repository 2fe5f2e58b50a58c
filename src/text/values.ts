/**
 * Reading the values people type (a URL parameter, a CLI flag, a search filter, a CSV cell): a report year, a
 * region (a tier: domain tierFromCode). One reader each; callers turn `undefined` into their own error (HTTP 400, exit 1, …).
 */
import { REGION_NAMES, isPlausibleReportYear, type RegionCode } from '../domain/index.js';

/** Four digits naming a report year (2001–2030), white space around allowed. */
export function readReportYear(value: string): number | undefined {
  const v = value.trim();
  if (!/^\d{4}$/.test(v)) return undefined;
  const year = Number(v);
  return isPlausibleReportYear(year) ? year : undefined;
}

export const REGION_CODES = Object.keys(REGION_NAMES) as RegionCode[];

/** A region by code ("EUR") or name ("Europe"), any case. */
export function readRegion(value: string): RegionCode | undefined {
  const v = value.trim().toLowerCase();
  return REGION_CODES.find((r) => r.toLowerCase() === v || REGION_NAMES[r].toLowerCase() === v);
}
