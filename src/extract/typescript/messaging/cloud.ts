/** Constructed clients and commands: bullmq `Queue`/`Worker`, AWS SDK v3 SQS/SNS/EventBridge commands, Google Pub/Sub. */
import type { TSESTree } from '@typescript-eslint/types';
import type { MessageFact } from '../../../types/index.js';
import type { Node } from '../ast.js';
import { argumentAt, methodCall, startOf, unwrap } from '../ast.js';
import type { FileContext } from '../context.js';
import { fold } from '../fold.js';
import { newBudget, resolveRef } from '../resolve.js';
import type { Scope } from '../scope.js';
import { firstArgument, messageFact, propertyNode } from './facts.js';
import { isFrom, originOf } from './origin.js';

// AWS SDK v3 commands: (module, command) → broker, role, and the input field naming the destination.
const AWS_COMMANDS: Record<string, { module: string; broker: string; role: MessageFact['role']; field: string }> = {
  SendMessageCommand: { module: '@aws-sdk/client-sqs', broker: 'sqs', role: 'publish', field: 'QueueUrl' },
  SendMessageBatchCommand: { module: '@aws-sdk/client-sqs', broker: 'sqs', role: 'publish', field: 'QueueUrl' },
  ReceiveMessageCommand: { module: '@aws-sdk/client-sqs', broker: 'sqs', role: 'consume', field: 'QueueUrl' },
  PublishCommand: { module: '@aws-sdk/client-sns', broker: 'sns', role: 'publish', field: 'TopicArn' },
  PublishBatchCommand: { module: '@aws-sdk/client-sns', broker: 'sns', role: 'publish', field: 'TopicArn' },
};

/** `new Queue(name)` / `new Worker(name, fn)` (bullmq), `new SendMessageCommand({ QueueUrl })` and friends. */
export function detectConstructed(node: TSESTree.NewExpression, scope: Scope, context: FileContext): MessageFact[] {
  const origin = originOf(node.callee, scope);
  if (!origin || origin.steps.length > 0) return [];
  const offset = startOf(node);
  const first = firstArgument(node);
  if (isFrom(origin, ['bullmq', 'bull'], ['Queue', 'Worker', 'default']) && first) {
    const role = origin.imported === 'Worker' ? 'consume' : 'publish';
    return [messageFact(context, offset, 'bullmq', role, origin.specifier, fold(first, scope))];
  }
  const command = AWS_COMMANDS[origin.imported];
  if (command && isFrom(origin, [command.module], [origin.imported])) {
    const field = propertyNode(first, command.field, scope);
    return field ? [messageFact(context, offset, command.broker, command.role, 'aws-sdk', fold(field.node, field.scope))] : [];
  }
  if (isFrom(origin, ['@aws-sdk/client-eventbridge'], ['PutEventsCommand'])) {
    const entries = propertyNode(first, 'Entries', scope);
    const list = entries ? unwrap(entries.node) : null;
    if (!entries || list?.type !== 'ArrayExpression') return [];
    return list.elements.flatMap((entry) => {
      const detail = entry && entry.type !== 'SpreadElement' ? propertyNode(entry, 'DetailType', entries.scope) : null;
      return detail ? [messageFact(context, offset, 'eventbridge', 'publish', 'aws-sdk', fold(detail.node, detail.scope))] : [];
    });
  }
  return [];
}

/** sqs-consumer `Consumer.create({ queueUrl })`; Pub/Sub `topic(t).publishMessage()`, `subscription(s).on('message')`. */
export function detectCloudCall(call: TSESTree.CallExpression, scope: Scope, context: FileContext): MessageFact[] {
  const method = methodCall(call);
  if (!method) return [];
  const offset = startOf(method.nameNode);
  if (method.name === 'create' && isFrom(originOf(method.receiver, scope), ['sqs-consumer'], ['Consumer'])) {
    const url = propertyNode(argumentAt(call, 0), 'queueUrl', scope);
    return url ? [messageFact(context, offset, 'sqs', 'consume', 'sqs-consumer', fold(url.node, url.scope))] : [];
  }
  if (method.name === 'publishMessage' || method.name === 'publish' || method.name === 'publishJSON') {
    const topic = pubsubHandle(method.receiver, scope, 'topic');
    return topic ? [messageFact(context, offset, 'pubsub', 'publish', '@google-cloud/pubsub', fold(topic.name, topic.scope))] : [];
  }
  if (method.name === 'on' && fold(argumentAt(call, 0) ?? call, scope).parts.some((p) => p.kind === 'literal' && p.value === 'message')) {
    const subscription = pubsubHandle(method.receiver, scope, 'subscription');
    if (!subscription) return [];
    // `topic(t).subscription(s)` names the topic; a bare `subscription(s)` only names the subscription.
    const topic = pubsubHandle(subscription.receiver, subscription.scope, 'topic');
    const name = topic ?? subscription;
    return [messageFact(context, offset, 'pubsub', 'consume', '@google-cloud/pubsub', fold(name.name, name.scope))];
  }
  return [];
}

/** `pubsub.topic(name)` (directly or through a const) on a `new PubSub()`: the name argument and receiver. */
function pubsubHandle(expression: Node, scope: Scope, kind: 'topic' | 'subscription'): { name: Node; receiver: Node; scope: Scope } | null {
  const ref = resolveRef(expression, scope, 0, newBudget());
  if (ref.kind !== 'node') return null;
  const node = unwrap(ref.node);
  if (node.type !== 'CallExpression') return null;
  const inner = methodCall(node);
  const name = argumentAt(node, 0);
  if (!inner || inner.name !== kind || !name) return null;
  const receiver = unwrap(inner.receiver);
  const isTopicReceiver = receiver.type === 'CallExpression' && methodCall(receiver)?.name === 'topic';
  const base = isTopicReceiver ? methodCall(receiver)?.receiver ?? receiver : receiver;
  const origin = originOf(base, ref.scope);
  if (!isFrom(origin, ['@google-cloud/pubsub'], ['PubSub', 'default']) || origin?.steps[0] !== 'new') return null;
  return { name, receiver: inner.receiver, scope: ref.scope };
}
