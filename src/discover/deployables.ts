/** Deploy signals: which folders compose, Kubernetes, Dockerfiles, layout or server dependencies mark as deployable. */
import type {
  AnalysisError,
  ComposeServiceFact,
  DockerfileFact,
  K8sWorkloadFact,
  PackageFact,
  ServiceEvidence,
} from '../types/index.js';
import { isInfrastructureBuild, isInfrastructureImage } from './images.js';
import { mountedCode } from './mounts.js';
import { imageBaseName, nameMatchScore, unscopedName } from './naming.js';
import { basenameOf, compareStrings, dirnameOf, displayPath, isWithin, joinRelative, normalizeRelative } from './paths.js';

/** Parent folders whose children are deployables by convention. */
const LAYOUT_FOLDERS = new Set(['services', 'apps', 'microservices', 'backend']);

/** Runtime dependencies that make a package with a `start` script a server. */
export const SERVER_FRAMEWORKS = [
  'express',
  'fastify',
  '@nestjs/core',
  'koa',
  '@hapi/hapi',
  'hono',
  'restify',
  '@nestjs/microservices',
  'next',
];

/** What discovery knows about the repository before deciding. */
export interface DeployContext {
  /** package.json facts by normalized folder. */
  packages: Map<string, PackageFact>;
  /** Folders that declare workspaces. */
  workspaceRoots: Set<string>;
  /** Roots given in config `services` (already normalized and known to exist). */
  configRoots: Set<string>;
  /** Roots of declared application projects (Nest monorepo, Nx) → project name; deployable without a package.json. */
  projectApps: Map<string, string | null>;
  /** Roots of declared end-to-end test projects and test-runner packages: never deployable unless configured. */
  testProjects: Set<string>;
  /** Whether a folder without a package.json holds JS/TS code that no enclosing package owns. */
  isLooseCodeFolder(dir: string): boolean;
  dockerfiles: DockerfileFact[];
  compose: ComposeServiceFact[];
  workloads: K8sWorkloadFact[];
}

/** A folder with at least one deploy signal, and the deployment units that run it. */
export interface Deployable {
  dir: string;
  evidence: ServiceEvidence[];
  compose: ComposeServiceFact[];
  workloads: K8sWorkloadFact[];
}

/**
 * Collects deploy signals per folder. First the signals that name a folder directly (Dockerfile, compose build
 * path, code mounted into a runtime image, layout, server dependency); then the ones that name it only by image or
 * service name, matched against package folders, configured roots and the folders found so far. A folder whose
 * Dockerfiles only configure a server image (`FROM mongo:5` plus init scripts) is infrastructure, never deployable.
 */
