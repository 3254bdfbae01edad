/**
 * Route handlers a service serves, recognized through the framework's import under any local name: express
 * (`app.get`, `Router()`), fastify (`app.get`, `app.route({ method, url })`), koa-router (`new Router({ prefix })`)
 * and hono (`new Hono().basePath(…)`). Same-file mounts (`app.use('/api', router)`, koa `use(…, r.routes())`,
 * hono `app.route('/api', sub)`) and fastify `register(plugin, { prefix })` of a same-file plugin prefix the
 * mounted router's routes. Across files: a route on an exported router or plugin says so (`relativeTo`), and
 * mounting an imported one (`app.use('/api', require('./users'))`, `register(ordersRoutes, { prefix })`) is a
 * `route-mount` fact; resolve joins the two. NestJS `app.setGlobalPrefix('api')` is a `route-prefix` fact.
 */
import type { TSESTree } from '@typescript-eslint/types';
import type { ExportedRouter, RouteFact, RouteMountFact, RoutePrefixFact } from '../../../types/index.js';
import type { Node } from '../ast.js';
import { argumentAt, methodCall, startOf, stringValue, unwrap } from '../ast.js';
import { joinPaths } from '../../../shared/paths.js';
import type { FileContext } from '../context.js';
import { at, EXTRACTOR_ID } from '../context.js';
import { propertyNode } from '../messaging/facts.js';
import type { Origin } from '../messaging/origin.js';
import { originOf } from '../messaging/origin.js';
import { newBudget, resolveRef } from '../resolve.js';
import type { Binding, Scope } from '../scope.js';
import type { FastifyPlugin, Placed, RouterExports, Site } from './fastify-plugins.js';
import { enclosingPlugins, isParam, placePlugins, registeredPlugin, registerPrefix, rootName, routerExports } from './fastify-plugins.js';

const VERBS = new Set(['get', 'post', 'put', 'patch', 'delete', 'head', 'options', 'all', 'del']);
// The frameworks' own plugins and middleware (`@fastify/cors`, `express-session`): never a router of the repository.
const FRAMEWORK_PACKAGE = /^(?:express|fastify|koa|hono|@fastify\/|@koa\/|@hono\/)/;
// Real apps nest routers a few levels deep; the caps keep a hostile mount graph linear.
const MAX_DEPTH = 8;
const MAX_PATHS = 16;
// Steps of one route's placement.
const MAX_STEPS = 256;

/** Routes and mounts seen so far in one file. */
export interface RouteState {
  /** `tentative`: the receiver is an untyped parameter, kept only inside a plugin or an exported plugin function. */
  routes: { fact: RouteFact; site: Site; tentative: boolean }[];
  /** Same-file mounts of a router binding. */
  mounts: { child: Binding; parent: Site; prefix: string }[];
  /** Mounts of an imported router or plugin; `prefix` and `relativeTo` are set when the file is finished. */
  imported: { fact: RouteMountFact; parent: Site; tentative: boolean }[];
  plugins: FastifyPlugin[];
  prefixes: RoutePrefixFact[];
  /** The module scope, for the file's exports. */
  scope: Scope | null;
}

/** An empty {@link RouteState}. */
export function newRouteState(): RouteState {
  return { routes: [], mounts: [], imported: [], plugins: [], prefixes: [], scope: null };
}

