/** The resolve stage: facts + inventory → Model (calls resolved to targets, imports across boundaries). */
import type { Fact, Inventory, Model, TsconfigFact } from '../types/index.js';
import { resolveCalls, buildHostDirectory } from './calls.js';
import { resolveCommunication } from './communication.js';
import { buildEnvironments } from './environment.js';
import { resolveImports } from './imports.js';
import { resolveDataModel } from './data.js';
import { ModuleResolver } from './modules.js';
import { linkImportedClients } from './imported-clients.js';
import { callersLookup } from './callers.js';
import { ownerLookup } from '../discover/owner.js';
import { HOLE, indexExports, renderValue } from './values.js';

export interface ResolveInput {
  facts: readonly Fact[];
  inventory: Inventory;
  /** Every walked file, repo-relative. */
  files: readonly string[];
  filesByKind: Record<string, number>;
}

export function resolve(input: ResolveInput): Model {
  const { inventory } = input;
  const owners = ownerLookup(inventory);
  const tsconfigs = input.facts.filter((fact): fact is TsconfigFact => fact.kind === 'tsconfig');
  const packages = [...inventory.services, ...inventory.libraries].flatMap((unit) =>
    unit.packageName === null ? [] : [{ name: unit.packageName, dir: unit.root }],
  );
  const modules = new ModuleResolver(new Set(input.files), tsconfigs, packages);
  // First: calls and ORM access through another module's client become ordinary facts (or go).
  const facts = linkImportedClients(input.facts, modules);
  const environments = buildEnvironments(facts, inventory);
  const exports = indexExports(facts);
  const hosts = buildHostDirectory({
    facts,
    inventory,
    owners,
    renderPort: (fact, service) =>
      renderValue(fact.port, fact.location.file, {
        service,
        env: environments.get(service) ?? new Map(),
        exports,
        modules,
      }).flatMap((rendering) => {
        if (rendering.text.includes(HOLE)) return [];
        const port = Number(rendering.text.trim());
        return Number.isInteger(port) && port > 0 && port < 65536 ? [port] : [];
      }),
  });
  const callers = callersLookup(facts, owners, modules);
  const communication = resolveCommunication(resolveCalls({ facts, owners, environments, exports, modules, hosts, callers }), {
    facts,
    owners,
    environments,
    exports,
    modules,
    hosts,
    callers,
  });
  return {
    inventory,
    calls: communication.calls,
    messages: communication.messages,
    imports: resolveImports(facts, owners, modules),
    filesByKind: input.filesByKind,
    data: resolveDataModel({ facts, owners, environments, exports, modules }),
  };
}
