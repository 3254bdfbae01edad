/** Strongly connected components of the service-to-service synchronous call graph (Tarjan via graphology). */
import { DirectedGraph } from 'graphology';
import { stronglyConnectedComponents } from 'graphology-components';
import type { ArchMultiGraph, NodeKey } from '../../types/index.js';
import { compareStrings } from '../queries/calls.js';
import { compareStrings as compare } from '../queries/calls.js';

/** Components with two or more services, each sorted, the list sorted by first key. */
export function deriveSyncCycles(graph: ArchMultiGraph): NodeKey[][] {
  const services = new DirectedGraph();
  graph.forEachNode((key, attributes) => {
    if (attributes.type === 'service') services.addNode(key);
  });
  graph.forEachEdge((_edge, attributes, source, target) => {
    if (attributes.kind !== 'sync' || source === target) return;
    if (services.hasNode(source) && services.hasNode(target)) services.mergeEdge(source, target);
  });
  return stronglyConnectedComponents(services)
    .filter((component) => component.length > 1)
    .map((component) => [...component].sort())
    .sort((a, b) => compareStrings(a[0] ?? '', b[0] ?? ''));
}
