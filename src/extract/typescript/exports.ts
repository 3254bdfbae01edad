/**
 * Module-level exported values, ESM and CommonJS: `export const X = …`, `export enum X {…}`, `export { x as y }`,
 * `export default …`, `export = …`, `module.exports = …`, `module.exports.X = …`, `exports.X = …`.
 */
import type { TSESTree } from '@typescript-eslint/types';
import type { ExportedValueFact } from '../../types/index.js';
import type { Node } from './ast.js';
import { memberName, startOf, unwrap } from './ast.js';
import type { FileContext } from './context.js';
import { exportedValueFact } from './context.js';
import { exportedValue, isReportable } from './exported-value.js';
import type { Scope } from './scope.js';
import { isStable } from './scope.js';
import { patternNames } from './patterns.js';
import { commonJsExport } from './commonjs.js';

/** Exported values of the program's top-level statements (only values that carry evidence, see `isReportable`). */
export function exportFacts(program: TSESTree.Program, scope: Scope, context: FileContext): ExportedValueFact[] {
  const facts: ExportedValueFact[] = [];
  const report = (name: string, value: Node, offset: number): void => {
    const exported = exportedValue(value, scope);
    if (isReportable(exported)) facts.push(exportedValueFact(context, offset, name, exported));
  };
  for (const statement of program.body) {
    switch (statement.type) {
      case 'ExportNamedDeclaration':
        if (statement.exportKind === 'type') break;
        if (statement.declaration?.type === 'VariableDeclaration' && !statement.declaration.declare) {
          for (const declarator of statement.declaration.declarations) {
            if (declarator.id.type === 'Identifier') {
              if (declarator.init) report(declarator.id.name, declarator.init, startOf(declarator.id));
              continue;
            }
            // `export const { a, b: { c } } = source`: each name resolves through its binding's member path.
            for (const entry of patternNames(declarator.id)) report(entry.name, entry.node, startOf(entry.node));
          }
        } else if (statement.declaration?.type === 'TSEnumDeclaration') {
          exportEnum(statement.declaration, scope, report);
        } else if (!statement.source) {
          for (const specifier of statement.specifiers) exportSpecifier(specifier, scope, report);
        }
        break;
      case 'ExportDefaultDeclaration':
        if (isExpression(statement.declaration)) report('default', statement.declaration, startOf(statement));
        break;
      case 'TSExportAssignment':
        report('default', statement.expression, startOf(statement));
        break;
      case 'ExpressionStatement':
        reportCommonJs(statement.expression, scope, report);
        break;
      default:
        break;
    }
  }
  return facts;
}

type Report = (name: string, value: Node, offset: number) => void;

/** `export enum X {…}` / `export const enum X {…}`: an object of its members, once for merged declarations. */
function exportEnum(declaration: TSESTree.TSEnumDeclaration, scope: Scope, report: Report): void {
  const binding = scope.bindings.get(declaration.id.name);
  if (binding?.kind !== 'enum' || binding.declarations[0]?.node !== declaration) return;
  report(declaration.id.name, declaration.id, startOf(declaration.id));
}

/**
 * `export { local }` / `export { local as alias }` of a module-level variable (destructured ones included), of an
 * enum, or of an imported binding passed on (which folds to an import part the resolver follows).
 */
function exportSpecifier(specifier: TSESTree.ExportSpecifier, scope: Scope, report: Report): void {
  if (specifier.exportKind === 'type' || specifier.local.type !== 'Identifier') return;
  const binding = scope.bindings.get(specifier.local.name);
  const exportable =
    binding?.kind === 'import' || binding?.kind === 'enum' || (binding?.kind === 'variable' && isStable(binding));
  if (!exportable) return;
  const exported = specifier.exported;
  const name = exported.type === 'Identifier' ? exported.name : String(exported.value);
  report(name, specifier.local, startOf(specifier));
}

function isExpression(node: TSESTree.ExportDefaultDeclaration['declaration']): boolean {
  switch (node.type) {
    case 'FunctionDeclaration':
    case 'ClassDeclaration':
    case 'TSDeclareFunction':
    case 'TSInterfaceDeclaration':
    case 'TSEnumDeclaration':
    case 'TSModuleDeclaration':
    case 'TSTypeAliasDeclaration':
    case 'VariableDeclaration':
      return false;
    default:
      return true;
  }
}

/**
 * `module.exports = value` exports `default` (what `import x from` gives) and, when the value is an object
 * literal, each of its properties under its own name (what `const { x } = require()` reads).
 */
function reportCommonJs(expression: Node, scope: Scope, report: Report): void {
  const exported = commonJsExport(expression, scope);
  if (exported === null) return;
  if (exported.name !== null) {
    report(exported.name, exported.value, exported.offset);
    return;
  }
  report('default', exported.value, exported.offset);
  const value = unwrap(exported.value);
  if (value.type !== 'ObjectExpression') return;
  for (const property of value.properties) {
    if (property.type !== 'Property' || property.computed || property.kind !== 'init' || property.method) continue;
    const name = property.key.type === 'Identifier' ? property.key.name : String(property.key.value);
    report(name, property.value, startOf(property));
  }
}
