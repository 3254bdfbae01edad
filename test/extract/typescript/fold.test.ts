import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { argumentAt, unwrap } from '../../../src/extract/typescript/ast.js';
import { collect } from '../../../src/extract/typescript/collect.js';
import { fold } from '../../../src/extract/typescript/fold.js';
import { MAX_PARTS } from '../../../src/shared/folded.js';
import { parseFile } from '../../../src/extract/typescript/parse.js';
import { joinBase, resolveUrl } from '../../../src/shared/url.js';
import type { FoldedValue } from '../../../src/types/index.js';
import { env, imp, lit, unk, value } from './harness.js';

/** Folds the argument of every `probe(…)` call in `source`, in the scope of the call. */
function probes(source: string, path = 'src/probe.ts'): FoldedValue[] {
  const { events } = collect(parseFile(path, source).program(), source);
  return events.flatMap((event) => {
    if (event.kind !== 'call') return [];
    const callee = unwrap(event.node.callee);
    const argument = argumentAt(event.node, 0);
    return callee.type === 'Identifier' && callee.name === 'probe' && argument ? [fold(argument, event.scope)] : [];
  });
}

const one = (source: string): FoldedValue => {
  const [result] = probes(source);
  if (!result) throw new Error('no probe');
  return result;
};

describe('fold', () => {
  it('folds literals, templates, concatenation and value-preserving wrappers', () => {
    expect(one("probe('a' + `b${'c'}` + 1 + (2 as number)!);")).toEqual(value(lit('abc12')));
    expect(one('probe(1 + 2);')).toEqual(value(lit('3')));
    expect(one('probe(String(`${-5}`) satisfies string);')).toEqual(value(lit('-5')));
    expect(one("probe(['http://a', 'b', 3].join('/'));")).toEqual(value(lit('http://a/b/3')));
    expect(one("probe([x, 'b'].join());")).toEqual(value(unk('x'), lit(',b')));
    expect(one('probe(true);')).toEqual(value(lit('true')));
    expect(one('probe(null);')).toEqual(value(unk('null')));
  });

  it('folds env reads in every spelling, with fallbacks', () => {
    expect(one('probe(process.env.A);')).toEqual(value(env('A')));
    expect(one("probe(process.env['B'] ?? 'x');")).toEqual(value(env('B', 'x')));
    expect(one("probe(process.env.A || process.env.B || 'z');")).toEqual(value(env('A', value(env('B', 'z')))));
    expect(one('probe(import.meta.env.VITE_URL);')).toEqual(value(env('VITE_URL')));
    expect(one("const { X, Y: y = 'd' } = process.env; probe(`${X}/${y}`);")).toEqual(
      value(env('X'), lit('/'), env('Y', 'd')),
    );
    expect(one("probe('lit' ?? 'fallback');")).toEqual(value(lit('lit')));
    expect(one("probe('' || 'fallback');")).toEqual(value(lit('fallback')));
    expect(one('probe(process.env.A && "x");')).toEqual(value(unk('process.env.A && "x"')));
  });

  it('does not treat a shadowed process as the environment', () => {
    expect(one('function f(process) { probe(process.env.A); }')).toEqual(value(unk('process.env.A')));
  });

  it('follows const and never-reassigned let through scopes; parameters and reassigned lets are unknown', () => {
    expect(one("const a = 'x'; { const b = a + 'y'; probe(b); }")).toEqual(value(lit('xy')));
    expect(one("let v = 'one'; probe(v);")).toEqual(value(lit('one')));
    expect(one("let w = 'one'; w = 'two'; probe(w);")).toEqual(value(unk('w')));
    expect(one("const a = 'outer'; function f(a) { probe(a); }")).toEqual(value(unk('a')));
    expect(one("const a = 'outer'; function f() { const a = 'inner'; probe(a); }")).toEqual(value(lit('inner')));
  });

  it('reads members of object literals through nested consts, computed keys and spreads', () => {
    const source = [
      "const base = { orders: { url: 'http://orders' } };",
      "const KEY = 'orders';",
      "const config = { ...base, services: base, timeout: 5 };",
      'probe(config.services.orders.url);',
      'probe(config[KEY].url);',
      "probe(config['timeout']);",
      'probe(config.missing);',
    ].join('\n');
    expect(probes(source)).toEqual([
      value(lit('http://orders')),
      value(lit('http://orders')),
      value(lit('5')),
      value(unk('config.missing')),
    ]);
  });

  it('turns imported bindings into import parts with the member path', () => {
    const source = [
      "import { config } from './config';",
      "import settings from './settings';",
      "import * as urls from './urls';",
      "const { orders } = require('./cjs');",
      'probe(config.orders.url);',
      'probe(settings);',
      'probe(urls.payments.base);',
      'probe(orders.url);',
    ].join('\n');
    expect(probes(source)).toEqual([
      value(imp('./config', 'config', ['orders', 'url'])),
      value(imp('./settings', 'default')),
      value(imp('./urls', '*', ['payments', 'base'])),
      value(imp('./cjs', '*', ['orders', 'url'])),
    ]);
  });

  it('folds string enum members, dotted and bracketed, const enums, templates and references to members and consts', () => {
    const source = [
      "const PREFIX = 'shop.';",
      'export enum KafkaTopics {',
      "  ORDER_CREATED = 'order.created',",
      '  PAYMENT_DONE = `payment.done`,',
      "  'order-shipped' = 'order.shipped',",
      '  ORDER_ALIAS = ORDER_CREATED,',
      '  ORDER_VIA_ENUM = KafkaTopics.PAYMENT_DONE,',
      '  AUDIT = `${PREFIX}audit.${ORDER_CREATED}`,',
      "  DLQ = ORDER_CREATED + '.dlq',",
      '}',
      "export const enum Events { UserSignedUp = 'user_signed_up' }",
      'probe(KafkaTopics.ORDER_CREATED);',
      "probe(KafkaTopics['PAYMENT_DONE']);",
      "probe(KafkaTopics['order-shipped']);",
      'probe(KafkaTopics.ORDER_ALIAS);',
      'probe(KafkaTopics.ORDER_VIA_ENUM);',
      'probe(KafkaTopics.AUDIT);',
      'probe(KafkaTopics.DLQ);',
      'probe(Events.UserSignedUp);',
      'probe(`${KafkaTopics.ORDER_CREATED}.v2`);',
      'probe(KafkaTopics.MISSING);',
      'probe(KafkaTopics);',
    ].join('\n');
    expect(probes(source)).toEqual([
      value(lit('order.created')),
      value(lit('payment.done')),
      value(lit('order.shipped')),
      value(lit('order.created')),
      value(lit('payment.done')),
      value(lit('shop.audit.order.created')),
      value(lit('order.created.dlq')),
      value(lit('user_signed_up')),
      value(lit('order.created.v2')),
      value(unk('KafkaTopics.MISSING')),
      value(unk('KafkaTopics')),
    ]);
  });

  it('folds numeric enum members the way TypeScript numbers them, and never guesses', () => {
    const source = [
      'const BASE = 100;',
      'enum Auto { A, B, C }',
      'enum Mixed { A = 5, B, C, D = -1, E, F = BASE, G }',
      'enum Computed { A = 1 << 3, B, C = A + 1, D = Computed.A * 2 + 1, E = `v${A}` }',
      "enum AfterString { A = 'a', B = A.length, C }",
      'enum Opaque { A = compute(), B }',
      'enum Cycle { A = B, B = A }',
      'probe(Auto.A); probe(Auto.C);',
      'probe(Mixed.B); probe(Mixed.C); probe(Mixed.E); probe(Mixed.G);',
      'probe(Computed.A); probe(Computed.B); probe(Computed.C); probe(Computed.D); probe(Computed.E);',
      'probe(AfterString.C);',
      'probe(Opaque.B);',
      'probe(Cycle.A);',
      // Reverse mapping: `Auto[0]` is the name 'A', which is not a member called '0'.
      'probe(Auto[0]);',
    ].join('\n');
    expect(probes(source)).toEqual([
      value(lit('0')),
      value(lit('2')),
      value(lit('6')),
      value(lit('7')),
      value(lit('0')),
      value(lit('101')),
      value(lit('8')),
      value(lit('9')),
      // `A + 1` of a numeric member adds (string folding would give '81').
      value(lit('9')),
      value(lit('17')),
      value(lit('v8')),
      value(unk('AfterString.C')),
      value(unk('Opaque.B')),
      value(unk('Cycle.A')),
      value(unk('Auto[0]')),
    ]);
  });

  it('leaves ambient enums unknown, lets shadowing names win, merges declarations and scopes enums', () => {
    const source = [
      "declare enum Ambient { A = 'a' }",
      "enum Topics { A = 'topic.a' }",
      "enum Topics { B = 'topic.b' }",
      'probe(Ambient.A);',
      'probe(Topics.A); probe(Topics.B);',
      "function local() { const Topics = { A: 'shadow.a' }; probe(Topics.A); }",
      'function param(Topics: Record<string, string>) { probe(Topics.A); }',
      "function inner() { enum Inner { X = 'inner.x' } probe(Inner.X); }",
      'probe(Inner.X);',
      // Inside the body, members shadow outer names.
      "const A = 'outer'; enum Shadowed { A = 'member', B = A } probe(Shadowed.B);",
    ].join('\n');
    expect(probes(source)).toEqual([
      value(unk('Ambient.A')),
      value(lit('topic.a')),
      value(lit('topic.b')),
      value(lit('shadow.a')),
      value(unk('Topics.A')),
      value(lit('inner.x')),
      value(unk('Inner.X')),
      value(lit('member')),
    ]);
  });

  it('turns members of an imported enum into import parts with the member path', () => {
    const source = [
      "import { KafkaTopics } from '../constants/topics';",
      "import * as contracts from '@shop/contracts';",
      'probe(KafkaTopics.ORDER_CREATED);',
      "probe(KafkaTopics['PAYMENT_DONE']);",
      'probe(contracts.Events.UserSignedUp);',
      "enum Local { RETRY = `${KafkaTopics.ORDER_CREATED}.retry` } probe(Local.RETRY);",
    ].join('\n');
    expect(probes(source)).toEqual([
      value(imp('../constants/topics', 'KafkaTopics', ['ORDER_CREATED'])),
      value(imp('../constants/topics', 'KafkaTopics', ['PAYMENT_DONE'])),
      value(imp('@shop/contracts', '*', ['Events', 'UserSignedUp'])),
      value(imp('../constants/topics', 'KafkaTopics', ['ORDER_CREATED']), lit('.retry')),
    ]);
  });

  it('evaluates a member of a huge enum without walking the enum per reference', () => {
    const members = Array.from({ length: 20_000 }, (_, i) => `M${i}`).join(', ');
    const references = Array.from({ length: 2_000 }, () => 'probe(Big.M19999);').join('\n');
    const started = Date.now();
    const folded = probes(`enum Big { ${members} }\n${references}`);
    expect(Date.now() - started).toBeLessThan(2_000);
    expect(folded).toHaveLength(2_000);
    expect(folded[0]).toEqual(value(lit('19999')));
  });

  it('reads ConfigService by declared type only', () => {
    const source = [
      "import { ConfigService as Cfg } from '@nestjs/config';",
      'class S {',
      '  constructor(private readonly cfg: Cfg, private readonly other: Map<string, string>) {}',
      "  a() { probe(this.cfg.get<string>('A', 'x')); }",
      "  b() { probe(this.cfg.getOrThrow('B')); }",
      "  c() { probe(this.other.get('C')); }",
      '}',
    ].join('\n');
    expect(probes(source)).toEqual([value(env('A', 'x')), value(env('B')), value(unk("this.other.get('C')"))]);
  });

  it('folds URLs: new URL with known and unknown origins, href and toString', () => {
    const source = [
      "probe(new URL('/x', 'http://h:1/a/b').href);",
      "probe(new URL('/x', process.env.BASE).toString());",
      "probe(new URL('y', `http://h/${p}/`));",
      "const u = new URL('/z', `http://${host}/api`); probe(u.href);",
    ].join('\n');
    expect(probes(source)).toEqual([
      value(lit('http://h:1/x')),
      value(env('BASE'), lit('/x')),
      value(lit('http://h/'), unk('p'), lit('/y')),
      value(lit('http://'), unk('host'), lit('/api/z')),
    ]);
  });

  it('is bounded: deep const chains, self references and huge templates end as unknown', () => {
    const chain = Array.from({ length: 60 }, (_, i) => `const c${i + 1} = c${i} + 'x';`).join('\n');
    expect(one(`const c0 = 'a';\n${chain}\nprobe(c60);`).parts.some((part) => part.kind === 'unknown')).toBe(true);
    expect(one('const a = b; const b = a; probe(a);')).toEqual(value(unk('a')));
    const huge = `probe(\`${Array.from({ length: 100 }, (_, i) => `\${v${i}}-`).join('')}\`);`;
    const folded = one(huge);
    expect(folded.parts).toHaveLength(1);
    expect(folded.parts[0]?.kind).toBe('unknown');
    // Exponential sharing (each const used twice) is cut by the step budget, not computed.
    const doubling = Array.from({ length: 40 }, (_, i) => `const d${i + 1} = d${i} + d${i};`).join('\n');
    const started = Date.now();
    one(`const d0 = 'x';\n${doubling}\nprobe(d40);`);
    expect(Date.now() - started).toBeLessThan(2_000);
  });

  it('never produces more than the part cap, and unknown text is at most 80 characters', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom("'a'", 'x', 'process.env.E', '`${y}/`', "(z ?? 'q')", 'f()'), { maxLength: 120 }), (pieces) => {
        const source = `probe(${pieces.length === 0 ? "''" : pieces.join(' + ')});`;
        for (const folded of probes(source)) {
          expect(folded.parts.length).toBeLessThanOrEqual(MAX_PARTS);
          for (const part of folded.parts) if (part.kind === 'unknown') expect(part.text.length).toBeLessThanOrEqual(80);
        }
      }),
      { numRuns: 60 },
    );
  });
});

