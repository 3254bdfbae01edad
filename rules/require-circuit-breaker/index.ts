/** require-circuit-breaker: synchronous calls to another service with no circuit breaker, in code or in the mesh. */
import { z } from 'zod';
import { defineRule } from '../../src/check/define-rule.js';
import { unguardedCallReports } from '../../src/graph/queries/guards.js';

export default defineRule({
  meta: {
    id: 'require-circuit-breaker',
    description: 'Require a circuit breaker around every synchronous call to another service',
    category: 'resilience',
    severity: 'warning',
    recommended: false,
    precision: 'medium',
    messages: {
      missing:
        '{from} calls {to} ({url}) without a circuit breaker: none in code (opossum, cockatiel or a breaker class ' +
        'around the call) and none in the mesh (no DestinationRule outlierDetection for {to}). When {to} fails, ' +
        'every request keeps waiting on it and the failure spreads to {from}. Wrap the call in a breaker, or add ' +
        'outlier detection for {to} in the mesh.',
    },
    options: z
      .object({
        includeExternal: z.boolean().describe('Also judge calls to external hosts (third-party APIs)'),
      })
      .strict(),
    defaultOptions: { includeExternal: false },
    references: [
      'https://martinfowler.com/bliki/CircuitBreaker.html',
      'https://istio.io/latest/docs/tasks/traffic-management/circuit-breaking/',
    ],
    since: '0.2.0',
  },
  check(graph, context) {
    // Mesh breakers (DestinationRule, Envoy cluster) cover every request to a host, never one route: `meshMiss`,
    // which require-timeout words, stays null here.
    for (const { meshMiss: _perHost, ...report } of unguardedCallReports(graph, context.options.includeExternal, 'breaker')) {
      context.report({ messageId: 'missing', ...report });
    }
  },
});
