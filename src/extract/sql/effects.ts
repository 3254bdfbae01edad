/** What one SQL statement does to the data model, independent of the parser that read it. */
import type { MigrationStepKind, TableRef } from '../../types/index.js';

/**
 * One effect of a statement: a table created, a foreign key, a risky migration step or table access. `at` is the
 * offset in the statement text of the clause that causes it (an `ALTER TABLE` action, a `REFERENCES`), when known.
 */
export type SqlEffect =
  | { kind: 'create-table'; table: TableRef; columns: string[] }
  | { kind: 'foreign-key'; from: TableRef; to: TableRef; columns: string[]; at?: number }
  | { kind: 'step'; step: MigrationStepKind; table: TableRef; column: string | null; newName: string | null; at?: number }
  | { kind: 'access'; table: TableRef; operation: 'read' | 'write'; columns: string[] };

/**
 * How the engine names what a parser hands over. Table and schema names from SQL text keep the engine's own spelling:
 * PostgreSQL folds unquoted identifiers to lower case and keeps quoted ones (`"Order"`) exactly; MySQL keeps table
 * names as written (they are file names, case-sensitive on Linux) and compares column names case-insensitively on
 * every platform, so its columns are lower-cased to compare as the engine does.
 */
export interface Naming {
  table(name: string): string;
  column(name: string): string;
}

/** node-sql-parser's names for MySQL, MariaDB and SQLite. */
export const MYSQL_NAMING: Naming = { table: (name) => name, column: (name) => name.toLowerCase() };

/** PostgreSQL folding for a parser that does not apply it: lower case unless the statement writes the name quoted. */
export function postgresFolding(quoted: ReadonlySet<string>): Naming {
  const fold = (name: string): string => (quoted.has(name) ? name : name.toLowerCase());
  return { table: fold, column: fold };
}

/** Reads a property of an unknown value without casts. */
export function prop(value: unknown, key: string): unknown {
  if (typeof value !== 'object' || value === null) return undefined;
  return Reflect.get(value, key);
}

/** A property as an array (empty when absent). */
export function items(value: unknown, key: string): unknown[] {
  const found = prop(value, key);
  return Array.isArray(found) ? found : [];
}

/** A property as a string, or null. */
export function text(value: unknown, key: string): string | null {
  const found = prop(value, key);
  return typeof found === 'string' ? found : null;
}

/** A table named in SQL text, spelled as the engine names it. */
export function sqlTableRef(schema: string | null, name: string, naming: Naming): TableRef {
  return { schema: schema === null ? null : naming.table(schema), name: naming.table(name) };
}

/**
 * A table named by an ORM model, query builder or schema file: lower-cased, which loses the spelling the engine uses,
 * so src/resolve/tables.ts compares these names case-insensitively. SQL text uses {@link sqlTableRef}.
 */
export function tableRef(schema: string | null, name: string): TableRef {
  return { schema: schema === null ? null : schema.toLowerCase(), name: name.toLowerCase() };
}
