import { describe, expect, it } from 'vitest';
import { prismaExtractor } from '../../src/extract/prisma/index.js';
import { resolveData } from '../../src/resolve/tables.js';
import type { OwnerOf } from '../../src/discover/owner.js';
import type { Fact } from '../../src/types/index.js';

const CUSTOMER = ['model Customer {', '  id     String  @id', '  orders Order[]', '', '  @@map("customers")', '}', ''].join('\n');
const ORDER = [
  'model Order {',
  '  id         String   @id',
  '  customer   Customer @relation(fields: [customerId], references: [id])',
  '  customerId String   @map("customer_id")',
  '',
  '  @@map("orders")',
  '}',
  '',
].join('\n');
const MAIN = ['datasource db {', '  provider     = "postgresql"', '  url          = env("DATABASE_URL")', '  relationMode = "prisma"', '}', ''].join('\n');

function facts(service: string, files: Record<string, string>): Fact[] {
  return Object.entries(files).flatMap(([name, text]) => prismaExtractor.extract({ path: `services/${service}/prisma/schema/${name}`, text }).facts);
}

describe('resolveData: Prisma multi-file schemas', () => {
  it('links a relation (relationMode "prisma" included) to the @@map table of a model declared in another file', () => {
    const all = facts('sales', { 'customer.prisma': CUSTOMER, 'main.prisma': MAIN, 'order.prisma': ORDER });
    const owners: OwnerOf = (path) => ({ kind: 'service', name: path.split('/')[1] ?? '' });
    const model = resolveData(all, owners, []);
    expect(model.foreignKeys.map((key) => [key.from.table.name, key.to?.table.name ?? null, key.to?.owner ?? null, key.columns])).toEqual([
      ['orders', 'customers', 'sales', ['customerId']],
    ]);
  });
});

describe('resolveData: ORM access by model', () => {
  const table = (file: string, source: 'prisma' | 'typeorm', name: string): Fact => ({
    kind: 'db-table',
    source,
    table: { schema: null, name },
    columns: ['id'],
    database: null,
    model: 'Order',
    location: { file, line: 1 },
    extractor: source === 'prisma' ? 'prisma' : 'typescript',
  });
  const access = (client: string): Fact => ({
    kind: 'db-access',
    client,
    table: { schema: null, name: 'order' },
    operation: 'read',
    columns: [],
    model: 'Order',
    location: { file: 'services/reports/src/main.ts', line: 3 },
    extractor: 'typescript',
  });
  const owners: OwnerOf = (path) => ({ kind: 'service', name: path.split('/')[1] ?? '' });
  const facts = [table('services/checkout/prisma/schema.prisma', 'prisma', 'orders'), table('services/returns/src/order.entity.ts', 'typeorm', 'returned_orders')];

  it('takes the model declared with the same ORM when the calling service declares none', () => {
    const model = resolveData([...facts, access('typeorm'), access('prisma')], owners, []);
    expect(model.accesses.map((a) => [a.client, a.table?.table.name ?? null, a.table?.owner ?? null])).toEqual([
      ['typeorm', 'returned_orders', 'returns'],
      ['prisma', 'orders', 'checkout'],
    ]);
  });
});

describe('resolveData: ORM field names as columns', () => {
  const owners: OwnerOf = (path) => ({ kind: 'service', name: path.split('/')[1] ?? '' });
  const schema = [
    'model Order {',
    '  id           String   @id',
    '  legacyStatus String?  @map("legacy_status")',
    '  customer     Customer @relation(fields: [customerId], references: [id])',
    '  customerId   String   @map("customer_id")',
    '',
    '  @@map("orders")',
    '}',
    '',
  ].join('\n');
  const access = (client: string, columns: string[], model?: string): Fact => ({
    kind: 'db-access',
    client,
    table: { schema: null, name: model ?? 'orders' },
    operation: 'read',
    columns,
    ...(model === undefined ? {} : { model }),
    location: { file: 'services/reports/src/main.ts', line: 3 },
    extractor: 'typescript',
  });
  const tables = prismaExtractor.extract({ path: 'services/checkout/prisma/schema.prisma', text: schema }).facts;

  it("maps a model's field names to its @map columns, drops relation names and targets the model's table", () => {
    const model = resolveData([...tables, access('prisma', ['legacyStatus', 'customer', 'customerId', 'id'], 'Order')], owners, []);
    expect(model.accesses.map((a) => [a.target.name, a.table?.table.name ?? null, a.columns])).toEqual([
      ['orders', 'orders', ['legacy_status', 'customer_id', 'id']],
    ]);
  });

  it('keeps the names as written for an access without a model, or whose model no file declares', () => {
    const model = resolveData([...tables, access('pg', ['legacyStatus']), access('prisma', ['legacyStatus'], 'Invoice')], owners, []);
    expect(model.accesses.map((a) => [a.target.name, a.table?.table.name ?? null, a.columns])).toEqual([
      ['orders', 'orders', ['legacyStatus']],
      ['Invoice', null, ['legacyStatus']],
    ]);
  });
});
