/** `tsconfig*.json` / `jsconfig*.json` → TsconfigFact: baseUrl, paths (repo-relative) and extends. */
import type { Extractor, ExtractOutput, SourceFile, TsconfigFact } from '../../types/index.js';
import { LineIndex } from '../shared/lines.js';
import { parseJsonLocated } from './json.js';
import { findTopLevelKey } from './json-locate.js';
import { blankJsonc } from './jsonc.js';
import { baseName, dirOf, resolveFrom } from './paths.js';
import { extractError, guarded, isRecord, setOwn, stringItems } from './report.js';

const ID = 'tsconfig';
// TypeScript 5.5 substitutes this with the directory of the config that is finally used, unknown here.
const CONFIG_DIR = '${configDir}';

/** `tsconfig.json`, `tsconfig.base.json`, `tsconfig.build.json`, `jsconfig.json`. */
export function isTsconfigPath(path: string): boolean {
  const base = baseName(path);
  return base.endsWith('.json') && (base.startsWith('tsconfig') || base.startsWith('jsconfig'));
}

function extractTsconfig(file: SourceFile): ExtractOutput {
  const lines = new LineIndex(file.text);
  // Blanking keeps every offset, so errors and evidence computed on `json` are right for the file.
  const json = blankJsonc(file.text);
  const parsed = parseJsonLocated(file.path, json, lines, baseName(file.path));
  if (!parsed.ok) return { facts: [], errors: [parsed.error] };
  const config = parsed.value;
  if (!isRecord(config)) {
    const message = `${baseName(file.path)} must hold a JSON object.`;
    const error = extractError(file.path, 'invalid-tsconfig', message, { line: 1 });
    return { facts: [], errors: [error] };
  }
  const dir = dirOf(file.path);
  const options = isRecord(config.compilerOptions) ? config.compilerOptions : {};
  const baseUrl = typeof options.baseUrl === 'string' ? resolveConfigPath(dir, options.baseUrl) : null;
  const fact: TsconfigFact = {
    kind: 'tsconfig',
    extractor: ID,
    location: lines.evidence(file.path, findTopLevelKey(json, 'compilerOptions') ?? 0),
    dir,
    baseUrl,
    paths: readPaths(options.paths, baseUrl ?? dir),
    extends: readExtends(config.extends),
  };
  return { facts: [fact], errors: [] };
}

/** `paths` targets resolve against baseUrl when set, else against the tsconfig's folder (TypeScript ≥ 4.1). */
function readPaths(value: unknown, root: string): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  if (!isRecord(value)) return out;
  for (const [pattern, targets] of Object.entries(value)) {
    setOwn(out, pattern, stringItems(targets).map((target) => resolveConfigPath(root, target)));
  }
  return out;
}

/** Joins a config path to `dir`, except `${configDir}` paths, which depend on the extending config. */
function resolveConfigPath(dir: string, path: string): string {
  return path.startsWith(CONFIG_DIR) ? path : resolveFrom(dir, path);
}

/**
 * `extends` as written when it is a relative path (a package name is not something the resolve
 * stage can follow). With an array (TypeScript 5), the last relative entry wins, as it does for options.
 */
function readExtends(value: unknown): string | null {
  const candidates = typeof value === 'string' ? [value] : stringItems(value);
  const relative = candidates.filter((entry) => entry.startsWith('./') || entry.startsWith('../'));
  return relative[relative.length - 1] ?? null;
}

/** The tsconfig/jsconfig extractor. */
export const tsconfigExtractor: Extractor = {
  id: ID,
  matches: isTsconfigPath,
  extract: (file) => guarded(ID, file.path, () => extractTsconfig(file)),
};
