/** Findings: what a rule reports. */
import type { Evidence, SourceLocation } from './location.js';

export type Severity = 'error' | 'warning' | 'note';
/** Configured level of a rule; `off` disables it. */
export type RuleLevel = Severity | 'off';

/** A secondary location: the other side of a cross-service problem. */
export interface RelatedLocation extends SourceLocation {
  /** What this location is, in a few words: `payments calls orders here`. */
  message: string;
}

export interface Finding {
  ruleId: string;
  severity: Severity;
  messageId: string;
  /** Full message: what is wrong, why it hurts, what to do. */
  message: string;
  /** Values interpolated into the message template. */
  data: Record<string, string | number>;
  /** The line that declares the offending thing; `line >= 1`. */
  location: Evidence;
  related: RelatedLocation[];
  /** Services involved, sorted. */
  services: string[];
  /** Node keys of a cycle or chain, in order, when the finding is about a path. */
  path?: string[];
  /** Stable across line moves: hash of rule id and the semantic key the rule reported. */
  fingerprint: string;
}
