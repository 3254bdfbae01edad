import { describe, expect, it } from 'vitest';
import { analyzeFixture, expectedLines, findingLines, fixtureRoot, scenarios } from './harness.js';

const RULE = 'no-cross-service-table-access';

describe(RULE, () => {
  const { invalid, valid } = scenarios(RULE);

  it.each(invalid)('reports exactly the annotated queries in %s', async (scenario) => {
    const result = await analyzeFixture(RULE, scenario);
    const expected = expectedLines(fixtureRoot(RULE, scenario), RULE);
    expect(expected.length).toBeGreaterThan(0);
    expect(findingLines(result, RULE)).toEqual(expected);
  });

  it.each(valid)('reports nothing in %s', async (scenario) => {
    const result = await analyzeFixture(RULE, scenario);
    expect(findingLines(result, RULE)).toEqual([]);
    expect(result.errors).toEqual([]);
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

describe(`${RULE}: ownership of a re-created table`, () => {
  it('gives a table dropped by one service and created again by another to the later creator', async () => {
    const result = await analyzeFixture(RULE, 'valid-table-recreated-by-new-owner');
    expect(result.databases).toEqual([
      { id: 'db:postgres://pg:5432/erp', engine: 'postgres', usedBy: ['billing', 'legacy'], tables: [{ name: 'invoices', owner: 'billing' }] },
    ]);
  });
});
