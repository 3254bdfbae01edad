/** Non-fatal analysis problems: what archcheck could not read, and why. They go to `Result.errors`. */

/** Pipeline stage that met the problem. */
export type ErrorStage = 'walk' | 'extract' | 'discover' | 'resolve' | 'config' | 'check';

/** A located, non-fatal problem. The run always goes on. */
export interface AnalysisError {
  /** Repo-relative POSIX path, or `.` for the repository as a whole. */
  file: string;
  line?: number;
  column?: number;
  stage: ErrorStage;
  /** Stable machine-readable code, e.g. `parse-error`, `invalid-yaml`, `file-too-large`. */
  code: string;
  /** One sentence: what could not be read and why. Never contains secrets or control characters. */
  message: string;
}
