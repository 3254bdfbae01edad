/**
 * Resolves non-HTTP synchronous calls: NestJS `ClientProxy.send` and `ClientGrpc.getService` go where their client's
 * transport points (`Transport.TCP` host/port, a gRPC url, a NATS/Redis/RMQ URL), rendered with the service's env.
 * The client is found by its token (`@Inject('PRICING')` ↔ `ClientsModule.register([{ name: 'PRICING', … }])`).
 */
import type { CallTarget, Confidence, Evidence, Fact, FoldedValue, NestTransportFact, ResolvedCall, RpcCallFact } from '../types/index.js';
import type { OwnerOf } from '../discover/owner.js';
import type { CallersOf } from './callers.js';
import { fromLibrary } from './calls.js';
import { resolveHost, type HostDirectory } from './hosts.js';
import { isProductionSource } from './production.js';
import { parseUrl } from './url.js';
import { HOLE, renderValue, weakest, type RenderContext } from './values.js';

/** A NestJS client transport of a service, with the names its token renders to. */
export interface NestClient {
  fact: NestTransportFact;
  tokens: string[];
}

/** NestJS client transports registered by each service, and by libraries (shared modules services import). */
export interface NestClients {
  services: ReadonlyMap<string, readonly NestClient[]>;
  libraries: readonly NestClient[];
}

/** Every `nest-transport` fact of a service or library, its token rendered (imported constants followed). */
export function indexNestClients(facts: readonly Fact[], owners: OwnerOf, contextOf: (service: string) => RenderContext): NestClients {
  const services = new Map<string, NestClient[]>();
  const libraries: NestClient[] = [];
  for (const fact of facts) {
    if (fact.kind !== 'nest-transport') continue;
    const owner = owners(fact.location.file);
    if (owner === null) continue;
    const client = { fact, tokens: tokenNames(fact.token, fact.location.file, contextOf(owner.name)) };
    if (owner.kind === 'library') libraries.push(client);
    else services.set(owner.name, [...(services.get(owner.name) ?? []), client]);
  }
  return { services, libraries };
}

/**
 * The clients `token` (written in `file`) names: those `service` registers, else those a shared library module
 * registers under that token. Null when the token cannot be rendered.
 */
export function clientsNamed(clients: NestClients, service: string, token: FoldedValue, file: string, context: RenderContext): NestClient[] | null {
  const names = tokenNames(token, file, context);
  if (names.length === 0) return null;
  const named = (list: readonly NestClient[]): NestClient[] => list.filter((client) => client.tokens.some((name) => names.includes(name)));
  const own = named(clients.services.get(service) ?? []);
  return own.length > 0 ? own : named(clients.libraries);
}

function tokenNames(token: FoldedValue, file: string, context: RenderContext): string[] {
  return renderValue(token, file, context).flatMap((rendering) => (rendering.text.includes(HOLE) ? [] : [rendering.text]));
}

/** One call per rpc fact: the target of its own address, else of its client's transport. */
export function resolveRpcCalls(
  facts: readonly Fact[],
  owners: OwnerOf,
  callers: CallersOf,
  contextOf: (service: string) => RenderContext,
  hosts: HostDirectory,
  clients: NestClients,
): ResolvedCall[] {
  const handlers = handlerIndex(facts, owners);
  const calls: ResolvedCall[] = [];
  for (const fact of facts) {
    if (fact.kind !== 'rpc-call' || !isProductionSource(fact.location.file)) continue;
    const { services, library } = callers(fact.location.file, fact.location.line);
    const resolved = services.map((service) => resolveRpc(fact, service, handlers, contextOf, hosts, clients));
    calls.push(...(library === null ? resolved : fromLibrary(resolved, library)));
  }
  return calls;
}

