/** Constructors for messaging facts and the small option readers every broker detector shares. */
import type { TSESTree } from '@typescript-eslint/types';
import type { FoldedValue, MessageFact, RpcCallFact } from '../../../types/index.js';
import type { Node } from '../ast.js';
import { unwrap } from '../ast.js';
import type { FileContext } from '../context.js';
import { at, EXTRACTOR_ID } from '../context.js';
import { fold } from '../fold.js';
import { lookupProperty, newBudget, resolveRef } from '../resolve.js';
import type { Scope } from '../scope.js';

/** A {@link MessageFact}. */
export function messageFact(
  context: FileContext,
  offset: number,
  broker: string,
  role: MessageFact['role'],
  client: string,
  topic: FoldedValue,
): MessageFact {
  return { kind: 'message', location: at(context, offset), extractor: EXTRACTOR_ID, broker, role, client, topic };
}

/** An {@link RpcCallFact}. */
export function rpcFact(
  context: FileContext,
  offset: number,
  protocol: RpcCallFact['protocol'],
  client: string,
  operation: string | null,
  address: FoldedValue | null,
): RpcCallFact {
  return { kind: 'rpc-call', location: at(context, offset), extractor: EXTRACTOR_ID, protocol, client, operation, address, token: null };
}

/** The expression of property `key` of the object literal `node` resolves to, else null. */
export function propertyNode(node: Node | null, key: string, scope: Scope): { node: Node; scope: Scope } | null {
  if (!node) return null;
  const ref = resolveRef(node, scope, 0, newBudget());
  if (ref.kind !== 'node' || ref.node.type !== 'ObjectExpression') return null;
  const found = lookupProperty(ref.node, key, ref.scope, 0, newBudget());
  return found.kind === 'node' ? { node: found.node, scope: found.scope } : null;
}

/** Folded values of an expression that is one value or an array literal of them (`topic` / `topics: [...]`). */
export function foldMany(node: Node, scope: Scope): FoldedValue[] {
  const ref = resolveRef(node, scope, 0, newBudget());
  const target = ref.kind === 'node' ? unwrap(ref.node) : unwrap(node);
  const inner = ref.kind === 'node' ? ref.scope : scope;
  if (target.type === 'ArrayExpression') {
    return target.elements.flatMap((element) => (element && element.type !== 'SpreadElement' ? [fold(element, inner)] : []));
  }
  return [fold(node, scope)];
}

/** The first argument, when it is not a spread. */
export function firstArgument(call: TSESTree.CallExpression | TSESTree.NewExpression): Node | null {
  const first = call.arguments[0];
  return first && first.type !== 'SpreadElement' ? first : null;
}
