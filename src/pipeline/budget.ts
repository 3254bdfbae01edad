/** Wall-clock budgets for the extract stage: an overall deadline and a per-file threshold for `slow-file` reports. */
import { displayPath } from '../discover/paths.js';
import type { AnalysisError } from '../types/index.js';

/** How many skipped files the `timeout` error names before it says "and N more". */
const NAMED_SKIPS = 3;

/**
 * The time limits of one run. Both are optional: without them the run is fully deterministic (no clock is read for
 * decisions). `now` is injectable so tests can drive the clock.
 */
export interface ExtractBudget {
  /** Overall budget in milliseconds, counted from `startedAt`; files not started by then are skipped and reported. */
  timeoutMs?: number;
  /** A file whose read and extraction took longer than this is reported as `slow-file` (it is still used). */
  fileTimeoutMs?: number;
  /** When the run started (`now()` units); defaults to the first `now()` reading. */
  startedAt?: number;
  now: () => number;
}

/** Tracks the deadline of one extract run. */
export class BudgetClock {
  private readonly deadline: number | undefined;

  constructor(private readonly budget: ExtractBudget | undefined) {
    if (budget?.timeoutMs === undefined) this.deadline = undefined;
    else this.deadline = (budget.startedAt ?? budget.now()) + budget.timeoutMs;
  }

  /** True once the overall budget is spent. */
  expired(): boolean {
    return this.deadline !== undefined && this.budget !== undefined && this.budget.now() >= this.deadline;
  }

  /** A reading for `slowFile`, or undefined when no per-file budget is set (so no clock is read). */
  start(): number | undefined {
    return this.budget?.fileTimeoutMs === undefined ? undefined : this.budget.now();
  }

  /**
   * The `slow-file` error when the file took longer than the per-file budget. Native parsing cannot be interrupted,
   * so this reports after the fact; the real protection is the size limit, the nesting guard and linear algorithms.
   */
  slowFile(path: string, startedAt: number | undefined): AnalysisError | undefined {
    const limit = this.budget?.fileTimeoutMs;
    if (startedAt === undefined || limit === undefined || this.budget === undefined) return undefined;
    const took = this.budget.now() - startedAt;
    if (took <= limit) return undefined;
    return {
      file: path,
      stage: 'extract',
      code: 'slow-file',
      message: `${displayPath(path)} took ${seconds(took)} to analyze, over the ${seconds(limit)} per-file budget; its results are kept`,
    };
  }

  /** The one error that summarizes the files skipped when the budget ran out. */
  skipped(paths: readonly string[]): AnalysisError {
    const limit = this.budget?.timeoutMs ?? 0;
    const named = paths.slice(0, NAMED_SKIPS).map(displayPath).join(', ');
    const more = paths.length > NAMED_SKIPS ? ` and ${paths.length - NAMED_SKIPS} more` : '';
    const count = `${paths.length} file${paths.length === 1 ? '' : 's'}`;
    return {
      file: '.',
      stage: 'extract',
      code: 'timeout',
      message: `The ${seconds(limit)} time budget (--timeout) ran out; ${count} not analyzed: ${named}${more}`,
    };
  }
}

/** `250 ms` under a second, else `1.5 s`, `30 s`: one decimal at most. */
function seconds(ms: number): string {
  return ms < 1000 ? `${Math.round(ms)} ms` : `${Number((ms / 1000).toFixed(1))} s`;
}
