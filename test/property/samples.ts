/** Sample inputs for the property tests: real fixture files grouped by the registered extractor that reads them. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { extractors } from '../../src/extract/index.js';
import type { Extractor, SourceFile } from '../../src/types/index.js';
import { listFiles } from '../hostile/repo.js';
import { REPO_ROOT } from '../rules/harness.js';

/** Fixture files larger than this are left out: the properties want many small runs, not a few big ones. */
const MAX_SAMPLE = 20_000;

/**
 * Paths tried for an extractor no fixture feeds yet (a new extractor without fixtures is still fuzzed). Names
 * only: the text comes from the arbitraries.
 */
const FALLBACK_PATHS = [
  'src/index.ts',
  'package.json',
  'pnpm-workspace.yaml',
  'lerna.json',
  'rush.json',
  'nest-cli.json',
  'apps/api/project.json',
  'nx.json',
  '.env',
  'docker-compose.yml',
  'k8s/deployment.yaml',
  'istio/virtual-service.yaml',
  'Dockerfile',
  'tsconfig.json',
  'db/schema.sql',
  'migrations/001_init.sql',
  'prisma/schema.prisma',
];

/** Every fixture file (repo-relative to its fixture folder is irrelevant: extractors match by name). */
const FIXTURE_FILES: SourceFile[] = listFiles(join(REPO_ROOT, 'fixtures'))
  .map((path) => ({ path, text: readFileSync(join(REPO_ROOT, 'fixtures', path), 'utf8') }))
  .filter((file) => file.text.length <= MAX_SAMPLE);

/** An extractor with the real files it reads and the paths under which random text is offered to it. */
export interface ExtractorSamples {
  extractor: Extractor;
  files: SourceFile[];
  paths: string[];
}

/** The whole registry, each with its samples; an extractor nothing matches gets an empty `paths` (the test fails). */
export function samplesByExtractor(): ExtractorSamples[] {
  return extractors.map((extractor) => {
    const files = FIXTURE_FILES.filter((file) => extractor.matches(file.path));
    const paths = [...new Set([...files.map((file) => file.path), ...FALLBACK_PATHS.filter((path) => extractor.matches(path))])];
    return { extractor, files, paths: paths.slice(0, 40) };
  });
}

/** Hostile fragments worth splicing into real files: nesting, quotes, escapes, NUL, CRLF, BOM, YAML and SQL syntax. */
const FRAGMENTS = [
  '(((((((((((',
  ')))]]]}}}',
  '${',
  '`',
  '"',
  "'",
  '\\',
  '/*',
  '*/',
  '//',
  '\u0000',
  '\u001b[31m',
  '\r\n',
  '\r',
  '\ufeff',
  '\ud800',
  '&a',
  '*a',
  '<<: *a',
  '---\n',
  '- - - -',
  ': : :',
  '{{ .Values.x }}',
  '${VAR:-',
  'export ',
  '=',
  ';',
  ',',
  '\t',
  'postgres://u:p@h/d',
  'http://',
  'process.env.',
  'fetch(',
  'axios.get(',
  'CREATE TABLE',
  'SELECT * FROM',
  "'''",
  '$$',
  'model X {',
  '@relation(',
  'FROM node',
  'RUN',
  'ENV',
];

/** One random edit of a text: delete, duplicate or cut a range, splice a fragment or random text, change line endings. */
const mutation = fc.oneof(
  fc.record({ kind: fc.constant('delete' as const), at: fc.nat(), length: fc.nat({ max: 200 }) }),
  fc.record({ kind: fc.constant('duplicate' as const), at: fc.nat(), length: fc.nat({ max: 200 }) }),
  fc.record({ kind: fc.constant('truncate' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('splice' as const), at: fc.nat(), text: fc.constantFrom(...FRAGMENTS), times: fc.integer({ min: 1, max: 50 }) }),
  fc.record({ kind: fc.constant('random' as const), at: fc.nat(), text: fc.string({ maxLength: 40, unit: 'binary' }) }),
  fc.record({ kind: fc.constant('crlf' as const) }),
);

type Mutation = typeof mutation extends fc.Arbitrary<infer T> ? T : never;

function apply(text: string, edit: Mutation): string {
  if (edit.kind === 'crlf') return text.replaceAll('\n', '\r\n');
  const at = text.length === 0 ? 0 : edit.at % (text.length + 1);
  switch (edit.kind) {
    case 'delete':
      return text.slice(0, at) + text.slice(at + edit.length);
    case 'duplicate':
      return text.slice(0, at + edit.length) + text.slice(at);
    case 'truncate':
      return text.slice(0, at);
    case 'splice':
      return text.slice(0, at) + edit.text.repeat(edit.times) + text.slice(at);
    case 'random':
      return text.slice(0, at) + edit.text + text.slice(at);
  }
}

/** A real file of `samples` after one to four random edits, under its own path. */
export function mutatedFile(samples: ExtractorSamples): fc.Arbitrary<SourceFile> {
  return fc
    .tuple(fc.constantFrom(...samples.files), fc.array(mutation, { minLength: 1, maxLength: 4 }))
    .map(([file, edits]) => ({ path: file.path, text: edits.reduce(apply, file.text) }));
}

/** Random text (any code units, lone surrogates included) under one of the paths the extractor reads. */
export function randomFile(samples: ExtractorSamples): fc.Arbitrary<SourceFile> {
  const text = fc.oneof(
    fc.string({ maxLength: 300, unit: 'binary' }),
    fc.array(fc.constantFrom(...FRAGMENTS, 'a', 'b', ' ', '\n', ':', '1'), { maxLength: 200 }).map((parts) => parts.join('')),
  );
  return fc.record({ path: fc.constantFrom(...samples.paths), text });
}
