/** The example systems' data ownership: database identities, their users and the tables each service owns. */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyze } from '../../src/index.js';
import { REPO_ROOT } from '../rules/harness.js';

describe('example system shop-distributed-monolith: databases', () => {
  it('has one Postgres server with a database per service (not shared) and one shared Redis', async () => {
    const result = await analyze({ root: join(REPO_ROOT, 'fixtures/e2e/shop-distributed-monolith') });
    expect(result.databases).toEqual([
      {
        id: 'db:postgres://postgres:5432/notifications',
        engine: 'postgres',
        usedBy: ['notifications'],
        tables: [{ name: 'webhook_subscriptions', owner: 'notifications' }],
      },
      { id: 'db:postgres://postgres:5432/orders', engine: 'postgres', usedBy: ['orders'], tables: [{ name: 'orders', owner: 'orders' }] },
      { id: 'db:postgres://postgres:5432/payments', engine: 'postgres', usedBy: ['payments'], tables: [{ name: 'payments', owner: 'payments' }] },
      { id: 'db:redis://redis:6379/0', engine: 'redis', usedBy: ['inventory', 'notifications', 'orders'], tables: [] },
    ]);
    expect(result.findings.filter((finding) => finding.ruleId === 'no-shared-database')).toEqual([]);
    expect(JSON.stringify(result.databases)).not.toContain('shop:shop');
  });
});
