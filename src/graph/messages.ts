/** Topic nodes and async edges: a publisher points at its topic, a topic at each consumer. */
import type { ArchMultiGraph, Model } from '../types/index.js';
import { serviceKey } from './keys.js';

/** `topic:kafka:order.placed`. */
export const topicKey = (broker: string, name: string): string => `topic:${broker}:${name}`;

/** Adds one async edge per publish or consume site. */
export function addMessagesToGraph(graph: ArchMultiGraph, model: Model): void {
  for (const message of model.messages ?? []) {
    const topic = topicKey(message.broker, message.topic);
    const service = serviceKey(message.service);
    if (!graph.hasNode(service)) continue;
    if (!graph.hasNode(topic)) graph.addNode(topic, { type: 'topic', broker: message.broker, name: message.topic });
    const [from, to] = message.role === 'publish' ? [service, topic] : [topic, service];
    graph.addDirectedEdge(from, to, {
      kind: 'async',
      protocol: message.broker,
      location: message.location,
      confidence: message.confidence,
      message,
    });
  }
}
