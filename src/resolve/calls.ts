/** Resolves HTTP call facts to target services, externals or unknown, with the steps that got there. */
import type { CallTarget, Confidence, Fact, HttpCallFact, Inventory, ResolvedCall } from '../types/index.js';
import type { ServiceEnvironment } from './environment.js';
import type { CallersOf } from './callers.js';
import { resolveHost, type HostDirectory, type ThirdPartyContainer } from './hosts.js';
import type { ModuleResolver } from './modules.js';
import type { OwnerOf } from '../discover/owner.js';
import { isProductionSource } from './production.js';
import { parseUrl } from './url.js';
import { renderValue, weakest, type ExportIndex, type RenderContext } from './values.js';

export interface CallResolutionInput {
  facts: readonly Fact[];
  owners: OwnerOf;
  environments: ReadonlyMap<string, ServiceEnvironment>;
  exports: ExportIndex;
  modules: ModuleResolver;
  hosts: HostDirectory;
  /** The services each call site runs in (its own, or those loading a library's code). */
  callers: CallersOf;
}

export function resolveCalls(input: CallResolutionInput): ResolvedCall[] {
  const calls: ResolvedCall[] = [];
  for (const fact of input.facts) {
    if (fact.kind !== 'http-call' || !isProductionSource(fact.location.file)) continue;
    const { services, library } = input.callers(fact.location.file, fact.location.line);
    const resolved = services.flatMap((service) => {
      const context: RenderContext = {
        service,
        env: input.environments.get(service) ?? new Map(),
        exports: input.exports,
        modules: input.modules,
      };
      return resolveOne(fact, service, context, input.hosts);
    });
    calls.push(...(library === null ? resolved : fromLibrary(resolved, library)));
  }
  return calls;
}

/**
 * Calls of a library's code, once per service that runs it: those that resolve in that service's environment;
 * when none does, one unresolved call, so the site is counted once and never silently dropped.
 */
export function fromLibrary(calls: readonly ResolvedCall[], library: string): ResolvedCall[] {
  const noted = calls.map((call) => ({ ...call, via: [`code of library ${library}, run by ${call.from}`, ...call.via] }));
  const known = noted.filter((call) => call.target.kind !== 'unknown');
  return known.length > 0 ? known : noted.slice(0, 1);
}

/** One ResolvedCall per distinct resolved target; a single unknown call when nothing resolves. */
function resolveOne(fact: HttpCallFact, from: string, context: RenderContext, hosts: HostDirectory): ResolvedCall[] {
  const byTarget = new Map<string, ResolvedCall>();
  let firstUnknown: ResolvedCall | null = null;
  for (const rendering of renderValue(fact.url, fact.location.file, context)) {
    const parsed = parseUrl(rendering.text);
    let target: CallTarget;
    let confidence: Confidence = rendering.confidence;
    const through = fact.through === undefined ? [] : [`the ${fact.client} instance created at ${fact.through.file}:${fact.through.line}`];
    const via = [...through, ...rendering.via];
    if (parsed.kind === 'unparsable') {
      target = { kind: 'unknown', reason: parsed.reason };
      via.push(parsed.reason);
    } else {
      const host = resolveHost(parsed.host, parsed.port, hosts);
      target = host.target;
      confidence = weakest(confidence, host.confidence);
      via.push(host.via);
    }
    const call: ResolvedCall = {
      from,
      target,
      protocol: 'http',
      client: fact.client,
      method: fact.method,
      url: parsed.display,
      location: fact.location,
      confidence,
      via,
    };
    if (target.kind === 'unknown') firstUnknown ??= call;
    else if (!byTarget.has(targetKey(target))) byTarget.set(targetKey(target), call);
  }
  if (byTarget.size > 0) return [...byTarget.values()];
  return firstUnknown === null ? [] : [firstUnknown];
}

export function targetKey(target: CallTarget): string {
  if (target.kind === 'service') return `service:${target.service}`;
  if (target.kind === 'external') return `external:${target.host}`;
  return 'unknown';
}

/** Builds the host directory from the inventory, compose port mappings and listen facts. */
export function buildHostDirectory(input: {
  facts: readonly Fact[];
  inventory: Inventory;
  owners: OwnerOf;
  renderPort: (fact: Extract<Fact, { kind: 'listen' }>, service: string) => number[];
}): HostDirectory {
  const byHostname = new Map<string, string>();
  const byName = new Map<string, string>();
  const publishedPorts = new Map<number, string[]>();
  const listenPorts = new Map<number, string[]>();
  const push = (map: Map<number, string[]>, port: number, service: string): void => {
    const list = map.get(port) ?? [];
    if (!list.includes(service)) list.push(service);
    map.set(port, list);
  };
  for (const service of input.inventory.services) {
    for (const host of service.hostnames) byHostname.set(host.toLowerCase(), service.name);
    byName.set(service.name.toLowerCase(), service.name);
    const unscoped = service.packageName?.split('/').pop();
    if (unscoped !== undefined && !byName.has(unscoped.toLowerCase())) byName.set(unscoped.toLowerCase(), service.name);
  }
  const composeOwners = new Map<string, string>();
  for (const service of input.inventory.services) {
    for (const deployment of service.deployments) {
      if (deployment.kind === 'compose') composeOwners.set(`${deployment.file}\0${deployment.name}`, service.name);
    }
  }
  const containers = new Map<string, ThirdPartyContainer>();
  const containerPorts = new Map<number, ThirdPartyContainer>();
  for (const fact of input.facts) {
    if (fact.kind === 'compose-service') {
      const service = composeOwners.get(`${fact.location.file}\0${fact.name}`);
      if (service === undefined) {
        // A container run from someone else's image (keycloak, minio, elasticsearch): a real partner, not ours.
        const container = { name: fact.name, image: fact.image };
        for (const host of [fact.name, ...fact.hostnames]) if (!containers.has(host.toLowerCase())) containers.set(host.toLowerCase(), container);
        for (const mapping of fact.ports) if (mapping.published !== null && !containerPorts.has(mapping.published)) containerPorts.set(mapping.published, container);
        continue;
      }
      for (const mapping of fact.ports) if (mapping.published !== null) push(publishedPorts, mapping.published, service);
    } else if (fact.kind === 'listen' && isProductionSource(fact.location.file)) {
      const owner = input.owners(fact.location.file);
      if (owner?.kind !== 'service') continue;
      for (const port of input.renderPort(fact, owner.name)) push(listenPorts, port, owner.name);
    }
  }
  return { byHostname, publishedPorts, listenPorts, byName, containers, containerPorts };
}
