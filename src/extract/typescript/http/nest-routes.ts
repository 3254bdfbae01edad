/**
 * NestJS routes: a class decorated with `@Controller('prefix')` (imported from `@nestjs/common` under any local
 * name) and its methods decorated with `@Get(':id')`, `@Post()`, … become route facts with the joined path.
 */
import type { TSESTree } from '@typescript-eslint/types';
import type { RouteFact } from '../../../types/index.js';
import type { Node } from '../ast.js';
import { argumentAt, startOf, stringValue, unwrap } from '../ast.js';
import type { FileContext } from '../context.js';
import { at, EXTRACTOR_ID } from '../context.js';
import type { Scope } from '../scope.js';
import { joinPaths } from './routes.js';

const METHODS: Record<string, string | null> = {
  Get: 'GET', Post: 'POST', Put: 'PUT', Patch: 'PATCH', Delete: 'DELETE', Head: 'HEAD', Options: 'OPTIONS', All: null,
};

/** Route facts of the top-level controller classes of `program`. */
export function nestRouteFacts(program: TSESTree.Program, moduleScope: Scope, context: FileContext): RouteFact[] {
  const facts: RouteFact[] = [];
  for (const statement of program.body) {
    let node: Node = statement;
    if ((node.type === 'ExportNamedDeclaration' || node.type === 'ExportDefaultDeclaration') && node.declaration) node = node.declaration;
    if (node.type !== 'ClassDeclaration') continue;
    const prefixes = controllerPaths(node, moduleScope);
    if (prefixes === null) continue;
    for (const element of node.body.body) {
      if (element.type !== 'MethodDefinition') continue;
      for (const decorator of element.decorators) {
        const found = nestDecorator(decorator, moduleScope);
        if (!found || !(found.name in METHODS)) continue;
        const method = METHODS[found.name] ?? null;
        for (const prefix of prefixes) {
          for (const path of pathsOf(found.call ? argumentAt(found.call, 0) : null)) {
            facts.push({ kind: 'route', location: at(context, startOf(decorator)), extractor: EXTRACTOR_ID, framework: 'nestjs', method, path: joinPaths(prefix, path) });
          }
        }
      }
    }
  }
  return facts;
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
