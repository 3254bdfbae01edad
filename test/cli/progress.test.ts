import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createProgressLine, formatProgress } from '../../src/cli/progress.js';
import { writeFileCreatingFolders } from '../../src/cli/process-io.js';
import type { AnalyzeOptions } from '../../src/types/analyze.js';
import type { Result } from '../../src/types/result.js';
import { loadRecordedResult } from '../report/recorded-results.js';
import { run } from './harness.js';

const REWRITE = '\r\u001b[K';

/** A fake analyze that reports progress like the pipeline does, then returns the clean Result. */
async function progressingAnalyze(options: AnalyzeOptions): Promise<Result> {
  options.onProgress?.({ stage: 'walk', done: 0, total: 0 });
  for (let done = 0; done <= 5000; done += 1) options.onProgress?.({ stage: 'extract', done, total: 5000 });
  options.onProgress?.({ stage: 'check', done: 0, total: 0 });
  return loadRecordedResult('clean.json');
}

describe('formatProgress', () => {
  it.each<[Parameters<typeof formatProgress>[0], string]>([
    [{ stage: 'extract', done: 1234, total: 5000 }, 'extracting 1,234/5,000 files'],
    [{ stage: 'walk', done: 1234567, total: 0 }, 'finding 1,234,567 files'],
    [{ stage: 'walk', done: 0, total: 0 }, 'finding files'],
    [{ stage: 'graph', done: 0, total: 0 }, 'building the graph'],
    [{ stage: 'check', done: 3, total: 12 }, 'checking 3/12 rules'],
  ])('%j → %s', (progress, text) => {
    expect(formatProgress(progress)).toBe(text);
  });
});

describe('createProgressLine', () => {
  it('redraws on stage changes and at most once per interval otherwise, then erases', () => {
    let clock = 0;
    const writes: string[] = [];
    const line = createProgressLine((text) => writes.push(text), () => clock);
    line.update({ stage: 'extract', done: 1, total: 10 });
    clock = 50;
    line.update({ stage: 'extract', done: 2, total: 10 });
    clock = 100;
    line.update({ stage: 'extract', done: 3, total: 10 });
    clock = 101;
    line.update({ stage: 'check', done: 0, total: 0 });
    line.clear();
    line.clear();
    expect(writes).toEqual([
      `${REWRITE}archcheck: extracting 1/10 files`,
      `${REWRITE}archcheck: extracting 3/10 files`,
      `${REWRITE}archcheck: checking rules`,
      REWRITE,
    ]);
  });

  it('does not erase what it never drew', () => {
    const writes: string[] = [];
    createProgressLine((text) => writes.push(text), () => 0).clear();
    expect(writes).toEqual([]);
  });

  it('swallows a failing writer', () => {
    const line = createProgressLine(() => {
      throw new Error('EPIPE');
    }, () => 0);
    expect(() => line.update({ stage: 'walk', done: 0, total: 0 })).not.toThrow();
  });
});

describe('progress in the CLI', () => {
  it('draws on a TTY stderr, throttled, and erases before the report', async () => {
    const { stderr, stdout } = await run([], { analyze: progressingAnalyze, io: { stderrIsTTY: true } });
    expect(stderr).toContain(`${REWRITE}archcheck: extracting 0/5,000 files`);
    // 5,002 reports in well under 100 ms: only stage changes (and perhaps a timed redraw) get through.
    expect(stderr.split(REWRITE).length).toBeLessThan(20);
    expect(stderr.endsWith(REWRITE)).toBe(true);
    expect(stdout).toContain('✔ No architecture problems found');
  });

  it.each<[string, string[], Record<string, string>, boolean]>([
    ['not a TTY', [], {}, false],
    ['--no-progress', ['--no-progress'], {}, true],
    ['CI set', [], { CI: 'true' }, true],
  ])('stays silent when %s', async (_case, argv, env, stderrIsTTY) => {
    const { stderr, calls } = await run(argv, { analyze: progressingAnalyze, io: { stderrIsTTY, env } });
    expect(stderr).toBe('');
    expect(calls[0]?.onProgress).toBeUndefined();
  });

  it('erases the line before an internal error', async () => {
    const { stderr } = await run([], {
      io: { stderrIsTTY: true },
      analyze: (options) => {
        options.onProgress?.({ stage: 'walk', done: 0, total: 0 });
        return Promise.reject(new Error('boom'));
      },
    });
    expect(stderr).toBe(`${REWRITE}archcheck: finding files${REWRITE}archcheck: internal error: boom\n`);
  });
});

describe('writeFileCreatingFolders', () => {
  it('creates missing parent folders', () => {
    const dir = mkdtempSync(join(tmpdir(), 'archcheck-out-'));
    const path = join(dir, 'a', 'b', 'report.json');
    writeFileCreatingFolders(path, '{}\n');
    expect(readFileSync(path, 'utf8')).toBe('{}\n');
  });
});
