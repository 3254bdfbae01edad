/** The text report's body: findings grouped by file (ESLint "stylish"-like) and the files that could not be read. */
import type { AnalysisError } from '../types/errors.js';
import type { Finding, Severity } from '../types/finding.js';
import type { Style } from './ansi.js';
import { sanitize } from './sanitize.js';
import { compareStrings, formatLocation, nodeLabel, pad, widest } from './text-format.js';

/** Paints a severity label in its color: red errors, yellow warnings, dim notes. */
export function paintSeverity(severity: Severity, text: string, style: Style): string {
  if (severity === 'error') return style.red(text);
  if (severity === 'warning') return style.yellow(text);
  return style.dim(text);
}

/** Renders findings grouped by file, files in path order, findings by line then column; blank line between files. */
export function renderFindings(findings: readonly Finding[], style: Style): string[] {
  const byFile = new Map<string, Finding[]>();
  for (const finding of findings) {
    const group = byFile.get(finding.location.file) ?? [];
    group.push(finding);
    byFile.set(finding.location.file, group);
  }
  const files = [...byFile.keys()].sort(compareStrings);
  const lines: string[] = [];
  for (const file of files) {
    if (lines.length > 0) lines.push('');
    lines.push(...renderFile(file, byFile.get(file) ?? [], style));
  }
  return lines;
}

function renderFile(file: string, findings: Finding[], style: Style): string[] {
  // Array.prototype.sort is stable, so findings on the same spot keep the Result's order.
  const sorted = [...findings].sort(
    (a, b) => a.location.line - b.location.line || (a.location.column ?? 0) - (b.location.column ?? 0),
  );
  const positions = sorted.map(({ location }) =>
    location.column === undefined ? `${location.line}` : `${location.line}:${location.column}`,
  );
  const positionWidth = widest(positions);
  const severityWidth = widest(sorted.map((finding) => finding.severity));
  const lines = [style.underline(style.bold(sanitize(file)))];
  sorted.forEach((finding, i) => {
    const position = style.dim(pad(positions[i] ?? '', positionWidth));
    const severity = paintSeverity(finding.severity, pad(finding.severity, severityWidth), style);
    lines.push(`  ${position}  ${severity}  ${sanitize(finding.message)}  ${style.dim(sanitize(finding.ruleId))}`);
    for (const related of finding.related) {
      lines.push(`    ${style.dim(`↳ ${formatLocation(related)}`)} ${sanitize(related.message)}`);
    }
    if (finding.path !== undefined && finding.path.length > 0) {
      lines.push(`    ${style.dim('path:')} ${finding.path.map(nodeLabel).join(' → ')}`);
    }
  });
  return lines;
}

/** Beyond this many files with one and the same problem, the terminal shows a few and counts the rest. */
const SAME_PROBLEM_LIMIT = 5;
const SAME_PROBLEM_SHOWN = 3;

/**
 * Renders `Result.errors`, one line each: `path:line  reason  code`. Thirty Helm templates that all say "render me
 * first" would bury the one real syntax error, so a problem shared by many files shows its first few and a count;
 * the JSON report keeps every entry.
 */
export function renderAnalysisErrors(errors: readonly AnalysisError[], style: Style): string[] {
  if (errors.length === 0) return [];
  const problem = (error: AnalysisError): string => `${error.code}\0${error.message}`;
  const totals = new Map<string, number>();
  for (const error of errors) totals.set(problem(error), (totals.get(problem(error)) ?? 0) + 1);
  const shownSoFar = new Map<string, number>();
  const shown = errors.filter((error) => {
    const key = problem(error);
    const count = (shownSoFar.get(key) ?? 0) + 1;
    shownSoFar.set(key, count);
    return (totals.get(key) ?? 0) <= SAME_PROBLEM_LIMIT || count <= SAME_PROBLEM_SHOWN;
  });
  const places = shown.map((error) => `${sanitize(error.file)}${error.line === undefined ? '' : `:${error.line}`}`);
  const placeWidth = widest(places);
  const lines = shown.map(
    (error, i) =>
      `  ${pad(places[i] ?? '', placeWidth)}  ${sanitize(error.message)}  ${style.dim(sanitize(error.code))}`,
  );
  for (const [key, total] of totals) {
    if (total <= SAME_PROBLEM_LIMIT) continue;
    const code = key.slice(0, key.indexOf('\0'));
    lines.push(`  ${style.dim(`… and ${total - SAME_PROBLEM_SHOWN} more with the same problem (${sanitize(code)}); --format json lists them all`)}`);
  }
  const heading = `Could not analyze (${errors.length})`;
  return [style.bold(style.yellow(heading)), ...lines];
}
