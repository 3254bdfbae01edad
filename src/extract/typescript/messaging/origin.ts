/**
 * Where a value comes from, as an imported binding plus the steps applied to it: `kafka.producer()` with
 * `const kafka = new Kafka(…)` and `import { Kafka } from 'kafkajs'` is `kafkajs:Kafka new .producer call`.
 * Detectors match on that, so a client is recognized by its import under any local name, never by spelling.
 */
import type { Node } from '../ast.js';
import { memberName, unwrap } from '../ast.js';
import { requiredSpecifier } from '../resolve.js';
import type { Scope } from '../scope.js';
import { isStable } from '../scope.js';
import { declaredType } from '../typed.js';

/** An imported binding and what was done to it: `new`, `call`, or `.member`. */
export interface Origin {
  specifier: string;
  /** Export name: `default`, `*` or a named export. */
  imported: string;
  steps: string[];
}

// Real code needs a handful of steps; the cap keeps hostile chains linear.
const MAX_DEPTH = 16;

/** The origin of `expression` seen in `scope`, or null when it does not start at an import. */
export function originOf(expression: Node, scope: Scope, depth = 0): Origin | null {
  if (depth > MAX_DEPTH) return null;
  const node = unwrap(expression);
  switch (node.type) {
    case 'Identifier':
      return identifierOrigin(node.name, node, scope, depth);
    case 'AwaitExpression':
      // A promise of a client is the client, as far as what it can do goes.
      return originOf(node.argument, scope, depth + 1);
    case 'MemberExpression': {
      const name = memberName(node);
      if (name === null) return null;
      if (unwrap(node.object).type === 'ThisExpression') {
        const member = scope.thisClass?.members.get(name);
        if (member?.init) return originOf(member.init, member.scope, depth + 1);
        return typedOrigin(node, scope);
      }
      return extend(originOf(node.object, scope, depth + 1), `.${name}`);
    }
    case 'CallExpression': {
      const specifier = requiredSpecifier(node, scope);
      if (specifier !== null) return { specifier, imported: '*', steps: [] };
      return extend(originOf(node.callee, scope, depth + 1), 'call');
    }
    case 'NewExpression':
      return extend(originOf(node.callee, scope, depth + 1), 'new');
    default:
      return null;
  }
}

function identifierOrigin(name: string, node: Node, scope: Scope, depth: number): Origin | null {
  const binding = scope.lookup(name);
  if (!binding) return null;
  if (binding.kind === 'import') return { specifier: binding.specifier, imported: binding.imported, steps: [] };
  if (binding.kind === 'param') return typedOrigin(node, scope);
  if (binding.kind !== 'variable') return null;
  // A `let` assigned later (`producer = kafka.producer()` in a connect function) still has its declared type.
  if (binding.path === null || !isStable(binding) || !binding.init) return typedOrigin(node, scope);
  let origin = originOf(binding.init, binding.scope, depth + 1);
  for (const step of binding.path) origin = extend(origin, `.${step}`);
  return origin ?? typedOrigin(node, scope);
}

/** `client: ClientProxy` (parameter, property, constructor parameter property): the imported type is the origin. */
function typedOrigin(node: Node, scope: Scope): Origin | null {
  const type = declaredType(node, scope);
  if (!type) return null;
  const binding = type.scope.lookup(type.name);
  if (binding?.kind !== 'import') return null;
  return { specifier: binding.specifier, imported: binding.imported, steps: ['instance'] };
}

/** Appends a step; a namespace import's first member names the export (`kafkajs.Kafka` ≡ `{ Kafka }`). */
function extend(origin: Origin | null, step: string): Origin | null {
  if (!origin) return null;
  if (origin.steps.length === 0 && origin.imported === '*' && step.startsWith('.')) {
    return { specifier: origin.specifier, imported: step.slice(1), steps: [] };
  }
  return { ...origin, steps: [...origin.steps, step] };
}

/** Whether `origin` is export `imported` of `specifier` (`node:` prefix ignored), optionally with exact steps. */
export function isFrom(origin: Origin | null, specifiers: readonly string[], imported: readonly string[]): boolean {
  if (!origin) return false;
  const specifier = origin.specifier.startsWith('node:') ? origin.specifier.slice(5) : origin.specifier;
  return specifiers.includes(specifier) && imported.includes(origin.imported);
}

/** The steps as one string (`new .producer call`), for compact matching. */
export function stepsOf(origin: Origin): string {
  return origin.steps.join(' ');
}
