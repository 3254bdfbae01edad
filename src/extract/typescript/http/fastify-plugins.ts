/**
 * fastify plugins registered in the same file with a prefix: `app.register(async (api) => { api.get(…) },
 * { prefix: '/v1' })`, or a `const`/function declaration of the file. Routes called on the plugin's first
 * parameter inside its body get the prefix (nested plugins add theirs). Also what a file exports that other files
 * can mount: routers (`export default router`, `module.exports = router`) and plugin or router factory functions.
 */
import type { TSESTree } from '@typescript-eslint/types';
import type { Node } from '../ast.js';
import { argumentAt, endOf, memberName, methodCall, startOf, stringValue, topLevelDeclaration, unwrap } from '../ast.js';
import { propertyNode } from '../messaging/facts.js';
import { newBudget, resolveRef } from '../resolve.js';
import type { Binding, Scope } from '../scope.js';
import { commonJsExport } from '../commonjs.js';

/** Where a route or mount is made: the router's binding, the receiver's root name and the call's offset. */
export interface Site {
  owner: Binding | null;
  receiver: string | null;
  offset: number;
}

/** A registered plugin: its function's range and first parameter, or its declaration's name until placed. */
export interface FastifyPlugin {
  range: { start: number; end: number; param: string } | { name: string };
  prefix: string;
  /** Where `register` was called (plugins nest). */
  site: Site;
}

/** A plugin with its function's range. */
export type Placed = FastifyPlugin & { range: { start: number; end: number; param: string } };

type FunctionNode = TSESTree.ArrowFunctionExpression | TSESTree.FunctionExpression | TSESTree.FunctionDeclaration;

/** The literal `prefix` option of `app.register(plugin, { prefix })`: '' without one, null when not literal. */
export function registerPrefix(call: TSESTree.CallExpression, scope: Scope): string | null {
  const option = propertyNode(argumentAt(call, 1), 'prefix', scope);
  return option ? stringValue(option.node) : '';
}

/** The plugin of `app.register(plugin, { prefix })`, else null. */
export function registeredPlugin(call: TSESTree.CallExpression, scope: Scope, site: Site): FastifyPlugin | null {
  const plugin = argumentAt(call, 0);
  if (!plugin) return null;
  const prefix = registerPrefix(call, scope);
  if (prefix === null) return null;
  const direct = unwrap(plugin);
  const ref = resolveRef(plugin, scope, 0, newBudget());
  const fn = isFunction(direct) ? direct : ref.kind === 'node' && isFunction(unwrap(ref.node)) ? unwrap(ref.node) : null;
  if (fn && isFunction(fn)) {
    const param = fn.params[0];
    return param?.type === 'Identifier' ? { range: { start: startOf(fn), end: endOf(fn), param: param.name }, prefix, site } : null;
  }
  return direct.type === 'Identifier' ? { range: { name: direct.name }, prefix, site } : null;
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
    const node = topLevelFunction(program, range.name);
    const param = node?.params[0];
    if (node && param?.type === 'Identifier') placed.push({ ...plugin, range: { start: startOf(node), end: endOf(node), param: param.name } });
  }
  return placed;
}

