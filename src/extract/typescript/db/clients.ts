/**
 * What database client an expression is: an imported driver or ORM export (under any local name), an instance
 * made from one (`new Pool(…)`, `mysql.createPool(…)`, `knex(…)`), or a value declared with such a type
 * (`constructor(private readonly pool: Pool)`, `up(knex: Knex)`), or a parameter known to hold a Knex instance (the
 * first parameter of a JavaScript Knex migration's `up`). Never decided by a variable's name.
 */
import type { Node } from '../ast.js';
import { memberName, methodCall, unwrap } from '../ast.js';
import { requiredSpecifier } from '../resolve.js';
import type { ParamBinding, Scope } from '../scope.js';
import { isStable } from '../scope.js';
import { declaredType } from '../typed.js';

/** What a value is, as far as database access goes. */
export type DbClient =
  /** A driver module or namespace (`import pg from 'pg'`, `import * as mysql from 'mysql2/promise'`). */
  | { kind: 'module'; family: string }
  /** A constructor or factory of connections (`Pool`, `createPool`, `knex`, `MongoClient`). */
  | { kind: 'factory'; family: string; engine: string | null; makes: 'sql' | 'builder' | 'tag' | 'store' }
  /** Something with `.query(sql)`: a pool, client, connection, Sequelize, TypeORM DataSource or manager. */
  | { kind: 'sql'; family: string }
  /** A Knex instance: `k('orders')`, `k.schema`, `k.raw(sql)`. */
  | { kind: 'builder'; family: string }
  /** A postgres.js `sql` tag. */
  | { kind: 'tag'; family: string }
  /** A Prisma client (`$queryRaw`) or another store whose access is not SQL text. */
  | { kind: 'store'; family: string };

type Factory = Extract<DbClient, { kind: 'factory' }>;

const factory = (family: string, engine: string | null, makes: Factory['makes']): Factory => ({ kind: 'factory', family, engine, makes });

/** Exports of driver modules that make connections: module → export name → factory. */
const FACTORIES: Record<string, Record<string, Factory>> = {
  pg: { Pool: factory('pg', 'postgres', 'sql'), Client: factory('pg', 'postgres', 'sql') },
  mysql: { createPool: factory('mysql', 'mysql', 'sql'), createConnection: factory('mysql', 'mysql', 'sql') },
  mysql2: { createPool: factory('mysql2', 'mysql', 'sql'), createConnection: factory('mysql2', 'mysql', 'sql') },
  'mysql2/promise': { createPool: factory('mysql2', 'mysql', 'sql'), createConnection: factory('mysql2', 'mysql', 'sql') },
  postgres: { default: factory('postgres', 'postgres', 'tag') },
  knex: { default: factory('knex', null, 'builder'), knex: factory('knex', null, 'builder') },
  mongodb: { MongoClient: factory('mongodb', 'mongodb', 'store') },
  sequelize: { Sequelize: factory('sequelize', null, 'sql') },
  typeorm: { DataSource: factory('typeorm', null, 'sql') },
  '@prisma/client': { PrismaClient: factory('prisma', null, 'store') },
  ioredis: { default: factory('ioredis', 'redis', 'store'), Redis: factory('ioredis', 'redis', 'store') },
  redis: { createClient: factory('redis', 'redis', 'store') },
};

/** Type names that mark a value as a client when imported from these modules. */
const TYPES: Record<string, Record<string, DbClient>> = {
  pg: { Pool: { kind: 'sql', family: 'pg' }, Client: { kind: 'sql', family: 'pg' }, PoolClient: { kind: 'sql', family: 'pg' } },
  'mysql2/promise': { Pool: { kind: 'sql', family: 'mysql2' }, Connection: { kind: 'sql', family: 'mysql2' } },
  mysql2: { Pool: { kind: 'sql', family: 'mysql2' }, Connection: { kind: 'sql', family: 'mysql2' } },
  knex: { Knex: { kind: 'builder', family: 'knex' } },
  typeorm: { DataSource: { kind: 'sql', family: 'typeorm' }, EntityManager: { kind: 'sql', family: 'typeorm' } },
  sequelize: { Sequelize: { kind: 'sql', family: 'sequelize' } },
  postgres: { Sql: { kind: 'tag', family: 'postgres' } },
  '@prisma/client': { PrismaClient: { kind: 'store', family: 'prisma' } },
};

const MAX_DEPTH = 10;

/**
 * Parameters known to hold a Knex instance without a TypeScript type: the first parameter of a JavaScript Knex
 * migration's `up`/`down`, or one documented `@param {import('knex').Knex}`. Keyed by the binding, so entries live
 * only as long as the file's scope model.
 */
const knexParams = new WeakSet<ParamBinding>();

/** Records that `binding` is a Knex instance (see {@link knexParams}). */
export function markKnexParam(binding: ParamBinding): void {
  knexParams.add(binding);
}

