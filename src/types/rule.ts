/** The rule contract: metadata plus a check over the graph. */
import type { z } from 'zod';
import type { ArchGraph } from './graph.js';
import type { Evidence } from './location.js';
import type { RelatedLocation, Severity } from './finding.js';

export type RuleCategory = 'data' | 'coupling' | 'resilience' | 'topology' | 'operations';
export type RulePrecision = 'very-high' | 'high' | 'medium' | 'low';

export interface RuleMeta<Options, MessageId extends string> {
  /** kebab-case id, equal to its folder, docs page and fixture folder. Permanent. */
  id: string;
  /** One line, no final period; reused in docs and SARIF `shortDescription`. */
  description: string;
  category: RuleCategory;
  /** Default severity. */
  severity: Severity;
  /** In the recommended preset. */
  recommended: boolean;
  /** SARIF precision: how often a finding is a true positive. */
  precision: RulePrecision;
  /** Message templates with `{name}` slots: what is wrong, why it hurts, what to do. */
  messages: Record<MessageId, string>;
  /** Options schema; every key described. */
  options: z.ZodType<Options>;
  defaultOptions: Options;
  /** Further reading. */
  references: string[];
  /** Version that introduced the rule. */
  since: string;
}

/** What a rule reports; the engine turns it into a {@link Finding}. */
export interface RuleReport<MessageId extends string> {
  messageId: MessageId;
  data: Record<string, string | number>;
  location: Evidence;
  related?: RelatedLocation[];
  services: string[];
  path?: string[];
  /**
   * The semantic identity of the problem, independent of line numbers (e.g. the sorted services of a cycle).
   * Hashed into the fingerprint.
   */
  key: string;
  /**
   * Raises this one finding to `error` when the rule knows it is worse than usual (an unsafe migration whose
   * column running code still reads). Only `error` is accepted, and only when the rule is enabled at all.
   */
  escalate?: boolean;
}

export interface RuleContext<Options, MessageId extends string> {
  options: Options;
  report(report: RuleReport<MessageId>): void;
}

export interface Rule<Options = unknown, MessageId extends string = string> {
  meta: RuleMeta<Options, MessageId>;
  check(graph: ArchGraph, context: RuleContext<Options, MessageId>): void;
}

/** Rule metadata as published in the Result and SARIF. */
export interface RuleDescriptor {
  id: string;
  description: string;
  category: RuleCategory;
  defaultSeverity: Severity;
  recommended: boolean;
  precision: RulePrecision;
  helpUri: string;
}
