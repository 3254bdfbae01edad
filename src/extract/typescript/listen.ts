/** Servers listening on a port: `app.listen(3000)`, `app.listen(process.env.PORT ?? 3000)`, `app.listen({ port })`. */
import type { TSESTree } from '@typescript-eslint/types';
import type { FoldedValue, ListenFact } from '../../types/index.js';
import type { Node } from './ast.js';
import { argumentAt, methodCall, startOf, unwrap } from './ast.js';
import type { FileContext } from './context.js';
import { listenFact } from './context.js';
import { fold } from './fold.js';
import { literalText, onlyPart } from '../../shared/folded.js';
import { option, optionsAt } from './http/config.js';
import { newBudget, resolveRef } from './resolve.js';
import type { Scope } from './scope.js';

/**
 * A `.listen(…)` call on any receiver whose first argument is port-like: a numeric literal, an env variable,
 * an imported config value, or an options object with `port` (fastify). Ports are cheap evidence, so the
 * receiver is not checked; a socket path or an unknown parameter is not a port and is skipped.
 */
export function detectListen(call: TSESTree.CallExpression, scope: Scope, context: FileContext): ListenFact | null {
  const method = methodCall(call);
  if (method?.name !== 'listen') return null;
  const first = argumentAt(call, 0);
  const port = first ? portOf(first, scope) : null;
  return port ? listenFact(context, startOf(method.nameNode), port) : null;
}

function portOf(node: Node, scope: Scope): FoldedValue | null {
  const options = optionsAt(node, scope);
  if (options.kind === 'object') {
    const port = option(options, 'port');
    return typeof port === 'object' && isPortLike(port) ? port : null;
  }
  const value = fold(node, scope);
  if (isPortLike(value)) return value;
  // express-generator's `normalizePort(process.env.PORT || '3000')`: a local helper around a port expression.
  const ref = resolveRef(node, scope, 0, newBudget());
  if (ref.kind !== 'node' || ref.node.type !== 'CallExpression' || unwrap(ref.node.callee).type !== 'Identifier') return null;
  const inner = argumentAt(ref.node, 0);
  const innerValue = inner ? fold(inner, ref.scope) : null;
  return innerValue && isPortLike(innerValue) ? innerValue : null;
}

// At most five digits: TCP ports end at 65535.
const PORT_NUMBER = /^\d{1,5}$/;

function isPortLike(value: FoldedValue): boolean {
  const text = literalText(value);
  if (text !== null) return PORT_NUMBER.test(text);
  const part = onlyPart(value);
  return part?.kind === 'env' || part?.kind === 'import';
}
