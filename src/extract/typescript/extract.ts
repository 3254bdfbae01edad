/** The TypeScript/JavaScript extraction pipeline for one file: guard, parse, module record, prefilter, AST detectors. */
import type { AnalysisError, ExtractOutput, Fact, SourceFile } from '../../types/index.js';
import { LineIndex } from '../shared/lines.js';
import { analyzeProgram } from './analyze.js';
import type { FileContext } from './context.js';
import { moduleRecordImports } from './module-imports.js';
import { guardNesting } from './nesting-guard.js';
import { parseError, parseFile } from './parse.js';
import { needsFullWalk } from './prefilter.js';

/** Knobs for tests and benchmarks. */
export interface ExtractOptions {
  /** Walk the AST even when the prefilter says no detector can fire (to check the prefilter). */
  forceFullWalk?: boolean;
}

/** Extracts facts from one file. Throws only on a bug; the extractor wraps it. */
export function extractTypeScript(file: SourceFile, options: ExtractOptions = {}): ExtractOutput {
  const context: FileContext = { path: file.path, lines: new LineIndex(file.text) };
  const errors: AnalysisError[] = [];
  const tooDeep = (offset: number, what: string): void => {
    const { line, column } = context.lines.position(offset);
    errors.push({ file: file.path, line, column, stage: 'extract', code: 'nesting-too-deep', message: what });
  };

  const guarded = guardNesting(file.text);
  if (guarded.tooDeepAt !== null) {
    tooDeep(guarded.tooDeepAt, 'Code nested too deeply to parse safely; the statement holding it was skipped.');
  }
  if (guarded.strayEscapeAt !== undefined) {
    // Issue #5: an error storm would cost oxc quadratic time; the statements holding it were blanked.
    const { line, column } = context.lines.position(guarded.strayEscapeAt);
    const message = 'Syntax error: backslashes outside strings (invalid escapes); the statements holding them were skipped.';
    errors.push({ file: file.path, line, column, stage: 'extract', code: 'parse-error', message });
  }
  const parsed = parseFile(file.path, guarded.text);
  const syntax = parseError(parsed.errors, file.path, context.lines);
  if (syntax) errors.push(syntax);

  const facts: Fact[] = moduleRecordImports(parsed.record, guarded.text, context);
  if (options.forceFullWalk === true || needsFullWalk(guarded.text, parsed.record)) {
    try {
      const found = analyzeProgram(parsed.program(), guarded.text, context);
      facts.push(...found.facts);
      if (found.tooDeepAt !== null && guarded.tooDeepAt === null) {
        tooDeep(found.tooDeepAt, 'Code nested too deeply to analyze; the innermost part was skipped.');
      }
    } catch (error) {
      // Keep the imports already found; the AST part of this file is lost, and said so.
      errors.push(failure(file.path, error));
    }
  }
  return { facts: sortByPosition(facts), errors };
}

/** The AnalysisError for an internal failure. */
export function failure(file: string, error: unknown): AnalysisError {
  const reason = error instanceof Error ? error.message : String(error);
  const message = `The TypeScript extractor failed on this file: ${reason}`.replace(/[\u0000-\u001f\u007f-\u009f]+/g, ' ');
  return { file, stage: 'extract', code: 'extractor-failure', message: message.slice(0, 300) };
}

function sortByPosition(facts: Fact[]): Fact[] {
  return facts.sort((a, b) => a.location.line - b.location.line || (a.location.column ?? 0) - (b.location.column ?? 0));
}
