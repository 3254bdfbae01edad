import { describe, expect, it } from 'vitest';
import { prismaExtractor } from '../../../src/extract/prisma/index.js';

const SCHEMA = `datasource db {
  provider     = "postgresql"
  url          = env("DATABASE_URL")
  schemas      = ["sales"]
  relationMode = "prisma"
}

model Customer {
  id     String  @id
  email  String  @unique
  orders Order[]

  @@map("customers")
  @@schema("sales")
}

model Order {
  id         String   @id
  customer   Customer @relation(fields: [customerId], references: [id])
  customerId String   @map("customer_id")
  totalCents Int      @map("total_cents")

  @@map("orders")
  @@schema("sales")
}
`;

describe('prisma extractor', () => {
  it('reads the datasource, mapped tables and schemas, and relations as foreign keys', () => {
    const output = prismaExtractor.extract({ path: 'services/sales/prisma/schema.prisma', text: SCHEMA });
    expect(output.errors).toEqual([]);
    expect(output.facts).toEqual([
      {
        kind: 'db-connection',
        client: 'prisma',
        engine: 'postgres',
        url: { parts: [{ kind: 'env', name: 'DATABASE_URL' }] },
        parts: { schema: { parts: [{ kind: 'literal', value: 'sales' }] } },
        location: { file: 'services/sales/prisma/schema.prisma', line: 3, snippet: 'url          = env("DATABASE_URL")' },
        extractor: 'prisma',
      },
      {
        kind: 'db-table',
        source: 'prisma',
        table: { schema: 'sales', name: 'customers' },
        columns: ['id', 'email'],
        database: null,
        model: 'Customer',
        fieldColumns: { id: 'id', email: 'email' },
        location: { file: 'services/sales/prisma/schema.prisma', line: 8, snippet: 'model Customer {' },
        extractor: 'prisma',
      },
      {
        kind: 'db-table',
        source: 'prisma',
        table: { schema: 'sales', name: 'orders' },
        columns: ['id', 'customer_id', 'total_cents'],
        database: null,
        model: 'Order',
        fieldColumns: { id: 'id', customerId: 'customer_id', totalCents: 'total_cents' },
        location: { file: 'services/sales/prisma/schema.prisma', line: 17, snippet: 'model Order {' },
        extractor: 'prisma',
      },
      {
        kind: 'db-foreign-key',
        source: 'prisma',
        from: { schema: 'sales', name: 'orders' },
        to: { schema: 'sales', name: 'customers' },
        columns: ['customerId'],
        database: null,
        toModel: 'Customer',
        location: {
          file: 'services/sales/prisma/schema.prisma',
          line: 19,
          snippet: 'customer   Customer @relation(fields: [customerId], references: [id])',
        },
        extractor: 'prisma',
      },
    ]);
  });
});

describe('prisma extractor: strings', () => {
  it('does not take // inside a string for a comment (URLs in defaults and datasource urls)', () => {
    const text = [
      'datasource db {',
      '  provider = "postgresql"',
      '  url      = "postgresql://app@db:5432/app?schema=core" // local only',
      '}',
      'model User {',
      '  id    Int     @id',
      '  image String? @default("https://example.com/a.png")',
      '}',
    ].join('\n');
    const output = prismaExtractor.extract({ path: 'prisma/schema.prisma', text });
    expect(output.errors).toEqual([]);
    const connection = output.facts.find((fact) => fact.kind === 'db-connection');
    expect(connection?.kind === 'db-connection' ? connection.url : null).toEqual({
      parts: [{ kind: 'literal', value: 'postgresql://app@db:5432/app?schema=core' }],
    });
  });
});

describe('prisma extractor: field columns', () => {
  it('maps each scalar field to its @map column, keeps enum fields and leaves relation fields out', () => {
    const text = [
      'model Order {',
      '  id           String      @id',
      '  legacyStatus String?     @map("legacy_status")',
      '  status       OrderStatus',
      '  address      Address',
      '  customer     Customer    @relation(fields: [customerId], references: [id])',
      '  customerId   String      @map("customer_id")',
      '  items        Item[]',
      '  __proto__    String',
      '',
      '  @@map("orders")',
      '}',
      'enum OrderStatus {',
      '  OPEN',
      '}',
      'type Address {',
      '  city String',
      '}',
    ].join('\n');
    const output = prismaExtractor.extract({ path: 'prisma/schema.prisma', text });
    expect(output.errors).toEqual([]);
    const table = output.facts.find((fact) => fact.kind === 'db-table');
    expect(table?.kind === 'db-table' ? table.columns : null).toEqual(['id', 'legacy_status', 'status', 'address', 'customer_id', '__proto__']);
    const fields = table?.kind === 'db-table' ? table.fieldColumns : undefined;
    expect(Object.entries(fields ?? {})).toEqual([
      ['id', 'id'],
      ['legacyStatus', 'legacy_status'],
      ['status', 'status'],
      ['address', 'address'],
      ['customerId', 'customer_id'],
      ['__proto__', '__proto__'],
    ]);
    expect(Object.getPrototypeOf(fields)).toBe(Object.prototype);
  });
});
