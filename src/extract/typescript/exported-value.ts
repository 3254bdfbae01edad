/**
 * Exported values as trees: object literals and enums become objects (up to depth 6), everything else a folded
 * scalar.
 */
import type { TSESTree } from '@typescript-eslint/types';
import type { ExportedValue } from '../../types/index.js';
import type { Node } from './ast.js';
import { endOf, startOf } from './ast.js';
import { enumMemberNames, enumMemberValue } from './enums.js';
import { fold } from './fold.js';
import { hasKnownPart, sourceText, unknownValue } from '../../shared/folded.js';
import { newBudget, propertyKey, resolveRef } from './resolve.js';
import type { EnumBinding, Scope } from './scope.js';

/** Deepest object nesting kept; deeper objects become one unknown scalar. */
export const MAX_OBJECT_DEPTH = 6;
// Spreads followed inside one object (`{ ...base, ...overrides }` chains).
const MAX_SPREADS = 16;
/** Most values (objects and scalars) in one exported tree: shared sub-objects cannot multiply without bound. */
export const MAX_TREE_NODES = 1_000;

/** The value `expression` exports (an object tree up to {@link MAX_OBJECT_DEPTH} levels, else a folded scalar). */
export function exportedValue(expression: Node, scope: Scope): ExportedValue {
  return valueAt(expression, scope, 1, { nodes: MAX_TREE_NODES });
}

function valueAt(expression: Node, scope: Scope, depth: number, budget: { nodes: number }): ExportedValue {
  const ref = resolveRef(expression, scope, 0, newBudget());
  if (ref.kind === 'node' && ref.node.type === 'ObjectExpression') {
    if (depth > MAX_OBJECT_DEPTH || --budget.nodes < 0) {
      return { kind: 'scalar', value: unknownValue(sourceText(scope.module.text, startOf(ref.node), endOf(ref.node))) };
    }
    return { kind: 'object', properties: objectProperties(ref.node, ref.scope, depth, 0, budget) };
  }
  if (ref.kind === 'enum' && depth <= MAX_OBJECT_DEPTH && --budget.nodes >= 0) {
    return { kind: 'object', properties: enumProperties(ref.binding, budget) };
  }
  if (--budget.nodes < 0) return { kind: 'scalar', value: unknownValue(sourceText(scope.module.text, startOf(expression), endOf(expression))) };
  return { kind: 'scalar', value: fold(expression, scope) };
}

/**
 * Whether a value carries evidence worth keeping: a scalar with a known part, or an object with such a value
 * somewhere inside. Objects drop the rest (functions, calls, story render methods) as they are built.
 */
export function isReportable(value: ExportedValue): boolean {
  return value.kind === 'scalar' ? hasKnownPart(value.value) : Object.keys(value.properties).length > 0;
}

function objectProperties(
  node: TSESTree.ObjectExpression,
  scope: Scope,
  depth: number,
  spreads: number,
  budget: { nodes: number },
): Record<string, ExportedValue> {
  // No prototype: a `__proto__` key in the analyzed code must stay a plain key.
  const properties: Record<string, ExportedValue> = Object.create(null);
  for (const property of node.properties) {
    if (property.type === 'SpreadElement') {
      const ref = resolveRef(property.argument, scope, 0, newBudget());
      // An unresolvable spread is assumed not to override what is known (configs spread optional overrides).
      if (spreads < MAX_SPREADS && --budget.nodes >= 0 && ref.kind === 'node' && ref.node.type === 'ObjectExpression') {
        Object.assign(properties, objectProperties(ref.node, ref.scope, depth, spreads + 1, budget));
      }
      continue;
    }
    // Methods and accessors are behaviour, not configuration.
    if (property.kind !== 'init' || property.method) continue;
    const key = propertyKey(property, scope, 0, newBudget());
    if (key === null) continue;
    const value = valueAt(property.value, scope, depth + 1, budget);
    // A later opaque value still overrides an earlier known one.
    if (isReportable(value)) properties[key] = value;
    else delete properties[key];
  }
  return properties;
}

/** An enum's members with a known value, in declaration order. */
function enumProperties(binding: EnumBinding, budget: { nodes: number }): Record<string, ExportedValue> {
  // No prototype, as for object literals: a member may be named `__proto__`.
  const properties: Record<string, ExportedValue> = Object.create(null);
  for (const name of enumMemberNames(binding)) {
    if (--budget.nodes < 0) break;
    const value = enumMemberValue(binding, name, 0, newBudget());
    if (value !== null && hasKnownPart(value)) properties[name] = { kind: 'scalar', value };
  }
  return properties;
}
