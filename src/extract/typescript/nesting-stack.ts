/** The nesting guard's bracket stack and its running estimate of the native stack a parse would use. */

/** Marks the level opened by a template's `${`. */
export const TEMPLATE = -1;

/** One open bracket (or the file's top level). */
export interface Level {
  /** Closing character code, or {@link TEMPLATE}. */
  closer: number;
  weight: number;
  /** Weight of operator chains (`a ? b : c ? …`, `!!!x`, `if (a) if (b)`) since the level's last statement break. */
  chain: number;
  /** A parenthesized `if`/`for`/`while`/`with` header: the statement body may follow on the next line. */
  control: boolean;
}

/** Open levels and the sum of their weights and chains (`score`), kept up to date in O(1) per change. */
export class NestingStack {
  private readonly levels: Level[] = [{ closer: 0, weight: 0, chain: 0, control: false }];
  /** Estimated stack units of the current position. */
  score = 0;

  /** Whether only the top level is open. */
  get atTopLevel(): boolean {
    return this.levels.length === 1;
  }

  /** Closer of the innermost open level (0 at the top level). */
  get innermost(): number {
    return this.levels[this.levels.length - 1]?.closer ?? 0;
  }

  /** Opens a level. */
  push(closer: number, weight: number, control: boolean): void {
    this.levels.push({ closer, weight, chain: 0, control });
    this.score += weight;
  }

  /**
   * Closes the innermost level `closer` closes, and any unclosed level inside it (broken code). Returns the
   * closed level, or null when no open level matches (a stray closer, ignored).
   */
  close(closer: number): Level | null {
    let index = this.levels.length - 1;
    while (index > 0 && this.levels[index]?.closer !== closer) index--;
    if (index === 0) return null;
    let closed: Level | null = null;
    while (this.levels.length > index) {
      closed = this.levels.pop() ?? null;
      if (closed) this.score -= closed.weight + closed.chain;
    }
    return closed;
  }

  /** Adds to the innermost level's chain. */
  addChain(weight: number): void {
    const top = this.levels[this.levels.length - 1];
    if (top) top.chain += weight;
    this.score += weight;
  }

  /** Takes back from the innermost level's chain (a closing JSX tag), never below zero. */
  subtractChain(weight: number): void {
    const top = this.levels[this.levels.length - 1];
    if (!top) return;
    const removed = Math.min(weight, top.chain);
    top.chain -= removed;
    this.score -= removed;
  }

  /** A statement or list element ended at the innermost level: its chain no longer nests what follows. */
  resetChain(): void {
    const top = this.levels[this.levels.length - 1];
    if (!top) return;
    this.score -= top.chain;
    top.chain = 0;
  }
}
