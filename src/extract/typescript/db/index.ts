/**
 * Database detectors over the walk's events: connections (`new Pool({ connectionString })`, `knex({ connection })`,
 * `mongoose.connect(url)`, …), raw SQL run by clients (`pool.query('select …')`, `sql\`…\``, `$queryRaw`),
 * Knex query builders (`db('orders').where(…)`) and Knex schema migrations.
 */
import type { TSESTree } from '@typescript-eslint/types';
import type { ClientRef, DbConnectionFact, Fact, FoldedValue, TableRef } from '../../../types/index.js';
import type { Node } from '../ast.js';
import { argumentAt, memberName, methodCall, startOf, stringValue, unwrap } from '../ast.js';
import { at, EXTRACTOR_ID, type FileContext } from '../context.js';
import { fold } from '../fold.js';
import { literalText } from '../../../shared/folded.js';
import { lookupProperty, newBudget, resolveRef, type Ref } from '../resolve.js';
import type { Scope } from '../scope.js';
import { tableRef } from '../../sql/effects.js';
import { resolveDbClient, resolveFactory } from './clients.js';
import { importedClientRef, isImportedFromRepository } from '../imported-ref.js';
import { knexParams, markKnexParams, type KnexParam } from './knex-migrations.js';
import { knexSchemaFacts } from './knex-schema.js';
import { mongooseModelFacts, noteSchemaCollection, type SchemaCollections } from './mongoose.js';
import { finishOrm, newOrmState, ormCallFacts, type OrmState } from './orm.js';
import { sqlFacts, sqlTextOf } from './sql-text.js';

/** Methods that run SQL text given as first argument. */
const SQL_METHODS = new Set(['query', 'execute', 'raw', 'none', 'one', 'oneOrNone', 'many', 'manyOrNone', 'any', '$queryRawUnsafe', '$executeRawUnsafe']);
/** Knex methods that name the table. */
const FROM_METHODS = new Set(['from', 'table', 'into']);
/** Knex methods that write. */
const WRITE_METHODS = new Set(['insert', 'update', 'del', 'delete', 'upsert', 'increment', 'decrement', 'truncate']);
/** Knex methods that take criteria, as `(column, value)` or as an object of them. */
const WHERE_METHODS = new Set(['where', 'andWhere', 'orWhere', 'whereNot']);
/** Knex methods whose string arguments are column names. */
const COLUMN_METHODS = new Set(['select', 'where', 'andWhere', 'orWhere', 'whereIn', 'whereNull', 'whereNotNull', 'orderBy', 'groupBy', 'pluck', 'first', 'returning', 'sum', 'max', 'min', 'count']);

interface BuilderUse {
  node: TSESTree.CallExpression;
  table: TableRef | null;
  write: boolean;
  columns: Set<string>;
  /** Set when the builder is imported from the service's own module (`const knex = require('../connection')`). */
  via?: ClientRef;
}

/** Per-file state: Knex builder chains are gathered call by call, then emitted once. */
export interface DbState {
  builders: Map<number, BuilderUse>;
  /** ORM models and repositories of the file (see {@link newOrmState}). */
  orm: OrmState;
  program: TSESTree.Program | null;
  /** Untyped Knex-instance parameters of the file, found at its first call (see knex-migrations.ts). */
  knex: KnexParam[] | null;
  /** `schema.set('collection', …)` seen so far. */
  schemaCollections: SchemaCollections;
}

/** Fresh per-file state; with the program, its ORM classes and tables are indexed up front. */
export function newDbState(program?: TSESTree.Program, scope?: Scope): DbState {
  return { builders: new Map(), orm: newOrmState(program, scope), program: program ?? null, knex: null, schemaCollections: new Map() };
}

