/** Test harness for runCli: an in-memory CliIo, a fake analyze, and a temporary repository folder. */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CliIo } from '../../src/cli/io.js';
import { runCli } from '../../src/cli/run.js';
import type { AnalyzeOptions } from '../../src/types/analyze.js';
import type { Result } from '../../src/types/result.js';
import { loadRecordedResult } from '../report/recorded-results.js';

/** What a run printed, wrote and passed to analyze. */
export interface RunRecord {
  code: number;
  stdout: string;
  stderr: string;
  files: Map<string, string>;
  calls: AnalyzeOptions[];
}

export interface RunSetup {
  io?: Partial<CliIo>;
  /** A recorded Result name, a Result, or a function standing in for analyze. */
  analyze?: string | Result | ((options: AnalyzeOptions) => Promise<Result>);
}

/** A fresh folder with a `repo/` directory and a `file.txt`, usable as cwd. */
export function makeWorkspace(): string {
  const dir = mkdtempSync(join(tmpdir(), 'archcheck-cli-'));
  mkdirSync(join(dir, 'repo'));
  writeFileSync(join(dir, 'file.txt'), 'not a directory');
  writeFileSync(join(dir, 'archcheck.config.json'), '{}');
  return dir;
}

/** Runs the CLI in memory. Defaults: non-TTY streams, empty env, the distributed-monolith Result. */
export async function run(argv: string[], setup: RunSetup = {}): Promise<RunRecord> {
  const record: RunRecord = { code: -1, stdout: '', stderr: '', files: new Map(), calls: [] };
  const io: CliIo = {
    stdout: (text) => void (record.stdout += text),
    stderr: (text) => void (record.stderr += text),
    stdoutIsTTY: false,
    stderrIsTTY: false,
    env: {},
    cwd: makeWorkspace(),
    writeFile: (path, data) => void record.files.set(path, data),
    ...setup.io,
  };
  const source = setup.analyze ?? 'distributed-monolith.json';
  const analyze = async (options: AnalyzeOptions): Promise<Result> => {
    record.calls.push(options);
    if (typeof source === 'function') return source(options);
    return typeof source === 'string' ? loadRecordedResult(source) : source;
  };
  record.code = await runCli(argv, io, analyze);
  return record;
}
