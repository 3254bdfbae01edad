/** Shortest paths inside a node set, deterministic (neighbours visited in sorted order). */
import type { ArchMultiGraph, NodeKey } from '../../types/index.js';
import { syncSuccessors } from './calls.js';

/** Shortest synchronous path from `from` to `to` using only nodes in `within`; null when none. */
export function shortestSyncPath(
  graph: ArchMultiGraph,
  from: NodeKey,
  to: NodeKey,
  within: ReadonlySet<NodeKey>,
): NodeKey[] | null {
  const previous = new Map<NodeKey, NodeKey | null>([[from, null]]);
  const queue: NodeKey[] = [from];
  for (let head = 0; head < queue.length; head++) {
    const node = queue[head];
    if (node === undefined) break;
    if (node === to) {
      const path: NodeKey[] = [];
      for (let step: NodeKey | null | undefined = to; step != null; step = previous.get(step)) path.unshift(step);
      return path;
    }
    for (const next of syncSuccessors(graph, node)) {
      if (!within.has(next) || previous.has(next)) continue;
      previous.set(next, node);
      queue.push(next);
    }
  }
  return null;
}
