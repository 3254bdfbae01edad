/** Which service or library a repository file belongs to: the deepest root that contains it. */
import type { Inventory } from '../types/index.js';
import { dirnameOf } from './paths.js';

/** The owner of a file. */
export interface Owner {
  kind: 'service' | 'library';
  name: string;
}

/**
 * Builds a lookup from repo-relative paths to their owner: longest-prefix match on roots, so a file in a service
 * nested inside another (a monolith with an extracted service) belongs to the inner one. Each lookup walks up the
 * path's folders, so it costs the path depth, not the number of services.
 */
export function ownerLookup(inventory: Inventory): (path: string) => Owner | null {
  const byRoot = new Map<string, Owner>();
  // Services after libraries: should a root appear as both, the service claim is the one that holds.
  for (const library of inventory.libraries) byRoot.set(library.root, { kind: 'library', name: library.name });
  for (const service of inventory.services) byRoot.set(service.root, { kind: 'service', name: service.name });
  return (path) => {
    for (let dir = path; ; dir = dirnameOf(dir)) {
      const owner = byRoot.get(dir);
      if (owner !== undefined) return { ...owner };
      if (dir === '.') return null;
    }
  };
}

/** The owner of one repo-relative path (a file or folder); null when it lies in no service or library. */
export function ownerOf(path: string, inventory: Inventory): Owner | null {
  return ownerLookup(inventory)(path);
}

/** A lookup built by {@link ownerLookup}. */
export type OwnerOf = ReturnType<typeof ownerLookup>;
