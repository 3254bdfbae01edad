/**
 * gRPC clients as sync edges: @grpc/grpc-js clients built from a loaded proto (`new pkg.Pricing(address, creds)`)
 * and NestJS `ClientGrpc.getService('Pricing')` (the address comes from the `Transport.GRPC` entry of
 * `ClientsModule.register`). A per-call `deadline` option on a method of such a client is its timeout guard.
 */
import type { TSESTree } from '@typescript-eslint/types';
import type { Fact, RpcCallFact } from '../../../types/index.js';
import { methodCall, startOf, unwrap } from '../ast.js';
import type { WalkEvent } from '../collect.js';
import type { FileContext } from '../context.js';
import { at } from '../context.js';
import { fold } from '../fold.js';
import { literal, literalText } from '../../../shared/folded.js';
import { newBudget, resolveRef } from '../resolve.js';
import type { Scope } from '../scope.js';
import { firstArgument, propertyNode, rpcFact } from './facts.js';
import { clientLink } from './nest-clients.js';
import type { NestState } from './nest.js';
import { isFrom, originOf, stepsOf } from './origin.js';

/** One rpc fact per client construction: every method called on it goes to the same address. */
export function detectGrpcClient(node: TSESTree.NewExpression, scope: Scope, context: FileContext): RpcCallFact | null {
  const origin = originOf(node.callee, scope);
  // `grpc.loadPackageDefinition(def).shop.Pricing` (through consts): a call of the loader, then members.
  if (!origin || !isFrom(origin, ['@grpc/grpc-js', 'grpc'], ['loadPackageDefinition']) || origin.steps[0] !== 'call') return null;
  const service = origin.steps.slice(1);
  if (service.length === 0 || !service.every((step) => step.startsWith('.'))) return null;
  const address = firstArgument(node);
  if (!address) return null;
  const name = service[service.length - 1]?.slice(1) ?? null;
  return rpcFact(context, startOf(node), 'grpc', '@grpc/grpc-js', name, { parts: [...literal('grpc://').parts, ...fold(address, scope).parts] });
}

/**
 * `client.getService<T>('Pricing')` on a NestJS `ClientGrpc`: one rpc fact, with the client's token (resolve finds its
 * `Transport.GRPC` entry) or, for a client made in place (`@Client`, `ClientProxyFactory.create`), its address.
 */
export function detectNestGrpc(call: TSESTree.CallExpression, scope: Scope, context: FileContext, state: NestState): RpcCallFact | null {
  const method = methodCall(call);
  if (method?.name !== 'getService') return null;
  const origin = originOf(method.receiver, scope);
  const isClient =
    isFrom(origin, ['@nestjs/microservices'], ['ClientGrpc', 'ClientGrpcProxy']) ||
    (isFrom(origin, ['@nestjs/microservices'], ['ClientProxyFactory']) && origin !== null && stepsOf(origin) === '.create call');
  if (!isClient) return null;
  const first = firstArgument(call);
  const name = first ? literalText(fold(first, scope)) : null;
  const link = clientLink(method.receiver, scope, context, state);
  const fact = rpcFact(context, startOf(call), 'grpc', 'nestjs-microservices', name, link?.kind === 'inline' ? link.address : null);
  return { ...fact, token: link?.kind === 'token' ? link.token : null };
}

/** Sets a timeout guard on gRPC client facts when a method call on the client passes a `deadline` option. */
export function applyGrpcDeadlines(events: readonly WalkEvent[], facts: readonly Fact[], context: FileContext): void {
  const clients = new Map<string, RpcCallFact>();
  for (const fact of facts) {
    if (fact.kind === 'rpc-call' && fact.protocol === 'grpc') clients.set(key(fact.location.line, fact.location.column), fact);
  }
  if (clients.size === 0) return;
  for (const event of events) {
    if (event.kind !== 'call') continue;
    const method = methodCall(event.node);
    if (!method) continue;
    const deadline = event.node.arguments.find((argument) => argument.type !== 'SpreadElement' && propertyNode(argument, 'deadline', event.scope) !== null);
    if (!deadline) continue;
    const created = resolveRef(method.receiver, event.scope, 0, newBudget());
    if (created.kind !== 'node') continue;
    const where = at(context, startOf(unwrap(created.node)));
    const fact = clients.get(key(where.line, where.column));
    if (!fact || fact.guards?.timeout) continue;
    const guard = at(context, startOf(deadline));
    fact.guards = { timeout: guard, breaker: fact.guards?.breaker ?? null, retry: fact.guards?.retry ?? null };
  }
}

function key(line: number, column: number | undefined): string {
  return `${line}:${column ?? 0}`;
}
