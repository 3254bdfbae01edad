/**
 * NestJS routes: a class decorated with `@Controller('prefix')` (imported from `@nestjs/common` under any local
 * name) and its methods decorated with `@Get(':id')`, `@Post()`, … become route facts with the joined path, relative
 * to the exported controller class. `@Module({ controllers })` mounts its controllers (at `/`, relative to the
 * exported module) and `RouterModule.register([{ path, module, children }])` (`@nestjs/core`) mounts a module's
 * controllers under a path; resolve composes them (and `app.setGlobalPrefix`, see routes.ts).
 */
import type { TSESTree } from '@typescript-eslint/types';
import type { RouteFact, RouteMountFact } from '../../../types/index.js';
import type { Node } from '../ast.js';
import { argumentAt, methodCall, startOf, stringValue, unwrap } from '../ast.js';
import type { FileContext } from '../context.js';
import { at, EXTRACTOR_ID } from '../context.js';
import { newBudget, resolveRef } from '../resolve.js';
import type { Scope } from '../scope.js';
import type { RouterExports } from './fastify-plugins.js';
import { routerExports } from './fastify-plugins.js';
import { joinPaths } from '../../../shared/paths.js';

// `children` of children of … : Nest route trees are a few levels deep.
const MAX_DEPTH = 8;

const METHODS: Record<string, string | null> = {
  Get: 'GET', Post: 'POST', Put: 'PUT', Patch: 'PATCH', Delete: 'DELETE', Head: 'HEAD', Options: 'OPTIONS', All: null,
};

/** What the walk over one file's classes shares; the exports are read once a controller or module asks. */
interface NestFile {
  scope: Scope;
  context: FileContext;
  exported: () => RouterExports;
}

/** Route facts of the top-level controller classes of `program`, and the mounts its module classes make. */
export function nestRouteFacts(program: TSESTree.Program, moduleScope: Scope, context: FileContext): (RouteFact | RouteMountFact)[] {
  const facts: (RouteFact | RouteMountFact)[] = [];
  let exported: RouterExports | null = null;
  const file: NestFile = { scope: moduleScope, context, exported: () => (exported ??= routerExports(program, moduleScope)) };
  for (const statement of program.body) {
    let node: Node = statement;
    if ((node.type === 'ExportNamedDeclaration' || node.type === 'ExportDefaultDeclaration') && node.declaration) node = node.declaration;
    if (node.type !== 'ClassDeclaration') continue;
    facts.push(...moduleMounts(node, file));
    const prefixes = controllerPaths(node, moduleScope);
    if (prefixes === null) continue;
    const names = exportNames(node.id?.name ?? null, file);
    for (const element of node.body.body) {
      if (element.type !== 'MethodDefinition') continue;
      for (const decorator of element.decorators) {
        const found = nestDecorator(decorator, moduleScope);
        if (!found || !(found.name in METHODS)) continue;
        const method = METHODS[found.name] ?? null;
        for (const prefix of prefixes) {
          for (const path of pathsOf(found.call ? argumentAt(found.call, 0) : null)) {
            const fact: RouteFact = { kind: 'route', location: at(context, startOf(decorator)), extractor: EXTRACTOR_ID, framework: 'nestjs', method, path: joinPaths(prefix, path) };
            facts.push(names ? { ...fact, relativeTo: { exports: names } } : fact);
          }
        }
      }
    }
  }
  return facts;
}

/** The names a top-level class of the file is exported under, else null. */
function exportNames(name: string | null, file: NestFile): string[] | null {
  const binding = name === null ? undefined : file.scope.bindings.get(name);
  return (binding && file.exported().bindings.get(binding)) ?? null;
}

/**
 * `@Module({ controllers: [A], imports: [RouterModule.register(routes)] })`: each controller mounted at `/` relative
 * to this module, and each module of the route tree under its path.
 */
function moduleMounts(node: TSESTree.ClassDeclaration, file: NestFile): RouteMountFact[] {
  const mounts: RouteMountFact[] = [];
  for (const decorator of node.decorators) {
    const found = nestDecorator(decorator, file.scope);
    const options = found?.name === 'Module' && found.call ? argumentAt(found.call, 0) : null;
    const object = options ? unwrap(options) : null;
    if (object?.type !== 'ObjectExpression') continue;
    const names = exportNames(node.id?.name ?? null, file);
    const properties = propertiesOf(object);
    for (const element of elementsOf(properties.get('controllers'), file.scope)) {
      mounts.push(...classMount(element, '/', startOf(element), file, names));
    }
    for (const element of elementsOf(properties.get('imports'), file.scope)) {
      const routes = routerModuleRoutes(element, file.scope);
      if (routes) mounts.push(...routeTree(routes, '', file, 0));
    }
  }
  return mounts;
}

/** The routes argument of `RouterModule.register(routes)` (`RouterModule` from `@nestjs/core`), else null. */
function routerModuleRoutes(element: Node, scope: Scope): Node | null {
  const call = unwrap(element);
  const method = call.type === 'CallExpression' ? methodCall(call) : null;
  const receiver = method ? unwrap(method.receiver) : null;
  if (call.type !== 'CallExpression' || method?.name !== 'register' || receiver?.type !== 'Identifier') return null;
  const binding = scope.lookup(receiver.name);
  return binding?.kind === 'import' && binding.specifier === '@nestjs/core' && binding.imported === 'RouterModule' ? argumentAt(call, 0) : null;
}

