/** node-sql-parser ASTs (MySQL, MariaDB, SQLite) → {@link SqlEffect}s. */
import { items, prop, sqlTableRef, text, type Naming, type SqlEffect } from './effects.js';
import { alterTableActions, createTableElements, type CommentStyle } from './clauses.js';
import type { TableRef } from '../../types/index.js';

/**
 * What a node-sql-parser statement came from: its text when the parse held this one statement (node-sql-parser
 * gives no offsets, so clauses are found in the text), the engine's naming and the comment syntax.
 */
export interface MysqlSource {
  sql: string | null;
  naming: Naming;
  comments: CommentStyle;
}

/** Effects of one node-sql-parser statement. */
export function mysqlEffects(ast: unknown, source: MysqlSource): SqlEffect[] {
  const { naming } = source;
  const tableOf = (node: unknown): TableRef | null => {
    const name = text(node, 'table');
    return name === null ? null : sqlTableRef(text(node, 'db'), name, naming);
  };
  const columnOf = (node: unknown): string | null => {
    const name = columnName(node);
    return name === null ? null : naming.column(name);
  };
  const effects: SqlEffect[] = [];
  const type = text(ast, 'type');
  const tables = items(ast, 'table').map(tableOf).filter((t): t is TableRef => t !== null);
  if (type === 'create' && text(ast, 'keyword') === 'table') {
    const table = tables[0];
    if (table === undefined) return effects;
    const columns: string[] = [];
    const keys: SqlEffect[] = [];
    const definitions = items(ast, 'create_definitions');
    const at = clauseOffsets(source.sql === null ? [] : createTableElements(source.sql, source.comments), definitions.length);
    definitions.forEach((definition, index) => {
      const resource = text(definition, 'resource');
      if (resource === 'column') {
        const name = columnOf(prop(definition, 'column'));
        if (name !== null) columns.push(name);
        const to = tableOf(items(prop(definition, 'reference_definition'), 'table')[0]);
        if (to !== null && name !== null) keys.push(located({ kind: 'foreign-key', from: table, to, columns: [name] }, at[index]));
      } else if (resource === 'constraint') foreignKey(table, definition, keys, tableOf, columnOf, at[index]);
    });
    effects.push({ kind: 'create-table', table, columns }, ...keys);
  } else if (type === 'alter') {
    const table = tables[0];
    const exprs = items(ast, 'expr');
    const at = clauseOffsets(source.sql === null ? [] : alterTableActions(source.sql, source.comments), exprs.length);
    if (table !== undefined) exprs.forEach((expr, index) => alterExpr(table, expr, effects, tableOf, columnOf, naming, at[index]));
  } else if (type === 'drop' && text(ast, 'keyword') === 'table') {
    const names = items(ast, 'name').map(tableOf).filter((t): t is TableRef => t !== null);
    for (const table of names.length > 0 ? names : tables) {
      effects.push({ kind: 'step', step: 'drop-table', table, column: null, newName: null });
    }
  } else if (type === 'rename') {
    for (const pair of items(ast, 'table')) {
      if (!Array.isArray(pair)) continue;
      const from = tableOf(pair[0]);
      const to = text(pair[1], 'table');
      if (from !== null) effects.push({ kind: 'step', step: 'rename-table', table: from, column: null, newName: to === null ? null : naming.table(to) });
    }
  } else if (type === 'select' || type === 'insert' || type === 'update' || type === 'delete' || type === 'replace') {
    const operation = type === 'select' ? 'read' : 'write';
    const columns = [...new Set(columnsOf(ast).map((name) => naming.column(name)))].sort();
    const seen = new Set<string>();
    for (const table of [...tables, ...items(ast, 'from').map(tableOf)]) {
      if (table === null || seen.has(`${table.schema ?? ''}.${table.name}`)) continue;
      seen.add(`${table.schema ?? ''}.${table.name}`);
      effects.push({ kind: 'access', table, operation, columns });
    }
  }
  return effects;
}

