/**
 * Declared types of receivers: is `this.http` an `HttpService`, is `config` a `ConfigService`? Decided by the
 * type annotation and the import it names, never by the variable's name.
 */
import type { Node } from './ast.js';
import { argumentAt, memberName, methodCall, unwrap } from './ast.js';
import type { Scope } from './scope.js';

// Following `const a = this.b` chains; real code needs one or two steps.
const MAX_STEPS = 8;

/** The declared type name of `expression` and the scope to look that name up in, else null. */
export function declaredType(expression: Node, scope: Scope, steps = 0): { name: string; scope: Scope } | null {
  if (steps > MAX_STEPS) return null;
  const node = unwrap(expression);
  if (node.type === 'Identifier') {
    const binding = scope.lookup(node.name);
    if (binding?.kind === 'param') return binding.typeName === null ? null : { name: binding.typeName, scope };
    if (binding?.kind !== 'variable') return null;
    if (binding.typeName !== null) return { name: binding.typeName, scope: binding.scope };
    return binding.init && binding.path?.length === 0 ? declaredType(binding.init, binding.scope, steps + 1) : null;
  }
  if (node.type === 'MemberExpression' && unwrap(node.object).type === 'ThisExpression') {
    const name = memberName(node);
    const member = name === null ? undefined : scope.thisClass?.members.get(name);
    if (!member) return null;
    if (member.typeName !== null) return { name: member.typeName, scope: member.scope };
    return member.init ? declaredType(member.init, member.scope, steps + 1) : null;
  }
  // NestJS looks providers up by class: `app.get(ConfigService)`, `moduleRef.resolve(HttpService)`.
  if (node.type === 'CallExpression') {
    const method = methodCall(node);
    const token = argumentAt(node, 0);
    if ((method?.name === 'get' || method?.name === 'resolve') && token?.type === 'Identifier') {
      return { name: token.name, scope };
    }
  }
  return null;
}

/** Whether `expression` is declared with a type imported under the exported name `exportedName` (any alias). */
export function isTypedAs(expression: Node, scope: Scope, exportedName: string): boolean {
  const type = declaredType(expression, scope);
  if (!type) return false;
  const binding = type.scope.lookup(type.name);
  return binding?.kind === 'import' && binding.imported === exportedName;
}
