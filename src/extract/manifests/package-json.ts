/** `package.json` → PackageFact: name, workspaces, dependency names, scripts, entry points. */
import type { Extractor, ExtractOutput, PackageFact, SourceFile } from '../../types/index.js';
import { LineIndex } from '../shared/lines.js';
import { parseJsonLocated } from './json.js';
import { findTopLevelKey } from './json-locate.js';
import { baseName, dirOf, hasDirSegment } from './paths.js';
import { extractError, guarded, isRecord, setOwn, stringItems } from './report.js';

const ID = 'package-json';

/** Reads one package.json; a JSON error or a non-object root yields an error and no fact. */
function extractPackage(file: SourceFile): ExtractOutput {
  const lines = new LineIndex(file.text);
  const parsed = parseJsonLocated(file.path, file.text, lines, 'package.json');
  if (!parsed.ok) return { facts: [], errors: [parsed.error] };
  const json = parsed.value;
  if (!isRecord(json)) {
    const error = extractError(file.path, 'invalid-package-json', 'package.json must hold a JSON object.', {
      line: 1,
    });
    return { facts: [], errors: [error] };
  }
  // Point at the `"name"` line when there is one: that is what a reader looks for in a finding.
  const nameOffset = findTopLevelKey(file.text, 'name') ?? 0;
  const fact: PackageFact = {
    kind: 'package',
    extractor: ID,
    location: lines.evidence(file.path, nameOffset),
    dir: dirOf(file.path),
    name: typeof json.name === 'string' ? json.name : null,
    private: json.private === true,
    workspaces: workspaceGlobs(json.workspaces),
    dependencies: keysOf(json.dependencies),
    devDependencies: keysOf(json.devDependencies),
    scripts: stringValues(json.scripts),
    main: typeof json.main === 'string' ? json.main : null,
    hasBin: hasBin(json.bin),
  };
  return { facts: [fact], errors: [] };
}

/** npm/yarn `workspaces`: an array of globs, or `{ packages: [...] }` (yarn classic, with nohoist). */
function workspaceGlobs(value: unknown): string[] {
  if (Array.isArray(value)) return stringItems(value);
  if (isRecord(value)) return stringItems(value.packages);
  return [];
}

function keysOf(value: unknown): string[] {
  return isRecord(value) ? Object.keys(value) : [];
}

function stringValues(value: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (!isRecord(value)) return out;
  for (const [key, command] of Object.entries(value)) if (typeof command === 'string') setOwn(out, key, command);
  return out;
}

/** `bin` is either one path (string) or a map of command names. */
function hasBin(value: unknown): boolean {
  if (typeof value === 'string') return value.length > 0;
  return isRecord(value) && Object.keys(value).length > 0;
}

/** The package.json extractor. */
export const packageJsonExtractor: Extractor = {
  id: ID,
  matches: (path) => baseName(path) === 'package.json' && !hasDirSegment(path, 'node_modules'),
  extract: (file) => guarded(ID, file.path, () => extractPackage(file)),
};
