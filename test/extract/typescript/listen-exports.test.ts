import { describe, expect, it } from 'vitest';
import type { ExportedValue } from '../../../src/types/index.js';
import {
  at,
  atSource,
  env,
  exportAt,
  extractFixture,
  extractSource,
  imp,
  listenAt,
  lit,
  object,
  ofKind,
  scalar,
} from './harness.js';

describe('typescript extractor: listen', () => {
  it('reads Express, NestJS and express-generator listen calls', () => {
    expect(ofKind(extractFixture('express-orders/src/index.ts').facts, 'listen')).toEqual([
      listenAt(at('express-orders/src/index.ts', 11, 5), imp('./config.js', 'config', ['port'])),
    ]);
    expect(ofKind(extractFixture('nestjs-http/src/main.ts').facts, 'listen')).toEqual([
      listenAt(at('nestjs-http/src/main.ts', 9, 13), env('PORT', '3000')),
    ]);
    // `normalizePort(process.env.PORT || '3000')`: a local helper wrapped around the port.
    expect(ofKind(extractFixture('commonjs-require/bin/www.js').facts, 'listen')).toEqual([
      listenAt(at('commonjs-require/bin/www.js', 14, 8), env('PORT', '3000')),
    ]);
  });

  it('reads fastify options objects and numeric literals, and skips sockets, unknown ports and portless options', () => {
    const text = [
      "import Fastify from 'fastify';",
      'const app = Fastify();',
      "await app.listen({ port: Number(process.env.PORT) || 8080, host: '0.0.0.0' });",
      'server.listen(4000);',
      "server.listen('/var/run/app.sock');",
      'server.listen(port);',
      "server.listen({ host: '::' });",
      'server.listen();',
      "import { ConfigService } from '@nestjs/config';",
      'const config = nest.get(ConfigService);',
      "await nest.listen(config.get<number>('HTTP_PORT', 3000));",
    ].join('\n');
    expect(ofKind(extractSource(text).facts, 'listen')).toEqual([
      listenAt(atSource(text, 3, 11), env('PORT', '8080')),
      listenAt(atSource(text, 4, 8), lit('4000')),
      // `app.get(ConfigService)` gives a ConfigService.
      listenAt(atSource(text, 11, 12), env('HTTP_PORT', '3000')),
    ]);
  });
});

