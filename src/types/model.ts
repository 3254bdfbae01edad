/** The resolve stage's output: facts linked across files, URLs resolved to services. */
import type { Evidence, Confidence } from './location.js';
import type { Inventory } from './inventory.js';

/** Where a call goes. */
export type CallTarget =
  | { kind: 'service'; service: string }
  | { kind: 'external'; host: string }
  | { kind: 'unknown'; reason: string };

/** A synchronous call site, resolved. */
export interface ResolvedCall {
  /** Calling service. */
  from: string;
  target: CallTarget;
  protocol: 'http';
  client: string;
  method: string | null;
  /** Rendered URL for display: unknown parts as `{…}`, credentials removed. */
  url: string;
  location: Evidence;
  confidence: Confidence;
  /** How the target was found, for `--trace`: `env ORDERS_URL from docker-compose.yml:14 → compose service orders`. */
  via: string[];
}

/** A module import that crosses a service boundary or reaches a library. */
export interface ResolvedImport {
  fromService: string;
  /** Target service, when the imported file lies inside another service's root. */
  toService: string | null;
  /** Target library name, when it lies inside a workspace library. */
  toLibrary: string | null;
  /** Imported file or package folder, repo-relative. */
  target: string;
  specifier: string;
  via: 'relative' | 'alias' | 'package';
  typeOnly: boolean;
  location: Evidence;
}

export interface Model {
  inventory: Inventory;
  calls: ResolvedCall[];
  /** Imports that leave their service's root (to another service or a library); in-service imports are not kept. */
  imports: ResolvedImport[];
  /** Files analyzed, by extractor id. */
  filesByKind: Record<string, number>;
}
