/** Stage contracts, re-exported. `types/` imports nothing of the pipeline. */
export type * from './location.js';
export type * from './value.js';
export type * from './facts.js';
export type * from './facts-data.js';
export type * from './errors.js';
export type * from './extractor.js';
export type * from './inventory.js';
export type * from './model.js';
export type * from './model-data.js';
export type * from './graph.js';
export type * from './finding.js';
export type * from './rule.js';
export type * from './result.js';
export { SCHEMA_VERSION } from './result.js';
export type * from './analyze.js';
