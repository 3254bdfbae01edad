/** no-cross-service-foreign-key: a foreign key or ORM relation from one service's table to another's. */
import { z } from 'zod';
import { defineRule } from '../../src/check/define-rule.js';
import { dataModel, isAllowedTable, tableLabel } from '../../src/graph/queries/data.js';

export default defineRule({
  meta: {
    id: 'no-cross-service-foreign-key',
    description: "Disallow foreign keys and ORM relations to another service's tables",
    category: 'data',
    severity: 'error',
    recommended: true,
    precision: 'high',
    messages: {
      crossKey:
        'Table {fromTable} of service {from} has a foreign key ({columns}) to table {toTable}, which service {to} ' +
        'owns. The database now enforces a join across the service boundary: {to} cannot change, move or delete ' +
        'its rows without {from}, and both must live in one database forever. Keep only the id and check it ' +
        "through {to}'s API or events, or move the table to the service that owns the data.",
      // A mongoose `ref` is no database constraint: MongoDB checks nothing, the coupling is in the stored ids.
      crossRef:
        'Collection {fromTable} of service {from} holds references ({columns}) into collection {toTable}, which ' +
        'service {to} owns. Nothing enforces them, but {from} now depends on the ids and documents of {to}: ' +
        "populate() reads {to}'s collection directly, and its references dangle when {to} deletes or moves a " +
        "document. Keep only the id and check it through {to}'s API or events, or move the collection to the " +
        'service that owns the data.',
    },
    options: z
      .object({
        allowTables: z
          .array(z.string())
          .describe('Reference-data tables (`countries`, `ref.currencies`) any service may reference'),
      })
      .strict(),
    defaultOptions: { allowTables: [] },
    references: ['https://microservices.io/patterns/data/database-per-service.html'],
    since: '0.2.0',
  },
  check(graph, context) {
    for (const key of dataModel(graph).foreignKeys) {
      const { from, to } = key;
      if (to === null || from.owner === null || to.owner === null || from.owner === to.owner) continue;
      if (isAllowedTable(to, context.options.allowTables)) continue;
      context.report({
        messageId: key.source === 'mongoose' ? 'crossRef' : 'crossKey',
        data: {
          from: from.owner,
          to: to.owner,
          fromTable: tableLabel(from.table),
          toTable: tableLabel(to.table),
          columns: key.columns.length === 0 ? 'relation' : key.columns.join(', '),
        },
        location: key.location,
        related: [{ file: to.location.file, line: to.location.line, message: `${to.owner} creates ${tableLabel(to.table)} here` }],
        services: [from.owner, to.owner],
        key: `${from.key}|${to.key}|${key.columns.join(',')}`,
      });
    }
  },
});
