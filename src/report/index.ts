/** The reporter registry: output format name → pure function from Result to text. */
import type { Result } from '../types/result.js';
import { jsonReporter } from './json.js';
import type { ReporterOptions } from './options.js';
import { terminalReporter } from './terminal.js';

export type { ReporterOptions } from './options.js';
export { sanitize } from './sanitize.js';

/** Renders a Result. Pure: no console, clock, environment or file system. */
export type Reporter = (result: Result, options: ReporterOptions) => string;

/**
 * Output formats, in the order `--help` lists them. Adding SARIF, markdown or HTML is one entry here plus one
 * module; the CLI derives its `--format` choices from this list.
 */
export const formats = ['text', 'json'] as const;

/** An output format name. */
export type Format = (typeof formats)[number];

/** Reporter per format. */
export const reporters: Record<Format, Reporter> = {
  text: terminalReporter,
  json: jsonReporter,
};

/** Narrows a string (a CLI argument, a config value) to a known format. */
export function isFormat(name: string): name is Format {
  return formats.some((format) => format === name);
}
