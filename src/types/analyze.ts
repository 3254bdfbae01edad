/** The programmatic API's options: `analyze(options): Promise<Result>`. */
import type { Model } from './model.js';

/** A progress report; the CLI renders it on stderr when that is a TTY. */
export interface Progress {
  stage: 'walk' | 'extract' | 'discover' | 'resolve' | 'graph' | 'check' | 'score';
  /** Units done in this stage (files for `extract`), when countable. */
  done: number;
  /** Units in this stage, 0 when not countable. */
  total: number;
}

export interface AnalyzeOptions {
  /** Repository root to analyze (absolute, or relative to the process working directory). */
  root: string;
  /**
   * Explicit config file. Without it, archcheck looks in `root` for `archcheck.config.json`, `.archcheckrc.json`,
   * `.archcheckrc.yaml`/`.yml` and `package.json#archcheck`.
   */
  configFile?: string;
  /** Called as work advances; must not throw. */
  onProgress?: (progress: Progress) => void;
  /** Receives the resolved model (for `--trace` / explain-edge); errors it throws are ignored. */
  onModel?: (model: Model) => void;
  /**
   * Overall wall-clock budget in milliseconds (CLI `--timeout`). Once spent, files not yet extracted are skipped and
   * summarized in one `timeout` error; the analysis still finishes with what was read. Unset: no limit.
   */
  timeoutMs?: number;
  /**
   * Per-file budget in milliseconds: a file whose extraction took longer is reported as `slow-file` (its facts are
   * kept). Synchronous parsing cannot be interrupted, so this reports rather than stops. Unset: no report.
   */
  fileTimeoutMs?: number;
}
