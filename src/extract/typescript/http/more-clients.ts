/**
 * More HTTP client families, recognized through their imports: ky (functions, `ky.create`/`extend({ prefixUrl })`),
 * superagent (`request.get(url)`), `node:http`/`node:https` `request`/`get` (URL or `{ hostname, port, path }`),
 * and undici `request(url)` and `new Pool(origin).request({ path })`.
 */
import type { TSESTree } from '@typescript-eslint/types';
import type { FoldedValue, HttpCallFact } from '../../../types/index.js';
import type { Node } from '../ast.js';
import { argumentAt, methodCall, startOf, unwrap } from '../ast.js';
import type { FileContext } from '../context.js';
import { httpFact } from '../context.js';
import { fold } from '../fold.js';
import { literal } from '../../../shared/folded.js';
import { isFrom, originOf } from '../messaging/origin.js';
import { newBudget, resolveRef } from '../resolve.js';
import type { Scope } from '../scope.js';
import { joinBase } from '../../../shared/url.js';
import { baseOption, methodOption, option, optionsAt } from './config.js';

const VERBS: Record<string, string> = { get: 'GET', post: 'POST', put: 'PUT', patch: 'PATCH', delete: 'DELETE', del: 'DELETE', head: 'HEAD' };

/** A request through one of these clients, else null. */
export function detectMoreClients(call: TSESTree.CallExpression, scope: Scope, context: FileContext): HttpCallFact | null {
  return detectKy(call, scope, context) ?? detectSuperagent(call, scope, context) ?? detectNodeHttp(call, scope, context) ?? detectUndici(call, scope, context);
}

function detectKy(call: TSESTree.CallExpression, scope: Scope, context: FileContext): HttpCallFact | null {
  const method = methodCall(call);
  const receiver = method ? method.receiver : call.callee;
  const verb = method ? VERBS[method.name] : undefined;
  if (method && verb === undefined) return null;
  const origin = originOf(receiver, scope);
  if (!isFrom(origin, ['ky'], ['default', '*'])) return null;
  const base = kyBase(receiver, scope, 0);
  if (base === 'not-ky') return null;
  const path = argumentAt(call, 0);
  if (!path) return null;
  const options = optionsAt(argumentAt(call, 1), scope);
  const prefix = baseOption(options, 'prefixUrl', base);
  return httpFact(context, startOf(call), 'ky', verb ?? methodOption(options, 'GET'), joinBase(prefix, fold(path, scope)));
}

/** The `prefixUrl` of an expression that makes a ky instance (`ky.create(…)`, `api.extend(…)`), `not-ky` for anything else. */
export function kyInstanceBase(node: Node, scope: Scope): FoldedValue | null | 'not-ky' {
  const origin = originOf(node, scope);
  if (!isFrom(origin, ['ky'], ['default', '*']) || origin?.steps.at(-1) !== 'call') return 'not-ky';
  return kyBase(node, scope, 0);
}

/** The `prefixUrl` of a ky instance (`ky.create(…)`, `.extend(…)`, nested), null for ky itself. */
function kyBase(node: Node, scope: Scope, depth: number): FoldedValue | null | 'not-ky' {
  if (depth > 8) return null;
  const ref = resolveRef(node, scope, 0, newBudget());
  if (ref.kind === 'value') return null;
  if (ref.kind !== 'node') return 'not-ky';
  const target = unwrap(ref.node);
  if (target.type !== 'CallExpression') return null;
  const inner = methodCall(target);
  if (!inner || (inner.name !== 'create' && inner.name !== 'extend')) return 'not-ky';
  const parent = kyBase(inner.receiver, ref.scope, depth + 1);
  if (parent === 'not-ky') return parent;
  return baseOption(optionsAt(argumentAt(target, 0), ref.scope), 'prefixUrl', parent);
}

function detectSuperagent(call: TSESTree.CallExpression, scope: Scope, context: FileContext): HttpCallFact | null {
  const method = methodCall(call);
  const verb = method ? VERBS[method.name] : undefined;
  if (!method || verb === undefined) return null;
  const origin = originOf(method.receiver, scope);
  if (!isFrom(origin, ['superagent'], ['default', '*']) || origin?.steps.length !== 0) return null;
  const url = argumentAt(call, 0);
  return url ? httpFact(context, startOf(call), 'superagent', verb, fold(url, scope)) : null;
}

function detectNodeHttp(call: TSESTree.CallExpression, scope: Scope, context: FileContext): HttpCallFact | null {
  const method = methodCall(call);
  const name = method ? method.name : null;
  const origin = originOf(method ? method.receiver : call.callee, scope);
  if (!origin || !isFrom(origin, ['http', 'https'], method ? ['default', '*'] : ['request', 'get'])) return null;
  const verb = name ?? origin.imported;
  if (verb !== 'request' && verb !== 'get') return null;
  const scheme = origin.specifier.endsWith('https') ? 'https' : 'http';
  const first = argumentAt(call, 0);
  if (!first) return null;
  const options = optionsAt(first, scope);
  if (options.kind !== 'object') {
    const extra = optionsAt(argumentAt(call, 1), scope);
    return httpFact(context, startOf(call), `node:${scheme}`, verb === 'get' ? 'GET' : methodOption(extra, 'GET'), fold(first, scope));
  }
  const host = option(options, 'hostname') === 'absent' ? option(options, 'host') : option(options, 'hostname');
  if (host === 'absent' || host === 'unknown') return null;
  const port = option(options, 'port');
  const path = option(options, 'path');
  const parts = [...literal(`${scheme}://`).parts, ...host.parts];
  if (port !== 'absent' && port !== 'unknown') parts.push(...literal(':').parts, ...port.parts);
  if (path !== 'absent' && path !== 'unknown') parts.push(...path.parts);
  return httpFact(context, startOf(call), `node:${scheme}`, verb === 'get' ? 'GET' : methodOption(options, 'GET'), { parts });
}

function detectUndici(call: TSESTree.CallExpression, scope: Scope, context: FileContext): HttpCallFact | null {
  const method = methodCall(call);
  if (!method) {
    const origin = originOf(call.callee, scope);
    if (!isFrom(origin, ['undici'], ['request']) || origin?.steps.length !== 0) return null;
    const url = argumentAt(call, 0);
    return url ? httpFact(context, startOf(call), 'undici', methodOption(optionsAt(argumentAt(call, 1), scope), 'GET'), fold(url, scope)) : null;
  }
  if (method.name !== 'request') return null;
  const origin = originOf(method.receiver, scope);
  if (!isFrom(origin, ['undici'], ['Pool', 'Client', 'Agent']) || origin?.steps.join(' ') !== 'new') return null;
  const created = resolveRef(method.receiver, scope, 0, newBudget());
  const origins = created.kind === 'node' && created.node.type === 'NewExpression' ? argumentAt(created.node, 0) : null;
  const options = optionsAt(argumentAt(call, 0), scope);
  const path = option(options, 'path');
  const base = origins ? fold(origins, created.kind === 'node' ? created.scope : scope) : null;
  const url = joinBase(base, path === 'absent' || path === 'unknown' ? literal('') : path);
  return httpFact(context, startOf(method.nameNode), 'undici', methodOption(options, 'GET'), url);
}
