/** `defineRule`: types a rule's options and message ids from its metadata (like typescript-eslint's createRule). */
import type { Rule, RuleDescriptor } from '../types/index.js';

/** Where rule docs live; every finding, SARIF rule and docs page links here. */
export const RULE_DOCS_BASE = 'https://github.com/archcheck/archcheck/blob/main/docs/rules/';

export function defineRule<Options, MessageId extends string>(rule: Rule<Options, MessageId>): Rule<Options, MessageId> {
  return rule;
}

export function ruleDocsUrl(id: string): string {
  return `${RULE_DOCS_BASE}${id}.md`;
}

export function describeRule(rule: Rule<unknown, string>): RuleDescriptor {
  return {
    id: rule.meta.id,
    description: rule.meta.description,
    category: rule.meta.category,
    defaultSeverity: rule.meta.severity,
    recommended: rule.meta.recommended,
    precision: rule.meta.precision,
    helpUri: ruleDocsUrl(rule.meta.id),
  };
}