/** Records a route or a mount made by `call`, if any. */
export function detectRoute(call: TSESTree.CallExpression, scope: Scope, context: FileContext, state: RouteState): void {
  const method = methodCall(call);
  if (!method) return;
  state.scope ??= scope.root();
  if (method.name === 'setGlobalPrefix') {
    const fact = globalPrefix(call, method.receiver, scope, context);
    if (fact) state.prefixes.push(fact);
    return;
  }
  // An untyped parameter may be the instance a fastify plugin receives: kept only if such a plugin holds the call.
  const known = frameworkOf(method.receiver, scope);
  const tentative = known === null;
  const framework = known ?? (isParam(method.receiver, scope) ? { name: 'fastify', prefix: null } : null);
  if (framework === null) return;
  const offset = startOf(method.nameNode);
  const site: Site = { owner: ownerOf(method.receiver, scope), receiver: rootName(method.receiver), offset };
  if (method.name === 'register' && framework.name === 'fastify') {
    const target = importedRouter(argumentAt(call, 0), scope, true);
    const prefix = target ? registerPrefix(call, scope) : null;
    if (target && prefix !== null) state.imported.push({ fact: mountFact(context, offset, 'fastify', prefix, target), parent: site, tentative });
    const plugin = target ? null : registeredPlugin(call, scope, { ...site, offset: startOf(call) });
    if (plugin) state.plugins.push(plugin);
  } else if (VERBS.has(method.name) && call.arguments.length >= 2) {
    const path = pathOf(argumentAt(call, 0));
    // On a parameter taken for a fastify instance, `client.get('/x', { timeout })` is a request, not a route: a handler comes last.
    if (path === null || (tentative && !isHandler(call.arguments[call.arguments.length - 1]))) return;
    const verb = method.name === 'all' ? null : method.name === 'del' ? 'DELETE' : method.name.toUpperCase();
    const prefix = framework.prefix === null ? path : joinPaths(framework.prefix, path);
    state.routes.push({ fact: routeFact(context, offset, framework.name, verb, prefix), site, tentative });
  } else if (method.name === 'route' && framework.name === 'fastify') {
    for (const fact of fastifyRoutes(call, offset, scope, context)) state.routes.push({ fact, site, tentative });
  } else if (!tentative && ((method.name === 'use' && framework.name !== 'hono') || (method.name === 'route' && framework.name === 'hono'))) {
    const first = argumentAt(call, 0);
    const literal = pathOf(first);
    // `app.use(router)` mounts at the root; a path that is not a literal mounts somewhere unknown.
    const prefix = literal ?? (call.arguments.length === 1 && framework.name !== 'hono' ? '' : null);
    const last = call.arguments[call.arguments.length - 1];
    if (prefix === null || !last) return;
    const full = framework.prefix === null ? prefix : joinPaths(framework.prefix, prefix);
    const target = importedRouter(last, scope, literal !== null);
    const child = target ? null : mountedBinding(last, scope);
    if (target) state.imported.push({ fact: mountFact(context, offset, framework.name, full, target), parent: site, tentative });
    if (child) state.mounts.push({ child, parent: site, prefix: full });
  }
}

/**
 * The file's route facts in source order (chained calls are visited outermost first) with same-file prefixes
 * applied, then its mounts of imported routers and its global prefixes.
 */
export function finishRoutes(state: RouteState, program: TSESTree.Program): (RouteFact | RouteMountFact | RoutePrefixFact)[] {
  if (state.routes.length === 0 && state.imported.length === 0) return state.prefixes;
  const exported = state.scope ? routerExports(program, state.scope) : { bindings: new Map(), functions: [] };
  const walk: Walk = { state, exported, plugins: placePlugins(state.plugins, program) };
  const ordered = [...state.routes].sort((a, b) => a.site.offset - b.site.offset);
  const routes = ordered.flatMap(({ fact, site, tentative }) =>
    placements(walk, site, { framework: fact.framework, tentative }).map(({ prefix, relativeTo }) => {
      const path = joinPaths(prefix, fact.path);
      if (relativeTo) return { ...fact, path, relativeTo };
      return path === fact.path ? fact : { ...fact, path };
    }),
  );
  const mounts = state.imported.flatMap(({ fact, parent, tentative }) =>
    placements(walk, parent, { framework: fact.framework, tentative }).map(({ prefix, relativeTo }) => ({
      ...fact,
      prefix: joinPaths(prefix, fact.prefix),
      ...(relativeTo ? { relativeTo } : {}),
    })),
  );
  return [...routes, ...mounts, ...state.prefixes];
}

interface Walk {
  state: RouteState;
  exported: RouterExports;
  plugins: Placed[];
}

