/** The messaging detectors, one per client family, tried in turn on each call or `new`. */
import type { TSESTree } from '@typescript-eslint/types';
import type { Fact, MessageFact, RpcCallFact } from '../../../types/index.js';
import type { FileContext } from '../context.js';
import type { Scope } from '../scope.js';
import type { AmqpState } from './brokers.js';
import { detectAmqp, detectNats, detectRedis, dropBoundQueues } from './brokers.js';
import { detectCloudCall, detectConstructed } from './cloud.js';
import { detectGraphqlCall, detectGraphqlNew } from './graphql.js';
import { detectGrpcClient, detectNestGrpc } from './grpc.js';
import { detectKafka } from './kafka.js';
import { detectNest } from './nest.js';

/** What the messaging detectors remember across one file. */
export interface MessagingState extends AmqpState {
  messages: MessageFact[];
}

export function newMessagingState(): MessagingState {
  return { boundQueues: new Set(), messages: [] };
}

/** Facts of a call; messages are held in `state` until {@link finishMessaging}. Returns the other facts. */
export function detectMessagingCall(call: TSESTree.CallExpression, scope: Scope, context: FileContext, state: MessagingState): Fact[] {
  const nest = detectNest(call, scope, context);
  const messages = [
    ...detectKafka(call, scope, context),
    ...detectAmqp(call, scope, context, state),
    ...detectRedis(call, scope, context),
    ...detectNats(call, scope, context),
    ...detectCloudCall(call, scope, context),
  ];
  state.messages.push(...messages, ...nest.filter((fact): fact is MessageFact => fact.kind === 'message'));
  const rpc = detectGraphqlCall(call, scope, context) ?? detectNestGrpc(call, scope, context);
  return [...nest.filter((fact) => fact.kind !== 'message'), ...(rpc ? [rpc] : [])];
}

/** Facts of a `new` expression: messages (bullmq, AWS commands) go to `state`; a gRPC or GraphQL client is returned. */
export function detectMessagingNew(node: TSESTree.NewExpression, scope: Scope, context: FileContext, state: MessagingState): RpcCallFact | null {
  state.messages.push(...detectConstructed(node, scope, context));
  return detectGrpcClient(node, scope, context) ?? detectGraphqlNew(node, scope, context);
}

/** The file's message facts, after per-file fix-ups. */
export function finishMessaging(state: MessagingState): MessageFact[] {
  return dropBoundQueues(state.messages, state);
}
