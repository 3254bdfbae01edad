/**
 * axios request interceptors: `api.interceptors.request.use((cfg) => { cfg.timeout = 2000; cfg.baseURL = …; return cfg; })`
 * changes every request of `api` (or of axios itself). Readers here find the client and the config fields set.
 */
import type { TSESTree } from '@typescript-eslint/types';
import type { Node } from '../ast.js';
import { childNodes, memberName, methodCall, unwrap } from '../ast.js';
import { isFrom, originOf } from '../messaging/origin.js';
import { newBudget, resolveRef } from '../resolve.js';
import type { Scope } from '../scope.js';

// Interceptor bodies are short; the cap keeps a hostile one linear and cheap.
const MAX_NODES = 5_000;

type FunctionNode = TSESTree.ArrowFunctionExpression | TSESTree.FunctionExpression;

/** An axios request interceptor registration: the client expression and the interceptor function. */
export interface Interceptor {
  client: Node;
  /** Whether the client is the axios module itself (every call), not an instance. */
  isModule: boolean;
  fn: FunctionNode;
}

/** `X.interceptors.request.use(fn)` with `X` from axios (module or instance), else null. */
export function axiosInterceptor(call: TSESTree.CallExpression, scope: Scope): Interceptor | null {
  const method = methodCall(call);
  if (method?.name !== 'use') return null;
  const request = unwrap(method.receiver);
  if (request.type !== 'MemberExpression' || memberName(request) !== 'request') return null;
  const interceptors = unwrap(request.object);
  if (interceptors.type !== 'MemberExpression' || memberName(interceptors) !== 'interceptors') return null;
  const origin = originOf(interceptors.object, scope);
  if (!isFrom(origin, ['axios'], ['default', '*', 'axios'])) return null;
  const first = call.arguments[0];
  if (!first || first.type === 'SpreadElement') return null;
  const fn = functionOf(first, scope);
  return fn ? { client: interceptors.object, isModule: origin?.steps.length === 0, fn } : null;
}

/** Values the interceptor gives config field `key`: `cfg.key = v` and `return { ...cfg, key: v }`. */
export function configAssignments(fn: FunctionNode, key: string): Node[] {
  const param = fn.params[0];
  const name = param && param.type === 'Identifier' ? param.name : null;
  // `(cfg) => ({ ...cfg, timeout: 1000 })` returns its body.
  const values: Node[] = fn.body.type === 'BlockStatement' ? [] : propertyValues(fn.body, key);
  const stack: Node[] = [fn.body];
  for (let seen = 0; stack.length > 0 && seen < MAX_NODES; seen++) {
    const node = stack.pop();
    if (!node) break;
    if (node.type === 'AssignmentExpression' && node.operator === '=' && name !== null) {
      const target = unwrap(node.left);
      if (target.type === 'MemberExpression' && memberName(target) === key && isName(target.object, name)) values.push(node.right);
    } else if (node.type === 'ReturnStatement' && node.argument) {
      values.push(...propertyValues(node.argument, key));
    }
    stack.push(...childNodes(node));
  }
  return values;
}

function propertyValues(node: Node, key: string): Node[] {
  const object = unwrap(node);
  if (object.type !== 'ObjectExpression') return [];
  return object.properties.flatMap((property) =>
    property.type === 'Property' && !property.computed && property.key.type === 'Identifier' && property.key.name === key ? [property.value] : [],
  );
}

function isName(node: Node, name: string): boolean {
  const target = unwrap(node);
  return target.type === 'Identifier' && target.name === name;
}

function functionOf(node: Node, scope: Scope): FunctionNode | null {
  const direct = unwrap(node);
  if (direct.type === 'ArrowFunctionExpression' || direct.type === 'FunctionExpression') return direct;
  const ref = resolveRef(node, scope, 0, newBudget());
  const target = ref.kind === 'node' ? unwrap(ref.node) : null;
  return target?.type === 'ArrowFunctionExpression' || target?.type === 'FunctionExpression' ? target : null;
}
