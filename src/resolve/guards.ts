/**
 * Links the guards that protect each synchronous call: what the extractor saw in the call's file, module-wide
 * guards of the calling service (`HttpModule.register({ timeout })`, `axios.defaults.timeout`), imported
 * wrappers from shared packages (an exported function or class that wraps a breaker), and mesh policies
 * (Istio DestinationRule / VirtualService) for the target service's hosts.
 */
import type { CallGuards, Evidence, Fact, GuardWrapperFact, HttpCallFact, MeshPolicyFact, ResolvedCall, ResolvedGuard, ResolvedGuards, RpcCallFact } from '../types/index.js';
import type { OwnerOf } from '../discover/owner.js';
import { resolveHost, type HostDirectory } from './hosts.js';
import type { ModuleResolver } from './modules.js';

type Kind = keyof CallGuards;
const KINDS: readonly Kind[] = ['timeout', 'breaker', 'retry'];

export interface GuardInput {
  facts: readonly Fact[];
  owners: OwnerOf;
  modules: ModuleResolver;
  hosts: HostDirectory;
}

/** Sets `guards` on every call to a service or external host. */
export function attachGuards(calls: ResolvedCall[], input: GuardInput): void {
  const sites = new Map<string, HttpCallFact | RpcCallFact>();
  const wrappers = new Map<string, GuardWrapperFact>();
  const moduleGuards = new Map<string, Evidence>();
  const mesh = new Map<string, MeshPolicyFact[]>();
  for (const fact of input.facts) {
    if (fact.kind === 'http-call' || fact.kind === 'rpc-call') sites.set(siteKey(fact.location), fact);
    else if (fact.kind === 'guard-wrapper') wrappers.set(`${fact.location.file}\0${fact.name}`, fact);
    else if (fact.kind === 'module-guard') {
      const owner = input.owners(fact.location.file);
      if (owner?.kind === 'service') moduleGuards.set(`${owner.name}\0${fact.client}\0${fact.guard}`, fact.location);
    } else if (fact.kind === 'mesh-policy') {
      // Mesh hosts are often fully qualified (`loyalty.travel.svc.cluster.local`); the first label names the service.
      const host = fact.host.toLowerCase();
      let target = resolveHost(host, null, input.hosts).target;
      if (target.kind !== 'service') target = resolveHost(host.split('.')[0] ?? host, null, input.hosts).target;
      if (target.kind !== 'service') continue;
      mesh.set(target.service, [...(mesh.get(target.service) ?? []), fact]);
    }
  }
  for (const call of calls) {
    const fact = sites.get(siteKey(call.location));
    const guards: ResolvedGuards = { timeout: null, breaker: null, retry: null };
    for (const kind of KINDS) {
      const code = fact?.guards?.[kind] ?? moduleGuards.get(`${call.from}\0${call.client}\0${kind}`) ?? wrapperGuard(fact, kind, wrappers, input.modules);
      if (code) guards[kind] = codeGuard(code);
      else if (call.target.kind === 'service') guards[kind] = meshGuard(mesh.get(call.target.service) ?? [], kind);
    }
    call.guards = guards;
  }
}

function siteKey(location: Evidence): string {
  return `${location.file}\0${location.line}\0${location.column ?? 0}`;
}

function codeGuard(location: Evidence): ResolvedGuard {
  return { layer: 'code', location };
}

function meshGuard(policies: readonly MeshPolicyFact[], kind: Kind): ResolvedGuard | null {
  for (const policy of policies) {
    const location = policy[kind];
    if (location) return { layer: 'mesh', location };
  }
  return null;
}

/** The guard an imported wrapper applies (`withBreaker` exported by `@shop/resilience`), found through the module resolver. */
function wrapperGuard(fact: HttpCallFact | RpcCallFact | undefined, kind: Kind, wrappers: ReadonlyMap<string, GuardWrapperFact>, modules: ModuleResolver): Evidence | null {
  if (fact?.kind !== 'http-call') return null;
  for (const ref of fact.wrappers ?? []) {
    const target = modules.resolve(ref.specifier, fact.location.file);
    if (target === null) continue;
    // A package resolves to its entry file or its folder; a re-exporting index leaves the wrapper in a sibling file.
    const folder = target.path.includes('.') ? target.path.slice(0, target.path.lastIndexOf('/') + 1) : `${target.path}/`;
    const wrapper =
      wrappers.get(`${target.path}\0${ref.name}`) ??
      [...wrappers.values()].find((entry) => entry.name === ref.name && entry.location.file.startsWith(folder));
    if (wrapper?.guards.includes(kind)) return ref.location;
  }
  return null;
}
