import { beforeAll, describe, expect, it } from 'vitest';
import { sqlExtractor } from '../../../src/extract/sql/index.js';
import { splitSql } from '../../../src/extract/sql/split.js';
import type { Fact } from '../../../src/types/index.js';

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
      case 'db-migration-step':
        return `${fact.location.line} ${fact.step} ${fact.table.name}.${fact.column ?? ''}${fact.newName === null ? '' : ` -> ${fact.newName}`}`;
      case 'db-access':
        return `${fact.location.line} ${fact.operation} ${fact.table.name}`;
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
      '1 fk carts(user_id) -> .users',
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
});