describe('typescript extractor: exported values', () => {
  it('reads a config module: consts, templates, destructured env with defaults, spreads, re-exports, default object', () => {
    // Functions, arrows and comparisons carry no value evidence and give no fact.
    const file = 'config-module/src/config/index.ts';
    const ordersBase = [lit('http://'), env('ORDERS_HOST'), lit(':'), env('ORDERS_PORT', '3001')];
    const inventoryUrl = env('INVENTORY_URL', 'http://localhost:3002');
    const services: ExportedValue = object({
      inventory: object({ retries: scalar(lit('3')), timeoutMs: scalar(lit('2500')), url: scalar(inventoryUrl) }),
      orders: object({ retries: scalar(lit('3')), timeoutMs: scalar(lit('10000')), url: scalar(...ordersBase) }),
      search: object({ url: scalar(env('HOST', '0.0.0.0'), lit('/search')) }),
    });
    expect(ofKind(extractFixture(file).facts, 'exported-value')).toEqual([
      exportAt(at(file, 13, 14), 'SERVICE_NAME', scalar(lit('checkout'))),
      exportAt(at(file, 14, 14), 'API_PREFIX', scalar(lit('/api/v2'))),
      exportAt(at(file, 15, 14), 'ORDERS_BASE_URL', scalar(...ordersBase)),
      exportAt(at(file, 16, 14), 'PUBLIC_API_URL', scalar(env('VITE_PUBLIC_API_URL'))),
      exportAt(at(file, 23, 14), 'services', services),
      exportAt(at(file, 35, 10), 'INVENTORY_URL', scalar(inventoryUrl)),
      exportAt(at(file, 35, 25), 'cacheUrl', scalar(env('REDIS_URL'))),
      exportAt(at(file, 37, 1), 'default', object({ host: scalar(env('HOST', '0.0.0.0')), port: scalar(env('PORT', '8080')), services })),
    ]);
  });

  it('cuts objects nested deeper than six levels (an opaque value, so left out) but keeps scalars there', () => {
    const file = 'config-module/src/config/deep.ts';
    // `retries: { max: 5, … }` would be a seventh object level.
    const webhooks = object({ url: scalar(lit('https://api.stripe.com/v1/webhook_endpoints')) });
    expect(ofKind(extractFixture(file).facts, 'exported-value')).toEqual([
      exportAt(
        at(file, 2, 14),
        'flags',
        object({ checkout: object({ payments: object({ providers: object({ stripe: object({ webhooks }) }) }) }) }),
      ),
    ]);
  });

  it('reads an ESM config object exported by name and as default', () => {
    const file = 'express-orders/src/config.ts';
    const config = object({
      port: scalar(env('PORT', '3000')),
      services: object({
        inventory: object({ url: scalar(env('INVENTORY_URL', 'http://inventory:3000')), timeoutMs: scalar(lit('5000')) }),
        payments: scalar(env('PAYMENTS_URL', 'http://payments:3000')),
      }),
      database: object({ url: scalar(env('DATABASE_URL')) }),
    });
    expect(ofKind(extractFixture(file).facts, 'exported-value')).toEqual([
      exportAt(at(file, 6, 14), 'config', config),
      exportAt(at(file, 22, 1), 'default', config),
    ]);
  });

  it('reads CommonJS module.exports objects (as default and per property), module.exports.X and exports.X', () => {
    const file = 'commonjs-require/src/config.js';
    const billingUrl = scalar(env('BILLING_URL', 'http://billing:4000'));
    const features = object({ invoices: scalar(lit('true')) });
    expect(ofKind(extractFixture(file).facts, 'exported-value')).toEqual([
      exportAt(at(file, 5, 1), 'default', object({ billingUrl, port: scalar(lit('8080')), features })),
      exportAt(at(file, 6, 3), 'billingUrl', billingUrl),
      exportAt(at(file, 7, 3), 'port', scalar(lit('8080'))),
      exportAt(at(file, 8, 3), 'features', features),
      exportAt(at(file, 11, 1), 'timeoutMs', scalar(lit('5000'))),
      exportAt(at(file, 12, 1), 'region', scalar(env('AWS_REGION', 'eu-west-1'))),
    ]);
  });

  it('leaves opaque values out of objects, and lets a later opaque value override an earlier known one', () => {
    const text = [
      "const base = { url: 'http://a', retries: 3 };",
      'export const cfg = { ...base, url: pick(), handler: () => 1, empty: {}, nested: { run() {} } };',
      'export const nothing = { make: () => ({}) };',
      "export const { PORT = '3000', nested: { deep } } = { ...process.env, nested: { deep: 'x' } };",
    ].join('\n');
    expect(ofKind(extractSource(text).facts, 'exported-value')).toEqual([
      exportAt(atSource(text, 2, 14), 'cfg', object({ retries: scalar(lit('3')) })),
      // A spread of process.env gives env variables.
      exportAt(atSource(text, 4, 16), 'PORT', scalar(env('PORT', '3000'))),
      exportAt(atSource(text, 4, 41), 'deep', scalar(lit('x'))),
    ]);
  });

  it('reads `export =`, passes imported bindings on, and keeps a `__proto__` key as a plain key', () => {
    const text = [
      "import { upstream } from './upstream';",
      'export { upstream as api };',
      "export = { ['__proto__']: { polluted: 'yes' }, port: 1 + 2 };",
    ].join('\n');
    const facts = ofKind(extractSource(text, 'src/example.cts').facts, 'exported-value');
    expect(facts).toEqual([
      exportAt(atSource(text, 2, 10, 'src/example.cts'), 'api', scalar(imp('./upstream', 'upstream'))),
      exportAt(
        atSource(text, 3, 1, 'src/example.cts'),
        'default',
        object({ ['__proto__']: object({ polluted: scalar(lit('yes')) }), port: scalar(lit('3')) }),
      ),
    ]);
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
  });
});