export function findDeployables(ctx: DeployContext): { deployables: Map<string, Deployable>; errors: AnalysisError[] } {
  const found = new Map<string, Deployable>();
  const errors: AnalysisError[] = [];
  const infrastructure = infrastructureBuilds(ctx);
  const eligible = (dir: string): boolean =>
    ctx.configRoots.has(dir) ||
    (!ctx.testProjects.has(dir) &&
      (ctx.projectApps.has(dir) ||
        (!ctx.workspaceRoots.has(dir) && !infrastructure.dirs.has(dir) && (ctx.packages.has(dir) || ctx.isLooseCodeFolder(dir)))));
  const entry = (dir: string): Deployable => {
    let deployable = found.get(dir);
    if (deployable === undefined) {
      deployable = { dir, evidence: [], compose: [], workloads: [] };
      found.set(dir, deployable);
    }
    return deployable;
  };

  for (const fact of ctx.dockerfiles) {
    const dir = normalizeRelative(fact.dir);
    if (dir === null || !eligible(dir) || infrastructure.files.has(fact.location.file)) continue;
    entry(dir).evidence.push({ file: fact.location.file, line: 1, kind: 'dockerfile', detail: `Dockerfile in ${displayPath(dir)}` });
  }

  const unresolvedBuilds: ComposeServiceFact[] = [];
  for (const fact of ctx.compose) {
    if (fact.buildContext === null && fact.dockerfile === null) continue;
    // A database or proxy image built with its init scripts is infrastructure, whatever folder or name it has.
    if (infrastructure.files.has(builtDockerfile(fact) ?? '')) continue;
    const dir = resolveBuild(fact, eligible);
    if (dir === null) {
      unresolvedBuilds.push(fact);
      continue;
    }
    const target = entry(dir);
    target.evidence.push({ ...fact.location, kind: 'compose-build', detail: `${composeLabel(fact)} builds ${displayPath(dir)}` });
    target.compose.push(fact);
  }

  const linked = new Set<ComposeServiceFact>();
  for (const fact of ctx.compose) {
    const mounted = mountedCode(fact, eligible);
    if (mounted === null) continue;
    const target = entry(mounted.dir);
    const where = `${displayPath(mounted.dir)} mounted at ${displayPath(mounted.mount.target)}`;
    const detail = `${composeLabel(fact)} runs image ${displayPath(fact.image ?? '')} with ${where}`;
    target.evidence.push({ ...mounted.mount.location, kind: 'compose-build', detail });
    target.compose.push(fact);
    linked.add(fact);
  }

  for (const [dir, pkg] of ctx.packages) {
    if (!eligible(dir)) continue;
    const at = { file: pkg.location.file, line: 1 };
    const parent = dirnameOf(dir);
    if (dir !== '.' && LAYOUT_FOLDERS.has(basenameOf(parent)) && (dirnameOf(parent) === '.' || ctx.workspaceRoots.has(dirnameOf(parent)))) {
      entry(dir).evidence.push({ ...at, kind: 'layout', detail: `package in the ${displayPath(parent)}/* layout` });
    }
    const frameworks = SERVER_FRAMEWORKS.filter((name) => pkg.dependencies.includes(name));
    const runner = runScript(pkg.scripts);
    if (frameworks.length > 0 && runner !== null) {
      entry(dir).evidence.push({ ...at, kind: 'server-dependency', detail: `depends on ${frameworks.join(', ')} and has a ${runner} script` });
    }
  }

  // Folders that an image or service name may refer to; the ones with a direct signal win ties.
  // Snapshotted so that a match made below cannot change how later matches break ties.
  const direct = new Set(found.keys());
  const pool = [...new Set([...ctx.packages.keys(), ...ctx.configRoots, ...ctx.projectApps.keys(), ...direct])]
    .filter(eligible)
    .sort(compareStrings);
  const namesOf = (dir: string): (string | null)[] => {
    const packageName = ctx.packages.get(dir)?.name ?? null;
    return [dir === '.' ? null : basenameOf(dir), packageName === null ? null : unscopedName(packageName), ctx.projectApps.get(dir) ?? null];
  };
  const byName = (name: string): string | 'ambiguous' | null => bestMatch(name, pool, namesOf, direct);

  for (const fact of unresolvedBuilds) {
    const dir = byName(fact.name);
    if (dir === 'ambiguous') errors.push(ambiguity(fact.location, `compose service ${displayPath(fact.name)}`));
    if (dir === null || dir === 'ambiguous') continue;
    const target = entry(dir);
    const detail = `${composeLabel(fact)} builds from ${buildLabel(fact)}; matched by its name`;
    target.evidence.push({ ...fact.location, kind: 'compose-build', detail });
    target.compose.push(fact);
  }

  for (const fact of ctx.compose) {
    if (fact.buildContext !== null || fact.dockerfile !== null || fact.image === null || linked.has(fact)) continue;
    if (isInfrastructureImage(fact.image)) continue;
    const base = imageBaseName(fact.image);
    const dir = base === null ? null : byName(base);
    if (dir === 'ambiguous') errors.push(ambiguity(fact.location, `image ${displayPath(fact.image)}`));
    if (dir === null || dir === 'ambiguous') continue;
    // Compose images have no evidence kind of their own; `compose-build` is the compose one, the detail says "runs".
    const target = entry(dir);
    target.evidence.push({ ...fact.location, kind: 'compose-build', detail: `${composeLabel(fact)} runs image ${displayPath(fact.image)}` });
    target.compose.push(fact);
    linked.add(fact);
  }

  // A stock image whose mounts name no code folder (`image: node:22`, `env_file: ./services/x/.env`) runs the
  // folder its env_file lies in, or the one its name equals; it only links to folders already found deployable.
  for (const fact of ctx.compose) {
    if (fact.buildContext !== null || fact.dockerfile !== null || linked.has(fact)) continue;
    const dir = bindMountedFolder(fact, [...direct].sort(compareStrings));
    if (dir === null) continue;
    const target = entry(dir);
    const image = fact.image === null ? 'no image' : `image ${displayPath(fact.image)}`;
    target.evidence.push({ ...fact.location, kind: 'compose-build', detail: `${composeLabel(fact)} runs ${image} for ${displayPath(dir)}` });
    target.compose.push(fact);
  }

  for (const fact of ctx.workloads) {
    for (const container of fact.containers) {
      if (container.image === null || isInfrastructureImage(container.image)) continue;
      const base = imageBaseName(container.image);
      const dir = base === null ? null : byName(base);
      if (dir === 'ambiguous') errors.push(ambiguity(fact.location, `image ${displayPath(container.image ?? '')}`));
      if (dir === null || dir === 'ambiguous') continue;
      const target = entry(dir);
      const where = `${fact.workloadKind} ${displayPath(fact.namespace || 'default')}/${displayPath(fact.name)}`;
      target.evidence.push({ ...fact.location, kind: 'k8s-workload', detail: `${where} runs image ${displayPath(container.image ?? '')}` });
      if (!target.workloads.includes(fact)) target.workloads.push(fact);
    }
  }
  return { deployables: found, errors };
}

/**
 * The script that runs the package as a process: `start` first, then `start:*`, `serve`, `dev` (many services are
 * only ever run through `nodemon` in a `dev` script, in compose or by hand). Null for packages nothing runs.
 */
