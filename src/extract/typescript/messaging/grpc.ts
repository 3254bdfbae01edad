/** @grpc/grpc-js: a client built from a loaded proto (`new pkg.Pricing(address, credentials)`) is a sync edge. */
import type { TSESTree } from '@typescript-eslint/types';
import type { RpcCallFact } from '../../../types/index.js';
import { startOf } from '../ast.js';
import type { FileContext } from '../context.js';
import { fold } from '../fold.js';
import { literal } from '../folded.js';
import type { Scope } from '../scope.js';
import { firstArgument, rpcFact } from './facts.js';
import { isFrom, originOf } from './origin.js';

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