/** The route or mount being placed: a tentative one is on an untyped parameter taken for a fastify instance. */
interface Placing {
  framework: string;
  tentative: boolean;
}

interface Placement {
  prefix: string;
  relativeTo: ExportedRouter | null;
}

/** Every prefix same-file plugins and mounts give `site`, and the export each is relative to. */
function placements(walk: Walk, site: Site, placing: Placing): Placement[] {
  const seen = new Set<string>();
  return reach(walk, site, placing, { steps: MAX_STEPS }, false, 0).filter((found) => {
    const key = `${found.prefix}\0${found.relativeTo?.exports.join(',') ?? ''}\0${found.relativeTo?.mountedOnly ?? ''}`;
    const fresh = !seen.has(key);
    seen.add(key);
    return fresh;
  });
}

/**
 * Prefixes from the plugins registering `site`'s function, else from the mounts of its router, outermost first; a
 * tentative site no plugin holds counts only as an exported plugin. A router or plugin that is exported as well may
 * also be mounted by another file: one more placement, relative to the export and counted only where it is mounted.
 */
function reach(walk: Walk, site: Site, placing: Placing, budget: { steps: number }, viaPlugin: boolean, depth: number): Placement[] {
  const own = exportOf(walk.exported, site, placing, viaPlugin);
  const plugins = depth >= MAX_DEPTH || --budget.steps < 0 ? null : enclosingPlugins(walk.plugins, site.offset, site.receiver);
  const steps =
    plugins === null
      ? []
      : plugins.length > 0
        ? plugins.map((plugin) => ({ prefix: plugin.prefix, outer: plugin.site, plugin: true }))
        : walk.state.mounts.filter((mount) => site.owner !== null && mount.child === site.owner).map((mount) => ({ prefix: mount.prefix, outer: mount.parent, plugin: false }));
  if (steps.length === 0) return placing.tentative && !viaPlugin && own === null ? [] : [{ prefix: '', relativeTo: own }];
  const found: Placement[] = [];
  for (const step of steps) {
    for (const outer of reach(walk, step.outer, placing, budget, viaPlugin || step.plugin, depth + 1)) {
      found.push({ prefix: joinPaths(outer.prefix, step.prefix), relativeTo: outer.relativeTo });
      if (found.length >= MAX_PATHS) return found;
    }
  }
  if (own) found.push({ prefix: '', relativeTo: { exports: own.exports, mountedOnly: true } });
  return found;
}

/**
 * What another file must mount for a placement topped by `site` to apply: the exported router `site` is on, the
 * exported fastify plugin function whose first parameter it is (counted only where mounted when nothing but the
 * shape says fastify), or the exported function that returns its router.
 */
function exportOf(exported: RouterExports, site: Site, placing: Placing, viaPlugin: boolean): ExportedRouter | null {
  const { owner, receiver, offset } = site;
  const names = owner ? exported.bindings.get(owner) : undefined;
  if (names) return { exports: names };
  const fn = exported.functions.find((entry) => offset >= entry.start && offset < entry.end);
  if (!fn) return null;
  if (placing.framework === 'fastify' && receiver !== null && fn.param === receiver) {
    return placing.tentative && !viaPlugin ? { exports: fn.names, mountedOnly: true } : { exports: fn.names };
  }
  const init = owner?.kind === 'variable' ? owner.init : null;
  const inside = init !== null && startOf(init) >= fn.start && startOf(init) < fn.end;
  return owner && inside && fn.returns.has(owner.name) ? { exports: fn.names } : null;
}

function routeFact(context: FileContext, offset: number, framework: string, method: string | null, path: string): RouteFact {
  return { kind: 'route', location: at(context, offset), extractor: EXTRACTOR_ID, framework, method, path: joinPaths('', path) };
}

