import { describe, expect, it } from 'vitest';
import { packageJsonExtractor } from '../../../src/extract/manifests/package-json.js';
import { fixture } from './helpers.js';

const extract = packageJsonExtractor.extract;

describe('package-json extractor', () => {
  it('matches package.json outside node_modules only', () => {
    expect(packageJsonExtractor.matches('package.json')).toBe(true);
    expect(packageJsonExtractor.matches('services/orders/package.json')).toBe(true);
    expect(packageJsonExtractor.matches('node_modules/x/package.json')).toBe(false);
    expect(packageJsonExtractor.matches('services/orders/package.json.bak')).toBe(false);
  });

  it('reads a monorepo root with workspaces', () => {
    const out = extract(fixture('package-json/root/package.json', 'package.json'));
    expect(out).toEqual({
      errors: [],
      facts: [
        {
          kind: 'package',
          extractor: 'package-json',
          location: { file: 'package.json', line: 2, column: 3, snippet: '"name": "shop-platform",' },
          dir: '.',
          name: 'shop-platform',
          private: true,
          workspaces: ['services/*', 'packages/*'],
          dependencies: [],
          devDependencies: ['typescript', 'vitest'],
          scripts: { build: 'tsc -b', test: 'vitest run', dev: 'docker compose up --build' },
          main: null,
          hasBin: false,
        },
      ],
    });
  });

  it('reads a service package: dependencies, main, bin map, string scripts only', () => {
    const out = extract(fixture('package-json/service/package.json', 'services/orders/package.json'));
    expect(out).toEqual({
      errors: [],
      facts: [
        {
          kind: 'package',
          extractor: 'package-json',
          location: { file: 'services/orders/package.json', line: 4, column: 3, snippet: '"name": "@shop/orders",' },
          dir: 'services/orders',
          name: '@shop/orders',
          private: false,
          workspaces: [],
          dependencies: ['@shop/contracts', 'express', 'kafkajs', 'pg'],
          devDependencies: ['@types/express'],
          scripts: { start: 'node dist/main.js', build: 'tsc -p tsconfig.build.json' },
          main: 'dist/main.js',
          hasBin: true,
        },
      ],
    });
  });

  it('reads yarn classic `workspaces.packages` and a string bin; no name points at line 1', () => {
    const [fact] = extract(fixture('package-json/yarn-classic/package.json', 'package.json')).facts;
    expect(fact).toMatchObject({
      location: { file: 'package.json', line: 1, column: 1, snippet: '{' },
      name: null,
      private: true,
      workspaces: ['apps/*', 'libs/*'],
      hasBin: true,
    });
  });

  it('reports a trailing comma on the comma line, without quoting the file', () => {
    const out = extract(fixture('package-json/trailing-comma/package.json', 'services/payments/package.json'));
    expect(out).toEqual({
      facts: [],
      errors: [
        {
          file: 'services/payments/package.json',
          line: 5,
          column: 25,
          stage: 'extract',
          code: 'invalid-json',
          message: 'package.json is not valid JSON: trailing comma before `}`.',
        },
      ],
    });
  });

  it('locates errors whose V8 message has no position (unexpected token)', () => {
    const out = extract(fixture('package-json/unexpected-token/package.json', 'package.json'));
    expect(out.errors).toEqual([
      {
        file: 'package.json',
        line: 3,
        column: 14,
        stage: 'extract',
        code: 'invalid-json',
        message: 'package.json is not valid JSON: unexpected character.',
      },
    ]);
    expect(out.errors[0]?.message).not.toContain('tru');
  });

  it('rejects non-object JSON and empty files', () => {
    expect(extract(fixture('package-json/non-object/package.json', 'package.json'))).toEqual({
      facts: [],
      errors: [
        {
          file: 'package.json',
          line: 1,
          stage: 'extract',
          code: 'invalid-package-json',
          message: 'package.json must hold a JSON object.',
        },
      ],
    });
    expect(extract(fixture('package-json/empty/package.json', 'package.json')).errors).toEqual([
      {
        file: 'package.json',
        line: 1,
        column: 1,
        stage: 'extract',
        code: 'invalid-json',
        message: 'package.json is not valid JSON: unexpected end of input.',
      },
    ]);
  });

  it('keeps odd keys such as __proto__ as plain data', () => {
    const out = extract({ path: 'package.json', text: '{"scripts": {"__proto__": "x", "a": "b"}}' });
    const fact = out.facts[0];
    expect(fact?.kind === 'package' && Object.keys(fact.scripts)).toEqual(['__proto__', 'a']);
  });
});
