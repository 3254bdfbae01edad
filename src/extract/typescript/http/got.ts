/** got: `got(url, opts)`, `got(opts)`, `got.get/post/…(url, opts)`, `got.stream(url)`, and `got.extend` instances. */
import type { TSESTree } from '@typescript-eslint/types';
import type { HttpCallFact } from '../../../types/index.js';
import type { Node } from '../ast.js';
import { argumentAt, endOf, methodCall, startOf } from '../ast.js';
import type { FileContext } from '../context.js';
import { httpFact } from '../context.js';
import { fold } from '../fold.js';
import { literal, sourceText, unknownValue } from '../../../shared/folded.js';
import type { Scope } from '../scope.js';
import { joinBase } from '../../../shared/url.js';
import type { Client } from './clients.js';
import { resolveClient } from './clients.js';
import type { Options } from './config.js';
import { baseOption, methodOption, option, optionsAt } from './config.js';

// Verb methods and their fixed HTTP method; `stream` takes the method from its options.
const VERBS: Record<string, string | null> = {
  get: 'GET',
  post: 'POST',
  put: 'PUT',
  patch: 'PATCH',
  delete: 'DELETE',
  head: 'HEAD',
  stream: null,
};

type GotClient = Extract<Client, { family: 'got' }>;

/** A got request. The instance's `prefixUrl` (or the call's own) is joined with the path like a base URL. */
export function detectGot(call: TSESTree.CallExpression, scope: Scope, context: FileContext): HttpCallFact | null {
  const method = methodCall(call);
  let client: GotClient | null = null;
  let verb: string | null = null;
  let offset = startOf(call);
  if (method && method.name in VERBS) {
    client = gotClient(resolveClient(method.receiver, scope));
    verb = method.name;
    offset = startOf(method.nameNode);
  }
  if (!client && !method) client = gotClient(resolveClient(call.callee, scope));
  if (!client) return null;

  const first = argumentAt(call, 0);
  const firstOptions = optionsAt(first, scope);
  // `got(opts)` with `opts.url`, or `got(url, opts)`.
  const urlNode: Node | null = firstOptions.kind === 'object' ? null : first;
  const options: Options = firstOptions.kind === 'object' ? firstOptions : optionsAt(argumentAt(call, 1), scope);
  const fixed = verb === null ? null : (VERBS[verb] ?? null);
  const httpMethod = fixed ?? methodOption(options, 'GET');
  const base = baseOption(options, 'prefixUrl', client.kind === 'instance' ? client.base : null);
  const path = urlNode ? fold(urlNode, scope) : option(options, 'url');
  const url =
    path === 'unknown' || (path === 'absent' && !base)
      ? unknownValue(sourceText(scope.module.text, startOf(call), endOf(call)))
      : joinBase(base, path === 'absent' ? literal('') : path);
  return httpFact(context, offset, 'got', httpMethod, url);
}

function gotClient(client: Client | null): GotClient | null {
  return client?.family === 'got' ? client : null;
}