/** The database client `expression` is, or null. */
export function resolveDbClient(expression: Node, scope: Scope, depth = 0): DbClient | null {
  if (depth > MAX_DEPTH) return null;
  const node = unwrap(expression);
  switch (node.type) {
    case 'AwaitExpression':
      return resolveDbClient(node.argument, scope, depth + 1);
    case 'Identifier':
      return typed(node, scope) ?? identifier(node.name, scope, depth);
    case 'MemberExpression': {
      const name = memberName(node);
      if (name === null) return null;
      if (unwrap(node.object).type === 'ThisExpression') {
        const member = scope.thisClass?.members.get(name);
        return typed(node, scope) ?? (member?.init ? resolveDbClient(member.init, member.scope, depth + 1) : null);
      }
      const base = resolveDbClient(node.object, scope, depth + 1);
      if (base?.kind === 'module') return FACTORIES[moduleOf(base.family)]?.[name] ?? null;
      // `dataSource.manager`, `knex.schema` stay what they were for our purposes.
      if (base?.kind === 'sql' && name === 'manager') return base;
      return null;
    }
    case 'NewExpression': {
      const made = asFactory(resolveDbClient(node.callee, scope, depth + 1));
      return made === null ? null : { kind: made.makes, family: made.family };
    }
    case 'CallExpression': {
      const specifier = requiredSpecifier(node, scope);
      if (specifier !== null) return moduleClient(specifier, '*');
      const method = methodCall(node);
      if (method !== null) {
        const receiver = resolveDbClient(method.receiver, scope, depth + 1);
        // `pool.connect()`, `pool.getConnection()`, `conn.promise()` give a client of the same kind.
        if (receiver?.kind === 'sql' && ['connect', 'getConnection', 'promise'].includes(method.name)) return receiver;
        if (receiver?.kind === 'module') {
          const made = FACTORIES[moduleOf(receiver.family)]?.[method.name];
          return made === undefined ? null : { kind: made.makes, family: made.family };
        }
      }
      const callee = asFactory(resolveDbClient(node.callee, scope, depth + 1));
      return callee === null ? null : { kind: callee.makes, family: callee.family };
    }
    default:
      return null;
  }
}

function identifier(name: string, scope: Scope, depth: number): DbClient | null {
  const binding = scope.lookup(name);
  if (binding === null) return null;
  if (binding.kind === 'import') return moduleClient(binding.specifier, binding.imported);
  if (binding.kind === 'param') return knexParams.has(binding) ? { kind: 'builder', family: 'knex' } : null;
  if (binding.kind !== 'variable' || binding.init === null || binding.path === null || !isStable(binding)) return null;
  let client = resolveDbClient(binding.init, binding.scope, depth + 1);
  for (const step of binding.path) client = client?.kind === 'module' ? (FACTORIES[moduleOf(client.family)]?.[step] ?? null) : null;
  return client;
}

/** `import pg from 'pg'` is the module; `import { Pool } from 'pg'` is a factory; others are nothing. */
export function moduleClient(specifier: string, imported: string): DbClient | null {
  if (isGeneratedPrismaClient(specifier, imported)) return factory('prisma', null, 'store');
  const exports = FACTORIES[specifier];
  if (exports === undefined) return null;
  const named = exports[imported];
  if (named !== undefined) return named;
  return imported === '*' || imported === 'default' ? { kind: 'module', family: specifier } : null;
}

/** A factory, or a CommonJS module called as its default export (`require('knex')(config)`, `new (require('ioredis'))()`). */
function asFactory(client: DbClient | null): Factory | null {
  if (client?.kind === 'factory') return client;
  return client?.kind === 'module' ? (FACTORIES[moduleOf(client.family)]?.default ?? null) : null;
}

// Families are module names, except where two modules share one family.
function moduleOf(family: string): string {
  return family;
}

/** A value declared with a client type (`pool: Pool` with `Pool` imported from `pg`). */
function typed(node: Node, scope: Scope): DbClient | null {
  const type = declaredType(node, scope);
  if (type === null) return null;
  const binding = type.scope.lookup(type.name);
  if (binding?.kind !== 'import') return null;
  if (isGeneratedPrismaClient(binding.specifier, binding.imported)) return { kind: 'store', family: 'prisma' };
  return TYPES[binding.specifier]?.[binding.imported] ?? null;
}

/**
 * `PrismaClient` from the client Prisma generated into the repository (`generator client { output = "../generated" }`,
 * the default of the newer `prisma-client` generator): imported by path, so the export name is what identifies it.
 */
function isGeneratedPrismaClient(specifier: string, imported: string): boolean {
  return imported === 'PrismaClient' && specifier !== '@prisma/client' && !specifier.startsWith('node:');
}

/** The factory `callee` names (for connection facts), or null. */
export function resolveFactory(callee: Node, scope: Scope): Factory | null {
  const client = asFactory(resolveDbClient(callee, scope));
  if (client !== null) return client;
  const node = unwrap(callee);
  if (node.type === 'MemberExpression') {
    const name = memberName(node);
    // NestJS: `TypeOrmModule.forRoot({ type: 'postgres', url })`, `SequelizeModule.forRoot({ dialect, … })`.
    const object = unwrap(node.object);
    const binding = object.type === 'Identifier' ? scope.lookup(object.name) : null;
    if (binding?.kind === 'import' && (name === 'forRoot' || name === 'forRootAsync')) {
      if (binding.specifier === '@nestjs/typeorm' && binding.imported === 'TypeOrmModule') return factory('typeorm', null, 'sql');
      if (binding.specifier === '@nestjs/sequelize' && binding.imported === 'SequelizeModule') return factory('sequelize', null, 'sql');
    }
    const base = resolveDbClient(node.object, scope);
    if (name !== null && base?.kind === 'module') return FACTORIES[base.family]?.[name] ?? null;
  }
  return null;
}
