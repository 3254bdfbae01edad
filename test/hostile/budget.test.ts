// Issue #5 limits: the overall --timeout budget skips and reports the remaining files; the per-file budget reports
// slow files. The clock is injected, so nothing here depends on the machine's speed.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { analyze } from '../../src/index.js';
import { extractAll } from '../../src/pipeline/extract-all.js';
import { run } from '../cli/harness.js';

const FILES = ['a.ts', 'b.ts', 'c.ts', 'd.ts', 'e.ts', 'f.ts'];
let root: string;

beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'archcheck-budget-'));
  mkdirSync(join(root, 'src'));
  for (const file of FILES) writeFileSync(join(root, file), `fetch('http://svc-${file[0]}:3000/x');\n`);
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** A clock that moves `step` ms on every reading. */
function steppingClock(step: number): () => number {
  let now = 0;
  return () => (now += step);
}

describe('overall budget', () => {
  it('skips the files left when the budget runs out, and names the first ones in one error', async () => {
    // Readings: start 10; a.ts checked at 20, b.ts 30, c.ts 40 ≥ 10 + 25 → c.ts onwards are skipped.
    const out = await extractAll(root, FILES, 1_000_000, () => undefined, { timeoutMs: 25, now: steppingClock(10) });
    expect(out.facts.map((fact) => fact.location.file)).toEqual(['a.ts', 'b.ts']);
    expect(out.skipped).toBe(4);
    expect(out.errors).toEqual([
      {
        file: '.',
        stage: 'extract',
        code: 'timeout',
        message: 'The 25 ms time budget (--timeout) ran out; 4 files not analyzed: c.ts, d.ts, e.ts and 1 more',
      },
    ]);
  });

  it('reads no clock and skips nothing without a budget', async () => {
    const now = (): number => {
      throw new Error('the clock was read');
    };
    const out = await extractAll(root, FILES, 1_000_000, () => undefined, { now });
    expect(out.errors).toEqual([]);
    expect(out.facts).toHaveLength(FILES.length);
  });

  it('finishes the analysis with what was read: a spent budget still gives a Result', async () => {
    const result = await analyze({ root, timeoutMs: 0 });
    expect(result.errors).toEqual([
      {
        file: '.',
        stage: 'extract',
        code: 'timeout',
        message: 'The 0 ms time budget (--timeout) ran out; 6 files not analyzed: a.ts, b.ts, c.ts and 3 more',
      },
    ]);
    expect(result.stats.files.skipped).toBe(6);
    expect(result.edges).toEqual([]);
  });
});

describe('per-file budget', () => {
  it('reports a file slower than the per-file budget as slow-file and keeps its facts', async () => {
    const out = await extractAll(root, ['a.ts', 'b.ts'], 1_000_000, () => undefined, { fileTimeoutMs: 5, now: steppingClock(10) });
    expect(out.facts).toHaveLength(2);
    expect(out.errors).toEqual(
      ['a.ts', 'b.ts'].map((file) => ({
        file,
        stage: 'extract',
        code: 'slow-file',
        message: `${file} took 10 ms to analyze, over the 5 ms per-file budget; its results are kept`,
      })),
    );
  });
});

describe('--timeout on the command line', () => {
  it('passes the overall budget and a per-file budget of at most 10 s to analyze', async () => {
    const long = await run(['--timeout', '90']);
    expect(long.calls.map(({ timeoutMs, fileTimeoutMs }) => ({ timeoutMs, fileTimeoutMs }))).toEqual([{ timeoutMs: 90_000, fileTimeoutMs: 10_000 }]);
    const short = await run(['--timeout', '2.5']);
    expect(short.calls.map(({ timeoutMs, fileTimeoutMs }) => ({ timeoutMs, fileTimeoutMs }))).toEqual([{ timeoutMs: 2_500, fileTimeoutMs: 2_500 }]);
    const none = await run([]);
    expect(none.calls.map((call) => 'timeoutMs' in call || 'fileTimeoutMs' in call)).toEqual([false]);
  });

  it.each(['0', '-1', 'abc', '1e9', '', 'Infinity'])('refuses --timeout %j with exit 2 and a one-line usage error', async (value) => {
    const { code, stderr, calls } = await run(['--timeout', value]);
    expect(code).toBe(2);
    expect(calls).toEqual([]);
    expect(stderr.split('\n')[0]).toMatch(/^archcheck: error: .*--timeout/);
    expect(stderr.split('\n')).toHaveLength(3);
  });
});
