export * from './tiers.js';
export * from './reportYears.js';
export * from './errors.js';
export * from './types.js';
export * from './publisherYears.js';
export * from './context.js';
