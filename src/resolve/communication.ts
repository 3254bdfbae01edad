/** Issue #3's resolve steps in one place: rpc calls, guards, hard-coded hosts and messages on top of HTTP calls. */
import type { Fact, ResolvedCall, ResolvedMessage } from '../types/index.js';
import type { OwnerOf } from '../discover/owner.js';
import type { ServiceEnvironment } from './environment.js';
import { attachGuards } from './guards.js';
import { hardcodedHost } from './hardcoded.js';
import type { CallersOf } from './callers.js';
import type { HostDirectory } from './hosts.js';
import { resolveMessages } from './messages.js';
import type { ModuleResolver } from './modules.js';
import { indexNestClients, resolveRpcCalls } from './rpc.js';
import { attachRoutes } from './routes.js';
import type { ExportIndex, RenderContext } from './values.js';

export interface CommunicationInput {
  facts: readonly Fact[];
  owners: OwnerOf;
  environments: ReadonlyMap<string, ServiceEnvironment>;
  exports: ExportIndex;
  modules: ModuleResolver;
  hosts: HostDirectory;
  callers: CallersOf;
}

/** Adds rpc calls to `httpCalls`, sets guards and hard-coded hosts on every call, and resolves messages. */
export function resolveCommunication(httpCalls: ResolvedCall[], input: CommunicationInput): { calls: ResolvedCall[]; messages: ResolvedMessage[] } {
  const contextOf = (service: string): RenderContext => ({
    service,
    env: input.environments.get(service) ?? new Map(),
    exports: input.exports,
    modules: input.modules,
  });
  // NestJS clients by token, shared by `send`/`getService` calls and by `emit`s (whose broker is the client's transport).
  const clients = indexNestClients(input.facts, input.owners, contextOf);
  const calls = [...httpCalls, ...resolveRpcCalls(input.facts, input.owners, input.callers, contextOf, input.hosts, clients)];
  attachGuards(calls, input);
  attachRoutes(calls, input.facts, input.owners, input.modules);
  const urls = new Map<string, Extract<Fact, { kind: 'http-call' }>>();
  for (const fact of input.facts) {
    if (fact.kind === 'http-call') urls.set(`${fact.location.file}\0${fact.location.line}\0${fact.location.column ?? 0}`, fact);
  }
  for (const call of calls) {
    if (call.target.kind !== 'service') continue;
    const fact = urls.get(`${call.location.file}\0${call.location.line}\0${call.location.column ?? 0}`);
    const host = fact ? hardcodedHost(fact.url, fact.location.file, contextOf(call.from)) : null;
    if (host) call.hardcoded = host;
  }
  return { calls, messages: resolveMessages(input.facts, input.owners, contextOf, clients) };
}
