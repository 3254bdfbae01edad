/** archcheck's executable entry: wires the real process into runCli and sets the exit code. */
import { analyze } from '../index.js';
import { processIo } from './process-io.js';
import { runCli } from './run.js';

// A reader that goes away (`archcheck | head`) is not an error worth a crash report.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code !== 'EPIPE') throw error;
});

// exitCode rather than process.exit(): exit() can cut off stdout that is still being flushed to a pipe.
process.exitCode = await runCli(process.argv.slice(2), processIo(), analyze);
