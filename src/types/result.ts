/**
 * The Result: archcheck's public output contract (`--format json`), published as `schema/result.schema.json`.
 * Every array is sorted; nothing depends on the clock or the machine.
 */
import type { AnalysisError } from './errors.js';
import type { Finding } from './finding.js';
import type { Confidence, Evidence } from './location.js';
import type { RuleDescriptor } from './rule.js';
import type { EdgeKind } from './graph.js';
import type { ServiceEvidence } from './inventory.js';

export const SCHEMA_VERSION = '1.0';

export interface ResultService {
  name: string;
  root: string;
  packageName: string | null;
  evidence: ServiceEvidence[];
}

export interface ResultLibrary {
  name: string;
  root: string;
  packageName: string | null;
}

/** All call or import sites between two nodes with one kind and protocol. */
export interface ResultEdge {
  /** Node key: `service:orders`. */
  from: string;
  /** Node key: `service:payments`, `external:api.stripe.com`, `unknown`. */
  to: string;
  kind: EdgeKind;
  /** `http`, `import`, … */
  protocol: string;
  /** Lowest confidence among the sites. */
  confidence: Confidence;
  locations: Evidence[];
}

/** One database identity and its users; filled by the data-ownership extractors. */
export interface ResultDatabase {
  /** Identity without credentials: `db:postgres://pg:5432/shop` (+ `/schema`). */
  id: string;
  engine: string;
  /** Services connecting to it, sorted. */
  usedBy: string[];
  /** Tables created in it by migrations or models, with their owner, sorted by name. */
  tables: ResultTable[];
}

/** A table (or collection) and the service whose migrations or models create it. */
export interface ResultTable {
  /** `schema.table`, or `table` when no schema is known. */
  name: string;
  owner: string | null;
}

export type Verdict =
  | 'unscored'
  | 'monolith'
  | 'modular-monolith'
  | 'distributed-monolith'
  | 'microservices-healthy'
  | 'microservices-at-risk'
  | 'migrating';

export interface ResultScore {
  verdict: Verdict;
  /** 0–100, null while unscored. */
  distributedMonolithRisk: number | null;
  /** 0–100, null while unscored. */
  readiness: number | null;
  pillars: { name: string; score: number; inputs: Record<string, number | string> }[];
  /** Why the score looks the way it does (e.g. that scoring is not built yet). */
  note: string;
}

export interface ResultStats {
  files: { analyzed: number; byKind: Record<string, number>; skipped: number };
  services: number;
  libraries: number;
  calls: { total: number; toServices: number; external: number; unresolved: number };
  /** Share of synchronous call sites whose target was resolved (service or external), 0–1; 1 when there are none. */
  callCoverage: number;
  imports: { crossService: number; toLibraries: number };
  findings: { error: number; warning: number; note: number };
}

export interface Result {
  schemaVersion: typeof SCHEMA_VERSION;
  tool: { name: 'archcheck'; version: string };
  services: ResultService[];
  libraries: ResultLibrary[];
  edges: ResultEdge[];
  databases: ResultDatabase[];
  findings: Finding[];
  rules: RuleDescriptor[];
  score: ResultScore;
  errors: AnalysisError[];
  stats: ResultStats;
}
