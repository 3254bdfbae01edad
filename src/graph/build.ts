/** The graph stage: Model → graphology multigraph with one edge per call site and import site. */
import { MultiDirectedGraph } from 'graphology';
import type { ArchMultiGraph, EdgeAttributes, Model, NodeAttributes } from '../types/index.js';
import { libraryKey, serviceKey, targetNode } from './keys.js';
import { addDataToGraph } from './data.js';
import { addMessagesToGraph } from './messages.js';

export function buildGraph(model: Model): ArchMultiGraph {
  const graph: ArchMultiGraph = new MultiDirectedGraph<NodeAttributes, EdgeAttributes>();
  for (const service of model.inventory.services) {
    graph.addNode(serviceKey(service.name), { type: 'service', name: service.name, root: service.root });
  }
  for (const library of model.inventory.libraries) {
    graph.addNode(libraryKey(library.name), { type: 'library', name: library.name, root: library.root });
  }
  for (const call of model.calls) {
    const to = targetNode(call.target);
    if (!graph.hasNode(to)) {
      graph.addNode(to, call.target.kind === 'external' ? { type: 'external', host: call.target.host } : { type: 'unknown' });
    }
    graph.addDirectedEdge(serviceKey(call.from), to, {
      kind: 'sync',
      protocol: call.protocol,
      location: call.location,
      confidence: call.confidence,
      call,
    });
  }
  for (const entry of model.imports) {
    const to = entry.toService !== null ? serviceKey(entry.toService) : libraryKey(entry.toLibrary ?? '');
    if (!graph.hasNode(to)) continue;
    graph.addDirectedEdge(serviceKey(entry.fromService), to, {
      kind: 'import',
      protocol: 'import',
      location: entry.location,
      confidence: 'certain',
      import: entry,
    });
  }
  addDataToGraph(graph, model);
  addMessagesToGraph(graph, model);
  return graph;
}
