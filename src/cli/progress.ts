/** The progress line on stderr: one line rewritten in place, throttled, erased when analysis ends. */
import type { Progress } from '../types/analyze.js';

/** Moves to column 0 and erases the line: the in-place rewrite. */
const REWRITE = '\r\u001b[K';

/** A live progress line. */
export interface ProgressLine {
  /** Shows a progress report; throttled, never throws (analyze's `onProgress` must not throw). */
  update(progress: Progress): void;
  /** Erases the line if anything was drawn, so the report starts on a clean line. */
  clear(): void;
}

const stageLabels: Record<Progress['stage'], { verb: string; unit: string }> = {
  walk: { verb: 'finding', unit: 'files' },
  extract: { verb: 'extracting', unit: 'files' },
  discover: { verb: 'discovering services', unit: '' },
  resolve: { verb: 'resolving', unit: 'calls' },
  graph: { verb: 'building the graph', unit: '' },
  check: { verb: 'checking', unit: 'rules' },
  score: { verb: 'scoring', unit: '' },
};

/**
 * Creates a progress line writing to `write`. Redraws on every stage change and otherwise at most once per
 * `intervalMs` by `now()`, so a fast extractor reporting per file does not flood the terminal.
 */
export function createProgressLine(
  write: (text: string) => void,
  now: () => number,
  intervalMs = 100,
): ProgressLine {
  let drawn = false;
  let lastStage: Progress['stage'] | undefined;
  let lastDraw = Number.NEGATIVE_INFINITY;
  return {
    update(progress) {
      try {
        const time = now();
        if (progress.stage === lastStage && time - lastDraw < intervalMs) return;
        lastStage = progress.stage;
        lastDraw = time;
        write(`${REWRITE}archcheck: ${formatProgress(progress)}`);
        drawn = true;
      } catch {
        // A broken stderr must not abort the analysis.
      }
    },
    clear() {
      if (drawn) write(REWRITE);
      drawn = false;
    },
  };
}

/** `extracting 1,234/5,000 files`, `finding 812 files`, `scoring`. */
export function formatProgress(progress: Progress): string {
  const { verb, unit } = stageLabels[progress.stage];
  const suffix = unit === '' ? '' : ` ${unit}`;
  if (progress.total > 0) return `${verb} ${groupDigits(progress.done)}/${groupDigits(progress.total)}${suffix}`;
  if (progress.done > 0) return `${verb} ${groupDigits(progress.done)}${suffix}`;
  return unit === '' ? verb : `${verb} ${unit}`;
}

/** `1234567` → `1,234,567`; fixed, unlike `toLocaleString`, so output does not depend on the machine's locale. */
function groupDigits(n: number): string {
  return String(Math.trunc(n)).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}
