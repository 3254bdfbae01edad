/** The derive stage: everything rules share, computed once. */
import type { ArchMultiGraph, Derived } from '../../types/index.js';
import { deriveSyncChains } from './sync-chains.js';
import { deriveSyncCycles } from './sync-cycles.js';

export function derive(graph: ArchMultiGraph): Derived {
  return { syncCycles: deriveSyncCycles(graph), syncChains: deriveSyncChains(graph) };
}
