/** Test helpers for the TypeScript extractor: fixtures, fact filters and builders for expected facts. */
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { typescriptExtractor } from '../../../src/extract/typescript/index.js';
import type {
  Evidence,
  ExportedValue,
  ExportedValueFact,
  ExtractOutput,
  Fact,
  FactKind,
  FactOf,
  FoldedValue,
  HttpCallFact,
  ImportFact,
  ListenFact,
  SourceFile,
  ValuePart,
} from '../../../src/types/index.js';

/** Absolute path of `fixtures/extract/typescript/`. */
export const FIXTURES = fileURLToPath(new URL('../../../fixtures/extract/typescript/', import.meta.url));

/** The fixture at `path` (relative to the fixtures folder), presented under that same repo-relative path. */
export function fixture(path: string): SourceFile {
  return { path, text: readFileSync(`${FIXTURES}${path}`, 'utf8') };
}

/** Every fixture file, as repo-relative paths. */
export function allFixtures(dir = ''): string[] {
  return readdirSync(`${FIXTURES}${dir}`)
    .sort()
    .flatMap((name) => {
      const path = dir ? `${dir}/${name}` : name;
      return statSync(`${FIXTURES}${path}`).isDirectory() ? allFixtures(path) : [path];
    });
}

/** Runs the extractor on a fixture. */
export function extractFixture(path: string): ExtractOutput {
  return typescriptExtractor.extract(fixture(path));
}

/** The facts of one kind. */
export function ofKind<K extends FactKind>(facts: readonly Fact[], kind: K): FactOf<K>[] {
  // Guards are asserted by the guard tests (`guardsOf`); URL and method tests compare the call itself.
  return facts.filter((fact): fact is FactOf<K> => fact.kind === kind).map((fact) => withoutGuards(fact));
}

/** Every fact, compared the way {@link ofKind} compares them (without guards and imported names). */
export function plain(facts: readonly Fact[]): Fact[] {
  return facts.map((fact) => withoutGuards(fact));
}

function withoutGuards<F extends Fact>(fact: F): F {
  if (!('guards' in fact) && !('wrappers' in fact) && !('names' in fact)) return fact;
  const copy = { ...fact };
  Reflect.deleteProperty(copy, 'guards');
  Reflect.deleteProperty(copy, 'wrappers');
  // Imported names are asserted by their own test (imports.test.ts); the rest compare the import itself.
  Reflect.deleteProperty(copy, 'names');
  return copy;
}

/** Runs the extractor on inline source. */
export function extractSource(text: string, path = 'src/example.ts'): ExtractOutput {
  return typescriptExtractor.extract({ path, text });
}

/** Evidence at a 1-based line and column of a fixture; the snippet is that line of the fixture, trimmed. */
export function at(path: string, line: number, column: number): Evidence {
  const text = readFileSync(`${FIXTURES}${path}`, 'utf8');
  return { file: path, line, column, snippet: (text.split('\n')[line - 1] ?? '').trim() };
}

/** Evidence in inline source. */
export function atSource(text: string, line: number, column: number, path = 'src/example.ts'): Evidence {
  return { file: path, line, column, snippet: (text.split('\n')[line - 1] ?? '').trim() };
}

// Value parts.
export const lit = (value: string): ValuePart => ({ kind: 'literal', value });
export const env = (name: string, fallback?: string | FoldedValue): ValuePart =>
  fallback === undefined
    ? { kind: 'env', name }
    : { kind: 'env', name, fallback: typeof fallback === 'string' ? value(lit(fallback)) : fallback };
export const imp = (specifier: string, name: string, path: string[] = []): ValuePart => ({ kind: 'import', specifier, name, path });
export const unk = (text: string): ValuePart => ({ kind: 'unknown', text });
export const value = (...parts: ValuePart[]): FoldedValue => ({ parts });

// Exported values.
export const scalar = (...parts: ValuePart[]): ExportedValue => ({ kind: 'scalar', value: value(...parts) });
export const object = (properties: Record<string, ExportedValue>): ExportedValue => ({ kind: 'object', properties });

// Facts.
export function importAt(location: Evidence, specifier: string, importKind: ImportFact['importKind'], typeOnly = false): ImportFact {
  return { kind: 'import', location, extractor: 'typescript', specifier, importKind, typeOnly };
}

export function httpAt(location: Evidence, client: string, method: string | null, ...parts: ValuePart[]): HttpCallFact {
  return { kind: 'http-call', location, extractor: 'typescript', client, method, url: value(...parts) };
}

export function listenAt(location: Evidence, ...parts: ValuePart[]): ListenFact {
  return { kind: 'listen', location, extractor: 'typescript', port: value(...parts) };
}

export function exportAt(location: Evidence, name: string, exported: ExportedValue): ExportedValueFact {
  return { kind: 'exported-value', location, extractor: 'typescript', name, value: exported };
}
