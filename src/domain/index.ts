export * from './tiers.js';
export * from './reportYears.js';
export * from './errors.js';
export * from './types.js';
export * from './publisherYears.js';
export * from './officialSource.js';
export * from './howWeKnow.js';
export * from './versionChoice.js';
