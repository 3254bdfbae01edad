/** A CliIo for running the real CLI in tests: stdout dropped, stderr and every file written recorded. */
import type { CliIo } from '../../src/cli/io.js';
import { writeFileCreatingFolders } from '../../src/cli/process-io.js';

export interface RecordingIo {
  io: CliIo;
  /** Everything written to stderr so far. */
  stderr(): string;
  /** Paths the CLI wrote, in order. */
  written: string[];
}

export function recordingIo(cwd: string): RecordingIo {
  const written: string[] = [];
  let stderr = '';
  return {
    io: {
      stdout: () => undefined,
      stderr: (text) => void (stderr += text),
      stdoutIsTTY: false,
      stderrIsTTY: false,
      env: {},
      cwd,
      writeFile: (path, data) => {
        written.push(path);
        writeFileCreatingFolders(path, data);
      },
    },
    stderr: () => stderr,
    written,
  };
}
