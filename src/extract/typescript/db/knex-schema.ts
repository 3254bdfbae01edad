/**
 * Knex schema builders in migrations: `createTable('t', (t) => { … })` gives a table with columns and foreign keys,
 * `alterTable`/`table` give risky steps (`dropColumn`, `renameColumn`, `.alter()`, NOT NULL without default),
 * `dropTable`, `renameTable` end or move a table.
 */
import type { TSESTree } from '@typescript-eslint/types';
import type { Evidence, Fact, TableRef } from '../../../types/index.js';
import type { Node } from '../ast.js';
import { argumentAt, childNodes, methodCall, stringValue, unwrap } from '../ast.js';
import { tableRef } from '../../sql/effects.js';
import { EXTRACTOR_ID } from '../context.js';

/** Table-level methods that take no column name as first argument. */
const NOT_COLUMNS = new Set([
  'foreign', 'primary', 'unique', 'index', 'dropForeign', 'dropIndex', 'dropPrimary', 'dropUnique', 'dropTimestamps',
  'timestamps', 'engine', 'charset', 'collate', 'comment', 'inherits', 'check', 'dropColumn', 'dropColumns',
  'renameColumn', 'setNullable', 'dropNullable',
]);

interface Link {
  name: string;
  call: TSESTree.CallExpression;
}

/** Facts for one `schema.<method>(…)` call, with `schemaName` from `withSchema` when given. */
export function knexSchemaFacts(
  method: string,
  call: TSESTree.CallExpression,
  schemaName: string | null,
  at: (node: Node) => Evidence,
): Fact[] {
  const name = stringOf(argumentAt(call, 0));
  if (name === null) return [];
  const table = tableRef(schemaName, name);
  const location = at(call);
  const base = { extractor: EXTRACTOR_ID, database: null };
  if (method === 'dropTable' || method === 'dropTableIfExists') {
    return [{ kind: 'db-migration-step', step: 'drop-table', table, column: null, newName: null, location, ...base }];
  }
  if (method === 'renameTable') {
    return [{ kind: 'db-migration-step', step: 'rename-table', table, column: null, newName: stringOf(argumentAt(call, 1)), location, ...base }];
  }
  const creating = method === 'createTable' || method === 'createTableIfNotExists';
  if (!creating && method !== 'alterTable' && method !== 'table') return [];
  const callback = argumentAt(call, 1);
  const facts: Fact[] = [];
  const columns: string[] = [];
  for (const chain of chainsIn(callback)) {
    const first = chain[0];
    if (first === undefined) continue;
    const names = new Set(chain.map((link) => link.name));
    const column = NOT_COLUMNS.has(first.name) ? null : stringOf(argumentAt(first.call, 0));
    const here = at(first.call);
    if (first.name === 'timestamps') columns.push('created_at', 'updated_at');
    if (column !== null) columns.push(column);
    const step = (kind: 'drop-column' | 'rename-column' | 'add-column-not-null' | 'alter-column-type' | 'set-not-null', col: string | null, newName: string | null = null): void => {
      facts.push({ kind: 'db-migration-step', step: kind, table, column: col, newName, location: here, ...base });
    };
    if (!creating) {
      if (first.name === 'dropColumn' || first.name === 'dropColumns') {
        for (const argument of first.call.arguments) step('drop-column', stringOf(argument));
      } else if (first.name === 'renameColumn') {
        step('rename-column', stringOf(argumentAt(first.call, 0)), stringOf(argumentAt(first.call, 1)));
      } else if (first.name === 'dropNullable') {
        step('set-not-null', stringOf(argumentAt(first.call, 0)));
      } else if (column !== null && names.has('alter')) {
        step(names.has('notNullable') ? 'set-not-null' : 'alter-column-type', column);
      } else if (column !== null && names.has('notNullable') && !names.has('defaultTo')) {
        step('add-column-not-null', column);
      }
    }
    const target = foreignTarget(chain);
    if (target !== null) {
      const local = first.name === 'foreign' ? stringOf(argumentAt(first.call, 0)) : column;
      facts.push({ kind: 'db-foreign-key', source: 'knex', from: table, to: target, columns: local === null ? [] : [local], location: here, ...base });
    }
  }
  if (creating) facts.unshift({ kind: 'db-table', source: 'knex', table, columns, location, ...base });
  return facts;
}

/** `.references('customers.id')` or `.references('id').inTable('customers')`. */
function foreignTarget(chain: readonly Link[]): TableRef | null {
  const references = chain.find((link) => link.name === 'references');
  if (references === undefined) return null;
  const inTable = chain.find((link) => link.name === 'inTable');
  const tableName = inTable === undefined ? null : stringOf(argumentAt(inTable.call, 0));
  if (tableName !== null) return splitName(tableName);
  const column = stringOf(argumentAt(references.call, 0));
  const dot = column === null ? -1 : column.lastIndexOf('.');
  return column === null || dot <= 0 ? null : splitName(column.slice(0, dot));
}

function splitName(name: string): TableRef {
  const dot = name.indexOf('.');
  return dot === -1 ? tableRef(null, name) : tableRef(name.slice(0, dot), name.slice(dot + 1));
}

/** Method chains rooted at the callback's first parameter, innermost call first (`t.uuid('x').notNullable()`). */
function chainsIn(callback: Node | null): Link[][] {
  if (callback === null) return [];
  const fn = unwrap(callback);
  if (fn.type !== 'ArrowFunctionExpression' && fn.type !== 'FunctionExpression') return [];
  const param = fn.params[0];
  if (param?.type !== 'Identifier') return [];
  const chains: Link[][] = [];
  const consumed = new Set<Node>();
  const stack: Node[] = [fn.body];
  let budget = 50_000;
  while (stack.length > 0 && budget-- > 0) {
    const node = stack.pop();
    if (node === undefined) continue;
    if (node.type === 'CallExpression' && !consumed.has(node)) {
      const chain = chainOf(node, param.name, consumed);
      if (chain !== null) chains.push(chain);
    }
    const children = childNodes(node);
    for (let i = children.length - 1; i >= 0; i--) {
      const child = children[i];
      if (child !== undefined) stack.push(child);
    }
  }
  return chains;
}

function chainOf(top: TSESTree.CallExpression, root: string, consumed: Set<Node>): Link[] | null {
  const links: Link[] = [];
  let node: Node = top;
  for (let guard = 0; guard < 64; guard++) {
    if (node.type !== 'CallExpression') break;
    const method = methodCall(node);
    if (method === null) return null;
    links.unshift({ name: method.name, call: node });
    consumed.add(node);
    node = unwrap(method.receiver);
  }
  return node.type === 'Identifier' && node.name === root && links.length > 0 ? links : null;
}

function stringOf(node: Node | null | undefined): string | null {
  return node === null || node === undefined || node.type === 'SpreadElement' ? null : stringValue(node);
}
