import { describe, expect, it } from 'vitest';
import { at, atSource, env, extractFixture, extractSource, httpAt, lit, ofKind, unk, value } from './harness.js';

describe('typescript extractor: fetch', () => {
  it('reads global fetch with AbortController/AbortSignal options, URL objects, Request objects and globalThis.fetch', () => {
    const file = 'fetch-abort/src/health-check.ts';
    expect(ofKind(extractFixture(file).facts, 'http-call')).toEqual([
      httpAt(at(file, 15, 25), 'fetch', 'GET', unk('target.url'), lit('/health')),
      // `new URL('/status', process.env.STATUS_PAGE_URL).href`: the base's origin is unknown, so the path is joined.
      httpAt(at(file, 21, 9), 'fetch', 'PUT', env('STATUS_PAGE_URL'), lit('/status')),
      // The method comes from the Request's init when fetch's own init has none.
      httpAt(at(file, 31, 21), 'fetch', 'HEAD', env('INVENTORY_URL'), lit('/ready')),
      // A relative URL against a literal base is resolved exactly; an opaque init leaves the method unknown.
      httpAt(at(file, 36, 10), 'fetch', null, lit('http://metrics.internal:9091/push/metrics')),
    ]);
  });

  it('reads fetch imported from node-fetch and undici under local names', () => {
    const file = 'fetch-abort/src/webhooks.mjs';
    expect(ofKind(extractFixture(file).facts, 'http-call')).toEqual([
      httpAt(at(file, 7, 9), 'fetch', 'POST', env('SLACK_WEBHOOK_URL')),
      httpAt(at(file, 15, 26), 'fetch', 'GET', lit('https://mirror.example.org'), unk('path')),
    ]);
  });

  it('resolves `new URL(absolutePath, base)` against a known origin', () => {
    const text = [
      "const base = 'http://orders:3000/api/v1';",
      "fetch(new URL('/health', base));",
      'fetch(new URL(`/orders/${id}`, `http://orders:${port}/`));',
      "fetch(new URL('/x', `${process.env.HOST}/api`).toString());",
      "import('cross-fetch').then(({ default: f }) => f('/ignored'));",
    ].join('\n');
    expect(ofKind(extractSource(text).facts, 'http-call')).toEqual([
      httpAt(atSource(text, 2, 1), 'fetch', 'GET', lit('http://orders:3000/health')),
      // The literal before `${port}` does not spell out the whole host, so the origin is unknown.
      httpAt(atSource(text, 3, 1), 'fetch', 'GET', lit('http://orders:'), unk('port'), lit('/orders/'), unk('id')),
      httpAt(atSource(text, 4, 1), 'fetch', 'GET', env('HOST'), lit('/api/x')),
    ]);
  });
});

describe('typescript extractor: got', () => {
  it('joins got.extend prefixUrl with paths, through nested extends, and reads direct, verb and stream calls', () => {
    const file = 'got-extend/src/catalog.client.ts';
    const catalog = env('CATALOG_URL', 'http://catalog:8080');
    expect(ofKind(extractFixture(file).facts, 'http-call')).toEqual([
      httpAt(at(file, 19, 18), 'got', 'GET', catalog, lit('/api/products/'), unk('id')),
      httpAt(at(file, 23, 10), 'got', 'GET', catalog, lit('/api/search')),
      httpAt(at(file, 27, 23), 'got', 'DELETE', catalog, lit('/api/products/'), unk('id')),
      httpAt(at(file, 31, 13), 'got', 'POST', lit('http://audit:9000/events')),
      httpAt(at(file, 32, 9), 'got', 'HEAD', lit('http://audit:9000/health')),
      httpAt(at(file, 33, 14), 'got', 'GET', catalog, lit('/exports/latest.csv')),
    ]);
  });

  it('reads `require("got")` and a call-level prefixUrl', () => {
    const text = ["const got = require('got');", "got('users', { prefixUrl: 'http://users:3000', method: 'PATCH' });"].join('\n');
    expect(ofKind(extractSource(text, 'src/example.cjs').facts, 'http-call')).toEqual([
      httpAt(atSource(text, 2, 1, 'src/example.cjs'), 'got', 'PATCH', lit('http://users:3000/users')),
    ]);
  });
});

describe('typescript extractor: NestJS HttpService', () => {
  it('reads calls on a constructor-injected HttpService inside firstValueFrom, lastValueFrom and .pipe()', () => {
    const file = 'nestjs-http/src/orders/orders.service.ts';
    expect(ofKind(extractFixture(file).facts, 'http-call')).toEqual([
      httpAt(at(file, 28, 17), 'nestjs-http', 'POST', env('INVENTORY_URL', 'http://inventory:3000'), lit('/reservations')),
      httpAt(at(file, 36, 8), 'nestjs-http', 'POST', env('PAYMENTS_URL'), lit('/charges')),
      httpAt(at(file, 42, 17), 'nestjs-http', 'GET', env('PAYMENTS_URL'), lit('/charges/'), unk('chargeId')),
    ]);
  });

  it('recognizes a property-injected HttpService imported under another name, by type only', () => {
    const file = 'nestjs-http/src/orders/shipping.client.ts';
    const host = [lit('http://'), env('SHIPPING_HOST', 'shipping'), lit(':'), env('SHIPPING_PORT', '8080')];
    expect(ofKind(extractFixture(file).facts, 'http-call')).toEqual([
      httpAt(at(file, 14, 53), 'nestjs-http', 'GET', ...host, lit('/quotes')),
      httpAt(at(file, 19, 42), 'nestjs-http', 'DELETE', ...host, lit('/shipments/'), unk('id')),
    ]);
  });

  it('recognizes legacy @nestjs/common HttpService, typed parameters, axiosRef, and configService defaults', () => {
    const text = [
      "import { HttpService } from '@nestjs/common';",
      "import { ConfigService } from '@nestjs/config';",
      'export const factory = (http: HttpService, config: ConfigService) =>',
      "  http.axiosRef.get(`${config.get('USERS_URL', { infer: true })}/users`);",
      'class Client {',
      '  constructor(private readonly http: HttpService) {}',
      "  ping() { return this.http.head(process.env.PING_URL ?? 'http://ping'); }",
      '}',
    ].join('\n');
    expect(ofKind(extractSource(text).facts, 'http-call')).toEqual([
      httpAt(atSource(text, 4, 17), 'nestjs-http', 'GET', env('USERS_URL'), lit('/users')),
      httpAt(atSource(text, 7, 29), 'nestjs-http', 'HEAD', env('PING_URL', value(lit('http://ping')))),
    ]);
  });
});
