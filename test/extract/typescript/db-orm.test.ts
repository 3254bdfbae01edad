import { describe, expect, it } from 'vitest';
import type { OwnerOf } from '../../../src/discover/owner.js';
import { resolveData } from '../../../src/resolve/tables.js';
import type { Fact } from '../../../src/types/index.js';
import { extractFixture, extractSource } from './harness.js';

/** `line table|fk …` for every table and foreign key of a fixture. */
function schema(path: string): string[] {
  return extractFixture(path).facts.flatMap((fact: Fact) => {
    const at = `${fact.location.line}`;
    if (fact.kind === 'db-table') return [`${at} table ${fact.table.schema ?? ''}.${fact.table.name} [${fact.columns.join(',')}] ${fact.model ?? '-'} (${fact.source})`];
    if (fact.kind === 'db-foreign-key') return [`${at} fk ${fact.from.name}(${fact.columns.join(',')}) -> ${fact.to.name} ${fact.toModel ?? '-'} (${fact.source})`];
    return [];
  });
}

/** `line operation model(table) via client` for every table access of a fixture. */
function accesses(path: string): string[] {
  return extractFixture(path).facts.flatMap((fact: Fact) =>
    fact.kind === 'db-access' ? [`${fact.location.line} ${fact.operation} ${fact.model ?? '-'}(${fact.table.name}) via ${fact.client}`] : [],
  );
}

/** `line operation model [fields]` for every table access of a fixture. */
function fields(path: string): string[] {
  return extractFixture(path).facts.flatMap((fact: Fact) =>
    fact.kind === 'db-access' ? [`${fact.location.line} ${fact.operation} ${fact.model ?? '-'} [${fact.columns.join(',')}]`] : [],
  );
}

describe('typescript extractor: ORM calls as table access', () => {
  it('reads Prisma model delegates of a constructed or typed client, and nothing on a look-alike object', () => {
    expect(accesses('db-orm/prisma-client.ts')).toEqual([
      '7 read Invoice(invoice) via prisma',
      '8 read LineItem(lineitem) via prisma',
      '16 write Invoice(invoice) via prisma',
    ]);
  });

  it('reads TypeORM repositories (injected, typed members, getRepository, manager calls) by entity class', () => {
    expect(accesses('db-orm/typeorm-repositories.ts')).toEqual([
      '18 read Shipment(shipment) via typeorm',
      '22 write Parcel(parcel) via typeorm',
      '23 read Parcel(parcel) via typeorm',
      '29 write Shipment(shipment) via typeorm',
    ]);
  });

  it('reads Drizzle tables (pgTable, a pgSchema table, an aliased sqliteTable) with their column names and references', () => {
    expect(schema('db-orm/drizzle-schema.ts')).toEqual([
      '7 table .invoices [id,account_id,issued_at] invoices (drizzle)',
      '9 fk invoices(account_id) -> accounts accounts (drizzle)',
      '13 table billing.payments [id,invoice_id,method] payments (drizzle)',
      '15 fk payments(invoice_id) -> invoices invoices (drizzle)',
      '19 table .invoice_drafts [id] drafts (drizzle)',
    ]);
  });

  it('reads Drizzle queries of a drizzle() database or one imported by a Drizzle file, never Array.from', () => {
    expect(accesses('db-orm/drizzle-queries.ts')).toEqual([
      '10 read accounts(accounts) via drizzle',
      '10 read invoices(invoices) via drizzle',
      '11 write invoices(invoices) via drizzle',
      '12 write accounts(accounts) via drizzle',
      '13 read invoices(invoices) via drizzle',
    ]);
  });

  it('reads Sequelize models from Model.init, define and sequelize-typescript @Table, with references and associations', () => {
    expect(schema('db-orm/sequelize-models.ts')).toEqual([
      '6 table .warehouses [id,region_code] Warehouse (sequelize)',
      '14 table .stock_items [sku,warehouse_id] StockItem (sequelize)',
      '18 fk stock_items(warehouse_id) -> warehouses - (sequelize)',
      '23 table .categories [name] Category (sequelize)',
      '25 fk stock_items(category_id) -> categories Category (sequelize)',
    ]);
    expect(schema('db-orm/sequelize-typescript-models.ts')).toEqual([
      '5 table .purchase_requests [requested_by,supplier_id] PurchaseRequest (sequelize)',
      '8 fk purchase_requests(supplier_id) -> suppliers Supplier (sequelize)',
      '16 table .approvals [approvedAt] Approval (sequelize)',
    ]);
  });

  it('reads Sequelize model calls, and takes an imported class for a model only with a distinctive method', () => {
    expect(accesses('db-orm/sequelize-models.ts')).toEqual(['28 read StockItem(stock_items) via sequelize', '29 write Warehouse(warehouses) via sequelize']);
    expect(accesses('db-orm/sequelize-model-users.ts')).toEqual([
      '5 read PurchaseRequest(purchaserequests) via sequelize',
      '8 write PurchaseRequest(purchaserequests) via sequelize',
    ]);
  });

  it('reads define on a Sequelize instance imported from the service, only in a file importing sequelize', () => {
    expect(schema('db-orm/sequelize-imported-instance.ts')).toEqual(['4 table .coupons [code,used_at] Coupon (sequelize)']);
    expect(accesses('db-orm/sequelize-imported-instance.ts')).toEqual(['6 write Coupon(coupons) via sequelize']);
    expect(schema('db-orm/custom-elements-define.ts')).toEqual([]);
    expect(accesses('db-orm/custom-elements-define.ts')).toEqual([]);
  });

  it('takes the model fields a Prisma query names: select, where through AND/OR/NOT, data, orderBy, distinct, by, cursor', () => {
    expect(fields('db-orm/prisma-fields.ts')).toEqual([
      '9 read Order [id,legacyStatus,closedAt,region,total,flagged]',
      // `customer` is a relation filter: its key is kept (resolve drops it), the other model's fields inside are not.
      '10 read Order [customer,createdAt,id]',
      '11 read Order [region,currency,total]',
      '12 read Order [region]',
      '13 write Order [id,legacyStatus]',
      '14 write Order [id,total,currency]',
      '15 read Order [region,total]',
      '17 read Order []',
      '18 read Order [status]',
      '24 read Order [loopB,loopA]',
    ]);
  });

  it('takes the entity fields a TypeORM call names: find options, criteria, update partials, saved objects', () => {
    expect(fields('db-orm/typeorm-fields.ts')).toEqual([
      '11 read Order [status,legacyStatus,customer,id,total,createdAt]',
      '12 read Order [id,legacyStatus]',
      '13 read Order [email]',
      '14 read Order [status,region]',
      '15 read Order [flagged]',
      '16 write Order [id,legacyStatus]',
      '17 write Order [total]',
      '18 write Order [id,currency]',
      '19 write Order [id,total,region]',
      '20 read Order [total,region]',
      '21 write Order [id,views]',
      '22 write Order [id,notes]',
      '23 read Order [closedAt]',
      '25 read Order []',
      '26 write Order []',
    ]);
  });

  it('maps each TypeORM column property to its column: the decorator name, else the property name; not embeddeds or relations', () => {
    const tables = extractFixture('db-orm/order.entity.ts').facts.flatMap((fact: Fact) => (fact.kind === 'db-table' ? [fact] : []));
    expect(tables.map((table) => [table.model, table.fieldColumns])).toEqual([
      ['Order', { id: 'id', status: 'status', legacyStatus: 'legacy_status', region: 'region_code' }],
    ]);
  });
});

