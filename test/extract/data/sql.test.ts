import { beforeAll, describe, expect, it } from 'vitest';
import { prismaExtractor } from '../../../src/extract/prisma/index.js';
import { alterTableActions, createTableElements, quotedIdentifiers } from '../../../src/extract/sql/clauses.js';
import { postgresFolding } from '../../../src/extract/sql/effects.js';
import { guessDialect } from '../../../src/extract/sql/parsers.js';
import { sqlExtractor } from '../../../src/extract/sql/index.js';
import { splitSql } from '../../../src/extract/sql/split.js';
import { resolveData } from '../../../src/resolve/tables.js';
import type { OwnerOf } from '../../../src/discover/owner.js';
import type { DatabaseConnection, Fact } from '../../../src/types/index.js';

beforeAll(async () => {
  await sqlExtractor.prepare?.();
});

function summary(facts: readonly Fact[]): string[] {
  return facts.map((fact) => {
    switch (fact.kind) {
      case 'db-table':
        return `${fact.location.line} table ${fact.table.schema ?? ''}.${fact.table.name} [${fact.columns.join(',')}] db=${fact.database ?? '-'}`;
      case 'db-foreign-key':
        return `${fact.location.line} fk ${fact.from.name}(${fact.columns.join(',')}) -> ${fact.to.schema ?? ''}.${fact.to.name}`;
      case 'db-migration-step': {
        const table = fact.table.schema === null ? fact.table.name : `${fact.table.schema}.${fact.table.name}`;
        return `${fact.location.line} ${fact.step} ${table}.${fact.column ?? ''}${fact.newName === null ? '' : ` -> ${fact.newName}`}`;
      }
      case 'db-access':
        return `${fact.location.line} ${fact.operation} ${fact.table.name}${fact.columns.length === 0 ? '' : ` [${fact.columns.join(',')}]`}`;
      default:
        return fact.kind;
    }
  });
}

