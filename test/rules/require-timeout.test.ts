import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyze } from '../../src/index.js';
import { analyzeFixture, configFile, findingLines, fixtureRoot, itReportsExactlyTheAnnotatedFindings } from './harness.js';

const RULE = 'require-timeout';

describe(RULE, () => {
  itReportsExactlyTheAnnotatedFindings(RULE);

  it('names the call site, both services and the URL, and leaves external calls alone by default', async () => {
    const result = await analyzeFixture(RULE, 'invalid-axios-fetch-no-timeout');
    const findings = result.findings.filter((finding) => finding.ruleId === RULE);
    expect(findings.map((finding) => finding.services)).toEqual([
      ['inventory', 'orders'],
      ['orders', 'payments'],
    ]);
    expect(findings[1]?.message).toBe(
      'orders calls payments (http://payments:3000/authorizations) without a timeout: none in code (request option, ' +
        'client instance, defaults or module) and none in the mesh (no route timeout for payments). A slow payments ' +
        'holds this request, its connection and its caller until the socket gives up. Set a timeout on the client or ' +
        'the call, or a route timeout in the mesh.',
    );
  });

  it('judges calls to external hosts when includeExternal is set', async () => {
    const result = await analyze({
      root: fixtureRoot(RULE, 'invalid-axios-fetch-no-timeout'),
      configFile: configFile({ rules: { [RULE]: ['warning', { includeExternal: true }] } }),
    });
    expect(findingLines(result, RULE)).toEqual([
      'orders/src/clients/inventory.client.ts:20',
      'orders/src/clients/inventory.client.ts:4',
      'orders/src/clients/payments.client.ts:7',
    ]);
  });

  it('gives exactly the sync edges of the valid system, each protected in code or in the mesh', async () => {
    const result = await analyzeFixture(RULE, 'valid-timeouts-in-code-and-mesh');
    expect(result.edges.filter((edge) => edge.kind === 'sync').map((edge) => `${edge.from} -> ${edge.to}`)).toEqual([
      'service:storefront -> service:catalog',
      'service:storefront -> service:pricing',
      'service:storefront -> service:reviews',
      'service:storefront -> service:search',
    ]);
  });

  it('links GraphQL clients and a NestJS gRPC client (deadline = timeout) to the services they call', async () => {
    const result = await analyzeFixture(RULE, 'invalid-graphql-grpc-no-timeout');
    expect(result.edges.filter((edge) => edge.kind === 'sync').map((edge) => `${edge.from} -> ${edge.to} ${edge.protocol}`)).toEqual([
      'service:storefront -> service:catalog graphql',
      'service:storefront -> service:reviews graphql',
      'service:storefront -> service:stock grpc',
    ]);
  });

  it('takes Linkerd ServiceProfile and Envoy route timeouts as mesh guards, and matches each call to its route', async () => {
    const calls: string[] = [];
    const result = await analyze({
      root: fixtureRoot(RULE, 'valid-linkerd-envoy-mesh'),
      onModel: (model) => {
        for (const call of model.calls) {
          const target = call.target.kind === 'service' ? call.target.service : call.target.kind;
          const timeout = call.guards?.timeout;
          calls.push(`${target} ${timeout ? `${timeout.layer} ${timeout.location.file}:${timeout.location.line}` : 'none'} route ${call.route ? `${call.route.file}:${call.route.line}` : 'none'}`);
        }
      },
    });
    expect(findingLines(result, RULE)).toEqual([]);
    expect(calls).toEqual([
      'ledger mesh deploy/ledger-profile.yaml:12 route ledger/src/main.ts:4',
      'shipping mesh deploy/envoy.yaml:14 route shipping/src/main.ts:4',
    ]);
  });
  it('says when a route timeout for the target exists but its route does not take this call', async () => {
    const result = await analyzeFixture(RULE, 'invalid-istio-route-scoped');
    const findings = result.findings.filter((finding) => finding.ruleId === RULE);
    expect(findings.map((finding) => [finding.messageId, finding.message, finding.related])).toEqual([
      [
        'routeMismatch',
        'backoffice calls orders (http://orders:3000/orders/42) without a timeout: none in code (request option, ' +
          'client instance, defaults or module) and none in the mesh that applies (a route timeout for orders exists, ' +
          'but its route does not match this call: GET /orders/42). A slow orders holds this request, its connection ' +
          'and its caller until the socket gives up. Set a timeout on the client or the call, or on the mesh route ' +
          'this call takes.',
        [
          {
            file: 'deploy/istio/orders.yaml',
            line: 13,
            column: 7,
            snippet: 'timeout: 30s',
            message: 'route timeout for orders, on a route this call does not take',
          },
        ],
      ],
    ]);
  });

  it('says when whether the route with the timeout takes the call cannot be told', async () => {
    const root = mkdtempSync(join(tmpdir(), 'archcheck-route-undecided-'));
    try {
      cpSync(fixtureRoot(RULE, 'invalid-istio-route-scoped'), root, { recursive: true });
      const policy = join(root, 'deploy/istio/orders.yaml');
      // A header condition no call site can be checked against: the /admin call may or may not take this route.
      writeFileSync(policy, readFileSync(policy, 'utf8').replace('prefix: /admin', 'prefix: /admin\n          headers: { x-admin: { exact: "1" } }'));
      const result = await analyze({ root });
      const findings = result.findings.filter((finding) => finding.ruleId === RULE);
      expect(findings.map((finding) => [finding.messageId, finding.message])).toEqual([
        [
          'routeUndecided',
          'backoffice calls orders (http://orders:3000/admin/reindex) without a timeout: none in code (request option, ' +
            'client instance, defaults or module) and none in the mesh that surely applies (a route timeout for orders ' +
            'exists, but whether its route takes this call (POST /admin/reindex) cannot be told from the code). A slow ' +
            'orders holds this request, its connection and its caller until the socket gives up. Set a timeout on the ' +
            'client or the call, or make the mesh route this call takes carry one.',
        ],
        ['routeMismatch', expect.stringContaining('its route does not match this call: GET /orders/42)') as string],
      ]);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});
