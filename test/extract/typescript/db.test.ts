import { beforeAll, describe, expect, it } from 'vitest';
import { preparePostgres } from '../../../src/extract/sql/parsers.js';
import { collectionOf } from '../../../src/extract/typescript/db/mongoose-pluralize.js';
import type { DbConnectionFact, Fact } from '../../../src/types/index.js';
import { atSource, env, extractFixture, extractSource, httpAt, imp, lit, ofKind, unk, value } from './harness.js';

beforeAll(async () => {
  await preparePostgres();
});

/** A compact, exact view of the data facts of a fixture. */
function dataFacts(path: string): string[] {
  return extractFixture(path).facts.flatMap((fact: Fact) => {
    const at = `${fact.location.line}`;
    switch (fact.kind) {
      case 'db-connection':
        return [`${at} connection ${fact.client} ${fact.engine ?? '?'} url=${JSON.stringify(fact.url?.parts ?? null)} parts=${Object.keys(fact.parts).join(',')}`];
      case 'db-access':
        return [`${at} ${fact.operation} ${fact.table.schema ?? ''}.${fact.table.name} [${fact.columns.join(',')}] via ${fact.client}`];
      case 'db-table':
        return [`${at} table ${fact.table.schema ?? ''}.${fact.table.name} [${fact.columns.join(',')}] (${fact.source})`];
      case 'db-foreign-key':
        return [`${at} fk ${fact.from.name}(${fact.columns.join(',')}) -> ${fact.to.schema ?? ''}.${fact.to.name}`];
      case 'db-migration-step':
        return [`${at} ${fact.step} ${fact.table.name}.${fact.column ?? ''}${fact.newName === null ? '' : ` -> ${fact.newName}`}`];
      default:
        return [];
    }
  });
}

describe('typescript extractor: database clients', () => {
  it('finds pg connections and the SQL run by pools, clients from pool.connect() and typed injected clients', () => {
    expect(dataFacts('db-clients/pg-pool.ts')).toMatchSnapshot();
  });

  it('finds mysql2 and Knex connections, raw SQL and query builders with their columns', () => {
    expect(dataFacts('db-clients/mysql-and-knex.ts')).toMatchSnapshot();
  });

  it('reads Knex schema migrations and ignores the down() rollback', () => {
    expect(dataFacts('db-clients/knex-migration.ts')).toMatchSnapshot();
  });

  it('reads TypeORM entities imported under any name, their columns and relations', () => {
    expect(dataFacts('db-clients/typeorm-entities.ts')).toMatchSnapshot();
  });

  it('reads mongoose models, their collections and refs, and the connection', () => {
    expect(dataFacts('db-clients/mongoose-models.ts')).toMatchSnapshot();
  });

  it('reads a sequelize-cli migration through the position of its query interface, not its name', () => {
    expect(dataFacts('db-clients/sequelize-migration.js')).toMatchSnapshot();
  });

  it('never takes a local object named pool or knex for a database client', () => {
    expect(dataFacts('db-clients/negatives.ts')).toEqual([]);
  });
});

describe('typescript extractor: JavaScript Knex migrations without a Knex type', () => {
  it('reads CommonJS exports.up, documented with a JSDoc Knex type, and leaves exports.down out', () => {
    expect(dataFacts('knex-js/migrations/20240101_users.js')).toEqual([
      '6 table .users [id,email,nickname,team_id] (knex)',
      '10 fk users(team_id) -> .teams',
    ]);
  });

  it('reads an arrow exports.up that drops a column', () => {
    expect(dataFacts('knex-js/migrations/20240201_drop_nickname.js')).toEqual(['1 drop-column users.nickname']);
  });

  it('reads module.exports = { up, down } with raw SQL and queries, never a shadowing callback parameter', () => {
    expect(dataFacts('knex-js/migrations/20240301_backfill.js')).toEqual([
      '4 add-column-not-null users.region',
      '5 write .users [region] via knex',
    ]);
  });

  it('reads an ESM up without a type and a const down', () => {
    expect(dataFacts('knex-js/migrations/20240401_esm.mjs')).toEqual([
      '2 table billing.invoices [id,user_id] (knex)',
      '4 fk invoices(user_id) -> .users',
    ]);
  });

  it('keeps a Sequelize migration in a migrations folder on the Sequelize path', () => {
    expect(dataFacts('knex-js/migrations/20240501_sequelize.js')).toEqual(['6 table .payments [id] (sequelize)']);
  });

  it('takes a schema builder outside a migrations folder, but not a plain query', () => {
    expect(dataFacts('knex-js/db/20240601_rename.js')).toEqual(['2 rename-column users.email -> login']);
    expect(dataFacts('knex-js/db/20240701_data.js')).toEqual([]);
  });

  it('calls a required knex or ioredis module as its default export', () => {
    expect(dataFacts('knex-js/src/db.js')).toEqual([
      '4 connection knex postgres url=[{"kind":"env","name":"DATABASE_URL"}] parts=',
      '5 connection ioredis redis url=[{"kind":"env","name":"REDIS_URL"}] parts=',
      '8 read .teams [name] via knex',
    ]);
  });

  it('honours a JSDoc @param {import("knex").Knex} or {Knex} on any function, and only there', () => {
    expect(dataFacts('knex-js/src/users.js')).toEqual(['6 read .users [id,nickname] via knex', '10 write .users [touched_at] via knex']);
  });
});

