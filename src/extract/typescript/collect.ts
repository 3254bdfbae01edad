/**
 * One iterative pre-order walk over the program: builds the scope model (bindings, class members, reassigned
 * names) and records the nodes detectors care about, in source order. Detectors run afterwards, so every
 * declaration (hoisted or not) is known when they resolve a name.
 */
import type { TSESTree } from '@typescript-eslint/types';
import type { Node } from './ast.js';
import { annotatedTypeName, childNodes, memberName, startOf, unwrap } from './ast.js';
import { assignedNames, patternNames } from './patterns.js';
import type { ClassInfo, EnumBinding, ModuleInfo } from './scope.js';
import { enumMemberName, Scope } from './scope.js';

/** A node a detector looks at, with the scope it appears in. */
export type WalkEvent =
  | { kind: 'call'; node: TSESTree.CallExpression; scope: Scope }
  | { kind: 'assign'; node: TSESTree.AssignmentExpression; scope: Scope }
  | { kind: 'new'; node: TSESTree.NewExpression; scope: Scope }
  | { kind: 'tagged'; node: TSESTree.TaggedTemplateExpression; scope: Scope }
  | { kind: 'import-equals'; node: TSESTree.TSImportEqualsDeclaration };

/** What the walk produced. */
export interface Collected {
  moduleScope: Scope;
  /** Events in source order. */
  events: WalkEvent[];
  /** Offset of the first subtree skipped for exceeding {@link MAX_WALK_DEPTH}, else null. */
  tooDeepAt: number | null;
}

/** Deepest AST nesting the walk descends into; deeper subtrees are skipped and reported. */
export const MAX_WALK_DEPTH = 2_000;

type Role = 'plain' | 'method' | 'constructor' | 'function-body';

interface Frame {
  node: Node;
  scope: Scope;
  depth: number;
  role: Role;
}

type FunctionNode = TSESTree.FunctionDeclaration | TSESTree.FunctionExpression | TSESTree.ArrowFunctionExpression;
type ClassNode = TSESTree.ClassDeclaration | TSESTree.ClassExpression;

/** Walks `program` (the whole file) once. */
export function collect(program: TSESTree.Program, text: string): Collected {
  const module: ModuleInfo = { text, reassigned: new Set() };
  const moduleScope = new Scope(null, 'module', module, null);
  const walker = new Walker();
  walker.run(program, moduleScope);
  return { moduleScope, events: walker.events, tooDeepAt: walker.tooDeepAt };
}

class Walker {
  readonly events: WalkEvent[] = [];
  tooDeepAt: number | null = null;
  private readonly stack: Frame[] = [];

  run(root: Node, scope: Scope): void {
    this.stack.push({ node: root, scope, depth: 0, role: 'plain' });
    for (let frame = this.stack.pop(); frame; frame = this.stack.pop()) this.visit(frame);
  }

  /** Schedules frames so they are visited in the given (source) order. */
  private schedule(frames: Frame[]): void {
    for (let i = frames.length - 1; i >= 0; i--) {
      const frame = frames[i];
      if (frame) this.stack.push(frame);
    }
  }

  private children(node: Node, scope: Scope, depth: number): void {
    const children = childNodes(node);
    for (let i = children.length - 1; i >= 0; i--) {
      const child = children[i];
      if (child) this.stack.push({ node: child, scope, depth: depth + 1, role: 'plain' });
    }
  }