describe('URL joins', () => {
  it('puts exactly one slash at the join, like axios', () => {
    expect(joinBase(value(lit('http://a/')), value(lit('/x')))).toEqual(value(lit('http://a/x')));
    expect(joinBase(value(lit('http://a')), value(lit('x')))).toEqual(value(lit('http://a/x')));
    expect(joinBase(value(lit('http://a//')), value(lit('//x')))).toEqual(value(lit('http://a/x')));
    expect(joinBase(value(env('BASE')), value(lit('x')))).toEqual(value(env('BASE'), lit('/x')));
    expect(joinBase(value(lit('http://a')), value(lit('')))).toEqual(value(lit('http://a')));
    expect(joinBase(value(lit('http://a')), value(lit('https://b/c')))).toEqual(value(lit('https://b/c')));
    expect(joinBase(null, value(lit('/x')))).toEqual(value(lit('/x')));
  });

  it('resolves new URL semantics on literals exactly', () => {
    expect(resolveUrl(value(lit('../c')), value(lit('http://h/a/b/')))).toEqual(value(lit('http://h/a/c')));
    expect(resolveUrl(value(lit('/p'), unk('q')), value(lit('http://h:8/base')))).toEqual(value(lit('http://h:8/p'), unk('q')));
    expect(resolveUrl(value(lit('p')), value(lit('not a url')))).toEqual(value(lit('not a url/p')));
  });

  it('trims slashes in linear time on hostile input', () => {
    const slashes = '/'.repeat(200_000);
    const started = Date.now();
    joinBase(value(lit(`http://a${slashes}b${slashes}`)), value(lit(`${slashes}x`)));
    expect(Date.now() - started).toBeLessThan(500);
  });
});
