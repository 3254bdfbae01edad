/**
 * Model fields an ORM call names in its query shape: Prisma `select`, `where` (through `AND`/`OR`/`NOT`), `data`,
 * `orderBy`, `distinct`, `by`, `cursor` and aggregates; TypeORM find options, `findOneBy` criteria, `update`
 * partials and saved objects. These are field names, not column names: resolve maps them through the model's
 * `fieldColumns` and drops relation names there. Object literals are followed through `const`s and spreads of the
 * same file; opaque values (parameters, calls, unknown spreads) and unresolvable computed keys add nothing.
 */
import type { TSESTree } from '@typescript-eslint/types';
import type { Node } from '../ast.js';
import { argumentAt, stringValue, unwrap } from '../ast.js';
import type { Scope } from '../scope.js';
import { MAX_DEPTH, newBudget, propertyKey, resolveRef, type Budget } from '../resolve.js';

/** A value expression with the scope it is evaluated in. */
interface Scoped {
  node: Node;
  scope: Scope;
}

/** Field names found so far, in source order, and the budget shared by every lookup of one call. */
interface Collector {
  fields: Set<string>;
  budget: Budget;
  /** Which keys can name a field (Prisma field names start with a letter; `_count`, `_all` are not fields). */
  pattern: RegExp;
}

const PRISMA_FIELD = /^[A-Za-z]\w*$/;
const TYPEORM_FIELD = /^[A-Za-z_$][\w$]*$/;
const PRISMA_LOGIC = new Set(['AND', 'OR', 'NOT']);
/** Prisma argument keys whose value is a map from field to a flag or order (`{ legacyStatus: true }`). */
const PRISMA_FLAG_MAPS = new Set(['select', 'cursor', '_sum', '_avg', '_min', '_max', '_count']);
/** Prisma argument keys whose value is a written record, or a list of them (`createMany`). */
const PRISMA_RECORDS = new Set(['data', 'create', 'update']);

/** TypeORM methods whose argument is find options (`{ where, select, order }`). */
const TYPEORM_OPTIONS = new Set(['find', 'findOne', 'findOneOrFail', 'findAndCount', 'count', 'exist', 'exists']);
/** TypeORM methods whose argument is a where criteria object (or a list of alternatives). */
const TYPEORM_CRITERIA = new Set([
  'findBy', 'findOneBy', 'findOneByOrFail', 'findAndCountBy', 'countBy', 'existsBy', 'delete', 'softDelete', 'restore', 'recover',
]);
/** TypeORM methods whose argument is an entity-like object (or a list of them). */
const TYPEORM_RECORDS = new Set(['save', 'insert', 'upsert', 'preload']);
/** `sum('amountCents', where)` and the like: a field name, then criteria. */
const TYPEORM_AGGREGATES = new Set(['sum', 'average', 'minimum', 'maximum']);

/** Field names a Prisma delegate call (`prisma.order.findMany({ select, where, … })`) mentions. */
export function prismaFields(call: TSESTree.CallExpression, scope: Scope): string[] {
  const collector: Collector = { fields: new Set(), budget: newBudget(), pattern: PRISMA_FIELD };
  const first = argumentAt(call, 0);
  const args = first === null ? null : objectOf({ node: first, scope }, collector, 0);
  if (args === null) return [];
  for (const [key, value] of properties(args, collector, 0)) {
    if (key === 'where' || key === 'having') filterKeys(value, collector, true, 0);
    else if (PRISMA_FLAG_MAPS.has(key)) flagKeys(value, collector);
    else if (key === 'orderBy' || PRISMA_RECORDS.has(key)) for (const object of objectsOf(value, collector)) recordKeys(object, collector);
    else if (key === 'distinct' || key === 'by') names(value, collector);
  }
  return [...collector.fields];
}

/** Field names a TypeORM repository or manager call mentions; `offset` 1 skips the entity class of `manager.find(Order, …)`. */
export function typeormFields(call: TSESTree.CallExpression, method: string, offset: number, scope: Scope): string[] {
  const collector: Collector = { fields: new Set(), budget: newBudget(), pattern: TYPEORM_FIELD };
  const argument = (index: number): Scoped | null => {
    const node = argumentAt(call, offset + index);
    return node === null ? null : { node, scope };
  };
  const first = argument(0);
  const second = argument(1);
  if (TYPEORM_OPTIONS.has(method)) {
    const options = first === null ? null : objectOf(first, collector, 0);
    for (const [key, value] of options === null ? [] : properties(options, collector, 0)) {
      if (key === 'where') filterKeys(value, collector, false, 0);
      else if (key === 'select') {
        flagKeys(value, collector);
        names(value, collector);
      } else if (key === 'order') flagKeys(value, collector);
    }
  } else if (TYPEORM_CRITERIA.has(method)) {
    if (first !== null) filterKeys(first, collector, false, 0);
  } else if (method === 'update') {
    if (first !== null) filterKeys(first, collector, false, 0);
    for (const object of second === null ? [] : objectsOf(second, collector)) recordKeys(object, collector);
  } else if (TYPEORM_RECORDS.has(method)) {
    for (const object of first === null ? [] : objectsOf(first, collector)) recordKeys(object, collector);
  } else if (TYPEORM_AGGREGATES.has(method)) {
    if (first !== null) names(first, collector);
    if (second !== null) filterKeys(second, collector, false, 0);
  } else if (method === 'increment' || method === 'decrement') {
    if (first !== null) filterKeys(first, collector, false, 0);
    if (second !== null) names(second, collector);
  }
  return [...collector.fields];
}

