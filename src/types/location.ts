/** Places in the analyzed repository, and how sure archcheck is of what it saw there. */

/** A position in a repository file. */
export interface SourceLocation {
  /** Repository-relative POSIX path. */
  file: string;
  /** 1-based line; never 0. */
  line: number;
  /** 1-based column, when known. */
  column?: number;
}

/** A location that backs a fact, an edge or a finding, with the source text that shows it. */
export interface Evidence extends SourceLocation {
  /** The trimmed source line, at most 200 characters. */
  snippet?: string;
}

/**
 * How an edge or fact was established: `certain` from literals, `resolved` through env vars, config or
 * manifests, `inferred` by a heuristic (for example a port that only one service listens on).
 */
export type Confidence = 'certain' | 'resolved' | 'inferred';
