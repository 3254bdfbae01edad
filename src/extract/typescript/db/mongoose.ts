/**
 * Mongoose models: `model('Order', orderSchema)` (mongoose imported under any name) is a collection (Mongoose's
 * default name: the model name lower-cased and pluralized with a trailing `s`, or the third argument), and each
 * `ref: 'Customer'` in its schema a reference to another model's collection.
 */
import type { TSESTree } from '@typescript-eslint/types';
import type { Fact } from '../../../types/index.js';
import type { Node } from '../ast.js';
import { argumentAt, childNodes, keyName, memberName, startOf, stringValue, unwrap } from '../ast.js';
import { at, EXTRACTOR_ID, type FileContext } from '../context.js';
import type { Scope } from '../scope.js';
import { tableRef } from '../../sql/effects.js';

/** Collection and reference facts of one `model(…)` call, or nothing. */
export function mongooseModelFacts(call: TSESTree.CallExpression, scope: Scope, context: FileContext): Fact[] {
  if (!isMongooseModel(call.callee, scope)) return [];
  const nameNode = argumentAt(call, 0);
  const name = nameNode === null ? null : stringValue(nameNode);
  if (name === null) return [];
  const explicit = argumentAt(call, 2);
  const collection = tableRef(null, (explicit === null ? null : stringValue(explicit)) ?? collectionOf(name));
  const location = at(context, startOf(call));
  const schema = schemaObject(argumentAt(call, 1), scope);
  const columns: string[] = [];
  const facts: Fact[] = [];
  if (schema !== null) {
    for (const property of schema.properties) {
      if (property.type !== 'Property') continue;
      const field = keyName(property.key, property.computed);
      if (field !== null) columns.push(field);
      const ref = refIn(property.value);
      if (ref !== null && field !== null) {
        facts.push({
          kind: 'db-foreign-key',
          source: 'mongoose',
          from: collection,
          to: tableRef(null, collectionOf(ref)),
          columns: [field],
          database: null,
          toModel: ref,
          location: at(context, startOf(property)),
          extractor: EXTRACTOR_ID,
        });
      }
    }
  }
  return [
    { kind: 'db-table', source: 'mongoose', table: collection, columns, database: null, model: name, location, extractor: EXTRACTOR_ID },
    ...facts,
  ];
}

/** Mongoose's default collection name for a model: `Customer` → `customers`, `Category` → `categories`. */
export function collectionOf(model: string): string {
  const lower = model.toLowerCase();
  if (/[^aeiou]y$/.test(lower)) return `${lower.slice(0, -1)}ies`;
  if (/(s|x|z|ch|sh)$/.test(lower)) return `${lower}es`;
  return `${lower}s`;
}

function isMongooseModel(callee: Node, scope: Scope): boolean {
  const node = unwrap(callee);
  if (node.type === 'Identifier') {
    const binding = scope.lookup(node.name);
    return binding?.kind === 'import' && binding.specifier === 'mongoose' && binding.imported === 'model';
  }
  if (node.type !== 'MemberExpression' || memberName(node) !== 'model') return false;
  const object = unwrap(node.object);
  if (object.type !== 'Identifier') return false;
  const binding = scope.lookup(object.name);
  return binding?.kind === 'import' && binding.specifier === 'mongoose';
}

/** The object literal of `new Schema({…})`, directly or through a `const`. */
function schemaObject(node: Node | null, scope: Scope): TSESTree.ObjectExpression | null {
  if (node === null) return null;
  let value = unwrap(node);
  if (value.type === 'Identifier') {
    const binding = scope.lookup(value.name);
    if (binding?.kind !== 'variable' || binding.init === null) return null;
    value = unwrap(binding.init);
  }
  if (value.type !== 'NewExpression' && value.type !== 'CallExpression') return null;
  const first = argumentAt(value, 0);
  const object = first === null ? null : unwrap(first);
  return object?.type === 'ObjectExpression' ? object : null;
}

/** `ref: 'Customer'` anywhere in a field definition (also inside arrays: `[{ type, ref }]`). */
function refIn(node: Node): string | null {
  const stack: Node[] = [node];
  let budget = 2_000;
  while (stack.length > 0 && budget-- > 0) {
    const current = stack.pop();
    if (current === undefined) continue;
    if (current.type === 'Property' && keyName(current.key, current.computed) === 'ref') {
      const ref = stringValue(current.value);
      if (ref !== null) return ref;
    }
    stack.push(...childNodes(current));
  }
  return null;
}
