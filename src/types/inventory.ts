/** The discover stage's output: which folders are services and which are shared libraries. */
import type { Evidence } from './location.js';

/** Why a folder was taken as a service (or library). */
export type ServiceEvidenceKind =
  | 'config'
  | 'workspace'
  | 'compose-build'
  | 'k8s-workload'
  | 'dockerfile'
  | 'layout'
  | 'server-dependency'
  | 'root-package';

export interface ServiceEvidence extends Evidence {
  kind: ServiceEvidenceKind;
  /** Short human text: `docker-compose.yml builds ./services/orders`. */
  detail: string;
}

/** A deployable unit. `name` is its id everywhere (`service:<name>` in the graph). */
export interface Service {
  name: string;
  /** Repo-relative root folder (`.` for the repository root). */
  root: string;
  /** package.json name, when the root has one. */
  packageName: string | null;
  /** Every name it is reachable by: compose service, container/host names, k8s Deployment and Service names. */
  hostnames: string[];
  /** The deployment units that run this service's code; their env and ports belong to it. */
  deployments: Deployment[];
  evidence: ServiceEvidence[];
}

/** A compose service or Kubernetes workload that runs a service. */
export interface Deployment {
  kind: 'compose' | 'k8s';
  /** Compose service name or workload name. */
  name: string;
  /** Kubernetes namespace (`default` when unset); null for compose. */
  namespace: string | null;
  /** Manifest that declares it, repo-relative. */
  file: string;
}

/** A workspace package that services import but that is not deployed on its own. */
export interface Library {
  name: string;
  root: string;
  packageName: string | null;
  evidence: ServiceEvidence[];
}

export interface Inventory {
  services: Service[];
  libraries: Library[];
}
