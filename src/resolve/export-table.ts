/**
 * Exports of the repository's own modules by file and name, found from an import the way Node and TypeScript
 * would: the resolved file (or a workspace package's source entry), then through its re-exports
 * (`export * from './breaker'`, `export { api } from './http'`) a few levels deep.
 */
import type { Fact } from '../types/index.js';
import type { ModuleResolver } from './modules.js';

/** Source entries probed when a workspace package resolves to its folder (its `main` points at build output). */
const PACKAGE_ENTRIES = ['src/index.ts', 'src/index.js', 'index.ts', 'index.js', 'src/main.ts'];
const MAX_REEXPORT_DEPTH = 6;

export interface ExportTable<T> {
  byFile: ReadonlyMap<string, ReadonlyMap<string, T>>;
  /** Specifiers each file re-exports from. */
  reexports: ReadonlyMap<string, readonly string[]>;
}

/** Indexes the exports `pick` finds in each fact (the last one of a name in a file wins). */
export function buildExportTable<T>(facts: readonly Fact[], pick: (fact: Fact) => readonly { name: string; value: T }[]): ExportTable<T> {
  const byFile = new Map<string, Map<string, T>>();
  const reexports = new Map<string, string[]>();
  for (const fact of facts) {
    const file = fact.location.file;
    if (fact.kind === 'import' && fact.importKind === 'reexport') {
      reexports.set(file, [...(reexports.get(file) ?? []), fact.specifier]);
      continue;
    }
    for (const entry of pick(fact)) {
      let names = byFile.get(file);
      if (names === undefined) byFile.set(file, (names = new Map()));
      names.set(entry.name, entry.value);
    }
  }
  return { byFile, reexports };
}

/** Export `name` of the module `specifier` names from `fromFile`, with the file that declares it; else null. */
export function lookupExport<T>(
  table: ExportTable<T>,
  specifier: string,
  fromFile: string,
  name: string,
  modules: ModuleResolver,
  depth = 0,
): { file: string; value: T } | null {
  const resolved = modules.resolve(specifier, fromFile);
  if (resolved === null) return null;
  const candidates = [resolved.path, ...PACKAGE_ENTRIES.map((entry) => `${resolved.path}/${entry}`)];
  const file = candidates.find((candidate) => table.byFile.has(candidate) || table.reexports.has(candidate));
  if (file === undefined) return null;
  const value = table.byFile.get(file)?.get(name);
  if (value !== undefined) return { file, value };
  if (depth >= MAX_REEXPORT_DEPTH) return null;
  for (const inner of table.reexports.get(file) ?? []) {
    const found = lookupExport(table, inner, file, name, modules, depth + 1);
    if (found !== null) return found;
  }
  return null;
}
