/** DNS names and deployment units of a service, from the compose services and Kubernetes workloads that run it. */
import type { ComposeServiceFact, Deployment, K8sServiceFact, K8sWorkloadFact } from '../types/index.js';
import { compareStrings } from './paths.js';

/** Kubernetes Services grouped by namespace, for selector matching. */
export type K8sServiceIndex = Map<string, K8sServiceFact[]>;

/** Namespace as Kubernetes applies it: an unset namespace is `default`. */
export function namespaceOf(namespace: string): string {
  return namespace === '' ? 'default' : namespace;
}

export function indexK8sServices(services: K8sServiceFact[]): K8sServiceIndex {
  const index: K8sServiceIndex = new Map();
  for (const service of services) {
    const namespace = namespaceOf(service.namespace);
    const list = index.get(namespace);
    if (list === undefined) index.set(namespace, [service]);
    else list.push(service);
  }
  return index;
}

/**
 * Every name that reaches the code: compose service names with their container names, hostnames and aliases; the
 * workload names; and each Kubernetes Service that selects a workload's pods, in all four DNS forms. Sorted, unique.
 */
export function hostnamesOf(compose: ComposeServiceFact[], workloads: K8sWorkloadFact[], services: K8sServiceIndex): string[] {
  const names = new Set<string>();
  for (const fact of compose) {
    names.add(fact.name);
    for (const hostname of fact.hostnames) names.add(hostname);
  }
  for (const workload of workloads) {
    names.add(workload.name);
    const namespace = namespaceOf(workload.namespace);
    for (const service of services.get(namespace) ?? []) {
      if (!selects(service.selector, workload.podLabels)) continue;
      const name = service.name;
      for (const form of [name, `${name}.${namespace}`, `${name}.${namespace}.svc`, `${name}.${namespace}.svc.cluster.local`]) {
        names.add(form);
      }
    }
  }
  names.delete('');
  return [...names].sort(compareStrings);
}

/**
 * Whether a Service selector picks pods with these labels. An empty selector selects nothing: such a Service is
 * backed by manual Endpoints, not by the workload.
 */
function selects(selector: Record<string, string>, labels: Record<string, string>): boolean {
  const entries = Object.entries(selector);
  return entries.length > 0 && entries.every(([key, value]) => labels[key] === value);
}

/** The deployment units, unique and sorted by kind, namespace, name and file. */
export function deploymentsOf(compose: ComposeServiceFact[], workloads: K8sWorkloadFact[]): Deployment[] {
  const all: Deployment[] = [
    ...compose.map((fact): Deployment => ({ kind: 'compose', name: fact.name, namespace: null, file: fact.location.file })),
    ...workloads.map((fact): Deployment => ({ kind: 'k8s', name: fact.name, namespace: namespaceOf(fact.namespace), file: fact.location.file })),
  ];
  const unique = new Map(all.map((deployment) => [JSON.stringify(deployment), deployment]));
  return [...unique.values()].sort(
    (a, b) =>
      compareStrings(a.kind, b.kind) ||
      compareStrings(a.namespace ?? '', b.namespace ?? '') ||
      compareStrings(a.name, b.name) ||
      compareStrings(a.file, b.file),
  );
}
