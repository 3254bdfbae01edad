/**
 * TypeScript enum members as constants, computed the way the compiler does: string and number initializers,
 * templates, arithmetic on numbers, references to other members and to consts, and auto-incremented members.
 * Whatever the compiler would compute at run time (or reject) is unknown here, never a guess.
 */
import type { TSESTree } from '@typescript-eslint/types';
import type { FoldedValue } from '../../types/index.js';
import type { Node } from './ast.js';
import { endOf, startOf, unwrap } from './ast.js';
import { concat, literal, sourceText, unknownValue } from '../../shared/folded.js';
import type { Budget } from './resolve.js';
import { MAX_DEPTH, memberKey, resolveRef } from './resolve.js';
import type { EnumBinding, Scope } from './scope.js';
import { enumMemberName } from './scope.js';

/** A member's value with what is known of its type: auto-increment and `+` depend on it. */
type Constant =
  | { type: 'number'; value: number }
  | { type: 'string'; value: FoldedValue }
  /** Type not known (an imported binding, an env read, an opaque expression): usable as is, never in arithmetic. */
  | { type: 'unknown'; value: FoldedValue };

/** Where a member is and how to compute it. */
interface MemberEntry {
  member: TSESTree.TSEnumMember;
  /** Scope of the enum body the member belongs to. */
  body: Scope;
  /** Position in its declaration. */
  index: number;
  /** The nearest member at or before this one with an initializer (auto-increment counts from it), else null. */
  anchor: { initializer: Node; index: number } | null;
}

// Built once per enum, so a reference costs the same in a 10,000-member enum as in a 3-member one.
const indexes = new WeakMap<EnumBinding, ReadonlyMap<string, MemberEntry>>();

/** Member names of the enum, in declaration order (merged declarations one after the other). */
export function enumMemberNames(binding: EnumBinding): string[] {
  return [...memberIndex(binding).keys()];
}

/** The value of member `key`; null when the enum has no member of that name. */
export function enumMemberValue(binding: EnumBinding, key: string, depth: number, budget: Budget): FoldedValue | null {
  const constant = memberConstant(binding, key, depth, budget);
  return constant && valueOf(constant);
}

function memberIndex(binding: EnumBinding): ReadonlyMap<string, MemberEntry> {
  const cached = indexes.get(binding);
  if (cached) return cached;
  const index = new Map<string, MemberEntry>();
  for (const { node, body } of binding.declarations) {
    let anchor: MemberEntry['anchor'] = null;
    for (const [i, member] of node.body.members.entries()) {
      if (member.initializer) anchor = { initializer: member.initializer, index: i };
      const name = enumMemberName(member);
      // A duplicate name is a compile error; the first one is kept.
      if (name !== null && !index.has(name)) index.set(name, { member, body, index: i, anchor });
    }
  }
  indexes.set(binding, index);
  return index;
}

function memberConstant(binding: EnumBinding, key: string, depth: number, budget: Budget): Constant | null {
  const entry = memberIndex(binding).get(key);
  if (!entry) return null;
  // No initializer before it: the member's position (`enum E { A, B }` is 0, 1).
  if (entry.anchor === null) return { type: 'number', value: entry.index };
  const base = constantOf(entry.anchor.initializer, entry.body, depth + 1, budget);
  if (entry.anchor.index === entry.index) return base;
  // After a numeric member, one more per step; after anything else the compiler wants an initializer.
  if (base.type !== 'number') return unknownOf(entry.member, entry.body);
  return { type: 'number', value: base.value + entry.index - entry.anchor.index };
}

/** The constant `expression` (an initializer, or a part of one) evaluates to. */
function constantOf(expression: Node, scope: Scope, depth: number, budget: Budget): Constant {
  const node = unwrap(expression);
  if (depth > MAX_DEPTH || --budget.steps < 0) return unknownOf(node, scope);
  const next = depth + 1;
  switch (node.type) {
    case 'Literal':
      if (typeof node.value === 'number') return { type: 'number', value: node.value };
      return typeof node.value === 'string' ? { type: 'string', value: literal(node.value) } : unknownOf(node, scope);
    case 'TemplateLiteral': {
      const pieces: FoldedValue[] = [];
      node.quasis.forEach((quasi, i) => {
        pieces.push(literal(quasi.value.cooked ?? quasi.value.raw));
        const inner = node.expressions[i];
        if (inner) pieces.push(valueOf(constantOf(inner, scope, next, budget)));
      });
      return { type: 'string', value: concat(pieces, textOf(node, scope)) };
    }
    case 'UnaryExpression':
      return unary(node, scope, next, budget);
    case 'BinaryExpression':
      return binary(node, scope, next, budget);
    case 'Identifier':
    case 'MemberExpression':
      return reference(node, scope, next, budget);
    default:
      return unknownOf(node, scope);
  }
}

