/**
 * Projects declared by folder → WorkspaceProjectsFact: NestJS `nest-cli.json` in monorepo mode, Nx `project.json` and
 * `nx.json`, and `workspace.json`/`angular.json` project maps. All are read as JSONC, as their tools do.
 */
import type { DeclaredProject, Extractor, ExtractOutput, SourceFile, WorkspaceProjectsFact } from '../../types/index.js';
import { LineIndex } from '../shared/lines.js';
import { parseJsonLocated } from './json.js';
import { blankJsonc } from './jsonc.js';
import { findKeyPath, findTopLevelKey } from './json-locate.js';
import { baseName, dirOf, hasDirSegment, isRemoteRef, resolveFrom } from './paths.js';
import { extractError, guarded, isRecord } from './report.js';

const ID = 'workspace-projects';

/** Nx targets any project may have; they say nothing about whether it is a test project. */
const CHECK_TARGETS = new Set(['lint', 'typecheck', 'format']);

interface Parsed {
  file: SourceFile;
  /** The text with comments and trailing commas blanked, offsets unchanged. */
  json: string;
  lines: LineIndex;
  value: Record<string, unknown>;
}

/**
 * Parses a JSONC object, or says why not as the extractor's output: `strict` files (a tool's own config) report a
 * non-object, `project.json` (a name other tools use too) does not.
 */
function parseObject(file: SourceFile, strict: boolean): Parsed | ExtractOutput {
  const lines = new LineIndex(file.text);
  const json = blankJsonc(file.text);
  const what = baseName(file.path);
  const parsed = parseJsonLocated(file.path, json, lines, what);
  if (!parsed.ok) return { facts: [], errors: [parsed.error] };
  if (isRecord(parsed.value)) return { file, json, lines, value: parsed.value };
  if (!strict) return { facts: [], errors: [] };
  return { facts: [], errors: [extractError(file.path, 'invalid-workspace', `${what} must hold a JSON object.`, { line: 1 })] };
}

function isParsed(result: Parsed | ExtractOutput): result is Parsed {
  return 'value' in result;
}

function fact(parsed: Parsed, offset: number | null, workspaceRoot: boolean, projects: DeclaredProject[]): ExtractOutput {
  const out: WorkspaceProjectsFact = {
    kind: 'workspace-projects',
    extractor: ID,
    location: parsed.lines.evidence(parsed.file.path, offset ?? 0),
    dir: dirOf(parsed.file.path),
    workspaceRoot,
    projects,
  };
  return { facts: [out], errors: [] };
}

/** A folder as written, resolved against the declaring file's folder; null when it leaves the repository. */
function folder(dir: string, written: string): string | null {
  if (isRemoteRef(written)) return null;
  const root = resolveFrom(dir, written);
  return root === '..' || root.startsWith('../') || root.startsWith('/') ? null : root;
}

/** `application`, `library` or `e2e`; null for any other project type. */
function kindOf(projectType: unknown, name: string | null, root: string, targets: unknown): DeclaredProject['kind'] | null {
  if (projectType === 'library') return 'library';
  if (projectType !== 'application') return null;
  if (name?.endsWith('-e2e') === true || baseName(root).endsWith('-e2e')) return 'e2e';
  if (!isRecord(targets)) return 'application';
  const running = Object.keys(targets).filter((target) => !CHECK_TARGETS.has(target));
  return running.length > 0 && running.every((target) => target === 'e2e') ? 'e2e' : 'application';
}

/**
 * nest-cli.json: only monorepo mode declares applications by folder (`projects.<name>.type`); a standard-mode file
 * describes the one app the repository already is, so it gives no fact. The root is `root`, else `sourceRoot`'s parent.
 */
