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
 * require-circuit-breaker, which differ only in the guard and the wording. `meshMiss` says why the target's mesh
 * policies of that kind, when it has some, do not count for the call; then `data.request` names what the route
 * sees of it and `related` points at the policy.
 */
export function unguardedCallReports(graph: ArchGraph, includeExternal: boolean, guard: 'timeout' | 'breaker') {
  return judgedCalls(graph, includeExternal)
    .filter((call) => !call.guards?.[guard])
    .map((call) => {
      const miss = call.guards?.meshMiss?.[guard];
      const to = targetName(call);
      return {
        data: { from: call.from, to, url: call.url, ...(miss === undefined ? {} : { request: requestText(call) }) },
        location: call.location,
        related: miss === undefined ? [] : [{ ...miss.location, message: `${MESH_GUARD_NAMES[guard]} for ${to}, ${MISS_NOTES[miss.reason]}` }],
        services: call.target.kind === 'service' ? [call.from, call.target.service].sort() : [call.from],
        key: callKey(call),
        meshMiss: miss?.reason ?? null,
      };
    });
}

const MESH_GUARD_NAMES = { timeout: 'route timeout', breaker: 'mesh circuit breaker' } as const;
const MISS_NOTES = { 'no-match': 'on a route this call does not take', undecided: 'on a route this call may not take' } as const;

/** What a mesh route sees of a call: `GET /orders/{…}` for HTTP, the path for GraphQL, the URL otherwise. */
export function requestText(call: ResolvedCall): string {
  if (call.protocol !== 'http' && call.protocol !== 'graphql') return call.url;
  const match = /^[a-z][a-z0-9+.-]*:\/\/([^/?#]*)([^#]*)/is.exec(call.url);
  if (match === null) return call.url;
  const [, authority = '', rest = ''] = match;
  // An unknown part in the host (`http://orders:3000{…}`) may hold the start of the path too.
  const path = authority.includes('{…}') ? `{…}${rest}` : rest.startsWith('/') ? rest : `/${rest}`;
  return call.protocol === 'http' && call.method !== null ? `${call.method.toUpperCase()} ${path}` : path;
}
