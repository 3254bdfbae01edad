/**
 * Renders a constant-folded value in the context of one service: env parts take the service's manifest values,
 * import parts follow exported constants across files. Several env candidates give several renderings.
 */
import type { Confidence, ExportedValue, Fact, FoldedValue, ValuePart } from '../types/index.js';
import type { ServiceEnvironment } from './environment.js';
import type { ModuleResolver } from './modules.js';

/** Marks text that static analysis could not know. Never appears in repository text we keep. */
export const HOLE = '\u0000';

export interface Rendering {
  /** The value, with {@link HOLE} where a part is unknown. */
  text: string;
  /** Steps taken, for `--trace`. */
  via: string[];
  confidence: Confidence;
}

const MAX_RENDERINGS = 16;
const PACKAGE_ENTRIES = ['src/index.ts', 'src/index.js', 'index.ts', 'index.js', 'src/main.ts'];
// Key prefix of re-export entries in an {@link ExportIndex}; export names never contain NUL.
const REEXPORT = '\u0000reexport:';
const MAX_IMPORT_DEPTH = 6;

/** Exported constants by file, then export name. */
export type ExportIndex = ReadonlyMap<string, ReadonlyMap<string, ExportedValue>>;

export function indexExports(facts: readonly Fact[]): ExportIndex {
  const index = new Map<string, Map<string, ExportedValue>>();
  for (const fact of facts) {
    if (fact.kind === 'import' && fact.importKind === 'reexport') {
      // `export { Topics } from './topics.js'` / `export * from …`: looked through when a name is not found.
      const byName = index.get(fact.location.file) ?? new Map<string, ExportedValue>();
      byName.set(`${REEXPORT}${fact.specifier}`, { kind: 'scalar', value: { parts: [{ kind: 'literal', value: fact.specifier }] } });
      index.set(fact.location.file, byName);
    }
    if (fact.kind !== 'exported-value') continue;
    const byName = index.get(fact.location.file) ?? new Map<string, ExportedValue>();
    byName.set(fact.name, fact.value);
    index.set(fact.location.file, byName);
  }
  return index;
}

export interface RenderContext {
  service: string;
  env: ServiceEnvironment;
  exports: ExportIndex;
  modules: ModuleResolver;
}

/** All renderings of `value` as seen from `file`, at most {@link MAX_RENDERINGS}. */
export function renderValue(value: FoldedValue, file: string, context: RenderContext, depth = 0): Rendering[] {
  let renderings: Rendering[] = [{ text: '', via: [], confidence: 'certain' }];
  for (const part of value.parts) {
    const options = renderPart(part, file, context, depth);
    const next: Rendering[] = [];
    for (const prefix of renderings) {
      for (const option of options) {
        if (next.length >= MAX_RENDERINGS) break;
        next.push({
          text: prefix.text + option.text,
          via: [...prefix.via, ...option.via],
          confidence: weakest(prefix.confidence, option.confidence),
        });
      }
    }
    renderings = next;
  }
  return renderings;
}

function renderPart(part: ValuePart, file: string, context: RenderContext, depth: number): Rendering[] {
  switch (part.kind) {
    case 'literal':
      return [{ text: part.value, via: [], confidence: 'certain' }];
    case 'unknown':
      return [{ text: HOLE, via: [], confidence: 'certain' }];
    case 'env':
      return renderEnv(part, file, context, depth);
    case 'import':
      return renderImport(part, file, context, depth);
  }
}

function renderEnv(
  part: Extract<ValuePart, { kind: 'env' }>,
  file: string,
  context: RenderContext,
  depth: number,
): Rendering[] {
  const candidates = context.env.get(part.name) ?? [];
  if (candidates.length > 0) {
    return candidates.map((candidate) => ({
      text: candidate.value,
      via: [`env ${part.name} from ${candidate.source} (${candidate.location.file}:${candidate.location.line})`],
      confidence: 'resolved',
    }));
  }
  if (part.fallback !== undefined) {
    return renderValue(part.fallback, file, context, depth + 1).map((rendering) => ({
      ...rendering,
      via: [`env ${part.name} is not set for ${context.service}; code default used`, ...rendering.via],
      confidence: weakest(rendering.confidence, 'resolved'),
    }));
  }
  return [{ text: HOLE, via: [`env ${part.name} is not set for ${context.service}`], confidence: 'certain' }];
}

function renderImport(
  part: Extract<ValuePart, { kind: 'import' }>,
  file: string,
  context: RenderContext,
  depth: number,
): Rendering[] {
  const unknown: Rendering[] = [{ text: HOLE, via: [`${part.name} from ${part.specifier} not resolved`], confidence: 'certain' }];
  if (depth >= MAX_IMPORT_DEPTH) return unknown;
  const found = findExport(part, file, context, 0);
  if (found === null) return unknown;
  const { target, exports } = found;
  // A namespace import names the module itself; its first path step is the export name.
  const [name, path] = part.name === '*' ? [part.path[0] ?? '', part.path.slice(1)] : [part.name, part.path];
  let value = exports.get(name);
  for (const key of path) value = value?.kind === 'object' ? value.properties[key] : undefined;
  if (value?.kind !== 'scalar') return unknown;
  const shown = [name, ...path].join('.');
  return renderValue(value.value, target.path, context, depth + 1).map((rendering) => ({
    ...rendering,
    via: [`${shown} from ${target.path}`, ...rendering.via],
    confidence: weakest(rendering.confidence, 'resolved'),
  }));
}

/** The module `part` imports from and its exports, following re-exports (`export … from`) when the name is elsewhere. */
export function findExport(
  part: Extract<ValuePart, { kind: 'import' }>,
  file: string,
  context: RenderContext,
  depth: number,
): { target: { path: string }; exports: ReadonlyMap<string, ExportedValue> } | null {
  const resolved = context.modules.resolve(part.specifier, file);
  if (resolved === null) return null;
  // A workspace package whose `main` points at build output resolves to its folder; its source entry holds the values.
  const candidates = [resolved.path, ...PACKAGE_ENTRIES.map((entry) => `${resolved.path}/${entry}`)];
  const path = candidates.find((candidate) => context.exports.has(candidate));
  const exports = path === undefined ? undefined : context.exports.get(path);
  if (path === undefined || exports === undefined) return null;
  const target = { path };
  const name = part.name === '*' ? part.path[0] ?? '' : part.name;
  if (exports.has(name) || depth >= MAX_IMPORT_DEPTH) return { target, exports };
  for (const key of exports.keys()) {
    if (!key.startsWith(REEXPORT)) continue;
    const inner = findExport({ ...part, specifier: key.slice(REEXPORT.length) }, target.path, context, depth + 1);
    if (inner?.exports.has(name)) return inner;
  }
  return { target, exports };
}

const RANK: Record<Confidence, number> = { certain: 2, resolved: 1, inferred: 0 };

/** The less sure of two confidences. */
export function weakest(a: Confidence, b: Confidence): Confidence {
  return RANK[a] <= RANK[b] ? a : b;
}
