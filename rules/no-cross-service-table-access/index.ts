/** no-cross-service-table-access: code of one service reading or writing a table another service owns. */
import { z } from 'zod';
import { defineRule } from '../../src/check/define-rule.js';
import { dataModel, isAllowedTable, tableLabel } from '../../src/graph/queries/data.js';

export default defineRule({
  meta: {
    id: 'no-cross-service-table-access',
    description: "Disallow reading or writing another service's tables",
    category: 'data',
    severity: 'warning',
    recommended: true,
    precision: 'high',
    messages: {
      crossAccess:
        'Service {service} {verb} table {table}, which service {owner} owns ({client}). Its schema becomes a ' +
        'contract {owner} cannot see: a column renamed there breaks {service} at run time, and writes bypass the ' +
        'rules {owner} enforces. Ask {owner} through its API, or keep a copy fed by its events.',
    },
    options: z
      .object({
        allowTables: z
          .array(z.string())
          .describe('Reference-data tables (`countries`, `ref.currencies`) any service may read'),
      })
      .strict(),
    defaultOptions: { allowTables: [] },
    references: ['https://microservices.io/patterns/data/database-per-service.html'],
    since: '0.2.0',
  },
  check(graph, context) {
    for (const access of dataModel(graph).accesses) {
      const table = access.table;
      if (table === null || table.owner === null || table.owner === access.service) continue;
      if (isAllowedTable(table, context.options.allowTables)) continue;
      context.report({
        messageId: 'crossAccess',
        data: {
          service: access.service,
          owner: table.owner,
          table: tableLabel(table.table),
          verb: access.operation === 'read' ? 'reads' : 'writes',
          client: access.client,
        },
        location: access.location,
        related: [{ file: table.location.file, line: table.location.line, message: `${table.owner} creates ${tableLabel(table.table)} here` }],
        services: [access.service, table.owner],
        key: `${access.location.file}|${access.service}|${table.key}|${access.operation}`,
      });
    }
  },
});
