/** Names bound by a binding pattern, with the member path and default of each (iterative: patterns can nest deeply). */
import type { Node } from './ast.js';
import { annotatedTypeName, keyName } from './ast.js';

/** One name bound by a pattern. */
export interface PatternName {
  name: string;
  /** The binding identifier itself. */
  node: Node;
  /** Member path from the destructured value; null when an array or rest element hides it. */
  path: string[] | null;
  defaultValue: Node | null;
  /** Declared type of the identifier (`(http: HttpService) => …`). */
  typeName: string | null;
}

interface Pending {
  node: Node;
  path: string[] | null;
  defaultValue: Node | null;
}

/** Every identifier a pattern (`x`, `{ a, b: { c = 1 } }`, `[x, ...rest]`, parameter properties) binds. */
export function patternNames(pattern: Node): PatternName[] {
  const names: PatternName[] = [];
  const stack: Pending[] = [{ node: pattern, path: [], defaultValue: null }];
  for (let item = stack.pop(); item; item = stack.pop()) {
    const { node, path, defaultValue } = item;
    switch (node.type) {
      case 'Identifier':
        names.push({ name: node.name, node, path, defaultValue, typeName: annotatedTypeName(node.typeAnnotation) });
        break;
      case 'AssignmentPattern':
        stack.push({ node: node.left, path, defaultValue: node.right });
        break;
      case 'TSParameterProperty':
        stack.push({ node: node.parameter, path, defaultValue });
        break;
      case 'RestElement':
        stack.push({ node: node.argument, path: null, defaultValue: null });
        break;
      case 'ArrayPattern':
        for (const element of node.elements) {
          if (element) stack.push({ node: element, path: null, defaultValue: null });
        }
        break;
      case 'ObjectPattern':
        for (const property of node.properties) {
          if (property.type === 'RestElement') {
            stack.push({ node: property.argument, path: null, defaultValue: null });
            continue;
          }
          const key = keyName(property.key, property.computed);
          const childPath = path && key !== null ? [...path, key] : null;
          stack.push({ node: property.value, path: childPath, defaultValue: null });
        }
        break;
      default:
        // Member expressions as assignment targets (`[a.b] = x`) bind nothing.
        break;
    }
  }
  return names;
}

/** Identifiers assigned by an assignment target (`x = …`, `[a, b] = …`, `({ a } = …)`). */
export function assignedNames(target: Node): string[] {
  return patternNames(target).map((entry) => entry.name);
}