function fastifyRoutes(call: TSESTree.CallExpression, offset: number, scope: Scope, context: FileContext): RouteFact[] {
  const options = argumentAt(call, 0);
  const object = options ? resolveObject(options, scope) : null;
  if (!object) return [];
  let url: string | null = null;
  const methods: string[] = [];
  for (const property of object.properties) {
    if (property.type !== 'Property' || property.computed || property.key.type !== 'Identifier') continue;
    if (property.key.name === 'url' || property.key.name === 'path') url = stringValue(property.value);
    if (property.key.name !== 'method') continue;
    const value = unwrap(property.value);
    const list = value.type === 'ArrayExpression' ? value.elements : [value];
    for (const element of list) {
      const text = element && element.type !== 'SpreadElement' ? stringValue(element) : null;
      if (text !== null) methods.push(text.toUpperCase());
    }
  }
  if (url === null) return [];
  const path = url;
  return (methods.length > 0 ? methods : [null]).map((verb) => routeFact(context, offset, 'fastify', verb, path));
}

function mountFact(context: FileContext, offset: number, framework: string, prefix: string, target: { specifier: string; name: string }): RouteMountFact {
  return { kind: 'route-mount', location: at(context, offset), extractor: EXTRACTOR_ID, framework, prefix: joinPaths('', prefix), ...target };
}

/**
 * The module and export an argument mounts: an imported binding (`ordersRouter`, `require('./users')`,
 * `users.router`, koa `orders.routes()`), `import('./orders')`, or with `factories` a call of one
 * (`ordersRouter(deps)`); null for local routers and the frameworks' own packages.
 */
function importedRouter(argument: Node | null, scope: Scope, factories: boolean): { specifier: string; name: string } | null {
  if (!argument) return null;
  const node = unwrap(argument);
  if (node.type === 'ImportExpression') {
    const specifier = stringValue(node.source);
    return specifier === null || FRAMEWORK_PACKAGE.test(specifier) ? null : { specifier, name: 'default' };
  }
  const origin = originOf(node, scope);
  if (!origin || FRAMEWORK_PACKAGE.test(origin.specifier)) return null;
  const steps = origin.steps.join(' ');
  const mounted = steps === '' || steps === '.routes call' || (factories && steps === 'call');
  return mounted ? { specifier: origin.specifier, name: origin.imported === '*' ? 'default' : origin.imported } : null;
}

/** `app.setGlobalPrefix('api', { exclude })` on a NestJS application. */
function globalPrefix(call: TSESTree.CallExpression, receiver: Node, scope: Scope, context: FileContext): RoutePrefixFact | null {
  const origin = originOf(receiver, scope);
  const first = argumentAt(call, 0);
  const prefix = first ? stringValue(first) : null;
  if (!origin?.specifier.startsWith('@nestjs/') || prefix === null) return null;
  const excluded = propertyNode(argumentAt(call, 1), 'exclude', scope);
  const list = excluded ? unwrap(excluded.node) : null;
  const exclude = (list?.type === 'ArrayExpression' ? list.elements : []).flatMap((element) => {
    if (!element || element.type === 'SpreadElement') return [];
    const path = element.type === 'ObjectExpression' ? propertyNode(element, 'path', scope)?.node : element;
    const text = path ? stringValue(path) : null;
    return text === null ? [] : [joinPaths('', text)];
  });
  return { kind: 'route-prefix', location: at(context, startOf(call)), extractor: EXTRACTOR_ID, framework: 'nestjs', prefix: joinPaths('', prefix), exclude };
}

function resolveObject(node: Node, scope: Scope): TSESTree.ObjectExpression | null {
  const direct = unwrap(node);
  if (direct.type === 'ObjectExpression') return direct;
  const ref = resolveRef(node, scope, 0, newBudget());
  if (ref.kind !== 'node') return null;
  const target = unwrap(ref.node);
  return target.type === 'ObjectExpression' ? target : null;
}

interface Framework {
  name: string;
  /** Prefix from the router's creation (`new Router({ prefix })`, `.basePath('/api')`), when literal. */
  prefix: string | null;
}

