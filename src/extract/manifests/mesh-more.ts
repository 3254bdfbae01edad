/**
 * More mesh policies as plain YAML, matched to services by host like the Istio ones: Linkerd `ServiceProfile`
 * (route `timeout`, `isRetryable: true`) and Envoy bootstrap config (`static_resources`: cluster
 * `outlier_detection`/`circuit_breakers` → breaker, route `timeout` (not `0s`) and `retry_policy` per cluster).
 */
import type { Evidence, MeshPolicyFact } from '../../types/index.js';
import type { K8sContext } from './k8s-resources.js';
import { childOf, entriesOf, entryOf, itemsOf, textOf, type YNode } from './yaml.js';

// Envoy configs nest routes a dozen levels deep (listener → filter chain → filter → typed config → route config).
const MAX_DEPTH = 24;

/** The mesh fact of a Linkerd `ServiceProfile` (its name is the service's FQDN), when a route has a guard. */
export function linkerdFacts(doc: YNode, ctx: K8sContext): MeshPolicyFact[] {
  const metadata = childOf(doc, 'metadata');
  const host = textOf(childOf(metadata, 'name'));
  if (host === null) return [];
  let timeout: Evidence | null = null;
  let retry: Evidence | null = null;
  for (const route of itemsOf(childOf(childOf(doc, 'spec'), 'routes'))) {
    if (isEnabled(childOf(route, 'timeout'))) timeout ??= evidence(route, 'timeout', ctx);
    if (textOf(childOf(route, 'isRetryable')) === 'true') retry ??= evidence(route, 'isRetryable', ctx);
  }
  if (timeout === null && retry === null) return [];
  const namespace = textOf(childOf(metadata, 'namespace')) ?? 'default';
  return [meshFact(doc, ctx, host, namespace, { breaker: null, timeout, retry })];
}

/** Mesh facts of an Envoy config: one per cluster with a breaker or a guarded route, host = endpoint address. */
export function envoyFacts(doc: YNode, ctx: K8sContext): MeshPolicyFact[] {
  const resources = childOf(doc, 'static_resources');
  const guards = new Map<string, { breaker: Evidence | null; timeout: Evidence | null; retry: Evidence | null }>();
  const hosts = new Map<string, string>();
  for (const cluster of itemsOf(childOf(resources, 'clusters'))) {
    const name = textOf(childOf(cluster, 'name'));
    if (name === null) continue;
    hosts.set(name, clusterHost(cluster) ?? name);
    const breaker = evidence(cluster, 'outlier_detection', ctx) ?? evidence(cluster, 'circuit_breakers', ctx);
    guards.set(name, { breaker, timeout: null, retry: null });
  }
  for (const route of routeActions(childOf(resources, 'listeners'))) {
    const name = textOf(childOf(route, 'cluster'));
    const entry = name === null ? undefined : guards.get(name);
    if (!entry) continue;
    if (isEnabled(childOf(route, 'timeout'))) entry.timeout ??= evidence(route, 'timeout', ctx);
    entry.retry ??= evidence(route, 'retry_policy', ctx);
  }
  const facts: MeshPolicyFact[] = [];
  for (const [name, entry] of guards) {
    if (entry.breaker === null && entry.timeout === null && entry.retry === null) continue;
    facts.push(meshFact(doc, ctx, hosts.get(name) ?? name, 'default', entry));
  }
  return facts;
}

/** Every `route:` mapping naming a `cluster`, found by a bounded walk (shared alias nodes are visited once). */
function routeActions(root: YNode | undefined): YNode[] {
  const found: YNode[] = [];
  const seen = new Set<YNode>();
  const visit = (node: YNode | undefined, depth: number): void => {
    if (node === undefined || depth > MAX_DEPTH || seen.has(node)) return;
    seen.add(node);
    for (const item of itemsOf(node)) visit(item, depth + 1);
    for (const entry of entriesOf(node)) {
      if (entry.key === 'route' && childOf(entry.value, 'cluster') !== undefined) found.push(entry.value);
      else visit(entry.value, depth + 1);
    }
  };
  visit(root, 0);
  return found;
}

/** The first endpoint's `socket_address.address` of a cluster (`payments`, `payments.shop.svc.cluster.local`). */
function clusterHost(cluster: YNode): string | null {
  for (const group of itemsOf(childOf(childOf(cluster, 'load_assignment'), 'endpoints'))) {
    for (const endpoint of itemsOf(childOf(group, 'lb_endpoints'))) {
      const address = textOf(childOf(childOf(childOf(childOf(endpoint, 'endpoint'), 'address'), 'socket_address'), 'address'));
      if (address !== null) return address;
    }
  }
  return null;
}

/** A duration that is set and not zero (`0s` turns Envoy's and Linkerd's timeouts off). */
function isEnabled(node: YNode | undefined): boolean {
  const text = textOf(node);
  return text !== null && !/^0+(?:\.0+)?(?:ms|s|m|h)?$/.test(text);
}

function evidence(node: YNode | undefined, key: string, ctx: K8sContext): Evidence | null {
  const entry = entryOf(node, key);
  return entry === undefined ? null : ctx.lines.evidence(ctx.file, entry.keyOffset);
}

function meshFact(
  doc: YNode,
  ctx: K8sContext,
  host: string,
  namespace: string,
  guards: { breaker: Evidence | null; timeout: Evidence | null; retry: Evidence | null },
): MeshPolicyFact {
  return { kind: 'mesh-policy', location: ctx.lines.evidence(ctx.file, doc.offset), extractor: ctx.extractor, host, namespace, ...guards };
}
