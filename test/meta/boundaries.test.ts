/**
 * Stage boundaries as import rules, checked with archcheck's own TypeScript extractor on archcheck's source:
 * types import nothing of the pipeline, extractors never see the graph, checks or reports, reporters render a Result
 * and nothing else, rules read the graph through queries.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, posix, relative, sep } from 'node:path';
import { describe, expect, it } from 'vitest';
import { typescriptExtractor } from '../../src/extract/typescript/index.js';
import { REPO_ROOT } from '../rules/harness.js';

interface Boundary {
  from: string;
  /** Folders (under src/ or rules/) the files may import from, besides node modules and `src/shared`. */
  allowed: string[];
}

/** Pure utilities (redaction, comparison, folded values) that every stage may use; they import only the types. */
const SHARED = 'src/shared';

const BOUNDARIES: Boundary[] = [
  { from: 'src/types', allowed: ['src/types'] },
  { from: SHARED, allowed: [SHARED, 'src/types'] },
  { from: 'src/extract', allowed: ['src/types', 'src/extract'] },
  { from: 'src/report', allowed: ['src/types', 'src/report'] },
  { from: 'rules', allowed: ['src/types', 'src/graph/queries', 'src/graph/keys.ts', 'src/check/define-rule.ts', 'rules'] },
  { from: 'src/graph', allowed: ['src/types', 'src/graph'] },
];

function sourceFiles(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(join(REPO_ROOT, dir), { withFileTypes: true })) {
    const path = posix.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...sourceFiles(path));
    else if (/\.ts$/.test(entry.name)) out.push(path);
  }
  return out;
}

function relativeImports(file: string): string[] {
  const text = readFileSync(join(REPO_ROOT, file), 'utf8');
  return typescriptExtractor
    .extract({ path: file, text })
    .facts.flatMap((fact) => (fact.kind === 'import' && fact.specifier.startsWith('.') ? [fact.specifier] : []))
    .map((specifier) => relative(REPO_ROOT, join(REPO_ROOT, posix.dirname(file), specifier)).split(sep).join('/'));
}

describe('stage boundaries', () => {
  it.each(BOUNDARIES)('$from imports only from $allowed', ({ from, allowed }) => {
    const violations = sourceFiles(from).flatMap((file) =>
      relativeImports(file)
        .filter((target) => ![...allowed, SHARED].some((folder) => target === folder || target.startsWith(`${folder}/`) || target.replace(/\.js$/, '.ts') === folder))
        .map((target) => `${file} → ${target}`),
    );
    expect(violations).toEqual([]);
  });
});
