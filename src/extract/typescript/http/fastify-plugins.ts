/**
 * fastify plugins registered in the same file with a prefix: `app.register(async (api) => { api.get(…) },
 * { prefix: '/v1' })`, or a `const`/function declaration of the file. Routes called on the plugin's first
 * parameter inside its body get the prefix (nested plugins add theirs).
 */
import type { TSESTree } from '@typescript-eslint/types';
import type { Node } from '../ast.js';
import { argumentAt, endOf, methodCall, startOf, stringValue, unwrap } from '../ast.js';
import { propertyNode } from '../messaging/facts.js';
import { newBudget, resolveRef } from '../resolve.js';
import type { Scope } from '../scope.js';

/** A registered plugin: its function's range and first parameter, or its declaration's name until placed. */
export interface FastifyPlugin {
  range: { start: number; end: number; param: string } | { name: string };
  prefix: string;
  /** Where `register` was called, and on which name (plugins nest). */
  offset: number;
  receiver: string | null;
}

type Placed = FastifyPlugin & { range: { start: number; end: number; param: string } };

/** The plugin of `app.register(plugin, { prefix })`, else null. */
export function registeredPlugin(call: TSESTree.CallExpression, scope: Scope, receiver: string | null): FastifyPlugin | null {
  const plugin = argumentAt(call, 0);
  if (!plugin) return null;
  const option = propertyNode(argumentAt(call, 1), 'prefix', scope);
  const prefix = option ? stringValue(option.node) : '';
  if (prefix === null) return null;
  const base = { prefix, offset: startOf(call), receiver };
  const direct = unwrap(plugin);
  const ref = resolveRef(plugin, scope, 0, newBudget());
  const fn = isFunction(direct) ? direct : ref.kind === 'node' && isFunction(unwrap(ref.node)) ? unwrap(ref.node) : null;
  if (fn && isFunction(fn)) {
    const param = fn.params[0];
    return param?.type === 'Identifier' ? { range: { start: startOf(fn), end: endOf(fn), param: param.name }, ...base } : null;
  }
  return direct.type === 'Identifier' ? { range: { name: direct.name }, ...base } : null;
}

/** Plugins with their ranges, function declarations (top level or exported) found by name. */
export function placePlugins(plugins: readonly FastifyPlugin[], program: TSESTree.Program): Placed[] {
  const placed: Placed[] = [];
  for (const plugin of plugins) {
    const range = plugin.range;
    if ('start' in range) {
      placed.push({ ...plugin, range });
      continue;
    }
    for (const statement of program.body) {
      const node: Node = statement.type === 'ExportNamedDeclaration' || statement.type === 'ExportDefaultDeclaration' ? (statement.declaration ?? statement) : statement;
      if (node.type !== 'FunctionDeclaration' || node.id?.name !== range.name) continue;
      const param = node.params[0];
      if (param?.type === 'Identifier') placed.push({ ...plugin, range: { start: startOf(node), end: endOf(node), param: param.name } });
    }
  }
  return placed;
}

/** The prefix of the innermost plugin whose parameter `receiver` names at `offset`, nested prefixes joined; else null. */
export function prefixAt(plugins: readonly Placed[], offset: number, receiver: string | null, depth: number): string | null {
  if (receiver === null || depth > 8) return null;
  let inner: Placed | null = null;
  for (const plugin of plugins) {
    const { start, end, param } = plugin.range;
    if (param !== receiver || offset < start || offset >= end) continue;
    if (!inner || start > inner.range.start) inner = plugin;
  }
  if (!inner) return null;
  const outer = prefixAt(plugins, inner.offset, inner.receiver, depth + 1);
  return outer === null ? inner.prefix : `${outer}/${inner.prefix}`;
}

/** Whether `receiver` (or the root of a chain on it) is a function parameter. */
export function isParam(receiver: Node, scope: Scope): boolean {
  const name = rootName(receiver);
  return name !== null && scope.lookup(name)?.kind === 'param';
}

/** The identifier a receiver chain starts at (`app`, `app.get(…).post(…)` → `app`), else null. */
export function rootName(receiver: Node): string | null {
  let node = unwrap(receiver);
  for (let depth = 0; node.type === 'CallExpression' && depth < 32; depth++) {
    const inner = methodCall(node);
    if (!inner) return null;
    node = unwrap(inner.receiver);
  }
  return node.type === 'Identifier' ? node.name : null;
}

function isFunction(node: Node): node is TSESTree.ArrowFunctionExpression | TSESTree.FunctionExpression | TSESTree.FunctionDeclaration {
  return node.type === 'ArrowFunctionExpression' || node.type === 'FunctionExpression' || node.type === 'FunctionDeclaration';
}
