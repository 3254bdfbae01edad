/** The extractor contract: one pure function of one file's text. */
import type { AnalysisError } from './errors.js';
import type { Fact } from './facts.js';

/** A repository file handed to an extractor. */
export interface SourceFile {
  /** Repo-relative POSIX path. */
  path: string;
  /** Decoded UTF-8 text (BOM removed). */
  text: string;
}

/** What an extractor returns for one file. */
export interface ExtractOutput {
  facts: Fact[];
  errors: AnalysisError[];
}

/** An extractor: `matches` picks files by path, `extract` reads one file. Never sees the graph or other files. */
export interface Extractor {
  id: string;
  matches(path: string): boolean;
  extract(file: SourceFile): ExtractOutput;
  /** Optional one-time async setup (e.g. loading a WebAssembly parser), awaited before extraction starts. */
  prepare?(): Promise<void>;
}
