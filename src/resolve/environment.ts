/**
 * Each service's environment as its manifests declare it: compose `environment`/`env_file`, Kubernetes `env`,
 * `envFrom` and `valueFrom` (ConfigMaps, Secrets), the service's `.env*` files and Dockerfile `ENV`.
 * A variable can have several candidate values (dev `.env` vs compose); all are kept with their evidence.
 */
import { posix } from 'node:path';
import type {
  ComposeServiceFact,
  DockerfileFact,
  EnvEntry,
  EnvFileFact,
  Evidence,
  Fact,
  Inventory,
  K8sConfigFact,
  K8sWorkloadFact,
  Service,
} from '../types/index.js';
import { interpolate } from './interpolate.js';
import { ownerLookup } from '../discover/owner.js';

export interface EnvCandidate {
  value: string;
  location: Evidence;
  /** Where the value came from, for traces: `docker-compose.yml (service orders)`. */
  source: string;
}

/** Variable name → candidate values (distinct values, first evidence kept). */
export type ServiceEnvironment = ReadonlyMap<string, readonly EnvCandidate[]>;

export function buildEnvironments(facts: readonly Fact[], inventory: Inventory): Map<string, ServiceEnvironment> {
  const index = new FactIndex(facts);
  const owners = ownerLookup(inventory);
  const result = new Map<string, ServiceEnvironment>();
  for (const service of inventory.services) {
    const env = new Map<string, EnvCandidate[]>();
    const add = (entry: EnvEntry, value: string | null, source: string): void => {
      if (value === null) return;
      const list = env.get(entry.name) ?? [];
      if (!list.some((candidate) => candidate.value === value)) list.push({ value, location: entry.location, source });
      env.set(entry.name, list);
    };
    addDeploymentEnvironment(service, index, add);
    for (const fact of index.envFiles) {
      const owner = owners(fact.location.file);
      if (owner?.kind !== 'service' || owner.name !== service.name) continue;
      const expanded = expandEnvFile(fact);
      for (const entry of fact.entries) add(entry, expanded.get(entry.name) ?? entry.value, fact.location.file);
    }
    for (const fact of index.dockerfiles) {
      const owner = owners(fact.location.file);
      if (owner?.kind !== 'service' || owner.name !== service.name) continue;
      for (const entry of fact.environment) add(entry, entry.value, `${fact.location.file} ENV`);
    }
    result.set(service.name, env);
  }
  return result;
}

type AddEntry = (entry: EnvEntry, value: string | null, source: string) => void;

function addDeploymentEnvironment(service: Service, index: FactIndex, add: AddEntry): void {
  for (const deployment of service.deployments) {
    if (deployment.kind === 'compose') {
      const compose = index.compose.find(
        (fact) => fact.name === deployment.name && fact.location.file === deployment.file,
      );
      if (compose !== undefined) addComposeEnvironment(compose, index, add);
    } else {
      const workload = index.workloads.find(
        (fact) =>
          fact.name === deployment.name &&
          fact.namespace === deployment.namespace &&
          fact.location.file === deployment.file,
      );
      if (workload !== undefined) addWorkloadEnvironment(workload, index, add);
    }
  }
}

function addComposeEnvironment(compose: ComposeServiceFact, index: FactIndex, add: AddEntry): void {
  const source = `${compose.location.file} (service ${compose.name})`;
  // Compose interpolates `${VAR}` from the .env beside the compose file.
  const composeDir = posix.dirname(compose.location.file);
  const dotenv = index.envFiles.find((fact) => fact.location.file === posix.join(composeDir, '.env'));
  const lookup = (name: string): string | undefined =>
    dotenv?.entries.find((entry) => entry.name === name)?.value ?? undefined;
  for (const entry of compose.environment) {
    add(entry, entry.value === null ? null : interpolate(entry.value, lookup), source);
  }
  for (const path of compose.envFiles) {
    const file = index.envFiles.find((fact) => fact.location.file === path);
    if (file === undefined) continue;
    const expanded = expandEnvFile(file);
    for (const entry of file.entries) add(entry, expanded.get(entry.name) ?? entry.value, `${path} (env_file of ${compose.name})`);
  }
}

function addWorkloadEnvironment(workload: K8sWorkloadFact, index: FactIndex, add: AddEntry): void {
  const source = `${workload.location.file} (${workload.workloadKind} ${workload.name})`;
  for (const container of workload.containers) {
    for (const ref of container.envFrom) {
      const config = index.findConfig(ref.kind, ref.name, workload.namespace);
      for (const entry of config?.entries ?? []) add(entry, entry.value, `${ref.kind} ${ref.name}`);
    }
    for (const entry of container.env) {
      if (entry.from === undefined) {
        add(entry, entry.value, source);
        continue;
      }
      const config = index.findConfig(entry.from.kind, entry.from.name, workload.namespace);
      const referenced = config?.entries.find((candidate) => candidate.name === entry.from?.key);
      if (referenced !== undefined) {
        add({ ...entry, location: referenced.location }, referenced.value, `${entry.from.kind} ${entry.from.name}`);
      }
    }
  }
}

// References to references (`A=${B}/x`, `B=${C}:8080`) are followed this deep; a cycle stops there, unexpanded.
const MAX_EXPANSION_DEPTH = 4;

/**
 * `${VAR}` references inside a `.env` file, expanded from the same file the way dotenv-expand does (NestJS
 * `ConfigModule` with `expandVariables`, Vite, Next.js): `AUTH_URL=${KEYCLOAK_BASE_URL}/realms/shop`. Only values
 * with a braced reference change, so a `$` inside a password stays as written.
 */
function expandEnvFile(fact: EnvFileFact): Map<string, string> {
  const raw = new Map<string, string>();
  for (const entry of fact.entries) if (entry.value !== null) raw.set(entry.name, entry.value);
  const expand = (value: string, depth: number): string =>
    depth >= MAX_EXPANSION_DEPTH || !value.includes('${')
      ? value
      : interpolate(value, (name) => {
          const referenced = raw.get(name);
          return referenced === undefined ? undefined : expand(referenced, depth + 1);
        });
  const expanded = new Map<string, string>();
  for (const [name, value] of raw) if (value.includes('${')) expanded.set(name, expand(value, 0));
  return expanded;
}

class FactIndex {
  readonly compose: ComposeServiceFact[] = [];
  readonly workloads: K8sWorkloadFact[] = [];
  readonly envFiles: EnvFileFact[] = [];
  readonly dockerfiles: DockerfileFact[] = [];
  private readonly configs: K8sConfigFact[] = [];

  constructor(facts: readonly Fact[]) {
    for (const fact of facts) {
      if (fact.kind === 'compose-service') this.compose.push(fact);
      else if (fact.kind === 'k8s-workload') this.workloads.push(fact);
      else if (fact.kind === 'env-file') this.envFiles.push(fact);
      else if (fact.kind === 'k8s-config') this.configs.push(fact);
      else if (fact.kind === 'dockerfile') this.dockerfiles.push(fact);
    }
  }

  findConfig(kind: 'configMap' | 'secret', name: string, namespace: string): K8sConfigFact | undefined {
    return this.configs.find(
      (fact) => fact.configKind === kind && fact.name === name && fact.namespace === namespace,
    );
  }
}
