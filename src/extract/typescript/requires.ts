/** CommonJS imports seen by the walk: `require('x')` (the global one only) and TypeScript's `import x = require('x')`. */
import type { TSESTree } from '@typescript-eslint/types';
import type { ImportFact } from '../../types/index.js';
import { startOf } from './ast.js';
import type { FileContext } from './context.js';
import { importFact } from './context.js';
import { requiredSpecifier } from './resolve.js';
import type { Scope } from './scope.js';

/** An import fact for `require('x')` with a literal argument, unless `require` is a local binding. */
export function detectRequire(call: TSESTree.CallExpression, scope: Scope, context: FileContext): ImportFact | null {
  const specifier = requiredSpecifier(call, scope);
  return specifier === null ? null : importFact(context, startOf(call), specifier, 'require', false);
}

/** An import fact for `import x = require('x')` (`import type x = require('x')` is type-only). */
export function importEqualsFact(node: TSESTree.TSImportEqualsDeclaration, context: FileContext): ImportFact | null {
  const reference = node.moduleReference;
  if (reference.type !== 'TSExternalModuleReference' || reference.expression.type !== 'Literal') return null;
  return importFact(context, startOf(node), String(reference.expression.value), 'require', node.importKind === 'type');
}
