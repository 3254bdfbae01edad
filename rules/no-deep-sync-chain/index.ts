/** no-deep-sync-chain: synchronous call chains between services deeper than a configured number of hops. */
import { z } from 'zod';
import { defineRule } from '../../src/check/define-rule.js';
import { nameOf } from '../../src/graph/keys.js';
import { callSites } from '../../src/graph/queries/calls.js';
import type { RelatedLocation } from '../../src/types/index.js';

export default defineRule({
  meta: {
    id: 'no-deep-sync-chain',
    description: 'Disallow synchronous call chains between services deeper than a configured depth',
    category: 'coupling',
    severity: 'warning',
    recommended: true,
    precision: 'high',
    messages: {
      deep:
        'A request to {start} waits on a chain of {depth} synchronous calls: {chain} (more than {maxDepth}). Its ' +
        'latency is the sum of every hop and its availability the product of theirs; any service of the chain ' +
        'failing fails the request. Cut the chain: let a downstream service keep its own copy of the data it ' +
        'needs (from events), or answer later asynchronously.',
    },
    options: z
      .object({
        maxDepth: z.number().int().min(1).describe('Most synchronous hops allowed in a chain starting at an entry service'),
      })
      .strict(),
    defaultOptions: { maxDepth: 3 },
    references: ['https://microservices.io/patterns/communication-style/messaging.html'],
    since: '0.2.0',
  },
  check(graph, context) {
    const chains = graph.derived.syncChains ?? {};
    const called = new Set<string>();
    for (const chain of Object.values(chains)) for (const node of chain.slice(1)) called.add(node);
    // Report from entry services only: a chain from a service nobody calls synchronously (no suffix repeats).
    for (const [start, chain] of Object.entries(chains).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
      const depth = chain.length - 1;
      if (called.has(start) || depth <= context.options.maxDepth) continue;
      const [from, to] = chain;
      const first = from !== undefined && to !== undefined ? callSites(graph.graph, from, to)[0] : undefined;
      if (first === undefined) continue;
      const related: RelatedLocation[] = [];
      for (let i = 1; i + 1 < chain.length; i++) {
        const site = callSites(graph.graph, chain[i] ?? '', chain[i + 1] ?? '')[0];
        if (site === undefined) continue;
        const { file, line, column } = site.location;
        const message = `${nameOf(chain[i] ?? '')} calls ${nameOf(chain[i + 1] ?? '')} here (${site.url})`;
        related.push({ file, line, ...(column === undefined ? {} : { column }), message });
      }
      context.report({
        messageId: 'deep',
        data: { start: nameOf(start), depth, chain: chain.map(nameOf).join(' → '), maxDepth: context.options.maxDepth },
        location: first.location,
        related,
        services: chain.map(nameOf).sort(),
        path: chain,
        key: chain.join(','),
      });
    }
  },
});
