/** node-sql-parser ASTs (MySQL, MariaDB, SQLite) → {@link SqlEffect}s. */
import { items, prop, tableRef, text, type SqlEffect } from './effects.js';
import type { TableRef } from '../../types/index.js';

function tableOf(node: unknown): TableRef | null {
  const name = text(node, 'table');
  return name === null ? null : tableRef(text(node, 'db'), name);
}

function columnName(node: unknown): string | null {
  const column = prop(node, 'column');
  if (typeof column === 'string') return column;
  // Newer node-sql-parser versions wrap names: `{ expr: { type: 'default', value: 'id' } }`.
  return text(prop(column, 'expr'), 'value');
}

/** Effects of one node-sql-parser statement. */
export function mysqlEffects(ast: unknown): SqlEffect[] {
  const effects: SqlEffect[] = [];
  const type = text(ast, 'type');
  const tables = items(ast, 'table').map(tableOf).filter((t): t is TableRef => t !== null);
  if (type === 'create' && text(ast, 'keyword') === 'table') {
    const table = tables[0];
    if (table === undefined) return effects;
    const columns: string[] = [];
    const keys: SqlEffect[] = [];
    for (const definition of items(ast, 'create_definitions')) {
      const resource = text(definition, 'resource');
      if (resource === 'column') {
        const name = columnName(prop(definition, 'column'));
        if (name !== null) columns.push(name);
        const reference = prop(definition, 'reference_definition');
        const to = tableOf(items(reference, 'table')[0]);
        if (to !== null && name !== null) keys.push({ kind: 'foreign-key', from: table, to, columns: [name] });
      } else if (resource === 'constraint') foreignKey(table, definition, keys);
    }
    effects.push({ kind: 'create-table', table, columns }, ...keys);
  } else if (type === 'alter') {
    const table = tables[0];
    if (table !== undefined) for (const expr of items(ast, 'expr')) alterExpr(table, expr, effects);
  } else if (type === 'drop' && text(ast, 'keyword') === 'table') {
    const names = items(ast, 'name').map(tableOf).filter((t): t is TableRef => t !== null);
    for (const table of names.length > 0 ? names : tables) {
      effects.push({ kind: 'step', step: 'drop-table', table, column: null, newName: null });
    }
  } else if (type === 'rename') {
    for (const pair of items(ast, 'table')) {
      if (!Array.isArray(pair)) continue;
      const from = tableOf(pair[0]);
      if (from !== null) effects.push({ kind: 'step', step: 'rename-table', table: from, column: null, newName: text(pair[1], 'table') });
    }
  } else if (type === 'select' || type === 'insert' || type === 'update' || type === 'delete' || type === 'replace') {
    const operation = type === 'select' ? 'read' : 'write';
    const columns = columnsOf(ast);
    const seen = new Set<string>();
    for (const table of [...tables, ...items(ast, 'from').map(tableOf)]) {
      if (table === null || seen.has(`${table.schema ?? ''}.${table.name}`)) continue;
      seen.add(`${table.schema ?? ''}.${table.name}`);
      effects.push({ kind: 'access', table, operation, columns });
    }
  }
  return effects;
}

/**
 * Column names a DML statement mentions (unqualified, sorted): every `column_ref` in any clause, `SET` targets and
 * the `INSERT` column list. `*` is no column. An explicit stack with a budget keeps hostile ASTs linear.
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
  return [...columns].sort();
}

function foreignKey(from: TableRef, definition: unknown, effects: SqlEffect[]): void {
  if (!(text(definition, 'constraint_type') ?? '').toUpperCase().includes('FOREIGN')) return;
  const reference = prop(definition, 'reference_definition');
  const to = tableOf(items(reference, 'table')[0]);
  if (to === null) return;
  const columns = items(definition, 'definition').map(columnName).filter((c): c is string => c !== null);
  effects.push({ kind: 'foreign-key', from, to, columns });
}

function alterExpr(table: TableRef, expr: unknown, effects: SqlEffect[]): void {
  const action = text(expr, 'action');
  const resource = text(expr, 'resource');
  const column = columnName(prop(expr, 'column'));
  if (resource === 'column' && action === 'drop') {
    effects.push({ kind: 'step', step: 'drop-column', table, column, newName: null });
  } else if (resource === 'column' && action === 'rename') {
    effects.push({ kind: 'step', step: 'rename-column', table, column: columnName(prop(expr, 'old_column')), newName: column });
  } else if (resource === 'column' && (action === 'modify' || action === 'change')) {
    effects.push({ kind: 'step', step: 'alter-column-type', table, column, newName: null });
  } else if (resource === 'column' && action === 'add') {
    const notNull = text(prop(expr, 'nullable'), 'type') === 'not null';
    if (notNull && prop(expr, 'default_val') === undefined) {
      effects.push({ kind: 'step', step: 'add-column-not-null', table, column, newName: null });
    }
  } else if (resource === 'table' && action === 'rename') {
    effects.push({ kind: 'step', step: 'rename-table', table, column: null, newName: text(expr, 'table') });
  } else if (resource === 'constraint' && action === 'add') {
    foreignKey(table, prop(expr, 'create_definitions') ?? expr, effects);
  }
}
