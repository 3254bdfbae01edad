/**
 * Constant folding: what a URL, port or config expression evaluates to, as literal / env / import / unknown
 * parts. Pure and bounded (recursion depth, total steps and result size are all capped).
 */
import type { TSESTree } from '@typescript-eslint/types';
import type { FoldedValue } from '../../types/index.js';
import type { Node } from './ast.js';
import { argumentAt, endOf, methodCall, startOf, stringValue, unwrap } from './ast.js';
import {
  concat,
  envValue,
  importValue,
  literal,
  literalText,
  onlyPart,
  sourceText,
  unknownValue,
  withFallback,
} from '../../shared/folded.js';
import type { Budget } from './resolve.js';
import { MAX_DEPTH, isUrlConstructor, newBudget, requiredSpecifier, resolveRef } from './resolve.js';
import type { Scope } from './scope.js';
import { isTypedAs } from './typed.js';
import { resolveUrl } from '../../shared/url.js';

/** Folds `expression` as seen from `scope`. Never throws; anything it cannot evaluate is an `unknown` part. */
export function fold(expression: Node, scope: Scope): FoldedValue {
  return foldAt(expression, scope, 0, newBudget());
}

/** {@link fold} inside an ongoing fold: shares the depth and the step budget. */
export function foldAt(expression: Node, scope: Scope, depth: number, budget: Budget): FoldedValue {
  if (depth > MAX_DEPTH || --budget.steps < 0) return unknownOf(expression, scope);
  const node = unwrap(expression);
  const next = depth + 1;
  switch (node.type) {
    case 'Literal':
      if (typeof node.value === 'string') return literal(node.value);
      if (typeof node.value === 'number' || typeof node.value === 'boolean') return literal(String(node.value));
      return unknownOf(node, scope);
    case 'TemplateLiteral': {
      const pieces: FoldedValue[] = [];
      node.quasis.forEach((quasi, i) => {
        pieces.push(literal(quasi.value.cooked ?? quasi.value.raw));
        const inner = node.expressions[i];
        if (inner) pieces.push(foldAt(inner, scope, next, budget));
      });
      return concat(pieces, textOf(node, scope));
    }
    case 'BinaryExpression':
      return foldBinary(node, scope, next, budget);
    case 'LogicalExpression':
      return foldLogical(node, scope, next, budget);
    case 'Identifier':
    case 'MemberExpression': {
      const ref = resolveRef(node, scope, next, budget);
      if (ref.kind === 'value') return ref.value;
      if (ref.kind === 'node' && ref.node !== node) return foldAt(ref.node, ref.scope, next, budget);
      return unknownOf(node, scope);
    }
    case 'CallExpression':
      return foldCall(node, scope, next, budget);
    case 'NewExpression':
      return foldNew(node, scope, next, budget);
    case 'UnaryExpression':
      if (node.operator === '+') return foldAt(node.argument, scope, next, budget);
      if (node.operator === '-' && node.argument.type === 'Literal' && typeof node.argument.value === 'number') {
        return literal(String(-node.argument.value));
      }
      return unknownOf(node, scope);
    case 'SequenceExpression': {
      const last = node.expressions[node.expressions.length - 1];
      return last ? foldAt(last, scope, next, budget) : unknownOf(node, scope);
    }
    default:
      return unknownOf(node, scope);
  }
}

function foldBinary(node: TSESTree.BinaryExpression, scope: Scope, depth: number, budget: Budget): FoldedValue {
  if (node.operator !== '+') return unknownOf(node, scope);
  const { left, right } = node;
  // `1 + 2` adds; anything else with `+` and a string concatenates, which is what URLs do.
  if (isNumberLiteral(left) && isNumberLiteral(right)) return literal(String(left.value + right.value));
  return concat([foldAt(left, scope, depth, budget), foldAt(right, scope, depth, budget)], textOf(node, scope));
}

function isNumberLiteral(node: Node): node is TSESTree.NumberLiteral {
  return node.type === 'Literal' && typeof node.value === 'number';
}

/** `a ?? 'x'` and `a || 'x'`: an env value gets a fallback; a literal left side is the answer. */
function foldLogical(node: TSESTree.LogicalExpression, scope: Scope, depth: number, budget: Budget): FoldedValue {
  if (node.operator === '&&') return unknownOf(node, scope);
  const left = foldAt(node.left, scope, depth, budget);
  const fallback = () => foldAt(node.right, scope, depth, budget);
  const withEnv = onlyPart(left)?.kind === 'env' ? withFallback(left, fallback()) : null;
  if (withEnv) return withEnv;
  const text = literalText(left);
  if (text !== null) return node.operator === '||' && text === '' ? fallback() : left;
  // An imported value is resolved later and is probably set; the fallback cannot be attached to it.
  if (onlyPart(left)?.kind === 'import') return left;
  return unknownOf(node, scope);
}