/** Facts from one call expression. */
export function detectDbCall(call: TSESTree.CallExpression, scope: Scope, context: FileContext, state: DbState): Fact[] {
  if (state.program !== null) {
    state.knex ??= knexParams(state.program, context.path, scope.module.text);
    if (state.knex.length > 0) markKnexParams(state.knex, startOf(call), scope);
  }
  const connection = connectionFacts(call.callee, call, scope, context);
  if (connection.length > 0) return connection;
  const model = mongooseModelFacts(call, scope, context, state.schemaCollections);
  if (model.length > 0) return model;
  noteSchemaCollection(call, scope, state.schemaCollections);
  const method = methodCall(call);
  if (method !== null) {
    const orm = ormCallFacts(call, scope, context, state.orm);
    if (orm.length > 0) return orm;
    const receiver = resolveDbClient(method.receiver, scope);
    if (receiver !== null && receiver.kind !== 'module' && SQL_METHODS.has(method.name)) {
      const argument = argumentAt(call, 0);
      const text = argument === null ? null : sqlTextOf(fold(argument, scope));
      if (text !== null) return sqlFacts(text, at(context, startOf(call)), receiver.family);
    }
    // A shared pool exported by another module of the service (`import { pool } from '../db'`): the binding is
    // an import and the text parses as SQL, which together are specific enough.
    if (receiver === null && (method.name === 'query' || method.name === 'execute') && isImportedFromRepository(method.receiver, scope)) {
      const argument = argumentAt(call, 0);
      const text = argument === null ? null : sqlTextOf(fold(argument, scope));
      if (text !== null) return sqlFacts(text, at(context, startOf(call)), 'sql');
    }
    if (receiver?.kind === 'builder' && FROM_METHODS.has(method.name)) {
      builderUse(state, call).table = tableArg(call);
      return [];
    }
    const schema = schemaReceiver(method.receiver, scope);
    if (schema !== null) return knexSchemaFacts(method.name, call, schema.name, (node) => at(context, startOf(node)));
    const base = builderBase(call, scope);
    if (base !== null) {
      const use = builderUse(state, base.node);
      if (base.via !== undefined) {
        use.via = base.via;
        use.table ??= tableArg(base.node);
      }
      record(use, method.name, call);
    }
    return [];
  }
  const callee = resolveDbClient(call.callee, scope);
  if (callee?.kind === 'builder') builderUse(state, call).table = tableArg(call);
  return [];
}

/** Facts from `new X(…)`: connections only. */
export function detectDbNew(node: TSESTree.NewExpression, scope: Scope, context: FileContext): Fact[] {
  return connectionFacts(node.callee, node, scope, context);
}

/** Facts from a tagged template: postgres.js `sql\`…\``, Prisma `$queryRaw\`…\``. */
export function detectDbTagged(node: TSESTree.TaggedTemplateExpression, scope: Scope, context: FileContext): Fact[] {
  const tag = unwrap(node.tag);
  const client = resolveDbClient(tag, scope);
  let family: string | null = client?.kind === 'tag' ? client.family : null;
  if (family === null && tag.type === 'MemberExpression') {
    const name = memberName(tag);
    const receiver = resolveDbClient(tag.object, scope);
    if (receiver?.kind === 'store' && (name === '$queryRaw' || name === '$executeRaw')) family = receiver.family;
  }
  if (family === null) return [];
  const text = node.quasi.quasis.map((quasi) => quasi.value.cooked ?? quasi.value.raw).join('$1');
  return sqlTextOf({ parts: [{ kind: 'literal', value: text }] }) === null ? [] : sqlFacts(text, at(context, startOf(node)), family);
}

/** Emits the gathered Knex builder uses. */
export function finishDb(state: DbState, context: FileContext): Fact[] {
  const facts: Fact[] = finishOrm(state.orm, context);
  for (const use of state.builders.values()) {
    if (use.table === null) continue;
    facts.push({
      kind: 'db-access',
      client: 'knex',
      table: use.table,
      operation: use.write ? 'write' : 'read',
      columns: [...use.columns].sort(),
      location: at(context, startOf(use.node)),
      extractor: EXTRACTOR_ID,
      ...(use.via === undefined ? {} : { via: use.via }),
    });
  }
  return facts;
}

function builderUse(state: DbState, node: TSESTree.CallExpression): BuilderUse {
  const key = startOf(node);
  let use = state.builders.get(key);
  if (use === undefined) {
    use = { node, table: null, write: false, columns: new Set() };
    state.builders.set(key, use);
  }
  return use;
}

