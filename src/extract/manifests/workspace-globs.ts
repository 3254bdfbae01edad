/** `pnpm-workspace.yaml` and `lerna.json` → WorkspaceGlobsFact (package globs, `!` negations kept). */
import type { Extractor, ExtractOutput, SourceFile, WorkspaceGlobsFact } from '../../types/index.js';
import { LineIndex } from '../shared/lines.js';
import { parseJsonLocated } from './json.js';
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

/** The workspace-globs extractor. */
export const workspaceGlobsExtractor: Extractor = {
  id: ID,
  matches: (path) => {
    const base = baseName(path);
    return base === 'pnpm-workspace.yaml' || base === 'lerna.json';
  },
  extract: (file) =>
    guarded(ID, file.path, () => (baseName(file.path) === 'lerna.json' ? extractLerna(file) : extractPnpm(file))),
};
