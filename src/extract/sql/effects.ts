/** What one SQL statement does to the data model, independent of the parser that read it. */
import type { MigrationStepKind, TableRef } from '../../types/index.js';

/** One effect of a statement: a table created, a foreign key, a risky migration step or table access. */
export type SqlEffect =
  | { kind: 'create-table'; table: TableRef; columns: string[] }
  | { kind: 'foreign-key'; from: TableRef; to: TableRef; columns: string[]; at?: number }
  | { kind: 'step'; step: MigrationStepKind; table: TableRef; column: string | null; newName: string | null }
  | { kind: 'access'; table: TableRef; operation: 'read' | 'write'; columns: string[] };

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

/** Lower-cases unquoted identifiers the way both engines fold them for comparison. */
export function tableRef(schema: string | null, name: string): TableRef {
  return { schema: schema === null ? null : schema.toLowerCase(), name: name.toLowerCase() };
}
