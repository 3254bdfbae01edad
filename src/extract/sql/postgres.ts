/** libpg-query parse trees → {@link SqlEffect}s: CREATE/ALTER/DROP/RENAME and SELECT/INSERT/UPDATE/DELETE. */
import { items, prop, tableRef, text, type SqlEffect } from './effects.js';
import type { TableRef } from '../../types/index.js';

/** Effects of one parsed PostgreSQL statement (`stmts[i].stmt`). */
export function postgresEffects(stmt: unknown): SqlEffect[] {
  const effects: SqlEffect[] = [];
  const create = prop(stmt, 'CreateStmt');
  if (create !== undefined) createTable(create, effects);
  const alter = prop(stmt, 'AlterTableStmt');
  if (alter !== undefined && text(alter, 'objtype') === 'OBJECT_TABLE') alterTable(alter, effects);
  const rename = prop(stmt, 'RenameStmt');
  if (rename !== undefined) renameStmt(rename, effects);
  const drop = prop(stmt, 'DropStmt');
  if (drop !== undefined && text(drop, 'removeType') === 'OBJECT_TABLE') {
    for (const object of items(drop, 'objects')) {
      const names = items(prop(object, 'List'), 'items').map((item) => text(prop(item, 'String'), 'sval') ?? '');
      const name = names[names.length - 1];
      if (name === undefined || name === '') continue;
      const table = tableRef(names.length > 1 ? (names[names.length - 2] ?? null) : null, name);
      effects.push({ kind: 'step', step: 'drop-table', table, column: null, newName: null });
    }
  }
  for (const [key, operation] of [
    ['SelectStmt', 'read'],
    ['InsertStmt', 'write'],
    ['UpdateStmt', 'write'],
    ['DeleteStmt', 'write'],
  ] as const) {
    const node = prop(stmt, key);
    if (node !== undefined) access(node, operation, effects);
  }
  return effects;
}

function relation(node: unknown): TableRef | null {
  const name = text(node, 'relname');
  return name === null ? null : tableRef(text(node, 'schemaname'), name);
}

function createTable(create: unknown, effects: SqlEffect[]): void {
  const table = relation(prop(create, 'relation'));
  if (table === null) return;
  const columns: string[] = [];
  const keys: SqlEffect[] = [];
  for (const element of items(create, 'tableElts')) {
    const column = prop(element, 'ColumnDef');
    if (column !== undefined) {
      const name = text(column, 'colname');
      if (name !== null) columns.push(name);
      for (const constraint of items(column, 'constraints')) foreignKey(table, prop(constraint, 'Constraint'), name, keys);
    }
    foreignKey(table, prop(element, 'Constraint'), null, keys);
  }
  effects.push({ kind: 'create-table', table, columns }, ...keys);
}

function foreignKey(from: TableRef, constraint: unknown, column: string | null, effects: SqlEffect[]): void {
  if (text(constraint, 'contype') !== 'CONSTR_FOREIGN') return;
  const to = relation(prop(constraint, 'pktable'));
  if (to === null) return;
  const columns = items(constraint, 'fk_attrs').map((attr) => text(prop(attr, 'String'), 'sval') ?? '');
  const location = prop(constraint, 'location');
  const key: SqlEffect = { kind: 'foreign-key', from, to, columns: column === null ? columns : [column] };
  // The constraint's own offset puts the finding on the REFERENCES line, not the statement's first line.
  if (typeof location === 'number' && location >= 0) key.at = location;
  effects.push(key);
}

function alterTable(alter: unknown, effects: SqlEffect[]): void {
  const table = relation(prop(alter, 'relation'));
  if (table === null) return;
  for (const entry of items(alter, 'cmds')) {
    const cmd = prop(entry, 'AlterTableCmd');
    const subtype = text(cmd, 'subtype');
    const column = text(cmd, 'name');
    const step = (kind: SqlEffect & { kind: 'step' }): void => void effects.push(kind);
    if (subtype === 'AT_DropColumn') step({ kind: 'step', step: 'drop-column', table, column, newName: null });
    else if (subtype === 'AT_SetNotNull') step({ kind: 'step', step: 'set-not-null', table, column, newName: null });
    else if (subtype === 'AT_AlterColumnType') {
      step({ kind: 'step', step: 'alter-column-type', table, column, newName: null });
    } else if (subtype === 'AT_AddColumn') {
      const def = prop(prop(cmd, 'def'), 'ColumnDef');
      const types = items(def, 'constraints').map((c) => text(prop(c, 'Constraint'), 'contype'));
      // NOT NULL without DEFAULT fails on a non-empty table, and old code inserting rows without it breaks.
      if (types.includes('CONSTR_NOTNULL') && !types.includes('CONSTR_DEFAULT')) {
        step({ kind: 'step', step: 'add-column-not-null', table, column: text(def, 'colname'), newName: null });
      }
      for (const constraint of items(def, 'constraints')) {
        foreignKey(table, prop(constraint, 'Constraint'), text(def, 'colname'), effects);
      }
    } else if (subtype === 'AT_AddConstraint') {
      foreignKey(table, prop(prop(cmd, 'def'), 'Constraint'), null, effects);
    }
  }
}

function renameStmt(rename: unknown, effects: SqlEffect[]): void {
  const table = relation(prop(rename, 'relation'));
  if (table === null) return;
  const renameType = text(rename, 'renameType');
  const newName = text(rename, 'newname');
  if (renameType === 'OBJECT_COLUMN') {
    effects.push({ kind: 'step', step: 'rename-column', table, column: text(rename, 'subname'), newName });
  } else if (renameType === 'OBJECT_TABLE') {
    effects.push({ kind: 'step', step: 'rename-table', table, column: null, newName });
  }
}

/** Tables in FROM/JOIN/INTO plus every column reference, collected by a bounded walk of the tree. */
function access(node: unknown, operation: 'read' | 'write', effects: SqlEffect[]): void {
  const tables: TableRef[] = [];
  const columns = new Set<string>();
  const aliases = new Set<string>();
  const stack: unknown[] = [node];
  let budget = 20_000;
  while (stack.length > 0 && budget-- > 0) {
    const current = stack.pop();
    if (Array.isArray(current)) {
      stack.push(...current);
      continue;
    }
    if (typeof current !== 'object' || current === null) continue;
    const rangeVar = prop(current, 'RangeVar') ?? prop(current, 'relation');
    const table = relation(rangeVar);
    if (table !== null) tables.push(table);
    const alias = text(prop(rangeVar, 'alias'), 'aliasname');
    if (alias !== null) aliases.add(alias);
    const cte = text(prop(current, 'CommonTableExpr'), 'ctename');
    if (cte !== null) aliases.add(cte);
    const ref = prop(current, 'ColumnRef');
    if (ref !== undefined) {
      const fields = items(ref, 'fields').map((field) => text(prop(field, 'String'), 'sval'));
      const last = fields[fields.length - 1];
      if (typeof last === 'string') columns.add(last);
    }
    const target = prop(current, 'ResTarget');
    const targetName = text(target, 'name');
    if (targetName !== null && operation === 'write') columns.add(targetName);
    for (const value of Object.values(current)) if (typeof value === 'object') stack.push(value);
  }
  const seen = new Set<string>();
  for (const table of tables) {
    const key = `${table.schema ?? ''}.${table.name}`;
    if (seen.has(key) || (table.schema === null && aliases.has(table.name))) continue;
    seen.add(key);
    effects.push({ kind: 'access', table, operation, columns: [...columns].sort() });
  }
}
