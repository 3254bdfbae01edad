import { describe, expect, it } from 'vitest';
import { createStyle } from '../../src/report/ansi.js';
import { renderDataOwnership } from '../../src/report/terminal-data.js';
import type { Result } from '../../src/types/index.js';
import { loadRecordedResult } from './recorded-results.js';

function withDatabases(databases: Result['databases']): Result {
  return { ...loadRecordedResult('clean.json'), databases };
}

describe('terminal report: data ownership', () => {
  it('prints which service owns which tables, in which database, one line per owner', () => {
    const result = withDatabases([
      {
        id: 'db:postgres://pg:5432/shop',
        engine: 'postgres',
        usedBy: ['billing', 'orders'],
        tables: [
          { name: 'order_items', owner: 'orders' },
          { name: 'orders', owner: 'orders' },
          { name: 'invoices', owner: 'billing' },
        ],
      },
      { id: 'db:redis://redis:6379/0', engine: 'redis', usedBy: ['orders'], tables: [] },
    ]);
    expect(renderDataOwnership(result, createStyle(false))).toEqual([
      'Data ownership',
      '  billing  owns invoices  in db:postgres://pg:5432/shop',
      '  orders   owns order_items, orders  in db:postgres://pg:5432/shop',
    ]);
  });

  it('prints the databases of services that own no known table (no note for key-value stores), sorted by service', () => {
    const result = withDatabases([
      { id: 'db:mongodb://mongo:27017/audit', engine: 'mongodb', usedBy: ['users'], tables: [] },
      {
        id: 'db:postgres://pg:5432/shop',
        engine: 'postgres',
        usedBy: ['orders', 'reports'],
        tables: [{ name: 'orders', owner: 'orders' }],
      },
      { id: 'db:postgres://users-db:5432/users', engine: 'postgres', usedBy: ['users'], tables: [] },
      { id: 'db:redis://redis:6379/0', engine: 'redis', usedBy: ['orders', 'sessions'], tables: [] },
    ]);
    expect(renderDataOwnership(result, createStyle(false))).toEqual([
      'Data ownership',
      '  orders    owns orders  in db:postgres://pg:5432/shop',
      '  reports   db:postgres://pg:5432/shop (no tables of its own)',
      '  sessions  db:redis://redis:6379/0',
      '  users     db:mongodb://mongo:27017/audit (no tables known), db:postgres://users-db:5432/users (no tables known)',
    ]);
  });

  it('takes connections from database edges too, sanitizes names and caps the list', () => {
    const services = Array.from({ length: 32 }, (_, i) => `svc${String(i).padStart(2, '0')}`);
    const result: Result = {
      ...withDatabases([]),
      edges: [
        ...services.map((name) => ({
          from: `service:${name}`,
          to: `db:postgres://${name}-db:5432/${name}`,
          kind: 'database' as const,
          protocol: 'postgres',
          confidence: 'certain' as const,
          locations: [],
        })),
        {
          from: 'service:aa\u001b[31m',
          to: 'db:postgres://x\u001b[2Jdb:5432/a',
          kind: 'database',
          protocol: 'postgres',
          confidence: 'certain',
          locations: [],
        },
      ],
    };
    const lines = renderDataOwnership(result, createStyle(false));
    expect(lines.length).toBe(32);
    expect(lines.slice(0, 3)).toEqual([
      'Data ownership',
      '  aa     db:postgres://xdb:5432/a (no tables known)',
      '  svc00  db:postgres://svc00-db:5432/svc00 (no tables known)',
    ]);
    expect(lines.at(-1)).toBe('  … and 3 more services; --format json lists them all');
  });

  it('prints nothing when no table and no connection is known', () => {
    expect(renderDataOwnership(withDatabases([]), createStyle(false))).toEqual([]);
  });
});
