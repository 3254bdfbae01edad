/** An index of a file's named functions, methods and classes, so a wrapped `this.fetchPrice` finds its body. */
import type { TSESTree } from '@typescript-eslint/types';
import type { Node } from '../ast.js';
import { childNodes, endOf, startOf, unwrap } from '../ast.js';

/** A source range `[start, end)`. */
export interface Range {
  start: number;
  end: number;
}

/** Named bodies of one file. Names may repeat (methods of several classes); all are kept. */
export interface FunctionIndex {
  functions: Map<string, Range[]>;
  classes: Map<string, { range: Range; node: TSESTree.ClassDeclaration | TSESTree.ClassExpression }>;
}

// Nesting cap for this secondary walk; the main walk reports deeper files already.
const MAX_DEPTH = 500;

/** Indexes function declarations, `const f = () => …`, class methods and class declarations. */
export function indexFunctions(program: TSESTree.Program): FunctionIndex {
  const index: FunctionIndex = { functions: new Map(), classes: new Map() };
  const add = (name: string, node: Node): void => {
    const list = index.functions.get(name) ?? [];
    list.push({ start: startOf(node), end: endOf(node) });
    index.functions.set(name, list);
  };
  const stack: { node: Node; depth: number }[] = [{ node: program, depth: 0 }];
  for (let item = stack.pop(); item; item = stack.pop()) {
    const { node, depth } = item;
    if (depth > MAX_DEPTH) continue;
    if (node.type === 'FunctionDeclaration' && node.id) add(node.id.name, node);
    if (node.type === 'MethodDefinition' && node.key.type === 'Identifier') add(node.key.name, node.value);
    if (node.type === 'PropertyDefinition' && node.key.type === 'Identifier' && node.value && isFunction(node.value)) add(node.key.name, node.value);
    if (node.type === 'VariableDeclarator' && node.id.type === 'Identifier' && node.init && isFunction(node.init)) add(node.id.name, node.init);
    if ((node.type === 'ClassDeclaration' || node.type === 'ClassExpression') && node.id) {
      index.classes.set(node.id.name, { range: { start: startOf(node), end: endOf(node) }, node });
    }
    for (const child of childNodes(node)) stack.push({ node: child, depth: depth + 1 });
  }
  return index;
}

/** Whether `node` is a function expression or arrow. */
export function isFunction(node: Node): node is TSESTree.ArrowFunctionExpression | TSESTree.FunctionExpression {
  const target = unwrap(node);
  return target.type === 'ArrowFunctionExpression' || target.type === 'FunctionExpression';
}

/** Whether `offset` lies in `range`. */
export function within(range: Range, offset: number): boolean {
  return offset >= range.start && offset < range.end;
}
