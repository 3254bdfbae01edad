import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { manifestExtractors } from '../../../src/extract/manifests/index.js';
import { baseName, dirOf, normalizePath, resolveFrom } from '../../../src/extract/manifests/paths.js';
import { guarded } from '../../../src/extract/manifests/report.js';

describe('manifest paths', () => {
  it('normalizes repo-relative POSIX paths', () => {
    expect(normalizePath('./services/../x')).toBe('x');
    expect(normalizePath('services//orders/')).toBe('services/orders');
    expect(normalizePath('')).toBe('.');
    expect(normalizePath('./')).toBe('.');
    expect(normalizePath('a/../..')).toBe('..');
    expect(normalizePath('../../outside/x')).toBe('../../outside/x');
    expect(normalizePath('/abs/../etc')).toBe('/etc');
    expect(normalizePath('/..')).toBe('/');
  });

  it('resolves manifest references against a folder', () => {
    expect(resolveFrom('.', './services/orders')).toBe('services/orders');
    expect(resolveFrom('deploy', '../services/orders')).toBe('services/orders');
    expect(resolveFrom('deploy', '../../..')).toBe('../..');
    expect(resolveFrom('deploy', '/srv/app')).toBe('/srv/app');
    expect(resolveFrom('deploy', 'git@github.com:acme/x.git')).toBe('git@github.com:acme/x.git');
    expect(dirOf('package.json')).toBe('.');
    expect(dirOf('services/orders/package.json')).toBe('services/orders');
    expect(baseName('a/b/.env.local')).toBe('.env.local');
  });
});

describe('manifest extractors together', () => {
  const paths = [
    'package.json',
    'pnpm-workspace.yaml',
    'lerna.json',
    'nest-cli.json',
    'apps/api/project.json',
    'nx.json',
    'workspace.json',
    'angular.json',
    '.env',
    'services/orders/.env.production',
    'docker-compose.yml',
    'compose.override.yaml',
    'k8s/orders.yaml',
    'Dockerfile',
    'services/orders/Dockerfile.dev',
    'tsconfig.json',
    'tsconfig.base.json',
    'jsconfig.json',
  ];

  it('claim each manifest with exactly one extractor', () => {
    for (const path of paths) {
      expect(manifestExtractors.filter((e) => e.matches(path)).map((e) => e.id), path).toHaveLength(1);
    }
    expect(new Set(manifestExtractors.map((e) => e.id)).size).toBe(manifestExtractors.length);
  });

  it('never throw on arbitrary text, and report only extract-stage errors', () => {
    fc.assert(
      fc.property(fc.constantFrom(...paths), fc.string({ maxLength: 300 }), (path, text) => {
        for (const extractor of manifestExtractors.filter((e) => e.matches(path))) {
          const out = extractor.extract({ path, text });
          for (const error of out.errors) {
            expect(error.stage).toBe('extract');
            expect(error.file).toBe(path);
            expect(error.code).not.toBe('extractor-failure');
          }
        }
      }),
      { numRuns: 300 },
    );
  });

  it('never throw on structured-looking text either', () => {
    const token = fc.constantFrom(
      ...['{', '}', '[', ']', ':', ',', '"', "'", '- ', '  ', '\n', '\r\n', '#', '=', '\\', '&a ', '*a', '<<: '],
      ...['services:', 'apiVersion: v1\nkind: Secret\n', 'data:', 'ENV ', 'EXPOSE ', '${X}', '3000', '/*', '//'],
      'export ',
      ...['"monorepo": true', '"projects"', '"projectType": "application"', '"type": "library"', '"root"', '"__proto__"'],
    );
    fc.assert(
      fc.property(fc.constantFrom(...paths), fc.array(token, { maxLength: 60 }), (path, parts) => {
        for (const extractor of manifestExtractors.filter((e) => e.matches(path))) {
          const out = extractor.extract({ path, text: parts.join('') });
          expect(out.errors.filter((e) => e.code === 'extractor-failure')).toEqual([]);
        }
      }),
      { numRuns: 500 },
    );
  });

  it('turn an internal failure into one extractor-failure error without echoing the thrown message', () => {
    const out = guarded('demo', 'x.yaml', () => {
      throw new TypeError('secret=hunter2');
    });
    expect(out).toEqual({
      facts: [],
      errors: [
        {
          file: 'x.yaml',
          stage: 'extract',
          code: 'extractor-failure',
          message: 'The demo extractor failed on this file (TypeError).',
        },
      ],
    });
  });
});
