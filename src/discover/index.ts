/** The discover stage's public surface: the walk, file reading, service discovery and file ownership. */
export { walkRepository, type WalkOptions, type WalkResult } from './walk.js';
export { readSourceFile, type ReadResult } from './read.js';
export { discoverServices, type DiscoverInput, type DiscoverOutput } from './services.js';
export { ownerLookup, ownerOf, type Owner } from './owner.js';
