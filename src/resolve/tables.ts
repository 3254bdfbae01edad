/**
 * Table ownership and what refers to tables: the owner is the service whose migrations or models create a table
 * (a table dropped and created again belongs to whoever created it last); foreign keys, code access and migration
 * steps are linked to owned tables, preferring the referring service's own tables and databases.
 */
import { compareLocations, compareStrings } from '../shared/compare.js';
import type {
  DatabaseConnection,
  DataModel,
  Evidence,
  Fact,
  OwnedTable,
  ResolvedForeignKey,
  ResolvedMigrationStep,
  ResolvedTableAccess,
  TableRef,
} from '../types/index.js';
import type { OwnerOf } from '../discover/owner.js';
import { isProductionSource } from './production.js';

interface Placed {
  service: string | null;
  database: string | null;
}

/** Builds the data model from facts and the already resolved connections. */
export function resolveData(facts: readonly Fact[], owners: OwnerOf, connections: DatabaseConnection[]): DataModel {
  const byService = new Map<string, DatabaseConnection[]>();
  for (const connection of connections) byService.set(connection.service, [...(byService.get(connection.service) ?? []), connection]);
  // A DDL file outside every service (`infra/postgres/init.sql`) belongs to whoever connects to its `\connect` database.
  const place = (location: Evidence, database: string | null, engineHint: string | null): Placed => {
    const owner = owners(location.file);
    let service = owner?.kind === 'service' ? owner.name : null;
    if (service === null && database !== null) {
      const users = [...new Set(connections.filter((c) => c.database === database).map((c) => c.service))];
      if (users.length === 1) service = users[0] ?? null;
    }
    if (service === null) return { service, database: null };
    const candidates = (byService.get(service) ?? []).filter((c) =>
      database !== null ? c.database === database : engineHint !== null ? c.engine === engineHint : c.engine !== 'redis',
    );
    return { service, database: candidates[0]?.id ?? null };
  };
  const ordered = [...facts].sort((a, b) => compareLocations(a.location, b.location));
  const live = new Map<string, OwnedTable>();
  for (const fact of ordered) {
    if (fact.kind === 'db-table') {
      const placed = place(fact.location, fact.database, fact.source === 'mongoose' ? 'mongodb' : null);
      const table: OwnedTable = {
        key: tableKey(placed.database, fact.table),
        table: fact.table,
        database: placed.database,
        owner: placed.service,
        columns: fact.columns,
        source: fact.source,
        location: fact.location,
      };
      live.set(`${placed.service ?? ''}\0${placed.database ?? ''}\0${refKey(fact.table)}`, table);
    } else if (fact.kind === 'db-migration-step' && fact.step === 'drop-table') {
      const placed = place(fact.location, fact.database, null);
      live.delete(`${placed.service ?? ''}\0${placed.database ?? ''}\0${refKey(fact.table)}`);
    }
  }
  const tables = [...live.values()].sort((a, b) => compareStrings(a.key, b.key) || compareStrings(a.owner ?? '', b.owner ?? ''));
  const find = (ref: TableRef, service: string | null, database: string | null): OwnedTable | null => {
    const named = tables.filter(
      (t) => t.table.name === ref.name && (ref.schema === null || t.table.schema === null || t.table.schema === ref.schema),
    );
    const reachable = (t: OwnedTable): boolean => {
      if (database !== null && t.database !== null) return t.database === database;
      const own = service === null ? [] : (byService.get(service) ?? []);
      return t.database === null || own.length === 0 || own.some((c) => c.id === t.database);
    };
    return named.find((t) => t.owner === service && reachable(t)) ?? named.find(reachable) ?? null;
  };
  // Relations written by class or model name (`() => Customer` from another file) find the table that model declares.
  const models = new Map<string, OwnedTable[]>();
  for (const fact of ordered) {
    if (fact.kind !== 'db-table' || fact.model === undefined) continue;
    const owned = tables.find((t) => t.location.file === fact.location.file && t.location.line === fact.location.line);
    if (owned !== undefined) models.set(fact.model, [...(models.get(fact.model) ?? []), owned]);
  }
  // The service's own model first, then one declared with the same ORM (`client` of an access), then any.
  const byModel = (model: string | undefined, service: string | null, client?: string): OwnedTable | null => {
    const candidates = model === undefined ? [] : (models.get(model) ?? []);
    return candidates.find((t) => t.owner === service) ?? candidates.find((t) => t.source === client) ?? candidates[0] ?? null;
  };
  const foreignKeys: ResolvedForeignKey[] = [];
  const accesses: ResolvedTableAccess[] = [];
  const migrations: ResolvedMigrationStep[] = [];
  for (const fact of ordered) {
    if (fact.kind === 'db-foreign-key') {
      const placed = place(fact.location, fact.database, fact.source === 'mongoose' ? 'mongodb' : null);
      const from = find(fact.from, placed.service, placed.database);
      if (from === null) continue;
      const to = find(fact.to, from.owner, from.database) ?? byModel(fact.toModel, from.owner);
      foreignKeys.push({ from, to, target: fact.to, columns: fact.columns, source: fact.source, location: fact.location });
    } else if (fact.kind === 'db-access' && fact.extractor !== 'sql' && isProductionSource(fact.location.file)) {
      const owner = owners(fact.location.file);
      if (owner?.kind !== 'service') continue;
      // An ORM access names its model; the table that model declares (`@@map`, `@Entity('orders')`) wins.
      const table = (fact.model === undefined ? null : byModel(fact.model, owner.name, fact.client)) ?? find(fact.table, owner.name, null);
      accesses.push({
        service: owner.name,
        table,
        target: fact.table,
        operation: fact.operation,
        columns: fact.columns,
        client: fact.client,
        location: fact.location,
      });
    } else if (fact.kind === 'db-migration-step') {
      const placed = place(fact.location, fact.database, null);
      migrations.push({
        service: placed.service,
        step: fact.step,
        table: find(fact.table, placed.service, placed.database),
        target: fact.table,
        column: fact.column,
        newName: fact.newName,
        location: fact.location,
      });
    }
  }
  return { connections, tables, foreignKeys, accesses, migrations };
}

/** `table:<db without db:>.<schema>.<name>`; `?` stands for an unknown database or schema. */
export function tableKey(database: string | null, table: TableRef): string {
  return `table:${database === null ? '?' : database.slice(3)}.${table.schema ?? 'default'}.${table.name}`;
}

function refKey(ref: TableRef): string {
  return `${ref.schema ?? ''}.${ref.name}`;
}

