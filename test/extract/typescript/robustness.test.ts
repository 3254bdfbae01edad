import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { extractTypeScript, typescriptExtractor } from '../../../src/extract/typescript/index.js';
import { guardNesting } from '../../../src/extract/typescript/nesting-guard.js';
import type { SourceFile } from '../../../src/types/index.js';
import { allFixtures, at, atSource, extractFixture, extractSource, fixture, httpAt, importAt, lit, ofKind, plain } from './harness.js';

describe('typescript extractor: file selection', () => {
  it('matches JavaScript and TypeScript sources but not declaration files', () => {
    for (const path of ['a.ts', 'a.tsx', 'a.mts', 'a.cts', 'a.js', 'a.jsx', 'a.mjs', 'a.cjs', 'src/A.TS']) {
      expect(typescriptExtractor.matches(path), path).toBe(true);
    }
    for (const path of ['a.d.ts', 'a.d.mts', 'a.d.cts', 'a.json', 'a.ts.map', 'a.tsbuildinfo', 'ts', 'a.vue']) {
      expect(typescriptExtractor.matches(path), path).toBe(false);
    }
  });
});

describe('typescript extractor: broken and hostile input', () => {
  it('reports one parse error for a syntax error and still gives the imports before it', () => {
    const file = 'syntax-error/src/broken.ts';
    const { facts, errors } = extractFixture(file);
    expect(errors).toEqual([
      {
        file,
        line: 8,
        column: 54,
        stage: 'extract',
        code: 'parse-error',
        message: 'Syntax error: Expected `,` or `)` but found `;`',
      },
    ]);
    expect(plain(facts)).toEqual([
      importAt(at(file, 1, 1), '@nestjs/common', 'static'),
      importAt(at(file, 2, 1), 'axios', 'static'),
      importAt(at(file, 3, 1), './order', 'static', true),
    ]);
  });

  it('parses CommonJS .js files with a top-level return', () => {
    const text = "const a = require('a');\nif (!a) return;\nmodule.exports = { port: 3000 };";
    expect(extractSource(text, 'bin/cli.js').errors).toEqual([]);
  });

  it('survives a 10,000-deep nested expression: one nesting error, the rest of the file still read', () => {
    const deep = `${'('.repeat(10_000)}1${')'.repeat(10_000)}`;
    const text = `import axios from 'axios';\nconst x = ${deep};\naxios.get('http://after/deep');\n`;
    const started = Date.now();
    const { facts, errors } = extractSource(text);
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(errors).toEqual([
      {
        file: 'src/example.ts',
        line: 2,
        column: expect.any(Number),
        stage: 'extract',
        code: 'nesting-too-deep',
        message: 'Code nested too deeply to parse safely; the statement holding it was skipped.',
      },
    ]);
    expect(plain(facts)).toEqual([
      importAt(atSource(text, 1, 1), 'axios', 'static'),
      httpAt(atSource(text, 3, 7), 'axios', 'GET', lit('http://after/deep')),
    ]);
  });

  it.each([
    ['templates', `const t = ${'`${'.repeat(10_000)}x${'}`'.repeat(10_000)};`],
    ['conditionals over lines', `const c = a\n${'  ? b\n  : a\n'.repeat(10_000)}  ? b : c;`],
    ['else-if chains', `if (a) {\n}${' else if (a) {\n}\n'.repeat(10_000)}`],
    ['generics', `let g: ${'A<'.repeat(10_000)}B${'>'.repeat(10_000)};`],
    ['unary operators', `const u = ${'!'.repeat(100_000)}x;`],
    ['nested functions', `${'function f() {\n'.repeat(10_000)}${'}\n'.repeat(10_000)}`],
    ['JSX', `const j = ${'<a>'.repeat(10_000)}${'</a>'.repeat(10_000)};`],
    ['brackets behind a string of closers', `const s = ")))]]]}}}";\nconst x = ${'['.repeat(10_000)}1${']'.repeat(10_000)};`],
  ])('survives deep %s', (_name, body) => {
    const text = `import 'a';\n${body}\nfetch('http://after');\n`;
    const { facts, errors } = extractSource(text, 'src/example.tsx');
    expect(errors.map((error) => error.code)).toContain('nesting-too-deep');
    expect(ofKind(facts, 'import').map((fact) => fact.specifier)).toEqual(['a']);
    expect(ofKind(facts, 'http-call').map((fact) => fact.url)).toEqual([{ parts: [lit('http://after')] }]);
  });

  it('parses a 15,000-long member chain (cheap for the parser) but skips its depth in the walk, and says so', () => {
    const text = `import a from 'a';\nconst x = a${'.b'.repeat(15_000)};\nfetch('http://after');\n`;
    const { facts, errors } = extractSource(text);
    expect(errors).toEqual([
      {
        file: 'src/example.ts',
        line: 2,
        column: expect.any(Number),
        stage: 'extract',
        code: 'nesting-too-deep',
        message: 'Code nested too deeply to analyze; the innermost part was skipped.',
      },
    ]);
    expect(facts.map((fact) => fact.kind)).toEqual(['import', 'http-call']);
  });

  it('keeps offsets and line numbers when it blanks a statement', () => {
    const text = `const a = 1;\nconst b = ${'('.repeat(3_000)}1${')'.repeat(3_000)};\nconst c = 2;\n`;
    const guarded = guardNesting(text);
    expect(guarded.tooDeepAt).not.toBeNull();
    expect(guarded.text).toHaveLength(text.length);
    expect(guarded.text.split('\n').map((line) => line.trim())).toEqual(['const a = 1;', '', 'const c = 2;', '']);
  });

  it('never flags ordinary code, including long flat files', () => {
    for (const path of allFixtures()) expect(guardNesting(fixture(path).text).tooDeepAt, path).toBeNull();
    const flat = Array.from({ length: 5_000 }, (_, i) => `if (x${i}) {\n  y = a ? b : c\n}\nfoo.bar(x).baz()\n`).join('');
    expect(guardNesting(flat).tooDeepAt).toBeNull();
    const svg = `export const Icon = () => (\n  <svg>\n${'    <path d="M0 0h24v24H0z" fill="none" />\n'.repeat(5_000)}  </svg>\n);\n`;
    expect(guardNesting(svg).tooDeepAt).toBeNull();
    const cases = `switch (x) {\n${Array.from({ length: 3_000 }, (_, i) => `  case ${i}:\n`).join('')}    return 1;\n}\n`;
    expect(guardNesting(cases).tooDeepAt).toBeNull();
  });

  it('scans any text in one pass and keeps its length (random code-like soup past the fast path)', () => {
    const soup = fc.array(
      fc.constantFrom('(', ')', '[', ']', '{', '}', '`', '${', "'", '"', '/', '*', '\\', '\n', ' ', '<', '>', '=', '?', ':', 'if', 'a', '.', '!', '-', '1', ';', ','),
      { minLength: 1_200, maxLength: 3_000 },
    );
    fc.assert(
      fc.property(soup, (pieces) => {
        const text = pieces.join('');
        const guarded = guardNesting(text);
        expect(guarded.text).toHaveLength(text.length);
        expect(guarded.text.split('\n')).toHaveLength(text.split('\n').length);
        const out = typescriptExtractor.extract({ path: 'soup.tsx', text });
        expect(out.errors.every((error) => error.code !== 'extractor-failure')).toBe(true);
      }),
      { numRuns: 100 },
    );
  });

  it('never throws on arbitrary text, and reports only extract-stage errors', () => {
    fc.assert(
      fc.property(fc.constantFrom('a.ts', 'a.tsx', 'a.js', 'a.cjs'), fc.string({ maxLength: 400 }), (path, text) => {
        const out = typescriptExtractor.extract({ path, text });
        for (const error of out.errors) {
          expect(error.stage).toBe('extract');
          expect(['parse-error', 'nesting-too-deep', 'extractor-failure']).toContain(error.code);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('turns an internal failure into an extractor-failure error', () => {
    const file: SourceFile = {
      path: 'src/boom.ts',
      get text(): string {
        throw new Error('disk vanished');
      },
    };
    expect(typescriptExtractor.extract(file)).toEqual({
      facts: [],
      errors: [
        {
          file: 'src/boom.ts',
          stage: 'extract',
          code: 'extractor-failure',
          message: 'The TypeScript extractor failed on this file: disk vanished',
        },
      ],
    });
  });
});

describe('typescript extractor: prefilter', () => {
  it('agrees with a forced full AST walk on every fixture', () => {
    for (const path of allFixtures()) {
      const file = fixture(path);
      expect(typescriptExtractor.extract(file), path).toEqual(extractTypeScript(file, { forceFullWalk: true }));
    }
  });

  // Lines that do and do not carry trigger tokens; any mix must give the same facts with and without the prefilter.
  const LINES = [
    "export enum Topics { A = 'topic.a' }",
    'export const enum Flags { On = 1 }',
    "export declare enum Ambient { X = 'x' }",
    "import { config } from './config';",
    "import type { T } from './types';",
    "export { a } from './a';",
    'export type { B } from "./b";',
    'export interface Shape { url: string }',
    'export type Alias = string;',
    'export function helper() { return 1; }',
    'export class Service {}',
    'export default class Main {}',
    "export const BASE = 'http://x';",
    "export default { url: 'http://y' };",
    "const local = { port: 3000 };",
    'export { local };',
    'export { local as renamed };',
    "export = { legacy: 'http://z' };",
    "module.exports = { cjs: 'http://w' };",
    "exports.name = 'svc';",
    "const lib = require('lib');",
    "fetch('http://f');",
    "app.listen(8080);",
    "const \\u0066etch2 = 1;",
    'const x = 1 + 2;',
    "export default type;",
    "const type = { t: 'http://t' };",
    "export async function job() {}",
    "export default async function () {}",
    "export abstract class Base {}",
    'export const Button = ({ label }: Props): JSX.Element => null;',
    "export const withDefault = (a = ')') => a;",
    'export const query = gql`query { orders { id } }`;',
    'export const schema = z.object({ url: z.string() });',
    "export const frozen = Object.freeze({ url: 'http://frozen' });",
    "export const port = Number(process.env.PORT);",
    "export const paren = ('http://paren');",
    "export const fromEnv = config.get('URL');",
    "export const required = require('./x');",
    'export default defineConfig({ server: { port: 5173 } });',
    "export default (req, res) => res.end();",
    "export const a = make(), b = 'second';",
    "export const ref = String.raw`http://raw`;",
    'export const lazy = import("./lazy");',
    'const requiredField = true; const refetch = 1; addEventListener("x", f);',
    "import { Kafka as K } from 'kafkajs'; const p = new K({ brokers: [] }).producer();",
    "await p.send({ topic: 'order.placed', messages: [] });",
    "import CircuitBreaker from 'opossum'; const b = new CircuitBreaker(() => fetch('http://x:1/a'));",
    "class Breaker { state = 'HALF_OPEN'; run(f) { return f(); } }",
    "import { ClientProxy } from '@nestjs/microservices'; declare const c: ClientProxy; c.emit('evt', {});",
    "import { Pool as Db } from 'pg';",
    "const db = new Db({ connectionString: process.env.DATABASE_URL });",
    "db.query('SELECT id FROM orders');",
    "import createKnex from 'knex';",
    "createKnex({ client: 'pg' })('payments').where('id', 1);",
    "import { pool } from './db';",
    "pool.query('UPDATE orders SET status = 1');",
    'const sql = postgres(); sql`SELECT 1 FROM users`;',
    "module.exports = { up: async (qi) => { await qi.removeColumn('users', 'x'); } };",
    "export async function up({ context: q }) { await q.createTable('t', { id: {} }); }",
  ];

  it('agrees with a forced full AST walk on random mixes of lines', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...LINES), { maxLength: 8 }), fc.constantFrom('m.ts', 'm.js'), (lines, path) => {
        const file: SourceFile = { path, text: lines.join('\n') };
        expect(typescriptExtractor.extract(file)).toEqual(extractTypeScript(file, { forceFullWalk: true }));
      }),
      { numRuns: 400 },
    );
  });
});
