/**
 * Facts: what one extractor saw in one file. Plain JSON, so `--dump-facts` and snapshot tests work.
 * Extractors never see other files; linking facts across files is the resolve stage's job.
 */
import type { Evidence } from './location.js';
import type { ExportedValue, FoldedValue } from './value.js';
import type {
  CallGuards,
  GuardWrapperFact,
  MeshPolicyFact,
  MessageFact,
  ModuleGuardFact,
  NestMicroserviceFact,
  NestTransportFact,
  RouteFact,
  RouteMountFact,
  RoutePrefixFact,
  RpcCallFact,
  WrapperRef,
} from './facts-messaging.js';

export type * from './facts-messaging.js';
import type {
  DbAccessFact,
  DbConnectionFact,
  DbForeignKeyFact,
  DbMigrationStepFact,
  DbTableFact,
} from './facts-data.js';

interface FactBase {
  /** Where the fact was seen; `file` is repo-relative POSIX. */
  location: Evidence;
  /** Id of the extractor that produced it (provenance). */
  extractor: string;
}

/** A module import: `import`, `export … from`, `import()`, `require()`. */
export interface ImportFact extends FactBase {
  kind: 'import';
  specifier: string;
  importKind: 'static' | 'dynamic' | 'require' | 'reexport';
  /** `import type` / `export type`: erased at run time, but still source coupling. */
  typeOnly: boolean;
  /**
   * Export names a static `import` reads (`default`, `*` for a namespace, a named export; type-only names left
   * out), so resolve can tell which code of a shared library a service loads. Absent when unknown (`require`).
   */
  names?: string[];
}

/** Top-level declarations a module exports, by line range: which export a call site inside them belongs to. */
export interface ExportRangesFact extends FactBase {
  kind: 'export-ranges';
  exports: { name: string; from: number; to: number }[];
}

/** An outbound synchronous HTTP request made by code. */
export interface HttpCallFact extends FactBase {
  kind: 'http-call';
  /** Client family: `fetch`, `axios`, `got`, `nestjs-http`, … */
  client: string;
  /** Upper-case HTTP method when known (`GET`, `POST`), else null. */
  method: string | null;
  /** The full URL (base URL of an instance joined with the path), constant-folded. */
  url: FoldedValue;
  /** Resilience guards seen around the call in its own file. */
  guards?: CallGuards;
  /** Imported wrappers the call flows through (`withBreaker(() => …)`), checked across files in resolve. */
  wrappers?: WrapperRef[];
  /**
   * Set when the call goes through a client another module exports (`import { api } from './http'`): `client` is
   * `imported` and `url` is the path alone until resolve finds the {@link ExportedClientFact} and joins its base
   * URL; a call whose binding turns out not to be a client is dropped there.
   */
  via?: ClientRef;
  /** Where the exported client instance the call went through was created (set when `via` is linked). */
  through?: Evidence;
}

/** A binding imported from another module that may be a client: export `name` of `specifier`. */
export interface ClientRef {
  specifier: string;
  /** Export name (`default` for a default or CommonJS import). */
  name: string;
  /**
   * `instance` for the exported value itself, `class` for an instance of an exported class, `factory` for what an
   * exported function returns (`createClient(process.env.ORDERS_URL)`).
   */
  shape: 'instance' | 'class' | 'factory';
  /** The factory call's arguments, folded where it is called (`factory` only). */
  args?: FoldedValue[];
}

/**
 * A client a module exports, so calls through it in other files are recognized: an HTTP instance
 * (`export const api = axios.create({ baseURL, timeout })`) or a database client or client class
 * (`export const prisma = new PrismaClient()`, `export class PrismaService extends PrismaClient`).
 */