describe('sql extractor', () => {
  it('reads PostgreSQL DDL, psql \\connect lines and every kind of foreign key', () => {
    const text = [
      'CREATE DATABASE shop;',
      '\\connect shop',
      'CREATE TABLE billing.invoices (',
      '  id uuid PRIMARY KEY,',
      '  order_id uuid REFERENCES orders (id),',
      "  note text DEFAULT 'a;b',",
      '  CONSTRAINT cust_fk FOREIGN KEY (customer_id) REFERENCES crm.customers (id)',
      ');',
      'ALTER TABLE billing.invoices ADD CONSTRAINT x FOREIGN KEY (y) REFERENCES z (id);',
      'DO $$ BEGIN RAISE NOTICE \'x;y\'; END $$;',
      'CREATE INDEX CONCURRENTLY inv_idx ON billing.invoices (order_id);',
    ].join('\n');
    const output = sqlExtractor.extract({ path: 'db/init.sql', text });
    expect(output.errors).toEqual([]);
    expect(summary(output.facts)).toEqual([
      '3 table billing.invoices [id,order_id,note] db=shop',
      '5 fk invoices(order_id) -> .orders',
      '7 fk invoices(customer_id) -> crm.customers',
      '9 fk invoices(y) -> .z',
    ]);
  });

  it('reads MySQL migrations with backticks, ENGINE and MODIFY, and reports only the statement neither parser reads', () => {
    const text = [
      'CREATE TABLE `carts` (`id` INT NOT NULL AUTO_INCREMENT, `user_id` INT, PRIMARY KEY (`id`),',
      '  FOREIGN KEY (`user_id`) REFERENCES `users` (`id`)) ENGINE=InnoDB;',
      'ALTER TABLE `carts` MODIFY COLUMN `user_id` BIGINT;',
      'THIS IS NOT SQL;',
      'ALTER TABLE `carts` DROP COLUMN `legacy`;',
    ].join('\n');
    const output = sqlExtractor.extract({ path: 'migrations/V2__carts.sql', text });
    expect(summary(output.facts)).toEqual([
      '1 table .carts [id,user_id] db=-',
      '2 fk carts(user_id) -> .users',
      '3 alter-column-type carts.user_id',
      '5 drop-column carts.legacy',
    ]);
    expect(output.errors).toEqual([
      {
        file: 'migrations/V2__carts.sql',
        line: 4,
        column: 1,
        stage: 'extract',
        code: 'sql-parse-error',
        message: 'Neither SQL parser could read this statement; it was skipped.',
      },
    ]);
  });

  it('skips rollback files and the down section of dbmate migrations', () => {
    expect(sqlExtractor.extract({ path: 'migrations/0003_x.down.sql', text: 'DROP TABLE orders;' }).facts).toEqual([]);
    const text = '-- migrate:up\nCREATE TABLE a (id int);\n\n-- migrate:down\nDROP TABLE a;\n';
    expect(summary(sqlExtractor.extract({ path: 'db/migrations/1_a.sql', text }).facts)).toEqual(['2 table .a [id] db=-']);
  });

  it('splits statements without being fooled by quotes, comments and dollar quotes', () => {
    const split = splitSql("SELECT ';'; -- a;b\n/* c; */ SELECT $tag$ ; $tag$;\n\\c other\nSELECT \"x;y\"");
    expect(split.statements.map((s) => s.text)).toEqual(["SELECT ';'", 'SELECT $tag$ ; $tag$', 'SELECT "x;y"']);
    expect(split.connects.map((c) => c.database)).toEqual(['other']);
  });

  it('skips the data rows of COPY … FROM stdin and psql \\copy up to the \\. line, and reads what follows', () => {
    const text = [
      'CREATE TABLE public.users (id uuid, email text);',
      'COPY public.users (id, email) FROM stdin;',
      'a1\tx@example.com',
      "b2\t'; DROP TABLE users; --",
      '\\.',
      '\\copy public.users (id, email) from stdin with csv',
      'c3,"y;z"',
      '\\.',
      'ALTER TABLE public.users DROP COLUMN email;',
      'COPY public.users (id) TO stdout;',
      'DROP TABLE public.users;',
    ].join('\n');
    const output = sqlExtractor.extract({ path: 'seed_data/users_db.sql', text });
    expect(output.errors).toEqual([]);
    expect(summary(output.facts)).toEqual([
      '1 table public.users [id,email] db=-',
      '9 drop-column public.users.email',
      '11 drop-table public.users.',
    ]);
  });

  it('runs an unterminated COPY data block to the end of the file without parse errors', () => {
    const rows = Array.from({ length: 50_000 }, (_, n) => `${n}\t'(;\t$$\t/*`).join('\n');
    const text = `COPY orders (id, note, a, b) FROM STDIN WITH (FORMAT text);\n${rows}\n\\.x\n\\.\t\n`;
    const started = performance.now();
    const split = splitSql(text);
    expect(split.statements.map((s) => s.text)).toEqual(['COPY orders (id, note, a, b) FROM STDIN WITH (FORMAT text)']);
    expect(performance.now() - started).toBeLessThan(2_000);
    expect(sqlExtractor.extract({ path: 'dump.sql', text }).errors).toEqual([]);
  });

  it('ends a statement at psql \\gexec / \\g and mysql \\G, skipping the rest of that line', () => {
    const text = [
      "SELECT 'CREATE DATABASE orders' WHERE NOT EXISTS (SELECT FROM pg_database WHERE datname = 'orders')\\gexec",
      '\\set ON_ERROR_STOP on',
      '\\connect orders',
      'CREATE TABLE items (id int)\\g',
      'SELECT 1\\G',
    ].join('\n');
    const split = splitSql(text);
    expect(split.statements.map((s) => s.text)).toEqual([
      "SELECT 'CREATE DATABASE orders' WHERE NOT EXISTS (SELECT FROM pg_database WHERE datname = 'orders')",
      'CREATE TABLE items (id int)',
      'SELECT 1',
    ]);
    expect(split.connects.map((c) => c.database)).toEqual(['orders']);
    expect(sqlExtractor.extract({ path: 'init/01.sql', text }).errors).toEqual([]);
  });

  it('locates each action of a multi-action PostgreSQL ALTER TABLE, and each foreign key, at its own line and column', () => {
    const text = [
      '-- Regions: split the status, widen the total',
      'ALTER TABLE orders',
      '  DROP COLUMN legacy_status, /* was a, b */',
      '  ALTER COLUMN total TYPE numeric(12,2),',
      "  ADD COLUMN note text DEFAULT 'é, (x',",
      '  ADD COLUMN region text NOT NULL',
      '    REFERENCES regions (code),',
      '  ADD CONSTRAINT orders_customer_fk',
      '    FOREIGN KEY (customer_id) REFERENCES customers (id),',
      '  ALTER COLUMN placed_at SET NOT NULL;',
      'ALTER TABLE IF EXISTS ONLY public.orders DROP COLUMN a, DROP COLUMN b;',
    ].join('\n');
    const output = sqlExtractor.extract({ path: 'db/migrations/0007_regions.sql', text });
    expect(output.errors).toEqual([]);
    expect(located(output.facts)).toEqual([
      '3:3 drop-column orders.legacy_status',
      '4:3 alter-column-type orders.total',
      '6:3 add-column-not-null orders.region',
      // A foreign key sits at its own constraint (`REFERENCES`, `CONSTRAINT`), past the two-byte `é`: libpg-query
      // counts bytes, locations count characters.
      '7:5 fk orders(region) -> .regions',
      '8:7 fk orders(customer_id) -> .customers',
      '10:3 set-not-null orders.placed_at',
      '11:42 drop-column public.orders.a',
      '11:57 drop-column public.orders.b',
    ]);
  });

  it('locates each action of a multi-action MySQL ALTER TABLE and each foreign key of CREATE TABLE', () => {
    const text = [
      'CREATE TABLE `orders` (',
      '  `id` BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,',
      "  `note` VARCHAR(32) DEFAULT 'a, b',",
      '  PRIMARY KEY (`id`),',
      '  CONSTRAINT `orders_customer_fk` FOREIGN KEY (`customer_id`) REFERENCES `customers` (`id`)',
      ') ENGINE=InnoDB;',
      'ALTER TABLE `orders`',
      '  DROP COLUMN `legacy_status`, # old, unused',
      '  MODIFY COLUMN `total` DECIMAL(12,2) NOT NULL,',
      '  ADD COLUMN `region` VARCHAR(8) NOT NULL,',
      '  ADD CONSTRAINT `orders_region_fk` FOREIGN KEY (`region`) REFERENCES `regions` (`code`),',
      '  RENAME COLUMN `note` TO `remark`;',
    ].join('\n');
    const output = sqlExtractor.extract({ path: 'migrations/V7__regions.sql', text });
    expect(output.errors).toEqual([]);
    expect(located(output.facts)).toEqual([
      '1:1 table .orders [id,note] db=-',
      '5:3 fk orders(customer_id) -> .customers',
      '8:3 drop-column orders.legacy_status',
      '9:3 alter-column-type orders.total',
      '10:3 add-column-not-null orders.region',
      '11:3 fk orders(region) -> .regions',
      '12:3 rename-column orders.note -> remark',
    ]);
  });

  it('folds PostgreSQL names as the server does: unquoted to lower case, quoted ("Order") exactly', () => {
    const text = [
      'CREATE TABLE "Order" (',
      '    "id" TEXT NOT NULL,',
      '    "userId" TEXT NOT NULL,',
      '    CONSTRAINT "Order_pkey" PRIMARY KEY ("id")',
      ');',
      'CREATE TABLE Billing.Customers (Id int, "Email" text);',
      'ALTER TABLE "Order" ADD CONSTRAINT "Order_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id");',
      'ALTER TABLE "Order" DROP COLUMN "legacyStatus", DROP COLUMN Note;',
      'ALTER TABLE "Order" RENAME COLUMN "Total" TO "TotalCents";',
      'SELECT "id" FROM "Order";',
      'SELECT ID FROM Orders;',
      'DROP TABLE "Archive", archive;',
    ].join('\n');
    const output = sqlExtractor.extract({ path: 'prisma/migrations/20240101000000_init/migration.sql', text });
    expect(output.errors).toEqual([]);
    expect(summary(output.facts)).toEqual([
      '1 table .Order [id,userId] db=-',
      '6 table billing.customers [id,Email] db=-',
      '7 fk Order(userId) -> .User',
      '8 drop-column Order.legacyStatus',
      '8 drop-column Order.note',
      '9 rename-column Order.Total -> TotalCents',
      '10 read Order [id]',
      '11 read orders [id]',
      '12 drop-table Archive.',
      '12 drop-table archive.',
    ]);
  });

  it('keeps MySQL table names as written (backticks do not fold) and compares column names in lower case', () => {
    const text = [
      'CREATE TABLE `OrderItems` (`Id` INT, `OrderId` INT, FOREIGN KEY (`OrderId`) REFERENCES `Orders` (`Id`)) ENGINE=InnoDB;',
      'SELECT `Qty` FROM OrderItems;',
      'RENAME TABLE `OrderItems` TO `OrderLines`;',
    ].join('\n');
    expect(summary(sqlExtractor.extract({ path: 'sql/V1__items.sql', text }).facts)).toEqual([
      '1 table .OrderItems [id,orderid] db=-',
      '1 fk OrderItems(orderid) -> .Orders',
      '2 read OrderItems [qty]',
      '3 rename-table OrderItems. -> OrderLines',
    ]);
  });
});

