/** require-timeout: synchronous calls to another service with no timeout, in code or in the mesh. */
import { z } from 'zod';
import { defineRule } from '../../src/check/define-rule.js';
import { unguardedCallReports } from '../../src/graph/queries/guards.js';

export default defineRule({
  meta: {
    id: 'require-timeout',
    description: 'Require a timeout on every synchronous call to another service',
    category: 'resilience',
    severity: 'warning',
    recommended: true,
    precision: 'medium',
    messages: {
      missing:
        '{from} calls {to} ({url}) without a timeout: none in code (request option, client instance, defaults or ' +
        'module) and none in the mesh (no route timeout for {to}). A slow {to} holds this request, its connection ' +
        'and its caller until the socket gives up. Set a timeout on the client or the call, or a route timeout in the mesh.',
      routeMismatch:
        '{from} calls {to} ({url}) without a timeout: none in code (request option, client instance, defaults or ' +
        'module) and none in the mesh that applies (a route timeout for {to} exists, but its route does not match ' +
        'this call: {request}). A slow {to} holds this request, its connection and its caller until the socket gives ' +
        'up. Set a timeout on the client or the call, or on the mesh route this call takes.',
      routeUndecided:
        '{from} calls {to} ({url}) without a timeout: none in code (request option, client instance, defaults or ' +
        'module) and none in the mesh that surely applies (a route timeout for {to} exists, but whether its route ' +
        'takes this call ({request}) cannot be told from the code). A slow {to} holds this request, its connection ' +
        'and its caller until the socket gives up. Set a timeout on the client or the call, or make the mesh route ' +
        'this call takes carry one.',
    },
    options: z
      .object({
        includeExternal: z.boolean().describe('Also judge calls to external hosts (third-party APIs)'),
      })
      .strict(),
    defaultOptions: { includeExternal: false },
    references: [
      'https://aws.amazon.com/builders-library/timeouts-retries-and-backoff-with-jitter/',
      'https://istio.io/latest/docs/tasks/traffic-management/request-timeouts/',
    ],
    since: '0.2.0',
  },
  check(graph, context) {
    for (const { meshMiss, ...report } of unguardedCallReports(graph, context.options.includeExternal, 'timeout')) {
      const messageId = meshMiss === 'no-match' ? 'routeMismatch' : meshMiss === 'undecided' ? 'routeUndecided' : 'missing';
      context.report({ messageId, ...report });
    }
  },
});
