/** Reads every walked file once and runs the extractors that match it; one bad file never stops the run. */
import { extractorsFor } from '../extract/index.js';
import { readSourceFile } from '../discover/read.js';
import { redactSecrets } from '../shared/redact.js';
import type { AnalysisError, Fact, Progress } from '../types/index.js';
import { BudgetClock, type ExtractBudget } from './budget.js';

export type { ExtractBudget } from './budget.js';

/**
 * oxc-parser's native parse buffers are released by N-API finalizers, which Node runs from the event loop; a
 * synchronous loop over 5,000 files never lets them run and peak memory grows by ~60 MB. Yielding every few dozen
 * files frees them as we go (and is faster: less memory to manage).
 */
const YIELD_EVERY = 25;
const yieldToEventLoop = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

export interface ExtractAllOutput {
  facts: Fact[];
  errors: AnalysisError[];
  filesByKind: Record<string, number>;
  /** Files not extracted: unreadable, too large, binary, or left when the time budget ran out. */
  skipped: number;
}

/**
 * Extracts `files` (repo-relative) under `root`. Extractor errors are kept with secrets redacted; an extractor that
 * throws becomes one `extractor-failure` error. With a `budget`, files not started before the deadline are skipped
 * and summarized in one `timeout` error, and files slower than the per-file budget get a `slow-file` error.
 */
export async function extractAll(
  root: string,
  files: readonly string[],
  maxFileSize: number,
  onProgress: (progress: Progress) => void,
  budget?: ExtractBudget,
): Promise<ExtractAllOutput> {
  const facts: Fact[] = [];
  const errors: AnalysisError[] = [];
  const filesByKind: Record<string, number> = {};
  const clock = new BudgetClock(budget);
  let skipped = 0;
  for (let index = 0; index < files.length; index++) {
    const path = files[index] ?? '';
    if (index % 100 === 0) onProgress({ stage: 'extract', done: index, total: files.length });
    if (index % YIELD_EVERY === YIELD_EVERY - 1) await yieldToEventLoop();
    if (clock.expired()) {
      const rest = files.slice(index);
      errors.push(clock.skipped(rest));
      skipped += rest.length;
      break;
    }
    const started = clock.start();
    const read = readSourceFile(root, path, maxFileSize);
    if ('error' in read) {
      errors.push(read.error);
      skipped++;
      continue;
    }
    if (read.warning !== undefined) errors.push(read.warning);
    for (const extractor of extractorsFor(path)) {
      filesByKind[extractor.id] = (filesByKind[extractor.id] ?? 0) + 1;
      try {
        const output = extractor.extract(read.file);
        facts.push(...output.facts);
        for (const error of output.errors) errors.push({ ...error, message: redactSecrets(error.message) });
      } catch (error) {
        errors.push({
          file: path,
          stage: 'extract',
          code: 'extractor-failure',
          message: `the ${extractor.id} extractor failed: ${firstLine(error)}`,
        });
      }
    }
    const slow = clock.slowFile(path, started);
    if (slow !== undefined) errors.push(slow);
  }
  onProgress({ stage: 'extract', done: files.length, total: files.length });
  return { facts, errors, filesByKind, skipped };
}

/** The thrown message's first line, secrets redacted and cut short: it may quote the file. */
function firstLine(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const line = (message.split('\n')[0] ?? '').slice(0, 200);
  return redactSecrets(line);
}