/** `[{ path, module, children }]` → mounts of each module under its joined path; a bare class child takes its parent's. */
function routeTree(routes: Node, parent: string, file: NestFile, depth: number): RouteMountFact[] {
  if (depth > MAX_DEPTH) return [];
  return elementsOf(routes, file.scope).flatMap((entry) => {
    const target = unwrap(entry);
    if (target.type !== 'ObjectExpression') return classMount(target, parent, startOf(target), file, null);
    const properties = propertiesOf(target);
    const pathNode = properties.get('path');
    const path = pathNode ? stringValue(pathNode) : '';
    if (path === null) return [];
    const full = joinPaths(parent, path);
    const moduleNode = properties.get('module');
    const own = moduleNode ? classMount(moduleNode, full, startOf(target), file, null) : [];
    const children = properties.get('children');
    return children ? [...own, ...routeTree(children, full, file, depth + 1)] : own;
  });
}

/** A mount of the class `element` names: imported (specifier and export), or declared and exported in this file. */
function classMount(element: Node, prefix: string, offset: number, file: NestFile, relativeTo: string[] | null): RouteMountFact[] {
  const node = unwrap(element);
  if (node.type !== 'Identifier') return [];
  const binding = file.scope.lookup(node.name);
  const local = binding?.kind === 'other' ? exportNames(node.name, file)?.[0] : undefined;
  const target =
    binding?.kind === 'import' ? { specifier: binding.specifier, name: binding.imported === '*' ? 'default' : binding.imported } : local === undefined ? null : { specifier: null, name: local };
  if (target === null) return [];
  const fact: RouteMountFact = { kind: 'route-mount', location: at(file.context, offset), extractor: EXTRACTOR_ID, framework: 'nestjs', prefix: joinPaths('', prefix), ...target };
  return [relativeTo ? { ...fact, relativeTo: { exports: relativeTo } } : fact];
}

/** The properties of an object literal with identifier keys. */
function propertiesOf(object: TSESTree.ObjectExpression): Map<string, Node> {
  const found = new Map<string, Node>();
  for (const property of object.properties) {
    if (property.type === 'Property' && !property.computed && property.key.type === 'Identifier') found.set(property.key.name, property.value);
  }
  return found;
}

/** The elements of an array literal, directly or behind a `const`. */
function elementsOf(node: Node | null | undefined, scope: Scope): Node[] {
  if (!node) return [];
  const ref = resolveRef(node, scope, 0, newBudget());
  const target = unwrap(ref.kind === 'node' ? ref.node : node);
  if (target.type !== 'ArrayExpression') return [];
  return target.elements.flatMap((element) => (element && element.type !== 'SpreadElement' ? [element] : []));
}

/** The paths of `@Controller(…)` on `node`, or null when it is no controller. */
function controllerPaths(node: TSESTree.ClassDeclaration, scope: Scope): string[] | null {
  for (const decorator of node.decorators) {
    const found = nestDecorator(decorator, scope);
    if (found?.name !== 'Controller') continue;
    const argument = found.call ? argumentAt(found.call, 0) : null;
    const options = argument ? unwrap(argument) : null;
    if (options?.type === 'ObjectExpression') {
      for (const property of options.properties) {
        if (property.type === 'Property' && !property.computed && property.key.type === 'Identifier' && property.key.name === 'path') return pathsOf(property.value);
      }
      return [''];
    }
    return pathsOf(argument);
  }
  return null;
}

/** A decorator imported from `@nestjs/common`: its export name and call (null for a bare `@Get`). */
function nestDecorator(decorator: TSESTree.Decorator, scope: Scope): { name: string; call: TSESTree.CallExpression | null } | null {
  const expression = unwrap(decorator.expression);
  const call = expression.type === 'CallExpression' ? expression : null;
  const callee = call ? unwrap(call.callee) : expression;
  let binding = null;
  let name: string | null = null;
  if (callee.type === 'Identifier') {
    binding = scope.lookup(callee.name);
    name = binding?.kind === 'import' ? binding.imported : null;
  } else if (callee.type === 'MemberExpression' && !callee.computed && callee.property.type === 'Identifier' && unwrap(callee.object).type === 'Identifier') {
    const object = unwrap(callee.object);
    binding = object.type === 'Identifier' ? scope.lookup(object.name) : null;
    name = binding?.kind === 'import' && binding.imported === '*' ? callee.property.name : null;
  }
  if (binding?.kind !== 'import' || binding.specifier !== '@nestjs/common' || name === null) return null;
  return { name, call };
}

/** `'orders'`, `['a', 'b']` or nothing (`''`); non-literal paths give no route. */
function pathsOf(node: Node | null): string[] {
  if (!node) return [''];
  const target = unwrap(node);
  if (target.type === 'ArrayExpression') {
    return target.elements.flatMap((element) => (element && element.type !== 'SpreadElement' ? literalPath(element) : []));
  }
  return literalPath(target);
}

function literalPath(node: Node): string[] {
  const text = stringValue(node);
  return text === null ? [] : [text];
}
