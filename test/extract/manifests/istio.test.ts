import { describe, expect, it } from 'vitest';
import { kubernetesExtractor } from '../../../src/extract/manifests/index.js';
import { fixture } from './helpers.js';

describe('istio mesh policies', () => {
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
});
