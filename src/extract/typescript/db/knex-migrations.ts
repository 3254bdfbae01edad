/**
 * Knex instances without a TypeScript type. The first parameter of a JavaScript Knex migration's exported `up`/`down`
 * (`exports.up = (knex) => …`, `module.exports = { up, down }`, `export async function up(knex)`) is one when the
 * file is a Knex migration: in a `migrations` folder, with a body that uses it as Knex (`knex.schema`, `knex.raw(…)`,
 * `knex('users')`); elsewhere (a knexfile may name any folder) only with a body that runs a schema builder
 * (`knex.schema.createTable(…)`). A parameter also used as a Sequelize query interface (`queryInterface.createTable`,
 * `queryInterface.sequelize`) never is. A JSDoc `@param {import('knex').Knex} db` (or `{Knex}`) marks any function's.
 */
import type { TSESTree } from '@typescript-eslint/types';
import type { Node } from '../ast.js';
import { childNodes, endOf, keyName, memberName, methodCall, startOf, unwrap } from '../ast.js';
import { patternNames } from '../patterns.js';
import type { Scope } from '../scope.js';
import { markKnexParam } from './clients.js';

type Fn = TSESTree.FunctionDeclaration | TSESTree.FunctionExpression | TSESTree.ArrowFunctionExpression;

/** A function whose parameter `name` holds a Knex instance. */
export interface KnexParam {
  name: string;
  /** Offsets of the function body. */
  start: number;
  end: number;
  /** Nested functions that declare `name` again, where it is something else. */
  shadows: [number, number][];
  /** Whether its binding has been marked (see {@link markKnexParams}). */
  marked: boolean;
}

