/** fetch: the global (unless shadowed), `globalThis.fetch`, and `fetch` from node-fetch, undici, cross-fetch, isomorphic-fetch. */
import type { TSESTree } from '@typescript-eslint/types';
import type { HttpCallFact } from '../../../types/index.js';
import type { Node } from '../ast.js';
import { argumentAt, startOf, unwrap } from '../ast.js';
import type { FileContext } from '../context.js';
import { httpFact } from '../context.js';
import { fold } from '../fold.js';
import { literalText } from '../../../shared/folded.js';
import { newBudget, resolveRef } from '../resolve.js';
import type { Scope } from '../scope.js';
import { FETCH_MODULES, resolveClient } from './clients.js';
import type { Options } from './config.js';
import { option, optionsAt } from './config.js';

/** `fetch(url, init?)` and `fetch(new Request(url, init?), init?)`. Method from `init.method`, default GET. */
export function detectFetch(call: TSESTree.CallExpression, scope: Scope, context: FileContext): HttpCallFact | null {
  const client = resolveClient(call.callee, scope);
  if (client?.family !== 'fetch' || client.kind !== 'function') return null;
  const input = argumentAt(call, 0);
  if (!input) return null;
  const request = requestOf(input, scope);
  const url = request ? fold(request.url, request.scope) : fold(input, scope);
  const init = call.arguments.length > 1 ? optionsAt(argumentAt(call, 1), scope) : NONE;
  const requestInit = request?.init ? optionsAt(request.init, request.scope) : NONE;
  return httpFact(context, startOf(call), 'fetch', methodOf(init, requestInit), url);
}

const NONE: Options = { kind: 'none' };

/** The call's `init.method` wins over the Request's; both absent means GET; anything opaque means unknown. */
function methodOf(init: Options, requestInit: Options): string | null {
  let value = option(init, 'method');
  if (value === 'absent') value = option(requestInit, 'method');
  if (value === 'absent') return 'GET';
  if (value === 'unknown') return null;
  const text = literalText(value);
  return text === null || text === '' ? null : text.toUpperCase();
}

/** `new Request(url, init)` (global `Request` or one imported from a fetch module), followed through `const`s. */
function requestOf(input: Node, scope: Scope): { url: Node; init: Node | null; scope: Scope } | null {
  const ref = resolveRef(input, scope, 0, newBudget());
  if (ref.kind !== 'node' || ref.node.type !== 'NewExpression') return null;
  const callee = unwrap(ref.node.callee);
  if (callee.type !== 'Identifier') return null;
  const binding = ref.scope.lookup(callee.name);
  const isRequest = binding
    ? binding.kind === 'import' && binding.imported === 'Request' && FETCH_MODULES.has(binding.specifier)
    : callee.name === 'Request';
  const url = argumentAt(ref.node, 0);
  return isRequest && url ? { url, init: argumentAt(ref.node, 1), scope: ref.scope } : null;
}
