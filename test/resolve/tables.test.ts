import { beforeAll, describe, expect, it } from 'vitest';
import { prismaExtractor } from '../../src/extract/prisma/index.js';
import { sqlExtractor } from '../../src/extract/sql/index.js';
import { resolveData } from '../../src/resolve/tables.js';
import type { OwnerOf } from '../../src/discover/owner.js';
import type { DatabaseConnection, DataModel, Fact, TableRef } from '../../src/types/index.js';

beforeAll(async () => {
  await sqlExtractor.prepare?.();
});

const owners: OwnerOf = (path) => ({ kind: 'service', name: path.split('/')[1] ?? '' });

function connection(service: string, engine: string, database: string, schema: string | null = null): DatabaseConnection {
  const port = engine === 'mysql' ? 3306 : 5432;
  const host = engine === 'mysql' ? 'mysql' : 'pg';
  return {
    service,
    id: `db:${engine}://${host}:${port}/${database}${schema === null ? '' : `/${schema}`}`,
    engine,
    host,
    port,
    database,
    schema,
    location: { file: 'docker-compose.yml', line: 1 },
    confidence: 'resolved',
    via: [],
  };
}

function sql(service: string, file: string, lines: string[]): Fact[] {
  return sqlExtractor.extract({ path: `services/${service}/${file}`, text: lines.join('\n') }).facts;
}

function access(service: string, table: TableRef, model?: string, line = 1): Fact {
  return {
    kind: 'db-access',
    client: model === undefined ? 'pg' : 'prisma',
    table,
    operation: 'read',
    columns: [],
    ...(model === undefined ? {} : { model }),
    location: { file: `services/${service}/src/main.ts`, line },
    extractor: 'typescript',
  };
}

const label = (ref: TableRef): string => (ref.schema === null ? ref.name : `${ref.schema}.${ref.name}`);

describe('resolveData: PostgreSQL default schema', () => {
  const migration = sql('campaigns', 'prisma/migrations/1_init/migration.sql', [
    'CREATE TABLE "public"."campaigns" ("id" TEXT NOT NULL);',
    'CREATE TABLE "public"."orders" ("id" TEXT NOT NULL);',
    'CREATE TABLE "public"."donations" ("id" TEXT, "campaign_id" TEXT REFERENCES "public"."campaigns" ("id"));',
    'CREATE TABLE audit.campaigns (id text);',
  ]);
  const later = sql('campaigns', 'prisma/migrations/2_drop/migration.sql', ['DROP TABLE "orders";', 'ALTER TABLE campaigns DROP COLUMN legacy;']);
  const schema = prismaExtractor.extract({
    path: 'services/campaigns/prisma/schema.prisma',
    text: ['model Campaign {', '  id String @id', '  @@map("campaigns")', '}', ''].join('\n'),
  }).facts;

  it('folds `public` into the unqualified name: one table, ended by an unqualified DROP TABLE, matched by FKs and code', () => {
    const reads = [
      access('campaigns', { schema: 'public', name: 'campaigns' }, undefined, 1),
      access('reports', { schema: null, name: 'campaigns' }, undefined, 2),
    ];
    const facts = [...migration, ...later, ...schema, ...reads];
    const same = [connection('campaigns', 'postgres', 'campaigns'), connection('reports', 'postgres', 'campaigns')];
    const model = resolveData(facts, owners, same);
    expect(model.tables.map((t) => `${t.key} ${label(t.table)} ${t.source}`)).toEqual([
      'table:postgres://pg:5432/campaigns.audit.campaigns audit.campaigns sql',
      'table:postgres://pg:5432/campaigns.default.campaigns campaigns prisma',
      'table:postgres://pg:5432/campaigns.default.donations donations sql',
    ]);
    expect(model.foreignKeys.map((k) => `${label(k.from.table)} -> ${label(k.target)} ${k.to?.key ?? '-'}`)).toEqual([
      'donations -> campaigns table:postgres://pg:5432/campaigns.default.campaigns',
    ]);
    expect(model.accesses.map((a) => `${a.service} ${label(a.target)} ${a.table?.key ?? '-'}`)).toEqual([
      'campaigns campaigns table:postgres://pg:5432/campaigns.default.campaigns',
      'reports campaigns table:postgres://pg:5432/campaigns.default.campaigns',
    ]);
    expect(model.migrations.map((m) => `${m.step} ${label(m.target)} ${m.table?.key ?? '-'}`)).toEqual([
      'drop-table orders -',
      'drop-column campaigns table:postgres://pg:5432/campaigns.default.campaigns',
    ]);
  });

  it('folds `public` when no connection is known, as PostgreSQL is then the likely engine', () => {
    const model = resolveData([...migration, ...later], owners, []);
    expect(model.tables.map((t) => t.key)).toEqual(['table:?.audit.campaigns', 'table:?.default.campaigns', 'table:?.default.donations']);
  });

  it('takes the schema the connection sets (`?schema=app`) as the unqualified one; `public` then stays a schema', () => {
    const facts = sql('shop', 'migrations/1.sql', ['CREATE TABLE app.orders (id int);', 'CREATE TABLE public.orders (id int);', 'DROP TABLE orders;']);
    const model = resolveData(facts, owners, [connection('shop', 'postgres', 'shop', 'app')]);
    const tables = model.tables.map((t) => `${t.key} ${label(t.table)}`);
    expect(tables).toEqual(['table:postgres://pg:5432/shop/app.public.orders public.orders']);
  });

  it('keeps a MySQL `public.` qualifier: it names a database called public, not a default schema', () => {
    const facts = sql('shop', 'migrations/1.sql', [
      'CREATE TABLE `public`.`orders` (`id` INT) ENGINE=InnoDB;',
      'CREATE TABLE `orders` (`id` INT) ENGINE=InnoDB;',
    ]);
    const model = resolveData(facts, owners, [connection('shop', 'mysql', 'shop')]);
    expect(model.tables.map((t) => `${t.key} ${label(t.table)}`)).toEqual([
      'table:mysql://mysql:3306/shop.default.orders orders',
      'table:mysql://mysql:3306/shop.public.orders public.orders',
    ]);
  });
});