/** Keys of a where filter (or a list of alternatives); with `logic`, Prisma's `AND`/`OR`/`NOT` are followed, not taken. */
function filterKeys(value: Scoped, collector: Collector, logic: boolean, depth: number): void {
  if (depth > MAX_DEPTH) return;
  for (const object of objectsOf(value, collector)) {
    for (const [key, inner] of properties(object, collector, 0)) {
      // Relation filters (`customer: { is: … }`) name the relation here and the other model's fields inside: only the key counts.
      if (logic && PRISMA_LOGIC.has(key)) filterKeys(inner, collector, logic, depth + 1);
      else add(key, collector);
    }
  }
}

/** Keys of a `{ field: true }` map, except those set to literal `false` (`select: { legacyStatus: false }`). */
function flagKeys(value: Scoped, collector: Collector): void {
  const object = objectOf(value, collector, 0);
  if (object === null) return;
  for (const [key, inner] of properties(object, collector, 0)) if (!isFalse(inner, collector)) add(key, collector);
}

/** Every key of a written record or an `orderBy` entry. */
function recordKeys(object: Scoped, collector: Collector): void {
  for (const key of properties(object, collector, 0).keys()) add(key, collector);
}

/** A field name given as a string, or a list of them (`distinct: ['status']`, `select: ['id', 'email']`). */
function names(value: Scoped, collector: Collector): void {
  const found = resolved(value, collector, 0);
  if (found === null) return;
  const items = found.node.type === 'ArrayExpression' ? found.node.elements : [found.node];
  for (const item of items) {
    if (item === null || item.type === 'SpreadElement') continue;
    const text = resolved({ node: item, scope: found.scope }, collector, 1);
    const name = text === null ? null : stringValue(text.node);
    if (name !== null) add(name, collector);
  }
}

function add(key: string, collector: Collector): void {
  if (collector.pattern.test(key)) collector.fields.add(key);
}

/** What a value expression denotes when the file says (a `const` followed), else null. */
function resolved(value: Scoped, collector: Collector, depth: number): Scoped | null {
  const ref = resolveRef(value.node, value.scope, depth, collector.budget);
  return ref.kind === 'node' ? { node: unwrap(ref.node), scope: ref.scope } : null;
}

/** The object literal a value denotes, else null. */
function objectOf(value: Scoped, collector: Collector, depth: number): Scoped | null {
  const found = resolved(value, collector, depth);
  return found?.node.type === 'ObjectExpression' ? found : null;
}

/** The object literal a value denotes, or the object literals of the array literal it denotes. */
function objectsOf(value: Scoped, collector: Collector): Scoped[] {
  const found = resolved(value, collector, 0);
  if (found === null) return [];
  if (found.node.type === 'ObjectExpression') return [found];
  if (found.node.type !== 'ArrayExpression') return [];
  return found.node.elements.flatMap((element) => {
    if (element === null || element.type === 'SpreadElement') return [];
    const object = objectOf({ node: element, scope: found.scope }, collector, 1);
    return object === null ? [] : [object];
  });
}

/**
 * Properties of an object literal by static key, following spreads of object literals; a later key overrides an
 * earlier one. Spreads of anything else, methods, accessors and unresolvable computed keys are left out.
 */
function properties(object: Scoped, collector: Collector, depth: number): Map<string, Scoped> {
  const result = new Map<string, Scoped>();
  if (depth > MAX_DEPTH || object.node.type !== 'ObjectExpression') return result;
  for (const property of object.node.properties) {
    if (property.type === 'SpreadElement') {
      const spread = objectOf({ node: property.argument, scope: object.scope }, collector, depth + 1);
      if (spread !== null) for (const [key, value] of properties(spread, collector, depth + 1)) result.set(key, value);
      continue;
    }
    if (property.kind !== 'init' || property.method) continue;
    const key = propertyKey(property, object.scope, depth, collector.budget);
    if (key !== null) result.set(key, { node: property.value, scope: object.scope });
  }
  return result;
}

function isFalse(value: Scoped, collector: Collector): boolean {
  const found = resolved(value, collector, 0);
  return found?.node.type === 'Literal' && found.node.value === false;
}