const VALUE_PRESERVING = new Set(['String', 'Number', 'parseInt', 'parseFloat']);

/**
 * Every callee name (function or method) a call needs for folding or resolution to give more than `unknown`;
 * the prefilter treats a call of anything else as opaque. Keep in sync with `foldCall` and `resolveRef`.
 */
export const FOLDABLE_CALL_NAMES: ReadonlySet<string> = new Set([
  ...VALUE_PRESERVING,
  'require',
  'toString',
  'join',
  'get',
  'getOrThrow',
  'freeze',
]);

function foldCall(node: TSESTree.CallExpression, scope: Scope, depth: number, budget: Budget): FoldedValue {
  const callee = unwrap(node.callee);
  const first = argumentAt(node, 0);
  if (callee.type === 'Identifier' && VALUE_PRESERVING.has(callee.name) && first && scope.isGlobal(callee.name)) {
    return foldAt(first, scope, depth, budget);
  }
  const specifier = requiredSpecifier(node, scope);
  if (specifier !== null) return importValue(specifier, '*', []);
  const method = methodCall(node);
  if (!method) return unknownOf(node, scope);
  if (method.name === 'toString' && node.arguments.length === 0) return foldAt(method.receiver, scope, depth, budget);
  if (method.name === 'join') return foldJoin(node, method.receiver, scope, depth, budget);
  if ((method.name === 'get' || method.name === 'getOrThrow') && first) {
    const configValue = foldConfigGet(node, method.name, method.receiver, scope, depth, budget);
    if (configValue) return configValue;
  }
  return unknownOf(node, scope);
}

/** NestJS `configService.get('X', 'default')` / `.getOrThrow('X')` on a receiver typed `ConfigService`. */
function foldConfigGet(
  node: TSESTree.CallExpression,
  name: string,
  receiver: Node,
  scope: Scope,
  depth: number,
  budget: Budget,
): FoldedValue | null {
  const key = argumentAt(node, 0);
  const keyText = key ? stringValue(key) : null;
  if (keyText === null || !isTypedAs(receiver, scope, 'ConfigService')) return null;
  const dflt = name === 'get' ? argumentAt(node, 1) : null;
  // A second argument that is an options object (`{ infer: true }`) is not a default value.
  if (!dflt || unwrap(dflt).type === 'ObjectExpression') return envValue(keyText);
  return envValue(keyText, foldAt(dflt, scope, depth, budget));
}

/** `[a, b].join('/')` with a literal separator (default `,`). */
function foldJoin(
  node: TSESTree.CallExpression,
  receiver: Node,
  scope: Scope,
  depth: number,
  budget: Budget,
): FoldedValue {
  const separatorNode = argumentAt(node, 0);
  const separator = node.arguments.length === 0 ? ',' : separatorNode ? stringValue(separatorNode) : null;
  const target = resolveRef(receiver, scope, depth, budget);
  if (separator === null || target.kind !== 'node' || target.node.type !== 'ArrayExpression') {
    return unknownOf(node, scope);
  }
  const pieces: FoldedValue[] = [];
  for (const [i, element] of target.node.elements.entries()) {
    if (!element || element.type === 'SpreadElement') return unknownOf(node, scope);
    if (i > 0) pieces.push(literal(separator));
    pieces.push(foldAt(element, target.scope, depth, budget));
  }
  return concat(pieces, textOf(node, scope));
}

/** `new URL(path, base)`; `new URL(url)` is the URL itself. */
function foldNew(node: TSESTree.NewExpression, scope: Scope, depth: number, budget: Budget): FoldedValue {
  const path = argumentAt(node, 0);
  if (!path || !isUrlConstructor(node.callee, scope)) return unknownOf(node, scope);
  const base = argumentAt(node, 1);
  const pathValue = foldAt(path, scope, depth, budget);
  return base ? resolveUrl(pathValue, foldAt(base, scope, depth, budget)) : pathValue;
}

function textOf(node: Node, scope: Scope): string {
  return sourceText(scope.module.text, startOf(node), endOf(node));
}

function unknownOf(node: Node, scope: Scope): FoldedValue {
  return unknownValue(textOf(node, scope));
}
