/**
 * Sequelize models: `sequelize.define('Order', attrs, { tableName })` on a Sequelize instance, `class Order extends
 * Model {}` + `Order.init(attrs, { tableName, sequelize })` and sequelize-typescript `@Table({ tableName })` classes
 * are tables (default name: the model name pluralized, as Sequelize does); `references: { model }`,
 * `@ForeignKey(() => Customer)`, `belongsTo`/`hasMany`/`hasOne` are foreign keys; model method calls
 * (`Order.findAll()`, `Order.create()`) are access. `Model` and decorators count only when imported from
 * `sequelize` or `sequelize-typescript`; a model imported from the repository counts only with a method no other
 * library names the same way (`findAll`, `findByPk`, `findAndCountAll`, `findOrCreate`, `bulkCreate`), and an
 * instance imported from the repository (`import { sequelize } from './db'`) only in a file importing `sequelize`.
 */
import type { TSESTree } from '@typescript-eslint/types';
import type { DbForeignKeyFact, Fact, TableRef } from '../../../types/index.js';
import type { Node } from '../ast.js';
import { argumentAt, keyName, methodCall, startOf, stringValue, unwrap } from '../ast.js';
import { at, EXTRACTOR_ID, type FileContext } from '../context.js';
import type { Scope } from '../scope.js';
import { isStable } from '../scope.js';
import { tableRef } from '../../sql/effects.js';
import { resolveDbClient } from './clients.js';

const PACKAGES = new Set(['sequelize', 'sequelize-typescript']);
const READS = new Set(['findAll', 'findOne', 'findByPk', 'findAndCountAll', 'count', 'max', 'min', 'sum', 'aggregate']);
const WRITES = new Set(['create', 'bulkCreate', 'update', 'destroy', 'upsert', 'increment', 'decrement', 'truncate', 'restore', 'findOrCreate']);
/** Methods distinctive enough to recognize a model imported from another module of the repository. */
const DISTINCTIVE = new Set(['findAll', 'findByPk', 'findAndCountAll', 'findOrCreate', 'bulkCreate']);

/** The file's model classes: class name → default or `@Table` table, and whether `@Table` declares it. */
export interface SequelizeIndex {
  classes: Map<string, { table: TableRef; node: TSESTree.ClassDeclaration; decorated: boolean }>;
  /** Tables given by the `Order.init(…, { tableName })` calls seen so far. */
  inits: Map<string, TableRef>;
  /** Whether the file imports `sequelize` or `sequelize-typescript` (then an imported instance may `define`). */
  importsSequelize: boolean;
}

/** Indexes the top-level classes extending `Model` (from `sequelize` or `sequelize-typescript`). */
export function sequelizeIndex(program: TSESTree.Program, scope: Scope): SequelizeIndex {
  const index: SequelizeIndex = { classes: new Map(), inits: new Map(), importsSequelize: false };
  for (const statement of program.body) {
    if (statement.type === 'ImportDeclaration' && PACKAGES.has(statement.source.value)) index.importsSequelize = true;
    const node = statement.type === 'ExportNamedDeclaration' || statement.type === 'ExportDefaultDeclaration' ? statement.declaration : statement;
    if (node?.type !== 'ClassDeclaration' || node.id === null || node.superClass === null) continue;
    if (!imported(node.superClass, scope, 'Model')) continue;
    const decorators = node.decorators ?? [];
    const table = decorators.map((d) => decoratorCall(d.expression, scope, 'Table')).find((c) => c !== null) ?? null;
    const options = table === null ? null : argumentAt(table, 0);
    const decorated = table !== null || decorators.some((d) => bareDecorator(d.expression, scope, 'Table') !== null);
    index.classes.set(node.id.name, { table: tableOf(options, node.id.name), node, decorated });
  }
  return index;
}

