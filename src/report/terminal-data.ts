/** The text report's data-ownership lines: which service owns which tables, in which database, and what it connects to. */
import type { Result, ResultDatabase } from '../types/result.js';
import type { Style } from './ansi.js';
import { sanitize } from './sanitize.js';
import { compareStrings, count, pad, widest } from './text-format.js';

const MAX_TABLES_SHOWN = 8;
const MAX_DATABASES_SHOWN = 4;
// A monorepo with hundreds of services would bury the rest of the report; the JSON output lists them all.
const MAX_SERVICES_SHOWN = 30;
const KEY_VALUE_ENGINES: ReadonlySet<string> = new Set(['redis', 'memcached']);

/** What one line says about one service: the tables it owns (and where), or else the databases it connects to. */
interface DataLine {
  service: string;
  tables: string[];
  databases: Set<string>;
}

/**
 * `orders  owns orders, order_items  in db:postgres://pg:5432/orders` for a service that owns tables;
 * `users  db:postgres://users-db:5432/users (no tables known)` for one that only connects; nothing when neither is known.
 */
export function renderDataOwnership(result: Result, style: Style): string[] {
  const byService = new Map<string, DataLine>();
  const lineOf = (service: string): DataLine => {
    let line = byService.get(service);
    if (line === undefined) {
      line = { service, tables: [], databases: new Set() };
      byService.set(service, line);
    }
    return line;
  };
  for (const database of result.databases) {
    for (const table of database.tables) {
      const line = lineOf(table.owner ?? '(no owner)');
      line.tables.push(table.name);
      if (!database.id.startsWith('db:unknown')) line.databases.add(database.id);
    }
  }
  for (const [service, databases] of connections(result)) {
    if (byService.has(service)) continue;
    lineOf(service).databases = databases;
  }
  if (byService.size === 0) return [];
  const lines = [...byService.values()].sort((a, b) => compareStrings(a.service, b.service));
  const shown = lines.slice(0, MAX_SERVICES_SHOWN);
  const width = widest(shown.map((line) => sanitize(line.service)));
  const byId = new Map(result.databases.map((database) => [database.id, database]));
  const rendered = shown.map((line) => {
    const name = pad(sanitize(line.service), width);
    return line.tables.length > 0 ? `  ${name}  ${ownedTables(line, style)}` : `  ${name}  ${connectedOnly(line, byId, style)}`;
  });
  const hidden = lines.length - shown.length;
  if (hidden > 0) rendered.push(`  ${style.dim(`… and ${count(hidden, 'more service', 'more services')}; --format json lists them all`)}`);
  return [style.bold('Data ownership'), ...rendered];
}

/** `owns order_items, orders  in db:postgres://pg:5432/shop`. */
function ownedTables(line: DataLine, style: Style): string {
  const tables = [...new Set(line.tables)].sort(compareStrings);
  const shown = tables.slice(0, MAX_TABLES_SHOWN).map(sanitize).join(', ');
  const more = tables.length > MAX_TABLES_SHOWN ? ` +${tables.length - MAX_TABLES_SHOWN} more` : '';
  const where = [...line.databases].sort(compareStrings).map(sanitize).join(', ');
  return `owns ${shown}${more}${where === '' ? '' : style.dim(`  in ${where}`)}`;
}

/** `db:postgres://users-db:5432/users (no tables known)`, `db:postgres://pg:5432/shop (no tables of its own)`, `db:redis://redis:6379/0`. */
function connectedOnly(line: DataLine, byId: ReadonlyMap<string, ResultDatabase>, style: Style): string {
  const ids = [...line.databases].sort(compareStrings);
  const shown = ids.slice(0, MAX_DATABASES_SHOWN).map((id) => {
    const database = byId.get(id);
    // A key-value store has no tables to know of.
    if (database !== undefined && KEY_VALUE_ENGINES.has(database.engine)) return sanitize(id);
    const note = (database?.tables.length ?? 0) === 0 ? '(no tables known)' : '(no tables of its own)';
    return `${sanitize(id)} ${style.dim(note)}`;
  });
  const more = ids.length > MAX_DATABASES_SHOWN ? ` +${ids.length - MAX_DATABASES_SHOWN} more` : '';
  return `${shown.join(', ')}${more}`;
}

/** Databases each service connects to: the `usedBy` lists and the `database` edges (`service:users` → `db:…`). */
function connections(result: Result): Map<string, Set<string>> {
  const byService = new Map<string, Set<string>>();
  const add = (service: string, id: string): void => {
    if (id.startsWith('db:unknown')) return;
    const ids = byService.get(service) ?? new Set<string>();
    ids.add(id);
    byService.set(service, ids);
  };
  for (const database of result.databases) for (const service of database.usedBy) add(service, database.id);
  for (const edge of result.edges) {
    if (edge.kind === 'database' && edge.from.startsWith('service:')) add(edge.from.slice('service:'.length), edge.to);
  }
  return byService;
}
