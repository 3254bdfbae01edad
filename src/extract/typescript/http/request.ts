/**
 * Older callback-style clients, recognized through their imports: the `request` library and `request-promise(-native)`
 * (`request(url, cb)`, `request.get(url)`, `request({ uri | url, method, baseUrl })`, and `request.defaults({ baseUrl })`
 * instances, nested), needle (`needle('get', url)`, `needle.get(url)`, `needle.request(method, url, …)`) and phin
 * (`phin({ url, method })`).
 */
import type { TSESTree } from '@typescript-eslint/types';
import type { FoldedValue, HttpCallFact } from '../../../types/index.js';
import type { Node } from '../ast.js';
import { argumentAt, endOf, methodCall, startOf, unwrap } from '../ast.js';
import type { FileContext } from '../context.js';
import { httpFact } from '../context.js';
import { fold } from '../fold.js';
import { isFunction } from '../guards/functions.js';
import { literal, literalText, sourceText, unknownValue } from '../../../shared/folded.js';
import type { Origin } from '../messaging/origin.js';
import { originOf } from '../messaging/origin.js';
import { newBudget, resolveRef } from '../resolve.js';
import type { Scope } from '../scope.js';
import { joinBase } from '../../../shared/url.js';
import type { Options } from './config.js';
import { baseOption, methodOption, option, optionsAt } from './config.js';
import { moduleExport } from './module-export.js';

const REQUEST = ['request', 'request-promise', 'request-promise-native'];
const REQUEST_VERBS: Record<string, string> = { get: 'GET', post: 'POST', put: 'PUT', patch: 'PATCH', del: 'DELETE', delete: 'DELETE', head: 'HEAD' };
const NEEDLE_VERBS: Record<string, string> = { get: 'GET', head: 'HEAD', post: 'POST', put: 'PUT', patch: 'PATCH', delete: 'DELETE' };
// Instances made from instances: real code nests `defaults` once or twice.
const MAX_DEPTH = 8;

/** A request through one of these clients, else null. */
export function detectRequestFamily(call: TSESTree.CallExpression, scope: Scope, context: FileContext): HttpCallFact | null {
  // Every request of these clients calls the module, one of its functions, or a member of what it made.
  const callee = originOf(call.callee, scope);
  if (!callee) return null;
  if (REQUEST.includes(callee.specifier)) return detectRequest(call, callee, scope, context);
  if (callee.specifier === 'needle') return detectNeedle(call, callee, scope, context);
  return callee.specifier === 'phin' ? detectPhin(call, callee, scope, context) : null;
}

function detectRequest(call: TSESTree.CallExpression, callee: Origin, scope: Scope, context: FileContext): HttpCallFact | null {
  const method = methodCall(call);
  const verb = method ? REQUEST_VERBS[method.name] : undefined;
  // `import { get } from 'request'`: a verb function of the module.
  const named = method ? undefined : REQUEST_VERBS[moduleExport(callee, REQUEST) ?? ''];
  let client: RequestClient | null;
  if (method && verb !== undefined) client = requestClient(method.receiver, scope, 0);
  else if (named !== undefined) client = { specifier: callee.specifier, base: null };
  else client = requestClient(call.callee, scope, 0);
  if (!client) return null;
  const first = argumentAt(call, 0);
  if (!first || isCallback(first, scope)) return null;
  // `request(options, cb)` with `uri`/`url`, or `request(url, options, cb)`.
  const own = optionsAt(first, scope);
  const second = argumentAt(call, 1);
  const options: Options = own.kind === 'object' ? own : second && !isCallback(second, scope) ? optionsAt(second, scope) : { kind: 'none' };
  const uri = own.kind === 'object' ? requestUri(own) : fold(first, scope);
  const base = baseOption(options, 'baseUrl', client.base);
  const url =
    uri === 'unknown' || (uri === 'absent' && !base) ? callText(call, scope) : joinBase(base, uri === 'absent' ? literal('') : uri);
  return httpFact(context, startOf(call), client.specifier, verb ?? named ?? methodOption(options, 'GET'), url);
}

function requestUri(options: Options): FoldedValue | 'absent' | 'unknown' {
  const uri = option(options, 'uri');
  return uri === 'absent' ? option(options, 'url') : uri;
}

interface RequestClient {
  specifier: string;
  /** The `baseUrl` of a `defaults(…)` instance, null for the module itself. */
  base: FoldedValue | null;
}

/** The request module (`request`, `require('request')`) or a `defaults({ baseUrl })` instance of it, else null. */
function requestClient(node: Node, scope: Scope, depth: number): RequestClient | null {
  if (depth > MAX_DEPTH) return null;
  const origin = originOf(node, scope);
  if (!origin || !REQUEST.includes(origin.specifier)) return null;
  if (moduleExport(origin, REQUEST) === 'default') return { specifier: origin.specifier, base: null };
  const ref = resolveRef(node, scope, 0, newBudget());
  if (ref.kind !== 'node') return null;
  const created = unwrap(ref.node);
  const inner = created.type === 'CallExpression' ? methodCall(created) : null;
  if (created.type !== 'CallExpression' || inner?.name !== 'defaults') return null;
  const parent = requestClient(inner.receiver, ref.scope, depth + 1);
  return parent ? { specifier: parent.specifier, base: baseOption(optionsAt(argumentAt(created, 0), ref.scope), 'baseUrl', parent.base) } : null;
}

/** A callback argument (inline, a function declaration of the file, a `const` holding one): neither URL nor options. */
function isCallback(node: Node, scope: Scope): boolean {
  const target = unwrap(node);
  if (isFunction(target)) return true;
  if (target.type === 'Identifier' && scope.lookup(target.name)?.kind === 'other') return true;
  const ref = resolveRef(node, scope, 0, newBudget());
  return ref.kind === 'node' && isFunction(ref.node);
}

function detectNeedle(call: TSESTree.CallExpression, callee: Origin, scope: Scope, context: FileContext): HttpCallFact | null {
  const name = moduleExport(callee, ['needle']);
  if (name === null) return null;
  const verb = NEEDLE_VERBS[name];
  // `needle(method, url, data, options)`, `needle.request(method, url, …)`, `needle.get(url, options)`.
  const generic = name === 'default' || name === 'request';
  if (!generic && verb === undefined) return null;
  const url = argumentAt(call, generic ? 1 : 0);
  if (!url) return null;
  const method = generic ? literalMethod(argumentAt(call, 0), scope) : (verb ?? null);
  return httpFact(context, startOf(call), 'needle', method, fold(url, scope));
}

function detectPhin(call: TSESTree.CallExpression, callee: Origin, scope: Scope, context: FileContext): HttpCallFact | null {
  const name = moduleExport(callee, ['phin']);
  if (name !== 'default' && name !== 'promisified' && name !== 'unpromisified') return null;
  const first = argumentAt(call, 0);
  if (!first) return null;
  const options = optionsAt(first, scope);
  if (options.kind !== 'object') return httpFact(context, startOf(call), 'phin', 'GET', fold(first, scope));
  const url = option(options, 'url');
  return httpFact(context, startOf(call), 'phin', methodOption(options, 'GET'), url === 'absent' || url === 'unknown' ? callText(call, scope) : url);
}

function literalMethod(node: Node | null, scope: Scope): string | null {
  const text = node ? literalText(fold(node, scope)) : null;
  return text ? text.toUpperCase() : null;
}

function callText(call: TSESTree.CallExpression, scope: Scope): FoldedValue {
  return unknownValue(sourceText(scope.module.text, startOf(call), endOf(call)));
}
