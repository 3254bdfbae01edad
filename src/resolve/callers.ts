/**
 * Which services a call site runs in. Code of a service runs in that service. Code of a shared library runs in
 * every service that loads it: a NestJS guard in `libs/common` that calls the auth service runs in each service
 * that imports that guard. A call inside an exported declaration belongs to the services importing that export
 * (through re-exporting index files); module-level code to those importing anything of its file.
 */
import type { Fact } from '../types/index.js';
import type { OwnerOf } from '../discover/owner.js';
import { buildExportTable, lookupExport, type ExportTable } from './export-table.js';
import type { ModuleResolver } from './modules.js';
import { isProductionSource } from './production.js';

/** The services a call site in `file` at `line` runs in, and the library it is written in (null in a service). */
export type CallersOf = (file: string, line: number) => { services: string[]; library: string | null };

export function callersLookup(facts: readonly Fact[], owners: OwnerOf, modules: ModuleResolver): CallersOf {
  const ranges = new Map<string, { name: string; from: number; to: number }[]>();
  for (const fact of facts) if (fact.kind === 'export-ranges') ranges.set(fact.location.file, fact.exports);
  const table: ExportTable<true> = buildExportTable(facts, (fact) =>
    fact.kind === 'export-ranges' ? fact.exports.map((entry) => ({ name: entry.name, value: true as const })) : [],
  );
  // `file\0export` → services importing that export; `file` → services loading the file by any import.
  const byExport = new Map<string, Set<string>>();
  const byFile = new Map<string, Set<string>>();
  const note = (map: Map<string, Set<string>>, key: string, service: string): void => {
    let set = map.get(key);
    if (set === undefined) map.set(key, (set = new Set()));
    set.add(service);
  };
  for (const fact of facts) {
    if (fact.kind !== 'import' || fact.typeOnly || !isProductionSource(fact.location.file)) continue;
    const from = owners(fact.location.file);
    if (from?.kind !== 'service') continue;
    const target = modules.resolve(fact.specifier, fact.location.file);
    if (target === null || owners(target.path)?.kind !== 'library') continue;
    note(byFile, target.path, from.name);
    for (const name of fact.names ?? []) {
      if (name === '*') continue;
      const found = lookupExport(table, fact.specifier, fact.location.file, name, modules);
      if (found !== null) {
        note(byExport, `${found.file}\0${name}`, from.name);
        note(byFile, found.file, from.name);
      }
    }
    if (fact.names === undefined || fact.names.includes('*')) note(byFile, target.path, from.name);
  }
  return (file, line) => {
    const owner = owners(file);
    if (owner === null) return { services: [], library: null };
    if (owner.kind === 'service') return { services: [owner.name], library: null };
    const around = (ranges.get(file) ?? []).filter((entry) => entry.from <= line && line <= entry.to);
    const users = new Set<string>();
    if (around.length === 0) for (const service of byFile.get(file) ?? []) users.add(service);
    for (const entry of around) for (const service of byExport.get(`${file}\0${entry.name}`) ?? []) users.add(service);
    return { services: [...users].sort(), library: owner.name };
  };
}
