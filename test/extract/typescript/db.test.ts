import { beforeAll, describe, expect, it } from 'vitest';
import { preparePostgres } from '../../../src/extract/sql/parsers.js';
import type { Fact } from '../../../src/types/index.js';
import { extractFixture } from './harness.js';

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
