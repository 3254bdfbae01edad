import { describe, expect, it } from 'vitest';
import { analyzeFixture, scenarios, itReportsExactlyTheAnnotatedFindings } from './harness.js';

const RULE = 'no-cross-service-foreign-key';

describe(RULE, () => {
  itReportsExactlyTheAnnotatedFindings(RULE);

  it.each(scenarios(RULE).valid)('reads every file of %s without errors', async (scenario) => {
    expect((await analyzeFixture(RULE, scenario)).errors).toEqual([]);
  });

  it('names both tables, both owners and where the referenced table is created', async () => {
    const result = await analyzeFixture(RULE, 'invalid-sql-and-knex-migrations');
    const knex = result.findings.find((f) => f.ruleId === RULE && f.location.file.endsWith('.ts'));
    expect(knex?.data).toEqual({ from: 'shipping', to: 'orders', fromTable: 'shipments', toTable: 'orders', columns: 'order_id' });
    expect(knex?.related).toEqual([
      { file: 'services/orders/db/migrations/20240105090000_orders.sql', line: 1, message: 'orders creates orders here' },
    ]);
  });

  it('gives every table of the shared database its owner, from SQL and Knex migrations alike', async () => {
    const result = await analyzeFixture(RULE, 'invalid-sql-and-knex-migrations');
    expect(result.databases).toEqual([
      {
        id: 'db:postgres://postgres:5432/shop',
        engine: 'postgres',
        usedBy: ['customers', 'orders', 'shipping'],
        tables: [
          { name: 'countries', owner: 'customers' },
          { name: 'customers', owner: 'customers' },
          { name: 'order_items', owner: 'orders' },
          { name: 'orders', owner: 'orders' },
          { name: 'shipment_events', owner: 'shipping' },
          { name: 'shipments', owner: 'shipping' },
        ],
      },
    ]);
  });
});
