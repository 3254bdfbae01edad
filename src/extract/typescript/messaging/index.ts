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
import type { NestState } from './nest.js';
import { detectNest, newNestState } from './nest.js';

/** What the messaging detectors remember across one file. */
export interface MessagingState extends AmqpState {
  messages: MessageFact[];
  nest: NestState;
}

/**
 * Fresh per-file state. With the program, NestJS client decorators are read from it; without, the few files that
 * inject a NestJS client are parsed a second time for them.
 */
export function newMessagingState(program?: TSESTree.Program): MessagingState {
  return { boundQueues: new Set(), messages: [], nest: newNestState(program) };
}

/** Facts of a call; messages are held in `state` until {@link finishMessaging}. Returns the other facts. */
export function detectMessagingCall(call: TSESTree.CallExpression, scope: Scope, context: FileContext, state: MessagingState): Fact[] {
  const nest = detectNest(call, scope, context, state.nest);
  const messages = [
    ...detectKafka(call, scope, context),
    ...detectAmqp(call, scope, context, state),
    ...detectRedis(call, scope, context),
    ...detectNats(call, scope, context),
    ...detectCloudCall(call, scope, context),
  ];
  state.messages.push(...messages, ...nest.filter((fact): fact is MessageFact => fact.kind === 'message'));
  const rpc = detectGraphqlCall(call, scope, context) ?? detectNestGrpc(call, scope, context, state.nest);
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