function extractNest(file: SourceFile): ExtractOutput {
  const parsed = parseObject(file, true);
  if (!isParsed(parsed)) return parsed;
  if (parsed.value.monorepo !== true) return { facts: [], errors: [] };
  const dir = dirOf(file.path);
  const projects: DeclaredProject[] = [];
  const declared = isRecord(parsed.value.projects) ? parsed.value.projects : {};
  for (const [name, project] of Object.entries(declared)) {
    if (!isRecord(project)) continue;
    const sourceRoot = typeof project.sourceRoot === 'string' ? dirOf(project.sourceRoot) : null;
    const written = typeof project.root === 'string' ? project.root : sourceRoot;
    const root = written === null ? null : folder(dir, written);
    const kind = project.type === 'application' || project.type === 'library' ? project.type : null;
    if (root === null || kind === null) continue;
    const at = findKeyPath(parsed.json, ['projects', name]) ?? findTopLevelKey(parsed.json, 'projects') ?? 0;
    projects.push({ name, root, kind, location: parsed.lines.evidence(file.path, at) });
  }
  return fact(parsed, findTopLevelKey(parsed.json, 'monorepo'), true, projects);
}

/** Nx project.json: the folder is the project; `projectType` says what it is (no fact without one). */
function extractProjectJson(file: SourceFile): ExtractOutput {
  const parsed = parseObject(file, false);
  if (!isParsed(parsed)) return parsed;
  const root = dirOf(file.path);
  const written = parsed.value.name;
  const name = typeof written === 'string' && written !== '' ? written : root === '.' ? null : baseName(root);
  const kind = kindOf(parsed.value.projectType, name, root, parsed.value.targets);
  if (kind === null) return { facts: [], errors: [] };
  const at = findTopLevelKey(parsed.json, 'projectType');
  return fact(parsed, at, false, [{ name, root, kind, location: parsed.lines.evidence(file.path, at ?? 0) }]);
}

/**
 * workspace.json/angular.json: `projects.<name>` objects with `root` and `projectType`. A string entry points at a
 * folder whose own project.json is read on its own, so it is skipped here.
 */
function extractProjectMap(file: SourceFile): ExtractOutput {
  const parsed = parseObject(file, true);
  if (!isParsed(parsed)) return parsed;
  if (!isRecord(parsed.value.projects)) return { facts: [], errors: [] };
  const dir = dirOf(file.path);
  const projects: DeclaredProject[] = [];
  for (const [name, project] of Object.entries(parsed.value.projects)) {
    if (!isRecord(project) || typeof project.root !== 'string') continue;
    const root = folder(dir, project.root);
    const kind = root === null ? null : kindOf(project.projectType, name, root, project.targets ?? project.architect);
    if (root === null || kind === null) continue;
    const at = findKeyPath(parsed.json, ['projects', name]) ?? findTopLevelKey(parsed.json, 'projects') ?? 0;
    projects.push({ name, root, kind, location: parsed.lines.evidence(file.path, at) });
  }
  return fact(parsed, findTopLevelKey(parsed.json, 'projects'), true, projects);
}

/** nx.json declares no project, but marks the Nx workspace root (whose package.json holds every app's dependencies). */
function extractNxJson(file: SourceFile): ExtractOutput {
  const parsed = parseObject(file, true);
  if (!isParsed(parsed)) return parsed;
  return fact(parsed, null, true, []);
}

const BY_NAME: Record<string, (file: SourceFile) => ExtractOutput> = {
  'nest-cli.json': extractNest,
  'project.json': extractProjectJson,
  'nx.json': extractNxJson,
  'workspace.json': extractProjectMap,
  'angular.json': extractProjectMap,
};

/** The workspace-projects extractor. */
export const workspaceProjectsExtractor: Extractor = {
  id: ID,
  matches: (path) => Object.hasOwn(BY_NAME, baseName(path)) && !hasDirSegment(path, 'node_modules'),
  extract: (file) => guarded(ID, file.path, () => (BY_NAME[baseName(file.path)] ?? extractProjectJson)(file)),
};
