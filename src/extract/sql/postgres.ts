/** libpg-query parse trees → {@link SqlEffect}s: CREATE/ALTER/DROP/RENAME and SELECT/INSERT/UPDATE/DELETE. */
import { items, prop, text, type SqlEffect } from './effects.js';
import { alterTableActions, spanAt, type Span } from './clauses.js';
import type { MigrationStepKind, TableRef } from '../../types/index.js';

/**
 * The text libpg-query read. Its `location`s count UTF-8 bytes; a comment or default with `é` before a clause would
 * shift every later clause, so offsets go through {@link PgSource.offset}. Names need no folding here: PostgreSQL's
 * scanner has lower-cased unquoted identifiers and kept quoted ones, as the server does.
 */
export class PgSource {
  private readonly ascii: boolean;
  private chars: Int32Array | null = null;

  constructor(readonly sql: string) {
    // eslint-disable-next-line no-control-regex
    this.ascii = /^[\u0000-\u007f]*$/.test(sql);
  }

  /** String offset of a byte offset. */
  offset(byte: number): number {
    if (this.ascii) return byte;
    this.chars ??= charOfByte(this.sql);
    return this.chars[Math.min(Math.max(byte, 0), this.chars.length - 1)] ?? 0;
  }

  /** String offset of a node's `location`, or null when it has none (`-1` means unknown). */
  location(node: unknown): number | null {
    const value = prop(node, 'location');
    return typeof value === 'number' && value >= 0 ? this.offset(value) : null;
  }
}

/** For each UTF-8 byte offset of `sql`, the string offset of the character it belongs to (one pass). */
function charOfByte(sql: string): Int32Array {
  const chars = new Int32Array(Buffer.byteLength(sql, 'utf8') + 1);
  let byte = 0;
  for (let i = 0; i < sql.length; i++) {
    const code = sql.charCodeAt(i);
    const pair = code >= 0xd800 && code < 0xdc00 && (sql.charCodeAt(i + 1) & 0xfc00) === 0xdc00;
    const width = code < 0x80 ? 1 : code < 0x800 ? 2 : pair ? 4 : 3;
    chars.fill(i, byte, byte + width);
    byte += width;
    if (pair) i++;
  }
  chars[byte] = sql.length;
  return chars;
}

/** Effects of one parsed PostgreSQL statement (`stmts[i].stmt`), which spans `range` (string offsets) of `source`. */
export function postgresEffects(stmt: unknown, source: PgSource, range: Span): SqlEffect[] {
  const effects: SqlEffect[] = [];
  const create = prop(stmt, 'CreateStmt');
  if (create !== undefined) createTable(create, effects, source);
  const alter = prop(stmt, 'AlterTableStmt');
  if (alter !== undefined && text(alter, 'objtype') === 'OBJECT_TABLE') alterTable(alter, effects, source, range);
  const rename = prop(stmt, 'RenameStmt');
  if (rename !== undefined) renameStmt(rename, effects);
  const drop = prop(stmt, 'DropStmt');
  if (drop !== undefined && text(drop, 'removeType') === 'OBJECT_TABLE') {
    for (const object of items(drop, 'objects')) {
      const names = items(prop(object, 'List'), 'items').map((item) => text(prop(item, 'String'), 'sval') ?? '');
      const name = names[names.length - 1];
      if (name === undefined || name === '') continue;
      const table = { schema: names.length > 1 ? (names[names.length - 2] ?? null) : null, name };
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
  return name === null ? null : { schema: text(node, 'schemaname'), name };
}

function createTable(create: unknown, effects: SqlEffect[], source: PgSource): void {
  const table = relation(prop(create, 'relation'));
  if (table === null) return;
  const columns: string[] = [];
  const keys: SqlEffect[] = [];
  for (const element of items(create, 'tableElts')) {
    const column = prop(element, 'ColumnDef');
    if (column !== undefined) {
      const name = text(column, 'colname');
      if (name !== null) columns.push(name);
      for (const constraint of items(column, 'constraints')) foreignKey(table, prop(constraint, 'Constraint'), name, keys, source);
    }
    foreignKey(table, prop(element, 'Constraint'), null, keys, source);
  }
  effects.push({ kind: 'create-table', table, columns }, ...keys);
}

/** A foreign key at its constraint's own offset (the `REFERENCES` or `CONSTRAINT` keyword), else at `fallback`. */
function foreignKey(from: TableRef, constraint: unknown, column: string | null, effects: SqlEffect[], source: PgSource, fallback?: number): void {
  if (text(constraint, 'contype') !== 'CONSTR_FOREIGN') return;
  const to = relation(prop(constraint, 'pktable'));
  if (to === null) return;
  const columns = items(constraint, 'fk_attrs').map((attr) => text(prop(attr, 'String'), 'sval') ?? '');
  const key: SqlEffect = { kind: 'foreign-key', from, to, columns: column === null ? columns : [column] };
  const at = source.location(constraint) ?? fallback;
  if (at !== undefined) key.at = at;
  effects.push(key);
}

/**
 * Each command of `ALTER TABLE` is located at its own action: libpg-query gives commands no offset, so the actions
 * are found in the text (one per command, in order). Should the counts ever differ, the offset of the command's
 * column definition or constraint picks the action that holds it.
 */
function alterTable(alter: unknown, effects: SqlEffect[], source: PgSource, range: Span): void {
  const table = relation(prop(alter, 'relation'));
  if (table === null) return;
  const cmds = items(alter, 'cmds');
  const shift = (span: Span): Span => ({ start: span.start + range.start, end: span.end + range.start });
  const actions = alterTableActions(source.sql.slice(range.start, range.end), 'postgres').map(shift);
  cmds.forEach((entry, index) => {
    const cmd = prop(entry, 'AlterTableCmd');
    const subtype = text(cmd, 'subtype');
    const column = text(cmd, 'name');
    const def = prop(cmd, 'def');
    const hint = source.location(prop(def, 'ColumnDef')) ?? source.location(prop(def, 'Constraint'));
    const at = actions.length === cmds.length ? actions[index]?.start : hint === null ? undefined : (spanAt(actions, hint)?.start ?? hint);
    const step = (kind: MigrationStepKind, name: string | null): void => {
      const effect: SqlEffect = { kind: 'step', step: kind, table, column: name, newName: null };
      if (at !== undefined) effect.at = at;
      effects.push(effect);
    };
    if (subtype === 'AT_DropColumn') step('drop-column', column);
    else if (subtype === 'AT_SetNotNull') step('set-not-null', column);
    else if (subtype === 'AT_AlterColumnType') step('alter-column-type', column);
    else if (subtype === 'AT_AddColumn') {
      const columnDef = prop(def, 'ColumnDef');
      const name = text(columnDef, 'colname');
      const types = items(columnDef, 'constraints').map((c) => text(prop(c, 'Constraint'), 'contype'));
      // NOT NULL without DEFAULT fails on a non-empty table, and old code inserting rows without it breaks.
      if (types.includes('CONSTR_NOTNULL') && !types.includes('CONSTR_DEFAULT')) step('add-column-not-null', name);
      for (const constraint of items(columnDef, 'constraints')) foreignKey(table, prop(constraint, 'Constraint'), name, effects, source, at);
    } else if (subtype === 'AT_AddConstraint') {
      foreignKey(table, prop(def, 'Constraint'), null, effects, source, at);
    }
  });
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
