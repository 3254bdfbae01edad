/** Options every reporter receives; kept apart so reporters and the registry do not import each other. */

/**
 * What the caller decided about the output channel. Reporters stay pure: anything they would otherwise read from
 * the environment (TTY, NO_COLOR, cwd) arrives here. Later formats (SARIF, markdown, HTML) add optional fields.
 */
export interface ReporterOptions {
  /** Emit ANSI colors. The CLI never sets it for machine formats or files. */
  color: boolean;
}
