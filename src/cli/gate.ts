/** The CI gate: which findings fail the run. */
import type { Finding, Severity } from '../types/finding.js';

/** `--fail-on` values, strictest first. */
export const failOnLevels = ['error', 'warning', 'note', 'none'] as const;

/** Lowest severity that fails the run, or `none`. */
export type FailOn = (typeof failOnLevels)[number];

const rank: Record<Severity, number> = { note: 0, warning: 1, error: 2 };

/** True when some finding is at or above `failOn`; never for `none`. */
export function failsGate(findings: readonly Finding[], failOn: FailOn): boolean {
  if (failOn === 'none') return false;
  const threshold = rank[failOn];
  return findings.some((finding) => rank[finding.severity] >= threshold);
}

/** Narrows a string to a `--fail-on` value. */
export function isFailOn(value: string): value is FailOn {
  return failOnLevels.some((level) => level === value);
}