/** One rpc call site as run by `service`. */
function resolveRpc(
  fact: RpcCallFact,
  service: string,
  handlers: ReadonlyMap<string, { service: string; location: Evidence }[]>,
  contextOf: (service: string) => RenderContext,
  hosts: HostDirectory,
  clients: NestClients,
): ResolvedCall {
  const byPattern = fact.operation === null ? undefined : handlers.get(fact.operation)?.filter((handler) => handler.service !== service);
  const [handler] = byPattern ?? [];
  if (byPattern?.length === 1 && handler) {
    // The one service answering this pattern is the callee, whatever broker carries it.
    return {
      from: service,
      target: { kind: 'service', service: handler.service },
      protocol: fact.protocol,
      client: fact.client,
      method: fact.operation,
      url: `pattern ${fact.operation ?? ''}`,
      location: fact.location,
      confidence: 'resolved',
      via: [`@MessagePattern('${fact.operation ?? ''}') in ${handler.location.file}:${handler.location.line} → service ${handler.service}`],
    };
  }
  const context = contextOf(service);
  const named = fact.token === null ? null : clientsNamed(clients, service, fact.token, fact.location.file, context);
  // Without a token: a gRPC client (`ClientGrpc.getService`) goes through a `Transport.GRPC` entry; `send` through any other.
  const usable = named ?? (clients.services.get(service) ?? []).filter((client) => (client.fact.transport === 'GRPC') === (fact.protocol === 'grpc'));
  const token = named === null || fact.token === null ? null : tokenNames(fact.token, fact.location.file, context)[0] ?? null;
  return resolveOne(fact, service, usable.map((client) => client.fact), token, context, hosts);
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

function resolveOne(
  fact: RpcCallFact,
  from: string,
  entries: NestTransportFact[],
  token: string | null,
  context: RenderContext,
  hosts: HostDirectory,
): ResolvedCall {
  const base = { from, protocol: fact.protocol, client: fact.client, method: fact.operation, location: fact.location };
  // The same client registered in several modules with one address is still one client.
  const transports = distinctAddresses(entries);
  const [only] = transports;
  const address = fact.address ?? (transports.length === 1 && only ? only.address : null);
  const file = fact.address ? fact.location.file : only?.location.file ?? fact.location.file;
  if (address === null) {
    const reason = unlinkedReason(transports.length, token);
    return { ...base, target: { kind: 'unknown', reason }, url: `{…} ${fact.operation ?? ''}`.trim(), confidence: 'inferred', via: [reason] };
  }
  for (const rendering of renderValue(address, file, context)) {
    const parsed = parseUrl(rendering.text);
    if (parsed.kind === 'unparsable') continue;
    const host = resolveHost(parsed.host, parsed.port, hosts);
    const target: CallTarget = host.target;
    const confidence: Confidence = weakest(rendering.confidence, host.confidence);
    const line = fact.address ? fact.location.line : only?.location.line ?? fact.location.line;
    const source = fact.address
      ? `${fact.protocol} client address (${file}:${line})`
      : token === null
        ? `ClientsModule transport (${file}:${line})`
        : `client token '${token}' → ClientsModule transport (${file}:${line})`;
    const via = [source, ...rendering.via, host.via];
    return { ...base, target, url: `${parsed.display} ${fact.operation ?? ''}`.trim(), confidence, via };
  }
  return { ...base, target: { kind: 'unknown', reason: 'the transport address is not known statically' }, url: '{…}', confidence: 'inferred', via: [] };
}

function distinctAddresses(entries: NestTransportFact[]): NestTransportFact[] {
  const seen = new Set<string>();
  return entries.filter((entry) => {
    if (entry.address === null) return false;
    const key = JSON.stringify(entry.address);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function unlinkedReason(count: number, token: string | null): string {
  if (token !== null) {
    return count === 0
      ? `no ClientsModule transport with an address for client token '${token}' in this service`
      : `client token '${token}' is registered with several addresses`;
  }
  return count === 0 ? 'no ClientsModule transport with an address in this service' : 'several ClientsModule transports; the client token is not linked';
}
