/**
 * Reference resolution: what an identifier or member chain (`config.services.orders.url`, `this.baseUrl`,
 * `process.env.X`, `imported.a.b`) denotes, following `const`s and object literals through the scope chain.
 */
import type { TSESTree } from '@typescript-eslint/types';
import type { FoldedValue } from '../../types/index.js';
import type { Node } from './ast.js';
import { memberName, stringValue, unwrap } from './ast.js';
import { enumMemberValue } from './enums.js';
import { foldAt } from './fold.js';
import { envValue, importValue, isUnknown, literalText, onlyPart, withFallback } from '../../shared/folded.js';
import type { EnumBinding, Scope } from './scope.js';
import { isStable } from './scope.js';

/** What a reference denotes. */
export type Ref =
  /** An expression in the source, to be evaluated in `scope`. */
  | { kind: 'node'; node: Node; scope: Scope }
  /** `process.env` / `import.meta.env` itself. */
  | { kind: 'env-object' }
  /** A value already folded: an env variable or an imported binding with a member path. */
  | { kind: 'value'; value: FoldedValue }
  /** A property that an object literal does not have (`undefined`), so a default applies. */
  | { kind: 'absent' }
  /** A TypeScript enum: its members are constants. */
  | { kind: 'enum'; binding: EnumBinding }
  | { kind: 'unknown' };

/** Deepest recursion of folding and resolution together. */
export const MAX_DEPTH = 40;
/** Most resolution/fold steps for one top-level fold, so shared sub-expressions cannot blow up exponentially. */
export const MAX_STEPS = 2_000;

/** Work left for one top-level fold. */
export interface Budget {
  steps: number;
}

/** A fresh budget for one top-level question. */
export function newBudget(): Budget {
  return { steps: MAX_STEPS };
}

const UNKNOWN: Ref = { kind: 'unknown' };
const ABSENT: Ref = { kind: 'absent' };
const ENV_OBJECT: Ref = { kind: 'env-object' };

/** Resolves `expression` (seen in `scope`) as far as the file allows. */
export function resolveRef(expression: Node, scope: Scope, depth: number, budget: Budget): Ref {
  if (depth > MAX_DEPTH || --budget.steps < 0) return UNKNOWN;
  const node = unwrap(expression);
  switch (node.type) {
    case 'Identifier':
      return resolveIdentifier(node.name, scope, depth, budget);
    case 'MemberExpression':
      return resolveMember(node, scope, depth, budget);
    case 'CallExpression': {
      const specifier = requiredSpecifier(node, scope);
      if (specifier !== null) return { kind: 'value', value: importValue(specifier, '*', []) };
      // `Object.freeze({...})` is the object itself, as far as its values go.
      const frozen = isObjectFreeze(node, scope) ? node.arguments[0] : undefined;
      return frozen && frozen.type !== 'SpreadElement' ? resolveRef(frozen, scope, depth + 1, budget) : { kind: 'node', node, scope };
    }
    default:
      return { kind: 'node', node, scope };
  }
}

/** The specifier of a call to the global `require('x')` with a literal argument, else null. */
export function requiredSpecifier(node: TSESTree.CallExpression, scope: Scope): string | null {
  const callee = unwrap(node.callee);
  if (callee.type !== 'Identifier' || callee.name !== 'require' || !scope.isGlobal('require')) return null;
  const argument = node.arguments[0];
  return node.arguments.length >= 1 && argument && argument.type !== 'SpreadElement' ? stringValue(argument) : null;
}

function isObjectFreeze(node: TSESTree.CallExpression, scope: Scope): boolean {
  const callee = unwrap(node.callee);
  if (callee.type !== 'MemberExpression' || memberName(callee) !== 'freeze' || node.arguments.length !== 1) return false;
  const object = unwrap(callee.object);
  return object.type === 'Identifier' && object.name === 'Object' && scope.isGlobal('Object');
}

