/** The TypeScript/JavaScript extractor: imports, outbound HTTP calls, listening ports and exported values of one file. */
import type { Extractor, ExtractOutput, SourceFile } from '../../types/index.js';
import { EXTRACTOR_ID } from './context.js';
import { extractTypeScript, failure } from './extract.js';

// Declaration files hold types only: no imports that run, no calls, no values.
const DECLARATION = /\.d\.[mc]?ts$/i;
const SOURCE = /\.(?:[mc]?[jt]s|[jt]sx)$/i;

/** Extracts {@link ImportFact}s, {@link HttpCallFact}s, {@link ListenFact}s and {@link ExportedValueFact}s. */
export const typescriptExtractor: Extractor = {
  id: EXTRACTOR_ID,
  matches(path: string): boolean {
    return SOURCE.test(path) && !DECLARATION.test(path);
  },
  extract(file: SourceFile): ExtractOutput {
    try {
      return extractTypeScript(file);
    } catch (error) {
      return { facts: [], errors: [failure(file.path, error)] };
    }
  },
};

export { extractTypeScript } from './extract.js';
export type { ExtractOptions } from './extract.js';
export { fold } from './fold.js';
