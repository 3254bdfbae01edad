/** Resolves import facts and keeps those that leave their service: into another service or a library. */
import type { Fact, ResolvedImport } from '../types/index.js';
import type { ModuleResolver } from './modules.js';
import type { OwnerOf } from '../discover/owner.js';
import { isProductionSource } from './production.js';

export function resolveImports(facts: readonly Fact[], owners: OwnerOf, modules: ModuleResolver): ResolvedImport[] {
  const imports: ResolvedImport[] = [];
  for (const fact of facts) {
    if (fact.kind !== 'import' || !isProductionSource(fact.location.file)) continue;
    const from = owners(fact.location.file);
    if (from?.kind !== 'service') continue;
    const resolved = modules.resolve(fact.specifier, fact.location.file);
    if (resolved === null) continue;
    const to = owners(resolved.path);
    if (to === null || (to.kind === 'service' && to.name === from.name)) continue;
    imports.push({
      fromService: from.name,
      toService: to.kind === 'service' ? to.name : null,
      toLibrary: to.kind === 'library' ? to.name : null,
      target: resolved.path,
      specifier: fact.specifier,
      via: resolved.via,
      typeOnly: fact.typeOnly,
      location: fact.location,
    });
  }
  return imports;
}
