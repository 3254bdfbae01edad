/** The `text` reporter: a human report for terminals, ESLint-stylish-like. Pure: no I/O, no clock, no env. */
import type { Finding } from '../types/finding.js';
import type { Result } from '../types/result.js';
import { createStyle, type Style } from './ansi.js';
import type { ReporterOptions } from './options.js';
import { sanitize } from './sanitize.js';
import { renderAnalysisErrors, renderFindings } from './terminal-findings.js';
import { topicCount } from './terminal-messaging.js';
import { renderSystemSummary } from './terminal-summary.js';
import { count } from './text-format.js';

/**
 * Renders the Result as text: system summary, findings by file, analysis errors, then one summary line.
 * Every repository-sourced string is sanitized; colors only when `options.color` is true.
 */
export function terminalReporter(result: Result, options: ReporterOptions): string {
  const style = createStyle(options.color);
  const sections = [
    renderSystemSummary(result, style),
    renderFindings(result.findings, style),
    renderAnalysisErrors(result.errors, style),
    [renderSummaryLine(result, style)],
  ].filter((section) => section.length > 0);
  return `${sections.map((section) => section.join('\n')).join('\n\n')}\n`;
}

/** `✖ 3 problems (2 errors, 1 warning) · 4 services · 7 sync calls (1 unresolved) · 2 topics · score: unscored`. */
function renderSummaryLine(result: Result, style: Style): string {
  const tallies = tally(result.findings);
  const facts = [count(result.services.length, 'service')];
  const { total, unresolved } = result.stats.calls;
  facts.push(unresolved > 0 ? `${count(total, 'sync call')} (${unresolved} unresolved)` : count(total, 'sync call'));
  const topics = topicCount(result);
  if (topics > 0) facts.push(count(topics, 'topic'));
  // Not "files not analyzed": a warning (invalid encoding, slow file) or several errors in one file would make that a lie.
  if (result.errors.length > 0) facts.push(count(result.errors.length, 'analysis error'));
  facts.push(`score: ${renderScore(result)}`);
  const tail = ` · ${facts.join(' · ')}`;

  if (result.findings.length === 0) return style.green(style.bold('✔ No architecture problems found')) + tail;
  const parts = [count(tallies.error, 'error'), count(tallies.warning, 'warning')];
  // Notes are informational: mention them only when there are some, as ESLint does with fixable counts.
  if (tallies.note > 0) parts.push(count(tallies.note, 'note'));
  const head = `✖ ${count(result.findings.length, 'problem')} (${parts.join(', ')})`;
  const paint = tallies.error > 0 ? style.red : tallies.warning > 0 ? style.yellow : style.dim;
  return paint(style.bold(head)) + tail;
}

function renderScore(result: Result): string {
  const { verdict, distributedMonolithRisk } = result.score;
  if (verdict === 'unscored' || distributedMonolithRisk === null) return sanitize(verdict);
  return `${sanitize(verdict)} (distributed-monolith risk ${distributedMonolithRisk}/100)`;
}

function tally(findings: readonly Finding[]): Record<Finding['severity'], number> {
  const tallies = { error: 0, warning: 0, note: 0 };
  for (const finding of findings) tallies[finding.severity] += 1;
  return tallies;
}
