/** Workspace membership: which package folders the workspace globs (package.json, pnpm, lerna) take in. */
import picomatch from 'picomatch';
import type { AnalysisError, PackageFact, WorkspaceGlobsFact } from '../types/index.js';
import { compareStrings, displayPath, isWithin, normalizeRelative, relativeTo } from './paths.js';

/** The glob and the declaring file that made a folder a workspace package. */
export interface WorkspaceMembership {
  glob: string;
  declaredIn: string;
}

export interface Workspaces {
  /** Folders that declare workspaces: never services on their own. */
  roots: Set<string>;
  /** Member package folder → why it is a member. */
  members: Map<string, WorkspaceMembership>;
  errors: AnalysisError[];
}

interface Declaration {
  dir: string;
  file: string;
  globs: string[];
}

/**
 * Expands workspace globs against the folders that hold a package.json. Each package folder is tested against the
 * globs (compiled once), so a glob that matches thousands of folders costs one test per folder and no walk.
 * `!` negations remove matches of the same declaring file.
 */
export function findWorkspaces(packages: PackageFact[], globFacts: WorkspaceGlobsFact[]): Workspaces {
  const declarations: Declaration[] = [
    ...packages.filter((pkg) => pkg.workspaces.length > 0).map((pkg) => ({ dir: pkg.dir, file: pkg.location.file, globs: pkg.workspaces })),
    ...globFacts.map((fact) => ({ dir: fact.dir, file: fact.location.file, globs: fact.globs })),
  ];
  // Facts arrive in file order; sorting makes "first declaration wins" independent of it.
  declarations.sort((a, b) => compareStrings(a.dir, b.dir) || compareStrings(a.file, b.file));
  const roots = new Set(declarations.map((declaration) => normalizeRelative(declaration.dir) ?? '.'));
  const members = new Map<string, WorkspaceMembership>();
  const errors: AnalysisError[] = [];

  for (const declaration of declarations) {
    const base = normalizeRelative(declaration.dir) ?? '.';
    const positive: { glob: string; test: (path: string) => boolean }[] = [];
    const negative: ((path: string) => boolean)[] = [];
    for (const raw of declaration.globs) {
      const negated = raw.startsWith('!');
      const glob = cleanGlob(negated ? raw.slice(1) : raw);
      if (glob === null) continue;
      let test: (path: string) => boolean;
      try {
        test = picomatch(glob);
      } catch {
        errors.push({
          file: declaration.file,
          stage: 'discover',
          code: 'invalid-workspace-glob',
          message: `Workspace glob ${displayPath(raw)} in ${displayPath(declaration.file)} is not a valid glob; ignored`,
        });
        continue;
      }
      if (negated) negative.push(test);
      else positive.push({ glob: raw, test });
    }
    for (const pkg of packages) {
      const dir = normalizeRelative(pkg.dir) ?? '.';
      if (dir === base || !isWithin(dir, base) || members.has(dir)) continue;
      const relative = relativeTo(dir, base);
      const hit = positive.find((candidate) => candidate.test(relative));
      if (hit === undefined || negative.some((test) => test(relative))) continue;
      members.set(dir, { glob: hit.glob, declaredIn: declaration.file });
    }
  }
  return { roots, members, errors };
}

/** `./packages/*\/` → `packages/*`; a trailing `/package.json` names the folder. Null for an empty glob. */
function cleanGlob(glob: string): string | null {
  let cleaned = glob.trim().replace(/^(\.\/)+/, '');
  if (cleaned.endsWith('/package.json')) cleaned = cleaned.slice(0, -'/package.json'.length);
  while (cleaned.endsWith('/')) cleaned = cleaned.slice(0, -1);
  return cleaned === '' || cleaned === '.' ? null : cleaned;
}
