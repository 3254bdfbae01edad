/** Service discovery: decides which folders are services (deployable units) and which are shared libraries. */
import type { ArchcheckConfig } from '../config/schema.js';
import type {
  AnalysisError,
  Fact,
  FactKind,
  FactOf,
  Inventory,
  Library,
  PackageFact,
  Service,
  ServiceEvidence,
} from '../types/index.js';
import { findDeployables, type Deployable } from './deployables.js';
import { deploymentsOf, hostnamesOf, indexK8sServices } from './hostnames.js';
import { assignUniqueNames, folderName, type NameClaim } from './naming.js';
import { compareStrings, dirnameOf, displayPath, folderExists, normalizeRelative } from './paths.js';
import { findProjects, type DeclaredProjects } from './projects.js';
import { findTestRunners } from './test-runners.js';
import { findWorkspaces, type WorkspaceMembership } from './workspaces.js';

export { ownerLookup, ownerOf, type Owner } from './owner.js';

export interface DiscoverInput {
  /** Facts from every extractor; only manifests (package, workspace, compose, k8s, Dockerfile) are read here. */
  facts: Fact[];
  /** Every walked file, repo-relative: proves configured roots exist and finds code folders without a package.json. */
  files: string[];
  config: ArchcheckConfig;
  /** Repo-relative path of the config file, for config evidence and errors; `.` when unknown or outside the repo. */
  configFile?: string;
}

export interface DiscoverOutput {
  inventory: Inventory;
  errors: AnalysisError[];
}

/** Source files whose folder can be a service even without a package.json of its own. */
const CODE_FILE = /\.(?:[cm]?[jt]s|[jt]sx)$/;

/**
 * Decides the services and libraries of a repository. Deterministic: the same facts give the same inventory,
 * whatever their order. Deploy signals live in deployables.ts, names in naming.ts, DNS names in hostnames.ts; this
 * module applies the config (`services`, `sharedPackages`), declared projects (projects.ts) and the monolith fallback.
 */
export function discoverServices(input: DiscoverInput): DiscoverOutput {
  const { facts, files, config } = input;
  const configFile = input.configFile ?? '.';
  const errors: AnalysisError[] = [];

  const packages = new Map<string, PackageFact>();
  for (const pkg of ofKind(facts, 'package').sort((a, b) => compareStrings(a.location.file, b.location.file))) {
    const dir = normalizeRelative(pkg.dir);
    if (dir !== null && !packages.has(dir)) packages.set(dir, pkg);
  }
  const workspaces = findWorkspaces([...packages.values()], ofKind(facts, 'workspace-globs'));
  errors.push(...workspaces.errors);
  const projects = findProjects(ofKind(facts, 'workspace-projects'), files);
  const workspaceRoots = new Set([...workspaces.roots, ...projects.roots]);
  // End-to-end projects and test-runner packages (`e2e/` running jest against the stack) are neither services nor libraries.
  const testRoots = new Set([...projects.tests, ...findTestRunners(packages)]);

  const configured = configuredServices(config, files, configFile, errors);
  const codeDirs = codeFolders(files);
  const { deployables, errors: deployErrors } = findDeployables({
    packages,
    workspaceRoots,
    configRoots: new Set(configured.keys()),
    projectApps: new Map([...projects.applications].map(([root, project]) => [root, project.name])),
    testProjects: testRoots,
    isLooseCodeFolder: (dir) => codeDirs.has(dir) && !hasPackageAtOrAbove(dir, packages),
    dockerfiles: ofKind(facts, 'dockerfile'),
    compose: sortByLocation(ofKind(facts, 'compose-service')),
    workloads: sortByLocation(ofKind(facts, 'k8s-workload')),
  });
  errors.push(...deployErrors);

  const shared = sharedRoots(config.sharedPackages, packages, files, configFile, errors);
  const serviceRoots = new Map<string, ServiceEvidence[]>();
  for (const [dir, deployable] of deployables) {
    if (!shared.has(dir) || configured.has(dir)) serviceRoots.set(dir, [...deployable.evidence]);
  }
  // A declared application is a service with or without a deploy signal; a signal on its folder adds evidence.
  for (const [root, project] of projects.applications) {
    if (!shared.has(root) || configured.has(root)) serviceRoots.set(root, [...(serviceRoots.get(root) ?? []), project.evidence]);
  }
  for (const [root, name] of configured) {
    if (shared.has(root)) {
      const message = `${displayPath(root)} is both in \`sharedPackages\` and service ${displayPath(name)}; taken as a service`;
      errors.push(configError(configFile, 'conflicting-config', message));
    }
    const evidence = serviceRoots.get(root) ?? [];
    const detail = `service ${displayPath(name)} in the config \`services\``;
    evidence.push({ file: configFile, line: 1, kind: 'config', detail });
    serviceRoots.set(root, evidence);
  }
  const rootPackage = packages.get('.');
  if (serviceRoots.size === 0 && rootPackage !== undefined && !workspaceRoots.has('.') && !shared.has('.')) {
    // Nothing else deploys: the repository is a monolith and its root package the one service.
    const detail = 'no other deployable folder; the root package is the single service';
    serviceRoots.set('.', [{ file: rootPackage.location.file, line: 1, kind: 'root-package', detail }]);
  }

  const services = buildServices(serviceRoots, deployables, configured, projects, packages, facts, errors);
  const libraries = buildLibraries(workspaces.members, shared, serviceRoots, projects, testRoots, packages, configFile, errors);
  errors.sort(
    (a, b) =>
      compareStrings(a.file, b.file) ||
      (a.line ?? 0) - (b.line ?? 0) ||
      compareStrings(a.code, b.code) ||
      compareStrings(a.message, b.message),
  );
  return { inventory: { services, libraries }, errors };
}

