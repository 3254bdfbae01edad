/**
 * What a guard wraps: the function handed to `new CircuitBreaker(fn)`, `policy.execute(fn)`, `pRetry(fn)`.
 * An inline function, a `const`, a declared function or a method (`this.fetchPrice`, `.bind(this)`); when the
 * wrapped function only delegates (`() => this.fetchPrice(id)`), the delegate's body is wrapped too.
 */
import type { Node } from '../ast.js';
import { endOf, memberName, methodCall, startOf, unwrap } from '../ast.js';
import { newBudget, resolveRef } from '../resolve.js';
import type { Scope } from '../scope.js';
import type { FunctionIndex, Range } from './functions.js';
import { isFunction } from './functions.js';

/** Source ranges whose calls run through the guard when `argument` is what the guard wraps. */
export function wrappedRanges(argument: Node, scope: Scope, index: FunctionIndex): Range[] {
  const node = unwrap(argument);
  if (isFunction(node)) return [{ start: startOf(node), end: endOf(node) }, ...delegates(node, index)];
  const named = functionName(node);
  if (named !== null) return index.functions.get(named) ?? [];
  const ref = resolveRef(node, scope, 0, newBudget());
  if (ref.kind === 'node' && ref.node !== node && isFunction(ref.node)) {
    return [{ start: startOf(ref.node), end: endOf(ref.node) }, ...delegates(unwrap(ref.node), index)];
  }
  return [];
}

/** `fetchPrice`, `this.fetchPrice`, `this.fetchPrice.bind(this)`: the function's name, else null. */
function functionName(node: Node): string | null {
  if (node.type === 'Identifier') return node.name;
  if (node.type === 'MemberExpression' && unwrap(node.object).type === 'ThisExpression') return memberName(node);
  if (node.type === 'CallExpression') {
    const method = methodCall(node);
    if (method?.name === 'bind') return functionName(unwrap(method.receiver));
  }
  return null;
}

/** The bodies of the functions a one-expression arrow calls: `() => this.fetchPrice(id)`. */
function delegates(node: Node, index: FunctionIndex): Range[] {
  if (node.type !== 'ArrowFunctionExpression' && node.type !== 'FunctionExpression') return [];
  let body: Node = node.body;
  if (body.type === 'BlockStatement') {
    const [only] = body.body;
    if (body.body.length !== 1 || !only || only.type !== 'ReturnStatement' || !only.argument) return [];
    body = only.argument;
  }
  let call = unwrap(body);
  if (call.type === 'AwaitExpression') call = unwrap(call.argument);
  if (call.type !== 'CallExpression') return [];
  const name = functionName(unwrap(call.callee));
  return name === null ? [] : index.functions.get(name) ?? [];
}
