/** The repository walk: every wanted file under the root, honouring .gitignore files and config ignores. */
import { readdirSync, readFileSync, type Dirent } from 'node:fs';
import { join } from 'node:path';
import ignore from 'ignore';
import type { AnalysisError } from '../types/index.js';
import { compareStrings, dirnameOf, displayPath, joinRelative, relativeTo } from './paths.js';

/** Folders never worth reading: version-control metadata and installed dependencies. */
const ALWAYS_SKIPPED = new Set(['.git', '.hg', '.svn', 'node_modules']);

export interface WalkOptions {
  /** Extra globs in gitignore syntax (config `ignore`); they apply on top of, and cannot be undone by, .gitignore. */
  ignore: string[];
  /** Whether a file (repo-relative POSIX path) should be returned; unwanted files are simply left out. */
  isWanted(path: string): boolean;
}

export interface WalkResult {
  /** Wanted files, repo-relative POSIX paths, sorted by code unit. */
  files: string[];
  errors: AnalysisError[];
  /**
   * `ignored`: entries (files or whole folders, counted once) excluded by .gitignore or `options.ignore`;
   * the always-skipped `.git`, `.hg`, `.svn` and `node_modules` are not counted.
   * `symlinks`: symbolic links seen and not followed.
   */
  skipped: { ignored: number; symlinks: number };
}

/** The rules of one .gitignore, anchored at the folder that holds it. */
interface IgnoreLayer {
  base: string;
  rules: ignore.Ignore;
}

interface PendingDir {
  /** Repo-relative folder, `.` for the root. */
  dir: string;
  /** .gitignore layers that apply here, shallowest first. */
  layers: IgnoreLayer[];
}

/**
 * Lists the repository's wanted files. Synchronous and iterative (an explicit stack), so a very deep tree cannot
 * overflow the call stack; symlinks are never followed, so loops and links out of the root are harmless.
 * Problems (an unreadable folder or .gitignore) become errors and the walk goes on.
 */
export function walkRepository(root: string, options: WalkOptions): WalkResult {
  // Case-sensitive like git on Linux; the config globs use the same syntax and engine as .gitignore.
  const configRules = ignore({ ignorecase: false }).add(options.ignore);
  const files: string[] = [];
  const errors: AnalysisError[] = [];
  const skipped = { ignored: 0, symlinks: 0 };
  const stack: PendingDir[] = [{ dir: '.', layers: [] }];

  for (let next = stack.pop(); next !== undefined; next = stack.pop()) {
    const { dir } = next;
    const absolute = dir === '.' ? root : join(root, dir);
    let entries: Dirent[];
    try {
      entries = readdirSync(absolute, { withFileTypes: true });
    } catch (error) {
      errors.push(walkError(dir, 'unreadable-directory', `Could not read folder ${displayPath(dir)} (${errorCode(error)}); its files are left out`));
      continue;
    }

    const layers = withGitignore(next.layers, dir, absolute, entries, errors);
    for (const entry of entries) {
      const name = entry.name;
      if (ALWAYS_SKIPPED.has(name)) continue;
      const path = joinRelative(dir, name);
      if (entry.isSymbolicLink()) {
        skipped.symlinks++;
        continue;
      }
      const isDirectory = entry.isDirectory();
      // Sockets, FIFOs and devices hold no source; reading a FIFO would even block.
      if (!isDirectory && !entry.isFile()) continue;
      if (isIgnored(path, isDirectory, configRules, layers)) {
        skipped.ignored++;
        continue;
      }
      if (isDirectory) stack.push({ dir: path, layers });
      else if (options.isWanted(path)) files.push(path);
    }
  }

  files.sort(compareStrings);
  errors.sort((a, b) => compareStrings(a.file, b.file));
  return { files, errors, skipped };
}

/** The layers for a folder's subtree: the parent's, plus the folder's own .gitignore when it has a readable one. */
function withGitignore(
  parent: IgnoreLayer[],
  dir: string,
  absolute: string,
  entries: Dirent[],
  errors: AnalysisError[],
): IgnoreLayer[] {
  // A symlinked .gitignore is not followed: git itself refuses to read one.
  const hasGitignore = entries.some((entry) => entry.name === '.gitignore' && entry.isFile());
  if (!hasGitignore) return parent;
  const path = joinRelative(dir, '.gitignore');
  try {
    const text = readFileSync(join(absolute, '.gitignore'), 'utf8');
    return [...parent, { base: dir, rules: ignore({ ignorecase: false }).add(text) }];
  } catch (error) {
    errors.push(walkError(path, 'unreadable-file', `Could not read ${displayPath(path)} (${errorCode(error)}); its rules are not applied`));
    return parent;
  }
}

/**
 * Git's precedence: config globs always exclude; then the deepest .gitignore with a matching rule decides (a
 * nested file can re-include what a parent excluded), and within one file the last matching rule wins.
 */
function isIgnored(path: string, isDirectory: boolean, configRules: ignore.Ignore, layers: IgnoreLayer[]): boolean {
  // A trailing slash lets directory-only patterns (`dist/`) match folders and only folders.
  const suffix = isDirectory ? '/' : '';
  if (configRules.ignores(path + suffix)) return true;
  for (let i = layers.length - 1; i >= 0; i--) {
    const layer = layers[i];
    if (layer === undefined) continue;
    const relative = relativeTo(path, layer.base);
    const verdict = layer.rules.test(relative + suffix);
    if (verdict.unignored) return false;
    if (!verdict.ignored) continue;
    // `ignore` also reports a path as ignored when this layer excludes a parent folder. We only got here because a
    // deeper .gitignore re-included that folder (`!logs/`), and git then judges each entry by its own name only,
    // which `ignore` cannot do: so this layer has no say inside that folder.
    const parent = dirnameOf(relative);
    if (parent !== '.' && layer.rules.test(`${parent}/`).ignored) continue;
    return true;
  }
  return false;
}

function walkError(file: string, code: string, message: string): AnalysisError {
  return { file, stage: 'walk', code, message };
}

/** The errno code (`EACCES`) of a failed fs call, else a generic word; never the raw message with its absolute path. */
export function errorCode(error: unknown): string {
  if (error instanceof Error && 'code' in error && typeof error.code === 'string') return error.code;
  return 'unknown error';
}
