/**
 * Renders a constant-folded value in the context of one service: env parts take the service's manifest values,
 * import parts follow exported constants across files. Several env candidates give several renderings.
 */
import type { Confidence, ExportedValue, Fact, FoldedValue, ValuePart } from '../types/index.js';
import type { ServiceEnvironment } from './environment.js';
import { buildExportTable, lookupExport, type ExportTable } from './export-table.js';
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
const MAX_IMPORT_DEPTH = 6;

/** Exported constants by file and name, with each file's re-exports (see {@link lookupExport}). */
export type ExportIndex = ExportTable<ExportedValue>;

export function indexExports(facts: readonly Fact[]): ExportIndex {
  return buildExportTable(facts, (fact) => (fact.kind === 'exported-value' ? [{ name: fact.name, value: fact.value }] : []));
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
  const found = importedValue(part, file, context);
  if (found?.value.kind !== 'scalar') return unknown;
  return renderValue(found.value.value, found.file, context, depth + 1).map((rendering) => ({
    ...rendering,
    via: [`${found.shown} from ${found.file}`, ...rendering.via],
    confidence: weakest(rendering.confidence, 'resolved'),
  }));
}

/**
 * The value an import part reads: the export (a namespace import names it by its first path step), found through
 * re-exports and workspace package entries, then its member path; with the file that exports it. Null when unknown.
 */
export function importedValue(
  part: Extract<ValuePart, { kind: 'import' }>,
  file: string,
  context: RenderContext,
): { file: string; value: ExportedValue; shown: string } | null {
  const [name, path] = part.name === '*' ? [part.path[0] ?? '', part.path.slice(1)] : [part.name, part.path];
  const found = lookupExport(context.exports, part.specifier, file, name, context.modules);
  let value: ExportedValue | undefined = found?.value;
  for (const key of path) value = value?.kind === 'object' ? value.properties[key] : undefined;
  return found === null || value === undefined ? null : { file: found.file, value, shown: [name, ...path].join('.') };
}

const RANK: Record<Confidence, number> = { certain: 2, resolved: 1, inferred: 0 };

/** The less sure of two confidences. */
export function weakest(a: Confidence, b: Confidence): Confidence {
  return RANK[a] <= RANK[b] ? a : b;
}