function buildServices(
  roots: Map<string, ServiceEvidence[]>,
  deployables: Map<string, Deployable>,
  configured: Map<string, string>,
  projects: DeclaredProjects,
  packages: Map<string, PackageFact>,
  facts: Fact[],
  errors: AnalysisError[],
): Service[] {
  const k8sServices = indexK8sServices(ofKind(facts, 'k8s-service'));
  const claims: NameClaim[] = [];
  for (const root of roots.keys()) {
    const deployable = deployables.get(root);
    const composeNames = unique((deployable?.compose ?? []).map((fact) => fact.name));
    const workloadNames = unique((deployable?.workloads ?? []).map((fact) => fact.name));
    const configName = configured.get(root);
    const projectName = projects.applications.get(root)?.name ?? null;
    // The compose name is the hostname other services call it by, so it beats the project and package names.
    if (configName !== undefined) claims.push({ root, name: configName, source: 'config' });
    else if (composeNames.length === 1) claims.push({ root, name: composeNames[0] ?? '', source: 'compose' });
    else if (workloadNames.length === 1) claims.push({ root, name: workloadNames[0] ?? '', source: 'k8s' });
    else if (projectName !== null) claims.push({ root, name: projectName, source: 'project' });
    else claims.push({ root, ...folderName(root, packages.get(root)?.name ?? null) });
  }
  const { names, errors: nameErrors } = assignUniqueNames(claims, 'service');
  errors.push(...nameErrors);
  const services = [...roots].map(([root, evidence]): Service => {
    const compose = deployables.get(root)?.compose ?? [];
    const workloads = deployables.get(root)?.workloads ?? [];
    return {
      name: names.get(root) ?? root,
      root,
      packageName: packages.get(root)?.name ?? null,
      hostnames: hostnamesOf(compose, workloads, k8sServices),
      deployments: deploymentsOf(compose, workloads),
      evidence: sortEvidence(evidence),
    };
  });
  return services.sort((a, b) => compareStrings(a.name, b.name));
}

function buildLibraries(
  members: Map<string, WorkspaceMembership>,
  shared: Set<string>,
  serviceRoots: Map<string, ServiceEvidence[]>,
  projects: DeclaredProjects,
  testRoots: Set<string>,
  packages: Map<string, PackageFact>,
  configFile: string,
  errors: AnalysisError[],
): Library[] {
  const evidenceByRoot = new Map<string, ServiceEvidence[]>();
  const add = (root: string, evidence: ServiceEvidence): void => {
    if (serviceRoots.has(root)) return;
    evidenceByRoot.set(root, [...(evidenceByRoot.get(root) ?? []), evidence]);
  };
  for (const [dir, membership] of members) {
    if (testRoots.has(dir)) continue;
    const file = packages.get(dir)?.location.file ?? dir;
    const declared = `${displayPath(membership.glob)} in ${displayPath(membership.declaredIn)}`;
    add(dir, { file, line: 1, kind: 'workspace', detail: `workspace package (${declared}) with no deploy signal` });
  }
  for (const [root, project] of projects.libraries) add(root, project.evidence);
  for (const dir of shared) {
    add(dir, { file: configFile, line: 1, kind: 'config', detail: 'listed in the config `sharedPackages`' });
  }

  const roots = [...evidenceByRoot.keys()];
  const claims = roots.map((root): NameClaim => {
    const projectName = projects.libraries.get(root)?.name ?? null;
    return projectName === null ? { root, ...folderName(root, packages.get(root)?.name ?? null) } : { root, name: projectName, source: 'project' };
  });
  const { names, errors: nameErrors } = assignUniqueNames(claims, 'library');
  errors.push(...nameErrors);
  return roots
    .map((root): Library => ({
      name: names.get(root) ?? root,
      root,
      packageName: packages.get(root)?.name ?? null,
      evidence: sortEvidence(evidenceByRoot.get(root) ?? []),
    }))
    .sort((a, b) => compareStrings(a.name, b.name));
}

