/** The extractor registry: every input kind archcheck reads. Order matters only for file-kind statistics. */
import type { Extractor } from '../types/index.js';
import { manifestExtractors } from './manifests/index.js';
import { typescriptExtractor } from './typescript/index.js';

export const extractors: readonly Extractor[] = [typescriptExtractor, ...manifestExtractors];

/** Extractors that read `path`. */
export function extractorsFor(path: string): Extractor[] {
  return extractors.filter((extractor) => extractor.matches(path));
}
