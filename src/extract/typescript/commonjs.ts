/** CommonJS exports, recognized once for every detector that reads a module's exports. */
import type { TSESTree } from '@typescript-eslint/types';
import type { Node } from './ast.js';
import { memberName, startOf, unwrap } from './ast.js';
import type { Scope } from './scope.js';

/** One CommonJS export: `module.exports = value` (`name` null: the module itself), `module.exports.x = v`, `exports.x = v`. */
export interface CommonJsExport {
  name: string | null;
  value: Node;
  offset: number;
}

/** The export an expression statement makes, or null; `module` and `exports` must be the free CommonJS globals. */
export function commonJsExport(expression: Node, scope: Scope): CommonJsExport | null {
  if (expression.type !== 'AssignmentExpression' || expression.operator !== '=') return null;
  const target = unwrap(expression.left);
  if (target.type !== 'MemberExpression') return null;
  const offset = startOf(expression);
  if (isModuleExports(target, scope)) return { name: null, value: expression.right, offset };
  const name = memberName(target);
  const holder = unwrap(target.object);
  const onExports =
    (holder.type === 'Identifier' && holder.name === 'exports' && scope.isGlobal('exports')) ||
    (holder.type === 'MemberExpression' && isModuleExports(holder, scope));
  return name !== null && onExports ? { name, value: expression.right, offset } : null;
}

function isModuleExports(node: TSESTree.MemberExpression, scope: Scope): boolean {
  const object = unwrap(node.object);
  return object.type === 'Identifier' && object.name === 'module' && scope.isGlobal('module') && memberName(node) === 'exports';
}
