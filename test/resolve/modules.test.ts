import { describe, expect, it } from 'vitest';
import { ModuleResolver } from '../../src/resolve/modules.js';
import type { TsconfigFact } from '../../src/types/index.js';

const files = new Set([
  'services/a/src/index.ts',
  'services/a/src/util/index.ts',
  'services/b/src/model.ts',
  'services/b/src/view.tsx',
  'packages/shared/src/money.ts',
  'packages/shared/src/index.ts',
]);

const tsconfig = (file: string, dir: string, paths: Record<string, string[]>, extendsPath: string | null = null, baseUrl: string | null = null): TsconfigFact => ({
  kind: 'tsconfig',
  extractor: 'tsconfig',
  location: { file, line: 1 },
  dir,
  baseUrl,
  paths,
  extends: extendsPath,
});

const resolver = new ModuleResolver(
  files,
  [
    tsconfig('tsconfig.base.json', '.', { '@b/*': ['services/b/src/*'], '@shared': ['packages/shared/src/index.ts'] }, null, '.'),
    tsconfig('services/a/tsconfig.json', 'services/a', {}, '../../tsconfig.base.json'),
  ],
  [{ name: '@acme/shared', dir: 'packages/shared' }],
);

describe('ModuleResolver', () => {
  it('resolves relative paths with extension probing, index files and .js → .ts', () => {
    expect(resolver.resolve('./util', 'services/a/src/index.ts')).toEqual({ path: 'services/a/src/util/index.ts', via: 'relative' });
    expect(resolver.resolve('../../b/src/model.js', 'services/a/src/index.ts')).toEqual({ path: 'services/b/src/model.ts', via: 'relative' });
    expect(resolver.resolve('../../b/src/view.jsx', 'services/a/src/index.ts')?.path).toBe('services/b/src/view.tsx');
  });

  it('keeps the base path of a relative import that names no known file', () => {
    expect(resolver.resolve('../../b/data/seed.json', 'services/a/src/index.ts')).toEqual({ path: 'services/b/data/seed.json', via: 'relative' });
  });

  it('follows tsconfig paths through extends', () => {
    expect(resolver.resolve('@b/model', 'services/a/src/index.ts')).toEqual({ path: 'services/b/src/model.ts', via: 'alias' });
    expect(resolver.resolve('@shared', 'services/a/src/index.ts')).toEqual({ path: 'packages/shared/src/index.ts', via: 'alias' });
  });

  it('maps workspace package names and subpaths', () => {
    expect(resolver.resolve('@acme/shared', 'services/a/src/index.ts')).toEqual({ path: 'packages/shared', via: 'package' });
    expect(resolver.resolve('@acme/shared/money', 'services/a/src/index.ts')).toEqual({ path: 'packages/shared/src/money.ts', via: 'package' });
  });

  it('leaves external packages and builtins alone', () => {
    expect(resolver.resolve('express', 'services/a/src/index.ts')).toBeNull();
    expect(resolver.resolve('node:fs', 'services/a/src/index.ts')).toBeNull();
  });
});
