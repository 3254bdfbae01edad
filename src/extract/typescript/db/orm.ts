/**
 * ORM models and calls beyond raw SQL, gathered per file: TypeORM repositories and Prisma delegates
 * (`orm-access.ts`), Drizzle tables and queries (`drizzle.ts`), Sequelize models (`sequelize-models.ts`).
 * Classes and top-level tables are indexed once before the walk; per-call facts come from the walk's events.
 */
import type { TSESTree } from '@typescript-eslint/types';
import type { Fact } from '../../../types/index.js';
import type { FileContext } from '../context.js';
import type { Scope } from '../scope.js';
import { drizzleAccessFacts, drizzleIndex, drizzleTableFacts, type DrizzleIndex } from './drizzle.js';
import { ormAccessFacts, repositoryMembers, type RepositoryMembers } from './orm-access.js';
import { decoratedModelFacts, sequelizeCallFacts, sequelizeIndex, type SequelizeIndex } from './sequelize-models.js';

/** What the ORM detectors know about one file. */
export interface OrmState {
  repositories: RepositoryMembers;
  drizzle: DrizzleIndex;
  sequelize: SequelizeIndex;
  /** Module scope, for the facts emitted at the end; null when no program was indexed. */
  scope: Scope | null;
}

/** Indexes `program` (nothing when it is not given). */
export function newOrmState(program?: TSESTree.Program, scope?: Scope): OrmState {
  if (program === undefined || scope === undefined) {
    return { repositories: new Map(), drizzle: { tables: new Map(), importsDrizzle: false }, sequelize: { classes: new Map(), inits: new Map(), importsSequelize: false }, scope: null };
  }
  return { repositories: repositoryMembers(program, scope), drizzle: drizzleIndex(program, scope), sequelize: sequelizeIndex(program, scope), scope };
}

/** Facts of one call expression, or none. */
export function ormCallFacts(call: TSESTree.CallExpression, scope: Scope, context: FileContext, state: OrmState): Fact[] {
  const access = ormAccessFacts(call, scope, context, state.repositories);
  if (access.length > 0) return access;
  const drizzle = drizzleAccessFacts(call, scope, context, state.drizzle);
  if (drizzle.length > 0) return drizzle;
  return sequelizeCallFacts(call, scope, context, state.sequelize);
}

/** Facts of the indexed declarations (Drizzle tables, sequelize-typescript models). */
export function finishOrm(state: OrmState, context: FileContext): Fact[] {
  if (state.scope === null) return [];
  return [...drizzleTableFacts(state.drizzle, state.scope, context), ...decoratedModelFacts(state.sequelize, state.scope, context)];
}
