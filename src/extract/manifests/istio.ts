/**
 * Istio mesh policies as plain YAML: `DestinationRule` (outlier detection / connection pool → circuit breaker)
 * and `VirtualService` HTTP routes (`timeout`, `retries`), one fact per target host.
 */
import type { Evidence, MeshPolicyFact } from '../../types/index.js';
import type { K8sContext } from './k8s-resources.js';
import { childOf, entryOf, itemsOf, textOf, type YNode } from './yaml.js';

/** Kinds this module reads. */
export const MESH_KINDS = new Set(['DestinationRule', 'VirtualService']);

/** The mesh facts of one Istio object (`kind` already read). */
export function meshFacts(kind: string, doc: YNode, ctx: K8sContext): MeshPolicyFact[] {
  const spec = childOf(doc, 'spec');
  const namespace = textOf(childOf(childOf(doc, 'metadata'), 'namespace')) ?? 'default';
  const evidenceOf = (node: YNode | undefined, key: string): Evidence | null => {
    const entry = entryOf(node, key);
    return entry === undefined ? null : ctx.lines.evidence(ctx.file, entry.keyOffset);
  };
  const fact = (host: string, breaker: Evidence | null, timeout: Evidence | null, retry: Evidence | null): MeshPolicyFact => ({
    kind: 'mesh-policy',
    location: ctx.lines.evidence(ctx.file, doc.offset),
    extractor: ctx.extractor,
    host,
    namespace,
    breaker,
    timeout,
    retry,
  });
  if (kind === 'DestinationRule') {
    const host = textOf(childOf(spec, 'host'));
    const policy = childOf(spec, 'trafficPolicy');
    const breaker = evidenceOf(policy, 'outlierDetection') ?? evidenceOf(policy, 'connectionPool');
    return host === null || breaker === null ? [] : [fact(host, breaker, null, null)];
  }
  const facts: MeshPolicyFact[] = [];
  for (const route of itemsOf(childOf(spec, 'http'))) {
    const timeout = evidenceOf(route, 'timeout');
    const retries = childOf(route, 'retries');
    // `retries: { attempts: 0 }` turns retries off.
    const retry = retries !== undefined && textOf(childOf(retries, 'attempts')) !== '0' ? evidenceOf(route, 'retries') : null;
    if (timeout === null && retry === null) continue;
    for (const destination of itemsOf(childOf(route, 'route'))) {
      const host = textOf(childOf(childOf(destination, 'destination'), 'host'));
      if (host !== null) facts.push(fact(host, null, timeout, retry));
    }
  }
  return facts;
}