/** The start of each clause when the text gives exactly one per AST item; otherwise none is located. */
function clauseOffsets(spans: readonly { start: number }[], count: number): (number | undefined)[] {
  return spans.length === count ? spans.map((span) => span.start) : [];
}

function located<T extends SqlEffect & { kind: 'foreign-key' | 'step' }>(effect: T, at: number | undefined): T {
  if (at !== undefined) effect.at = at;
  return effect;
}

function columnName(node: unknown): string | null {
  const column = prop(node, 'column');
  if (typeof column === 'string') return column;
  // Newer node-sql-parser versions wrap names: `{ expr: { type: 'default', value: 'id' } }`.
  return text(prop(column, 'expr'), 'value');
}

/**
 * Column names a DML statement mentions (unqualified): every `column_ref` in any clause, `SET` targets and the
 * `INSERT` column list. `*` is no column. An explicit stack with a budget keeps hostile ASTs linear.
 */
function columnsOf(ast: unknown): string[] {
  const columns = new Set<string>();
  for (const entry of items(ast, 'columns')) {
    const name = typeof entry === 'string' ? entry : null;
    if (name !== null) columns.add(name);
  }
  for (const entry of items(ast, 'set')) {
    const name = text(entry, 'column');
    if (name !== null) columns.add(name);
  }
  const stack: unknown[] = [ast];
  for (let budget = 100_000; stack.length > 0 && budget > 0; budget--) {
    const node = stack.pop();
    if (Array.isArray(node)) {
      stack.push(...node);
      continue;
    }
    if (typeof node !== 'object' || node === null) continue;
    if (text(node, 'type') === 'column_ref') {
      const name = columnName(node);
      if (name !== null && name !== '*') columns.add(name);
    }
    stack.push(...Object.values(node));
  }
  return [...columns];
}

type TableOf = (node: unknown) => TableRef | null;
type ColumnOf = (node: unknown) => string | null;

function foreignKey(from: TableRef, definition: unknown, effects: SqlEffect[], tableOf: TableOf, columnOf: ColumnOf, at: number | undefined): void {
  if (!(text(definition, 'constraint_type') ?? '').toUpperCase().includes('FOREIGN')) return;
  const to = tableOf(items(prop(definition, 'reference_definition'), 'table')[0]);
  if (to === null) return;
  const columns = items(definition, 'definition').map(columnOf).filter((c): c is string => c !== null);
  effects.push(located({ kind: 'foreign-key', from, to, columns }, at));
}

function alterExpr(
  table: TableRef,
  expr: unknown,
  effects: SqlEffect[],
  tableOf: TableOf,
  columnOf: ColumnOf,
  naming: Naming,
  at: number | undefined,
): void {
  const action = text(expr, 'action');
  const resource = text(expr, 'resource');
  const column = columnOf(prop(expr, 'column'));
  const step = (kind: SqlEffect & { kind: 'step' }): void => void effects.push(located(kind, at));
  if (resource === 'column' && action === 'drop') {
    step({ kind: 'step', step: 'drop-column', table, column, newName: null });
  } else if (resource === 'column' && action === 'rename') {
    step({ kind: 'step', step: 'rename-column', table, column: columnOf(prop(expr, 'old_column')), newName: column });
  } else if (resource === 'column' && (action === 'modify' || action === 'change')) {
    step({ kind: 'step', step: 'alter-column-type', table, column, newName: null });
  } else if (resource === 'column' && action === 'add') {
    const notNull = text(prop(expr, 'nullable'), 'type') === 'not null';
    if (notNull && prop(expr, 'default_val') === undefined) {
      step({ kind: 'step', step: 'add-column-not-null', table, column, newName: null });
    }
  } else if (resource === 'table' && action === 'rename') {
    const to = text(expr, 'table');
    step({ kind: 'step', step: 'rename-table', table, column: null, newName: to === null ? null : naming.table(to) });
  } else if (resource === 'constraint' && action === 'add') {
    foreignKey(table, prop(expr, 'create_definitions') ?? expr, effects, tableOf, columnOf, at);
  }
}