/** Config `services` as root → name; roots that are not folders of the repository are reported and dropped. */
function configuredServices(
  config: ArchcheckConfig,
  files: string[],
  configFile: string,
  errors: AnalysisError[],
): Map<string, string> {
  const byRoot = new Map<string, string>();
  const entries = Object.entries(config.services ?? {}).sort(([a], [b]) => compareStrings(a, b));
  for (const [name, value] of entries) {
    const written = typeof value === 'string' ? value : value.root;
    const root = normalizeRelative(written);
    if (root === null || !folderExists(root, files)) {
      const message = `Service ${displayPath(name)} has root ${displayPath(written)}, which is not a folder of the repository; ignored`;
      errors.push(configError(configFile, 'unknown-service-root', message));
      continue;
    }
    const other = byRoot.get(root);
    if (other !== undefined) {
      const message = `Services ${displayPath(other)} and ${displayPath(name)} share the root ${displayPath(root)}; ${displayPath(name)} is ignored`;
      errors.push(configError(configFile, 'duplicate-service-root', message));
      continue;
    }
    byRoot.set(root, name);
  }
  return byRoot;
}

/** Folders named by `sharedPackages`, by package name or by folder path. */
function sharedRoots(
  entries: string[],
  packages: Map<string, PackageFact>,
  files: string[],
  configFile: string,
  errors: AnalysisError[],
): Set<string> {
  const roots = new Set<string>();
  for (const entry of entries) {
    let matched = false;
    for (const [dir, pkg] of packages) {
      if (pkg.name === entry) {
        roots.add(dir);
        matched = true;
      }
    }
    const dir = normalizeRelative(entry);
    if (dir !== null && dir !== '.' && (packages.has(dir) || folderExists(dir, files))) {
      roots.add(dir);
      matched = true;
    }
    if (!matched) {
      const message = `\`sharedPackages\` entry ${displayPath(entry)} names no package or folder of the repository`;
      errors.push(configError(configFile, 'unknown-shared-package', message));
    }
  }
  return roots;
}

/** Every folder that holds a JS/TS source file, at any depth. */
function codeFolders(files: string[]): Set<string> {
  const dirs = new Set<string>();
  for (const file of files) {
    if (!CODE_FILE.test(file)) continue;
    for (let dir = dirnameOf(file); !dirs.has(dir); dir = dirnameOf(dir)) {
      dirs.add(dir);
      if (dir === '.') break;
    }
  }
  return dirs;
}

function hasPackageAtOrAbove(dir: string, packages: Map<string, PackageFact>): boolean {
  for (let current = dir; ; current = dirnameOf(current)) {
    if (packages.has(current)) return true;
    if (current === '.') return false;
  }
}

function ofKind<K extends FactKind>(facts: Fact[], kind: K): FactOf<K>[] {
  return facts.filter((fact): fact is FactOf<K> => fact.kind === kind);
}

function sortByLocation<T extends { location: { file: string; line: number } }>(list: T[]): T[] {
  return list.sort((a, b) => compareStrings(a.location.file, b.location.file) || a.location.line - b.location.line);
}

function sortEvidence(evidence: ServiceEvidence[]): ServiceEvidence[] {
  const unique = new Map(evidence.map((item) => [JSON.stringify([item.file, item.line, item.kind, item.detail]), item]));
  return [...unique.values()].sort(
    (a, b) => compareStrings(a.file, b.file) || a.line - b.line || compareStrings(a.kind, b.kind) || compareStrings(a.detail, b.detail),
  );
}

function unique(values: string[]): string[] {
  return [...new Set(values)].sort(compareStrings);
}

function configError(file: string, code: string, message: string): AnalysisError {
  return { file, stage: 'config', code, message };
}
