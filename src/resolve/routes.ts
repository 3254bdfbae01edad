/**
 * Matches a resolved HTTP call to the route handler of its target service: same method (or a handler for any
 * method) and a path that matches segment by segment, where `:param`, `{param}` and `*` route segments and `{…}`
 * (unknown) call segments match anything. The most literal match wins.
 *
 * Routes are first placed where they are served: a route relative to an exported router, plugin or controller gets
 * the prefix of every `route-mount` of that export (found with the module resolver, through re-exporting index
 * files), following chains of mounts (a router mounted by a router mounted by the app); a router mounted nowhere
 * keeps its own path. NestJS global prefixes (`app.setGlobalPrefix`) then apply to the service's controllers.
 */
import type { Fact, ResolvedCall, RouteFact, RouteMountFact, RoutePrefixFact } from '../types/index.js';
import type { OwnerOf } from '../discover/owner.js';
import type { ModuleResolver } from './modules.js';
import { isProductionSource } from './production.js';
import { buildExportTable, lookupExport } from './export-table.js';
import { joinPaths } from '../shared/paths.js';

// Real apps nest routers a few levels deep; the caps keep a hostile mount graph linear.
const MAX_DEPTH = 8;
const MAX_PATHS = 16;
const MAX_STEPS = 20_000;

/** A route with its path as served, and the file whose owner serves it (the outermost mount's, else its own). */
export interface ServedRoute {
  route: RouteFact;
  servedBy: string;
}

/** Sets `route` on each HTTP call to a service whose path matches one of that service's routes. */
export function attachRoutes(calls: ResolvedCall[], facts: readonly Fact[], owners: OwnerOf, modules: ModuleResolver): void {
  const byService = routesByService(facts, owners, modules);
  for (const call of calls) {
    if (call.protocol !== 'http' || call.target.kind !== 'service') continue;
    const path = callPath(call.url);
    const routes = byService.get(call.target.service);
    if (path === null || !routes) continue;
    const route = bestRoute(routes, call.method, path);
    if (route) call.route = route.location;
  }
}

/** Each service's routes as served: mounts across files composed, NestJS global prefixes applied. */
export function routesByService(facts: readonly Fact[], owners: OwnerOf, modules: ModuleResolver): Map<string, RouteFact[]> {
  const prefixes = new Map<string, RoutePrefixFact[]>();
  for (const fact of facts) {
    if (fact.kind !== 'route-prefix' || !isProductionSource(fact.location.file)) continue;
    const owner = owners(fact.location.file);
    if (owner?.kind === 'service') prefixes.set(owner.name, [...(prefixes.get(owner.name) ?? []), fact]);
  }
  const byService = new Map<string, RouteFact[]>();
  for (const { route, servedBy } of servedRoutes(facts, modules)) {
    const owner = owners(servedBy);
    if (owner?.kind !== 'service') continue;
    const list = byService.get(owner.name) ?? [];
    list.push(...withGlobalPrefixes(route, prefixes.get(owner.name) ?? []));
    byService.set(owner.name, list);
  }
  return byService;
}

/** Every production route with the prefixes of the places it is mounted; a route counted only where mounted and mounted nowhere is left out. */
export function servedRoutes(facts: readonly Fact[], modules: ModuleResolver): ServedRoute[] {
  const mounts = new MountIndex(facts, modules);
  const served: ServedRoute[] = [];
  for (const fact of facts) {
    if (fact.kind !== 'route' || !isProductionSource(fact.location.file)) continue;
    const own = { route: fact, servedBy: fact.location.file };
    if (!fact.relativeTo) {
      served.push(own);
      continue;
    }
    const places = unique(fact.relativeTo.exports.flatMap((name) => mounts.placesOf(routerKey(fact.location.file, name), 0, new Set()) ?? []));
    if (places.length === 0 && !fact.relativeTo.mountedOnly) served.push(own);
    for (const place of places) served.push({ route: { ...fact, path: joinPaths(place.prefix, fact.path) }, servedBy: place.servedBy });
  }
  return served;
}

