/**
 * Route handlers a service serves, recognized through the framework's import under any local name: express
 * (`app.get`, `Router()`), fastify (`app.get`, `app.route({ method, url })`), koa-router (`new Router({ prefix })`)
 * and hono (`new Hono().basePath(…)`). Same-file mounts (`app.use('/api', router)`, koa `use(…, r.routes())`,
 * hono `app.route('/api', sub)`) and fastify `register(plugin, { prefix })` of a same-file plugin prefix the
 * mounted router's routes.
 */
import type { TSESTree } from '@typescript-eslint/types';
import type { RouteFact } from '../../../types/index.js';
import type { Node } from '../ast.js';
import { argumentAt, methodCall, startOf, stringValue, unwrap } from '../ast.js';
import type { FileContext } from '../context.js';
import { at, EXTRACTOR_ID } from '../context.js';
import type { Origin } from '../messaging/origin.js';
import { originOf } from '../messaging/origin.js';
import { newBudget, resolveRef } from '../resolve.js';
import type { Binding, Scope } from '../scope.js';
import type { FastifyPlugin } from './fastify-plugins.js';
import { isParam, placePlugins, prefixAt, registeredPlugin, rootName } from './fastify-plugins.js';

const VERBS = new Set(['get', 'post', 'put', 'patch', 'delete', 'head', 'options', 'all', 'del']);

/** Routes and mounts seen so far in one file. */
export interface RouteState {
  /** `receiver`: name the route was registered on; `tentative`: an untyped parameter, kept only inside a plugin. */
  routes: { fact: RouteFact; owner: Binding | null; offset: number; receiver: string | null; tentative: boolean }[];
  mounts: { child: Binding; parent: Binding | null; prefix: string }[];
  plugins: FastifyPlugin[];
}

/** An empty {@link RouteState}. */
export function newRouteState(): RouteState {
  return { routes: [], mounts: [], plugins: [] };
}

/** Records a route or a mount made by `call`, if any. */
export function detectRoute(call: TSESTree.CallExpression, scope: Scope, context: FileContext, state: RouteState): void {
  const method = methodCall(call);
  if (!method) return;
  // An untyped parameter may be the instance a fastify plugin receives: kept only if such a plugin holds the call.
  const known = frameworkOf(method.receiver, scope);
  const tentative = known === null;
  const framework = known ?? (isParam(method.receiver, scope) ? { name: 'fastify', prefix: null } : null);
  if (framework === null) return;
  const owner = ownerOf(method.receiver, scope);
  const receiver = rootName(method.receiver);
  if (method.name === 'register' && framework.name === 'fastify') {
    const plugin = registeredPlugin(call, scope, receiver);
    if (plugin) state.plugins.push(plugin);
  } else if (VERBS.has(method.name) && call.arguments.length >= 2) {
    const path = pathOf(argumentAt(call, 0));
    if (path === null) return;
    const verb = method.name === 'all' ? null : method.name === 'del' ? 'DELETE' : method.name.toUpperCase();
    const prefix = framework.prefix === null ? path : joinPaths(framework.prefix, path);
    const offset = startOf(method.nameNode);
    state.routes.push({ fact: routeFact(context, offset, framework.name, verb, prefix), owner, offset, receiver, tentative });
  } else if (method.name === 'route' && framework.name === 'fastify') {
    const before = state.routes.length;
    fastifyRoute(call, startOf(method.nameNode), scope, context, state, owner);
    for (const route of state.routes.slice(before)) Object.assign(route, { receiver, tentative });
  } else if (!tentative && ((method.name === 'use' && framework.name !== 'hono') || (method.name === 'route' && framework.name === 'hono'))) {
    const prefix = pathOf(argumentAt(call, 0));
    const last = call.arguments[call.arguments.length - 1];
    const child = last ? mountedBinding(last, scope) : null;
    const full = prefix === null || framework.prefix === null ? prefix : joinPaths(framework.prefix, prefix);
    if (full !== null && child !== null) state.mounts.push({ child, parent: owner, prefix: full });
  }
}

/** The file's route facts in source order (chained calls are visited outermost first), with mount prefixes applied. */
export function finishRoutes(state: RouteState, program: TSESTree.Program): RouteFact[] {
  const plugins = placePlugins(state.plugins, program);
  const ordered = [...state.routes].sort((a, b) => a.offset - b.offset);
  return ordered.flatMap(({ fact, owner, offset, receiver, tentative }) => {
    const pluginPrefix = prefixAt(plugins, offset, receiver, 0);
    if (tentative && pluginPrefix === null) return [];
    let path = pluginPrefix === null ? fact.path : joinPaths(pluginPrefix, fact.path);
    let current = owner;
    for (let depth = 0; current !== null && depth < 8; depth++) {
      const mount = state.mounts.find((entry) => entry.child === current);
      if (!mount) break;
      path = joinPaths(mount.prefix, path);
      current = mount.parent;
    }
    return [path === fact.path ? fact : { ...fact, path }];
  });
}

/** `/api` + `orders/:id` → `/api/orders/:id`; empty segments dropped. */
export function joinPaths(prefix: string, path: string): string {
  const segments = `${prefix}/${path}`.split('/').filter((segment) => segment !== '');
  return `/${segments.join('/')}`;
}

function routeFact(context: FileContext, offset: number, framework: string, method: string | null, path: string): RouteFact {
  return { kind: 'route', location: at(context, offset), extractor: EXTRACTOR_ID, framework, method, path: joinPaths('', path) };
}

function fastifyRoute(call: TSESTree.CallExpression, offset: number, scope: Scope, context: FileContext, state: RouteState, owner: Binding | null): void {
  const options = argumentAt(call, 0);
  const object = options ? resolveObject(options, scope) : null;
  if (!object) return;
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
  if (url === null) return;
  for (const verb of methods.length > 0 ? methods : [null]) {
    state.routes.push({ fact: routeFact(context, offset, 'fastify', verb, url), owner, offset, receiver: null, tentative: false });
  }
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

/** A literal route path (`'/orders/:id'`), else null. */
function pathOf(node: Node | null): string | null {
  const text = node ? stringValue(node) : null;
  return text !== null && (text.startsWith('/') || text === '' || text === '*') ? text : null;
}
