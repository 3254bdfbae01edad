/**
 * Drizzle ORM: `export const orders = pgTable('orders', { customerId: integer('customer_id').references(() =>
 * customers.id) })` (`pgTable`, `mysqlTable`, `sqliteTable` imported from `drizzle-orm/*-core`) is a table whose
 * model name is the variable, each `.references(() => t.col)` a foreign key; `db.select().from(orders)`,
 * `db.insert(orders)`, `db.update(orders)`, `db.delete(orders)` and `db.query.orders.findMany()` are access when
 * `db` is made by `drizzle(…)` from `drizzle-orm/*`, or is imported from the repository by a file that imports
 * `drizzle-orm`.
 */
import type { TSESTree } from '@typescript-eslint/types';
import type { Fact, TableRef } from '../../../types/index.js';
import type { Node } from '../ast.js';
import { argumentAt, keyName, memberName, methodCall, startOf, stringValue, unwrap } from '../ast.js';
import { at, EXTRACTOR_ID, type FileContext } from '../context.js';
import type { Scope } from '../scope.js';
import { isStable } from '../scope.js';
import { tableRef } from '../../sql/effects.js';

const TABLE_FACTORIES = new Set(['pgTable', 'mysqlTable', 'sqliteTable']);
const WRITES = new Set(['insert', 'update', 'delete']);

interface DrizzleTable {
  table: TableRef;
  call: TSESTree.CallExpression;
}

/** The file's Drizzle table variables and whether it imports `drizzle-orm` at all. */
export interface DrizzleIndex {
  tables: Map<string, DrizzleTable>;
  importsDrizzle: boolean;
}

/** Indexes the top-level `const x = pgTable(…)` declarations of `program`. */
export function drizzleIndex(program: TSESTree.Program, scope: Scope): DrizzleIndex {
  const index: DrizzleIndex = { tables: new Map(), importsDrizzle: false };
  for (const statement of program.body) {
    if (statement.type === 'ImportDeclaration' && /^drizzle-orm(?:\/|$)/.test(statement.source.value)) index.importsDrizzle = true;
    const node = statement.type === 'ExportNamedDeclaration' ? statement.declaration : statement;
    if (node?.type !== 'VariableDeclaration') continue;
    for (const declarator of node.declarations) {
      if (declarator.id.type !== 'Identifier' || declarator.init === null) continue;
      const call = unwrap(declarator.init);
      if (call.type !== 'CallExpression' || !isTableFactory(call.callee, scope)) continue;
      const first = argumentAt(call, 0);
      const name = first === null ? null : stringValue(first);
      if (name !== null) index.tables.set(declarator.id.name, { table: tableRef(schemaOf(call.callee, scope), name), call });
    }
  }
  return index;
}

/** Table and foreign-key facts of the indexed tables. */
export function drizzleTableFacts(index: DrizzleIndex, scope: Scope, context: FileContext): Fact[] {
  const facts: Fact[] = [];
  for (const [variable, { table, call }] of index.tables) {
    const columns: string[] = [];
    const keys: Fact[] = [];
    const shape = argumentAt(call, 1);
    const object = shape === null ? null : unwrap(shape);
    for (const property of object?.type === 'ObjectExpression' ? object.properties : []) {
      if (property.type !== 'Property') continue;
      const key = keyName(property.key, property.computed);
      if (key === null) continue;
      const { column, target } = columnChain(property.value);
      columns.push(column ?? key);
      if (target === null) continue;
      const known = index.tables.get(target);
      const binding = scope.lookup(target);
      const toModel = binding?.kind === 'import' && binding.imported !== 'default' ? binding.imported : target;
      keys.push({
        kind: 'db-foreign-key',
        source: 'drizzle',
        from: table,
        to: known?.table ?? tableRef(null, toModel),
        columns: [column ?? key],
        database: null,
        toModel,
        location: at(context, startOf(property)),
        extractor: EXTRACTOR_ID,
      });
    }
    facts.push(
      { kind: 'db-table', source: 'drizzle', table, columns, database: null, model: variable, location: at(context, startOf(call)), extractor: EXTRACTOR_ID },
      ...keys,
    );
  }
  return facts;
}

/** Access facts of one Drizzle query call, or none. */
export function drizzleAccessFacts(call: TSESTree.CallExpression, scope: Scope, context: FileContext, index: DrizzleIndex): Fact[] {
  const method = methodCall(call);
  if (method === null) return [];
  let target: Node | null = null;
  let write = false;
  const receiver = unwrap(method.receiver);
  if ((method.name === 'from' || method.name === 'leftJoin' || method.name === 'innerJoin') && receiver.type === 'CallExpression') {
    // `db.select(…).from(t)`: the chain must start at a Drizzle database.
    target = isDrizzleDb(chainRoot(receiver), scope, index) ? argumentAt(call, 0) : null;
  } else if (WRITES.has(method.name) && isDrizzleDb(receiver, scope, index)) {
    target = argumentAt(call, 0);
    write = true;
  } else if (receiver.type === 'MemberExpression' && /^find(?:Many|First)$/.test(method.name)) {
    // `db.query.orders.findMany()`.
    const query = unwrap(receiver.object);
    const model = memberName(receiver);
    if (query.type === 'MemberExpression' && memberName(query) === 'query' && model !== null && isDrizzleDb(query.object, scope, index)) {
      return [access(call, model, index.tables.get(model)?.table ?? tableRef(null, model), false, context)];
    }
  }
  const table = target === null ? null : unwrap(target);
  if (table?.type !== 'Identifier') return [];
  const known = index.tables.get(table.name);
  const binding = scope.lookup(table.name);
  if (known === undefined && binding?.kind !== 'import') return [];
  const model = binding?.kind === 'import' && binding.imported !== 'default' ? binding.imported : table.name;
  return [access(call, model, known?.table ?? tableRef(null, model), write, context)];
}

