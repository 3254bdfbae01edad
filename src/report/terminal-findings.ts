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

/** Renders `Result.errors`, one line each: `path:line  reason  code`. */
export function renderAnalysisErrors(errors: readonly AnalysisError[], style: Style): string[] {
  if (errors.length === 0) return [];
  const places = errors.map((error) => `${sanitize(error.file)}${error.line === undefined ? '' : `:${error.line}`}`);
  const placeWidth = widest(places);
  const lines = errors.map(
    (error, i) =>
      `  ${pad(places[i] ?? '', placeWidth)}  ${sanitize(error.message)}  ${style.dim(sanitize(error.code))}`,
  );
  const heading = `Could not analyze (${errors.length})`;
  return [style.bold(style.yellow(heading)), ...lines];
}
