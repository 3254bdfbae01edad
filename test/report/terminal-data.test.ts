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

  it('prints nothing when no table is known', () => {
    expect(renderDataOwnership(withDatabases([]), createStyle(false))).toEqual([]);
  });
});