/** Table and foreign-key facts of the sequelize-typescript `@Table` classes. */
export function decoratedModelFacts(index: SequelizeIndex, scope: Scope, context: FileContext): Fact[] {
  const facts: Fact[] = [];
  for (const [name, { table, node, decorated }] of index.classes) {
    if (!decorated) continue;
    const columns: string[] = [];
    const keys: Fact[] = [];
    for (const member of node.body.body) {
      if (member.type !== 'PropertyDefinition') continue;
      const property = keyName(member.key, member.computed);
      const decorators = member.decorators ?? [];
      const column = decorators.map((d) => decoratorCall(d.expression, scope, 'Column') ?? bareDecorator(d.expression, scope, 'Column')).find((c) => c !== null);
      if (property === null || column === undefined || column === null) continue;
      const field = column.type === 'CallExpression' ? option(argumentAt(column, 0), 'field') : null;
      const columnName = (field === null ? null : stringValue(field)) ?? property;
      columns.push(columnName);
      const foreign = decorators.map((d) => decoratorCall(d.expression, scope, 'ForeignKey')).find((c) => c !== null);
      const arrow = foreign === undefined || foreign === null ? null : argumentAt(foreign, 0);
      const fn = arrow === null ? null : unwrap(arrow);
      const target = fn?.type === 'ArrowFunctionExpression' && fn.body.type === 'Identifier' ? fn.body.name : null;
      if (target !== null) keys.push(key(table, index.classes.get(target)?.table ?? tableRef(null, plural(target)), columnName, target, member, context));
    }
    facts.push({ kind: 'db-table', source: 'sequelize', table, columns, database: null, model: name, location: at(context, startOf(node)), extractor: EXTRACTOR_ID }, ...keys);
  }
  return facts;
}

/** Facts of one call: `define`, `Model.init`, associations and model method calls. */
export function sequelizeCallFacts(call: TSESTree.CallExpression, scope: Scope, context: FileContext, index: SequelizeIndex): Fact[] {
  const method = methodCall(call);
  if (method === null) return [];
  const receiver = unwrap(method.receiver);
  if (method.name === 'define') {
    const first = argumentAt(call, 0);
    const name = first === null ? null : stringValue(first);
    if (!isInstance(receiver, scope, index) || name === null) return [];
    return modelFacts(call, name, tableOf(argumentAt(call, 2), name), argumentAt(call, 1), context);
  }
  const model = modelOf(receiver, scope, index);
  if (model === null) return [];
  if (method.name === 'init' && model.local) {
    const options = argumentAt(call, 1);
    const modelName = option(options, 'modelName');
    const table = tableOf(options, (modelName === null ? null : stringValue(modelName)) ?? model.name);
    index.inits.set(model.name, table);
    return modelFacts(call, model.name, table, argumentAt(call, 0), context);
  }
  if (/^(?:belongsTo|hasMany|hasOne)$/.test(method.name)) {
    const first = argumentAt(call, 0);
    const other = first === null ? null : modelOf(first, scope, index);
    if (other === null) return [];
    const [from, to] = method.name === 'belongsTo' ? [model, other] : [other, model];
    if (from.table === null) return [];
    const foreignKey = option(argumentAt(call, 1), 'foreignKey');
    const named = foreignKey === null ? null : option(foreignKey, 'name');
    const given = foreignKey === null ? null : (stringValue(foreignKey) ?? (named === null ? null : stringValue(named)));
    const column = given ?? `${to.name.charAt(0).toLowerCase()}${to.name.slice(1)}Id`;
    return [key(from.table, to.table ?? tableRef(null, plural(to.name)), column, to.name, call, context)];
  }
  const write = WRITES.has(method.name);
  if (!write && !READS.has(method.name)) return [];
  if (!model.local && !DISTINCTIVE.has(method.name)) return [];
  return [
    {
      kind: 'db-access',
      client: 'sequelize',
      table: model.table ?? tableRef(null, plural(model.name)),
      operation: write ? 'write' : 'read',
      columns: [],
      model: model.name,
      location: at(context, startOf(call)),
      extractor: EXTRACTOR_ID,
    },
  ];
}

/** The model an expression is: a `define` result, a model class of the file, or a binding imported from the repository. */
function modelOf(expression: Node, scope: Scope, index: SequelizeIndex, depth = 0): { name: string; table: TableRef | null; local: boolean } | null {
  const node = unwrap(expression);
  const define = node.type === 'CallExpression' ? methodCall(node) : null;
  if (node.type === 'CallExpression' && define?.name === 'define') {
    const first = argumentAt(node, 0);
    const name = first === null ? null : stringValue(first);
    return isInstance(define.receiver, scope, index) && name !== null ? { name, table: tableOf(argumentAt(node, 2), name), local: true } : null;
  }
  if (node.type !== 'Identifier' || depth > 8) return null;
  const known = index.classes.get(node.name);
  const binding = scope.lookup(node.name);
  if (known !== undefined && binding?.kind === 'other') return { name: node.name, table: known.decorated ? known.table : (index.inits.get(node.name) ?? null), local: true };
  if (binding?.kind === 'import' && fromRepository(binding.specifier) && binding.imported !== '*') {
    return { name: binding.imported === 'default' ? node.name : binding.imported, table: null, local: false };
  }
  if (binding?.kind !== 'variable' || binding.init === null || binding.path?.length !== 0 || !isStable(binding)) return null;
  return modelOf(binding.init, binding.scope, index, depth + 1);
}

