import { describe, expect, it } from 'vitest';
import { analyzeFixture, scenarios, itReportsExactlyTheAnnotatedFindings } from './harness.js';

const RULE = 'no-cross-service-table-access';

describe(RULE, () => {
  itReportsExactlyTheAnnotatedFindings(RULE);

  it.each(scenarios(RULE).valid)('reads every file of %s without errors', async (scenario) => {
    expect((await analyzeFixture(RULE, scenario)).errors).toEqual([]);
  });

  it('tells reads from writes and names the client that ran the query', async () => {
    const result = await analyzeFixture(RULE, 'invalid-raw-sql-and-query-builders');
    const found = result.findings
      .filter((f) => f.ruleId === RULE)
      .map((f) => [f.data.verb, f.data.table, f.data.owner, f.data.client]);
    expect(found).toEqual([
      ['reads', 'orders', 'orders', 'pg'],
      ['reads', 'payments', 'payments', 'knex'],
      ['writes', 'orders', 'orders', 'postgres'],
    ]);
  });

  it('keeps a same-named table in the service’s own database apart from the other service’s', async () => {
    const result = await analyzeFixture(RULE, 'valid-same-table-name-own-database');
    expect(result.databases).toEqual([
      { id: 'db:postgres://pg:5432/analytics', engine: 'postgres', usedBy: ['analytics'], tables: [{ name: 'orders', owner: 'analytics' }] },
      { id: 'db:postgres://pg:5432/orders', engine: 'postgres', usedBy: ['orders'], tables: [{ name: 'orders', owner: 'orders' }] },
    ]);
  });
});

describe(`${RULE}: ORM clients`, () => {
  it('maps Prisma delegates to the @@map table of a multi-file schema folder', async () => {
    const result = await analyzeFixture(RULE, 'invalid-prisma-client-other-service-model');
    const found = result.findings
      .filter((f) => f.ruleId === RULE)
      .map((f) => [f.data.verb, f.data.table, f.data.owner, f.data.client]);
    expect(found).toEqual([
      ['reads', 'purchase_orders', 'orders', 'prisma'],
      ['reads', 'order_lines', 'orders', 'prisma'],
      ['writes', 'purchase_orders', 'orders', 'prisma'],
    ]);
  });

  it('maps TypeORM repositories to the @Entity table of a class imported from another service', async () => {
    const result = await analyzeFixture(RULE, 'invalid-typeorm-repository-other-service-entity');
    const found = result.findings
      .filter((f) => f.ruleId === RULE)
      .map((f) => [f.data.verb, f.data.table, f.data.owner, f.data.client]);
    expect(found).toEqual([
      ['reads', 'parcels', 'parcels', 'typeorm'],
      ['writes', 'parcels', 'parcels', 'typeorm'],
      ['reads', 'parcels', 'parcels', 'typeorm'],
    ]);
  });

  it('finds the own service’s model first when two services declare a model of the same name', async () => {
    const result = await analyzeFixture(RULE, 'valid-orm-models-of-own-service');
    expect(result.databases).toEqual([
      { id: 'db:postgres://pg:5432/checkout', engine: 'postgres', usedBy: ['checkout'], tables: [{ name: 'orders', owner: 'checkout' }] },
      { id: 'db:postgres://pg:5432/returns', engine: 'postgres', usedBy: ['returns'], tables: [{ name: 'orders', owner: 'returns' }] },
    ]);
  });
});

describe(`${RULE}: ownership of a re-created table`, () => {
  it('gives a table dropped by one service and created again by another to the later creator', async () => {
    const result = await analyzeFixture(RULE, 'valid-table-recreated-by-new-owner');
    expect(result.databases).toEqual([
      { id: 'db:postgres://pg:5432/erp', engine: 'postgres', usedBy: ['billing', 'legacy'], tables: [{ name: 'invoices', owner: 'billing' }] },
    ]);
  });
});
