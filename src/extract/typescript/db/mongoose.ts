/**
 * Mongoose models: `model('Order', orderSchema)` (mongoose imported under any name) is a collection, named by the
 * third argument, else the schema's `collection` option (`new Schema({…}, { collection })`,
 * `schema.set('collection', …)` before the model call), else mongoose's pluralized model name; and each
 * `ref: 'Customer'` in its schema a reference to another model's collection.
 */
import type { TSESTree } from '@typescript-eslint/types';
import type { Fact } from '../../../types/index.js';
import type { Node } from '../ast.js';
import { argumentAt, childNodes, keyName, memberName, methodCall, startOf, stringValue, unwrap } from '../ast.js';
import { at, EXTRACTOR_ID, type FileContext } from '../context.js';
import { fold } from '../fold.js';
import { literalText } from '../../../shared/folded.js';
import { lookupProperty, newBudget, resolveRef } from '../resolve.js';
import type { Binding, Scope } from '../scope.js';
import { tableRef } from '../../sql/effects.js';
import { collectionOf } from './mongoose-pluralize.js';

/** Collections set on schemas by `schema.set('collection', 'name')`, by the schema's binding. */
export type SchemaCollections = Map<Binding, string>;

/** Records `schema.set('collection', 'name')` on a schema held in a variable. */
export function noteSchemaCollection(call: TSESTree.CallExpression, scope: Scope, collections: SchemaCollections): void {
  const method = methodCall(call);
  const receiver = method === null ? null : unwrap(method.receiver);
  if (method?.name !== 'set' || receiver?.type !== 'Identifier') return;
  const key = argumentAt(call, 0);
  const value = argumentAt(call, 1);
  if (key === null || value === null || stringValue(key) !== 'collection') return;
  const binding = scope.lookup(receiver.name);
  const name = literalText(fold(value, scope));
  if (binding?.kind === 'variable' && binding.init !== null && unwrap(binding.init).type === 'NewExpression' && name !== null) {
    collections.set(binding, name);
  }
}

/** Collection and reference facts of one `model(…)` call, or nothing. */
export function mongooseModelFacts(
  call: TSESTree.CallExpression,
  scope: Scope,
  context: FileContext,
  collections: SchemaCollections,
): Fact[] {
  if (!isMongooseModel(call.callee, scope)) return [];
  const nameNode = argumentAt(call, 0);
  const name = nameNode === null ? null : stringValue(nameNode);
  if (name === null) return [];
  const explicit = argumentAt(call, 2);
  const schema = schemaOf(argumentAt(call, 1), scope);
  // The model call's argument wins, then the schema option: `set('collection')` after the constructor's.
  const argument = explicit === null ? null : literalText(fold(explicit, scope));
  const named = argument ?? schemaSet(argumentAt(call, 1), scope, collections) ?? schema.collection;
  const collection = tableRef(null, named ?? collectionOf(name));
  const location = at(context, startOf(call));
  const fields = schema.fields;
  const columns: string[] = [];
  const facts: Fact[] = [];
  if (fields !== null) {
    for (const property of fields.properties) {
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

/** The fields object of `new Schema({…}, { collection })`, directly or through a `const`, and its collection option. */
function schemaOf(node: Node | null, scope: Scope): { fields: TSESTree.ObjectExpression | null; collection: string | null } {
  const none = { fields: null, collection: null };
  if (node === null) return none;
  let value = unwrap(node);
  let valueScope = scope;
  if (value.type === 'Identifier') {
    const binding = scope.lookup(value.name);
    if (binding?.kind !== 'variable' || binding.init === null) return none;
    value = unwrap(binding.init);
    valueScope = binding.scope;
  }
  if (value.type !== 'NewExpression' && value.type !== 'CallExpression') return none;
  const first = argumentAt(value, 0);
  const object = first === null ? null : unwrap(first);
  const options = argumentAt(value, 1);
  const ref = options === null ? null : resolveRef(options, valueScope, 0, newBudget());
  let collection: string | null = null;
  if (ref?.kind === 'node' && ref.node.type === 'ObjectExpression') {
    const found = lookupProperty(ref.node, 'collection', ref.scope, 0, newBudget());
    collection = found.kind === 'node' ? literalText(fold(found.node, found.scope)) : null;
  }
  return { fields: object?.type === 'ObjectExpression' ? object : null, collection };
}

/** The collection a `schema.set('collection', …)` gave the schema variable `node`, else null. */
function schemaSet(node: Node | null, scope: Scope, collections: SchemaCollections): string | null {
  const value = node === null ? null : unwrap(node);
  const binding = value?.type === 'Identifier' ? scope.lookup(value.name) : null;
  return binding === null ? null : (collections.get(binding) ?? null);
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