function resolveIdentifier(name: string, scope: Scope, depth: number, budget: Budget): Ref {
  const binding = scope.lookup(name);
  if (!binding) return UNKNOWN;
  if (binding.kind === 'import') return { kind: 'value', value: importValue(binding.specifier, binding.imported, []) };
  if (binding.kind === 'enum') return { kind: 'enum', binding };
  if (binding.kind === 'enum-member') return enumMember(binding.owner, binding.name, depth + 1, budget);
  if (binding.kind !== 'variable' || !binding.init || binding.path === null || !isStable(binding)) return UNKNOWN;
  let ref = resolveRef(binding.init, binding.scope, depth + 1, budget);
  for (const step of binding.path) ref = memberOf(ref, step, depth + 1, budget);
  if (!binding.defaultValue) return ref;
  if (ref.kind === 'absent') return resolveRef(binding.defaultValue, binding.scope, depth + 1, budget);
  if (ref.kind === 'value') {
    const fallback = foldAt(binding.defaultValue, binding.scope, depth + 1, budget);
    const value = withFallback(ref.value, fallback);
    if (value) return { kind: 'value', value };
  }
  return ref;
}

/** The statically known key of a member access; computed keys are folded (`config[KEY]` with `const KEY = 'x'`). */
export function memberKey(node: TSESTree.MemberExpression, scope: Scope, depth: number, budget: Budget): string | null {
  const name = memberName(node);
  if (name !== null || !node.computed) return name;
  return literalText(foldAt(node.property, scope, depth + 1, budget));
}

function resolveMember(node: TSESTree.MemberExpression, scope: Scope, depth: number, budget: Budget): Ref {
  const key = memberKey(node, scope, depth, budget);
  if (key === null) return UNKNOWN;
  const object = unwrap(node.object);
  if (key === 'env' && isEnvHolder(object, scope)) return ENV_OBJECT;
  if (object.type === 'ThisExpression') {
    const member = scope.thisClass?.members.get(key);
    return member?.init ? resolveRef(member.init, member.scope, depth + 1, budget) : UNKNOWN;
  }
  return memberOf(resolveRef(object, scope, depth + 1, budget), key, depth + 1, budget);
}

/** `process` (the global) or `import.meta`: their `.env` holds environment variables. */
function isEnvHolder(object: Node, scope: Scope): boolean {
  if (object.type === 'Identifier') return object.name === 'process' && scope.isGlobal('process');
  return object.type === 'MetaProperty' && object.meta.name === 'import' && object.property.name === 'meta';
}

/** The member `key` of what `ref` denotes. */
export function memberOf(ref: Ref, key: string, depth: number, budget: Budget): Ref {
  switch (ref.kind) {
    case 'env-object':
      return { kind: 'value', value: envValue(key) };
    case 'value': {
      const part = onlyPart(ref.value);
      if (part?.kind !== 'import') return UNKNOWN;
      return { kind: 'value', value: importValue(part.specifier, part.name, [...part.path, key]) };
    }
    case 'node':
      return nodeMember(ref.node, ref.scope, key, depth, budget);
    case 'enum':
      return enumMember(ref.binding, key, depth, budget);
    default:
      return UNKNOWN;
  }
}

/**
 * Member `key` of an enum. A name it does not declare is unknown rather than absent: a numeric enum also maps
 * values back to names (`E[0]` is `'A'`).
 */
function enumMember(binding: EnumBinding, key: string, depth: number, budget: Budget): Ref {
  const value = enumMemberValue(binding, key, depth, budget);
  return value === null || isUnknown(value) ? UNKNOWN : { kind: 'value', value };
}