describe('resolveData: a model of another service in another database', () => {
  const prisma = (service: string, model: string, table: string): Fact[] =>
    prismaExtractor.extract({
      path: `services/${service}/prisma/schema.prisma`,
      text: [`model ${model} {`, '  id String @id', `  @@map("${table}")`, '}', ''].join('\n'),
    }).facts;
  const read = access('devices', { schema: null, name: 'user' }, 'User');
  const facts = [...prisma('users', 'User', 'user'), ...prisma('devices', 'Device', 'user'), read];
  const apart = [connection('users', 'postgres', 'user'), connection('devices', 'postgres', 'device')];
  const shared = [...apart, connection('devices', 'postgres', 'user')];
  const linked = (model: DataModel): string[] => model.accesses.map((a) => `${a.table?.key ?? '-'} ${a.table?.owner ?? '-'}`);

  it('leaves the access unlinked when the other service’s database is out of reach and its table name is taken in reach', () => {
    const model = resolveData(facts, owners, apart);
    expect(model.tables.map((t) => `${t.key} ${t.owner ?? '-'}`)).toEqual([
      'table:postgres://pg:5432/device.default.user devices',
      'table:postgres://pg:5432/user.default.user users',
    ]);
    expect(linked(model)).toEqual(['- -']);
  });

  it('links it when the caller connects to that database, or when either database is unknown', () => {
    expect(linked(resolveData(facts, owners, shared))).toEqual(['table:postgres://pg:5432/user.default.user users']);
    // The calling service's database unknown: the model is taken.
    const unknown = resolveData(facts, owners, [connection('users', 'postgres', 'user')]);
    expect(linked(unknown)).toEqual(['table:postgres://pg:5432/user.default.user users']);
  });

  it('takes the out-of-reach model when the caller reaches no table of its name (a client from a copy of that schema)', () => {
    const copy = [...prisma('users', 'User', 'user'), ...prisma('devices', 'Device', 'devices'), read];
    expect(linked(resolveData(copy, owners, apart))).toEqual(['table:postgres://pg:5432/user.default.user users']);
  });

  it('still takes the calling service’s own model first', () => {
    const own = [...facts, ...prisma('devices', 'User', 'device_users')];
    expect(linked(resolveData(own, owners, shared))).toEqual(['table:postgres://pg:5432/device.default.device_users devices']);
  });
});
