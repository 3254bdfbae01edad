/** Resolves message facts to topics: the destination name rendered per service, one topic per distinct name. */
import type { Fact, MessageFact, ResolvedMessage } from '../types/index.js';
import type { OwnerOf } from '../discover/owner.js';
import { isProductionSource } from './production.js';
import { HOLE, renderValue, type RenderContext } from './values.js';

export type RenderContextOf = (service: string) => RenderContext;

/** Messages of production code in services; destinations archcheck cannot name are left out. */
export function resolveMessages(facts: readonly Fact[], owners: OwnerOf, contextOf: RenderContextOf): ResolvedMessage[] {
  const messages: ResolvedMessage[] = [];
  for (const fact of facts) {
    // `@MessagePattern` handlers answer synchronous `send`s; rpc.ts links them, they are no topic.
    if (fact.kind !== 'message' || fact.broker === 'nest-rpc' || !isProductionSource(fact.location.file)) continue;
    const owner = owners(fact.location.file);
    if (owner?.kind !== 'service') continue;
    const seen = new Set<string>();
    for (const rendering of renderValue(fact.topic, fact.location.file, contextOf(owner.name))) {
      if (rendering.text.includes(HOLE) || rendering.text === '') continue;
      const topic = topicName(fact, rendering.text);
      if (seen.has(topic)) continue;
      seen.add(topic);
      messages.push({
        service: owner.name,
        broker: fact.broker,
        topic,
        role: fact.role,
        client: fact.client,
        location: fact.location,
        confidence: rendering.confidence,
        via: rendering.via,
      });
    }
  }
  return messages;
}

/** SQS queue URLs and SNS topic ARNs name the destination in their last segment. */
function topicName(fact: MessageFact, text: string): string {
  if (fact.broker === 'sqs') return text.slice(text.lastIndexOf('/') + 1);
  if (fact.broker === 'sns') return text.slice(text.lastIndexOf(':') + 1);
  return text;
}