describe('SQL dialect and names found in the text', () => {
  it('guesses the dialect from the SQL, not from comments (Prisma warnings quote names in backticks)', () => {
    const prisma = '/*\n  - You are about to drop the column `legacyStatus` on the `Order` table.\n*/\nALTER TABLE "Order" DROP COLUMN "legacyStatus";';
    expect(guessDialect(prisma)).toBe('postgres');
    expect(guessDialect("-- ENGINE=InnoDB in MySQL\nSELECT '--', 1;")).toBe('postgres');
    expect(guessDialect("SELECT '/*' AS a;\nCREATE TABLE `b` (id int); -- */")).toBe('mysql');
  });

  it('folds PostgreSQL names for a parser that does not: lower case unless written in double quotes', () => {
    const naming = postgresFolding(quotedIdentifiers('SELECT "Id", Name FROM "Order" JOIN Customers ON "a""b" = 1'));
    expect(['Order', 'Customers', 'a"b'].map((name) => naming.table(name))).toEqual(['Order', 'customers', 'a"b']);
    expect(['Id', 'Name'].map((name) => naming.column(name))).toEqual(['Id', 'name']);
  });
});

describe('SQL clauses found in the text', () => {
  const texts = (sql: string, spans: { start: number; end: number }[]): string[] => spans.map((span) => sql.slice(span.start, span.end));

  it('splits actions at top-level commas only, past strings, quoted names, dollar quotes and comments', () => {
    const sql = `ALTER TABLE "a,b"."c" ADD COLUMN d text DEFAULT 'x,''y' -- e, f\n, ADD CONSTRAINT g CHECK (h IN (1, 2)), ALTER COLUMN i SET DEFAULT $$j,k$$`;
    expect(texts(sql, alterTableActions(sql, 'postgres'))).toEqual([
      "ADD COLUMN d text DEFAULT 'x,''y'",
      'ADD CONSTRAINT g CHECK (h IN (1, 2))',
      'ALTER COLUMN i SET DEFAULT $$j,k$$',
    ]);
    expect(alterTableActions('ALTER INDEX a RENAME TO b', 'postgres')).toEqual([]);
    const create = 'CREATE TABLE IF NOT EXISTS t (a int, b numeric(1, 2), CONSTRAINT c CHECK (a > 0)) ENGINE=InnoDB';
    expect(texts(create, createTableElements(create, 'mysql'))).toEqual(['a int', 'b numeric(1, 2)', 'CONSTRAINT c CHECK (a > 0)']);
  });

  it('stays linear on hostile input: unbalanced parentheses, unterminated quotes, a hundred thousand actions', () => {
    const started = performance.now();
    const many = `ALTER TABLE t ${Array.from({ length: 100_000 }, (_, i) => `DROP COLUMN c${i}`).join(', ')}`;
    expect(alterTableActions(many, 'postgres')).toHaveLength(100_000);
    expect(alterTableActions(`ALTER TABLE t ADD CHECK ${'('.repeat(200_000)}, DROP COLUMN x`, 'postgres')).toHaveLength(1);
    expect(alterTableActions(`ALTER TABLE t DROP COLUMN x, ADD COLUMN y text DEFAULT '${'a,'.repeat(100_000)}`, 'postgres')).toHaveLength(2);
    expect(alterTableActions(`ALTER TABLE t ${'),'.repeat(100_000)}`, 'postgres')).toHaveLength(100_000);
    // Quadratic work on these would take minutes; linear takes well under a second even on a loaded machine.
    expect(performance.now() - started).toBeLessThan(5_000);
  });
});

