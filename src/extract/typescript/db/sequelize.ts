/**
 * Sequelize migrations (sequelize-cli `module.exports = { up(queryInterface, Sequelize) { … } }`, umzug
 * `export async function up({ context: queryInterface })`): `createTable` gives a table with its columns and
 * `references`, `removeColumn`/`renameColumn`/`changeColumn`/`addColumn` NOT NULL/`dropTable`/`renameTable` give
 * migration steps. The query interface is recognized by position (first parameter of the exported `up`), not name.
 */
import type { TSESTree } from '@typescript-eslint/types';
import type { Fact, MigrationStepKind, TableRef } from '../../../types/index.js';
import type { Node } from '../ast.js';
import { argumentAt, childNodes, keyName, memberName, methodCall, startOf, stringValue, unwrap } from '../ast.js';
import { at, EXTRACTOR_ID, type FileContext } from '../context.js';
import { tableRef } from '../../sql/effects.js';

type Fn = TSESTree.FunctionDeclaration | TSESTree.FunctionExpression | TSESTree.ArrowFunctionExpression;

/** Facts of the `up` migration of a Sequelize migration file, or nothing. */
export function sequelizeMigrationFacts(program: TSESTree.Program, context: FileContext): Fact[] {
  const up = findUp(program);
  if (up === null) return [];
  const name = queryInterfaceName(up);
  if (name === null) return [];
  const facts: Fact[] = [];
  const stack: Node[] = [up.body];
  let budget = 50_000;
  while (stack.length > 0 && budget-- > 0) {
    const node = stack.pop();
    if (node === undefined) continue;
    if (node.type === 'CallExpression') facts.push(...callFacts(node, name, context));
    stack.push(...childNodes(node));
  }
  return facts;
}

function callFacts(call: TSESTree.CallExpression, queryInterface: string, context: FileContext): Fact[] {
  const method = methodCall(call);
  const receiver = method === null ? null : unwrap(method.receiver);
  if (method === null || receiver?.type !== 'Identifier' || receiver.name !== queryInterface) return [];
  const table = tableOf(argumentAt(call, 0));
  if (table === null) return [];
  const location = at(context, startOf(call));
  const base = { extractor: EXTRACTOR_ID, database: null, location };
  const text = (index: number): string | null => {
    const node = argumentAt(call, index);
    return node === null ? null : stringValue(node);
  };
  const step = (kind: MigrationStepKind, column: string | null, newName: string | null = null): Fact[] => [
    { kind: 'db-migration-step', step: kind, table, column, newName, ...base },
  ];
  switch (method.name) {
    case 'createTable': {
      const columns = objectEntries(argumentAt(call, 1));
      const facts: Fact[] = [{ kind: 'db-table', source: 'sequelize', table, columns: columns.map(([column]) => column), ...base }];
      for (const [column, definition] of columns) {
        const target = referencedModel(definition);
        if (target !== null) facts.push({ kind: 'db-foreign-key', source: 'sequelize', from: table, to: target, columns: [column], ...base });
      }
      return facts;
    }
    case 'removeColumn':
      return step('drop-column', text(1));
    case 'renameColumn':
      return step('rename-column', text(1), text(2));
    case 'changeColumn':
      return step('alter-column-type', text(1));
    case 'dropTable':
      return step('drop-table', null);
    case 'renameTable':
      return step('rename-table', null, text(1));
    case 'addColumn': {
      const options = argumentAt(call, 2);
      const notNull = option(options, 'allowNull')?.type === 'Literal' && stringOrBool(option(options, 'allowNull')) === false;
      return notNull && option(options, 'defaultValue') === null ? step('add-column-not-null', text(1)) : [];
    }
    default:
      return [];
  }
}

/** `'orders'` or `{ tableName: 'orders', schema: 'sales' }`. */
function tableOf(node: Node | null): TableRef | null {
  if (node === null) return null;
  const direct = stringValue(node);
  if (direct !== null) return tableRef(null, direct);
  const name = option(node, 'tableName');
  const schema = option(node, 'schema');
  const tableName = name === null ? null : stringValue(name);
  return tableName === null ? null : tableRef(schema === null ? null : stringValue(schema), tableName);
}

function objectEntries(node: Node | null): [string, Node][] {
  const object = node === null ? null : unwrap(node);
  if (object?.type !== 'ObjectExpression') return [];
  return object.properties.flatMap((property): [string, Node][] => {
    if (property.type !== 'Property') return [];
    const key = keyName(property.key, property.computed);
    return key === null ? [] : [[key, property.value]];
  });
}

function option(node: Node | null, key: string): Node | null {
  return objectEntries(node).find(([name]) => name === key)?.[1] ?? null;
}

function stringOrBool(node: Node | null): string | boolean | null {
  const value = node === null ? null : unwrap(node);
  return value?.type === 'Literal' && (typeof value.value === 'string' || typeof value.value === 'boolean') ? value.value : null;
}

/** `references: { model: 'customers', key: 'id' }` or `references: { model: { tableName, schema } }`. */
function referencedModel(definition: Node): TableRef | null {
  const references = option(definition, 'references');
  const model = references === null ? null : option(references, 'model');
  return model === null ? null : tableOf(model);
}

/** The exported `up`: `module.exports = { up }`, `exports.up = …`, `export async function up`, `export const up`. */
function findUp(program: TSESTree.Program): Fn | null {
  for (const statement of program.body) {
    const node = statement.type === 'ExportNamedDeclaration' ? statement.declaration : statement;
    if (node === null || node === undefined) continue;
    if (node.type === 'FunctionDeclaration' && node.id?.name === 'up' && statement.type === 'ExportNamedDeclaration') return node;
    if (node.type === 'VariableDeclaration' && statement.type === 'ExportNamedDeclaration') {
      for (const declarator of node.declarations) {
        if (declarator.id.type === 'Identifier' && declarator.id.name === 'up' && declarator.init !== null) return asFn(declarator.init);
      }
    }
    if (node.type === 'ExpressionStatement' && node.expression.type === 'AssignmentExpression') {
      const { left, right } = node.expression;
      if (left.type !== 'MemberExpression') continue;
      if (memberName(left) === 'up') return asFn(right);
      if (memberName(left) === 'exports') {
        const up = option(right, 'up');
        if (up !== null) return asFn(up);
        const method = unwrap(right).type === 'ObjectExpression' ? methodUp(right) : null;
        if (method !== null) return method;
      }
    }
  }
  return null;
}

/** `{ async up(queryInterface) { … } }`: a method property. */
function methodUp(object: Node): Fn | null {
  const value = unwrap(object);
  if (value.type !== 'ObjectExpression') return null;
  for (const property of value.properties) {
    if (property.type === 'Property' && keyName(property.key, property.computed) === 'up') return asFn(property.value);
  }
  return null;
}

function asFn(node: Node): Fn | null {
  const value = unwrap(node);
  return value.type === 'FunctionExpression' || value.type === 'ArrowFunctionExpression' || value.type === 'FunctionDeclaration' ? value : null;
}

/** `up(queryInterface)` or umzug's `up({ context: queryInterface })`. */
function queryInterfaceName(fn: Fn): string | null {
  const first = fn.params[0];
  if (first?.type === 'Identifier') return first.name;
  if (first?.type === 'ObjectPattern') {
    for (const property of first.properties) {
      if (property.type === 'Property' && keyName(property.key, property.computed) === 'context' && property.value.type === 'Identifier') {
        return property.value.name;
      }
    }
  }
  return null;
}
