/** kafkajs: `producer.send({ topic })`, `sendBatch({ topicMessages })`, `consumer.subscribe({ topic | topics })`. */
import type { TSESTree } from '@typescript-eslint/types';
import type { MessageFact } from '../../../types/index.js';
import { argumentAt, methodCall, startOf } from '../ast.js';
import type { FileContext } from '../context.js';
import type { Scope } from '../scope.js';
import { foldMany, messageFact, propertyNode } from './facts.js';
import { isFrom, originOf, stepsOf } from './origin.js';

/** Messages a kafkajs producer or consumer call sends or subscribes to. */
export function detectKafka(call: TSESTree.CallExpression, scope: Scope, context: FileContext): MessageFact[] {
  const method = methodCall(call);
  if (!method || !['send', 'sendBatch', 'subscribe'].includes(method.name)) return [];
  const origin = originOf(method.receiver, scope);
  if (!origin || !isFrom(origin, ['kafkajs'], ['Kafka', 'Producer', 'Consumer'])) return [];
  // `new Kafka(…).producer()`, or a value declared `Producer` / `Consumer` (set up elsewhere, passed in).
  const steps = origin.steps.join(' ') === 'instance' ? (origin.imported === 'Producer' ? '.producer call' : '.consumer call') : stepsOf(origin);
  if (origin.imported !== 'Kafka' && origin.steps.join(' ') !== 'instance') return [];
  const offset = startOf(method.nameNode);
  const options = argumentAt(call, 0);
  if (steps.endsWith('.producer call') && method.name === 'send') {
    const topic = propertyNode(options, 'topic', scope);
    return topic ? foldMany(topic.node, topic.scope).map((value) => messageFact(context, offset, 'kafka', 'publish', 'kafkajs', value)) : [];
  }
  if (steps.endsWith('.producer call') && method.name === 'sendBatch') {
    const list = propertyNode(options, 'topicMessages', scope);
    if (!list || list.node.type !== 'ArrayExpression') return [];
    return list.node.elements.flatMap((element) => {
      const topic = element && element.type !== 'SpreadElement' ? propertyNode(element, 'topic', list.scope) : null;
      return topic ? foldMany(topic.node, topic.scope).map((value) => messageFact(context, offset, 'kafka', 'publish', 'kafkajs', value)) : [];
    });
  }
  if (steps.endsWith('.consumer call') && method.name === 'subscribe') {
    const topic = propertyNode(options, 'topic', scope) ?? propertyNode(options, 'topics', scope);
    return topic ? foldMany(topic.node, topic.scope).map((value) => messageFact(context, offset, 'kafka', 'consume', 'kafkajs', value)) : [];
  }
  return [];
}
