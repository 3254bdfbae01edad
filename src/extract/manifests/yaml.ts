/**
 * YAML for manifests: every document parsed into a small located tree (aliases and `<<` merge keys
 * resolved), alias expansion bounded, syntax errors located and reported without quoting the file.
 */
import { isAlias, isMap, isPair, isScalar, isSeq, LineCounter, parseAllDocuments } from 'yaml';
import type { AnalysisError } from '../../types/index.js';
import { extractError, setOwn } from './report.js';

/** A scalar; `text` is the value as written for numbers/booleans (`1.0`, `yes`), null for YAML null. */
export interface YScalar {
  type: 'scalar';
  value: unknown;
  text: string | null;
  offset: number;
}
/** One mapping entry with the offset of its key. */
export interface YEntry {
  key: string;
  keyOffset: number;
  value: YNode;
}
/** A mapping, merge keys already applied. */
export interface YMap {
  type: 'map';
  offset: number;
  entries: Map<string, YEntry>;
}
/** A sequence. */
export interface YSeq {
  type: 'seq';
  offset: number;
  items: YNode[];
}
/** A located YAML value. An alias is the very node its anchor names, so sharing never copies. */
export type YNode = YScalar | YMap | YSeq;

/** One non-empty, error-free document. */
export interface YamlDoc {
  root: YNode;
  offset: number;
}

/** Alias expansions allowed per document before it is treated as an alias bomb. */
export const MAX_ALIAS_COUNT = 1000;
// Error codes whose yaml messages are fixed text; other messages may quote the file, so only the code is shown.
const STATIC_MESSAGES = new Set([
  'BAD_INDENT',
  'TAB_AS_INDENT',
  'DUPLICATE_KEY',
  'BLOCK_AS_IMPLICIT_KEY',
  'MULTILINE_IMPLICIT_KEY',
  'MISSING_CHAR',
  'KEY_OVER_1024_CHARS',
  'MULTIPLE_ANCHORS',
  'MULTIPLE_TAGS',
  'ALIAS_PROPS',
  'BAD_ALIAS',
]);
// Deeper nesting is cut (as null) so hostile input cannot exhaust the call stack here.
const MAX_DEPTH = 200;

/**
 * Parses every document of `text`. A document with a syntax error or an alias bomb is skipped with
 * one `invalid-yaml` error at its first problem; the other documents are still returned.
 */
export function parseYaml(file: string, text: string): { docs: YamlDoc[]; errors: AnalysisError[] } {
  const lineCounter = new LineCounter();
  const parsed = parseAllDocuments(text, { lineCounter, merge: true, prettyErrors: false });
  const docs: YamlDoc[] = [];
  const errors: AnalysisError[] = [];
  for (const doc of parsed) {
    const first = doc.errors[0];
    const docStart = doc.range[0];
    if (first !== undefined) {
      const detail = STATIC_MESSAGES.has(first.code) ? first.message : first.code.toLowerCase().replaceAll('_', ' ');
      errors.push(invalid(file, lineCounter, first.pos[0], `Invalid YAML (${detail}); this document was skipped.`));
      continue;
    }
    try {
      // Only the check matters: the yaml package counts alias expansions and throws past the limit.
      doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
    } catch (error: unknown) {
      const bomb = error instanceof Error && error.message.includes('Excessive alias count');
      const reason = bomb
        ? `YAML aliases expand past ${MAX_ALIAS_COUNT} nodes (an alias bomb?); this document was skipped.`
        : 'YAML alias or merge key cannot be resolved; this document was skipped.';
      errors.push(invalid(file, lineCounter, docStart, reason));
      continue;
    }
    if (doc.contents === null) continue;
    const root = new Converter().convert(doc.contents, docStart, 0);
    if (root.type === 'scalar' && root.value === null) continue;
    docs.push({ root, offset: doc.contents.range[0] });
  }
  return { docs, errors };
}

function invalid(file: string, lineCounter: LineCounter, offset: number, message: string): AnalysisError {
  const { line, col } = lineCounter.linePos(offset);
  return extractError(file, 'invalid-yaml', message, { line, column: col });
}

/** Builds the located tree in document order, so an alias finds the latest anchor defined before it. */
class Converter {
  private readonly anchors = new Map<string, YNode>();

