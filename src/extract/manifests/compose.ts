/** docker compose files → one ComposeServiceFact per service, with same-file `extends` applied. */
import type {
  ComposeServiceFact,
  EnvEntry,
  Extractor,
  ExtractOutput,
  PortMapping,
  SourceFile,
} from '../../types/index.js';
import { LineIndex } from '../shared/lines.js';
import { readService, type ServiceContext, type ServiceParts } from './compose-service.js';
import { baseName, dirOf } from './paths.js';
import { extractError, guarded } from './report.js';
import { childOf, entriesOf, parseYaml } from './yaml.js';

const ID = 'compose';
// Compose rejects deeper chains long before this; the cap only guards against cycles we missed.
const MAX_EXTENDS_DEPTH = 16;

/** `docker-compose.yml`, `docker-compose.override.yaml`, `compose.prod.yml`, … */
export function isComposePath(path: string): boolean {
  const base = baseName(path);
  if (!base.endsWith('.yml') && !base.endsWith('.yaml')) return false;
  const prefix = ['docker-compose', 'compose'].find((p) => base.startsWith(p));
  if (prefix === undefined) return false;
  const stem = base.slice(prefix.length);
  // `compose.yml`, `compose-dev.yml`, `compose_ci.yml`; never `composer.yml`.
  const next = stem[0];
  return next === '.' || next === '-' || next === '_';
}

function extractCompose(file: SourceFile): ExtractOutput {
  const lines = new LineIndex(file.text);
  const { docs, errors } = parseYaml(file.path, file.text);
  const root = docs[0]?.root;
  const services = childOf(root, 'services');
  if (services === undefined || (services.type === 'scalar' && services.value === null)) return { facts: [], errors };
  if (services.type !== 'map') {
    const at = lines.position(services.offset);
    const message = 'Compose `services` must be a mapping of service names.';
    errors.push(extractError(file.path, 'invalid-compose', message, at));
    return { facts: [], errors };
  }
  const ctx: ServiceContext = { file: file.path, dir: dirOf(file.path), lines, errors };
  const parts = new Map<string, ServiceParts>();
  const locations = new Map<string, number>();
  for (const entry of entriesOf(services)) {
    const body = entry.value;
    if (body.type !== 'map' && !(body.type === 'scalar' && body.value === null)) {
      const at = lines.position(entry.keyOffset);
      const message = 'A compose service must be a mapping; it was skipped.';
      errors.push(extractError(file.path, 'invalid-compose', message, at));
      continue;
    }
    parts.set(entry.key, readService(body, ctx));
    locations.set(entry.key, entry.keyOffset);
  }
  const facts: ComposeServiceFact[] = [];
  for (const [name, own] of parts) {
    const service = applyExtends(own, parts, new Set([name]), 0);
    facts.push({
      kind: 'compose-service',
      extractor: ID,
      location: lines.evidence(file.path, locations.get(name) ?? 0),
      name,
      buildContext: service.buildContext,
      dockerfile: service.dockerfile,
      image: service.image,
      hostnames: unique([service.containerName, service.hostname, ...service.aliases]),
      ports: service.ports,
      environment: service.environment,
      envFiles: unique(service.envFiles),
      dependsOn: unique(service.dependsOn),
      workingDir: service.workingDir,
      bindMounts: service.bindMounts,
    });
  }
  return { facts, errors };
}

/**
 * Merges a same-file `extends` base under the service, following compose: scalars are overridden,
 * environment merges by name and mounts by target, ports/env files/aliases add up; `depends_on` and `container_name`
 * are never inherited. Unknown bases and cycles leave the service as written.
 */
function applyExtends(
  own: ServiceParts,
  all: Map<string, ServiceParts>,
  seen: Set<string>,
  depth: number,
): ServiceParts {
  const baseName = own.extendsService;
  if (baseName === null || seen.has(baseName) || depth >= MAX_EXTENDS_DEPTH) return own;
  const baseOwn = all.get(baseName);
  if (baseOwn === undefined) return own;
  const base = applyExtends(baseOwn, all, new Set([...seen, baseName]), depth + 1);
  const ownBuild = own.buildContext !== null;
  return {
    buildContext: ownBuild ? own.buildContext : base.buildContext,
    dockerfile: own.dockerfile ?? (ownBuild ? null : base.dockerfile),
    image: own.image ?? base.image,
    containerName: own.containerName,
    hostname: own.hostname ?? base.hostname,
    aliases: [...base.aliases, ...own.aliases],
    ports: [...base.ports, ...own.ports.filter((p) => !base.ports.some((b) => samePort(b, p)))],
    environment: mergeEnvironment(base.environment, own.environment),
    envFiles: [...base.envFiles, ...own.envFiles],
    dependsOn: own.dependsOn,
    workingDir: own.workingDir ?? base.workingDir,
    // Compose merges volumes by container path: the service's own mount replaces the base's at the same target.
    bindMounts: [...base.bindMounts.filter((b) => !own.bindMounts.some((m) => m.target === b.target)), ...own.bindMounts],
    extendsService: null,
  };
}

/** Base entries in order, each replaced by the service's own entry of the same name; new ones appended. */
function mergeEnvironment(base: EnvEntry[], own: EnvEntry[]): EnvEntry[] {
  const ownByName = new Map(own.map((entry) => [entry.name, entry]));
  const merged = base.map((entry) => ownByName.get(entry.name) ?? entry);
  const baseNames = new Set(base.map((entry) => entry.name));
  return [...merged, ...own.filter((entry) => !baseNames.has(entry.name))];
}

function samePort(a: PortMapping, b: PortMapping): boolean {
  return a.published === b.published && a.target === b.target;
}

function unique(values: (string | null)[]): string[] {
  const out = new Set<string>();
  for (const value of values) if (value !== null && value !== '') out.add(value);
  return [...out];
}

/** The docker compose extractor. */
export const composeExtractor: Extractor = {
  id: ID,
  matches: isComposePath,
  extract: (file) => guarded(ID, file.path, () => extractCompose(file)),
};
