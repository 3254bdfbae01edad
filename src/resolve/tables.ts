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
  const engines = new Map(connections.map((connection) => [connection.id, connection.engine]));
  // Tables whose name is the engine's own spelling (read from SQL text), see sameName.
  const exact = new Set<OwnedTable>();
  const strict = (refExact: boolean, table: OwnedTable, database: string | null): boolean => {
    const engine = engines.get(table.database ?? database ?? '');
    return refExact && exact.has(table) && engine !== 'mysql' && engine !== 'mariadb';
  };
  const names = (table: OwnedTable, ref: TableRef, refExact: boolean, database: string | null): boolean => {
    const isStrict = strict(refExact, table, database);
    const schema = ref.schema === null || table.table.schema === null || sameName(table.table.schema, ref.schema, isStrict);
    return schema && sameName(table.table.name, ref.name, isStrict);
  };
  // Live tables per service, database and case-folded name; a bucket holds the names that differ only in case.
  const live = new Map<string, OwnedTable[]>();
  const liveKey = (placed: Placed, ref: TableRef): string => `${placed.service ?? ''}\0${placed.database ?? ''}\0${refKey(ref).toLowerCase()}`;
  for (const fact of ordered) {
    if (fact.kind === 'db-table') {
      const placed = place(fact.location, fact.database, fact.source === 'mongoose' ? 'mongodb' : null);
      const fromSql = fact.source === 'sql';
      const bucket = live.get(liveKey(placed, fact.table)) ?? [];
      const index = bucket.findIndex((t) => names(t, fact.table, fromSql, placed.database));
      const previous = bucket[index];
      // A model read after the migration that creates its table keeps the migration's spelling, the engine's.
      const keepSpelling = previous !== undefined && exact.has(previous) && !fromSql;
      const ref = keepSpelling ? previous.table : fact.table;
      const table: OwnedTable = {
        key: tableKey(placed.database, ref),
        table: ref,
        database: placed.database,
        owner: placed.service,
        columns: fact.columns,
        source: fact.source,
        location: fact.location,
      };
      if (fromSql || keepSpelling) exact.add(table);
      if (index === -1) bucket.push(table);
      else bucket[index] = table;
      live.set(liveKey(placed, fact.table), bucket);
    } else if (fact.kind === 'db-migration-step' && fact.step === 'drop-table') {
      const placed = place(fact.location, fact.database, null);
      const bucket = live.get(liveKey(placed, fact.table)) ?? [];
      live.set(liveKey(placed, fact.table), bucket.filter((t) => !names(t, fact.table, fact.extractor === 'sql', placed.database)));
    }
  }
  const tables = [...live.values()].flat().sort((a, b) => compareStrings(a.key, b.key) || compareStrings(a.owner ?? '', b.owner ?? ''));
  const find = (ref: TableRef, refExact: boolean, service: string | null, database: string | null): OwnedTable | null => {
    const named = tables.filter((t) => names(t, ref, refExact, database));
    const reachable = (t: OwnedTable): boolean => {
      if (database !== null && t.database !== null) return t.database === database;
      const own = service === null ? [] : (byService.get(service) ?? []);
      return t.database === null || own.length === 0 || own.some((c) => c.id === t.database);
    };
    const mine = (t: OwnedTable): boolean => t.owner === service && reachable(t);
    const spelled = (t: OwnedTable): boolean => t.table.name === ref.name;
    return (
      named.find((t) => mine(t) && spelled(t)) ??
      named.find(mine) ??
      named.find((t) => reachable(t) && spelled(t)) ??
      named.find(reachable) ??
      null
    );
  };
  // Relations written by class or model name (`() => Customer` from another file) find the table that model declares.
  const models = new Map<string, OwnedTable[]>();
  // Field → column of each ORM model table, for the field names of ORM queries.
  const fieldColumns = new Map<OwnedTable, ReadonlyMap<string, string>>();
  for (const fact of ordered) {
    if (fact.kind !== 'db-table' || fact.model === undefined) continue;
    const owned = tables.find((t) => t.location.file === fact.location.file && t.location.line === fact.location.line);
    if (owned !== undefined) models.set(fact.model, [...(models.get(fact.model) ?? []), owned]);
    if (owned !== undefined && fact.fieldColumns !== undefined) fieldColumns.set(owned, new Map(Object.entries(fact.fieldColumns)));
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
      const from = find(fact.from, fact.source === 'sql', placed.service, placed.database);
      if (from === null) continue;
      const to = find(fact.to, fact.source === 'sql', from.owner, from.database) ?? byModel(fact.toModel, from.owner);
      foreignKeys.push({ from, to, target: fact.to, columns: fact.columns, source: fact.source, location: fact.location });
    } else if (fact.kind === 'db-access' && fact.extractor !== 'sql' && isProductionSource(fact.location.file)) {
      const owner = owners(fact.location.file);
      if (owner?.kind !== 'service') continue;
      // An ORM access names its model; the table that model declares (`@@map`, `@Entity('orders')`) wins, as the
      // target too, and the model's field names become its column names.
      const modelTable = fact.model === undefined ? null : byModel(fact.model, owner.name, fact.client);
      // SQL text run by a driver names tables as the engine does; the Knex builder and ORM models lower-case them.
      const table = modelTable ?? find(fact.table, fact.model === undefined && fact.client !== 'knex', owner.name, null);
      accesses.push({
        service: owner.name,
        table,
        target: modelTable?.table ?? fact.table,
        operation: fact.operation,
        columns: modelTable === null ? fact.columns : fieldsAsColumns(fact.columns, fieldColumns.get(modelTable)),
        client: fact.client,
        location: fact.location,
      });
    } else if (fact.kind === 'db-migration-step') {
      const placed = place(fact.location, fact.database, null);
      migrations.push({
        service: placed.service,
        step: fact.step,
        table: find(fact.table, fact.extractor === 'sql', placed.service, placed.database),
        target: fact.table,
        column: fact.column,
        newName: fact.newName,
        location: fact.location,
      });
    }
  }
  return { connections, tables, foreignKeys, accesses, migrations };
}