interface Place {
  prefix: string;
  servedBy: string;
}

/** Production mounts by the router they mount (`file\0export`), each target found once. */
class MountIndex {
  private readonly byTarget = new Map<string, RouteMountFact[]>();
  private readonly memo = new Map<string, Place[]>();
  /** Cycles and depth cuts seen so far: a result computed across one depends on the path taken, so it is not kept. */
  private cuts = 0;
  private steps = MAX_STEPS;

  constructor(facts: readonly Fact[], modules: ModuleResolver) {
    const production = facts.filter((fact) => isProductionSource(fact.location.file));
    // Routers are the exports that routes and mounts are relative to; mounts find them like any import.
    const routers = buildExportTable(production, (fact) =>
      (fact.kind === 'route' || fact.kind === 'route-mount') && fact.relativeTo ? fact.relativeTo.exports.map((name) => ({ name, value: true })) : [],
    );
    for (const mount of production) {
      if (mount.kind !== 'route-mount') continue;
      const from = mount.location.file;
      const found =
        mount.specifier === null
          ? routers.byFile.get(from)?.has(mount.name) === true ? { file: from } : null
          : lookupExport(routers, mount.specifier, from, mount.name, modules);
      if (found === null) continue;
      const target = routerKey(found.file, mount.name);
      this.byTarget.set(target, [...(this.byTarget.get(target) ?? []), mount]);
    }
  }

  /** Where the router `key` is mounted, outermost prefix first; [] when nowhere, null when only through a cycle or too deep. */
  placesOf(key: string, depth: number, visiting: Set<string>): Place[] | null {
    const known = this.memo.get(key);
    if (known !== undefined) return known;
    if (depth >= MAX_DEPTH || visiting.has(key) || --this.steps < 0) {
      this.cuts++;
      return null;
    }
    const cutsBefore = this.cuts;
    visiting.add(key);
    const places: Place[] = [];
    let cut = false;
    for (const mount of this.byTarget.get(key) ?? []) {
      const outer = mount.relativeTo?.exports.map((name) => this.placesOf(routerKey(mount.location.file, name), depth + 1, visiting)) ?? [];
      // A mount inside a cycle of mounts would repeat its prefixes forever, one past the cap is unknown: neither places anything.
      if (outer.some((list) => list === null)) {
        cut = true;
        continue;
      }
      const parents = outer.flatMap((list) => list ?? []);
      if (parents.length === 0 && !mount.relativeTo?.mountedOnly) places.push({ prefix: mount.prefix, servedBy: mount.location.file });
      for (const parent of parents) places.push({ prefix: joinPaths(parent.prefix, mount.prefix), servedBy: parent.servedBy });
      if (places.length >= MAX_PATHS) break;
    }
    visiting.delete(key);
    if (cut && places.length === 0) return null;
    const found = unique(places).slice(0, MAX_PATHS);
    if (this.cuts === cutsBefore) this.memo.set(key, found);
    return found;
  }
}

/** `route` under each NestJS global prefix of its service, unless excluded; unchanged for other frameworks. */
function withGlobalPrefixes(route: RouteFact, prefixes: readonly RoutePrefixFact[]): RouteFact[] {
  if (route.framework !== 'nestjs' || prefixes.length === 0) return [route];
  return prefixes.map((prefix) => (prefix.exclude.includes(route.path) ? route : { ...route, path: joinPaths(prefix.prefix, route.path) }));
}

/** A resolver over the files that have facts, for callers without the stage's resolver. */
function routerKey(file: string, name: string): string {
  return `${file}\0${name}`;
}

function unique(places: readonly Place[]): Place[] {
  const seen = new Set<string>();
  return places.filter((place) => {
    const key = `${place.prefix}\0${place.servedBy}`;
    const fresh = !seen.has(key);
    seen.add(key);
    return fresh;
  });
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
