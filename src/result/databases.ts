/** The Result's `databases` list and `database` edges from the data model: identities, users, owned tables. */
import type { DataModel, Evidence, ResultDatabase, ResultEdge } from '../types/index.js';
import { serviceKey } from '../graph/keys.js';

const byString = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/**
 * One entry per identity a service connects to, plus one per service whose tables have no known database
 * (`db:unknown/<service>`), so every owned table appears somewhere.
 */
export function resultDatabases(data: DataModel | undefined): ResultDatabase[] {
  if (data === undefined) return [];
  const byId = new Map<string, ResultDatabase>();
  const entry = (id: string, engine: string): ResultDatabase => {
    let found = byId.get(id);
    if (found === undefined) {
      found = { id, engine, usedBy: [], tables: [] };
      byId.set(id, found);
    }
    return found;
  };
  for (const connection of data.connections) {
    const database = entry(connection.id, connection.engine);
    if (!database.usedBy.includes(connection.service)) database.usedBy.push(connection.service);
  }
  for (const table of data.tables) {
    const id = table.database ?? `db:unknown/${table.owner ?? 'unowned'}`;
    const name = table.table.schema === null ? table.table.name : `${table.table.schema}.${table.table.name}`;
    const database = entry(id, table.database === null ? 'unknown' : (byId.get(id)?.engine ?? 'unknown'));
    if (!database.tables.some((known) => known.name === name && known.owner === table.owner)) {
      database.tables.push({ name, owner: table.owner });
    }
  }
  const list = [...byId.values()];
  for (const database of list) {
    database.usedBy.sort(byString);
    database.tables.sort((a, b) => byString(a.name, b.name) || byString(a.owner ?? '', b.owner ?? ''));
  }
  return list.sort((a, b) => byString(a.id, b.id));
}

/** Service→database edges, one per (service, identity), every declaring location kept. */
export function databaseEdges(data: DataModel | undefined): { edge: Omit<ResultEdge, 'locations'>; location: Evidence }[] {
  if (data === undefined) return [];
  return data.connections.map((connection) => ({
    edge: {
      from: serviceKey(connection.service),
      to: connection.id,
      kind: 'database',
      protocol: connection.engine,
      confidence: connection.confidence,
    },
    location: connection.location,
  }));
}
