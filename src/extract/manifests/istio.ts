/**
 * Istio mesh policies as plain YAML: `DestinationRule` (outlier detection / connection pool → circuit breaker)
 * and `VirtualService` HTTP routes (`timeout`, `retries`), one fact per target host. A route's policy carries what
 * it applies to for service-to-service traffic: its `match` entries bound to the `mesh` gateway, and the entries of
 * the routes before it (Istio takes the first route that fits).
 */
import type { Evidence, MeshPolicyFact, MeshRequestMatch, MeshStringMatch } from '../../types/index.js';
import type { K8sContext } from './k8s-resources.js';
import { childOf, entriesOf, entryOf, itemsOf, textOf, type YNode } from './yaml.js';

/** Kinds this module reads. */
export const MESH_KINDS = new Set(['DestinationRule', 'VirtualService']);

/** The reserved gateway name for sidecar-to-sidecar traffic; a VirtualService without `gateways` is bound to it. */
const MESH_GATEWAY = 'mesh';
// Match keys that name or label a condition rather than restrict the request.
const NOT_CONDITIONS = new Set(['name', 'statPrefix', 'gateways', 'uri', 'method', 'ignoreUriCase']);
// Every policy repeats the conditions of the routes before it; past this many, later routes are not read (hostile input).
const MAX_CONDITIONS = 200;

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
  const gateways = childOf(spec, 'gateways');
  const facts: MeshPolicyFact[] = [];
  const preceding: MeshRequestMatch[] = [];
  for (const route of itemsOf(childOf(spec, 'http'))) {
    const match = meshMatches(route, gateways);
    // Bound to ingress gateways only: this route never sees service-to-service traffic, nor hides a later one from it.
    if (match === null) continue;
    if (match !== 'any' && preceding.length + match.length > MAX_CONDITIONS) break;
    const timeout = isEnabled(childOf(route, 'timeout')) ? evidenceOf(route, 'timeout') : null;
    const retries = childOf(route, 'retries');
    // `retries: { attempts: 0 }` turns retries off.
    const retry = retries !== undefined && textOf(childOf(retries, 'attempts')) !== '0' ? evidenceOf(route, 'retries') : null;
    if (timeout !== null || retry !== null) {
      // One copy per route, shared by its destinations: hostile aliases can repeat a long destination list.
      const precededBy = preceding.length > 0 ? [...preceding] : null;
      for (const destination of itemsOf(childOf(route, 'route'))) {
        const host = textOf(childOf(childOf(destination, 'destination'), 'host'));
        if (host === null) continue;
        const policy = fact(host, null, timeout, retry);
        if (match !== 'any') policy.match = match;
        if (precededBy !== null) policy.precededBy = precededBy;
        facts.push(policy);
      }
    }
    // A route that takes every request leaves nothing for the routes after it.
    if (match === 'any') break;
    preceding.push(...match);
  }
  return facts;
}

/**
 * The entries of a route's `match` that apply to mesh traffic: an entry's own `gateways` replace the
 * VirtualService's, which default to `mesh`. `any` for a route that takes every mesh request (no `match`, or an
 * entry without conditions), null for one that takes none.
 */
function meshMatches(route: YNode, gateways: YNode | undefined): MeshRequestMatch[] | 'any' | null {
  const node = childOf(route, 'match');
  const entries = itemsOf(node);
  if (entries.length === 0) {
    if (!appliesToMesh(gateways)) return null;
    // `match: { uri: … }` is not a list Istio accepts; what it would apply to is not known, so it is not every request.
    return node === undefined || isEmpty(node) ? 'any' : [{ unchecked: ['match'] }];
  }
  const matches: MeshRequestMatch[] = [];
  for (const entry of entries) {
    const own = childOf(entry, 'gateways');
    if (!appliesToMesh(itemsOf(own).length > 0 ? own : gateways)) continue;
    const match = requestMatch(entry);
    if (Object.keys(match).length === 0) return 'any';
    matches.push(match);
  }
  return matches.length === 0 ? null : matches;
}

function appliesToMesh(gateways: YNode | undefined): boolean {
  const names = itemsOf(gateways);
  return names.length === 0 || names.some((name) => textOf(name) === MESH_GATEWAY);
}

function requestMatch(entry: YNode): MeshRequestMatch {
  const match: MeshRequestMatch = {};
  const unchecked: string[] = [];
  const path = childOf(entry, 'uri');
  if (path !== undefined) {
    const condition = stringMatch(path);
    if (condition === null) unchecked.push('uri');
    else match.path = condition;
    if (condition !== null && textOf(childOf(entry, 'ignoreUriCase')) === 'true') match.ignoreCase = true;
  }
  const method = childOf(entry, 'method');
  if (method !== undefined) {
    const condition = stringMatch(method);
    if (condition === null) unchecked.push('method');
    else match.method = condition;
  }
  for (const { key, value } of entriesOf(entry)) {
    if (!NOT_CONDITIONS.has(key) && !isEmpty(value)) unchecked.push(key);
  }
  if (unchecked.length > 0) match.unchecked = unchecked.sort();
  return match;
}

/** An Istio `StringMatch`; null when it has none of `exact`, `prefix`, `regex` (archcheck cannot check it). */
function stringMatch(node: YNode): MeshStringMatch | null {
  const exact = textOf(childOf(node, 'exact'));
  if (exact !== null) return { exact };
  const prefix = textOf(childOf(node, 'prefix'));
  if (prefix !== null) return { prefix };
  const regex = textOf(childOf(node, 'regex'));
  return regex === null ? null : { regex };
}

function isEmpty(node: YNode): boolean {
  return node.type === 'scalar' ? node.text === null : node.type === 'map' ? node.entries.size === 0 : node.items.length === 0;
}

/** A route timeout that is set and not zero (`0s` turns Istio's route timeout off). */
function isEnabled(node: YNode | undefined): boolean {
  const text = textOf(node);
  return text !== null && !/^0+(?:\.0+)?(?:ms|s|m|h)?$/.test(text);
}
