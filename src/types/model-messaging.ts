/** Resolve-stage types for messaging, guards and hard-coded endpoints (issue #3). */
import type { Confidence, Evidence } from './location.js';

/** Synchronous protocols: each is request/response, so the caller waits on the callee. */
export type SyncProtocol = 'http' | 'grpc' | 'nest-rpc' | 'graphql';

/** One guard around a call site: in code (options, instance, wrapper) or in the mesh (Istio policy). */
export interface ResolvedGuard {
  layer: 'code' | 'mesh';
  location: Evidence;
}

/**
 * Why no mesh policy guards a call although the target has policies of that kind: `no-match` when each sits on a
 * route that surely takes other requests (its `match`, or an earlier route's, decides against the call), `undecided`
 * when whether one takes the call cannot be told from the code (unknown URL parts, header conditions, a regex).
 */
export interface MeshGuardMiss {
  reason: 'no-match' | 'undecided';
  /** The first such policy's guard (a route's `timeout`). */
  location: Evidence;
}

/** Guards that protect a call, per kind; null when none was found on either layer. */
export interface ResolvedGuards {
  timeout: ResolvedGuard | null;
  breaker: ResolvedGuard | null;
  retry: ResolvedGuard | null;
  /** Per kind left null: the target's mesh policies of that kind that do not apply to this call. Absent when none. */
  meshMiss?: Partial<Record<'timeout' | 'breaker' | 'retry', MeshGuardMiss>>;
}

/** Where the host of a call's URL was written in code, when it was not taken from a deployment manifest. */
export interface HardcodedHost {
  /** `literal`: written into the URL; `env-default`: the fallback of an env read. */
  source: 'literal' | 'env-default';
  /** The file holding the literal (the call's file or a config module). */
  file: string;
  /** The host (and port) as written. */
  host: string;
}

/** A message published or consumed, resolved to a topic node. */
export interface ResolvedMessage {
  service: string;
  broker: string;
  /** Destination name as rendered. */
  topic: string;
  role: 'publish' | 'consume';
  client: string;
  location: Evidence;
  confidence: Confidence;
  via: string[];
}