describe('mongoose refs resolved to the model they name', () => {
  const model = (name: string, fields: string, collection = ''): string =>
    `export const ${name} = model('${name}', new Schema({ ${fields} })${collection === '' ? '' : `, '${collection}'`});`;
  const ref = (target: string): string => `owner: { type: Schema.Types.ObjectId, ref: '${target}' }`;
  const file = (service: string, ...lines: string[]): Fact[] =>
    extractSource(["import { model, Schema } from 'mongoose';", ...lines].join('\n'), `services/${service}/src/models.ts`).facts;
  const owners: OwnerOf = (path) => ({ kind: 'service', name: path.split('/')[1] ?? '' });

  it("takes the service's own model, then the one service declaring it, and no pick among several", () => {
    const facts = [
      ...file('accounts', model('User', 'name: String'), model('Member', 'name: String', 'club_members'), model('Session', ref('User'))),
      ...file('billing', model('Customer', 'name: String'), model('Invoice', ref('Customer'))),
      ...file('crm', model('Customer', 'email: String')),
      ...file('blog', model('Post', ref('User')), model('Badge', ref('Member'))),
      ...file('orders', model('Order', ref('Customer'))),
    ];
    const keys = resolveData(facts, owners, []).foreignKeys;
    const label = (table: { owner: string | null; table: { name: string } } | null): string =>
      table === null ? 'unlinked' : `${table.owner ?? '?'}.${table.table.name}`;
    expect(keys.map((key) => `${label(key.from)} -> ${label(key.to)}`)).toEqual([
      'accounts.sessions -> accounts.users',
      'billing.invoices -> billing.customers',
      'blog.posts -> accounts.users',
      // The model's own collection (`club_members`), not the plural of its name.
      'blog.badges -> accounts.club_members',
      // Customer is declared by billing and by crm: neither is guessed.
      'orders.orders -> unlinked',
    ]);
  });
});
