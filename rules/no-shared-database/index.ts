/** no-shared-database: two or more services connecting to one database identity (server, database, schema). */
import { z } from 'zod';
import { defineRule } from '../../src/check/define-rule.js';
import { dataModel, tableLabel } from '../../src/graph/queries/data.js';
import type { DatabaseConnection, RelatedLocation } from '../../src/types/index.js';

export default defineRule({
  meta: {
    id: 'no-shared-database',
    description: 'Disallow several services connecting to the same database',
    category: 'data',
    severity: 'error',
    recommended: true,
    precision: 'high',
    messages: {
      shared:
        'Services {services} connect to the same database {database}. A shared database couples their schemas, ' +
        'deployments and load: one service cannot change a table without the others. Tables touched by more than ' +
        'one of them: {tables}. Give each service its own database (or at least its own schema and user) and ' +
        'share data through APIs or events.',
    },
    options: z
      .object({
        ignoreEngines: z
          .array(z.string())
          .describe('Engines whose sharing is not reported (Redis is most often a shared cache or broker)'),
      })
      .strict(),
    defaultOptions: { ignoreEngines: ['redis'] },
    references: ['https://microservices.io/patterns/data/database-per-service.html'],
    since: '0.2.0',
  },
  check(graph, context) {
    const data = dataModel(graph);
    const byId = new Map<string, DatabaseConnection[]>();
    for (const connection of data.connections) {
      if (context.options.ignoreEngines.includes(connection.engine)) continue;
      byId.set(connection.id, [...(byId.get(connection.id) ?? []), connection]);
    }
    for (const [id, connections] of byId) {
      const services = [...new Set(connections.map((connection) => connection.service))].sort();
      if (services.length < 2) continue;
      // Who touches what: owners touch their tables, code touches what it queries.
      const touchers = new Map<string, Set<string>>();
      const touch = (table: string, service: string): void => {
        touchers.set(table, (touchers.get(table) ?? new Set()).add(service));
      };
      for (const table of data.tables) if (table.database === id && table.owner !== null) touch(tableLabel(table.table), table.owner);
      for (const access of data.accesses) {
        if (access.table?.database === id && services.includes(access.service)) touch(tableLabel(access.table.table), access.service);
      }
      const shared = [...touchers].filter(([, who]) => who.size > 1).map(([table]) => table).sort();
      const [first, ...others] = connections.sort((a, b) => (a.service < b.service ? -1 : a.service > b.service ? 1 : 0));
      if (first === undefined) continue;
      const related: RelatedLocation[] = others.map((connection) => ({
        file: connection.location.file,
        line: connection.location.line,
        message: `${connection.service} connects to ${id} here`,
      }));
      context.report({
        messageId: 'shared',
        data: { services: listOf(services), database: id, tables: shared.length === 0 ? 'none known' : shared.join(', ') },
        location: first.location,
        related,
        services,
        key: id,
      });
    }
  },
});

/** `a and b`, `a, b and c`. */
function listOf(names: readonly string[]): string {
  return names.length <= 1 ? names.join('') : `${names.slice(0, -1).join(', ')} and ${names[names.length - 1] ?? ''}`;
}
