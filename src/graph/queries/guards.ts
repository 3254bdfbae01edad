/** Synchronous call sites judged by the guard rules: to services, and to external hosts when asked. */
import type { ArchGraph, ResolvedCall } from '../../types/index.js';
import { byLocation } from './calls.js';

/** Resolved synchronous calls to a service (and to an external host when `includeExternal`), sorted by location. */
export function judgedCalls(graph: ArchGraph, includeExternal: boolean): ResolvedCall[] {
  return graph.model.calls
    .filter((call) => call.target.kind === 'service' || (includeExternal && call.target.kind === 'external'))
    .sort(byLocation);
}

/** Display name of a call's target: the service name or the external host. */
export function targetName(call: ResolvedCall): string {
  if (call.target.kind === 'service') return call.target.service;
  return call.target.kind === 'external' ? call.target.host : 'unknown';
}

/** Fingerprint key of a call site that survives line moves: file, caller, target, protocol and URL. */
export function callKey(call: ResolvedCall): string {
  return [call.location.file, call.from, targetName(call), call.protocol, call.method ?? '', call.url].join('\u0000');
}

/**
 * Calls to judge that lack `guard` in every layer, with what a finding about each needs: message data (from, to,
 * url), the call site, the services involved and a line-independent key. Shared by require-timeout and
 * require-circuit-breaker, which differ only in the guard and the wording.
 */
export function unguardedCallReports(graph: ArchGraph, includeExternal: boolean, guard: 'timeout' | 'breaker') {
  return judgedCalls(graph, includeExternal)
    .filter((call) => !call.guards?.[guard])
    .map((call) => ({
      data: { from: call.from, to: targetName(call), url: call.url },
      location: call.location,
      services: call.target.kind === 'service' ? [call.from, call.target.service].sort() : [call.from],
      key: callKey(call),
    }));
}
