/** Resolve-stage types for messaging, guards and hard-coded endpoints (issue #3). */
import type { Confidence, Evidence } from './location.js';

/** Synchronous protocols: each is request/response, so the caller waits on the callee. */
export type SyncProtocol = 'http' | 'grpc' | 'nest-rpc' | 'graphql';

/** One guard around a call site: in code (options, instance, wrapper) or in the mesh (Istio policy). */
export interface ResolvedGuard {
  layer: 'code' | 'mesh';
  location: Evidence;
}

/** Guards that protect a call, per kind; null when none was found on either layer. */
export interface ResolvedGuards {
  timeout: ResolvedGuard | null;
  breaker: ResolvedGuard | null;
  retry: ResolvedGuard | null;
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
