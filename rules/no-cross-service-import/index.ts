/** no-cross-service-import: service code importing another service's internal source. */
import { z } from 'zod';
import { defineRule } from '../../src/check/define-rule.js';
import type { RelatedLocation } from '../../src/types/index.js';

const SOURCE_FILE = /\.[cm]?[jt]sx?$/;

export default defineRule({
  meta: {
    id: 'no-cross-service-import',
    description: "Disallow importing another service's internal source code",
    category: 'coupling',
    severity: 'error',
    recommended: true,
    precision: 'very-high',
    messages: {
      crossImport:
        "Service {from} imports '{specifier}' from the source of service {to} ({target}). Code shared this way ties " +
        "both services' builds and releases together and exposes the internals of {to}. Move the shared code into a " +
        'library package, or call {to} through its API.',
    },
    options: z
      .object({
        allowTypeOnly: z
          .boolean()
          .describe('Allow `import type` from another service (erased at run time, but still couples builds)'),
      })
      .strict(),
    defaultOptions: { allowTypeOnly: false },
    references: ['https://microservices.io/patterns/decomposition/service-per-team.html'],
    since: '0.1.0',
  },
  check(graph, context) {
    for (const entry of graph.model.imports) {
      if (entry.toService === null) continue;
      if (entry.typeOnly && context.options.allowTypeOnly) continue;
      const related: RelatedLocation[] = SOURCE_FILE.test(entry.target)
        ? [{ file: entry.target, line: 1, message: `internal module of service ${entry.toService}` }]
        : [];
      context.report({
        messageId: 'crossImport',
        data: { from: entry.fromService, to: entry.toService, specifier: entry.specifier, target: entry.target },
        location: entry.location,
        related,
        services: [entry.fromService, entry.toService],
        key: `${entry.location.file}|${entry.specifier}`,
      });
    }
  },
});