describe('table names across SQL text and ORM models (resolveData)', () => {
  const owners: OwnerOf = (path) => ({ kind: 'service', name: path.split('/')[1] ?? '' });
  const migration = [
    'CREATE TABLE "Customer" ("id" TEXT NOT NULL, "email" TEXT NOT NULL);',
    'CREATE TABLE invoices (id int);',
  ].join('\n');
  const schema = ['model Customer {', '  id    String @id', '  email String', '}', ''].join('\n');
  const access = (name: string, client = 'pg', line = 1): Fact => ({
    kind: 'db-access',
    client,
    table: { schema: null, name },
    operation: 'read',
    columns: [],
    location: { file: 'services/crm/src/queries.ts', line },
    extractor: 'typescript',
  });
  const sqlFacts = sqlExtractor.extract({ path: 'services/crm/prisma/migrations/20240101000000_init/migration.sql', text: migration }).facts;
  const prismaFacts = prismaExtractor.extract({ path: 'services/crm/prisma/schema.prisma', text: schema }).facts;
  const accesses = [access('Customer', 'pg', 1), access('customer', 'pg', 2), access('invoices', 'pg', 3), access('Invoices', 'pg', 4), access('customer', 'knex', 5)];

  it('keeps the quoted table a Prisma model and its migration both create as one table, spelled as the engine does', () => {
    const model = resolveData([...sqlFacts, ...prismaFacts, ...accesses], owners, []);
    expect(model.tables.map((t) => `${t.key} ${t.source}`)).toEqual(['table:?.default.Customer prisma', 'table:?.default.invoices sql']);
    // PostgreSQL: `from customer` is another relation than "Customer"; `from Invoices` folds to invoices. The Knex
    // builder lower-cases what it was given, so its `customer` may be "Customer".
    expect(model.accesses.map((a) => `${a.client} ${a.target.name} -> ${a.table?.table.name ?? '-'}`)).toEqual([
      'pg Customer -> Customer',
      'pg customer -> -',
      'pg invoices -> invoices',
      'pg Invoices -> -',
      'knex customer -> Customer',
    ]);
  });

  it('compares MySQL names case-insensitively: their case sensitivity is a server setting no file states', () => {
    const connection: DatabaseConnection = {
      service: 'crm',
      id: 'db:mysql://mysql:3306/crm',
      engine: 'mysql',
      host: 'mysql',
      port: 3306,
      database: 'crm',
      schema: null,
      location: { file: 'docker-compose.yml', line: 1 },
      confidence: 'resolved',
      via: [],
    };
    const mysql = sqlExtractor.extract({ path: 'services/crm/sql/V1__customers.sql', text: 'CREATE TABLE `Customer` (`id` INT) ENGINE=InnoDB;' }).facts;
    const model = resolveData([...mysql, access('customer')], owners, [connection]);
    expect(model.accesses.map((a) => a.table?.key ?? '-')).toEqual(['table:mysql://mysql:3306/crm.default.Customer']);
  });
});

/** Facts as `line:column kind …`, for clause locations. */
function located(facts: readonly Fact[]): string[] {
  return facts.map((fact) => `${fact.location.line}:${fact.location.column ?? '?'} ${summary([fact])[0]?.replace(/^\d+ /, '') ?? ''}`);
}
