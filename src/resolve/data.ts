/** Data ownership in one call: database containers → per-service connections → owned tables and references. */
import type { DataModel, Fact } from '../types/index.js';
import type { OwnerOf } from '../discover/owner.js';
import type { ServiceEnvironment } from './environment.js';
import type { ModuleResolver } from './modules.js';
import { resolveConnections } from './connections.js';
import { buildDbHosts } from './db-hosts.js';
import { resolveData } from './tables.js';
import type { ExportIndex } from './values.js';

export interface DataInput {
  facts: readonly Fact[];
  owners: OwnerOf;
  environments: ReadonlyMap<string, ServiceEnvironment>;
  exports: ExportIndex;
  modules: ModuleResolver;
}

/** The {@link DataModel} of a repository. */
export function resolveDataModel(input: DataInput): DataModel {
  const connections = resolveConnections({
    facts: input.facts,
    owners: input.owners,
    environments: input.environments,
    hosts: buildDbHosts(input.facts),
    context: (service) => ({
      service,
      env: input.environments.get(service) ?? new Map(),
      exports: input.exports,
      modules: input.modules,
    }),
  });
  return resolveData(input.facts, input.owners, connections);
}