function record(use: BuilderUse, method: string, call: TSESTree.CallExpression): void {
  if (WRITE_METHODS.has(method)) use.write = true;
  if (FROM_METHODS.has(method) && use.table === null) use.table = tableArg(call);
  if (COLUMN_METHODS.has(method)) {
    for (const argument of call.arguments) {
      const name = argument.type === 'SpreadElement' ? null : stringValue(argument);
      if (name !== null) use.columns.add(name.replace(/^.*\./, '').replace(/\s+as\s+.*$/i, ''));
    }
  }
  const first = argumentAt(call, 0);
  // `where({ username })`: criteria objects name columns as keys, like inserts and updates.
  if ((method === 'insert' || method === 'update' || WHERE_METHODS.has(method)) && first?.type === 'ObjectExpression') {
    for (const property of first.properties) {
      if (property.type === 'Property' && property.key.type === 'Identifier') use.columns.add(property.key.name);
    }
  }
}

/** The `k('t')` / `k.from('t')` call at the bottom of a method chain, if the chain is a Knex query. */
function builderBase(call: TSESTree.CallExpression, scope: Scope): { node: TSESTree.CallExpression; via?: ClientRef } | null {
  let node: Node = call;
  for (let guard = 0; guard < 64; guard++) {
    if (node.type !== 'CallExpression') return null;
    const method = methodCall(node);
    if (method === null) {
      if (resolveDbClient(node.callee, scope)?.kind === 'builder') return { node };
      // `knex('users').where(…)` on a Knex instance another module of the service exports: pending until resolve
      // confirms that export is one. Only a chain with a builder method gets here, and the table is a literal.
      const first = argumentAt(node, 0);
      const via = first !== null && stringValue(first) !== null ? importedClientRef(node.callee, scope) : null;
      return via !== null && via.shape === 'instance' ? { node, via } : null;
    }
    if (FROM_METHODS.has(method.name) && resolveDbClient(method.receiver, scope)?.kind === 'builder') return { node };
    node = unwrap(method.receiver);
  }
  return null;
}

/** `k.schema` or `k.schema.withSchema('s')`: the schema builder, with the schema name when given. */
function schemaReceiver(receiver: Node, scope: Scope): { name: string | null } | null {
  let node = unwrap(receiver);
  let name: string | null = null;
  if (node.type === 'CallExpression') {
    const method = methodCall(node);
    if (method?.name !== 'withSchema') return null;
    const argument = argumentAt(node, 0);
    name = argument === null ? null : stringValue(argument);
    node = unwrap(method.receiver);
  }
  if (node.type !== 'MemberExpression' || memberName(node) !== 'schema') return null;
  return resolveDbClient(node.object, scope)?.kind === 'builder' ? { name } : null;
}

function tableArg(call: TSESTree.CallExpression): TableRef | null {
  const argument = argumentAt(call, 0);
  const name = argument === null ? null : stringValue(argument);
  if (name === null) return null;
  const bare = name.replace(/\s+as\s+.*$/i, '').trim();
  const dot = bare.indexOf('.');
  return dot === -1 ? tableRef(null, bare) : tableRef(bare.slice(0, dot), bare.slice(dot + 1));
}

/**
 * A connection made by a driver factory or ORM, with its URL or parts folded. Options are read through `const`s and
 * spreads, later properties winning (`new DataSource({ ...postgresConfig, entities })`). A URL that only an imported
 * spread may hold (`{ ...imported }` also gives `host`…) gives a second fact: resolve keeps whichever renders.
 */