  private visit({ node, scope, depth, role }: Frame): void {
    if (depth > MAX_WALK_DEPTH) {
      this.tooDeepAt ??= startOf(node);
      return;
    }
    let inner = scope;
    switch (node.type) {
      case 'ImportDeclaration':
        declareImports(node, scope);
        return;
      case 'TSImportEqualsDeclaration':
        this.importEquals(node, scope);
        return;
      case 'VariableDeclaration':
        if (node.declare) return; // ambient: refers to a global, binds nothing at run time
        declareVariables(node, scope);
        break;
      case 'FunctionDeclaration':
      case 'FunctionExpression':
      case 'ArrowFunctionExpression':
        this.enterFunction(node, scope, depth, role);
        return;
      case 'ClassDeclaration':
      case 'ClassExpression':
        this.enterClass(node, scope, depth);
        return;
      case 'TSDeclareFunction':
        if (node.id && !node.declare) scope.declare({ kind: 'other', name: node.id.name });
        return;
      case 'TSEnumDeclaration':
        // A `declare enum` is ambient (its values live elsewhere): it binds nothing, so it folds to unknown.
        if (!node.declare) declareEnum(node, scope);
        return;
      case 'TSInterfaceDeclaration':
      case 'TSTypeAliasDeclaration':
      case 'TSNamespaceExportDeclaration':
      case 'TSIndexSignature':
      case 'TSEmptyBodyFunctionExpression':
        return;
      case 'TSModuleDeclaration':
        if (node.declare) return;
        inner = blockScope(scope);
        break;
      case 'BlockStatement':
        if (role !== 'function-body') inner = blockScope(scope);
        break;
      case 'ForInStatement':
      case 'ForOfStatement':
        if (node.left.type !== 'VariableDeclaration') this.reassign(node.left, scope);
        inner = blockScope(scope);
        break;
      case 'ForStatement':
      case 'SwitchStatement':
      case 'StaticBlock':
        inner = blockScope(scope);
        break;
      case 'CatchClause':
        inner = blockScope(scope);
        if (node.param) declareParams([node.param], inner);
        break;
      case 'CallExpression':
        this.events.push({ kind: 'call', node, scope });
        break;
      case 'NewExpression':
        this.events.push({ kind: 'new', node, scope });
        break;
      case 'TaggedTemplateExpression':
        this.events.push({ kind: 'tagged', node, scope });
        break;
      case 'AssignmentExpression':
        this.events.push({ kind: 'assign', node, scope });
        this.assignment(node, scope);
        break;
      case 'UpdateExpression':
        this.reassign(node.argument, scope);
        break;
      default:
        break;
    }
    this.children(node, inner, depth);
  }

  private importEquals(node: TSESTree.TSImportEqualsDeclaration, scope: Scope): void {
    const reference = node.moduleReference;
    if (reference.type === 'TSExternalModuleReference' && reference.expression.type === 'Literal') {
      const specifier = String(reference.expression.value);
      scope.declare({ kind: 'import', name: node.id.name, specifier, imported: '*' });
      this.events.push({ kind: 'import-equals', node });
    } else {
      scope.declare({ kind: 'other', name: node.id.name });
    }
  }

  private enterFunction(node: FunctionNode, scope: Scope, depth: number, role: Role): void {
    if (node.type === 'FunctionDeclaration' && node.id) scope.declare({ kind: 'other', name: node.id.name });
    const isMethod = role === 'method' || role === 'constructor';
    // `this` is the class instance in methods and in arrows nested in them; a plain `function` rebinds it.
    const thisClass = isMethod || node.type === 'ArrowFunctionExpression' ? scope.thisClass : null;
    const constructorOf = role === 'constructor' ? scope.thisClass : null;
    const inner = new Scope(scope, 'function', scope.module, thisClass, constructorOf);
    if (node.type === 'FunctionExpression' && node.id) inner.declare({ kind: 'other', name: node.id.name });
    declareParams(node.params, inner);
    if (constructorOf) declareParameterProperties(node.params, constructorOf, inner);
    const next = depth + 1;
    const frames: Frame[] = node.params.map((param) => ({ node: param, scope: inner, depth: next, role: 'plain' }));
    const bodyRole: Role = node.body.type === 'BlockStatement' ? 'function-body' : 'plain';
    frames.push({ node: node.body, scope: inner, depth: next, role: bodyRole });
    this.schedule(frames);
  }

  private enterClass(node: ClassNode, scope: Scope, depth: number): void {
    let outer = scope;
    if (node.id) {
      if (node.type === 'ClassDeclaration') scope.declare({ kind: 'other', name: node.id.name });
      else (outer = blockScope(scope)).declare({ kind: 'other', name: node.id.name });
    }
    const info: ClassInfo = { start: startOf(node), members: new Map() };
    const classScope = new Scope(outer, 'class', scope.module, info);
    const next = depth + 1;
    const frames: Frame[] = [];
    for (const decorator of node.decorators ?? []) frames.push({ node: decorator, scope: outer, depth: next, role: 'plain' });
    if (node.superClass) frames.push({ node: node.superClass, scope: outer, depth: next, role: 'plain' });
    for (const element of node.body.body) {
      if (element.type === 'TSIndexSignature') continue;
      if (element.type === 'StaticBlock') {
        frames.push({ node: element, scope: classScope, depth: next, role: 'plain' });
        continue;
      }
      for (const decorator of element.decorators ?? []) frames.push({ node: decorator, scope: classScope, depth: next, role: 'plain' });
      if (element.computed) frames.push({ node: element.key, scope: classScope, depth: next, role: 'plain' });
      if (element.type === 'MethodDefinition' || element.type === 'TSAbstractMethodDefinition') {
        const methodRole: Role = element.kind === 'constructor' ? 'constructor' : 'method';
        frames.push({ node: element.value, scope: classScope, depth: next, role: methodRole });
        continue;
      }
      const name = keyOf(element);
      if (name !== null) {
        const typeName = annotatedTypeName(element.typeAnnotation);
        info.members.set(name, { name, typeName, init: element.value, scope: classScope, fromMethod: false });
      }
      if (element.value) frames.push({ node: element.value, scope: classScope, depth: next, role: 'plain' });
    }
    this.schedule(frames);
  }

