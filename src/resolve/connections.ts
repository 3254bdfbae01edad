/**
 * Each service's database connections: URLs and host/port/name parts in its environment (compose, Kubernetes,
 * ConfigMaps, Secrets, `.env*`), and connections configured in code or `schema.prisma`, rendered through that env.
 */
import type { DatabaseConnection, DbConnectionFact, Evidence, Fact } from '../types/index.js';
import type { OwnerOf } from '../discover/owner.js';
import type { EnvCandidate, ServiceEnvironment } from './environment.js';
import { canonicalHost, type DbHostDirectory } from './db-hosts.js';
import { DEFAULT_PORT, databaseKey, engineOfPrefix, isPlaceholder, parseDbUrl, type DbTarget } from './db-url.js';
import { HOLE, renderValue, type RenderContext } from './values.js';

const PART = /^(.*?)_?(HOST|HOSTNAME|SERVER|PORT|NAME|DATABASE|DB|SCHEMA)$/;

export interface ConnectionInput {
  facts: readonly Fact[];
  owners: OwnerOf;
  environments: ReadonlyMap<string, ServiceEnvironment>;
  hosts: DbHostDirectory;
  context: (service: string) => RenderContext;
}

/** Every (service, identity) pair once, first evidence kept, sorted by service then identity. */
export function resolveConnections(input: ConnectionInput): DatabaseConnection[] {
  const found = new Map<string, DatabaseConnection>();
  const add = (service: string, target: DbTarget, location: Evidence, via: string[]): void => {
    const canonical = canonicalHost(target.host, target.port, input.hosts);
    const schema = target.engine === 'postgres' && target.schema === 'public' ? null : target.schema;
    // Parts without an engine hint (`DB_HOST`) take the engine of the container they reach.
    const engine = target.engine === 'sql' ? (input.hosts.byHost.get(canonical.host)?.engine ?? 'sql') : target.engine;
    const port = target.engine === 'sql' && target.port === null ? (DEFAULT_PORT[engine] ?? null) : canonical.port;
    const identity = { ...target, engine, host: canonical.host, port, schema };
    const id = databaseKey(identity);
    const key = `${service}\0${id}`;
    if (found.has(key)) return;
    found.set(key, {
      service,
      id,
      ...identity,
      location,
      confidence: 'resolved',
      via: canonical.via === null ? via : [...via, canonical.via],
    });
  };
  for (const [service, env] of input.environments) {
    for (const [name, candidates] of env) {
      for (const candidate of candidates) {
        const target = parseDbUrl(candidate.value);
        if (target !== null) add(service, target, candidate.location, [`env ${name} from ${candidate.source}`]);
      }
    }
    for (const group of partGroups(env)) add(service, group.target, group.location, group.via);
  }
  for (const fact of input.facts) {
    if (fact.kind !== 'db-connection') continue;
    const owner = input.owners(fact.location.file);
    if (owner?.kind !== 'service') continue;
    for (const target of renderConnection(fact, input.context(owner.name))) {
      add(owner.name, target, fact.location, [`${fact.client} connection at ${fact.location.file}:${fact.location.line}`]);
    }
  }
  return [...found.values()].sort((a, b) => (a.service < b.service ? -1 : a.service > b.service ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

function renderConnection(fact: DbConnectionFact, context: RenderContext): DbTarget[] {
  if (fact.url === null) return renderParts(fact, context);
  const targets: DbTarget[] = [];
  for (const rendering of renderValue(fact.url, fact.location.file, context)) {
    if (rendering.text.includes(HOLE)) continue;
    const target = parseDbUrl(rendering.text);
    if (target === null) continue;
    const schema = fact.parts.schema?.parts[0];
    targets.push(target.schema === null && schema?.kind === 'literal' ? { ...target, schema: schema.value } : target);
  }
  return targets;
}

/** `DB_HOST` + `DB_NAME` (+ `DB_PORT`, `DB_SCHEMA`), `PGHOST` + `PGDATABASE`, `MYSQL_HOST` + `MYSQL_DATABASE`. */
function partGroups(env: ServiceEnvironment): { target: DbTarget; location: Evidence; via: string[] }[] {
  const groups = new Map<string, Partial<Record<string, EnvCandidate & { name: string }>>>();
  for (const [name, candidates] of env) {
    const match = PART.exec(name.toUpperCase());
    const candidate = candidates[0];
    if (match === null || candidate === undefined) continue;
    const prefix = match[1] ?? '';
    if (!/(^|_)(DB|DATABASE|PG|POSTGRES|POSTGRESQL|MYSQL|MARIADB|MONGO|MONGODB)$/.test(prefix) && prefix !== 'PG') continue;
    const role = match[2] === 'HOSTNAME' || match[2] === 'SERVER' ? 'HOST' : match[2] === 'DATABASE' || match[2] === 'DB' ? 'NAME' : (match[2] ?? '');
    const group = groups.get(prefix) ?? {};
    group[role] ??= { ...candidate, name };
    groups.set(prefix, group);
  }
  const result: { target: DbTarget; location: Evidence; via: string[] }[] = [];
  for (const [prefix, group] of groups) {
    const host = group.HOST;
    const name = group.NAME;
    // An empty or template value (`DB_NAME=`, `DB_HOST=HOST`) names no database.
    if (host === undefined || name === undefined || name.value.trim() === '' || host.value.trim() === '' || isPlaceholder(host.value.trim())) continue;
    const engine = engineOfPrefix(prefix.replace(/^.*_/, '')) ?? engineOfPrefix(prefix) ?? 'sql';
    const port = group.PORT === undefined ? null : Number(group.PORT.value);
    result.push({
      target: {
        engine,
        host: host.value.toLowerCase(),
        port: port !== null && Number.isInteger(port) ? port : (DEFAULT_PORT[engine] ?? null),
        database: name.value,
        schema: group.SCHEMA?.value ?? null,
      },
      location: name.location,
      via: [`env ${host.name} + ${name.name} from ${name.source}`],
    });
  }
  return result;
}

/** `{ host, port, database, schema }` options: each part rendered through the env, first known rendering kept. */
function renderParts(fact: DbConnectionFact, context: RenderContext): DbTarget[] {
  const part = (key: 'host' | 'port' | 'database' | 'schema'): string | null => {
    const value = fact.parts[key];
    if (value === undefined) return null;
    const known = renderValue(value, fact.location.file, context).find((rendering) => !rendering.text.includes(HOLE));
    return known === undefined || known.text.trim() === '' ? null : known.text.trim();
  };
  const host = part('host');
  const database = part('database');
  if (host === null || database === null) return [];
  const engine = fact.engine ?? 'sql';
  const port = Number(part('port') ?? DEFAULT_PORT[engine] ?? NaN);
  return [{ engine, host: host.toLowerCase(), port: Number.isInteger(port) ? port : null, database, schema: part('schema') }];
}
