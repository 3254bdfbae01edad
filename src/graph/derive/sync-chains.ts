/**
 * The longest simple chain of service-to-service synchronous calls starting at each service. Simple paths can be
 * exponential in number, so the search is bounded (depth and total steps); real service graphs stay far below.
 */
import type { ArchMultiGraph, NodeKey } from '../../types/index.js';
import { syncSuccessors } from '../queries/calls.js';

const MAX_LENGTH = 32;
const MAX_STEPS = 200_000;

/** For each service that calls another service synchronously, its longest chain (first found wins ties). */
export function deriveSyncChains(graph: ArchMultiGraph): Record<NodeKey, NodeKey[]> {
  const next = new Map<NodeKey, NodeKey[]>();
  graph.forEachNode((key, attributes) => {
    if (attributes.type !== 'service') return;
    next.set(key, syncSuccessors(graph, key).filter((target) => graph.getNodeAttributes(target).type === 'service'));
  });
  const chains: Record<NodeKey, NodeKey[]> = {};
  for (const start of [...next.keys()].sort()) {
    if ((next.get(start) ?? []).length === 0) continue;
    const budget = { steps: MAX_STEPS };
    let best: NodeKey[] = [start];
    const path: NodeKey[] = [start];
    const onPath = new Set<NodeKey>([start]);
    const visit = (node: NodeKey): void => {
      if (--budget.steps < 0 || path.length > MAX_LENGTH) return;
      if (path.length > best.length) best = [...path];
      for (const target of next.get(node) ?? []) {
        if (onPath.has(target)) continue;
        path.push(target);
        onPath.add(target);
        visit(target);
        onPath.delete(target);
        path.pop();
      }
    };
    visit(start);
    chains[start] = best;
  }
  return chains;
}
