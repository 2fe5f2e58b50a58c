export type { CountryLookup, CountryHeading } from './headings.js';
export { lookupOf, defaultLookup } from './lookup.js';
export { parseDocument, parseText, planText, ingest, summaryOf } from './pipeline.js';
export type {
  ParsedDocument,
  ParseOptions,
  TextParseOptions,
  ImportTarget,
  IngestEvent,
  IngestOptions,
  IngestSource,
  IngestSummary,
  FileOutcome,
  DocumentSummary,
  NarrativeSummary,
  PlannedDocument,
} from './pipeline.js';
export { readDocument, sha256Of, DEFAULT_MAX_BYTES } from './read.js';
export type { RawDocument } from './read.js';
export { listSources, formatBytes } from './sources.js';
export type { SourceFile, SkippedPath } from './sources.js';
export { splitNarratives, countryFromTitle } from './splitNarratives.js';
export { parseNarrative } from './parseNarrative.js';
export { toText, detectFormat, htmlToText, decodeEntities } from './toText/index.js';
export type { TextDocument, DocumentFormat } from './toText/index.js';
export { publicAddressOf, htmlCanonicalAddress, sourceLineAddress, httpAddress } from './publicAddress.js';
export { garbageCollector, collectionCadence, COLLECT_EVERY_CHARS } from './memory.js';
