/**
 * Language tools shared by ingest and the analyses: one sentence splitter, one normaliser and its locator of
 * normalised text in the original, the blocks of a document, and readers of typed values. Pure, no I/O; imports
 * only src/domain.
 */
export { splitBlocks } from './blocks.js';
export type { Block } from './blocks.js';
export { excerptOf, locateInOriginal, makeLocator, needsNormalizing, normalizeText } from './normalize.js';
export { sentencePieces, splitSentences } from './sentences.js';
export type { Sentence, SplitOptions } from './sentences.js';
export { REGION_CODES, readRegion, readReportYear } from './values.js';
