import { describe, expect, it } from 'vitest';
import { kubernetesExtractor } from '../../../src/extract/manifests/index.js';
import { fixture } from './helpers.js';

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
