/** The expand/contract sequence to use instead of each unsafe migration step, and what reads make it break. */
import type { MigrationStepKind } from '../../src/types/index.js';

/** What the step does, for the message. */
export const STEP_TEXT: Record<MigrationStepKind, string> = {
  'drop-column': 'drops column {column} of {table}',
  'rename-column': 'renames column {column} of {table} to {newName}',
  'rename-table': 'renames table {table} to {newName}',
  'drop-table': 'drops table {table}',
  'add-column-not-null': 'adds column {column} to {table} as NOT NULL without a DEFAULT',
  'set-not-null': 'sets column {column} of {table} NOT NULL',
  'alter-column-type': 'changes the type of column {column} of {table}',
};

/** Expand/contract: the safe sequence of releases. */
export const SEQUENCE: Record<MigrationStepKind, string> = {
  'drop-column':
    '(1) release code that no longer reads or writes {column}, (2) drop the column in a later migration',
  'rename-column':
    '(1) add {newName}, (2) write both columns and backfill {newName}, (3) switch reads to {newName}, ' +
    '(4) stop writing {column}, (5) drop {column}',
  'rename-table':
    '(1) create {newName} (or a view named {table}), (2) write both and backfill, (3) switch reads, ' +
    '(4) drop {table} once nothing uses it',
  'drop-table': '(1) release code that no longer uses {table}, (2) drop the table in a later migration',
  'add-column-not-null':
    '(1) add {column} as nullable or with a DEFAULT, (2) release code that writes it, (3) backfill, (4) set NOT NULL',
  'set-not-null':
    '(1) release code that always writes {column}, (2) backfill NULLs, (3) add CHECK ({column} IS NOT NULL) ' +
    'NOT VALID and validate it, (4) set NOT NULL',
  'alter-column-type':
    '(1) add a column with the new type, (2) write both and backfill, (3) switch reads, (4) drop the old column',
};

/** Steps after which code reading the old column (or table) fails at once. */
export const BREAKS_READERS: ReadonlySet<MigrationStepKind> = new Set([
  'drop-column',
  'rename-column',
  'rename-table',
  'drop-table',
]);

/** `{name}` slots filled; unknown slots stay visible rather than vanish. */
export function fill(template: string, values: Record<string, string>): string {
  return template.replace(/\{(\w+)\}/g, (slot, name: string) => values[name] ?? slot);
}
