/** The oxc-parser boundary: parse options per file kind, lazy AST materialization, syntax errors as AnalysisErrors. */
import type { TSESTree } from '@typescript-eslint/types';
import type { EcmaScriptModule, OxcError, ParserOptions } from 'oxc-parser';
import { parseSync } from 'oxc-parser';
import type { AnalysisError } from '../../types/index.js';
import type { LineIndex } from '../shared/lines.js';

/** A parsed file: the module record now, the AST only when asked for. */
export interface Parsed {
  record: EcmaScriptModule;
  errors: OxcError[];
  /** Materializes the AST. On Node 20 this is a JSON.parse of the whole tree, so callers ask only when needed. */
  program(): TSESTree.Program;
}

/** Parses `text` as the kind of file `path` names. Throws only if oxc itself throws. */
export function parseFile(path: string, text: string): Parsed {
  const options = optionsFor(path);
  let result = parseSync(path, text, options);
  // A `.js` file may be CommonJS (top-level `return`): without ESM syntax, retry as a script before reporting.
  if (result.errors.length > 0 && options.sourceType === 'module' && !result.module.hasModuleSyntax) {
    const retry = parseSync(path, text, { ...options, sourceType: 'commonjs' });
    if (retry.errors.length === 0) result = retry;
  }
  return {
    record: result.module,
    errors: result.errors,
    // The one cast of the extractor. oxc emits ESTree / TS-ESTree-conformant nodes but types them with its own
    // @oxc-project/types; the detectors are written against @typescript-eslint's TSESTree so an ESLint plugin
    // can run them on @typescript-eslint/parser ASTs. Offsets: oxc gives `start`/`end` instead of TSESTree's
    // `range` (see `startOf` in ast.ts); nothing else reads `range` or `loc`.
    program: () => result.program as unknown as TSESTree.Program,
  };
}

function optionsFor(path: string): ParserOptions {
  // Without `preserveParens: false` oxc would add ParenthesizedExpression nodes, which TSESTree does not have.
  // No `range`: it would make the AST JSON a third bigger; oxc's `start`/`end` are read instead.
  const common: ParserOptions = { preserveParens: false };
  const extension = path.slice(path.lastIndexOf('.')).toLowerCase();
  switch (extension) {
    // JSX is common in `.js` files of React code bases, and enabling it never breaks plain JavaScript.
    case '.js':
    case '.jsx':
    case '.mjs':
      return { ...common, lang: 'jsx', sourceType: 'module' };
    case '.cjs':
      return { ...common, lang: 'jsx', sourceType: 'commonjs' };
    case '.tsx':
      return { ...common, lang: 'tsx' };
    default:
      // `.ts`, `.mts`, `.cts`: oxc picks module or CommonJS from the extension.
      return common;
  }
}

/** One AnalysisError for a file's syntax errors: the first error's position and message. */
export function parseError(errors: readonly OxcError[], file: string, lines: LineIndex): AnalysisError | null {
  const first = errors.find((error) => error.severity === 'Error') ?? errors[0];
  if (!first) return null;
  const label = first.labels[0];
  const message = `Syntax error: ${first.message}`.replace(/[\u0000-\u001f\u007f-\u009f]+/g, ' ').slice(0, 300);
  const error: AnalysisError = { file, stage: 'extract', code: 'parse-error', message };
  if (!label) return error;
  const { line, column } = lines.position(label.start);
  return { ...error, line, column };
}
