/**
 * Resolves non-HTTP synchronous calls: NestJS `ClientProxy.send` goes where the service's `ClientsModule`
 * transport points (`Transport.TCP` host/port, a NATS/Redis/RMQ URL), rendered with the service's env.
 */
import type { CallTarget, Confidence, Evidence, Fact, NestTransportFact, ResolvedCall, RpcCallFact } from '../types/index.js';
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
  const handlers = handlerIndex(facts, owners);
  const calls: ResolvedCall[] = [];
  for (const fact of facts) {
    if (fact.kind !== 'rpc-call' || !isProductionSource(fact.location.file)) continue;
    const owner = owners(fact.location.file);
    if (owner?.kind !== 'service') continue;
    const byPattern = fact.operation === null ? undefined : handlers.get(fact.operation)?.filter((handler) => handler.service !== owner.name);
    const [handler] = byPattern ?? [];
    if (byPattern?.length === 1 && handler) {
      // The one service answering this pattern is the callee, whatever broker carries it.
      calls.push({
        from: owner.name,
        target: { kind: 'service', service: handler.service },
        protocol: fact.protocol,
        client: fact.client,
        method: fact.operation,
        url: `pattern ${fact.operation ?? ''}`,
        location: fact.location,
        confidence: 'resolved',
        via: [`@MessagePattern('${fact.operation ?? ''}') in ${handler.location.file}:${handler.location.line} → service ${handler.service}`],
      });
      continue;
    }
    // A gRPC client (`ClientGrpc.getService`) goes through a `Transport.GRPC` entry; `send` through any other.
    const usable = (transports.get(owner.name) ?? []).filter((entry) => (entry.transport === 'GRPC') === (fact.protocol === 'grpc'));
    calls.push(resolveOne(fact, owner.name, usable, contextOf(owner.name), hosts));
  }
  return calls;
}

/** `@MessagePattern` handlers by literal pattern, with their service. */
function handlerIndex(facts: readonly Fact[], owners: OwnerOf): Map<string, { service: string; location: Evidence }[]> {
  const index = new Map<string, { service: string; location: Evidence }[]>();
  for (const fact of facts) {
    if (fact.kind !== 'message' || fact.broker !== 'nest-rpc' || !isProductionSource(fact.location.file)) continue;
    const owner = owners(fact.location.file);
    const pattern = fact.topic.parts.length === 1 && fact.topic.parts[0]?.kind === 'literal' ? fact.topic.parts[0].value : null;
    if (owner?.kind !== 'service' || pattern === null) continue;
    const list = index.get(pattern) ?? [];
    if (!list.some((entry) => entry.service === owner.name)) list.push({ service: owner.name, location: fact.location });
    index.set(pattern, list);
  }
  return index;
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
    const source = fact.address ? `${fact.protocol} client address (${file}:${fact.location.line})` : `ClientsModule transport (${file})`;
    const via = [source, ...rendering.via, host.via];
    return { ...base, target, url: `${parsed.display} ${fact.operation ?? ''}`.trim(), confidence, via };
  }
  return { ...base, target: { kind: 'unknown', reason: 'the transport address is not known statically' }, url: '{…}', confidence: 'inferred', via: [] };
}
