/** Parser-agnostic helpers over TSESTree nodes: offsets, value-preserving unwrapping, static names, children. */
import type { TSESTree } from '@typescript-eslint/types';

/** Any AST node (oxc and typescript-eslint both produce this shape). */
export type Node = TSESTree.Node;

/**
 * Start offset (UTF-16) of a node. oxc nodes carry `start`/`end` (asking oxc for `range` as well makes the AST
 * JSON a third bigger and slower to materialize); typescript-eslint nodes carry `range`.
 */
export function startOf(node: Node): number {
  return 'start' in node && typeof node.start === 'number' ? node.start : node.range[0];
}

/** End offset (UTF-16, exclusive) of a node. */
export function endOf(node: Node): number {
  return 'end' in node && typeof node.end === 'number' ? node.end : node.range[1];
}

/**
 * Strips wrappers that do not change the run-time value: `x as T`, `x satisfies T`, `x!`, `<T>x`, `f<T>`,
 * and the `ChainExpression` wrapper of `a?.b`. Iterative, so a long `as` chain cannot overflow.
 */
export function unwrap(node: Node): Node {
  let current = node;
  for (;;) {
    switch (current.type) {
      case 'TSAsExpression':
      case 'TSSatisfiesExpression':
      case 'TSNonNullExpression':
      case 'TSTypeAssertion':
      case 'TSInstantiationExpression':
      case 'ChainExpression':
        current = current.expression;
        break;
      default:
        return current;
    }
  }
}

/** The string of a string literal or a template literal without substitutions, else null. */
export function stringValue(node: Node): string | null {
  const target = unwrap(node);
  if (target.type === 'Literal' && typeof target.value === 'string') return target.value;
  if (target.type === 'TemplateLiteral' && target.expressions.length === 0) {
    const quasi = target.quasis[0];
    return quasi ? (quasi.value.cooked ?? quasi.value.raw) : '';
  }
  return null;
}

/** Name of a property key: identifiers (when not computed), string and number literals, plain templates. */
export function keyName(key: Node, computed: boolean): string | null {
  if (!computed && key.type === 'Identifier') return key.name;
  if (key.type === 'Literal' && (typeof key.value === 'string' || typeof key.value === 'number')) {
    return String(key.value);
  }
  return computed ? stringValue(key) : null;
}

/** Statically known name of a member access (`a.b`, `a['b']`), else null. Private names (`#x`) are not members here. */
export function memberName(node: TSESTree.MemberExpression): string | null {
  if (node.property.type === 'PrivateIdentifier') return null;
  return keyName(node.property, node.computed);
}

/** If `node` is a call `x.name(...)` (after unwrapping the callee), the receiver and the method name. */
export function methodCall(node: TSESTree.CallExpression): { receiver: Node; name: string; nameNode: Node } | null {
  const callee = unwrap(node.callee);
  if (callee.type !== 'MemberExpression') return null;
  const name = memberName(callee);
  return name === null ? null : { receiver: callee.object, name, nameNode: callee.property };
}

/** The n-th call argument unless it is a spread (`...args` hides which argument is which). */
export function argumentAt(node: TSESTree.CallExpression | TSESTree.NewExpression, index: number): Node | null {
  for (let i = 0; i <= index; i++) {
    const argument = node.arguments[i];
    if (argument === undefined || argument.type === 'SpreadElement') return null;
    if (i === index) return argument;
  }
  return null;
}

/** Name of a type annotation's referenced type (`HttpService`, `ConfigService<Env>`, `ns.HttpService`). */
export function annotatedTypeName(annotation: TSESTree.TSTypeAnnotation | undefined | null): string | null {
  let type = annotation?.typeAnnotation;
  // `Producer | undefined` (a client set up later) is still a Producer.
  if (type?.type === 'TSUnionType') {
    const defined = type.types.filter((member) => member.type !== 'TSUndefinedKeyword' && member.type !== 'TSNullKeyword');
    type = defined.length === 1 ? defined[0] : undefined;
  }
  if (type?.type !== 'TSTypeReference') return null;
  const name = type.typeName;
  if (name.type === 'Identifier') return name.name;
  if (name.type === 'TSQualifiedName') return name.right.name;
  return null;
}

// Keys that never hold run-time code (types) or are not children at all (ESLint's `parent` is a back edge).
const SKIPPED_KEYS = new Set([
  'parent',
  'start',
  'end',
  'range',
  'loc',
  'typeAnnotation',
  'returnType',
  'typeParameters',
  'typeArguments',
  'superTypeArguments',
  'superTypeParameters',
  'implements',
]);

function isNode(value: unknown): value is Node {
  return typeof value === 'object' && value !== null && 'type' in value && typeof value.type === 'string';
}

// Node kinds with no child the detectors need; about half of all nodes, so skipping their keys matters.
const LEAVES = new Set([
  'Identifier',
  'Literal',
  'PrivateIdentifier',
  'ThisExpression',
  'Super',
  'TemplateElement',
  'MetaProperty',
  'EmptyStatement',
  'DebuggerStatement',
  'BreakStatement',
  'ContinueStatement',
  'JSXText',
  'JSXIdentifier',
  'JSXClosingElement',
  'JSXOpeningFragment',
  'JSXClosingFragment',
]);
const NO_CHILDREN: readonly Node[] = [];

/** The class or function declared under `name` at the top level of `program`, exported or not, else null. */
export function topLevelDeclaration(program: TSESTree.Program, name: string): TSESTree.ClassDeclaration | TSESTree.FunctionDeclaration | null {
  for (const statement of program.body) {
    const node = statement.type === 'ExportNamedDeclaration' || statement.type === 'ExportDefaultDeclaration' ? statement.declaration : statement;
    if ((node?.type === 'ClassDeclaration' || node?.type === 'FunctionDeclaration') && node.id?.name === name) return node;
  }
  return null;
}

/** Child nodes of `node` in source order, type annotations excluded. Generic, so it works for every node kind. */
export function childNodes(node: Node): readonly Node[] {
  if (LEAVES.has(node.type)) return NO_CHILDREN;
  const children: Node[] = [];
  let ordered = true;
  let last = -1;
  const add = (child: Node): void => {
    const start = startOf(child);
    if (start < last) ordered = false;
    last = start;
    children.push(child);
  };
  for (const key in node) {
    if (SKIPPED_KEYS.has(key)) continue;
    const value: unknown = Reflect.get(node, key);
    if (Array.isArray(value)) {
      for (const item of value) if (isNode(item)) add(item);
    } else if (isNode(value)) {
      add(value);
    }
  }
  // Keys are nearly always in source order; decorators and a few TypeScript forms are not.
  if (!ordered) children.sort((a, b) => startOf(a) - startOf(b));
  return children;
}
