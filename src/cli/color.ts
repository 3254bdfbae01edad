/** Output decisions from flags, env and TTYs: whether to color the report and whether to draw progress. */
import type { Format } from '../report/index.js';

/** What the color decision depends on. */
export interface ColorInput {
  /** `--color` (true), `--no-color` (false), or neither (undefined). */
  flag: boolean | undefined;
  format: Format;
  /** The report goes to `--output-file`. */
  toFile: boolean;
  env: Record<string, string | undefined>;
  stdoutIsTTY: boolean;
}

/**
 * Decides whether to color the report. Machine formats and files are never colored, whatever the flags say:
 * escape codes in a JSON file or a CI artifact are corruption, not decoration.
 */
export function decideColor(input: ColorInput): boolean {
  if (input.format !== 'text' || input.toFile) return false;
  if (input.flag !== undefined) return input.flag;
  // https://no-color.org: any non-empty value disables.
  if (input.env.NO_COLOR !== undefined && input.env.NO_COLOR !== '') return false;
  const force = input.env.FORCE_COLOR;
  // Node and supports-color read FORCE_COLOR=0 / false as "force off", and any other value (even empty) as on.
  if (force !== undefined) return force !== '0' && force !== 'false';
  return input.stdoutIsTTY;
}

/** Whether to draw the progress line: only for a human watching stderr, never in CI logs. */
export function decideProgress(input: { flag: boolean; env: Record<string, string | undefined>; stderrIsTTY: boolean }): boolean {
  const inCi = input.env.CI !== undefined && input.env.CI !== '';
  return input.flag && input.stderrIsTTY && !inCi;
}
