/** The CLI's flow: parse, check inputs, analyze with progress, render, write, and map the outcome to an exit code. */
import { statSync } from 'node:fs';
import { resolve } from 'node:path';
import { ConfigurationError } from '../config/errors.js';
import { reporters, type Format } from '../report/index.js';
import { sanitize } from '../report/sanitize.js';
import type { AnalyzeOptions } from '../types/analyze.js';
import type { Model } from '../types/model.js';
import type { Result } from '../types/result.js';
import { toolVersion } from '../version.js';
import { fatalError, parseArgs, usageError, type CliOptions } from './args.js';
import { decideColor, decideProgress } from './color.js';
import { explainEdge, parseTrace } from './explain.js';
import { failsGate } from './gate.js';
import { ExitCode, type CliIo } from './io.js';
import { createProgressLine, type ProgressLine } from './progress.js';

export type { CliIo } from './io.js';
export { ExitCode } from './io.js';

/** The analysis entry point, injected so tests can hand in a recorded Result. */
export type AnalyzeFn = (options: AnalyzeOptions) => Promise<Result>;

/** The per-file budget under `--timeout`: a file slower than this is reported as `slow-file`. */
const FILE_BUDGET_MS = 10_000;

/**
 * Runs archcheck with `argv` (without node and script) and returns the exit code: 0 gate passed, 1 findings at or
 * above `--fail-on`, 2 usage, config or internal error. Never calls `process.exit`, never throws.
 * Problems inside the analyzed repository are not errors of the run: they are in `Result.errors`.
 */
export async function runCli(argv: string[], io: CliIo, analyze: AnalyzeFn): Promise<number> {
  let debug = argv.includes('--debug');
  try {
    const parsed = parseArgs(argv, io, toolVersion());
    if (parsed.kind === 'exit') return parsed.code;
    const { options } = parsed;
    debug = options.debug;

    const root = resolve(io.cwd, options.path);
    const configFile = options.config === undefined ? undefined : resolve(io.cwd, options.config);
    const problem = checkInputs(options, root, configFile);
    if (problem !== undefined) {
      usageError(io, problem);
      return ExitCode.error;
    }

    const trace = options.trace === undefined ? undefined : parseTrace(options.trace);
    if (trace === null) {
      usageError(io, `option '--trace <from,to>' argument '${options.trace ?? ''}' is invalid: expected two names, like orders,payments`);
      return ExitCode.error;
    }
    let model: Model | undefined;
    // The model is only captured when asked for: the recorded options stay what they were otherwise.
    const onModel = trace === undefined ? undefined : (resolved: Model): void => void (model = resolved);
    const result = await analyzeWithProgress(analyze, io, options, root, configFile, onModel);
    if (result.kind === 'failed') {
      // ConfigurationError is the one error analyze throws on purpose: the user's to fix, so no "internal".
      if (result.error instanceof ConfigurationError) fatalError(io, errorMessage(result.error));
      else internalError(io, result.error, debug);
      return ExitCode.error;
    }
    if (trace !== undefined) {
      io.stdout(model === undefined ? 'No model to explain: the analysis did not reach the resolve stage.\n' : explainEdge(model, trace.from, trace.to));
      return ExitCode.ok;
    }
    if (!emitReport(result.value, options, io)) return ExitCode.error;
    return failsGate(result.value.findings, options.failOn) ? ExitCode.findings : ExitCode.ok;
  } catch (error) {
    internalError(io, error, debug);
    return ExitCode.error;
  }
}

/** Why the inputs cannot be analyzed, or undefined when they can. */
function checkInputs(options: CliOptions, root: string, configFile: string | undefined): string | undefined {
  const rootKind = pathKind(root);
  if (rootKind === 'missing') return `path does not exist: ${options.path}`;
  if (rootKind !== 'directory') return `path is not a directory: ${options.path}`;
  if (configFile === undefined) return undefined;
  const configKind = pathKind(configFile);
  if (configKind === 'missing') return `config file not found: ${options.config ?? configFile}`;
  if (configKind !== 'file') return `config file is not a file: ${options.config ?? configFile}`;
  return undefined;
}

