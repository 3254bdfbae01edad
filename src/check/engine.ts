/** The check stage: runs enabled rules over the graph with configured severities and options. */
import type { ArchcheckConfig } from '../config/schema.js';
import { ConfigurationError } from '../config/errors.js';
import type { AnalysisError, ArchGraph, Finding, Rule, RuleLevel, Severity } from '../types/index.js';
import { compareStrings } from '../graph/queries/calls.js';
import { fingerprint } from './fingerprint.js';
import { formatMessage } from './format-message.js';

export interface CheckOutput {
  findings: Finding[];
  errors: AnalysisError[];
}

interface EnabledRule {
  rule: Rule<unknown, string>;
  severity: Severity;
  options: unknown;
}

/** Validates rule settings up front: unknown ids and bad options are configuration errors (exit 2). */
export function enabledRules(rules: readonly Rule<unknown, string>[], config: ArchcheckConfig): EnabledRule[] {
  const byId = new Map(rules.map((rule) => [rule.meta.id, rule]));
  for (const id of Object.keys(config.rules)) {
    if (!byId.has(id)) {
      throw new ConfigurationError(`unknown rule '${id}' in config; known rules: ${[...byId.keys()].sort().join(', ')}`);
    }
  }
  const enabled: EnabledRule[] = [];
  for (const rule of rules) {
    const setting = config.rules[rule.meta.id];
    const level: RuleLevel = setting === undefined ? rule.meta.severity : Array.isArray(setting) ? setting[0] : setting;
    if (level === 'off') continue;
    const given = Array.isArray(setting) ? setting[1] : {};
    const parsed = rule.meta.options.safeParse(withTopLevel({ ...toRecord(rule.meta.defaultOptions), ...given }, config));
    if (!parsed.success) {
      const issues = parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; ');
      throw new ConfigurationError(`invalid options for rule '${rule.meta.id}': ${issues}`);
    }
    enabled.push({ rule, severity: level, options: parsed.data });
  }
  return enabled;
}

export function runRules(graph: ArchGraph, enabled: readonly EnabledRule[]): CheckOutput {
  const findings: Finding[] = [];
  const errors: AnalysisError[] = [];
  for (const { rule, severity, options } of enabled) {
    const { meta } = rule;
    try {
      rule.check(graph, {
        options,
        report(report) {
          const template = meta.messages[report.messageId] ?? report.messageId;
          findings.push({
            ruleId: meta.id,
            severity: report.escalate === true ? 'error' : severity,
            messageId: report.messageId,
            message: formatMessage(template, report.data),
            data: report.data,
            location: report.location,
            related: report.related ?? [],
            services: [...report.services].sort(compareStrings),
            ...(report.path === undefined ? {} : { path: report.path }),
            fingerprint: fingerprint(meta.id, report.key),
          });
        },
      });
    } catch (error) {
      // A rule bug must not cost the user the other rules' findings.
      errors.push({
        file: '.',
        stage: 'check',
        code: 'rule-failure',
        message: `rule ${meta.id} failed: ${error instanceof Error ? error.message : String(error)}`,
      });
    }
  }
  return { findings: dedupeFingerprints(findings.sort(compareFindings)), errors };
}

export function compareFindings(a: Finding, b: Finding): number {
  return (
    compareStrings(a.location.file, b.location.file) ||
    a.location.line - b.location.line ||
    (a.location.column ?? 0) - (b.location.column ?? 0) ||
    compareStrings(a.ruleId, b.ruleId) ||
    compareStrings(a.message, b.message)
  );
}

/** Two findings with one semantic key get `:2`, `:3` suffixes, in their sorted order. */
function dedupeFingerprints(findings: Finding[]): Finding[] {
  const seen = new Map<string, number>();
  return findings.map((finding) => {
    const count = (seen.get(finding.fingerprint) ?? 0) + 1;
    seen.set(finding.fingerprint, count);
    return count === 1 ? finding : { ...finding, fingerprint: `${finding.fingerprint}:${count}` };
  });
}

/** Adds top-level config lists a rule also takes as an option (`externalTopics`) to that option. */
function withTopLevel(options: Record<string, unknown>, config: ArchcheckConfig): Record<string, unknown> {
  const own = options['externalTopics'];
  if (!Array.isArray(own) || config.externalTopics.length === 0) return options;
  return { ...options, externalTopics: [...config.externalTopics, ...own] };
}

function toRecord(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null ? { ...value } : {};
}
