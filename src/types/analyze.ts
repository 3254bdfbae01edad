/** The programmatic API's options: `analyze(options): Promise<Result>`. */

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
}