/** A Sequelize instance: made or typed from `sequelize`, or imported from the repository by a file importing `sequelize`. */
function isInstance(receiver: Node, scope: Scope, index: SequelizeIndex): boolean {
  const client = resolveDbClient(receiver, scope);
  if (client !== null) return client.kind === 'sql' && client.family === 'sequelize';
  const node = unwrap(receiver);
  const binding = node.type === 'Identifier' ? scope.lookup(node.name) : null;
  return index.importsSequelize && binding?.kind === 'import' && fromRepository(binding.specifier);
}

function fromRepository(specifier: string): boolean {
  return /^(?:\.|@\/|~\/)/.test(specifier);
}

function modelFacts(call: TSESTree.CallExpression, model: string, table: TableRef, attributes: Node | null, context: FileContext): Fact[] {
  const object = attributes === null ? null : unwrap(attributes);
  const columns: string[] = [];
  const keys: Fact[] = [];
  for (const property of object?.type === 'ObjectExpression' ? object.properties : []) {
    if (property.type !== 'Property') continue;
    const name = keyName(property.key, property.computed);
    if (name === null) continue;
    const field = option(property.value, 'field');
    const column = (field === null ? null : stringValue(field)) ?? name;
    columns.push(column);
    const references = option(property.value, 'references');
    const target = references === null ? null : option(references, 'model');
    const value = target === null ? null : unwrap(target);
    if (value?.type === 'Identifier') keys.push(key(table, tableRef(null, plural(value.name)), column, value.name, property, context));
    else if (value !== null) keys.push(key(table, tableOf(value, ''), column, undefined, property, context));
  }
  return [{ kind: 'db-table', source: 'sequelize', table, columns, database: null, model, location: at(context, startOf(call)), extractor: EXTRACTOR_ID }, ...keys];
}

function key(from: TableRef, to: TableRef, column: string, toModel: string | undefined, node: Node, context: FileContext): Fact {
  const fact: DbForeignKeyFact = { kind: 'db-foreign-key', source: 'sequelize', from, to, columns: [column], database: null, location: at(context, startOf(node)), extractor: EXTRACTOR_ID };
  if (toModel !== undefined) fact.toModel = toModel;
  return fact;
}

/** `'orders'`, `{ tableName: 'orders', schema: 'sales' }`, else the model name pluralized. */
function tableOf(node: Node | null, model: string): TableRef {
  const direct = node === null ? null : stringValue(node);
  if (direct !== null) return tableRef(null, direct);
  const name = option(node, 'tableName');
  const schema = option(node, 'schema');
  const tableName = name === null ? null : stringValue(name);
  const freeze = option(node, 'freezeTableName');
  const frozen = freeze !== null && keyValue(freeze) === true;
  return tableRef(schema === null ? null : stringValue(schema), tableName ?? (frozen ? model : plural(model)));
}

function keyValue(node: Node): unknown {
  const value = unwrap(node);
  return value.type === 'Literal' ? value.value : undefined;
}

/** Sequelize's default table name: `Order` → `Orders`, `Category` → `Categories`, `Box` → `Boxes`. */
function plural(name: string): string {
  if (/[^aeiou]y$/i.test(name)) return `${name.slice(0, -1)}ies`;
  if (/(?:s|x|z|ch|sh)$/i.test(name)) return `${name}es`;
  return `${name}s`;
}

function option(node: Node | null, name: string): Node | null {
  const object = node === null ? null : unwrap(node);
  if (object?.type !== 'ObjectExpression') return null;
  for (const property of object.properties) {
    if (property.type === 'Property' && keyName(property.key, property.computed) === name) return property.value;
  }
  return null;
}

function imported(node: Node, scope: Scope, name: string): boolean {
  const value = unwrap(node);
  const binding = value.type === 'Identifier' ? scope.lookup(value.name) : null;
  return binding?.kind === 'import' && PACKAGES.has(binding.specifier) && binding.imported === name;
}

/** `@Name(…)` with `Name` imported from sequelize-typescript. */
function decoratorCall(expression: Node, scope: Scope, name: string): TSESTree.CallExpression | null {
  const node = unwrap(expression);
  return node.type === 'CallExpression' && imported(node.callee, scope, name) ? node : null;
}

/** `@Name` without a call. */
function bareDecorator(expression: Node, scope: Scope, name: string): Node | null {
  return unwrap(expression).type === 'Identifier' && imported(expression, scope, name) ? expression : null;
}
