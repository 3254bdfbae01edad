/**
 * ORM calls as table access: Prisma model delegates (`prisma.order.findMany()` on a client typed or constructed
 * from `@prisma/client`) and TypeORM repositories (`dataSource.getRepository(Order).find()`, a class member
 * `@InjectRepository(Order) repo: Repository<Order>`, `manager.save(Order, …)`). Each access names its model, so
 * the resolver finds the table that model declares (`@@map`, `@Entity('orders')`) in whatever file or service.
 * Its columns are the model fields the query shape names (`orm-fields.ts`), mapped to column names in resolve.
 * Clients are recognized by import or declared type, never by a variable's name.
 */
import type { TSESTree } from '@typescript-eslint/types';
import type { Fact } from '../../../types/index.js';
import type { Node } from '../ast.js';
import { argumentAt, keyName, memberName, methodCall, startOf, unwrap } from '../ast.js';
import { at, EXTRACTOR_ID, type FileContext } from '../context.js';
import type { Scope } from '../scope.js';
import { isStable } from '../scope.js';
import { tableRef } from '../../sql/effects.js';
import { resolveDbClient } from './clients.js';
import { prismaFields, typeormFields } from './orm-fields.js';
import { importedClientRef, isImportedFromRepository } from '../imported-ref.js';
import { snakeCase } from './typeorm.js';

const PRISMA_READS = new Set([
  'findMany', 'findUnique', 'findUniqueOrThrow', 'findFirst', 'findFirstOrThrow', 'count', 'aggregate', 'groupBy',
]);
const PRISMA_WRITES = new Set(['create', 'createMany', 'createManyAndReturn', 'update', 'updateMany', 'upsert', 'delete', 'deleteMany']);
const TYPEORM_READS = new Set([
  'find', 'findBy', 'findOne', 'findOneBy', 'findOneOrFail', 'findOneByOrFail', 'findAndCount', 'findAndCountBy',
  'count', 'countBy', 'exist', 'exists', 'existsBy', 'sum', 'average', 'minimum', 'maximum', 'preload',
]);
const TYPEORM_WRITES = new Set([
  'save', 'insert', 'update', 'upsert', 'delete', 'remove', 'softDelete', 'softRemove', 'restore', 'recover',
  'increment', 'decrement', 'clear',
]);
const GET_REPOSITORY = new Set(['getRepository', 'getTreeRepository', 'getMongoRepository']);

/** Class start offset → member name → entity class its TypeORM repository serves. */
export type RepositoryMembers = Map<number, Map<string, string>>;

/**
 * Repository members of the top-level classes of `program`: properties and constructor parameter properties
 * typed `Repository<E>` (imported from `typeorm`) or decorated `@InjectRepository(E)` (from `@nestjs/typeorm`).
 */
export function repositoryMembers(program: TSESTree.Program, scope: Scope): RepositoryMembers {
  const result: RepositoryMembers = new Map();
  for (const statement of program.body) {
    const node = statement.type === 'ExportNamedDeclaration' || statement.type === 'ExportDefaultDeclaration' ? statement.declaration : statement;
    if (node?.type !== 'ClassDeclaration') continue;
    const members = new Map<string, string>();
    for (const element of node.body.body) {
      if (element.type === 'PropertyDefinition') {
        const name = keyName(element.key, element.computed);
        const entity = injected(element.decorators ?? [], scope) ?? repositoryType(element.typeAnnotation, scope);
        if (name !== null && entity !== null) members.set(name, entity);
      } else if (element.type === 'MethodDefinition' && element.kind === 'constructor') {
        for (const param of element.value.params) {
          if (param.type !== 'TSParameterProperty') continue;
          const target = param.parameter.type === 'AssignmentPattern' ? param.parameter.left : param.parameter;
          if (target.type !== 'Identifier') continue;
          const entity = injected(param.decorators ?? [], scope) ?? repositoryType(target.typeAnnotation, scope);
          if (entity !== null) members.set(target.name, entity);
        }
      }
    }
    if (members.size > 0) result.set(startOf(node), members);
  }
  return result;
}

