import { describe, expect, it } from 'vitest';
import { kubernetesExtractor } from '../../../src/extract/manifests/index.js';
import type { Fact } from '../../../src/types/index.js';
import { fixture } from './helpers.js';

/** Each mesh policy as host, guard lines and what it applies to (`match`, `precededBy` only when set). */
function policies(facts: readonly Fact[]): object[] {
  return facts.flatMap((fact) =>
    fact.kind === 'mesh-policy'
      ? [
          {
            host: fact.host,
            timeout: fact.timeout?.line ?? null,
            retry: fact.retry?.line ?? null,
            ...(fact.match ? { match: fact.match } : {}),
            ...(fact.precededBy ? { precededBy: fact.precededBy } : {}),
          },
        ]
      : [],
  );
}

function virtualService(spec: string): { facts: Fact[]; errors: unknown[] } {
  const text = ['apiVersion: networking.istio.io/v1beta1', 'kind: VirtualService', 'metadata:', '  name: orders', '  namespace: shop', 'spec:', spec].join('\n');
  return kubernetesExtractor.extract({ path: 'deploy/istio/orders.yaml', text });
}

describe('mesh policies (Istio, Linkerd, Envoy)', () => {
  it('reads DestinationRule outlier detection as a breaker and VirtualService route timeouts and retries', () => {
    const { facts, errors } = kubernetesExtractor.extract(fixture('istio/mesh.yaml', 'deploy/mesh.yaml'));
    expect(errors).toEqual([]);
    expect(
      facts.map((fact) =>
        fact.kind === 'mesh-policy'
          ? [fact.host, fact.namespace, fact.breaker?.line ?? null, fact.timeout?.line ?? null, fact.retry?.line ?? null]
          : fact.kind,
      ),
    ).toEqual([
      ['payments.shop.svc.cluster.local', 'shop', 9, null, null],
      ['payments', 'shop', null, 20, 21],
    ]);
  });

  it('gives route policies no conditions when the route has no match, and reads no route after a catch-all', () => {
    const { facts } = kubernetesExtractor.extract(fixture('istio/mesh.yaml', 'deploy/mesh.yaml'));
    const route = facts.find((fact) => fact.kind === 'mesh-policy' && fact.timeout !== null);
    expect(route).toEqual({
      kind: 'mesh-policy',
      location: { file: 'deploy/mesh.yaml', line: 12, column: 1, snippet: 'apiVersion: networking.istio.io/v1beta1' },
      extractor: 'kubernetes',
      host: 'payments',
      namespace: 'shop',
      breaker: null,
      timeout: { file: 'deploy/mesh.yaml', line: 20, column: 7, snippet: '- timeout: 2s' },
      retry: { file: 'deploy/mesh.yaml', line: 21, column: 7, snippet: 'retries:' },
    });
  });

  it('scopes VirtualService routes to mesh traffic: gateway-only services and entries give nothing', () => {
    const spec = (gateways: string): string =>
      [gateways, '  http:', '    - timeout: 2s', '      route:', '        - destination:', '            host: orders'].join('\n');
    expect(policies(virtualService(spec('  gateways: [shop-gateway]')).facts)).toEqual([]);
    expect(policies(virtualService(spec('  gateways: [istio-system/shop-gateway, mesh]')).facts)).toEqual([{ host: 'orders', timeout: 9, retry: null }]);
    expect(policies(virtualService(spec('  gateways: []')).facts)).toEqual([{ host: 'orders', timeout: 9, retry: null }]);
    // A match entry's own `gateways` replace the VirtualService's, both ways.
    const { facts, errors } = virtualService(
      [
        '  gateways: [shop-gateway]',
        '  http:',
        '    - match:',
        '        - uri: { prefix: /public }',
        '        - uri: { prefix: /internal }',
        '          gateways: [mesh]',
        '      timeout: 3s',
        '      route:',
        '        - destination: { host: orders }',
        '    - match:',
        '        - uri: { prefix: /ingress-only }',
        '      timeout: 1s',
        '      route:',
        '        - destination: { host: orders }',
      ].join('\n'),
    );
    expect(errors).toEqual([]);
    expect(policies(facts)).toEqual([{ host: 'orders', timeout: 13, retry: null, match: [{ path: { prefix: '/internal' } }] }]);
  });

  it('gives each route policy its match entries and the entries of the routes before it, in order', () => {
    const { facts, errors } = virtualService(
      [
        '  hosts: [orders]',
        '  http:',
        '    - match:',
        '        - uri:',
        '            prefix: /admin',
        '      timeout: 30s',
        '      route:',
        '        - destination: { host: orders }',
        '    - name: reads',
        '      match:',
        '        - name: by-id',
        '          uri: { exact: /orders }',
        '          method: { exact: GET }',
        '        - uri: { regex: "/v[0-9]+/orders/.*" }',
        '          ignoreUriCase: true',
        '      retries: { attempts: 3 }',
        '      route:',
        '        - destination: { host: orders, subset: v1 }',
        '          weight: 90',
        '        - destination: { host: orders-canary }',
        '          weight: 10',
        '    - match:',
        '        - uri: { prefix: /orders }',
        '          headers:',
        '            x-canary: { exact: "true" }',
        '          sourceLabels: { app: backoffice }',
        '      timeout: 0s',
        '      route:',
        '        - destination: { host: orders-canary }',
        '    - timeout: 5s',
        '      route:',
        '        - destination: { host: orders }',
        '    - timeout: 9s',
        '      route:',
        '        - destination: { host: orders }',
      ].join('\n'),
    );
    expect(errors).toEqual([]);
    const admin = { path: { prefix: '/admin' } };
    const reads = [{ path: { exact: '/orders' }, method: { exact: 'GET' } }, { path: { regex: '/v[0-9]+/orders/.*' }, ignoreCase: true }];
    const canary = { path: { prefix: '/orders' }, unchecked: ['headers', 'sourceLabels'] };
    expect(policies(facts)).toEqual([
      { host: 'orders', timeout: 12, retry: null, match: [admin] },
      { host: 'orders', timeout: null, retry: 22, match: reads, precededBy: [admin] },
      { host: 'orders-canary', timeout: null, retry: 22, match: reads, precededBy: [admin] },
      // The `0s` route guards nothing but still takes its requests; the catch-all after it ends the list.
      { host: 'orders', timeout: 36, retry: null, precededBy: [admin, ...reads, canary] },
    ]);
  });

  it('reads Linkerd ServiceProfile route timeouts (not 0s) and retryable routes, host = profile name', () => {
    const { facts, errors } = kubernetesExtractor.extract(fixture('linkerd/profiles.yaml', 'deploy/linkerd/profiles.yaml'));
    expect(errors).toEqual([]);
    expect(facts.map((fact) => (fact.kind === 'mesh-policy' ? [fact.host, fact.namespace, fact.breaker?.line ?? null, fact.timeout?.line ?? null, fact.retry?.line ?? null] : fact.kind))).toEqual([
      ['ledger.finance.svc.cluster.local', 'finance', null, 13, 12],
    ]);
  });

  it('reads an Envoy config: cluster outlier detection as a breaker, route timeout and retry policy, host = endpoint', () => {
    const { facts, errors } = kubernetesExtractor.extract(fixture('envoy/envoy.yaml', 'deploy/envoy/envoy.yaml'));
    expect(errors).toEqual([]);
    expect(facts.map((fact) => (fact.kind === 'mesh-policy' ? [fact.host, fact.breaker?.line ?? null, fact.timeout?.line ?? null, fact.retry?.line ?? null] : fact.kind))).toEqual([
      ['shipping', 32, 20, 21],
    ]);
  });
});