function connectionFacts(
  callee: Node,
  node: TSESTree.CallExpression | TSESTree.NewExpression,
  scope: Scope,
  context: FileContext,
): DbConnectionFact[] {
  const made = resolveFactory(callee, scope) ?? mongooseConnect(callee, scope);
  if (made === null) return [];
  const fact: DbConnectionFact = {
    kind: 'db-connection',
    client: made.family,
    engine: made.engine,
    url: null,
    parts: {},
    location: at(context, startOf(node)),
    extractor: EXTRACTOR_ID,
  };
  const first = argumentAt(node, 0);
  if (first === null) return [fact];
  let options = objectAt(first, scope);
  if (options === null) {
    fact.url = fold(first, scope);
    return [fact];
  }
  const client = [read(options, 'client'), read(options, 'dialect'), read(options, 'type')].find((value) => value !== null) ?? null;
  const clientName = client === null ? null : literalText(client.value);
  if (clientName !== null) fact.engine = engineOfClient(clientName) ?? fact.engine;
  // Knex nests the connection: `{ client: 'pg', connection: '…' | { host, … } }`.
  const nested = lookupProperty(options.node, 'connection', options.scope, 0, newBudget());
  if (nested.kind === 'node') {
    const inner = objectAt(nested.node, nested.scope);
    if (inner === null) {
      fact.url = fold(nested.node, nested.scope);
      return [fact];
    }
    options = inner;
  }
  const written = [read(options, 'connectionString'), read(options, 'url'), read(options, 'uri')].find((value) => value?.maybe === false);
  // Only an imported spread may hold it: the key this client reads a URL from.
  const url = written ?? read(options, URL_KEYS[made.family] ?? 'url');
  for (const [key, names] of [
    ['host', ['host', 'hostname']],
    ['port', ['port']],
    ['database', ['database', 'db']],
    ['schema', ['schema', 'searchPath']],
  ] as const) {
    // A later spelling written in the object wins; else the first an imported spread may hold.
    const found = names.map((name) => read(options, name));
    const chosen = found.findLast((value) => value?.maybe === false) ?? found.find((value) => value !== null);
    if (chosen) fact.parts[key] = chosen.value;
  }
  if (url === null) return [fact];
  if (url.maybe && (fact.parts.host !== undefined || fact.parts.database !== undefined)) {
    return [fact, { ...fact, url: url.value, parts: fact.parts.schema === undefined ? {} : { schema: fact.parts.schema } }];
  }
  fact.url = url.value;
  return [fact];
}

/** Where a client's options hold a connection URL, for options that come from an imported spread. */
const URL_KEYS: Record<string, string> = { pg: 'connectionString', mysql: 'uri', mysql2: 'uri', knex: 'connection', typeorm: 'url' };

interface OptionsObject {
  node: TSESTree.ObjectExpression;
  scope: Scope;
}

/** The object literal `node` is, directly or through `const`s, else null. */
function objectAt(node: Node, scope: Scope): OptionsObject | null {
  const ref = resolveRef(node, scope, 0, newBudget());
  return ref.kind === 'node' && ref.node.type === 'ObjectExpression' ? { node: ref.node, scope: ref.scope } : null;
}

/**
 * An option's folded value, following spreads; `maybe` when only an imported spread may hold it (whether that object
 * has the key is known in its own module).
 */
function read(options: OptionsObject, key: string): { value: FoldedValue; maybe: boolean } | null {
  const found: Ref = lookupProperty(options.node, key, options.scope, 0, newBudget());
  if (found.kind === 'node') return { value: fold(found.node, found.scope), maybe: false };
  return found.kind === 'value' ? { value: found.value, maybe: true } : null;
}

function engineOfClient(name: string): string | null {
  const lower = name.toLowerCase();
  if (lower === 'pg' || lower.startsWith('postgres') || lower === 'cockroachdb') return 'postgres';
  if (lower.startsWith('mysql')) return 'mysql';
  if (lower === 'mariadb') return 'mariadb';
  if (lower.includes('sqlite')) return 'sqlite';
  if (lower === 'mongodb') return 'mongodb';
  return null;
}

/** `mongoose.connect(url)` / `mongoose.createConnection(url)` with mongoose imported under any name. */
function mongooseConnect(callee: Node, scope: Scope): { family: string; engine: string } | null {
  const node = unwrap(callee);
  const binding = (name: string): boolean => {
    const found = scope.lookup(name);
    return found?.kind === 'import' && found.specifier === 'mongoose';
  };
  if (node.type === 'Identifier') {
    const found = scope.lookup(node.name);
    return found?.kind === 'import' && found.specifier === 'mongoose' && (found.imported === 'connect' || found.imported === 'createConnection')
      ? { family: 'mongoose', engine: 'mongodb' }
      : null;
  }
  if (node.type !== 'MemberExpression') return null;
  const name = memberName(node);
  const object = unwrap(node.object);
  return (name === 'connect' || name === 'createConnection') && object.type === 'Identifier' && binding(object.name)
    ? { family: 'mongoose', engine: 'mongodb' }
    : null;
}
