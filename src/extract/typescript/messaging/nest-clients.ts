/**
 * Which NestJS client a call goes through. A client injected with `@Inject(TOKEN)` (a constructor parameter, a
 * parameter property or a property) is linked by its token, which resolve looks up among the service's
 * `ClientsModule` entries; a client built where it is used (`@Client(options)`, `ClientProxyFactory.create(options)`
 * in a member or const) carries its transport and address itself.
 */
import type { TSESTree } from '@typescript-eslint/types';
import type { FoldedValue } from '../../../types/index.js';
import type { Node } from '../ast.js';
import { argumentAt, childNodes, endOf, keyName, memberName, startOf, unwrap } from '../ast.js';
import type { FileContext } from '../context.js';
import { fold } from '../fold.js';
import { parseFile } from '../parse.js';
import { patternNames } from '../patterns.js';
import type { ClassInfo, Scope } from '../scope.js';
import { isStable } from '../scope.js';
import type { NestTransport } from './nest-options.js';
import { importedOptions, NEST_MICROSERVICES, readTransport } from './nest-options.js';
import { isFrom, originOf } from './origin.js';

/** How a client is wired: by its token, by options written where it is made, or by options imported from elsewhere. */
export type ClientLink =
  | { kind: 'token'; token: FoldedValue }
  | ({ kind: 'inline' } & NestTransport)
  | { kind: 'imported'; options: FoldedValue };

/** The file's program, for the decorators of class members (the scope model keeps their names and types only). */
export interface ProgramHolder {
  program: TSESTree.Program | null;
  classes: Map<number, TSESTree.ClassDeclaration | TSESTree.ClassExpression | null>;
}

// `this.a = this.b`, `const c = this.a` …: real code needs two or three steps.
const MAX_STEPS = 8;
// Deepest descent looked at when finding a node by offset; the nesting guard keeps real files far below.
const MAX_DESCENT = 2_000;

/** The link of the client `receiver` denotes, else null. */
export function clientLink(receiver: Node, scope: Scope, context: FileContext, holder: ProgramHolder): ClientLink | null {
  let node = receiver;
  let current = scope;
  for (let step = 0; step < MAX_STEPS; step++) {
    const target = unwrap(node);
    if (target.type === 'AwaitExpression') {
      node = target.argument;
    } else if (target.type === 'CallExpression') {
      return factoryLink(target, current);
    } else if (target.type === 'MemberExpression' && unwrap(target.object).type === 'ThisExpression') {
      const name = memberName(target);
      const cls = current.thisClass;
      if (name === null || cls === null) return null;
      const member = cls.members.get(name);
      if (!member?.init) {
        // Injected members have no initializer: `@Inject(TOKEN)` / `@Client(…)` on the property or parameter property.
        const classNode = classAt(cls, current, context, holder);
        return classNode ? decoratorLink(memberDecorators(classNode, name), classScope(current, cls)) : null;
      }
      node = member.init;
      current = member.scope;
    } else if (target.type === 'Identifier') {
      const binding = current.lookup(target.name);
      if (binding?.kind === 'param') return parameterLink(target.name, current, context, holder);
      if (binding?.kind !== 'variable' || !binding.init || binding.path?.length !== 0 || !isStable(binding)) return null;
      node = binding.init;
      current = binding.scope;
    } else {
      return null;
    }
  }
  return null;
}

/** `ClientProxyFactory.create(options)`: an inline link. */
function factoryLink(call: TSESTree.CallExpression, scope: Scope): ClientLink | null {
  const origin = originOf(call.callee, scope);
  if (!isFrom(origin, [NEST_MICROSERVICES], ['ClientProxyFactory']) || origin?.steps.join(' ') !== '.create') return null;
  return optionsLink(argumentAt(call, 0), scope);
}

/** The link of a client made from `options`: read here, or imported from another module. */
function optionsLink(options: Node | null, scope: Scope): ClientLink | null {
  const transport = readTransport(options, scope);
  if (transport) return { kind: 'inline', ...transport };
  const imported = options ? importedOptions(options, scope) : null;
  return imported ? { kind: 'imported', options: imported } : null;
}

