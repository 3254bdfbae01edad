import { describe, expect, it } from 'vitest';
import { blankJsonc } from '../../../src/extract/manifests/jsonc.js';
import { tsconfigExtractor } from '../../../src/extract/manifests/tsconfig.js';
import { fixture, withCrlf } from './helpers.js';

const { extract, matches } = tsconfigExtractor;

const BASE = {
  errors: [],
  facts: [
    {
      kind: 'tsconfig',
      extractor: 'tsconfig',
      location: { file: 'tsconfig.base.json', line: 6, column: 3, snippet: '"compilerOptions": {' },
      dir: '.',
      baseUrl: '.',
      paths: {
        '@shop/contracts': ['packages/contracts/src/index.ts'],
        '@shop/contracts/*': ['packages/contracts/src/*'],
        '@shop/db/*': ['packages/db/src/*', 'packages/db/generated/*'],
        '@legacy/*': ['../legacy/src/*'],
        '@cfg/*': ['${configDir}/config/*'],
        'url//not-a-comment': ['packages/a/*/b'],
      },
      extends: null,
    },
  ],
};

describe('tsconfig extractor', () => {
  it('matches tsconfig*.json and jsconfig.json', () => {
    for (const path of ['tsconfig.json', 'tsconfig.base.json', 'svc/tsconfig.build.json', 'web/jsconfig.json']) {
      expect(matches(path), path).toBe(true);
    }
    for (const path of ['tsconfig.ts', 'package.json', 'my-tsconfig.json']) expect(matches(path), path).toBe(false);
  });

  it('reads a commented base config with trailing commas; paths relative to baseUrl', () => {
    expect(extract(fixture('tsconfig/base/tsconfig.base.json', 'tsconfig.base.json'))).toEqual(BASE);
    expect(extract(withCrlf(fixture('tsconfig/base/tsconfig.base.json', 'tsconfig.base.json')))).toEqual(BASE);
  });

  it('resolves paths against the tsconfig folder without baseUrl and keeps relative extends', () => {
    const path = 'services/orders/tsconfig.json';
    expect(extract(fixture('tsconfig/service/tsconfig.json', path))).toEqual({
      errors: [],
      facts: [
        {
          kind: 'tsconfig',
          extractor: 'tsconfig',
          location: { file: path, line: 4, column: 3, snippet: '"compilerOptions": {' },
          dir: 'services/orders',
          baseUrl: null,
          paths: { '~/*': ['services/orders/src/*'], '#internal/*': ['services/orders/src/internal/*'] },
          extends: '../../tsconfig.base.json',
        },
      ],
    });
  });

  it('resolves baseUrl to a repo-relative folder and drops package extends', () => {
    const text = '{ "extends": ["@tsconfig/node20/tsconfig.json", "./tsconfig.paths.json"], "compilerOptions": { "baseUrl": "./src", "paths": { "@/*": ["*"] } } }';
    expect(extract({ path: 'apps/web/tsconfig.json', text }).facts).toMatchObject([
      { baseUrl: 'apps/web/src', paths: { '@/*': ['apps/web/src/*'] }, extends: './tsconfig.paths.json' },
    ]);
    expect(extract({ path: 'tsconfig.json', text: '{"extends": "@tsconfig/strictest"}' }).facts).toMatchObject([{ extends: null }]);
  });

  it('locates JSON errors through comments', () => {
    expect(extract(fixture('tsconfig/invalid/tsconfig.json', 'tsconfig.json'))).toEqual({
      facts: [],
      errors: [
        {
          file: 'tsconfig.json',
          line: 5,
          column: 5,
          stage: 'extract',
          code: 'invalid-json',
          message: 'tsconfig.json is not valid JSON: unexpected character.',
        },
      ],
    });
    expect(extract({ path: 'tsconfig.json', text: '// only a comment\n' }).errors).toMatchObject([
      { code: 'invalid-json', line: 2, column: 1 },
    ]);
    expect(extract({ path: 'tsconfig.json', text: '"a string"' }).errors).toMatchObject([{ code: 'invalid-tsconfig' }]);
  });

  it('blanks comments and trailing commas in place, leaving strings alone', () => {
    const text = '{"a": "//x", /* c\n */ "b": [1, 2,], // t\n}';
    const blanked = blankJsonc(text);
    expect(blanked).toHaveLength(text.length);
    expect(JSON.parse(blanked)).toEqual({ a: '//x', b: [1, 2] });
    expect(blanked.split('\n')).toHaveLength(3);
  });

  it('stays linear on hostile JSONC', () => {
    const text = `{${' ,'.repeat(50_000)}${'/*'.repeat(50_000)}`;
    const started = performance.now();
    extract({ path: 'tsconfig.json', text });
    extract({ path: 'tsconfig.json', text: '['.repeat(100_000) });
    expect(performance.now() - started).toBeLessThan(2000);
  });
});
