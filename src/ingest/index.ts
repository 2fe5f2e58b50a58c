export type { CountryLookup, CountryHeading } from './headings.js';
export { lookupOf, defaultLookup } from './lookup.js';
export { parseDocument, parseText } from './pipeline.js';
export type { ParsedDocument, ParseOptions } from './pipeline.js';
export { readDocument, sha256Of, textOf } from './read.js';
export type { RawDocument } from './read.js';
export { splitNarratives } from './splitNarratives.js';
export { parseNarrative } from './parseNarrative.js';