/** The innermost plugins whose parameter `receiver` names at `offset`: several when one function is registered twice. */
export function enclosingPlugins(plugins: readonly Placed[], offset: number, receiver: string | null): Placed[] {
  let inner: Placed[] = [];
  for (const plugin of plugins) {
    const { start, end, param } = plugin.range;
    if (receiver === null || param !== receiver || offset < start || offset >= end) continue;
    const current = inner[0]?.range.start ?? -1;
    if (start > current) inner = [plugin];
    else if (start === current) inner.push(plugin);
  }
  return inner;
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

/** An exported function: a fastify plugin (routes on its first parameter) or a factory returning a router. */
export interface ExportedFunction {
  start: number;
  end: number;
  param: string | null;
  /** Names its body returns (`return router`). */
  returns: Set<string>;
  names: string[];
}

/** What a file exports under which names: module-level bindings (routers, classes) and functions. */
export interface RouterExports {
  bindings: Map<Binding, string[]>;
  functions: ExportedFunction[];
}

/** The file's exports, ESM and CommonJS (`export default x`, `export { x as y }`, `module.exports = x`, `exports.y = x`). */
export function routerExports(program: TSESTree.Program, scope: Scope): RouterExports {
  const found: RouterExports = { bindings: new Map(), functions: [] };
  const exportFunction = (fn: FunctionNode, name: string): void => {
    const known = found.functions.find((entry) => entry.start === startOf(fn));
    if (known) {
      known.names.push(name);
      return;
    }
    const param = fn.params[0];
    const returns = new Set<string>();
    const body = fn.body.type === 'BlockStatement' ? fn.body.body.flatMap((statement) => (statement.type === 'ReturnStatement' && statement.argument ? [statement.argument] : [])) : [fn.body];
    for (const value of body) {
      const node = unwrap(value);
      if (node.type === 'Identifier') returns.add(node.name);
    }
    found.functions.push({ start: startOf(fn), end: endOf(fn), param: param?.type === 'Identifier' ? param.name : null, returns, names: [name] });
  };
  const exportLocal = (local: string, name: string): void => {
    const binding = scope.bindings.get(local);
    if (!binding) return;
    found.bindings.set(binding, [...(found.bindings.get(binding) ?? []), name]);
    const init = binding.kind === 'variable' && binding.path?.length === 0 && binding.init ? unwrap(binding.init) : null;
    const fn = init && isFunction(init) ? init : binding.kind === 'other' ? topLevelFunction(program, local) : null;
    if (fn) exportFunction(fn, name);
  };
  const exportValue = (value: Node, name: string): void => {
    const node = unwrap(value);
    if (node.type === 'Identifier') exportLocal(node.name, name);
    else if (isFunction(node)) exportFunction(node, name);
  };
  for (const statement of program.body) {
    if (statement.type === 'ExportNamedDeclaration' && statement.exportKind !== 'type' && !statement.source) {
      const declaration = statement.declaration;
      if (declaration?.type === 'VariableDeclaration') {
        for (const declarator of declaration.declarations) if (declarator.id.type === 'Identifier') exportLocal(declarator.id.name, declarator.id.name);
      } else if ((declaration?.type === 'FunctionDeclaration' || declaration?.type === 'ClassDeclaration') && declaration.id) {
        exportLocal(declaration.id.name, declaration.id.name);
      }
      for (const specifier of statement.specifiers) {
        const exported = specifier.exported.type === 'Identifier' ? specifier.exported.name : String(specifier.exported.value);
        if (specifier.exportKind !== 'type' && specifier.local.type === 'Identifier') exportLocal(specifier.local.name, exported);
      }
    } else if (statement.type === 'ExportDefaultDeclaration') {
      const declaration = statement.declaration;
      if ((declaration.type === 'FunctionDeclaration' || declaration.type === 'ClassDeclaration') && declaration.id) exportLocal(declaration.id.name, 'default');
      else exportValue(declaration, 'default');
    } else if (statement.type === 'TSExportAssignment') {
      exportValue(statement.expression, 'default');
    } else if (statement.type === 'ExpressionStatement') {
      reportCommonJs(statement.expression, scope, exportValue);
    }
  }
  return found;
}

/** `module.exports = x` (default; an object literal's properties by name), `module.exports.y = x`, `exports.y = x`. */
function reportCommonJs(expression: Node, scope: Scope, exportValue: (value: Node, name: string) => void): void {
  const exported = commonJsExport(expression, scope);
  if (exported === null) return;
  if (exported.name !== null) {
    exportValue(unwrap(exported.value), exported.name);
    return;
  }
  const value = unwrap(exported.value);
  if (value.type !== 'ObjectExpression') {
    exportValue(value, 'default');
    return;
  }
  for (const property of value.properties) {
    if (property.type === 'Property' && !property.computed && property.key.type === 'Identifier') exportValue(property.value, property.key.name);
  }
}

function topLevelFunction(program: TSESTree.Program, name: string): TSESTree.FunctionDeclaration | null {
  const declared = topLevelDeclaration(program, name);
  return declared?.type === 'FunctionDeclaration' ? declared : null;
}

function isFunction(node: Node): node is FunctionNode {
  return node.type === 'ArrowFunctionExpression' || node.type === 'FunctionExpression' || node.type === 'FunctionDeclaration';
}
