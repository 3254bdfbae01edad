/**
 * What HTTP client an expression is: the imported axios/got/fetch binding (under any local name), an instance
 * made from one (`axios.create`, `got.extend`), or a NestJS `HttpService`. Decided from imports, requires,
 * `const`s, class members and declared types; a local object that merely has the same name is not a client.
 */
import type { TSESTree } from '@typescript-eslint/types';
import type { FoldedValue } from '../../../types/index.js';
import type { Node } from '../ast.js';
import { argumentAt, memberName, methodCall, startOf, unwrap } from '../ast.js';
import { newBudget, requiredSpecifier, resolveRef } from '../resolve.js';
import type { Scope } from '../scope.js';
import { isStable } from '../scope.js';
import { isTypedAs } from '../typed.js';
import { baseOption, optionsAt } from './config.js';

/** A resolved client. Instances carry their base URL and a key naming their creation site. */
export type Client =
  | { family: 'axios'; kind: 'module' }
  | { family: 'axios'; kind: 'create' }
  | { family: 'axios'; kind: 'instance'; base: FoldedValue | null; key: string }
  | { family: 'got'; kind: 'module' }
  | { family: 'got'; kind: 'instance'; base: FoldedValue | null; key: string }
  | { family: 'fetch'; kind: 'function' }
  | { family: 'fetch'; kind: 'namespace' }
  | { family: 'nestjs-http'; kind: 'service' }
  | { family: 'global'; kind: 'object' };

/** Modules whose default export (or CommonJS `module.exports`) is a WHATWG-style `fetch`. */
export const FETCH_MODULES = new Set(['node-fetch', 'cross-fetch', 'isomorphic-fetch', 'undici']);
// Names of the global object: `globalThis.fetch(...)`.
const GLOBAL_OBJECTS = new Set(['globalThis', 'global', 'window', 'self']);
// Following `const a = b` chains and member paths; real code needs a handful of steps.
const MAX_DEPTH = 12;

/** The key under which `axios.defaults.baseURL = …` is remembered for the axios module itself. */
export const AXIOS_MODULE_KEY = 'axios';

/** The client `expression` (seen in `scope`) is, or null when it is not (known to be) one. */
export function resolveClient(expression: Node, scope: Scope, depth = 0): Client | null {
  if (depth > MAX_DEPTH) return null;
  const node = unwrap(expression);
  switch (node.type) {
    case 'Identifier':
      if (isTypedAs(node, scope, 'HttpService')) return { family: 'nestjs-http', kind: 'service' };
      return identifierClient(node.name, scope, depth);
    case 'MemberExpression': {
      const name = memberName(node);
      if (name === null) return null;
      if (unwrap(node.object).type === 'ThisExpression') {
        if (isTypedAs(node, scope, 'HttpService')) return { family: 'nestjs-http', kind: 'service' };
        const member = scope.thisClass?.members.get(name);
        return member?.init ? resolveClient(member.init, member.scope, depth + 1) : null;
      }
      const base = resolveClient(node.object, scope, depth + 1);
      if (base) return clientMember(base, name);
      // `clients.orders.get()` with `const clients = { orders: axios.create(…) }`.
      const ref = resolveRef(node, scope, 0, newBudget());
      return ref.kind === 'node' && ref.node !== node ? resolveClient(ref.node, ref.scope, depth + 1) : null;
    }
    case 'CallExpression':
      return callClient(node, scope, depth);
    default:
      return null;
  }
}

function identifierClient(name: string, scope: Scope, depth: number): Client | null {
  const binding = scope.lookup(name);
  if (!binding) {
    if (name === 'fetch') return { family: 'fetch', kind: 'function' };
    return GLOBAL_OBJECTS.has(name) ? { family: 'global', kind: 'object' } : null;
  }
  if (binding.kind === 'import') return moduleExport(binding.specifier, binding.imported);
  if (binding.kind !== 'variable' || !binding.init || binding.path === null || !isStable(binding)) return null;
  let client = resolveClient(binding.init, binding.scope, depth + 1);
  for (const step of binding.path) client = client ? clientMember(client, step) : null;
  return client;
}

/** The client an import or require of `specifier` gives, reading export `imported` (`default`, `*`, a name). */
function moduleExport(specifier: string, imported: string): Client | null {
  if (specifier === 'axios') {
    if (imported === 'default' || imported === '*' || imported === 'axios') return { family: 'axios', kind: 'module' };
    return imported === 'create' ? { family: 'axios', kind: 'create' } : null;
  }
  if (specifier === 'got') {
    return imported === 'default' || imported === '*' || imported === 'got' ? { family: 'got', kind: 'module' } : null;
  }
  if (FETCH_MODULES.has(specifier)) {
    if (imported === 'fetch' || (imported === 'default' && specifier !== 'undici')) return { family: 'fetch', kind: 'function' };
    // `require('node-fetch')` is the function itself; undici's namespace is not callable.
    if (imported === '*') return specifier === 'undici' ? { family: 'fetch', kind: 'namespace' } : { family: 'fetch', kind: 'function' };
  }
  return null;
}

/** Member `name` of a client (`undici.fetch`, `require('axios').default`, `http.axiosRef`). */
function clientMember(client: Client, name: string): Client | null {
  switch (client.family) {
    case 'global':
      return name === 'fetch' ? { family: 'fetch', kind: 'function' } : null;
    case 'fetch':
      return name === 'fetch' || name === 'default' ? { family: 'fetch', kind: 'function' } : null;
    case 'axios':
      if (client.kind !== 'module') return null;
      if (name === 'default') return client;
      return name === 'create' ? { family: 'axios', kind: 'create' } : null;
    case 'got':
      return client.kind === 'module' && (name === 'default' || name === 'got') ? client : null;
    case 'nestjs-http':
      return name === 'axiosRef' ? client : null;
  }
}

/** `require('axios')`, `axios.create({ baseURL })`, `create({ baseURL })`, `got.extend({ prefixUrl })`. */
function callClient(node: TSESTree.CallExpression, scope: Scope, depth: number): Client | null {
  const specifier = requiredSpecifier(node, scope);
  if (specifier !== null) return moduleExport(specifier, '*');
  const key = String(startOf(node));
  const method = methodCall(node);
  if (method) {
    const receiver = resolveClient(method.receiver, scope, depth + 1);
    if (receiver?.family === 'axios' && receiver.kind === 'module' && method.name === 'create') {
      return axiosInstance(node, scope, key);
    }
    if (receiver?.family === 'got' && method.name === 'extend') {
      let base = receiver.kind === 'instance' ? receiver.base : null;
      for (let i = 0; i < node.arguments.length; i++) base = baseOption(optionsAt(argumentAt(node, i), scope), 'prefixUrl', base);
      return { family: 'got', kind: 'instance', base, key: `got@${key}` };
    }
    return null;
  }
  const callee = resolveClient(node.callee, scope, depth + 1);
  return callee?.family === 'axios' && callee.kind === 'create' ? axiosInstance(node, scope, key) : null;
}

function axiosInstance(node: TSESTree.CallExpression, scope: Scope, key: string): Client {
  const base = baseOption(optionsAt(argumentAt(node, 0), scope), 'baseURL', null);
  return { family: 'axios', kind: 'instance', base, key: `axios@${key}` };
}
