import { describe, expect, it } from 'vitest';
import { at, atSource, extractFixture, extractSource, importAt, ofKind } from './harness.js';

describe('typescript extractor: imports', () => {
  it('reads every import form of a barrel module, with type-only ones marked', () => {
    const file = 'imports/src/index.ts';
    const { facts, errors } = extractFixture(file);
    expect(errors).toEqual([]);
    expect(ofKind(facts, 'import')).toEqual([
      importAt(at(file, 1, 1), 'reflect-metadata', 'static'),
      importAt(at(file, 2, 1), '@shop/contracts', 'static', true),
      importAt(at(file, 3, 1), '@shop/customers', 'static', true),
      importAt(at(file, 4, 1), '@shop/billing', 'static'),
      importAt(at(file, 5, 1), './utils', 'static'),
      importAt(at(file, 6, 1), '../shared/index.js', 'static'),
      importAt(at(file, 7, 1), 'legacy-lib', 'require'),
      importAt(at(file, 8, 1), 'legacy-types', 'require', true),
      importAt(at(file, 10, 1), './orders', 'reexport'),
      importAt(at(file, 11, 1), './inventory', 'reexport'),
      importAt(at(file, 12, 1), './shipping', 'reexport', true),
      importAt(at(file, 13, 1), './carriers', 'reexport', true),
      importAt(at(file, 14, 1), './payments', 'reexport'),
      importAt(at(file, 17, 21), './exporters/pdf', 'dynamic'),
      importAt(at(file, 18, 21), './exporters/csv', 'dynamic'),
      // `import(`./exporters/${kind}`)` has no literal specifier and gives nothing.
      importAt(at(file, 20, 25), './exporters/xml', 'dynamic'),
      importAt(at(file, 25, 10), './config.json', 'require'),
    ]);
  });

  it('reads CommonJS requires, but not calls to a parameter named require', () => {
    const file = 'commonjs-require/src/app.js';
    expect(ofKind(extractFixture(file).facts, 'import')).toEqual([
      importAt(at(file, 3, 17), 'express', 'require'),
      importAt(at(file, 4, 15), 'axios', 'require'),
      importAt(at(file, 5, 19), 'undici', 'require'),
      importAt(at(file, 6, 16), './config', 'require'),
      importAt(at(file, 7, 24), './config', 'require'),
      importAt(at(file, 8, 16), './lib/logger', 'require'),
    ]);
  });

  it('ignores require shadowed by any local binding, and require calls without a literal', () => {
    const text = [
      "import { createRequire } from 'node:module';",
      'const require = createRequire(import.meta.url);',
      "const a = require('./shadowed-at-module-level');",
    ].join('\n');
    expect(ofKind(extractSource(text).facts, 'import')).toEqual([importAt(atSource(text, 1, 1), 'node:module', 'static')]);

    const script = ["const name = 'x';", 'require(name);', "require('a' + name);", "require.resolve('b');", "require(`./c`);"].join('\n');
    expect(ofKind(extractSource(script, 'src/example.cjs').facts, 'import')).toEqual([
      importAt(atSource(script, 5, 1, 'src/example.cjs'), './c', 'require'),
    ]);
  });

  it('decodes escapes in dynamic import specifiers and skips computed ones', () => {
    const text = ["await import('./a\\x2fb');", 'await import("./c" + suffix);', "await import('./d', { with: { type: 'json' } });"].join('\n');
    expect(ofKind(extractSource(text, 'src/example.mts').facts, 'import')).toEqual([
      importAt(atSource(text, 1, 7, 'src/example.mts'), './a/b', 'dynamic'),
      importAt(atSource(text, 3, 7, 'src/example.mts'), './d', 'dynamic'),
    ]);
  });

  it('records the export names a static import reads, leaving type-only names out', () => {
    const text = [
      "import fetchJson, { JwtAuthGuard as Guard, type Claims } from '@booking/common';",
      "import * as clients from './clients';",
      "import type { Order } from './order';",
      "import './polyfills';",
    ].join('\n');
    const names = extractSource(text).facts.flatMap((fact) => (fact.kind === 'import' ? [[fact.specifier, fact.names]] : []));
    expect(names).toEqual([
      ['@booking/common', ['default', 'JwtAuthGuard']],
      ['./clients', ['*']],
      ['./order', []],
      ['./polyfills', []],
    ]);
  });
});
