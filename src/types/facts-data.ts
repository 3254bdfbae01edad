/** Data-ownership facts: tables, foreign keys, migration steps, database connections and table access. */
import type { Evidence } from './location.js';
import type { FoldedValue } from './value.js';
import type { ClientRef } from './facts.js';

interface DataFactBase {
  location: Evidence;
  extractor: string;
}

/** A table (or collection) name as written; `schema` null when unqualified. */
export interface TableRef {
  schema: string | null;
  name: string;
}

/** What created a table or declared a relation. */
export type DataSource = 'sql' | 'prisma' | 'typeorm' | 'mongoose' | 'knex' | 'sequelize' | 'drizzle';

/** A table created by DDL, a migration or an ORM model. */
export interface DbTableFact extends DataFactBase {
  kind: 'db-table';
  source: DataSource;
  table: TableRef;
  columns: string[];
  /** Database the statement runs in when the file says so (`\connect orders`), else null. */
  database: string | null;
  /** ORM model (class or model name) that declares the table, so relations written by class name find it. */
  model?: string;
  /**
   * Column of each scalar field of the ORM model (`legacyStatus` → `legacy_status` for `@map("legacy_status")` or
   * `@Column({ name: 'legacy_status' })`), so field names in ORM queries become column names; relations are absent.
   */
  fieldColumns?: Record<string, string>;
}

/** A foreign key or ORM relation from one table to another. */
export interface DbForeignKeyFact extends DataFactBase {
  kind: 'db-foreign-key';
  source: DataSource;
  from: TableRef;
  to: TableRef;
  columns: string[];
  database: string | null;
  /** Target ORM model name when the relation names a class or model (`() => Customer`, `ref: 'Customer'`). */
  toModel?: string;
}

/** Migration steps that break code still running the previous release. */
export type MigrationStepKind =
  | 'drop-column'
  | 'rename-column'
  | 'rename-table'
  | 'drop-table'
  | 'add-column-not-null'
  | 'set-not-null'
  | 'alter-column-type';

/** One schema-changing step of a migration (also `drop-table`, which ends a table's ownership). */
export interface DbMigrationStepFact extends DataFactBase {
  kind: 'db-migration-step';
  step: MigrationStepKind;
  table: TableRef;
  /** Column affected (old name for a rename), null for table-level steps. */
  column: string | null;
  /** New name of a renamed column or table. */
  newName: string | null;
  database: string | null;
}

/** A database connection configured in code or schema files. */
export interface DbConnectionFact extends DataFactBase {
  kind: 'db-connection';
  /** Driver or ORM: `pg`, `mysql2`, `mongodb`, `mongoose`, `prisma`, `typeorm`, `knex`, `sequelize`, `redis`, … */
  client: string;
  /** Engine when the client or provider says it (`postgres`, `mysql`, `mongodb`, `redis`, `sqlite`), else null. */
  engine: string | null;
  /** Connection URL, when given as one. */
  url: FoldedValue | null;
  /** Separate parts, when given as such. */
  parts: Partial<Record<'host' | 'port' | 'database' | 'schema', FoldedValue>>;
}

/** Code reading or writing a table: raw SQL, a query builder, an ORM model. */
export interface DbAccessFact extends DataFactBase {
  kind: 'db-access';
  client: string;
  table: TableRef;
  operation: 'read' | 'write';
  /**
   * Column names the statement mentions (unqualified), when known. For a Prisma or TypeORM access: the model field
   * names its query shape names, which resolve maps to columns through the model's `fieldColumns`.
   */
  columns: string[];
  /** ORM model the access goes through (`prisma.order` → `Order`, `getRepository(Order)`): its table wins over `table`. */
  model?: string;
  /**
   * Set when the client is imported from another module (`this.prisma` typed `PrismaService` from
   * `../prisma/prisma.service`): resolve keeps the access only when that export is a client of family `client`.
   */
  via?: ClientRef;
}

export type DataFact = DbTableFact | DbForeignKeyFact | DbMigrationStepFact | DbConnectionFact | DbAccessFact;
