/** The resolve stage's data-ownership output: database identities, table owners, foreign keys, access, migrations. */
import type { Confidence, Evidence } from './location.js';
import type { DataSource, MigrationStepKind, TableRef } from './facts-data.js';

/** One service's connection to a database identity. */
export interface DatabaseConnection {
  service: string;
  /** Node key of the identity: `db:postgres://pg:5432/shop` (+ `/schema`). Never holds credentials. */
  id: string;
  engine: string;
  host: string;
  port: number | null;
  database: string;
  schema: string | null;
  location: Evidence;
  confidence: Confidence;
  /** How it was found: `env DATABASE_URL from docker-compose.yml:8`. */
  via: string[];
}

/** A table with its owner: the service whose migrations or models create it. */
export interface OwnedTable {
  /** Node key `table:<db>.<schema>.<table>`. */
  key: string;
  table: TableRef;
  /** Database identity key, when the owner's connection is known. */
  database: string | null;
  owner: string | null;
  columns: string[];
  source: DataSource;
  location: Evidence;
}

/** A foreign key or ORM relation with both ends resolved to owned tables when possible. */
export interface ResolvedForeignKey {
  from: OwnedTable;
  to: OwnedTable | null;
  /** The referenced table as written. */
  target: TableRef;
  columns: string[];
  source: DataSource;
  location: Evidence;
}

/** Code of one service reading or writing a table. */
export interface ResolvedTableAccess {
  service: string;
  table: OwnedTable | null;
  target: TableRef;
  operation: 'read' | 'write';
  columns: string[];
  client: string;
  location: Evidence;
}

/** A risky migration step with the table it changes. */
export interface ResolvedMigrationStep {
  service: string | null;
  step: MigrationStepKind;
  table: OwnedTable | null;
  target: TableRef;
  column: string | null;
  newName: string | null;
  location: Evidence;
}

/** Everything the data rules read. */
export interface DataModel {
  connections: DatabaseConnection[];
  tables: OwnedTable[];
  foreignKeys: ResolvedForeignKey[];
  accesses: ResolvedTableAccess[];
  migrations: ResolvedMigrationStep[];
}
