/** `pnpm-workspace.yaml`, `lerna.json` and Rush's `rush.json` → WorkspaceGlobsFact (package globs, `!` negations kept). */
import type { Extractor, ExtractOutput, SourceFile, WorkspaceGlobsFact } from '../../types/index.js';
import { LineIndex } from '../shared/lines.js';
import { parseJsonLocated } from './json.js';
import { blankJsonc } from './jsonc.js';
import { findTopLevelKey } from './json-locate.js';
import { baseName, dirOf } from './paths.js';
import { extractError, guarded, isRecord, stringItems } from './report.js';
import { entryOf, itemsOf, parseYaml, textOf } from './yaml.js';

const ID = 'workspace-globs';

/**
 * pnpm: the first document's `packages:` list. A file without it still marks a workspace root
 * (pnpm then only has the root package), so the fact is emitted with no globs.
 */
function extractPnpm(file: SourceFile): ExtractOutput {
  const lines = new LineIndex(file.text);
  const { docs, errors } = parseYaml(file.path, file.text);
  const root = docs[0]?.root;
  if (root !== undefined && root.type !== 'map') {
    errors.push(extractError(file.path, 'invalid-workspace', 'pnpm-workspace.yaml must be a mapping.', { line: 1 }));
    return { facts: [], errors };
  }
  if (errors.length > 0 && root === undefined) return { facts: [], errors };
  const packages = entryOf(root, 'packages');
  const globs: string[] = [];
  for (const item of itemsOf(packages?.value)) {
    const glob = textOf(item);
    if (glob !== null) globs.push(glob);
  }
  const fact: WorkspaceGlobsFact = {
    kind: 'workspace-globs',
    extractor: ID,
    location: lines.evidence(file.path, packages?.keyOffset ?? 0),
    dir: dirOf(file.path),
    globs,
  };
  return { facts: [fact], errors };
}

/** lerna: `packages` globs; without them lerna falls back to package.json workspaces, so no fact. */
function extractLerna(file: SourceFile): ExtractOutput {
  const lines = new LineIndex(file.text);
  const parsed = parseJsonLocated(file.path, file.text, lines, 'lerna.json');
  if (!parsed.ok) return { facts: [], errors: [parsed.error] };
  if (!isRecord(parsed.value)) {
    const error = extractError(file.path, 'invalid-workspace', 'lerna.json must hold a JSON object.', { line: 1 });
    return { facts: [], errors: [error] };
  }
  if (!Array.isArray(parsed.value.packages)) return { facts: [], errors: [] };
  const fact: WorkspaceGlobsFact = {
    kind: 'workspace-globs',
    extractor: ID,
    location: lines.evidence(file.path, findTopLevelKey(file.text, 'packages') ?? 0),
    dir: dirOf(file.path),
    globs: stringItems(parsed.value.packages),
  };
  return { facts: [fact], errors: [] };
}

/** Rush: `projects[].projectFolder` (rush.json is JSONC); each project folder is a literal glob. */
function extractRush(file: SourceFile): ExtractOutput {
  const lines = new LineIndex(file.text);
  // Blanking comments keeps offsets, so the same text serves parsing and locating.
  const json = blankJsonc(file.text);
  const parsed = parseJsonLocated(file.path, json, lines, 'rush.json');
  if (!parsed.ok) return { facts: [], errors: [parsed.error] };
  if (!isRecord(parsed.value) || !Array.isArray(parsed.value.projects)) return { facts: [], errors: [] };
  const globs = parsed.value.projects.flatMap((project: unknown) =>
    isRecord(project) && typeof project.projectFolder === 'string' ? [project.projectFolder] : [],
  );
  const fact: WorkspaceGlobsFact = {
    kind: 'workspace-globs',
    extractor: ID,
    location: lines.evidence(file.path, findTopLevelKey(json, 'projects') ?? 0),
    dir: dirOf(file.path),
    globs,
  };
  return { facts: [fact], errors: [] };
}

const BY_NAME: Record<string, (file: SourceFile) => ExtractOutput> = {
  'pnpm-workspace.yaml': extractPnpm,
  'lerna.json': extractLerna,
  'rush.json': extractRush,
};

/** The workspace-globs extractor. */
export const workspaceGlobsExtractor: Extractor = {
  id: ID,
  matches: (path) => Object.hasOwn(BY_NAME, baseName(path)),
  extract: (file) => guarded(ID, file.path, () => (BY_NAME[baseName(file.path)] ?? extractPnpm)(file)),
};