function unary(node: TSESTree.UnaryExpression, scope: Scope, depth: number, budget: Budget): Constant {
  const operand = constantOf(node.argument, scope, depth, budget);
  if (operand.type !== 'number') return unknownOf(node, scope);
  switch (node.operator) {
    case '-':
      return { type: 'number', value: -operand.value };
    case '+':
      return operand;
    case '~':
      return { type: 'number', value: ~operand.value };
    default:
      return unknownOf(node, scope);
  }
}

/** `+` concatenates when a side is a string; numbers combine by JavaScript's rules; anything else is unknown. */
function binary(node: TSESTree.BinaryExpression, scope: Scope, depth: number, budget: Budget): Constant {
  if (node.left.type === 'PrivateIdentifier') return unknownOf(node, scope);
  const left = constantOf(node.left, scope, depth, budget);
  const right = constantOf(node.right, scope, depth, budget);
  if (node.operator === '+' && (left.type === 'string' || right.type === 'string')) {
    return { type: 'string', value: concat([valueOf(left), valueOf(right)], textOf(node, scope)) };
  }
  if (left.type !== 'number' || right.type !== 'number') return unknownOf(node, scope);
  const value = arithmetic(node.operator, left.value, right.value);
  return value === null ? unknownOf(node, scope) : { type: 'number', value };
}

function arithmetic(operator: string, a: number, b: number): number | null {
  switch (operator) {
    case '+':
      return a + b;
    case '-':
      return a - b;
    case '*':
      return a * b;
    case '/':
      return a / b;
    case '%':
      return a % b;
    case '**':
      return a ** b;
    case '<<':
      return a << b;
    case '>>':
      return a >> b;
    case '>>>':
      return a >>> b;
    case '&':
      return a & b;
    case '|':
      return a | b;
    case '^':
      return a ^ b;
    default:
      return null;
  }
}

/** A member of this enum (`A`), of another (`Other.A`, `Other['A']`), or a const that holds a constant. */
function reference(node: TSESTree.Identifier | TSESTree.MemberExpression, scope: Scope, depth: number, budget: Budget): Constant {
  const target = enumTarget(node, scope, depth, budget);
  if (target) return memberConstant(target.binding, target.key, depth, budget) ?? unknownOf(node, scope);
  const ref = resolveRef(node, scope, depth, budget);
  if (ref.kind === 'node' && ref.node !== node) return constantOf(ref.node, ref.scope, depth + 1, budget);
  if (ref.kind === 'value') return { type: 'unknown', value: ref.value };
  return unknownOf(node, scope);
}

/** The enum and member name `node` refers to: a member named in its enum's body, or `E.A` / `E['A']`. */
function enumTarget(
  node: TSESTree.Identifier | TSESTree.MemberExpression,
  scope: Scope,
  depth: number,
  budget: Budget,
): { binding: EnumBinding; key: string } | null {
  if (node.type === 'Identifier') {
    const binding = scope.lookup(node.name);
    return binding?.kind === 'enum-member' ? { binding: binding.owner, key: binding.name } : null;
  }
  const object = resolveRef(node.object, scope, depth, budget);
  const key = object.kind === 'enum' ? memberKey(node, scope, depth, budget) : null;
  return object.kind === 'enum' && key !== null ? { binding: object.binding, key } : null;
}

function valueOf(constant: Constant): FoldedValue {
  return constant.type === 'number' ? literal(String(constant.value)) : constant.value;
}

function textOf(node: Node, scope: Scope): string {
  return sourceText(scope.module.text, startOf(node), endOf(node));
}

function unknownOf(node: Node, scope: Scope): Constant {
  return { type: 'unknown', value: unknownValue(textOf(node, scope)) };
}
