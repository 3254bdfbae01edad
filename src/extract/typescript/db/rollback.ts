/**
 * Rollback functions of migrations (`export async function down`, `exports.down = …`, `{ up, down }` objects, also
 * naming a function declared elsewhere in the file): they undo `up` and never run in a deploy, so schema facts
 * inside them are dropped.
 */
import type { TSESTree } from '@typescript-eslint/types';
import type { Fact } from '../../../types/index.js';
import type { Node } from '../ast.js';
import { endOf, keyName, memberName, startOf, unwrap } from '../ast.js';
import type { FileContext } from '../context.js';

const SCHEMA_KINDS = new Set(['db-table', 'db-foreign-key', 'db-migration-step']);

/** `facts` without the schema facts that lie inside a top-level `down` function. */
export function withoutRollbacks(program: TSESTree.Program, facts: Fact[], context: FileContext): Fact[] {
  const ranges = downRanges(program).map(([start, end]) => [context.lines.position(start).line, context.lines.position(end).line]);
  if (ranges.length === 0) return facts;
  return facts.filter(
    (fact) => !SCHEMA_KINDS.has(fact.kind) || !ranges.some(([from = 0, to = 0]) => fact.location.line >= from && fact.location.line <= to),
  );
}

function downRanges(program: TSESTree.Program): [number, number][] {
  const ranges: [number, number][] = [];
  const add = (node: Node | null | undefined): void => {
    if (node === null || node === undefined) return;
    const value = unwrap(node);
    if (value.type === 'FunctionExpression' || value.type === 'ArrowFunctionExpression' || value.type === 'FunctionDeclaration') {
      ranges.push([startOf(value), endOf(value)]);
    } else if (value.type === 'Identifier') {
      // `module.exports = { up, down }` with `function down(knex) { … }` above.
      const declared = topLevelFunction(program, value.name);
      if (declared !== null) ranges.push([startOf(declared), endOf(declared)]);
    }
  };
  const fromObject = (node: Node | null | undefined): void => {
    const object = node === null || node === undefined ? null : unwrap(node);
    if (object?.type !== 'ObjectExpression') return;
    for (const property of object.properties) {
      if (property.type === 'Property' && keyName(property.key, property.computed) === 'down') add(property.value);
    }
  };
  for (const statement of program.body) {
    const declaration =
      statement.type === 'ExportNamedDeclaration' || statement.type === 'ExportDefaultDeclaration' ? statement.declaration : statement;
    if (declaration === null || declaration === undefined) continue;
    if (declaration.type === 'FunctionDeclaration' && declaration.id?.name === 'down') add(declaration);
    if (declaration.type === 'VariableDeclaration') {
      for (const declarator of declaration.declarations) {
        if (declarator.id.type === 'Identifier' && declarator.id.name === 'down') add(declarator.init);
        else fromObject(declarator.init);
      }
    }
    if (declaration.type === 'ObjectExpression') fromObject(declaration);
    if (declaration.type === 'ExpressionStatement' && declaration.expression.type === 'AssignmentExpression') {
      const { left, right } = declaration.expression;
      if (left.type === 'MemberExpression' && memberName(left) === 'down') add(right);
      else fromObject(right);
    }
  }
  return ranges;
}

/** The function a top-level `function name` or `const name = () => …` declares, else null. */
function topLevelFunction(program: TSESTree.Program, name: string): Node | null {
  for (const statement of program.body) {
    const declaration = statement.type === 'ExportNamedDeclaration' ? statement.declaration : statement;
    if (declaration?.type === 'FunctionDeclaration' && declaration.id?.name === name) return declaration;
    if (declaration?.type !== 'VariableDeclaration') continue;
    for (const declarator of declaration.declarations) {
      if (declarator.id.type !== 'Identifier' || declarator.id.name !== name || declarator.init === null) continue;
      const init = unwrap(declarator.init);
      return init.type === 'FunctionExpression' || init.type === 'ArrowFunctionExpression' ? init : null;
    }
  }
  return null;
}
