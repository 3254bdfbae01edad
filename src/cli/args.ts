/** Command-line parsing with commander: argv → validated options, or the exit code of --help/--version/usage errors. */
import { Command, CommanderError, Option } from 'commander';
import { formats, isFormat, type Format } from '../report/index.js';
import { sanitize } from '../report/sanitize.js';
import { failOnLevels, isFailOn, type FailOn } from './gate.js';
import { ExitCode, type CliIo } from './io.js';

/** Parsed command line. */
export interface CliOptions {
  /** Repository to analyze, as given (relative to the CLI's cwd). */
  path: string;
  format: Format;
  outputFile: string | undefined;
  failOn: FailOn;
  config: string | undefined;
  /** `--color` true, `--no-color` false, neither undefined. */
  color: boolean | undefined;
  progress: boolean;
  debug: boolean;
  /** `--timeout`: overall wall-clock budget in seconds; undefined means no limit. */
  timeout: number | undefined;
  /** `--trace from,to`: explain the edges between two nodes instead of reporting. */
  trace: string | undefined;
}

/** Either options to run with, or the exit code to return right away. */
export type ParseOutcome = { kind: 'run'; options: CliOptions } | { kind: 'exit'; code: number };

const exitCodesHelp = `
Exit codes:
  0  no findings at or above --fail-on
  1  findings at or above --fail-on
  2  usage or config error, or internal error`;

/** Builds a fresh commander program (no global state, so tests can parse many times). */
function buildProgram(io: CliIo, version: string): Command {
  return new Command('archcheck')
    .description('Find the distributed monolith in a Node/TypeScript service repository.')
    .argument('[path]', 'repository root to analyze', '.')
    .addOption(new Option('-f, --format <format>', 'output format').choices(formats).default('text'))
    .option('-o, --output-file <file>', 'write the report to a file instead of stdout')
    .addOption(
      new Option('--fail-on <severity>', 'lowest severity that fails the run (exit 1)')
        .choices(failOnLevels)
        .default('error'),
    )
    .option('-c, --config <file>', 'config file (default: looked up in the repository root)')
    .option('--color', 'force colors in the text report')
    .option('--no-color', 'disable colors')
    .option('--no-progress', 'do not draw the progress line on stderr')
    .option('--timeout <seconds>', 'wall-clock budget; files left when it runs out are skipped and reported')
    .option('--trace <from,to>', 'explain why edges from one service to another exist, instead of the report')
    .option('--debug', 'print stack traces of internal errors')
    .version(version, '-v, --version', 'print the version')
    .helpOption('-h, --help', 'show this help')
    .addHelpText('after', exitCodesHelp)
    // Suggestions would add a second line to usage errors, which must stay one line.
    .showSuggestionAfterError(false)
    .exitOverride()
    .configureOutput({
      writeOut: io.stdout,
      writeErr: io.stderr,
      // Usage errors are printed by parseArgs in archcheck's own one-line format.
      outputError: () => undefined,
      // Fixed width and no colors keep --help identical everywhere (and testable).
      getOutHelpWidth: () => 80,
      getErrHelpWidth: () => 80,
      getOutHasColors: () => false,
      getErrHasColors: () => false,
    });
}

/**
 * Parses `argv` (without node and script). `--help` and `--version` print to stdout and exit 0; usage errors
 * print `archcheck: error: …` plus a hint on stderr and exit 2.
 */
export function parseArgs(argv: readonly string[], io: CliIo, version: string): ParseOutcome {
  const program = buildProgram(io, version);
  try {
    program.parse([...argv], { from: 'user' });
  } catch (error) {
    if (!(error instanceof CommanderError)) throw error;
    if (error.exitCode === 0) return { kind: 'exit', code: ExitCode.ok };
    usageError(io, error.message.replace(/^error: /, ''));
    return { kind: 'exit', code: ExitCode.error };
  }
  const opts = program.opts();
  const timeout = parseTimeout(opts.timeout);
  if (timeout === null) {
    usageError(io, `option '--timeout <seconds>' argument '${String(opts.timeout)}' is invalid: expected a positive number of seconds`);
    return { kind: 'exit', code: ExitCode.error };
  }
  const format = stringOption(opts.format) ?? 'text';
  const failOn = stringOption(opts.failOn) ?? 'error';
  // Commander already enforced the choices; these checks only narrow the types without casts.
  if (!isFormat(format) || !isFailOn(failOn)) {
    usageError(io, `invalid option value`);
    return { kind: 'exit', code: ExitCode.error };
  }
  return {
    kind: 'run',
    options: {
      path: stringOption(program.processedArgs[0]) ?? '.',
      format,
      outputFile: stringOption(opts.outputFile),
      failOn,
      config: stringOption(opts.config),
      color: typeof opts.color === 'boolean' ? opts.color : undefined,
      progress: opts.progress !== false,
      debug: opts.debug === true,
      timeout,
      trace: stringOption(opts.trace),
    },
  };
}

/** Prints a usage error in the one-line form, plus where to find usage. */
export function usageError(io: CliIo, message: string): void {
  fatalError(io, message);
  io.stderr('Run archcheck --help for usage.\n');
}

/** Prints `archcheck: error: …` as one line: for problems the command line did not cause (config content, I/O). */
export function fatalError(io: CliIo, message: string): void {
  io.stderr(`archcheck: error: ${sanitize(message)}\n`);
}

/** Seconds from `--timeout`: undefined when absent, null when not a positive finite number. */
function parseTimeout(value: unknown): number | undefined | null {
  if (value === undefined) return undefined;
  const text = stringOption(value);
  if (text === undefined || !/^\d{1,9}(?:\.\d{1,6})?$/.test(text.trim())) return null;
  const seconds = Number(text);
  return seconds > 0 ? seconds : null;
}

function stringOption(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}
