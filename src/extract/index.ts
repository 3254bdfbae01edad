/** The extractor registry: every input kind archcheck reads. Order matters only for file-kind statistics. */
import type { Extractor } from '../types/index.js';
import { manifestExtractors } from './manifests/index.js';
import { typescriptExtractor } from './typescript/index.js';
import { sqlExtractor } from './sql/index.js';
import { prismaExtractor } from './prisma/index.js';

export const extractors: readonly Extractor[] = [typescriptExtractor, ...manifestExtractors, sqlExtractor, prismaExtractor];

/** Extractors that read `path`. */
export function extractorsFor(path: string): Extractor[] {
  return extractors.filter((extractor) => extractor.matches(path));
}

/** Runs every extractor's one-time async setup (e.g. loading a WebAssembly parser); call before extracting. */
export async function prepareExtractors(): Promise<void> {
  await Promise.all(extractors.map((extractor) => extractor.prepare?.()));
}
