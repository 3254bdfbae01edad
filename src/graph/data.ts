/** Adds database identities, owned tables and service→database edges (one per connection) to the graph. */
import type { ArchMultiGraph, Model } from '../types/index.js';
import { serviceKey } from './keys.js';

/** Database and table nodes plus `database` edges; a no-op when the model has no data part. */
export function addDataToGraph(graph: ArchMultiGraph, model: Model): void {
  const data = model.data;
  if (data === undefined) return;
  for (const connection of data.connections) {
    if (!graph.hasNode(connection.id)) graph.addNode(connection.id, { type: 'database', id: connection.id, engine: connection.engine });
    const from = serviceKey(connection.service);
    if (!graph.hasNode(from)) continue;
    graph.addDirectedEdge(from, connection.id, {
      kind: 'database',
      protocol: connection.engine,
      location: connection.location,
      confidence: connection.confidence,
      connection,
    });
  }
  for (const table of data.tables) {
    if (graph.hasNode(table.key)) continue;
    graph.addNode(table.key, { type: 'table', name: table.table.name, owner: table.owner, database: table.database });
  }
}
