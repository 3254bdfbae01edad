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
  const schemas = new Map(connections.map((connection) => [connection.id, connection.schema]));
  /**
   * PostgreSQL looks an unqualified name up in its search_path: `public`, or the schema the connection sets
   * (`?schema=x`, `search_path=x`), so Prisma's `"public"."orders"` and `orders` are one table, named `orders`. A
   * MySQL `public.orders` is a table of a database called `public`: only PostgreSQL and unknown engines fold.
   */
  const unqualified = (ref: TableRef, database: string | null): TableRef => {
    if (ref.schema === null) return ref;
    const engine = database === null ? undefined : engines.get(database);
    if (engine !== undefined && engine !== 'postgres' && engine !== 'sql') return ref;
    const schema = (database === null ? null : schemas.get(database)) ?? 'public';
    return ref.schema === schema ? { schema: null, name: ref.name } : ref;
  };
  // Tables whose name is the engine's own spelling (read from SQL text), see sameName.
  const exact = new Set<OwnedTable>();
  const strict = (refExact: boolean, table: OwnedTable, database: string | null): boolean => {
    const engine = engines.get(table.database ?? database ?? '');
    return refExact && exact.has(table) && engine !== 'mysql' && engine !== 'mariadb';
  };
  const names = (table: OwnedTable, written: TableRef, refExact: boolean, database: string | null): boolean => {
    const isStrict = strict(refExact, table, database);
    const ref = unqualified(written, table.database ?? database);
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
      const created = unqualified(fact.table, placed.database);
      const bucket = live.get(liveKey(placed, created)) ?? [];
      const index = bucket.findIndex((t) => names(t, created, fromSql, placed.database));
      const previous = bucket[index];
      // A model read after the migration that creates its table keeps the migration's spelling, the engine's.
      const keepSpelling = previous !== undefined && exact.has(previous) && !fromSql;
      const ref = keepSpelling ? previous.table : created;
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
      live.set(liveKey(placed, created), bucket);
    } else if (fact.kind === 'db-migration-step' && fact.step === 'drop-table') {
      const placed = place(fact.location, fact.database, null);
      const dropped = unqualified(fact.table, placed.database);
      const bucket = live.get(liveKey(placed, dropped)) ?? [];
      live.set(liveKey(placed, dropped), bucket.filter((t) => !names(t, dropped, fact.extractor === 'sql', placed.database)));
    }
  }
  const tables = [...live.values()].flat().sort((a, b) => compareStrings(a.key, b.key) || compareStrings(a.owner ?? '', b.owner ?? ''));
  const find = (ref: TableRef, refExact: boolean, service: string | null, database: string | null): OwnedTable | null => {
    // An unqualified name matches a table of any schema, the one of the default schema first.
    const sameSchema = (t: OwnedTable): boolean => unqualified(ref, t.database ?? database).schema === t.table.schema;
    const named = tables.filter((t) => names(t, ref, refExact, database)).sort((a, b) => Number(sameSchema(b)) - Number(sameSchema(a)));
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
  // Whether the service can reach the table's database; true when either side's database is unknown.
  const connectsTo = (service: string | null, table: OwnedTable): boolean => {
    const own = (service === null ? [] : (byService.get(service) ?? [])).filter((c) => c.engine !== 'redis');
    return table.database === null || own.length === 0 || own.some((c) => c.id === table.database);
  };
  // The service's own model first, then one declared with the same ORM (`client` of an access), then any. Another
  // service's model counts in a database the service connects to; out of reach only when the service reaches no
  // table of its name (a client generated from a copy of that schema), else that same-named table is meant.
  const byModel = (model: string | undefined, service: string | null, client?: string): OwnedTable | null => {
    const candidates = model === undefined ? [] : (models.get(model) ?? []);
    const own = candidates.find((t) => t.owner === service);
    if (own !== undefined) return own;
    const reachable = candidates.filter((t) => connectsTo(service, t));
    const pool = reachable.length > 0 ? reachable : candidates.filter((t) => find(t.table, false, service, null) === null);
    return pool.find((t) => t.source === client) ?? pool[0] ?? null;
  };
  /**
   * A mongoose `ref: 'User'` names a model: the referring service's own, else the one service (in reach) declaring it.
   * Several other services declaring it leave the ref unlinked (`ambiguous`) rather than picking one by sort order.
   */
  const byRef = (model: string, service: string | null): { table: OwnedTable | null; ambiguous: boolean } => {
    const candidates = models.get(model) ?? [];
    const own = candidates.find((t) => t.owner === service);
    if (own !== undefined) return { table: own, ambiguous: false };
    const reachable = candidates.filter((t) => connectsTo(service, t));
    const declaring = new Set(reachable.map((t) => t.owner)).size;
    const anywhere = new Set(candidates.map((t) => t.owner)).size;
    return { table: declaring === 1 ? (reachable[0] ?? null) : null, ambiguous: declaring > 1 || (declaring === 0 && anywhere > 1) };
  };
  const foreignKeys: ResolvedForeignKey[] = [];
  const accesses: ResolvedTableAccess[] = [];
  const migrations: ResolvedMigrationStep[] = [];
  for (const fact of ordered) {
    if (fact.kind === 'db-foreign-key') {
      const placed = place(fact.location, fact.database, fact.source === 'mongoose' ? 'mongodb' : null);
      const from = find(fact.from, fact.source === 'sql', placed.service, placed.database);
      if (from === null) continue;
      const ref = fact.source === 'mongoose' && fact.toModel !== undefined ? byRef(fact.toModel, from.owner) : null;
      const to =
        ref?.table ??
        (ref?.ambiguous === true ? null : (find(fact.to, fact.source === 'sql', from.owner, from.database) ?? byModel(fact.toModel, from.owner)));
      const target = unqualified(fact.to, to?.database ?? from.database);
      foreignKeys.push({ from, to, target, columns: fact.columns, source: fact.source, location: fact.location });
    } else if (fact.kind === 'db-access' && fact.extractor !== 'sql' && isProductionSource(fact.location.file)) {
      const owner = owners(fact.location.file);
      if (owner?.kind !== 'service') continue;
      // An ORM access names its model; the table that model declares (`@@map`, `@Entity('orders')`) wins, as the
      // target too, and the model's field names become its column names.
      const modelTable = fact.model === undefined ? null : byModel(fact.model, owner.name, fact.client);
      // A model that some service declares out of reach, its name taken by a table in reach, is neither: unlinked.
      const unreachable = modelTable === null && fact.model !== undefined && models.has(fact.model);
      // SQL text run by a driver names tables as the engine does; the Knex builder and ORM models lower-case them.
      const table = modelTable ?? (unreachable ? null : find(fact.table, fact.model === undefined && fact.client !== 'knex', owner.name, null));
      accesses.push({
        service: owner.name,
        table,
        target: modelTable?.table ?? unqualified(fact.table, table?.database ?? place(fact.location, null, null).database),
        operation: fact.operation,
        columns: modelTable === null ? fact.columns : fieldsAsColumns(fact.columns, fieldColumns.get(modelTable)),
        client: fact.client,
        location: fact.location,
      });
    } else if (fact.kind === 'db-migration-step') {
      const placed = place(fact.location, fact.database, null);
      const table = find(fact.table, fact.extractor === 'sql', placed.service, placed.database);
      migrations.push({
        service: placed.service,
        step: fact.step,
        table,
        target: unqualified(fact.table, table?.database ?? placed.database),
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

