/** Database connection URLs → identity parts (engine, host, port, database, schema); credentials are dropped. */

/** The parts of a database identity before the host is resolved to a container. */
export interface DbTarget {
  engine: string;
  host: string;
  port: number | null;
  database: string;
  schema: string | null;
}

const SCHEME_ENGINE: Record<string, string> = {
  postgres: 'postgres',
  postgresql: 'postgres',
  cockroachdb: 'postgres',
  mysql: 'mysql',
  mysql2: 'mysql',
  mariadb: 'mariadb',
  mongodb: 'mongodb',
  'mongodb+srv': 'mongodb',
  redis: 'redis',
  rediss: 'redis',
  sqlserver: 'sqlserver',
  mssql: 'sqlserver',
  cassandra: 'cassandra',
};

/** Default port of each engine, so `pg:5432` and `pg` are one identity. */
export const DEFAULT_PORT: Record<string, number> = {
  postgres: 5432,
  mysql: 3306,
  mariadb: 3306,
  mongodb: 27017,
  redis: 6379,
  sqlserver: 1433,
  cassandra: 9042,
};

/**
 * Reads a database URL; null when it is not one (an HTTP URL, a path), its host is unknown, or it is a template
 * (`postgresql://USER:PASSWORD@HOST:PORT/DATABASE` in a `.env.example`), which names no real server.
 */
export function parseDbUrl(text: string): DbTarget | null {
  const match = /^([a-z][a-z0-9+]*):\/\/([^/?#]*)([^?#]*)(\?[^#]*)?/i.exec(withoutUserinfo(text.trim()));
  if (match === null) return null;
  const engine = SCHEME_ENGINE[(match[1] ?? '').toLowerCase()];
  if (engine === undefined) return null;
  const authority = match[2] ?? '';
  // A replica set lists several hosts; the first names the cluster well enough for identity.
  const first = authority.split(',')[0] ?? '';
  const colon = first.lastIndexOf(':');
  const rawHost = colon === -1 ? first : first.slice(0, colon);
  if (rawHost === '' || rawHost.includes('\u0000') || isPlaceholder(rawHost)) return null;
  const host = rawHost.toLowerCase();
  const portText = colon === -1 ? '' : first.slice(colon + 1);
  if (portText !== '' && !/^\d{1,5}$/.test(portText)) return null;
  const port = portText === '' ? null : Number(portText);
  const path = decode(match[3] ?? '').replace(/^\//, '');
  const database = path.split('/')[0] ?? '';
  const query = new URLSearchParams(match[4] ?? '');
  return {
    engine,
    host,
    port: port !== null && Number.isInteger(port) && port > 0 ? port : (DEFAULT_PORT[engine] ?? null),
    database: database === '' ? (engine === 'redis' ? '0' : '') : database,
    schema: schemaOf(query),
  };
}

/**
 * The URL without `user:password@`. A generated password may hold an unencoded `/`, `?` or `#`, so when the
 * authority has no `@` but the text after `user:` does, the userinfo runs to the last `@` before any whitespace.
 */
function withoutUserinfo(text: string): string {
  const scheme = text.indexOf('://');
  if (scheme === -1) return text;
  const start = scheme + 3;
  const rest = text.slice(start);
  const authorityEnd = rest.search(/[/?#]/);
  const authority = authorityEnd === -1 ? rest : rest.slice(0, authorityEnd);
  const inAuthority = authority.lastIndexOf('@');
  const userEnd = authority.indexOf(':');
  const last = rest.lastIndexOf('@');
  const port = /^\d+$/.test(authority.slice(userEnd + 1));
  if (userEnd !== -1 && !port && last > inAuthority) return text.slice(0, start) + rest.slice(last + 1);
  return inAuthority === -1 ? text : text.slice(0, start) + rest.slice(inAuthority + 1);
}

/** `HOST`, `<host>`, `{{DB_HOST}}`, `your-host`: names a template leaves for the reader to fill in. */
export function isPlaceholder(value: string): boolean {
  return /^[A-Z][A-Z0-9_]*$/.test(value) || /^[<{[]/.test(value) || /^your[-_]/i.test(value);
}

/** `?schema=x` (Prisma), `?currentSchema=x` (JDBC style), `?options=-c search_path=x`. */
function schemaOf(query: URLSearchParams): string | null {
  const direct = query.get('schema') ?? query.get('currentSchema') ?? query.get('search_path');
  if (direct !== null && direct !== '') return direct.split(',')[0]?.trim() ?? null;
  const options = query.get('options');
  const searchPath = options === null ? null : /search_path\s*=\s*([A-Za-z0-9_]+)/.exec(options);
  return searchPath?.[1] ?? null;
}

function decode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/** Engine named by an env variable prefix (`PGHOST`, `POSTGRES_DB`, `MYSQL_HOST`, `MONGO_HOST`), else null. */
export function engineOfPrefix(prefix: string): string | null {
  const upper = prefix.toUpperCase();
  if (upper.startsWith('PG') || upper.startsWith('POSTGRES')) return 'postgres';
  if (upper.startsWith('MYSQL')) return 'mysql';
  if (upper.startsWith('MARIADB')) return 'mariadb';
  if (upper.startsWith('MONGO')) return 'mongodb';
  if (upper.startsWith('REDIS')) return 'redis';
  return null;
}

/** Engine of a container image (`postgres:16-alpine`, `bitnami/mysql`, `mongo:7`), else null. */
export function engineOfImage(image: string): string | null {
  const base = (image.toLowerCase().split('@')[0] ?? '').split(':')[0]?.split('/').pop() ?? '';
  if (/^(postgres|postgis|timescaledb|cockroach|supabase-postgres)/.test(base)) return 'postgres';
  if (base.startsWith('mysql') || base === 'percona') return 'mysql';
  if (base.startsWith('mariadb')) return 'mariadb';
  if (base.startsWith('mongo') && base !== 'mongo-express') return 'mongodb';
  if ((base.startsWith('redis') && base !== 'redis-commander') || base === 'valkey' || base === 'keydb') return 'redis';
  if (base === 'cassandra' || base === 'scylla') return 'cassandra';
  if (base.startsWith('mssql')) return 'sqlserver';
  return null;
}

/** Node key of an identity: `db:postgres://pg:5432/shop` or `…/shop/billing` with a schema. */
export function databaseKey(target: DbTarget): string {
  const port = target.port === null ? '' : `:${target.port}`;
  const schema = target.schema === null ? '' : `/${target.schema}`;
  return `db:${target.engine}://${target.host}${port}/${target.database}${schema}`;
}