describe('typescript extractor: connection options written with spreads', () => {
  const connections = (path: string): Pick<DbConnectionFact, 'client' | 'engine' | 'url' | 'parts'>[] =>
    ofKind(extractFixture(path).facts, 'db-connection').map(({ client, engine, url, parts }) => ({ client, engine, url, parts }));
  const pg = (host: string, database: string) => ({ host: value(lit(host)), port: value(lit('5432')), database: value(lit(database)) });
  const fromImport = (key: string) => value(imp('./db-config', 'baseConfig', [key]));
  const importedParts = {
    host: fromImport('host'),
    port: fromImport('port'),
    database: fromImport('database'),
    schema: fromImport('schema'),
  };

  it('reads spread objects, later properties winning, in DataSource, TypeOrmModule.forRoot, Pool and knex options', () => {
    expect(connections('db-clients/spread-options.ts')).toEqual([
      { client: 'typeorm', engine: 'postgres', url: null, parts: pg('localhost', 'cornal_order_db') },
      { client: 'typeorm', engine: 'postgres', url: null, parts: pg('localhost', 'cornal_order_db') },
      { client: 'pg', engine: 'postgres', url: null, parts: pg('pg', 'orders') },
      { client: 'pg', engine: 'postgres', url: null, parts: pg('pg', 'postgres') },
      { client: 'knex', engine: 'postgres', url: null, parts: pg('pg', 'reports') },
      // An imported spread may hold a URL or parts: both are kept, and resolve keeps the one that renders.
      { client: 'pg', engine: 'postgres', url: null, parts: importedParts },
      { client: 'pg', engine: 'postgres', url: fromImport('connectionString'), parts: { schema: fromImport('schema') } },
      { client: 'pg', engine: 'postgres', url: value(env('DATABASE_URL')), parts: importedParts },
      // `database: 'local'` before the imported spread may or may not survive it: neither is taken.
      {
        client: 'pg',
        engine: 'postgres',
        url: null,
        parts: { host: fromImport('host'), port: fromImport('port'), database: fromImport('db'), schema: fromImport('schema') },
      },
      { client: 'pg', engine: 'postgres', url: fromImport('connectionString'), parts: { schema: fromImport('schema') } },
    ]);
  });

  it('gives axios the url of an imported config spread, keeping the inherited base URL, and no earlier property', () => {
    const text = [
      "import axios from 'axios';",
      "import { shared } from './http-config';",
      "axios.request({ ...shared, method: 'post' });",
      "axios.request({ url: '/local', ...shared });",
    ].join('\n');
    expect(ofKind(extractSource(text).facts, 'http-call')).toEqual([
      httpAt(atSource(text, 3, 7), 'axios', 'POST', imp('./http-config', 'shared', ['url'])),
      httpAt(atSource(text, 4, 7), 'axios', null, unk("axios.request({ url: '/local', ...shared })")),
    ]);
  });
});

describe('typescript extractor: mongoose collection names', () => {
  it("pluralizes model names by mongoose's rules", () => {
    const expected = {
      Accounts: 'accounts',
      Person: 'people',
      Status: 'status',
      Category: 'categories',
      Box: 'boxes',
      Bus: 'buses',
      Mouse: 'mice',
      Wife: 'wives',
      Leaf: 'leafs',
      Matrixes: 'matriceses',
      Datum: 'data',
      Index: 'indexes',
      Quiz: 'quizzes',
      Goose: 'geese',
      Ox: 'oxen',
      Man: 'men',
      Human: 'humen',
      Analysis: 'analyses',
      Address: 'addresses',
      Log2: 'log2',
      Media: 'media',
      Day: 'days',
      Hero: 'heros',
      Potato: 'potatoes',
    };
    expect(Object.fromEntries(Object.keys(expected).map((name) => [name, collectionOf(name)]))).toEqual(expected);
  });

  it('takes the model call\'s collection, then schema.set(\'collection\'), then the Schema option, then the plural', () => {
    expect(dataFacts('db-clients/mongoose-collections.ts')).toEqual([
      '3 fk accounts(holder) -> .people',
      '4 table .accounts [holder] (mongoose)',
      '5 table .people [name] (mongoose)',
      '6 table .status [code] (mongoose)',
      '7 table .categories [label] (mongoose)',
      '10 table .audit_log [at] (mongoose)',
      '11 table .legacy_audit [at] (mongoose)',
      '15 table .domain_events [kind] (mongoose)',
    ]);
  });
});