function nodeMember(node: Node, scope: Scope, key: string, depth: number, budget: Budget): Ref {
  if (node.type === 'ObjectExpression') {
    const found = lookupProperty(node, key, scope, depth, budget);
    if (found.kind !== 'node') return found;
    return resolveRef(found.node, found.scope, depth + 1, budget);
  }
  if (node.type === 'ArrayExpression' && /^(?:0|[1-9]\d{0,8})$/.test(key)) {
    const element = node.elements[Number(key)];
    if (element === undefined) return ABSENT;
    return element && element.type !== 'SpreadElement' && !hasSpreadBefore(node, Number(key))
      ? resolveRef(element, scope, depth + 1, budget)
      : UNKNOWN;
  }
  // A URL object's `href` is the URL string, which is what folding the `new URL(…)` gives.
  if (node.type === 'NewExpression' && key === 'href' && isUrlConstructor(node.callee, scope)) {
    return { kind: 'node', node, scope };
  }
  return UNKNOWN;
}

function hasSpreadBefore(node: TSESTree.ArrayExpression, index: number): boolean {
  return node.elements.slice(0, index).some((element) => element?.type === 'SpreadElement');
}

/** Whether `callee` is the global `URL` (or `URL` imported from `url` / `node:url`). */
export function isUrlConstructor(callee: Node, scope: Scope): boolean {
  const target = unwrap(callee);
  if (target.type !== 'Identifier') return false;
  const binding = scope.lookup(target.name);
  if (!binding) return target.name === 'URL';
  return binding.kind === 'import' && binding.imported === 'URL' && /^(?:node:)?url$/.test(binding.specifier);
}

/**
 * Looks `key` up in an object literal, last definition first, following `...spread`s that resolve to object
 * literals, and imported ones (`...baseConfig` from `./db`) as the imported member when nothing before the spread
 * could define the key as well. `{ kind: 'node' }` is the property's value expression (not yet resolved).
 */
export function lookupProperty(
  object: TSESTree.ObjectExpression,
  key: string,
  scope: Scope,
  depth: number,
  budget: Budget,
): Ref {
  for (let i = object.properties.length - 1; i >= 0; i--) {
    const property = object.properties[i];
    if (!property) continue;
    if (property.type === 'SpreadElement') {
      const spread = resolveRef(property.argument, scope, depth + 1, budget);
      if (spread.kind === 'env-object') return { kind: 'value', value: envValue(key) };
      // Whether the imported object has the key is known only in its module: an earlier definition may be the one.
      if (spread.kind === 'value') {
        return definedBefore(object, i, key, scope, depth, budget) ? UNKNOWN : memberOf(spread, key, depth + 1, budget);
      }
      if (spread.kind !== 'node' || spread.node.type !== 'ObjectExpression') return UNKNOWN;
      const inner = lookupProperty(spread.node, key, spread.scope, depth + 1, budget);
      // An imported spread inside the spread object: as uncertain as one written here.
      const imported = inner.kind === 'value' && onlyPart(inner.value)?.kind === 'import';
      if (imported && definedBefore(object, i, key, scope, depth, budget)) return UNKNOWN;
      if (inner.kind !== 'absent') return inner;
      continue;
    }
    const name = propertyKey(property, scope, depth, budget);
    if (name !== key) continue;
    if (property.kind !== 'init' || property.method) return UNKNOWN;
    return { kind: 'node', node: property.value, scope };
  }
  return ABSENT;
}

/** Whether a property before index `end` may define `key`: a spread, that key, or a computed key not resolved. */
function definedBefore(object: TSESTree.ObjectExpression, end: number, key: string, scope: Scope, depth: number, budget: Budget): boolean {
  return object.properties.slice(0, end).some((property) => {
    if (property.type === 'SpreadElement') return true;
    const name = propertyKey(property, scope, depth, budget);
    return name === null || name === key;
  });
}

/** Static name of an object literal property; computed keys are folded. Unresolvable computed keys never match. */
export function propertyKey(property: TSESTree.Property, scope: Scope, depth: number, budget: Budget): string | null {
  if (!property.computed) {
    const key = property.key;
    if (key.type === 'Identifier') return key.name;
    return key.type === 'Literal' ? String(key.value) : null;
  }
  return literalText(foldAt(property.key, scope, depth + 1, budget));
}
