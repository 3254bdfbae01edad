import { describe, expect, it } from 'vitest';
import { analyzeFixture, scenarios, itReportsExactlyTheAnnotatedFindings } from './harness.js';

const RULE = 'no-shared-database';

describe(RULE, () => {
  itReportsExactlyTheAnnotatedFindings(RULE);

  it.each(scenarios(RULE).valid)('reads every file of %s without errors', async (scenario) => {
    expect((await analyzeFixture(RULE, scenario)).errors).toEqual([]);
  });

  it('names the services, the identity without credentials, the tables both touch and the other connection', async () => {
    const result = await analyzeFixture(RULE, 'invalid-one-database-two-services');
    const finding = result.findings.find((f) => f.ruleId === RULE);
    expect(finding?.services).toEqual(['billing', 'orders']);
    expect(finding?.data).toEqual({ services: 'billing and orders', database: 'db:postgres://db:5432/bookstore', tables: 'orders' });
    expect(finding?.related).toEqual([
      { file: 'docker-compose.yml', line: 5, message: 'orders connects to db:postgres://db:5432/bookstore here' },
    ]);
    expect(JSON.stringify(result)).not.toContain('bookstore:bookstore');
  });

  it('lists every database identity with its users and owned tables', async () => {
    const result = await analyzeFixture(RULE, 'invalid-one-database-two-services');
    expect(result.databases).toEqual([
      { id: 'db:postgres://db:5432/bookstore', engine: 'postgres', usedBy: ['billing', 'orders'], tables: [{ name: 'orders', owner: 'orders' }] },
    ]);
    expect(result.edges.filter((edge) => edge.kind === 'database').map(({ from, to }) => `${from} → ${to}`)).toEqual([
      'service:billing → db:postgres://db:5432/bookstore',
      'service:orders → db:postgres://db:5432/bookstore',
    ]);
  });

  it('reads a base64 Secret shared by two Kubernetes workloads, resolving the host to the database Service', async () => {
    const result = await analyzeFixture(RULE, 'invalid-k8s-secret-prisma');
    expect(result.databases).toEqual([
      {
        id: 'db:postgres://catalog-db:5432/market',
        engine: 'postgres',
        usedBy: ['catalog', 'search'],
        tables: [
          { name: 'categories', owner: 'catalog' },
          { name: 'products', owner: 'catalog' },
        ],
      },
    ]);
    expect(JSON.stringify(result)).not.toContain('s3cr3t');
  });

  it('keeps private schemas apart and ignores a shared Redis cache by default', async () => {
    const result = await analyzeFixture(RULE, 'valid-schema-per-service');
    expect(result.databases.map((database) => [database.id, database.usedBy.join(',')])).toEqual([
      ['db:postgres://pg:5432/platform/orders', 'orders'],
      ['db:postgres://pg:5432/platform/payments', 'payments'],
      ['db:redis://cache:6379/0', 'orders,payments'],
    ]);
  });
});
