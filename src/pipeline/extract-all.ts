/** Reads every walked file once and runs the extractors that match it; one bad file never stops the run. */
import { extractorsFor } from '../extract/index.js';
import { readSourceFile } from '../discover/read.js';
import type { AnalysisError, Fact, Progress } from '../types/index.js';

export interface ExtractAllOutput {
  facts: Fact[];
  errors: AnalysisError[];
  filesByKind: Record<string, number>;
  skipped: number;
}

export function extractAll(
  root: string,
  files: readonly string[],
  maxFileSize: number,
  onProgress: (progress: Progress) => void,
): ExtractAllOutput {
  const facts: Fact[] = [];
  const errors: AnalysisError[] = [];
  const filesByKind: Record<string, number> = {};
  let skipped = 0;
  files.forEach((path, index) => {
    if (index % 100 === 0) onProgress({ stage: 'extract', done: index, total: files.length });
    const read = readSourceFile(root, path, maxFileSize);
    if ('error' in read) {
      errors.push(read.error);
      skipped++;
      return;
    }
    if (read.warning !== undefined) errors.push(read.warning);
    for (const extractor of extractorsFor(path)) {
      filesByKind[extractor.id] = (filesByKind[extractor.id] ?? 0) + 1;
      try {
        const output = extractor.extract(read.file);
        facts.push(...output.facts);
        errors.push(...output.errors);
      } catch (error) {
        errors.push({
          file: path,
          stage: 'extract',
          code: 'extractor-failure',
          message: `the ${extractor.id} extractor failed: ${error instanceof Error ? error.message : String(error)}`,
        });
      }
    }
  });
  onProgress({ stage: 'extract', done: files.length, total: files.length });
  return { facts, errors, filesByKind, skipped };
}
