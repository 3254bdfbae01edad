/** Test helpers: load a manifest fixture as the SourceFile an extractor would receive. */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { SourceFile } from '../../../src/types/index.js';

const FIXTURES = fileURLToPath(new URL('../../../fixtures/extract/manifests/', import.meta.url));

/** Reads `fixtures/extract/manifests/<fixture>` and presents it at the repo-relative `path`. */
export function fixture(fixturePath: string, path: string): SourceFile {
  const text = readFileSync(`${FIXTURES}${fixturePath}`, 'utf8');
  return { path, text: text.startsWith('\uFEFF') ? text.slice(1) : text };
}

/** The same file with CRLF line endings (built here so git settings cannot normalize it away). */
export function withCrlf(file: SourceFile): SourceFile {
  return { path: file.path, text: file.text.replaceAll('\r\n', '\n').replaceAll('\n', '\r\n') };
}