/** `@Inject(TOKEN)` (from `@nestjs/common`) or `@Client(options)` (from `@nestjs/microservices`) among `decorators`. */
function decoratorLink(decorators: readonly TSESTree.Decorator[], scope: Scope): ClientLink | null {
  for (const decorator of decorators) {
    const call = unwrap(decorator.expression);
    if (call.type !== 'CallExpression') continue;
    const origin = originOf(call.callee, scope);
    if (origin?.steps.length !== 0) continue;
    const first = argumentAt(call, 0);
    if (isFrom(origin, ['@nestjs/common'], ['Inject']) && first) return { kind: 'token', token: fold(first, scope) };
    const link = isFrom(origin, [NEST_MICROSERVICES], ['Client']) ? optionsLink(first, scope) : null;
    if (link) return link;
  }
  return null;
}

/** A constructor parameter `@Inject(TOKEN) client: ClientProxy` used by name (or assigned to a member). */
function parameterLink(name: string, scope: Scope, context: FileContext, holder: ProgramHolder): ClientLink | null {
  let declaring: Scope | null = scope;
  while (declaring && !declaring.bindings.has(name)) declaring = declaring.parent;
  const cls = declaring?.constructorOf;
  if (!declaring || !cls) return null;
  const classNode = classAt(cls, declaring, context, holder);
  const constructor = classNode ? constructorOf(classNode) : null;
  const param = constructor?.value.params.find((candidate) => patternNames(candidate).some((entry) => entry.name === name));
  return param && 'decorators' in param ? decoratorLink(param.decorators ?? [], classScope(declaring, cls)) : null;
}

/** Decorators of property `name` or of the constructor parameter property `name`. */
function memberDecorators(classNode: TSESTree.ClassDeclaration | TSESTree.ClassExpression, name: string): readonly TSESTree.Decorator[] {
  for (const element of classNode.body.body) {
    if ((element.type === 'PropertyDefinition' || element.type === 'AccessorProperty') && keyName(element.key, element.computed) === name) {
      return element.decorators ?? [];
    }
  }
  const param = constructorOf(classNode)?.value.params.find(
    (candidate) => candidate.type === 'TSParameterProperty' && patternNames(candidate).some((entry) => entry.name === name),
  );
  return param?.type === 'TSParameterProperty' ? param.decorators ?? [] : [];
}

function constructorOf(classNode: TSESTree.ClassDeclaration | TSESTree.ClassExpression): TSESTree.MethodDefinition | null {
  for (const element of classNode.body.body) {
    if (element.type === 'MethodDefinition' && element.kind === 'constructor') return element;
  }
  return null;
}

/** The scope of the class body (decorators are evaluated there), found from a scope inside it. */
function classScope(scope: Scope, cls: ClassInfo): Scope {
  for (let current: Scope | null = scope; current; current = current.parent) {
    if (current.kind === 'class' && current.thisClass === cls) return current;
  }
  return scope;
}

/** The class node the walk recorded as `cls`. */
function classAt(cls: ClassInfo, scope: Scope, context: FileContext, holder: ProgramHolder): TSESTree.ClassDeclaration | TSESTree.ClassExpression | null {
  const known = holder.classes.get(cls.start);
  if (known !== undefined) return known;
  const path = pathTo(programOf(holder, scope, context), cls.start, cls.start);
  const found = path.find((node): node is TSESTree.ClassDeclaration | TSESTree.ClassExpression =>
    (node.type === 'ClassDeclaration' || node.type === 'ClassExpression') && startOf(node) === cls.start,
  );
  holder.classes.set(cls.start, found ?? null);
  return found ?? null;
}

/**
 * The program: the one the walk used when the caller passed it, else parsed again from the (already nesting-guarded)
 * text, once per file and only for files with a NestJS client call.
 */
export function programOf(holder: ProgramHolder, scope: Scope, context: FileContext): TSESTree.Program {
  holder.program ??= parseFile(context.path, scope.module.text).program();
  return holder.program;
}

/** Nodes from the program down to the innermost one covering `[start, end]` (class decorators sit before the class). */
export function pathTo(program: TSESTree.Program, start: number, end: number): Node[] {
  const path: Node[] = [];
  let node: Node | undefined = program;
  for (let depth = 0; node && depth < MAX_DESCENT; depth++) {
    path.push(node);
    node = childNodes(node).find((child) => covers(child, start, end));
  }
  return path;
}

function covers(node: Node, start: number, end: number): boolean {
  if (startOf(node) <= start && end <= endOf(node)) return true;
  const declaration = node.type === 'ExportNamedDeclaration' || node.type === 'ExportDefaultDeclaration' ? node.declaration : node;
  if (declaration?.type !== 'ClassDeclaration' && declaration?.type !== 'ClassExpression') return false;
  return declaration.decorators.some((decorator) => startOf(decorator) <= start && end <= endOf(decorator));
}
