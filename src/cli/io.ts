/** The CLI's window on the world, injected so `runCli` can be tested without spawning a process. */

/** Everything the CLI reads from or writes to its environment, apart from stat-ing the analyzed path. */
export interface CliIo {
  stdout(text: string): void;
  stderr(text: string): void;
  stderrIsTTY: boolean;
  stdoutIsTTY: boolean;
  env: Record<string, string | undefined>;
  /** Directory that relative paths on the command line are resolved against. */
  cwd: string;
  /** Writes a file, creating its parent folders. `path` is absolute. */
  writeFile(path: string, data: string): void;
}

/** Exit codes: the CI contract. */
export const ExitCode = {
  /** The gate passed. */
  ok: 0,
  /** Findings at or above `--fail-on`. */
  findings: 1,
  /** Usage or config error, or an internal error: the verdict cannot be trusted. */
  error: 2,
} as const;
