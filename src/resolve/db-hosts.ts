/** Database containers of compose and Kubernetes, so a connection's host resolves to the container it reaches. */
import type { Fact } from '../types/index.js';
import { engineOfImage } from './db-url.js';

const LOOPBACK = new Set(['localhost', '127.0.0.1', '0.0.0.0', '::1', '[::1]', 'host.docker.internal']);

/** A database container: its canonical name and engine. */
export interface DbContainer {
  name: string;
  engine: string;
}

/** Host names and published ports of database containers. */
export interface DbHostDirectory {
  byHost: ReadonlyMap<string, DbContainer>;
  byPublishedPort: ReadonlyMap<number, DbContainer & { target: number }>;
}

/** Collects compose services and Kubernetes workloads/Services that run a database image. */
export function buildDbHosts(facts: readonly Fact[]): DbHostDirectory {
  const byHost = new Map<string, DbContainer>();
  const byPublishedPort = new Map<number, DbContainer & { target: number }>();
  const workloads: { labels: Record<string, string>; container: DbContainer; namespace: string }[] = [];
  for (const fact of facts) {
    if (fact.kind === 'compose-service' && fact.image !== null) {
      const engine = engineOfImage(fact.image);
      if (engine === null) continue;
      const container = { name: fact.name, engine };
      for (const host of [fact.name, ...fact.hostnames]) byHost.set(host.toLowerCase(), container);
      for (const port of fact.ports) if (port.published !== null) byPublishedPort.set(port.published, { ...container, target: port.target });
    }
    if (fact.kind === 'k8s-workload') {
      const image = fact.containers.map((c) => c.image).find((i): i is string => i !== null && engineOfImage(i) !== null);
      const engine = image === undefined ? null : engineOfImage(image);
      if (engine === null) continue;
      const container = { name: fact.name, engine };
      addDnsForms(byHost, fact.name, fact.namespace, container);
      workloads.push({ labels: fact.podLabels, container, namespace: fact.namespace });
    }
  }
  for (const fact of facts) {
    if (fact.kind !== 'k8s-service') continue;
    const selector = Object.entries(fact.selector);
    if (selector.length === 0) continue;
    const workload = workloads.find(
      (entry) => entry.namespace === fact.namespace && selector.every(([key, value]) => entry.labels[key] === value),
    );
    if (workload !== undefined) addDnsForms(byHost, fact.name, fact.namespace, { ...workload.container, name: fact.name });
  }
  return { byHost, byPublishedPort };
}

function addDnsForms(map: Map<string, DbContainer>, name: string, namespace: string, container: DbContainer): void {
  for (const host of [name, `${name}.${namespace}`, `${name}.${namespace}.svc`, `${name}.${namespace}.svc.cluster.local`]) {
    map.set(host.toLowerCase(), container);
  }
}

/** The canonical host for identity: the container name, or the host as written. */
export function canonicalHost(
  host: string,
  port: number | null,
  directory: DbHostDirectory,
): { host: string; port: number | null; via: string | null } {
  const named = directory.byHost.get(host);
  if (named !== undefined) {
    return { host: named.name, port, via: named.name === host ? null : `host ${host} → container ${named.name}` };
  }
  if (LOOPBACK.has(host) && port !== null) {
    // `localhost:5433` in a dev .env reaches the container behind the published port, on its own port.
    const published = directory.byPublishedPort.get(port);
    if (published !== undefined) {
      return { host: published.name, port: published.target, via: `${host}:${port} → published port of container ${published.name}` };
    }
  }
  return { host, port, via: null };
}