/**
 * Field names of an ORM query as the model's columns (`legacyStatus` → `legacy_status`); names the model has no
 * column for (relations) are dropped. Without a field map (a model of another ORM) the names are already columns.
 */
function fieldsAsColumns(fields: readonly string[], columns: ReadonlyMap<string, string> | undefined): string[] {
  if (columns === undefined) return [...fields];
  return [...new Set(fields.flatMap((field) => columns.get(field) ?? []))];
}

/** `table:<db without db:>.<schema>.<name>`; `?` stands for an unknown database or schema. */
export function tableKey(database: string | null, table: TableRef): string {
  return `table:${database === null ? '?' : database.slice(3)}.${table.schema ?? 'default'}.${table.name}`;
}

function refKey(ref: TableRef): string {
  return `${ref.schema ?? ''}.${ref.name}`;
}

/**
 * Whether two names are one table, as the database sees it. Names read from SQL text keep the engine's spelling
 * (src/extract/sql/effects.ts): PostgreSQL folds unquoted names to lower case and keeps quoted ones, a language rule
 * its parser has applied, so two such names are one table only when equal (`select * from orders` does not read a
 * `"Orders"` table, it fails with "relation does not exist"). MySQL table names are case-sensitive only where the
 * server's `lower_case_table_names` is 0 (Linux), a setting no file of the repository states, and SQL run from code
 * is parsed in a dialect guessed from its text, so MySQL names compare case-insensitively. ORM models, query builders
 * and schema files lower-case their names (`tableRef`), the spelling lost, so they match any spelling: Prisma's
 * `model Order` is the `"Order"` its migration.sql creates.
 */
function sameName(a: string, b: string, strict: boolean): boolean {
  return a === b || (!strict && a.toLowerCase() === b.toLowerCase());
}

