/** The graph stage's contract: a typed graphology multigraph plus what is derived from it once. */
import type { MultiDirectedGraph } from 'graphology';
import type { Confidence, Evidence } from './location.js';
import type { DatabaseConnection } from './model-data.js';
import type { Model, ResolvedCall, ResolvedImport, ResolvedMessage, SyncProtocol } from './model.js';

/** Node keys are namespaced: `service:orders`, `library:shared-utils`, `external:api.stripe.com`, `unknown`. */
export type NodeKey = string;

export type NodeAttributes =
  | { type: 'service'; name: string; root: string }
  | { type: 'library'; name: string; root: string }
  | { type: 'external'; host: string }
  | { type: 'topic'; broker: string; name: string }
  | { type: 'database'; id: string; engine: string }
  | { type: 'table'; name: string; owner: string | null; database: string | null }
  | { type: 'unknown' };

/** Edge kinds of the public contract; `async` and `database` arrive with later extractors. */
export type EdgeKind = 'sync' | 'async' | 'database' | 'import';

/** One edge per call site or import site; the Result aggregates them per (from, to, kind, protocol). */
export type EdgeAttributes =
  | { kind: 'sync'; protocol: SyncProtocol; location: Evidence; confidence: Confidence; call: ResolvedCall }
  | { kind: 'async'; protocol: string; location: Evidence; confidence: Confidence; message: ResolvedMessage }
  | { kind: 'import'; protocol: 'import'; location: Evidence; confidence: Confidence; import: ResolvedImport }
  | { kind: 'database'; protocol: string; location: Evidence; confidence: Confidence; connection: DatabaseConnection };

export type ArchMultiGraph = MultiDirectedGraph<NodeAttributes, EdgeAttributes>;

/** Computed once after the graph is built; rules read it and never recompute. */
export interface Derived {
  /**
   * Strongly connected components of the service-to-service synchronous call graph with two or more services,
   * each sorted by key, the list sorted by first key.
   */
  syncCycles: NodeKey[][];
  /**
   * For each service with a synchronous call to another service, the longest simple chain of service-to-service
   * synchronous calls starting there (node keys, first is the service), ties broken by key order.
   */
  syncChains?: Record<NodeKey, NodeKey[]>;
}

/** What rules receive: the graph, derived data and the resolved model behind them. Read-only by convention. */
export interface ArchGraph {
  graph: ArchMultiGraph;
  derived: Derived;
  model: Model;
}