function pathKind(path: string): 'missing' | 'directory' | 'file' | 'other' {
  try {
    const stats = statSync(path);
    return stats.isDirectory() ? 'directory' : stats.isFile() ? 'file' : 'other';
  } catch {
    return 'missing';
  }
}

type Outcome = { kind: 'done'; value: Result } | { kind: 'failed'; error: unknown };

async function analyzeWithProgress(
  analyze: AnalyzeFn,
  io: CliIo,
  options: CliOptions,
  root: string,
  configFile: string | undefined,
  onModel?: (model: Model) => void,
): Promise<Outcome> {
  const showProgress = decideProgress({ flag: options.progress, env: io.env, stderrIsTTY: io.stderrIsTTY });
  // The CLI may read the clock (reporters may not): it only paces redraws.
  const line: ProgressLine | undefined = showProgress ? createProgressLine(io.stderr, Date.now) : undefined;
  const analyzeOptions: AnalyzeOptions = {
    root,
    ...(configFile === undefined ? {} : { configFile }),
    ...(line === undefined ? {} : { onProgress: line.update }),
    ...(options.timeout === undefined ? {} : budgets(options.timeout)),
    ...(onModel === undefined ? {} : { onModel }),
  };
  try {
    return { kind: 'done', value: await analyze(analyzeOptions) };
  } catch (error) {
    return { kind: 'failed', error };
  } finally {
    line?.clear();
  }
}

/** `--timeout` seconds → the overall budget, and a per-file budget never longer than the overall one. */
function budgets(seconds: number): Pick<AnalyzeOptions, 'timeoutMs' | 'fileTimeoutMs'> {
  const timeoutMs = Math.round(seconds * 1000);
  return { timeoutMs, fileTimeoutMs: Math.min(FILE_BUDGET_MS, timeoutMs) };
}

/** Renders and writes the report; false (after printing why) when the output file cannot be written. */
function emitReport(result: Result, options: CliOptions, io: CliIo): boolean {
  const toFile = options.outputFile !== undefined;
  const color = decideColor({
    flag: options.color,
    format: options.format,
    toFile,
    env: io.env,
    stdoutIsTTY: io.stdoutIsTTY,
  });
  const report = reporters[options.format](result, { color });
  // Every format: CI logs often keep only stderr, and machine formats bury the errors in data. One line each.
  printAnalysisErrors(result, io);
  if (options.outputFile === undefined) {
    io.stdout(report);
    return true;
  }
  try {
    io.writeFile(resolve(io.cwd, options.outputFile), report);
  } catch (error) {
    fatalError(io, `cannot write ${options.outputFile}: ${errorMessage(error)}`);
    return false;
  }
  io.stderr(`archcheck: wrote ${options.format} report to ${sanitize(options.outputFile)}${tally(result, options.format)}\n`);
  return true;
}

/** ` (3 problems, 1 analysis error)`: enough for someone who only sees stderr to know whether to look. */
function tally(result: Result, format: Format): string {
  const parts = [plural(result.findings.length, 'problem')];
  if (format === 'text' && result.errors.length > 0) parts.push(plural(result.errors.length, 'analysis error'));
  return ` (${parts.join(', ')})`;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

function printAnalysisErrors(result: Result, io: CliIo): void {
  for (const error of result.errors) {
    const place = error.line === undefined ? error.file : `${error.file}:${error.line}`;
    io.stderr(`archcheck: ${sanitize(place)}: ${sanitize(error.message)} [${sanitize(error.code)}]\n`);
  }
}

/** One line, `archcheck: internal error: …`; the stack only with `--debug`. */
function internalError(io: CliIo, error: unknown, debug: boolean): void {
  io.stderr(`archcheck: internal error: ${sanitize(errorMessage(error))}\n`);
  if (debug && error instanceof Error && error.stack !== undefined) {
    io.stderr(`${error.stack.split('\n').map(sanitize).join('\n')}\n`);
  }
}

function errorMessage(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  // One line: a multi-line message would break the "one line per problem" promise on stderr.
  return message.split('\n')[0] ?? '';
}