  /** `this.x = value` in a method defines member `x` (the constructor's assignment wins over other methods'). */
  private assignment(node: TSESTree.AssignmentExpression, scope: Scope): void {
    const target = unwrap(node.left);
    if (target.type !== 'MemberExpression') {
      this.reassign(node.left, scope);
      return;
    }
    const cls = scope.thisClass;
    const name = memberName(target);
    if (!cls || name === null || unwrap(target.object).type !== 'ThisExpression' || node.operator !== '=') return;
    const inConstructor = scope.varScope().constructorOf === cls;
    const existing = cls.members.get(name);
    if (!existing || existing.init === null || (existing.fromMethod && inConstructor)) {
      const typeName = existing?.typeName ?? null;
      cls.members.set(name, { name, typeName, init: node.right, scope, fromMethod: !inConstructor });
    }
  }

  private reassign(target: Node, scope: Scope): void {
    for (const name of assignedNames(unwrap(target))) scope.module.reassigned.add(name);
  }
}

function keyOf(element: TSESTree.ClassElement): string | null {
  if (element.type === 'StaticBlock' || element.type === 'TSIndexSignature') return null;
  if (element.key.type === 'PrivateIdentifier') return null;
  if (!element.computed && element.key.type === 'Identifier') return element.key.name;
  if (element.key.type === 'Literal') return String(element.key.value);
  return null;
}

function blockScope(scope: Scope): Scope {
  return new Scope(scope, 'block', scope.module, scope.thisClass);
}

/** Declares an enum, merged with an earlier `enum` of its name in this scope; its members are in scope in its body. */
function declareEnum(node: TSESTree.TSEnumDeclaration, scope: Scope): void {
  const existing = scope.bindings.get(node.id.name);
  const binding: EnumBinding =
    existing?.kind === 'enum' ? existing : { kind: 'enum', name: node.id.name, declarations: [] };
  if (binding !== existing) scope.declare(binding);
  const body = blockScope(scope);
  for (const member of node.body.members) {
    const name = enumMemberName(member);
    // A repeated member name is a compile error; declaring it twice would mark the name reassigned file-wide.
    if (name !== null && !body.bindings.has(name)) body.declare({ kind: 'enum-member', name, owner: binding });
  }
  binding.declarations.push({ node, body });
}

function declareImports(node: TSESTree.ImportDeclaration, scope: Scope): void {
  const specifier = node.source.value;
  for (const entry of node.specifiers) {
    let imported = '*';
    if (entry.type === 'ImportDefaultSpecifier') imported = 'default';
    else if (entry.type === 'ImportSpecifier') {
      imported = entry.imported.type === 'Identifier' ? entry.imported.name : String(entry.imported.value);
    }
    scope.declare({ kind: 'import', name: entry.local.name, specifier, imported });
  }
}

function declareVariables(node: TSESTree.VariableDeclaration, scope: Scope): void {
  const declaration = node.kind === 'await using' ? 'using' : node.kind;
  const target = node.kind === 'var' ? scope.varScope() : scope;
  for (const declarator of node.declarations) {
    for (const entry of patternNames(declarator.id)) {
      const { name, path, defaultValue, typeName } = entry;
      target.declare({ kind: 'variable', declaration, name, init: declarator.init, path, defaultValue, typeName, scope });
    }
  }
}

function declareParams(params: readonly Node[], scope: Scope): void {
  for (const param of params) {
    for (const entry of patternNames(param)) scope.declare({ kind: 'param', name: entry.name, typeName: entry.typeName });
  }
}

/** `constructor(private readonly http: HttpService)` declares instance member `http` typed `HttpService`. */
function declareParameterProperties(params: readonly Node[], cls: ClassInfo, scope: Scope): void {
  for (const param of params) {
    if (param.type !== 'TSParameterProperty') continue;
    for (const entry of patternNames(param)) {
      cls.members.set(entry.name, { name: entry.name, typeName: entry.typeName, init: null, scope, fromMethod: false });
    }
  }
}
