/** NestJS `HttpService` (`@nestjs/axios`, legacy `@nestjs/common`): `this.http.get(url)` and friends. */
import type { TSESTree } from '@typescript-eslint/types';
import type { HttpCallFact } from '../../../types/index.js';
import { methodCall, startOf } from '../ast.js';
import type { FileContext } from '../context.js';
import type { Scope } from '../scope.js';
import { axiosStyleCall } from './axios.js';
import { resolveClient } from './clients.js';

/**
 * A request through an `HttpService`: the receiver's declared type (constructor parameter property, class
 * property, typed parameter) says it is one. Calls wrapped in `firstValueFrom(…)` or followed by `.pipe(…)` are
 * found too, since the walk visits the inner call itself. The module's `HttpModule.register({ baseURL })`
 * lives in another file, so the URL is the path as written.
 */
export function detectNestHttp(call: TSESTree.CallExpression, scope: Scope, context: FileContext): HttpCallFact | null {
  const method = methodCall(call);
  if (!method) return null;
  const client = resolveClient(method.receiver, scope);
  if (client?.family !== 'nestjs-http') return null;
  return axiosStyleCall(call, method.name, scope, null, 'nestjs-http', startOf(method.nameNode), context);
}