export function runScript(scripts: Record<string, string>): string | null {
  if (scripts['start'] !== undefined) return 'start';
  const names = Object.keys(scripts).sort(compareStrings);
  return names.find((name) => name.startsWith('start:')) ?? (scripts['serve'] !== undefined ? 'serve' : null) ?? (scripts['dev'] !== undefined ? 'dev' : null);
}

/**
 * Dockerfiles that only configure a server image, by path, and the folders (not configured or declared as an
 * application) whose Dockerfiles all do.
 */
function infrastructureBuilds(ctx: DeployContext): { files: Set<string>; dirs: Set<string> } {
  const files = new Set<string>();
  const allInfrastructure = new Map<string, boolean>();
  for (const fact of ctx.dockerfiles) {
    const dir = normalizeRelative(fact.dir);
    if (dir === null || ctx.configRoots.has(dir) || ctx.projectApps.has(dir)) continue;
    const infrastructure = isInfrastructureBuild(fact.baseImages);
    if (infrastructure) files.add(fact.location.file);
    allInfrastructure.set(dir, (allInfrastructure.get(dir) ?? true) && infrastructure);
  }
  return { files, dirs: new Set([...allInfrastructure].filter(([, all]) => all).map(([dir]) => dir)) };
}

/** The Dockerfile a compose build uses: the one given, else `Dockerfile` in the context. */
function builtDockerfile(fact: ComposeServiceFact): string | null {
  if (fact.dockerfile !== null) return normalizeRelative(fact.dockerfile);
  const context = fact.buildContext === null ? null : normalizeRelative(fact.buildContext);
  return context === null ? null : joinRelative(context, 'Dockerfile');
}

/** The deepest deployable folder holding one of the service's env_files, else the one named like the service. */
function bindMountedFolder(fact: ComposeServiceFact, deployables: string[]): string | null {
  for (const envFile of fact.envFiles) {
    const path = normalizeRelative(envFile);
    if (path === null) continue;
    const holder = deployables.filter((dir) => dir !== '.' && isWithin(path, dir)).sort((a, b) => b.length - a.length)[0];
    if (holder !== undefined) return holder;
  }
  const named = deployables.filter((dir) => basenameOf(dir) === fact.name);
  return named.length === 1 ? (named[0] ?? null) : null;
}

/**
 * The folder a compose build stands for: the Dockerfile's folder, or the nearest eligible folder above it inside the
 * build context (`context: .` with `dockerfile: services/orders/Dockerfile` builds `services/orders`), else the
 * context itself when eligible. Null when neither names a code folder (a root that only holds workspaces, nginx).
 */
function resolveBuild(fact: ComposeServiceFact, eligible: (dir: string) => boolean): string | null {
  const context = fact.buildContext === null ? null : normalizeRelative(fact.buildContext);
  const dockerfile = fact.dockerfile === null ? null : normalizeRelative(fact.dockerfile);
  if (dockerfile !== null) {
    let dir = dirnameOf(dockerfile);
    const stop = context !== null && isWithin(dir, context) ? context : dir;
    for (;;) {
      if (eligible(dir)) return dir;
      if (dir === stop || dir === '.') break;
      dir = dirnameOf(dir);
    }
  }
  return context !== null && eligible(context) ? context : null;
}

/**
 * The one folder whose name (folder name, unscoped package name or declared project name) best matches `name`: exact
 * beats suffix-trimmed, then a folder with a direct deploy signal beats one without. Several left → ambiguous, so
 * nothing is guessed.
 */
function bestMatch(
  name: string,
  pool: string[],
  namesOf: (dir: string) => (string | null)[],
  direct: Set<string>,
): string | 'ambiguous' | null {
  let best: string[] = [];
  let bestScore = 0;
  for (const dir of pool) {
    const score = Math.max(0, ...namesOf(dir).map((candidate) => (candidate === null ? 0 : nameMatchScore(name, candidate))));
    if (score === 0 || score < bestScore) continue;
    if (score > bestScore) best = [];
    bestScore = score;
    best.push(dir);
  }
  if (best.length > 1) {
    const signalled = best.filter((dir) => direct.has(dir));
    if (signalled.length > 0) best = signalled;
  }
  if (best.length === 0) return null;
  return best.length === 1 ? (best[0] ?? null) : 'ambiguous';
}

function composeLabel(fact: ComposeServiceFact): string {
  return `${displayPath(basenameOf(fact.location.file))} service ${displayPath(fact.name)}`;
}

function buildLabel(fact: ComposeServiceFact): string {
  const context = displayPath(fact.buildContext ?? '.');
  return fact.dockerfile === null ? context : `${context} with ${displayPath(fact.dockerfile)}`;
}

function ambiguity(location: { file: string; line: number }, what: string): AnalysisError {
  return {
    file: location.file,
    line: location.line,
    stage: 'discover',
    code: 'ambiguous-deployment',
    message: `${what} matches several folders equally well; not linked to any (name it in the config \`services\`)`,
  };
}
