/** Shorthands for expected inventories in discovery tests. */
import { configSchema, type ArchcheckConfigInput } from '../../src/config/schema.js';
import { discoverServices } from '../../src/discover/services.js';
import type { Deployment, Fact, Library, Service, ServiceEvidence } from '../../src/types/index.js';

export function discover(facts: Fact[], files: string[] = [], input: ArchcheckConfigInput = {}, configFile?: string) {
  return discoverServices({ facts, files, config: configSchema.parse(input), ...(configFile === undefined ? {} : { configFile }) });
}

/** Evidence at line 1 of a file, unless a line (and a snippet, as compose facts carry) is given. */
export function ev(file: string, kind: ServiceEvidence['kind'], detail: string, line = 1, snippet?: string): ServiceEvidence {
  return { file, line, ...(snippet === undefined ? {} : { snippet }), kind, detail };
}

export function service(name: string, root: string, packageName: string | null, evidence: ServiceEvidence[], extra: Partial<Service> = {}): Service {
  return { name, root, packageName, hostnames: [], deployments: [], evidence, ...extra };
}

export function library(name: string, root: string, packageName: string | null, evidence: ServiceEvidence[]): Library {
  return { name, root, packageName, evidence };
}

export function composeDeployment(name: string, file = 'docker-compose.yml'): Deployment {
  return { kind: 'compose', name, namespace: null, file };
}

export function k8sDeployment(name: string, namespace: string, file: string): Deployment {
  return { kind: 'k8s', name, namespace, file };
}

/** The evidence a workspace member with no deploy signal gets. */
export function workspaceEv(dir: string, glob: string, declaredIn = 'package.json'): ServiceEvidence {
  return ev(`${dir}/package.json`, 'workspace', `workspace package (${glob} in ${declaredIn}) with no deploy signal`);
}
