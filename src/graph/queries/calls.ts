/** Small typed queries over synchronous call edges, shared by rules. */
import { compareLocations, compareStrings } from '../../shared/compare.js';

/** Re-exported for rules, which read shared helpers through graph queries. */
export { compareStrings };
import type { ArchMultiGraph, NodeKey, ResolvedCall } from '../../types/index.js';

/** Call sites from `from` to `to`, sorted by file, line, column. */
export function callSites(graph: ArchMultiGraph, from: NodeKey, to: NodeKey): ResolvedCall[] {
  const sites: ResolvedCall[] = [];
  if (!graph.hasNode(from) || !graph.hasNode(to)) return sites;
  graph.forEachOutEdge(from, (_edge, attributes, _source, target) => {
    if (target === to && attributes.kind === 'sync') sites.push(attributes.call);
  });
  return sites.sort(byLocation);
}

/** Synchronous successors of a node (distinct, sorted), excluding itself. */
export function syncSuccessors(graph: ArchMultiGraph, node: NodeKey): NodeKey[] {
  const next = new Set<NodeKey>();
  graph.forEachOutEdge(node, (_edge, attributes, _source, target) => {
    if (attributes.kind === 'sync' && target !== node) next.add(target);
  });
  return [...next].sort();
}

export function byLocation(a: { location: { file: string; line: number; column?: number } }, b: typeof a): number {
  return compareLocations(a.location, b.location);
}

