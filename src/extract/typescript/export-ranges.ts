/**
 * Line ranges of the top-level declarations a module exports (`export class JwtAuthGuard`, `export const publish =`,
 * `class X {}; export { X }`, `exports.send = function …`). A call in a shared library runs in the services that
 * import the export around it, so resolve needs to know which export a call site belongs to.
 */
import type { TSESTree } from '@typescript-eslint/types';
import type { ExportRangesFact } from '../../types/index.js';
import type { Node } from './ast.js';
import { endOf, startOf, unwrap } from './ast.js';
import { commonJsExport } from './commonjs.js';
import type { FileContext } from './context.js';
import { at, EXTRACTOR_ID } from './context.js';
import type { Scope } from './scope.js';

/** The export ranges of `program`, or null when it exports no declaration. */
export function exportRanges(program: TSESTree.Program, scope: Scope, context: FileContext): ExportRangesFact | null {
  const ranges: ExportRangesFact['exports'] = [];
  const add = (name: string, node: Node): void => {
    ranges.push({ name, from: context.lines.position(startOf(node)).line, to: context.lines.position(endOf(node)).line });
  };
  // Top-level declarations by local name, for `export { local as name }` and `module.exports = { local }`.
  const locals = new Map<string, Node>();
  for (const statement of program.body) {
    const node = statement.type === 'ExportNamedDeclaration' || statement.type === 'ExportDefaultDeclaration' ? statement.declaration : statement;
    if ((node?.type === 'ClassDeclaration' || node?.type === 'FunctionDeclaration') && node.id) locals.set(node.id.name, node);
    if (node?.type === 'VariableDeclaration') {
      for (const declarator of node.declarations) if (declarator.id.type === 'Identifier') locals.set(declarator.id.name, declarator);
    }
  }
  const addLocal = (local: string, name: string): void => {
    const node = locals.get(local);
    if (node !== undefined) add(name, node);
  };
  for (const statement of program.body) {
    if (statement.type === 'ExportNamedDeclaration' && statement.exportKind !== 'type' && !statement.source) {
      const declaration = statement.declaration;
      if ((declaration?.type === 'ClassDeclaration' || declaration?.type === 'FunctionDeclaration') && declaration.id) add(declaration.id.name, declaration);
      if (declaration?.type === 'VariableDeclaration') {
        for (const declarator of declaration.declarations) if (declarator.id.type === 'Identifier') add(declarator.id.name, declarator);
      }
      for (const specifier of statement.specifiers) {
        const name = specifier.exported.type === 'Identifier' ? specifier.exported.name : String(specifier.exported.value);
        if (specifier.exportKind !== 'type' && specifier.local.type === 'Identifier') addLocal(specifier.local.name, name);
      }
    } else if (statement.type === 'ExportDefaultDeclaration') {
      const declaration = unwrap(statement.declaration);
      if (declaration.type === 'Identifier') addLocal(declaration.name, 'default');
      else add('default', statement);
    } else if (statement.type === 'ExpressionStatement') {
      const exported = commonJsExport(statement.expression, scope);
      if (exported === null) continue;
      const value = unwrap(exported.value);
      if (exported.name !== null) {
        if (value.type === 'Identifier') addLocal(value.name, exported.name);
        else add(exported.name, statement);
      } else if (value.type === 'ObjectExpression') {
        for (const property of value.properties) {
          if (property.type !== 'Property' || property.computed || property.key.type !== 'Identifier') continue;
          const inner = unwrap(property.value);
          if (inner.type === 'Identifier') addLocal(inner.name, property.key.name);
          else add(property.key.name, property);
        }
      } else if (value.type === 'Identifier') addLocal(value.name, 'default');
      else add('default', statement);
    }
  }
  if (ranges.length === 0) return null;
  return { kind: 'export-ranges', location: at(context, 0), extractor: EXTRACTOR_ID, exports: ranges };
}