  convert(node: unknown, fallbackOffset: number, depth: number): YNode {
    const offset = rangeStart(node) ?? fallbackOffset;
    if (depth > MAX_DEPTH) return { type: 'scalar', value: null, text: null, offset };
    if (isAlias(node)) {
      return this.anchors.get(node.source) ?? { type: 'scalar', value: null, text: null, offset };
    }
    if (isMap(node)) {
      const out: YMap = { type: 'map', offset, entries: new Map() };
      if (node.anchor !== undefined) this.anchors.set(node.anchor, out);
      this.fillMap(out, node.items, depth);
      return out;
    }
    if (isSeq(node)) {
      const out: YSeq = { type: 'seq', offset, items: [] };
      if (node.anchor !== undefined) this.anchors.set(node.anchor, out);
      for (const item of node.items) out.items.push(this.convert(item, offset, depth + 1));
      return out;
    }
    const out: YScalar = isScalar(node)
      ? { type: 'scalar', value: node.value, text: scalarText(node.value, node.source), offset }
      : { type: 'scalar', value: null, text: null, offset };
    if (isScalar(node) && node.anchor !== undefined) this.anchors.set(node.anchor, out);
    return out;
  }

  /** Explicit keys win over merged ones; among merge sources the earlier wins (YAML merge semantics). */
  private fillMap(out: YMap, items: readonly unknown[], depth: number): void {
    const explicit = new Set<string>();
    for (const pair of items) {
      if (!isPair(pair) || isMergeKey(pair.key)) continue;
      const key = keyText(pair.key);
      if (key !== null) explicit.add(key);
    }
    for (const pair of items) {
      if (!isPair(pair)) continue;
      const keyOffset = rangeStart(pair.key) ?? out.offset;
      const value = this.convert(pair.value, keyOffset, depth + 1);
      if (isMergeKey(pair.key)) {
        const sources = value.type === 'seq' ? value.items : [value];
        for (const source of sources) {
          if (source.type !== 'map') continue;
          for (const [key, entry] of source.entries) {
            if (!explicit.has(key) && !out.entries.has(key)) out.entries.set(key, entry);
          }
        }
        continue;
      }
      const key = keyText(pair.key);
      if (key !== null) out.entries.set(key, { key, keyOffset, value });
    }
  }
}

function rangeStart(node: unknown): number | undefined {
  if (isScalar(node) || isMap(node) || isSeq(node) || isAlias(node)) return node.range?.[0];
  return undefined;
}

function scalarText(value: unknown, source: string | undefined): string | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string') return value;
  return source ?? String(value);
}

function keyText(key: unknown): string | null {
  if (!isScalar(key)) return null;
  return scalarText(key.value, key.source);
}

function isMergeKey(key: unknown): boolean {
  if (!isScalar(key)) return false;
  const value = key.value;
  if (typeof value === 'symbol') return value.description === '<<';
  return value === '<<' && (key.type === undefined || key.type === 'PLAIN');
}

// ---- Accessors: shape checks on the located tree, so extractors need no casts. ----

/** The entry for `key` when `node` is a mapping. */
export function entryOf(node: YNode | undefined, key: string): YEntry | undefined {
  return node?.type === 'map' ? node.entries.get(key) : undefined;
}

/** The value under `key` when `node` is a mapping. */
export function childOf(node: YNode | undefined, key: string): YNode | undefined {
  return entryOf(node, key)?.value;
}

/** The entries of a mapping, `[]` otherwise. */
export function entriesOf(node: YNode | undefined): YEntry[] {
  return node?.type === 'map' ? [...node.entries.values()] : [];
}

/** The items of a sequence, `[]` otherwise. */
export function itemsOf(node: YNode | undefined): YNode[] {
  return node?.type === 'seq' ? node.items : [];
}

/** Scalar text (as written for numbers and booleans), or null for YAML null and non-scalars. */
export function textOf(node: YNode | undefined): string | null {
  return node?.type === 'scalar' ? node.text : null;
}

/** An integer from a YAML number, or null (strings such as named ports are not numbers). */
export function intOf(node: YNode | undefined): number | null {
  if (node?.type !== 'scalar') return null;
  return typeof node.value === 'number' && Number.isInteger(node.value) ? node.value : null;
}

/** The scalar entries of a mapping as strings (labels, selectors). */
export function stringMapOf(node: YNode | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const entry of entriesOf(node)) {
    const text = textOf(entry.value);
    if (text !== null) setOwn(out, entry.key, text);
  }
  return out;
}
