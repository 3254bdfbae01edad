// Issue #5: every extractor in the registry, present and future, gets random and mutated input and must never throw,
// never crash internally, and finish in bounded time. Run counts are small so the suite stays fast on 2 cores.
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { extractors } from '../../src/extract/index.js';
import type { ExtractOutput, SourceFile } from '../../src/types/index.js';
import { mutatedFile, randomFile, samplesByExtractor } from './samples.js';

/** A generous ReDoS guard per input (inputs are at most ~30 KB): a hang, not a slow machine, trips it. */
const MAX_MS_PER_INPUT = 3_000;

/** Fragments whose long repetition trips quadratic regexes: spaces, quotes, separators, nesting, keys. */
const LONG_RUNS = [' ', 'a', '"', "'", 'a:', '- ', '${', '/*', '\\', 'k=', '((', '[{', '\n\t', '://', '&a ', '-- ', '@@'];

beforeAll(async () => {
  // Extractors with async setup (WebAssembly parsers) must be ready, as analyze makes them.
  await Promise.all(extractors.map((extractor) => extractor.prepare?.()));
}, 60_000);

/** Runs one extraction and checks the contract every extractor owes, whatever the input. */
function checkContract(extract: (file: SourceFile) => ExtractOutput, file: SourceFile): void {
  const started = performance.now();
  let output: ExtractOutput | undefined;
  expect(() => (output = extract(file))).not.toThrow();
  expect(performance.now() - started).toBeLessThan(MAX_MS_PER_INPUT);
  if (output === undefined) return;
  expect(Array.isArray(output.facts)).toBe(true);
  for (const error of output.errors) {
    expect(error.file).toBe(file.path);
    expect(error.stage).toBe('extract');
    expect(typeof error.message).toBe('string');
    // A caught crash is still a crash: the extractor should report what is wrong with the input instead.
    expect(error.code, error.message).not.toBe('extractor-failure');
    if (error.line !== undefined) expect(Number.isInteger(error.line) && error.line >= 1).toBe(true);
  }
}

describe.each(samplesByExtractor().map((samples) => [samples.extractor.id, samples] as const))('extractor %s', (_id, samples) => {
  it('is covered: some fixture or well-known file name is one it reads (add a fixture otherwise)', () => {
    expect(samples.paths.length).toBeGreaterThan(0);
  });

  it('never throws on random text', () => {
    fc.assert(
      fc.property(randomFile(samples), (file) => checkContract((f) => samples.extractor.extract(f), file)),
      { numRuns: 60 },
    );
  });

  // Long runs of one adversarial fragment: the classic shapes that make backtracking regexes explode.
  it.each(LONG_RUNS)('stays fast on 50 KB of %j', (fragment) => {
    const text = fragment.repeat(Math.ceil(50_000 / fragment.length));
    for (const path of samples.paths.slice(0, 1)) checkContract((f) => samples.extractor.extract(f), { path, text });
  });

  it.skipIf(samples.files.length === 0)('never throws on mutated real files', () => {
    fc.assert(
      fc.property(mutatedFile(samples), (file) => checkContract((f) => samples.extractor.extract(f), file)),
      { numRuns: 60 },
    );
  });
});
