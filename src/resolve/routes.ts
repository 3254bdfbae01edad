/**
 * Matches a resolved HTTP call to the route handler of its target service: same method (or a handler for any
 * method) and a path that matches segment by segment, where `:param`, `{param}` and `*` route segments and `{…}`
 * (unknown) call segments match anything. The most literal match wins.
 */
import type { Fact, ResolvedCall, RouteFact } from '../types/index.js';
import type { OwnerOf } from '../discover/owner.js';
import { isProductionSource } from './production.js';

/** Sets `route` on each HTTP call to a service whose path matches one of that service's routes. */
export function attachRoutes(calls: ResolvedCall[], facts: readonly Fact[], owners: OwnerOf): void {
  const byService = new Map<string, RouteFact[]>();
  for (const fact of facts) {
    if (fact.kind !== 'route' || !isProductionSource(fact.location.file)) continue;
    const owner = owners(fact.location.file);
    if (owner?.kind !== 'service') continue;
    const list = byService.get(owner.name) ?? [];
    list.push(fact);
    byService.set(owner.name, list);
  }
  for (const call of calls) {
    if (call.protocol !== 'http' || call.target.kind !== 'service') continue;
    const path = callPath(call.url);
    const routes = byService.get(call.target.service);
    if (path === null || !routes) continue;
    const route = bestRoute(routes, call.method, path);
    if (route) call.route = route.location;
  }
}

/** The path of a display URL (`http://orders:3000/orders/{…}?x=1` → `/orders/{…}`), null without a host part. */
export function callPath(url: string): string | null {
  const scheme = url.indexOf('://');
  if (scheme < 0) return null;
  const rest = url.slice(scheme + 3);
  const slash = rest.indexOf('/');
  const path = slash < 0 ? '/' : rest.slice(slash);
  const end = path.search(/[?#]/);
  return end < 0 ? path : path.slice(0, end);
}

/** The route matching `method` and `path` with the most literal segments; ties go to the first in file order. */
export function bestRoute(routes: readonly RouteFact[], method: string | null, path: string): RouteFact | null {
  const segments = split(path);
  let best: RouteFact | null = null;
  let bestScore = -1;
  const sorted = [...routes].sort((a, b) => compare(a, b));
  for (const route of sorted) {
    if (method !== null && route.method !== null && route.method !== method.toUpperCase()) continue;
    const score = matchScore(split(route.path), segments);
    if (score > bestScore) {
      best = route;
      bestScore = score;
    }
  }
  return best;
}

/** Literal segments matched, or -1 when the paths do not match. */
function matchScore(route: readonly string[], call: readonly string[]): number {
  let score = 0;
  for (let i = 0; i < route.length; i++) {
    const want = route[i] ?? '';
    if (want === '*' && i === route.length - 1) return score;
    const have = call[i];
    if (have === undefined) return -1;
    if (want === have) score++;
    else if (!isParam(want) && !have.includes('{')) return -1;
  }
  return route.length === call.length ? score : -1;
}

function isParam(segment: string): boolean {
  return segment.startsWith(':') || (segment.startsWith('{') && segment.endsWith('}')) || segment === '*';
}

function split(path: string): string[] {
  return path.split('/').filter((segment) => segment !== '');
}

function compare(a: RouteFact, b: RouteFact): number {
  if (a.location.file !== b.location.file) return a.location.file < b.location.file ? -1 : 1;
  return a.location.line - b.location.line;
}
