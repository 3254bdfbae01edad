/** The text report's opening: what archcheck understood the system to be (services, libraries, calls, topics, data). */
import type { Result, ResultEdge } from '../types/result.js';
import type { Style } from './ansi.js';
import { sanitize } from './sanitize.js';
import { renderDataOwnership } from './terminal-data.js';
import { renderAsyncMessaging } from './terminal-messaging.js';
import { compareStrings, count, nodeLabel, pad, widest } from './text-format.js';

/** Call sites from one caller, split by where they go. */
interface CallerCalls {
  caller: string;
  services: Map<string, number>;
  externals: Map<string, number>;
  unresolved: number;
}

/** Renders the services, libraries, synchronous-call, messaging and data sections, one line per item. */
export function renderSystemSummary(result: Result, style: Style): string[] {
  return [
    ...renderServices(result, style),
    ...renderLibraries(result, style),
    ...renderSyncCalls(result, style),
    ...renderAsyncMessaging(result, style),
    ...renderDataOwnership(result, style),
  ];
}

function renderServices(result: Result, style: Style): string[] {
  if (result.services.length === 0) return [style.bold('Services: none found')];
  const names = result.services.map((service) => sanitize(service.name));
  const roots = result.services.map((service) => sanitize(service.root));
  const nameWidth = widest(names);
  const rootWidth = widest(roots);
  const lines = result.services.map((service, i) => {
    const why = service.evidence[0]?.detail;
    const columns = [pad(names[i] ?? '', nameWidth), style.dim(pad(roots[i] ?? '', rootWidth))];
    if (why !== undefined) columns.push(sanitize(why));
    return `  ${columns.join('  ')}`.trimEnd();
  });
  return [style.bold(`Services (${result.services.length})`), ...lines];
}

function renderLibraries(result: Result, style: Style): string[] {
  // Libraries are optional context: no heading at all when there are none keeps small reports small.
  if (result.libraries.length === 0) return [];
  const names = result.libraries.map((library) => sanitize(library.name));
  const nameWidth = widest(names);
  const lines = result.libraries.map(
    (library, i) => `  ${pad(names[i] ?? '', nameWidth)}  ${style.dim(sanitize(library.root))}`,
  );
  return [style.bold(`Libraries (${result.libraries.length})`), ...lines];
}

function renderSyncCalls(result: Result, style: Style): string[] {
  const callers = groupSyncCalls(result.edges);
  if (callers.length === 0) return [style.bold('Synchronous calls: none found')];
  return [style.bold('Synchronous calls'), ...callers.map((calls) => `  ${renderCaller(calls, style)}`)];
}

/** `orders → payments (2 call sites), inventory (1), api.stripe.com (1) · 3 calls unresolved`. */
function renderCaller(calls: CallerCalls, style: Style): string {
  // Services first, then external hosts: the service-to-service part is what couples deployments.
  const targets = [...sortedEntries(calls.services), ...sortedEntries(calls.externals)].map(
    ([target, sites], i) => `${target} (${i === 0 ? count(sites, 'call site') : sites})`,
  );
  const unresolved = calls.unresolved > 0 ? style.yellow(`${count(calls.unresolved, 'call')} unresolved`) : '';
  if (targets.length === 0) return `${calls.caller} → ${unresolved}`;
  const resolved = `${calls.caller} → ${targets.join(', ')}`;
  return unresolved === '' ? resolved : `${resolved} · ${unresolved}`;
}

function groupSyncCalls(edges: readonly ResultEdge[]): CallerCalls[] {
  const byCaller = new Map<string, CallerCalls>();
  for (const edge of edges) {
    if (edge.kind !== 'sync') continue;
    const caller = nodeLabel(edge.from);
    let calls = byCaller.get(caller);
    if (calls === undefined) {
      calls = { caller, services: new Map(), externals: new Map(), unresolved: 0 };
      byCaller.set(caller, calls);
    }
    const sites = edge.locations.length;
    if (edge.to.startsWith('external:')) add(calls.externals, nodeLabel(edge.to), sites);
    else if (edge.to.startsWith('service:') || edge.to.startsWith('library:')) add(calls.services, nodeLabel(edge.to), sites);
    else calls.unresolved += sites;
  }
  return [...byCaller.values()].sort((a, b) => compareStrings(a.caller, b.caller));
}

function add(counts: Map<string, number>, key: string, n: number): void {
  counts.set(key, (counts.get(key) ?? 0) + n);
}

/** Busiest target first (that is where the coupling is), ties by name. */
function sortedEntries(counts: Map<string, number>): [string, number][] {
  return [...counts.entries()].sort(([a, m], [b, n]) => n - m || compareStrings(a, b));
}
