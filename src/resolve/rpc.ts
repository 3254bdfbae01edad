/**
 * Resolves non-HTTP synchronous calls: NestJS `ClientProxy.send` goes where the service's `ClientsModule`
 * transport points (`Transport.TCP` host/port, a NATS/Redis/RMQ URL), rendered with the service's env.
 */
import type { CallTarget, Confidence, Fact, NestTransportFact, ResolvedCall, RpcCallFact } from '../types/index.js';
import type { OwnerOf } from '../discover/owner.js';
import { resolveHost, type HostDirectory } from './hosts.js';
import { isProductionSource } from './production.js';
import { parseUrl } from './url.js';
import { renderValue, weakest, type RenderContext } from './values.js';

/** One call per rpc fact: the target of its own address, else of the service's only configured transport. */
export function resolveRpcCalls(facts: readonly Fact[], owners: OwnerOf, contextOf: (service: string) => RenderContext, hosts: HostDirectory): ResolvedCall[] {
  const transports = new Map<string, NestTransportFact[]>();
  for (const fact of facts) {
    if (fact.kind !== 'nest-transport' || fact.address === null) continue;
    const owner = owners(fact.location.file);
    if (owner?.kind === 'service') transports.set(owner.name, [...(transports.get(owner.name) ?? []), fact]);
  }
  const calls: ResolvedCall[] = [];
  for (const fact of facts) {
    if (fact.kind !== 'rpc-call' || !isProductionSource(fact.location.file)) continue;
    const owner = owners(fact.location.file);
    if (owner?.kind !== 'service') continue;
    calls.push(resolveOne(fact, owner.name, transports.get(owner.name) ?? [], contextOf(owner.name), hosts));
  }
  return calls;
}

function resolveOne(fact: RpcCallFact, from: string, transports: NestTransportFact[], context: RenderContext, hosts: HostDirectory): ResolvedCall {
  const base = { from, protocol: fact.protocol, client: fact.client, method: fact.operation, location: fact.location };
  const address = fact.address ?? (transports.length === 1 ? transports[0]?.address ?? null : null);
  const file = fact.address ? fact.location.file : transports[0]?.location.file ?? fact.location.file;
  if (address === null) {
    const reason = transports.length === 0 ? 'no ClientsModule transport with an address in this service' : 'several ClientsModule transports; the client token is not linked';
    return { ...base, target: { kind: 'unknown', reason }, url: `{…} ${fact.operation ?? ''}`.trim(), confidence: 'inferred', via: [reason] };
  }
  for (const rendering of renderValue(address, file, context)) {
    const parsed = parseUrl(rendering.text);
    if (parsed.kind === 'unparsable') continue;
    const host = resolveHost(parsed.host, parsed.port, hosts);
    const target: CallTarget = host.target;
    const confidence: Confidence = weakest(rendering.confidence, host.confidence);
    const via = [`ClientsModule transport (${file})`, ...rendering.via, host.via];
    return { ...base, target, url: `${parsed.display} ${fact.operation ?? ''}`.trim(), confidence, via };
  }
  return { ...base, target: { kind: 'unknown', reason: 'the transport address is not known statically' }, url: '{…}', confidence: 'inferred', via: [] };
}
