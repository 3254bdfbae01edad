/** The resolve stage's output: facts linked across files, URLs resolved to services. */
import type { Evidence, Confidence } from './location.js';
import type { Inventory } from './inventory.js';
import type { DataModel } from './model-data.js';
import type { HardcodedHost, ResolvedGuards, ResolvedMessage, SyncProtocol } from './model-messaging.js';

export type * from './model-messaging.js';

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
  protocol: SyncProtocol;
  client: string;
  method: string | null;
  /** Rendered URL for display: unknown parts as `{…}`, credentials removed. */
  url: string;
  location: Evidence;
  confidence: Confidence;
  /** How the target was found, for `--trace`: `env ORDERS_URL from docker-compose.yml:14 → compose service orders`. */
  via: string[];
  /** Timeout, breaker and retry protecting the call, code or mesh (absent before guards are resolved). */
  guards?: ResolvedGuards;
  /** Set when the target's host was written in code rather than configured. */
  hardcoded?: HardcodedHost;
  /** The callee's route handler the call's method and path match (HTTP calls to a service; absent when none did). */
  route?: Evidence;
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
  /** Messages published and consumed, resolved to topics (absent when no messaging was analyzed). */
  messages?: ResolvedMessage[];
  /** Files analyzed, by extractor id. */
  filesByKind: Record<string, number>;
  /** Databases, table owners, foreign keys, table access and migration steps (absent when not resolved). */
  data?: DataModel;
}
