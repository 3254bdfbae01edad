/** no-sync-call-cycle: services that call each other synchronously in a cycle. */
import { z } from 'zod';
import { defineRule } from '../../src/check/define-rule.js';
import { byLocation, callSites } from '../../src/graph/queries/calls.js';
import { nameOf, serviceKey } from '../../src/graph/keys.js';
import { shortestSyncPath } from '../../src/graph/queries/paths.js';
import type { RelatedLocation, ResolvedCall } from '../../src/types/index.js';

export default defineRule({
  meta: {
    id: 'no-sync-call-cycle',
    description: 'Disallow cycles in the synchronous call graph between services',
    category: 'coupling',
    severity: 'error',
    recommended: true,
    precision: 'high',
    messages: {
      cycle:
        'Services {services} call each other synchronously in a cycle: {cycle}. None of them can be deployed, scaled or ' +
        'fail on its own: a slow or failing service stalls the whole cycle. Break the cycle: replace one call with an ' +
        'event, or move the logic both sides need into one service.',
    },
    options: z.object({}).strict(),
    defaultOptions: {},
    references: [
      'https://microservices.io/patterns/communication-style/messaging.html',
      'https://www.infoq.com/articles/distributed-monolith/',
    ],
    since: '0.1.0',
  },
  check(graph, context) {
    for (const component of graph.derived.syncCycles) {
      const members = new Set(component);
      const [start] = component;
      if (start === undefined) continue;
      // Anchor on the earliest call site from the first service into the cycle; walk back from its target.
      const first = component
        .slice(1)
        .flatMap((member) => callSites(graph.graph, start, member))
        .sort(byLocation)[0];
      if (first === undefined || first.target.kind !== 'service') continue;
      const back = shortestSyncPath(graph.graph, serviceKey(first.target.service), start, members);
      if (back === null) continue;
      const path = [start, ...back];
      const related: RelatedLocation[] = [];
      for (let i = 1; i + 1 < path.length; i++) {
        const from = path[i] ?? '';
        const to = path[i + 1] ?? '';
        const site = callSites(graph.graph, from, to)[0];
        if (site !== undefined) related.push(relatedCall(site, nameOf(from), nameOf(to)));
      }
      const names = component.map(nameOf);
      context.report({
        messageId: 'cycle',
        data: { services: listNames(names), cycle: path.map(nameOf).join(' → ') },
        location: first.location,
        related,
        services: names,
        path,
        key: component.join(','),
      });
    }
  },
});

function relatedCall(call: ResolvedCall, from: string, to: string): RelatedLocation {
  const { file, line, column } = call.location;
  return { file, line, ...(column === undefined ? {} : { column }), message: `${from} calls ${to} here (${call.url})` };
}

function listNames(names: string[]): string {
  if (names.length <= 2) return names.join(' and ');
  return `${names.slice(0, -1).join(', ')} and ${names[names.length - 1] ?? ''}`;
}
