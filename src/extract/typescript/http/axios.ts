/** axios: calls through the imported binding or an instance made from it, and `defaults.baseURL` assignments. */
import type { TSESTree } from '@typescript-eslint/types';
import type { FoldedValue, HttpCallFact } from '../../../types/index.js';
import type { Node } from '../ast.js';
import { argumentAt, endOf, memberName, methodCall, startOf, unwrap } from '../ast.js';
import type { FileContext } from '../context.js';
import { httpFact } from '../context.js';
import { fold } from '../fold.js';
import { literal, sourceText, unknownValue } from '../../../shared/folded.js';
import type { Scope } from '../scope.js';
import { joinBase } from '../../../shared/url.js';
import type { Client } from './clients.js';
import { AXIOS_MODULE_KEY, resolveClient } from './clients.js';
import type { Options } from './config.js';
import { baseOption, methodOption, option, optionsAt } from './config.js';
import { axiosInterceptor, configAssignments } from './interceptors.js';

/** Base URLs set through `x.defaults.baseURL = …`, by client key; later calls in the file use them. */
export type Defaults = Map<string, FoldedValue>;

// Verb methods: `(url, config)` for these…
const BODYLESS: Record<string, string> = { get: 'GET', delete: 'DELETE', head: 'HEAD', options: 'OPTIONS' };
// …and `(url, data, config)` for these.
const WITH_BODY: Record<string, string> = {
  post: 'POST',
  put: 'PUT',
  patch: 'PATCH',
  postForm: 'POST',
  putForm: 'PUT',
  patchForm: 'PATCH',
};

/** An axios call: `axios.get(url)`, `api.post(url, data)`, `axios.request(cfg)`, `axios(cfg)`, `axios(url, cfg)`. */
export function detectAxios(call: TSESTree.CallExpression, scope: Scope, defaults: Defaults, context: FileContext): HttpCallFact | null {
  const method = methodCall(call);
  const interceptor = axiosInterceptor(call, scope);
  if (interceptor) {
    // `cfg.baseURL = …` in a request interceptor applies to the client's later calls, like `defaults.baseURL`.
    const [base] = configAssignments(interceptor.fn, 'baseURL');
    const client = axiosClient(resolveClient(interceptor.client, scope));
    if (base && client) defaults.set(keyOf(client), fold(base, scope));
    return null;
  }
  if (method) {
    const client = axiosClient(resolveClient(method.receiver, scope));
    if (!client) return null;
    return axiosStyleCall(call, method.name, scope, baseOf(client, defaults), 'axios', startOf(method.nameNode), context);
  }
  const client = axiosClient(resolveClient(call.callee, scope));
  return client ? axiosStyleCall(call, null, scope, baseOf(client, defaults), 'axios', startOf(call), context) : null;
}

/** Records `axios.defaults.baseURL = X` / `api.defaults.baseURL = X`. */
export function trackAxiosDefaults(node: TSESTree.AssignmentExpression, scope: Scope, defaults: Defaults): void {
  const target = unwrap(node.left);
  if (node.operator !== '=' || target.type !== 'MemberExpression' || memberName(target) !== 'baseURL') return;
  const holder = unwrap(target.object);
  if (holder.type !== 'MemberExpression' || memberName(holder) !== 'defaults') return;
  const client = axiosClient(resolveClient(holder.object, scope));
  if (client) defaults.set(keyOf(client), fold(node.right, scope));
}

type AxiosClient = Extract<Client, { family: 'axios'; kind: 'module' | 'instance' }>;

function axiosClient(client: Client | null): AxiosClient | null {
  return client?.family === 'axios' && client.kind !== 'create' ? client : null;
}

function keyOf(client: AxiosClient): string {
  return client.kind === 'instance' ? client.key : AXIOS_MODULE_KEY;
}

function baseOf(client: AxiosClient, defaults: Defaults): FoldedValue | null {
  return defaults.get(keyOf(client)) ?? (client.kind === 'instance' ? client.base : null);
}

/**
 * The axios call signatures, shared with NestJS `HttpService` (which mirrors them). `verb` is the method name,
 * or null for a direct call (`axios(cfg)`). Returns null for methods that are not requests.
 */
export function axiosStyleCall(
  call: TSESTree.CallExpression,
  verb: string | null,
  scope: Scope,
  base: FoldedValue | null,
  client: string,
  offset: number,
  context: FileContext,
): HttpCallFact | null {
  let urlNode: Node | null = null;
  let options: Options;
  let fixedMethod: string | null = null;
  if (verb === null) {
    const first = argumentAt(call, 0);
    const firstOptions = optionsAt(first, scope);
    if (firstOptions.kind === 'object') options = firstOptions;
    else {
      urlNode = first;
      options = optionsAt(argumentAt(call, 1), scope);
    }
  } else if (verb in BODYLESS) {
    urlNode = argumentAt(call, 0);
    options = optionsAt(argumentAt(call, 1), scope);
    fixedMethod = BODYLESS[verb] ?? null;
  } else if (verb in WITH_BODY) {
    urlNode = argumentAt(call, 0);
    options = optionsAt(argumentAt(call, 2), scope);
    fixedMethod = WITH_BODY[verb] ?? null;
  } else if (verb === 'request') {
    options = optionsAt(argumentAt(call, 0), scope);
  } else {
    return null;
  }
  const method = fixedMethod ?? methodOption(options, 'GET');
  const effectiveBase = baseOption(options, 'baseURL', base);
  const path = urlNode ? fold(urlNode, scope) : option(options, 'url');
  const url =
    path === 'unknown' || (path === 'absent' && !effectiveBase)
      ? unknownValue(sourceText(scope.module.text, startOf(call), endOf(call)))
      : joinBase(effectiveBase, path === 'absent' ? literal('') : path);
  return httpFact(context, offset, client, method, url);
}