function access(call: TSESTree.CallExpression, model: string, table: TableRef, write: boolean, context: FileContext): Fact {
  return {
    kind: 'db-access',
    client: 'drizzle',
    table,
    operation: write ? 'write' : 'read',
    columns: [],
    model,
    location: at(context, startOf(call)),
    extractor: EXTRACTOR_ID,
  };
}

/** `db` made by `drizzle(…)` (imported from `drizzle-orm/*`), or imported from the repository by a Drizzle file. */
function isDrizzleDb(expression: Node, scope: Scope, index: DrizzleIndex, depth = 0): boolean {
  const node = unwrap(expression);
  if (depth > 8) return false;
  if (node.type === 'AwaitExpression') return isDrizzleDb(node.argument, scope, index, depth + 1);
  if (node.type === 'CallExpression') {
    const callee = unwrap(node.callee);
    const binding = callee.type === 'Identifier' ? scope.lookup(callee.name) : null;
    return binding?.kind === 'import' && binding.imported === 'drizzle' && binding.specifier.startsWith('drizzle-orm/');
  }
  if (node.type !== 'Identifier') return false;
  const binding = scope.lookup(node.name);
  if (binding?.kind === 'import') return index.importsDrizzle && /^(?:\.|@\/|~\/)/.test(binding.specifier);
  if (binding?.kind !== 'variable' || binding.init === null || binding.path?.length !== 0 || !isStable(binding)) return false;
  return isDrizzleDb(binding.init, binding.scope, index, depth + 1);
}

/** The object a method chain starts from: `db` of `db.select().from(t)`. */
function chainRoot(call: TSESTree.CallExpression): Node {
  let node: Node = call;
  for (let guard = 0; guard < 32; guard++) {
    if (node.type !== 'CallExpression') return node;
    const method = methodCall(node);
    if (method === null) return node;
    node = unwrap(method.receiver);
  }
  return node;
}

/** The column name (first string argument of the chain's innermost call) and the `.references(() => t.c)` table. */
function columnChain(value: Node): { column: string | null; target: string | null } {
  let node = unwrap(value);
  let target: string | null = null;
  for (let guard = 0; guard < 32 && node.type === 'CallExpression'; guard++) {
    const method = methodCall(node);
    if (method === null) {
      const first = argumentAt(node, 0);
      return { column: first === null ? null : stringValue(first), target };
    }
    if (method.name === 'references') {
      const arrow = argumentAt(node, 0);
      const fn = arrow === null ? null : unwrap(arrow);
      const body = fn?.type === 'ArrowFunctionExpression' ? unwrap(fn.body) : null;
      const object = body?.type === 'MemberExpression' ? unwrap(body.object) : null;
      if (object?.type === 'Identifier') target = object.name;
    }
    node = unwrap(method.receiver);
  }
  return { column: null, target };
}

/** `pgTable` imported from `drizzle-orm/pg-core` (any alias), or `sales.table` of a `pgSchema('sales')`. */
function isTableFactory(callee: Node, scope: Scope): boolean {
  const node = unwrap(callee);
  if (node.type === 'Identifier') {
    const binding = scope.lookup(node.name);
    return binding?.kind === 'import' && binding.specifier.startsWith('drizzle-orm/') && TABLE_FACTORIES.has(binding.imported);
  }
  return schemaOf(node, scope) !== null;
}

/** The schema of `sales.table(…)` when `sales = pgSchema('sales')` / `mysqlSchema('sales')`. */
function schemaOf(callee: Node, scope: Scope): string | null {
  const node = unwrap(callee);
  if (node.type !== 'MemberExpression' || memberName(node) !== 'table') return null;
  const object = unwrap(node.object);
  const binding = object.type === 'Identifier' ? scope.lookup(object.name) : null;
  if (binding?.kind !== 'variable' || binding.init === null) return null;
  const init = unwrap(binding.init);
  if (init.type !== 'CallExpression') return null;
  const factory = unwrap(init.callee);
  const imported = factory.type === 'Identifier' ? binding.scope.lookup(factory.name) : null;
  if (imported?.kind !== 'import' || !imported.specifier.startsWith('drizzle-orm/') || !/^(?:pg|mysql)Schema$/.test(imported.imported)) return null;
  const first = argumentAt(init, 0);
  return first === null ? null : stringValue(first);
}
