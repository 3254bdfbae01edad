/**
 * Links facts that go through a client another module exports (`via`, see ClientRef): an HTTP call through
 * `import { api } from '../http'` gets the instance's family, base URL and guards; an ORM access through
 * `this.prisma` typed `PrismaService` is kept when that class is a Prisma client. A fact whose import turns out
 * not to be a client (a `Map`, a router, a cache) is dropped, so it never counts as an unresolved call.
 */
import { posix } from 'node:path';
import type { CallGuards, ClientRef, DbAccessFact, ExportedClientFact, Fact, FoldedValue, HttpCallFact, ValuePart } from '../types/index.js';
import { joinBase } from '../shared/url.js';
import { buildExportTable, lookupExport, type ExportTable } from './export-table.js';
import type { ModuleResolver } from './modules.js';

/** The facts with every `via` linked or dropped; facts without one pass through unchanged. */
export function linkImportedClients(facts: readonly Fact[], modules: ModuleResolver): Fact[] {
  if (!facts.some((fact) => (fact.kind === 'http-call' || fact.kind === 'db-access') && fact.via !== undefined)) return [...facts];
  const table = buildExportTable(facts, (fact) => (fact.kind === 'exported-client' ? [{ name: fact.name, value: fact }] : []));
  const linked: Fact[] = [];
  for (const fact of facts) {
    if (fact.kind === 'http-call' && fact.via !== undefined) {
      const client = exportedClient(table, fact.via, fact.location.file, modules);
      if (client?.protocol === 'http' && client.shape === fact.via.shape && client.shape !== 'class') linked.push(linkHttp(fact, client, modules));
    } else if (fact.kind === 'db-access' && fact.via !== undefined) {
      const client = exportedClient(table, fact.via, fact.location.file, modules);
      if (client?.protocol === 'db' && client.family === fact.client && client.shape === fact.via.shape) linked.push(withoutVia(fact));
    } else {
      linked.push(fact);
    }
  }
  return linked;
}

function exportedClient(table: ExportTable<ExportedClientFact>, ref: ClientRef, file: string, modules: ModuleResolver): ExportedClientFact | null {
  return lookupExport(table, ref.specifier, file, ref.name, modules)?.value ?? null;
}

/** The call as if made on the instance in place: its family, base URL joined, its guards where the call has none. */
function linkHttp(fact: HttpCallFact, client: ExportedClientFact, modules: ModuleResolver): HttpCallFact {
  const { via: _via, ...rest } = fact;
  // A factory's base URL is the argument the caller passed (already folded where the call is), else its own.
  const argument = client.baseParam === undefined ? undefined : fact.via?.args?.[client.baseParam];
  const base = argument ?? (client.base === null ? null : rebase(client.base, client.location.file, fact.location.file, modules));
  const linked: HttpCallFact = { ...rest, client: client.family, url: joinBase(base, fact.url), through: client.location };
  const guards = mergeGuards(fact.guards, client.guards);
  if (guards !== undefined) linked.guards = guards;
  return linked;
}

/**
 * The base URL as the calling file must read it: its import parts name modules relative to the file that created
 * the instance (`baseURL: config.ordersUrl` with `./config` beside it), so they are re-pointed from the caller.
 */
function rebase(value: FoldedValue, from: string, to: string, modules: ModuleResolver): FoldedValue {
  return { parts: value.parts.map((part) => rebasePart(part, from, to, modules)) };
}

function rebasePart(part: ValuePart, from: string, to: string, modules: ModuleResolver): ValuePart {
  if (part.kind === 'env' && part.fallback !== undefined) return { ...part, fallback: rebase(part.fallback, from, to, modules) };
  if (part.kind !== 'import' || from === to) return part;
  const target = modules.resolve(part.specifier, from);
  // Packages and aliases read the same from anywhere; only a relative path depends on where it is written.
  if (target === null || target.via !== 'relative') return part;
  const relative = posix.relative(posix.dirname(to), target.path);
  return { ...part, specifier: relative.startsWith('.') ? relative : `./${relative}` };
}

function mergeGuards(own: CallGuards | undefined, instance: CallGuards | undefined): CallGuards | undefined {
  if (instance === undefined) return own;
  return {
    timeout: own?.timeout ?? instance.timeout,
    breaker: own?.breaker ?? instance.breaker,
    retry: own?.retry ?? instance.retry,
  };
}

function withoutVia(fact: DbAccessFact): DbAccessFact {
  const { via: _via, ...rest } = fact;
  return rest;
}
