/** Maps a host (and port) to a service, an external system, or an honest "unknown". */
import type { CallTarget, Confidence } from '../types/index.js';

const LOOPBACK = new Set(['localhost', '127.0.0.1', '0.0.0.0', '[::1]', '::1', 'host.docker.internal']);
/** Suffixes of private DNS zones: such hosts are internal, never external SaaS. */
const INTERNAL_SUFFIXES = ['.local', '.internal', '.svc', '.cluster.local', '.consul', '.lan', '.localhost', '.docker'];

export interface HostDirectory {
  /** DNS name → service (compose names, container names, k8s Services in every DNS form). */
  byHostname: ReadonlyMap<string, string>;
  /** Host port published by compose → services. */
  publishedPorts: ReadonlyMap<number, readonly string[]>;
  /** Port a service's code listens on → services. */
  listenPorts: ReadonlyMap<number, readonly string[]>;
  /** Service names and unscoped package names → service, for repos with no deployment manifests. */
  byName: ReadonlyMap<string, string>;
  /** Compose containers that run a third-party image (no service of the repo), by DNS name. */
  containers: ReadonlyMap<string, ThirdPartyContainer>;
  /** Host port published by such a container. */
  containerPorts: ReadonlyMap<number, ThirdPartyContainer>;
}

/** A compose service built from someone else's image: keycloak, minio, elasticsearch, a mock server. */
export interface ThirdPartyContainer {
  name: string;
  image: string | null;
}

export interface HostResolution {
  target: CallTarget;
  confidence: Confidence;
  via: string;
}

export function resolveHost(host: string, port: number | null, directory: HostDirectory): HostResolution {
  if (LOOPBACK.has(host)) return resolveLoopback(host, port, directory);
  const named = directory.byHostname.get(host);
  if (named !== undefined) {
    return { target: { kind: 'service', service: named }, confidence: 'certain', via: `host ${host} → service ${named}` };
  }
  const container = directory.containers.get(host);
  if (container !== undefined) return containerTarget(container, `host ${host}`);
  if (isIpAddress(host)) {
    return unknown(`IP address ${host} matches no service (hard-coded addresses cannot be resolved)`);
  }
  if (host.includes('.')) {
    if (INTERNAL_SUFFIXES.some((suffix) => host.endsWith(suffix))) {
      return unknown(`internal host ${host} matches no service`);
    }
    return { target: { kind: 'external', host }, confidence: 'certain', via: `public host ${host}` };
  }
  const byName = directory.byName.get(host);
  if (byName !== undefined) {
    return {
      target: { kind: 'service', service: byName },
      confidence: 'inferred',
      via: `host ${host} matches the name of service ${byName} (no manifest declares the hostname)`,
    };
  }
  return unknown(`host ${host} matches no service, compose service or Kubernetes Service`);
}

function resolveLoopback(host: string, port: number | null, directory: HostDirectory): HostResolution {
  if (port === null) return unknown(`${host} without a port matches no service`);
  const published = directory.publishedPorts.get(port) ?? [];
  if (published.length === 1 && published[0] !== undefined) {
    return {
      target: { kind: 'service', service: published[0] },
      confidence: 'resolved',
      via: `${host}:${port} is published by compose for service ${published[0]}`,
    };
  }
  const listening = directory.listenPorts.get(port) ?? [];
  if (published.length === 0 && listening.length === 1 && listening[0] !== undefined) {
    return {
      target: { kind: 'service', service: listening[0] },
      confidence: 'inferred',
      via: `${host}:${port} is the port only service ${listening[0]} listens on`,
    };
  }
  const container = directory.containerPorts.get(port);
  if (published.length === 0 && container !== undefined) return containerTarget(container, `${host}:${port}`);
  const candidates = [...published, ...listening];
  if (candidates.length > 1) {
    return unknown(`${host}:${port} is ambiguous: ${[...new Set(candidates)].sort().join(', ')} use that port`);
  }
  return unknown(`${host}:${port} matches no published or listening port`);
}

/** A call to a third-party container is a call to an external system that happens to run beside the services. */
function containerTarget(container: ThirdPartyContainer, what: string): HostResolution {
  const image = container.image === null ? '' : ` (image ${container.image})`;
  return {
    target: { kind: 'external', host: container.name },
    confidence: 'resolved',
    via: `${what} is compose container ${container.name}${image}, which runs no code of this repository`,
  };
}

function unknown(reason: string): HostResolution {
  return { target: { kind: 'unknown', reason }, confidence: 'certain', via: reason };
}

function isIpAddress(host: string): boolean {
  if (host.startsWith('[')) return true;
  const parts = host.split('.');
  return parts.length === 4 && parts.every((part) => /^\d{1,3}$/.test(part));
}
