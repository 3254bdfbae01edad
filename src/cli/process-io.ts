/** The real CliIo: process streams, environment and file system. */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { CliIo } from './io.js';

/** Builds the CliIo of the running process. */
export function processIo(): CliIo {
  return {
    stdout: (text) => void process.stdout.write(text),
    stderr: (text) => void process.stderr.write(text),
    stdoutIsTTY: process.stdout.isTTY === true,
    stderrIsTTY: process.stderr.isTTY === true,
    env: process.env,
    cwd: process.cwd(),
    writeFile: writeFileCreatingFolders,
  };
}

/** Writes `data` to `path`, creating missing parent folders first (`-o reports/archcheck.json`). */
export function writeFileCreatingFolders(path: string, data: string): void {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, data);
}
