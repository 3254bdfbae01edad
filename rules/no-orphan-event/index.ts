/** no-orphan-event: topics published and never consumed, or consumed and never published, within the repository. */
import picomatch from 'picomatch';
import { z } from 'zod';
import { defineRule } from '../../src/check/define-rule.js';
import { byLocation } from '../../src/graph/queries/calls.js';
import type { ResolvedMessage } from '../../src/types/index.js';

export default defineRule({
  meta: {
    id: 'no-orphan-event',
    description: 'Disallow topics that are published but never consumed, or consumed but never published',
    category: 'topology',
    severity: 'warning',
    recommended: true,
    precision: 'medium',
    messages: {
      unconsumed:
        '{service} publishes to {broker} topic {topic}, but no service in this repository consumes it. Either the ' +
        'events are lost, or the consumer lives elsewhere. Remove the publisher, add the consumer, or declare the ' +
        'topic in `externalTopics` when another repository consumes it.',
      unpublished:
        '{service} consumes {broker} topic {topic}, but no service in this repository publishes to it. The handler ' +
        'never runs, or the producer lives elsewhere. Check the topic name on both sides (a typo here is silent), ' +
        'or declare the topic in `externalTopics` when another repository publishes it.',
    },
    options: z
      .object({
        externalTopics: z
          .array(z.string())
          .describe('Topics that cross the repository boundary: names or `broker:name`, globs allowed (`billing.*`)'),
      })
      .strict(),
    defaultOptions: { externalTopics: [] },
    references: ['https://www.enterpriseintegrationpatterns.com/patterns/messaging/PublishSubscribeChannel.html'],
    since: '0.2.0',
  },
  check(graph, context) {
    const external = context.options.externalTopics.map((pattern) => picomatch(pattern, { dot: true }));
    graph.graph.forEachNode((key, attributes) => {
      if (attributes.type !== 'topic') return;
      if (external.some((matches) => matches(attributes.name) || matches(`${attributes.broker}:${attributes.name}`))) return;
      const publishers: ResolvedMessage[] = [];
      const consumers: ResolvedMessage[] = [];
      graph.graph.forEachInEdge(key, (_edge, edge) => {
        if (edge.kind === 'async') publishers.push(edge.message);
      });
      graph.graph.forEachOutEdge(key, (_edge, edge) => {
        if (edge.kind === 'async') consumers.push(edge.message);
      });
      if (publishers.length > 0 && consumers.length > 0) return;
      const [site] = [...publishers, ...consumers].sort(byLocation);
      if (site === undefined) return;
      context.report({
        messageId: publishers.length > 0 ? 'unconsumed' : 'unpublished',
        data: { service: site.service, broker: attributes.broker, topic: attributes.name },
        location: site.location,
        services: [...new Set([...publishers, ...consumers].map((message) => message.service))].sort(),
        key,
      });
    });
  },
});