export interface ExportedClientFact extends FactBase {
  kind: 'exported-client';
  /** Export name; `default` for the default export. */
  name: string;
  shape: 'instance' | 'class' | 'factory';
  protocol: 'http' | 'db';
  /** Client family: `axios`, `got`, `ky`, `prisma`, `pg`, … */
  family: string;
  /** Base URL of an HTTP instance, when it has one. */
  base: FoldedValue | null;
  /** A factory's parameter that is the base URL (`(baseURL) => axios.create({ baseURL })`), by position. */
  baseParam?: number;
  /** Guards configured on an HTTP instance (creation options, `axiosRetry(api)`, `api.defaults.timeout`). */
  guards?: CallGuards;
}

/** A server listening on a port (`app.listen(3000)`), used to map `localhost:PORT` to a service. */
export interface ListenFact extends FactBase {
  kind: 'listen';
  port: FoldedValue;
}

/** A module-level exported constant (`export const config = {…}`, `export default {…}`). */
export interface ExportedValueFact extends FactBase {
  kind: 'exported-value';
  /** Export name; `default` for the default export. */
  name: string;
  value: ExportedValue;
}

/** A package.json. */
export interface PackageFact extends FactBase {
  kind: 'package';
  /** Directory of the package.json, repo-relative (`.` for the root). */
  dir: string;
  name: string | null;
  private: boolean;
  /** `workspaces` globs (array form or `{ packages }` form). */
  workspaces: string[];
  /** Runtime dependency names (`dependencies`). */
  dependencies: string[];
  /** Development dependency names (`devDependencies`). */
  devDependencies: string[];
  /** Script names with their command. */
  scripts: Record<string, string>;
  /** `main`, when present. */
  main: string | null;
  /** Whether the package declares `bin`. */
  hasBin: boolean;
}

/** Workspace globs from `pnpm-workspace.yaml`, `lerna.json` or `rush.json`. */
export interface WorkspaceGlobsFact extends FactBase {
  kind: 'workspace-globs';
  /** Directory that holds the declaring file, repo-relative. */
  dir: string;
  globs: string[];
}

/**
 * Projects a workspace tool declares by folder, for layouts whose applications have no package.json of their own:
 * NestJS `nest-cli.json` in monorepo mode, Nx `project.json` (one project, its own folder), Nx `nx.json` (no
 * projects, marks the workspace root), `workspace.json`/`angular.json` project maps.
 */
export interface WorkspaceProjectsFact extends FactBase {
  kind: 'workspace-projects';
  /** Directory that holds the declaring file, repo-relative. */
  dir: string;
  /** Whether the file makes `dir` a workspace root (a project map, nx.json) rather than a project (project.json). */
  workspaceRoot: boolean;
  projects: DeclaredProject[];
}

/** One project of a {@link WorkspaceProjectsFact}. */
export interface DeclaredProject {
  /** Project name (the key in a project map, `name` in project.json, else the folder name); null when unknown. */
  name: string | null;
  /** Project folder, repo-relative and normalized. */
  root: string;
  /** `e2e` is an end-to-end test project (Nx `*-e2e`, or only an `e2e` target): neither a service nor a library. */
  kind: 'application' | 'library' | 'e2e';
  /** Where it is declared: its key in a project map, `projectType` in project.json. */
  location: Evidence;
}

/** One `KEY=value` (or `KEY: value`) environment entry, from any manifest. */
export interface EnvEntry {
  name: string;
  /** The literal value, when given inline. */
  value: string | null;
  /** `valueFrom` references in Kubernetes. */
  from?: { kind: 'configMap' | 'secret'; name: string; key: string };
  location: Evidence;
}

/** An entry in a `.env`-style file. */
export interface EnvFileFact extends FactBase {
  kind: 'env-file';
  /** Directory that holds the file, repo-relative. */
  dir: string;
  entries: EnvEntry[];
}

/** A published or exposed port mapping. */
export interface PortMapping {
  /** Host port (compose `ports: "3001:3000"` → 3001), when published. */
  published: number | null;
  /** Port inside the container. */
  target: number;
}

/** A compose bind mount of a host path relative to the compose file (`./orders:/usr/app`). */
export interface BindMount {
  /** Host path, repo-relative (it may start with `..` when it leaves the repository). */
  source: string;
  /** Path inside the container, as written. */
  target: string;
  /** The `volumes` entry. */
  location: Evidence;
}