/** Access facts of one ORM call, or none. */
export function ormAccessFacts(call: TSESTree.CallExpression, scope: Scope, context: FileContext, members: RepositoryMembers): Fact[] {
  const method = methodCall(call);
  if (method === null) return [];
  const receiver = unwrap(method.receiver);
  const name = method.name;
  // Field names of the query shape; `offset` 1 skips the entity class of `manager.find(Order, …)`.
  const access = (client: string, model: string, table: string, write: boolean, offset = 0): Fact[] => [
    {
      kind: 'db-access',
      client,
      table: tableRef(null, table),
      operation: write ? 'write' : 'read',
      columns: client === 'prisma' ? prismaFields(call, scope) : typeormFields(call, name, offset, scope),
      model,
      location: at(context, startOf(call)),
      extractor: EXTRACTOR_ID,
    },
  ];
  // Prisma: `<client>.<delegate>.<method>()`; the delegate is the model name with a lower-case first letter.
  if ((PRISMA_READS.has(method.name) || PRISMA_WRITES.has(method.name)) && receiver.type === 'MemberExpression') {
    const delegate = memberName(receiver);
    const client = resolveDbClient(receiver.object, scope);
    if (delegate !== null && /^[a-zA-Z]/.test(delegate) && client?.kind === 'store' && client.family === 'prisma') {
      const model = delegate.charAt(0).toUpperCase() + delegate.slice(1);
      return access('prisma', model, model, PRISMA_WRITES.has(method.name));
    }
    // A client another module exports (`this.prisma` typed `PrismaService`): pending until resolve reads that module.
    const via = client === null && delegate !== null && /^[a-z]/.test(delegate) ? importedClientRef(receiver.object, scope) : null;
    if (via !== null && delegate !== null) {
      const model = delegate.charAt(0).toUpperCase() + delegate.slice(1);
      return access('prisma', model, model, PRISMA_WRITES.has(method.name)).map((fact) => ({ ...fact, via }));
    }
  }
  if (!TYPEORM_READS.has(method.name) && !TYPEORM_WRITES.has(method.name)) return [];
  const write = TYPEORM_WRITES.has(method.name);
  const entity = repositoryEntity(receiver, scope, members, 0);
  if (entity !== null) return access('typeorm', entity, snakeCase(entity), write);
  // `manager.find(Order, …)`, `dataSource.manager.save(Order, …)`: the entity class comes first.
  const client = resolveDbClient(receiver, scope);
  const first = argumentAt(call, 0);
  const named = first === null ? null : entityName(first, scope);
  if (client?.kind === 'sql' && client.family === 'typeorm' && named !== null) return access('typeorm', named, snakeCase(named), write, 1);
  return [];
}

/** The entity class a TypeORM repository expression serves, or null. */
function repositoryEntity(expression: Node, scope: Scope, members: RepositoryMembers, depth: number): string | null {
  if (depth > 8) return null;
  const node = unwrap(expression);
  if (node.type === 'AwaitExpression') return repositoryEntity(node.argument, scope, members, depth + 1);
  if (node.type === 'CallExpression') {
    const method = methodCall(node);
    const first = argumentAt(node, 0);
    if (method === null || first === null || !GET_REPOSITORY.has(method.name)) return null;
    const client = resolveDbClient(method.receiver, scope);
    // `AppDataSource` exported by the service's own `data-source.ts`: an import from the repository plus
    // `getRepository(<Class>)` is specific enough.
    const typeorm = (client?.kind === 'sql' && client.family === 'typeorm') || (client === null && method.name === 'getRepository' && isImportedFromRepository(method.receiver, scope));
    return typeorm ? entityName(first, scope) : null;
  }
  if (node.type === 'Identifier') {
    const binding = scope.lookup(node.name);
    if (binding?.kind !== 'variable' || binding.init === null || binding.path?.length !== 0 || !isStable(binding)) return null;
    return repositoryEntity(binding.init, binding.scope, members, depth + 1);
  }
  if (node.type === 'MemberExpression' && unwrap(node.object).type === 'ThisExpression') {
    const name = memberName(node);
    const owner = scope.thisClass;
    if (name === null || owner === null || owner === undefined) return null;
    const known = members.get(owner.start)?.get(name);
    if (known !== undefined) return known;
    const member = owner.members.get(name);
    return member?.init ? repositoryEntity(member.init, member.scope, members, depth + 1) : null;
  }
  return null;
}

/** An entity class reference: its exported name when imported under an alias, else the identifier. */
function entityName(node: Node, scope: Scope): string | null {
  const value = unwrap(node);
  if (value.type !== 'Identifier' || !/^[A-Z]/.test(value.name)) return null;
  const binding = scope.lookup(value.name);
  if (binding?.kind === 'import' && binding.imported !== 'default' && binding.imported !== '*') return binding.imported;
  return value.name;
}

/** `@InjectRepository(Order)` with the decorator imported from `@nestjs/typeorm`. */
function injected(decorators: readonly TSESTree.Decorator[], scope: Scope): string | null {
  for (const decorator of decorators) {
    const call = unwrap(decorator.expression);
    if (call.type !== 'CallExpression') continue;
    const callee = unwrap(call.callee);
    if (callee.type !== 'Identifier') continue;
    const binding = scope.lookup(callee.name);
    const first = argumentAt(call, 0);
    if (binding?.kind === 'import' && binding.specifier === '@nestjs/typeorm' && binding.imported === 'InjectRepository' && first !== null) {
      return entityName(first, scope);
    }
  }
  return null;
}

/** `Repository<Order>` (or `TreeRepository`, `MongoRepository`) imported from `typeorm`. */
function repositoryType(annotation: TSESTree.TSTypeAnnotation | undefined, scope: Scope): string | null {
  const type = annotation?.typeAnnotation;
  if (type?.type !== 'TSTypeReference' || type.typeName.type !== 'Identifier') return null;
  const binding = scope.lookup(type.typeName.name);
  if (binding?.kind !== 'import' || binding.specifier !== 'typeorm' || !/^(?:Tree|Mongo)?Repository$/.test(binding.imported)) return null;
  const argument = type.typeArguments?.params[0];
  if (argument?.type !== 'TSTypeReference' || argument.typeName.type !== 'Identifier') return null;
  return entityName(argument.typeName, scope);
}

