/**
 * Requests through an HTTP client another module exports (`import { api } from '../http'; api.get('/orders')`).
 * The file alone cannot tell `api` is a client, so the fact carries the import (`via`) and the path; resolve keeps
 * it only when that module exports a client instance, and joins the instance's base URL and guards then.
 */
import type { TSESTree } from '@typescript-eslint/types';
import type { HttpCallFact } from '../../../types/index.js';
import { argumentAt, methodCall, startOf } from '../ast.js';
import type { FileContext } from '../context.js';
import { httpFact } from '../context.js';
import { fold } from '../fold.js';
import { isFunction } from '../guards/functions.js';
import { importedClientRef } from '../imported-ref.js';
import type { Scope } from '../scope.js';

// The verb methods axios, got and ky instances share; all take the URL first.
const VERBS: Record<string, string> = { get: 'GET', post: 'POST', put: 'PUT', patch: 'PATCH', delete: 'DELETE', head: 'HEAD', options: 'OPTIONS' };

/** A verb call on an imported binding, as a pending request, else null. */
export function detectImportedClientCall(call: TSESTree.CallExpression, scope: Scope, context: FileContext): HttpCallFact | null {
  const method = methodCall(call);
  const verb = method ? VERBS[method.name] : undefined;
  if (!method || verb === undefined) return null;
  // A function among the arguments makes it a route (`router.get('/x', handler)`), not a request.
  if (call.arguments.some((argument) => argument.type === 'SpreadElement' || isFunction(argument))) return null;
  const url = argumentAt(call, 0);
  const via = importedClientRef(method.receiver, scope);
  if (url === null || via === null || via.shape === 'class') return null;
  return { ...httpFact(context, startOf(method.nameNode), 'imported', verb, fold(url, scope)), via };
}
