/** no-hardcoded-endpoint: a literal IP, localhost or host:port of an internal service written into service code. */
import { z } from 'zod';
import { defineRule } from '../../src/check/define-rule.js';
import { callKey, judgedCalls, targetName } from '../../src/graph/queries/guards.js';

// IPv4, bracketed IPv6, localhost, or any host with an explicit port.
const FIXED_HOST = /^(?:\d{1,3}(?:\.\d{1,3}){3}(?::\d+)?|\[[0-9a-f:.]+\](?::\d+)?|localhost(?::\d+)?|[^:]+:\d+)$/i;
// Config modules: `config.ts`, `env.ts`, `settings.ts`, `*.config.ts`, anything under a `config/` folder.
const CONFIG_MODULE = /(?:^|\/)(?:config|configs|configuration|settings|env|environment)(?:\/|\.[cm]?[jt]s$)|\.config\.[cm]?[jt]s$/i;

export default defineRule({
  meta: {
    id: 'no-hardcoded-endpoint',
    description: 'Disallow fixed hosts, IPs and ports of internal services in service code',
    category: 'operations',
    severity: 'warning',
    recommended: true,
    precision: 'high',
    messages: {
      hardcoded:
        '{from} reaches {to} through the fixed address {host} written in {file} ({source}). The address is only ' +
        'right on one machine or one network layout: it breaks in other environments and hides the dependency ' +
        'from deployment config. Read the URL from the environment (set per deployment), keeping a default only ' +
        'in a config module.',
    },
    options: z
      .object({
        allowConfigDefaults: z
          .boolean()
          .describe('Allow a fixed address as the fallback of an env read (`process.env.X ?? …`) inside a config module'),
      })
      .strict(),
    defaultOptions: { allowConfigDefaults: true },
    references: ['https://12factor.net/config', 'https://12factor.net/backing-services'],
    since: '0.2.0',
  },
  check(graph, context) {
    for (const call of judgedCalls(graph, false)) {
      const fixed = call.hardcoded;
      if (!fixed || !FIXED_HOST.test(fixed.host)) continue;
      if (fixed.source === 'env-default' && context.options.allowConfigDefaults && CONFIG_MODULE.test(fixed.file)) continue;
      context.report({
        messageId: 'hardcoded',
        data: {
          from: call.from,
          to: targetName(call),
          host: fixed.host,
          file: fixed.file,
          source: fixed.source === 'literal' ? 'a literal URL' : 'the default of an env read outside a config module',
        },
        location: call.location,
        services: [call.from, targetName(call)].sort(),
        key: `${callKey(call)}\u0000${fixed.host}`,
      });
    }
  },
});