/** Which framework's app or router `receiver` is, else null; chained verb calls (`r.get(…).post(…)`) are skipped. */
function frameworkOf(receiver: Node, scope: Scope): Framework | null {
  const origin = originOf(receiver, scope);
  if (!origin) return null;
  const steps = withoutChainedVerbs(origin.steps);
  const specifier = origin.specifier;
  if (specifier === 'express') {
    const ok = steps === 'call' || steps === '.Router call' || steps === 'instance';
    return ok ? { name: 'express', prefix: null } : null;
  }
  if (specifier === 'fastify') return steps === 'call' || steps === 'instance' ? { name: 'fastify', prefix: null } : null;
  if (specifier === '@koa/router' || specifier === 'koa-router') {
    if (steps === 'instance') return { name: 'koa-router', prefix: null };
    return steps === 'new' ? { name: 'koa-router', prefix: creationPrefix(receiver, scope, origin) } : null;
  }
  if (specifier === 'hono' && origin.imported === 'Hono') {
    if (steps === 'instance' || steps === 'new') return { name: 'hono', prefix: null };
    return steps === 'new .basePath call' ? { name: 'hono', prefix: creationPrefix(receiver, scope, origin) } : null;
  }
  return null;
}

function withoutChainedVerbs(steps: readonly string[]): string {
  const list = [...steps];
  while (list.length >= 2 && list[list.length - 1] === 'call' && VERBS.has((list[list.length - 2] ?? '').slice(1))) list.splice(-2);
  return list.join(' ');
}

/** `new Router({ prefix: '/v1' })` or `new Hono().basePath('/v1')` behind `receiver`. */
function creationPrefix(receiver: Node, scope: Scope, origin: Origin): string | null {
  const ref = resolveRef(receiver, scope, 0, newBudget());
  const node = ref.kind === 'node' ? unwrap(ref.node) : unwrap(receiver);
  const refScope = ref.kind === 'node' ? ref.scope : scope;
  if (origin.specifier === 'hono') {
    return node.type === 'CallExpression' ? pathOf(argumentAt(node, 0)) : null;
  }
  if (node.type !== 'NewExpression') return null;
  const options = argumentAt(node, 0);
  const object = options ? resolveObject(options, refScope) : null;
  for (const property of object?.properties ?? []) {
    if (property.type === 'Property' && !property.computed && property.key.type === 'Identifier' && property.key.name === 'prefix') {
      return stringValue(property.value);
    }
  }
  return null;
}

/** The binding a router variable names (`router`, `router.get(…).post(…)` → `router`). */
function ownerOf(receiver: Node, scope: Scope): Binding | null {
  let node = unwrap(receiver);
  for (let depth = 0; node.type === 'CallExpression' && depth < 32; depth++) {
    const inner = methodCall(node);
    if (!inner) return null;
    node = unwrap(inner.receiver);
  }
  return node.type === 'Identifier' ? scope.lookup(node.name) : null;
}

/** `router`, `router.routes()` (koa), `router.routes` → the router's binding. */
function mountedBinding(argument: Node, scope: Scope): Binding | null {
  const node = unwrap(argument);
  if (node.type === 'Identifier') return scope.lookup(node.name);
  if (node.type === 'CallExpression') {
    const inner = methodCall(node);
    const receiver = inner ? unwrap(inner.receiver) : null;
    return inner?.name === 'routes' && receiver?.type === 'Identifier' ? scope.lookup(receiver.name) : null;
  }
  return null;
}

/** A handler argument: a function, or a name or member that may hold one. */
function isHandler(argument: Node | undefined): boolean {
  const node = argument ? unwrap(argument) : null;
  return node?.type === 'ArrowFunctionExpression' || node?.type === 'FunctionExpression' || node?.type === 'Identifier' || node?.type === 'MemberExpression';
}

/** A literal route path (`'/orders/:id'`), else null. */
function pathOf(node: Node | null): string | null {
  const text = node ? stringValue(node) : null;
  return text !== null && (text.startsWith('/') || text === '' || text === '*') ? text : null;
}
