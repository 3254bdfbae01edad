// Issue #5: the constant folder (through the TypeScript extractor, as it runs in production) and URL parsing get
// random input and must never throw, stay exact on what they can know, and stay linear on adversarial strings.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { typescriptExtractor } from '../../src/extract/typescript/index.js';
import { displayUrl, parseUrl } from '../../src/resolve/url.js';
import type { HttpCallFact } from '../../src/types/index.js';

/** An expression's source and, when it is made of literals only, the string it evaluates to. */
interface Expr {
  code: string;
  value: string | null;
}

/** Characters that are safe inside both quotes and template literals once escaped below. */
const piece = fc.string({ maxLength: 8, unit: fc.constantFrom('a', 'b', '/', ':', '.', '-', '?', '=', '&', '%', ' ', '1', '9', 'é', '服') });

const literal: fc.Arbitrary<Expr> = fc.oneof(
  piece.map((text) => ({ code: `'${text}'`, value: text })),
  piece.map((text) => ({ code: `"${text}"`, value: text })),
  piece.map((text) => ({ code: `\`${text}\``, value: text })),
);
const opaque: fc.Arbitrary<Expr> = fc.constantFrom(
  { code: 'process.env.BASE_URL', value: null },
  { code: "process.env['PORT']", value: null },
  { code: 'config.url', value: null },
  { code: 'req.query.next', value: null },
  { code: 'undefinedName', value: null },
  { code: 'Math.random()', value: null },
);

const { expr } = fc.letrec<{ expr: Expr }>((tie) => ({
  expr: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    literal,
    opaque,
    fc.tuple(tie('expr'), tie('expr')).map(([a, b]) => join(a, b, `(${a.code} + ${b.code})`)),
    fc.tuple(tie('expr'), tie('expr')).map(([a, b]) => join(a, b, `\`\${${a.code}}\${${b.code}}\``)),
    tie('expr').map((a) => ({ code: `(${a.code})`, value: a.value })),
    fc.tuple(tie('expr'), tie('expr')).map(([a, b]) => ({ code: `((${a.code}) ?? (${b.code}))`, value: null })),
    fc.tuple(tie('expr'), tie('expr')).map(([a, b]) => ({ code: `(String(${a.code}) || (${b.code}))`, value: null })),
    fc.tuple(tie('expr'), tie('expr')).map(([a, b]) => ({ code: `[${a.code}, ${b.code}].join('')`, value: null })),
  ),
}));

function join(a: Expr, b: Expr, code: string): Expr {
  return { code, value: a.value === null || b.value === null ? null : a.value + b.value };
}

function callsOf(text: string): HttpCallFact[] {
  const out = typescriptExtractor.extract({ path: 'src/client.ts', text });
  expect(out.errors.map((error) => error.code)).toEqual([]);
  return out.facts.filter((fact): fact is HttpCallFact => fact.kind === 'http-call');
}

describe('constant folder', () => {
  it('folds literal-only URL expressions exactly, directly and through a const, and never throws on the rest', () => {
    fc.assert(
      fc.property(expr, ({ code, value }) => {
        const text = `import axios from 'axios';\nconst BASE = ${code};\nfetch(${code});\naxios.get(BASE);\n`;
        const calls = callsOf(text);
        expect(calls).toHaveLength(2);
        for (const call of calls) {
          expect(Array.isArray(call.url.parts)).toBe(true);
          if (value === null) continue;
          // A literal-only expression must fold to exactly its value: every part literal, joined.
          expect(call.url.parts.every((part) => part.kind === 'literal')).toBe(true);
          expect(call.url.parts.map((part) => (part.kind === 'literal' ? part.value : '')).join('')).toBe(value);
        }
      }),
      { numRuns: 150 },
    );
  });

  it('stays bounded on long and deeply chained expressions (fold depth and budget limits)', () => {
    for (const code of [
      Array.from({ length: 3_000 }, (_, i) => `'p${i}'`).join(' + '),
      `${'('.repeat(400)}'x'${')'.repeat(400)}`,
      Array.from({ length: 500 }, (_, i) => `const v${i} = ${i === 0 ? "'http://a'" : `v${i - 1} + '/s'`};`).join('\n') + '\nfetch(v499);',
    ]) {
      const text = code.startsWith('const') ? code : `fetch(${code});\n`;
      const started = performance.now();
      const out = typescriptExtractor.extract({ path: 'src/long.ts', text });
      expect(performance.now() - started).toBeLessThan(5_000);
      expect(out.errors.map((error) => error.code).filter((c) => c === 'extractor-failure')).toEqual([]);
    }
  });
});

describe('URL parsing', () => {
  it('never throws, and display never shows credentials or control characters', () => {
    const url = fc.oneof(
      fc.string({ maxLength: 200, unit: 'binary' }),
      fc.webUrl({ withQueryParameters: true, withFragments: true }),
      fc.tuple(fc.webUrl(), fc.string({ maxLength: 10, unit: fc.constantFrom('a', 'Z', '9', '_', '~', '!') })).map(([u, p]) => u.replace('://', `://user:PWD${p}END@`)),
    );
    fc.assert(
      fc.property(url, (text) => {
        const parsed = parseUrl(text);
        expect(['absolute', 'unparsable']).toContain(parsed.kind);
        // eslint-disable-next-line no-control-regex
        expect(parsed.display).not.toMatch(/[\u0000-\u001f\u007f-\u009f]/);
        expect(parsed.display.length).toBeLessThanOrEqual(200);
        if (parsed.kind === 'absolute') expect(parsed.port === null || Number.isInteger(parsed.port)).toBe(true);
        // The planted password (`PWD…END`) never shows, wherever the generator put it.
        expect(displayUrl(text)).not.toMatch(/PWD[\w~!]*END@/);
      }),
      { numRuns: 500 },
    );
  });

  it('reads host and port of well-formed URLs', () => {
    const host = fc.stringMatching(/^[a-z][a-z0-9-]{0,20}(\.[a-z]{2,5}){0,2}$/);
    fc.assert(
      fc.property(fc.constantFrom('http', 'https'), host, fc.option(fc.integer({ min: 1, max: 65_535 })), fc.webPath(), (scheme, name, port, path) => {
        const parsed = parseUrl(`${scheme}://${name}${port === null ? '' : `:${port}`}${path}`);
        expect(parsed).toMatchObject({ kind: 'absolute', scheme, host: name, port: port ?? (scheme === 'http' ? 80 : 443) });
      }),
      { numRuns: 200 },
    );
  });

  it.each([
    ['colons', `http://${':'.repeat(200_000)}`],
    ['at signs', `http://${'@'.repeat(200_000)}/x`],
    ['brackets', `http://${'['.repeat(200_000)}`],
    ['schemes', 'a'.repeat(200_000)],
    ['slashes', `http:${'/'.repeat(200_000)}`],
    ['percent', `http://h/${'%'.repeat(200_000)}`],
  ])('is linear on 200 KB of %s', (_name, text) => {
    const started = performance.now();
    parseUrl(text);
    displayUrl(text);
    expect(performance.now() - started).toBeLessThan(2_000);
  });
});