/** A docker-compose service. */
export interface ComposeServiceFact extends FactBase {
  kind: 'compose-service';
  name: string;
  /** Build context directory, repo-relative, when the service is built from source. */
  buildContext: string | null;
  /** Dockerfile path, repo-relative, when given. */
  dockerfile: string | null;
  image: string | null;
  /** Extra DNS names: `container_name`, `hostname`, network `aliases`. */
  hostnames: string[];
  ports: PortMapping[];
  environment: EnvEntry[];
  /** `env_file` paths, repo-relative. */
  envFiles: string[];
  dependsOn: string[];
  /** `working_dir`, as written (a container path). */
  workingDir: string | null;
  /** Bind mounts of relative host paths; named volumes and absolute host paths are left out. */
  bindMounts: BindMount[];
}

/** A Kubernetes workload (Deployment, StatefulSet, DaemonSet, Job, CronJob, Pod). */
export interface K8sWorkloadFact extends FactBase {
  kind: 'k8s-workload';
  workloadKind: string;
  name: string;
  namespace: string;
  /** Pod template labels, matched by Service selectors. */
  podLabels: Record<string, string>;
  containers: {
    name: string;
    image: string | null;
    ports: number[];
    env: EnvEntry[];
    envFrom: { kind: 'configMap' | 'secret'; name: string }[];
  }[];
}

/** A Kubernetes Service. */
export interface K8sServiceFact extends FactBase {
  kind: 'k8s-service';
  name: string;
  namespace: string;
  serviceType: string;
  selector: Record<string, string>;
  ports: { port: number; targetPort: number | null; nodePort: number | null }[];
}

/** A Kubernetes ConfigMap or Secret (Secret values are decoded but never reported). */
export interface K8sConfigFact extends FactBase {
  kind: 'k8s-config';
  configKind: 'configMap' | 'secret';
  name: string;
  namespace: string;
  entries: EnvEntry[];
}

/** A Dockerfile. */
export interface DockerfileFact extends FactBase {
  kind: 'dockerfile';
  /** Directory that holds the Dockerfile, repo-relative. */
  dir: string;
  exposes: number[];
  /** `ENV` entries. */
  environment: EnvEntry[];
  /**
   * Base image of each stage in order, the last one the image's own: a stage name is followed to that stage's base,
   * `$ARG`/`${ARG}` is replaced by the default of an `ARG` before the first `FROM`; null when the name stays unknown.
   */
  baseImages: (string | null)[];
}

/** A tsconfig/jsconfig with module-resolution settings. */
export interface TsconfigFact extends FactBase {
  kind: 'tsconfig';
  dir: string;
  /** `baseUrl`, repo-relative, when set. */
  baseUrl: string | null;
  /** `paths` with targets made repo-relative. */
  paths: Record<string, string[]>;
  /** `extends` as written, when a relative path. */
  extends: string | null;
}

/** Everything an extractor can report. */
export type Fact =
  | ImportFact
  | HttpCallFact
  | ListenFact
  | ExportedValueFact
  | PackageFact
  | WorkspaceGlobsFact
  | WorkspaceProjectsFact
  | EnvFileFact
  | ComposeServiceFact
  | K8sWorkloadFact
  | K8sServiceFact
  | K8sConfigFact
  | DockerfileFact
  | TsconfigFact
  | DbTableFact
  | DbForeignKeyFact
  | DbMigrationStepFact
  | DbConnectionFact
  | DbAccessFact
  | MessageFact
  | RpcCallFact
  | NestTransportFact
  | NestMicroserviceFact
  | ModuleGuardFact
  | GuardWrapperFact
  | MeshPolicyFact
  | RouteFact
  | RouteMountFact
  | RoutePrefixFact
  | ExportedClientFact
  | ExportRangesFact;

export type FactKind = Fact['kind'];
export type FactOf<K extends FactKind> = Extract<Fact, { kind: K }>;
