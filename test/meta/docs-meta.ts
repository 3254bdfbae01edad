/** Renders the generated metadata block of a rule's docs page from the rule's `meta`. */
import type { Rule } from '../../src/types/index.js';

export function renderMetaBlock(rule: Rule<unknown, string>): string {
  const { meta } = rule;
  const defaults = Object.entries(meta.defaultOptions ?? {});
  const options =
    defaults.length === 0
      ? 'none'
      : defaults.map(([key, value]) => `\`${key}\` (default \`${JSON.stringify(value)}\`)`).join(', ');
  return [
    '<!-- meta:start -->',
    '| | |',
    '|---|---|',
    `| Severity | \`${meta.severity}\` |`,
    `| Category | ${meta.category} |`,
    `| Recommended | ${meta.recommended ? 'yes' : 'no'} |`,
    `| Precision | ${meta.precision} |`,
    `| Options | ${options} |`,
    `| Since | ${meta.since} |`,
    '<!-- meta:end -->',
  ].join('\n');
}
