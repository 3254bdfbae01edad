/** Broker clients driven by method calls: amqplib channels, ioredis / node-redis pub-sub and streams, nats. */
import type { TSESTree } from '@typescript-eslint/types';
import type { MessageFact } from '../../../types/index.js';
import type { Node } from '../ast.js';
import { argumentAt, methodCall, startOf, stringValue, unwrap } from '../ast.js';
import type { FileContext } from '../context.js';
import { fold } from '../fold.js';
import { hasKnownPart, literalText } from '../../../shared/folded.js';
import type { Scope } from '../scope.js';
import { messageFact } from './facts.js';
import type { Origin } from './origin.js';
import { isFrom, originOf, stepsOf } from './origin.js';

/** Per-file amqplib state: queues bound to an exchange are consumed through that exchange, not by their own name. */
export interface AmqpState {
  boundQueues: Set<string>;
}

/** amqplib: `publish(exchange, key)`, `sendToQueue(queue)`, `consume(queue)`, `bindQueue(queue, exchange)`. */
export function detectAmqp(call: TSESTree.CallExpression, scope: Scope, context: FileContext, state: AmqpState): MessageFact[] {
  const method = methodCall(call);
  if (!method || !['publish', 'sendToQueue', 'consume', 'bindQueue'].includes(method.name)) return [];
  const origin = originOf(method.receiver, scope);
  if (!isFrom(origin, ['amqplib', 'amqplib/callback_api', 'amqp-connection-manager'], ['default', '*', 'connect'])) return [];
  if (!origin || !/\.create(?:Confirm)?Channel call/.test(stepsOf(origin))) return [];
  const first = argumentAt(call, 0);
  const second = argumentAt(call, 1);
  if (!first) return [];
  const offset = startOf(method.nameNode);
  const fact = (role: MessageFact['role'], node: Node): MessageFact => messageFact(context, offset, 'amqp', role, 'amqplib', fold(node, scope));
  switch (method.name) {
    case 'publish': {
      // The default exchange ('') routes by queue name: the routing key is the queue.
      const exchange = literalText(fold(first, scope));
      return [fact('publish', exchange === '' && second ? second : first)];
    }
    case 'sendToQueue':
      return [fact('publish', first)];
    case 'bindQueue': {
      const queue = literalText(fold(first, scope));
      if (queue !== null) state.boundQueues.add(queue);
      return second ? [fact('consume', second)] : [];
    }
    default:
      return [fact('consume', first)];
  }
}

/** Drops `consume(queue)` facts of queues the file binds to an exchange (the exchange is the topic). */
export function dropBoundQueues(facts: MessageFact[], state: AmqpState): MessageFact[] {
  return facts.filter((fact) => {
    if (fact.client !== 'amqplib' || fact.role !== 'consume') return true;
    const name = literalText(fact.topic);
    return name === null || !state.boundQueues.has(name);
  });
}

/** ioredis / node-redis: `publish(channel)`, `subscribe(...channels)`, `xadd(stream)`, `xreadgroup(… STREAMS key)`. */
export function detectRedis(call: TSESTree.CallExpression, scope: Scope, context: FileContext): MessageFact[] {
  const method = methodCall(call);
  if (!method) return [];
  const name = method.name.toLowerCase();
  if (!['publish', 'spublish', 'subscribe', 'ssubscribe', 'xadd', 'xreadgroup', 'xread'].includes(name)) return [];
  if (!isRedisClient(originOf(method.receiver, scope))) return [];
  const offset = startOf(method.nameNode);
  const make = (role: MessageFact['role'], node: Node): MessageFact => messageFact(context, offset, 'redis', role, 'redis', fold(node, scope));
  const args = call.arguments.flatMap((argument) => (argument.type === 'SpreadElement' ? [] : [argument]));
  const first = args[0];
  if (!first) return [];
  if (name === 'publish' || name === 'spublish' || name === 'xadd') return [make('publish', first)];
  if (name === 'subscribe' || name === 'ssubscribe') {
    // Channel names, not the listener callback or options.
    return args.filter((arg) => !isFunctionLike(arg) && hasKnownPart(fold(arg, scope))).map((arg) => make('consume', arg));
  }
  const streams = args.findIndex((arg) => stringValue(arg)?.toUpperCase() === 'STREAMS');
  const key = streams >= 0 ? args[streams + 1] : undefined;
  return key ? [make('consume', key)] : [];
}

function isRedisClient(origin: Origin | null): boolean {
  if (!origin) return false;
  const steps = stepsOf(origin);
  // `new Redis(…)`, or a member or parameter declared with the imported client type.
  if (isFrom(origin, ['ioredis'], ['default', '*', 'Redis', 'Cluster'])) return steps.startsWith('new') || steps.startsWith('.Cluster new') || steps === 'instance';
  if (isFrom(origin, ['redis', '@redis/client'], ['RedisClientType'])) return steps === 'instance';
  return isFrom(origin, ['redis', '@redis/client'], ['createClient', 'createCluster']) && steps.startsWith('call');
}

/** nats: `nc.publish(subject)`, `nc.subscribe(subject)`, JetStream `js.publish` / `js.subscribe` / `pullSubscribe`. */
export function detectNats(call: TSESTree.CallExpression, scope: Scope, context: FileContext): MessageFact[] {
  const method = methodCall(call);
  if (!method || !['publish', 'subscribe', 'pullSubscribe'].includes(method.name)) return [];
  const origin = originOf(method.receiver, scope);
  if (!isFrom(origin, ['nats'], ['connect']) || !origin?.steps[0]?.startsWith('call')) return [];
  const subject = argumentAt(call, 0);
  if (!subject) return [];
  const role = method.name === 'publish' ? 'publish' : 'consume';
  return [messageFact(context, startOf(method.nameNode), 'nats', role, 'nats', fold(subject, scope))];
}

function isFunctionLike(node: Node): boolean {
  const target = unwrap(node);
  return target.type === 'ArrowFunctionExpression' || target.type === 'FunctionExpression' || target.type === 'ObjectExpression';
}