const MIGRATION_DIR = /(?:^|\/)migrations\//i;
const MIGRATION_EXPORTS = new Set(['up', 'down']);
/** `knex.schema` methods a migration runs (see knex-schema.ts). */
const SCHEMA_METHODS = new Set([
  'createTable', 'createTableIfNotExists', 'alterTable', 'table', 'dropTable', 'dropTableIfExists', 'renameTable', 'withSchema', 'raw',
]);
/** Sequelize query-interface members (umzug and sequelize-cli migrations): a Knex instance has none of them. */
const QUERY_INTERFACE = new Set([
  'createTable', 'dropTable', 'renameTable', 'addColumn', 'removeColumn', 'changeColumn', 'renameColumn', 'addIndex',
  'removeIndex', 'addConstraint', 'removeConstraint', 'bulkInsert', 'bulkUpdate', 'bulkDelete', 'sequelize', 'createSchema',
]);
const KNEX_TYPE = /@param\s*\{\s*(?:import\(\s*(['"])knex\1\s*\)\s*\.\s*)?Knex(?:\s*\.\s*Transaction)?\s*\}\s*\[?\s*([A-Za-z_$][\w$]*)/g;
const JSDOC = /\/\*\*[\s\S]*?\*\//g;
const WALK_BUDGET = 50_000;

/** The Knex-instance parameters of the functions of `program` at repo-relative `path`. */
export function knexParams(program: TSESTree.Program, path: string, text: string): KnexParam[] {
  const found: KnexParam[] = [];
  const inFolder = MIGRATION_DIR.test(path);
  for (const fn of migrationFunctions(program)) {
    const param = fn.params[0];
    if (param?.type !== 'Identifier') continue;
    const use = usage(fn, param.name);
    if (use.queryInterface || !(inFolder ? use.knex : use.schemaBuilder)) continue;
    found.push({ name: param.name, start: startOf(fn.body), end: endOf(fn.body), shadows: use.shadows, marked: false });
  }
  for (const { fn, name } of documented(program, text)) {
    if (!fn.params.some((param) => param.type === 'Identifier' && param.name === name)) continue;
    found.push({ name, start: startOf(fn.body), end: endOf(fn.body), shadows: usage(fn, name).shadows, marked: false });
  }
  return found;
}

/** Marks the binding of each parameter that `scope`, at `offset` inside its function, sees as the parameter itself. */
export function markKnexParams(params: readonly KnexParam[], offset: number, scope: Scope): void {
  for (const param of params) {
    if (param.marked || offset < param.start || offset >= param.end) continue;
    if (param.shadows.some(([start, end]) => offset >= start && offset < end)) continue;
    const binding = scope.lookup(param.name);
    if (binding?.kind !== 'param') continue;
    markKnexParam(binding);
    param.marked = true;
  }
}

/** The exported `up` and `down` of a migration, in every CommonJS and ESM spelling. */
function migrationFunctions(program: TSESTree.Program): Fn[] {
  const found: Fn[] = [];
  const add = (node: Node | null | undefined): void => {
    const fn = node === null || node === undefined ? null : functionOf(node, program);
    if (fn !== null && !found.includes(fn)) found.push(fn);
  };
  const fromObject = (node: Node): void => {
    const object = unwrap(node);
    if (object.type !== 'ObjectExpression') return;
    for (const property of object.properties) {
      const key = property.type === 'Property' ? keyName(property.key, property.computed) : null;
      if (property.type === 'Property' && key !== null && MIGRATION_EXPORTS.has(key)) add(property.value);
    }
  };
  for (const statement of program.body) {
    if (statement.type === 'ExportNamedDeclaration') {
      const declaration = statement.declaration;
      if (declaration?.type === 'FunctionDeclaration' && MIGRATION_EXPORTS.has(declaration.id?.name ?? '')) add(declaration);
      if (declaration?.type === 'VariableDeclaration') {
        for (const declarator of declaration.declarations) {
          if (declarator.id.type === 'Identifier' && MIGRATION_EXPORTS.has(declarator.id.name)) add(declarator.init);
        }
      }
      for (const specifier of statement.specifiers) {
        const exported = specifier.exported.type === 'Identifier' ? specifier.exported.name : specifier.exported.value;
        if (statement.source === null && MIGRATION_EXPORTS.has(exported)) add(specifier.local);
      }
    } else if (statement.type === 'ExportDefaultDeclaration') {
      fromObject(statement.declaration);
    } else if (statement.type === 'ExpressionStatement' && statement.expression.type === 'AssignmentExpression') {
      const { left, right } = statement.expression;
      if (left.type !== 'MemberExpression') continue;
      const name = memberName(left);
      if (name !== null && MIGRATION_EXPORTS.has(name) && isExportsObject(left.object)) add(right);
      else if (name === 'exports' && isModule(left.object)) fromObject(right);
    }
  }
  return found;
}

/** `exports` or `module.exports`. */
function isExportsObject(node: Node): boolean {
  const value = unwrap(node);
  if (value.type === 'Identifier') return value.name === 'exports';
  return value.type === 'MemberExpression' && memberName(value) === 'exports' && isModule(value.object);
}

function isModule(node: Node): boolean {
  const value = unwrap(node);
  return value.type === 'Identifier' && value.name === 'module';
}

/** A function expression, or the top-level function or `const` a name refers to. */
function functionOf(node: Node, program: TSESTree.Program): Fn | null {
  const value = unwrap(node);
  if (value.type === 'FunctionExpression' || value.type === 'ArrowFunctionExpression' || value.type === 'FunctionDeclaration') return value;
  if (value.type !== 'Identifier') return null;
  for (const statement of program.body) {
    const declaration = statement.type === 'ExportNamedDeclaration' ? statement.declaration : statement;
    if (declaration?.type === 'FunctionDeclaration' && declaration.id?.name === value.name) return declaration;
    if (declaration?.type !== 'VariableDeclaration' || declaration.kind !== 'const') continue;
    for (const declarator of declaration.declarations) {
      if (declarator.id.type !== 'Identifier' || declarator.id.name !== value.name || declarator.init === null) continue;
      const init = unwrap(declarator.init);
      return init.type === 'FunctionExpression' || init.type === 'ArrowFunctionExpression' ? init : null;
    }
  }
  return null;
}

interface Usage {
  /** `p.schema`, `p.raw(…)` or `p(…)`. */
  knex: boolean;
  /** `p.schema.createTable(…)` and the other schema builders, also after `withSchema(…)`. */
  schemaBuilder: boolean;
  /** `p.createTable(…)`, `p.sequelize`, …: a Sequelize query interface. */
  queryInterface: boolean;
  shadows: [number, number][];
}

/** How the body of `fn` uses its parameter `name`; nested functions that redeclare it are skipped. */
function usage(fn: Fn, name: string): Usage {
  const use: Usage = { knex: false, schemaBuilder: false, queryInterface: false, shadows: [] };
  const isParam = (node: Node): boolean => {
    const value = unwrap(node);
    return value.type === 'Identifier' && value.name === name;
  };
  const stack: Node[] = [fn.body];
  let budget = WALK_BUDGET;
  while (stack.length > 0 && budget-- > 0) {
    const node = stack.pop();
    if (node === undefined) continue;
    if (isFunction(node) && node.params.some((param) => patternNames(param).some((entry) => entry.name === name))) {
      use.shadows.push([startOf(node), endOf(node)]);
      continue;
    }
    if (node.type === 'MemberExpression' && isParam(node.object)) {
      const member = memberName(node);
      if (member === 'schema') use.knex = true;
      if (member !== null && QUERY_INTERFACE.has(member)) use.queryInterface = true;
    }
    if (node.type === 'CallExpression') {
      const method = methodCall(node);
      if (method === null && isParam(node.callee)) use.knex = true;
      if (method?.name === 'raw' && isParam(method.receiver)) use.knex = true;
      if (method !== null && SCHEMA_METHODS.has(method.name) && isSchemaOf(method.receiver, isParam)) use.schemaBuilder = true;
    }
    stack.push(...childNodes(node));
  }
  return use;
}

/** `p.schema` or `p.schema.withSchema(…)`. */
function isSchemaOf(receiver: Node, isParam: (node: Node) => boolean): boolean {
  let node = unwrap(receiver);
  if (node.type === 'CallExpression') {
    const method = methodCall(node);
    if (method?.name !== 'withSchema') return false;
    node = unwrap(method.receiver);
  }
  return node.type === 'MemberExpression' && memberName(node) === 'schema' && isParam(node.object);
}

function isFunction(node: Node): node is Fn {
  return node.type === 'FunctionDeclaration' || node.type === 'FunctionExpression' || node.type === 'ArrowFunctionExpression';
}

/** Functions with a JSDoc block right before them (or before their statement) documenting a Knex parameter. */
function documented(program: TSESTree.Program, text: string): { fn: Fn; name: string }[] {
  if (!text.includes('Knex')) return [];
  // Offset of the code that follows each such block → the parameter names it documents.
  const after = new Map<number, string[]>();
  for (const block of text.matchAll(JSDOC)) {
    const names = [...block[0].matchAll(KNEX_TYPE)].flatMap((match) => (match[2] === undefined ? [] : [match[2]]));
    if (names.length === 0) continue;
    let next = block.index + block[0].length;
    while (next < text.length && /\s/.test(text.charAt(next))) next++;
    after.set(next, names);
  }
  if (after.size === 0) return [];
  const found: { fn: Fn; name: string }[] = [];
  const stack: Node[] = [program];
  let budget = WALK_BUDGET;
  while (stack.length > 0 && budget-- > 0) {
    const node = stack.pop();
    if (node === undefined) continue;
    const names = after.get(startOf(node));
    const fn = names === undefined ? null : documentedFunction(node);
    if (fn !== null && names !== undefined) {
      for (const name of names) found.push({ fn, name });
      after.delete(startOf(node));
    }
    stack.push(...childNodes(node));
  }
  return found;
}

/** The function a statement, declaration or property that a comment precedes defines. */
function documentedFunction(node: Node): Fn | null {
  switch (node.type) {
    case 'FunctionDeclaration':
    case 'FunctionExpression':
    case 'ArrowFunctionExpression':
      return node;
    case 'ExportNamedDeclaration':
    case 'ExportDefaultDeclaration':
      return node.declaration === null || node.declaration === undefined ? null : documentedFunction(node.declaration);
    case 'VariableDeclaration': {
      const init = node.declarations[0]?.init;
      return init === null || init === undefined ? null : documentedFunction(unwrap(init));
    }
    case 'ExpressionStatement':
      return node.expression.type === 'AssignmentExpression' ? documentedFunction(unwrap(node.expression.right)) : null;
    case 'Property':
    case 'MethodDefinition':
    case 'PropertyDefinition':
      return node.value === null ? null : documentedFunction(unwrap(node.value));
    default:
      return null;
  }
}
