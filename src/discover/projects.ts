/** Projects that workspace tools declare by folder (NestJS monorepo, Nx): applications, libraries, test projects. */
import type { ServiceEvidence, WorkspaceProjectsFact } from '../types/index.js';
import { unscopedName } from './naming.js';
import { compareStrings, dirnameOf, displayPath, isWithin, normalizeRelative } from './paths.js';

/** One declared project. */
export interface ProjectDeclaration {
  /** The project's name, unscoped (`@acme/api` → `api`), when its file gives one. */
  name: string | null;
  evidence: ServiceEvidence;
}

export interface DeclaredProjects {
  /** Application root → declaration: a service even without a deploy signal. */
  applications: Map<string, ProjectDeclaration>;
  /** Library root → declaration. */
  libraries: Map<string, ProjectDeclaration>;
  /** Roots of end-to-end test projects: neither services nor libraries unless the config says so. */
  tests: Set<string>;
  /**
   * Folders whose project map (nest-cli.json, workspace.json, angular.json) or nx.json declares applications below
   * them: like workspace roots, never services on their own, whatever their package.json, Dockerfile or compose say.
   */
  roots: Set<string>;
}

/**
 * Collects the declared projects whose folder exists. A folder declared twice keeps its first declaration in file
 * order, so the result does not depend on the order facts arrive in.
 */
export function findProjects(facts: WorkspaceProjectsFact[], files: readonly string[]): DeclaredProjects {
  const applications = new Map<string, ProjectDeclaration>();
  const libraries = new Map<string, ProjectDeclaration>();
  const tests = new Set<string>();
  const seen = new Set<string>();
  const folders = facts.length === 0 ? new Set<string>() : foldersOf(files);
  const sorted = [...facts].sort((a, b) => compareStrings(a.location.file, b.location.file) || a.location.line - b.location.line);
  for (const fact of sorted) {
    for (const project of fact.projects) {
      const root = normalizeRelative(project.root);
      if (root === null || seen.has(root) || !folders.has(root)) continue;
      seen.add(root);
      if (project.kind === 'e2e') {
        tests.add(root);
        continue;
      }
      const { file, line, snippet } = project.location;
      const shown = project.name === null ? `at ${displayPath(root)}` : displayPath(project.name);
      const detail = `${project.kind} project ${shown} in ${displayPath(file)}`;
      const evidence: ServiceEvidence = { file, line, ...(snippet === undefined ? {} : { snippet }), kind: 'workspace', detail };
      // Nx projects may be named after their package (`@acme/api`); services and libraries go by the unscoped name.
      const name = project.name === null || unscopedName(project.name) === '' ? null : unscopedName(project.name);
      (project.kind === 'application' ? applications : libraries).set(root, { name, evidence });
    }
  }
  const roots = new Set<string>();
  const appRoots = [...applications.keys()];
  for (const fact of sorted) {
    const dir = normalizeRelative(fact.dir);
    if (!fact.workspaceRoot || dir === null) continue;
    if (appRoots.some((root) => root !== dir && isWithin(root, dir))) roots.add(dir);
  }
  return { applications, libraries, tests, roots };
}

/** Every folder that holds a walked file, at any depth, and the root. */
function foldersOf(files: readonly string[]): Set<string> {
  const folders = new Set<string>(['.']);
  for (const file of files) {
    for (let dir = dirnameOf(file); !folders.has(dir); dir = dirnameOf(dir)) folders.add(dir);
  }
  return folders;
}
