import { describe, expect, it } from 'vitest';
import { at, atSource, env, extractFixture, extractSource, httpAt, imp, lit, ofKind, unk } from './harness.js';

describe('typescript extractor: axios', () => {
  it('joins class-held instance base URLs (property initializer and constructor assignment) with paths', () => {
    const file = 'axios-clients/src/clients/inventory.client.ts';
    const inventory = env('INVENTORY_URL', 'http://inventory:3000/api/');
    expect(ofKind(extractFixture(file).facts, 'http-call')).toEqual([
      httpAt(at(file, 11, 40), 'axios', 'GET', inventory, lit('/stock/'), unk('encodeURIComponent(sku)')),
      httpAt(at(file, 16, 24), 'axios', 'POST', inventory, lit('/reservations')),
      httpAt(at(file, 31, 22), 'axios', 'POST', env('PAYMENTS_URL'), lit('/v1/charges/'), unk('chargeId'), lit('/refund')),
      // An absolute URL ignores the instance's base URL.
      httpAt(at(file, 36, 22), 'axios', 'GET', lit('https://payments.example.com/v1/charges')),
    ]);
  });

  it('follows instances, aliases, namespace imports and defaults.baseURL assignments in source order', () => {
    const file = 'axios-clients/src/clients/http.ts';
    const gateway = imp('../settings', 'settings', ['gatewayUrl']);
    expect(ofKind(extractFixture(file).facts, 'http-call')).toEqual([
      httpAt(at(file, 12, 23), 'axios', 'GET', env('ORDERS_URL'), lit('/orders/'), unk('id')),
      httpAt(at(file, 16, 17), 'axios', 'GET', gateway, lit('/customers')),
      httpAt(at(file, 20, 9), 'axios', 'HEAD', gateway, lit('/ping')),
      httpAt(at(file, 21, 9), 'axios', 'GET', gateway, lit('/status')),
      httpAt(at(file, 22, 22), 'axios', 'PATCH', lit('http://legacy.internal:8080/v1/sync')),
      // After `ordersClient.defaults.baseURL = 'http://orders-v2:3000'`.
      httpAt(at(file, 27, 57), 'axios', 'DELETE', lit('http://orders-v2:3000/orders/'), unk('id')),
    ]);
  });

  it('reads an Express handler calling another service through imported config', () => {
    const file = 'express-orders/src/routes/orders.router.ts';
    expect(ofKind(extractFixture(file).facts, 'http-call')).toEqual([
      httpAt(
        at(file, 19, 39),
        'axios',
        'GET',
        imp('../config.js', 'config', ['services', 'inventory', 'url']),
        lit('/stock/'),
        unk('encodeURIComponent(sku)'),
      ),
      httpAt(at(file, 26, 24), 'fetch', 'POST', imp('../config.js', 'config', ['services', 'payments']), lit('/charges')),
    ]);
  });

  it('reads CommonJS `require("axios").default`', () => {
    const file = 'commonjs-require/src/app.js';
    expect(ofKind(extractFixture(file).facts, 'http-call')).toEqual([
      httpAt(at(file, 14, 34), 'axios', 'GET', imp('./config', '*', ['billingUrl']), lit('/invoices/'), unk('req.params.id')),
      httpAt(at(file, 22, 26), 'fetch', 'POST', imp('./config', '*', ['billingUrl']), lit('/invoices/'), unk('req.params.id'), lit('/send')),
    ]);
  });

  it('reads every call signature: config objects, cfg.url/method/baseURL, options from consts and spreads', () => {
    const text = [
      "import http from 'axios';",
      "const base = { baseURL: 'http://users:3000', timeout: 1000 };",
      "const cfg = { ...base, method: 'put' as const, url: '/users/1' };",
      'http.request(cfg);',
      "http('/a', { method: 'DELETE' });",
      "http.options('/b');",
      "http.postForm('/c', form, { baseURL: 'http://forms:3000/' });",
      'http.get(url, opts);',
      'http.request(opaque);',
      "http.get('/d', { method: 'post' });",
      "http.post('/e', data, { method: verb });",
      "http.request({ method: verb, url: '/f' });",
      'http.request({});',
    ].join('\n');
    const site = (line: number, column: number) => atSource(text, line, column);
    expect(ofKind(extractSource(text).facts, 'http-call')).toEqual([
      httpAt(site(4, 6), 'axios', 'PUT', lit('http://users:3000/users/1')),
      httpAt(site(5, 1), 'axios', 'DELETE', lit('/a')),
      httpAt(site(6, 6), 'axios', 'OPTIONS', lit('/b')),
      httpAt(site(7, 6), 'axios', 'POST', lit('http://forms:3000/c')),
      httpAt(site(8, 6), 'axios', 'GET', unk('url')),
      httpAt(site(9, 6), 'axios', null, unk('http.request(opaque)')),
      // A verb method's method wins over the config's.
      httpAt(site(10, 6), 'axios', 'GET', lit('/d')),
      httpAt(site(11, 6), 'axios', 'POST', lit('/e')),
      httpAt(site(12, 6), 'axios', null, lit('/f')),
      httpAt(site(13, 6), 'axios', 'GET', unk('http.request({})')),
    ]);
  });

  it('reads `import { create }`, `require("axios")` instances and instances held in object literals', () => {
    const text = [
      "const { create } = require('axios');",
      "const axios = require('axios');",
      "const api = create({ baseURL: process.env.API_URL + '/v2' });",
      "const clients = { billing: axios.create({ baseURL: 'http://billing' }) };",
      "api.get('/me');",
      "clients.billing.post('/invoices', body);",
      "axios.defaults.baseURL = 'http://gateway';",
      "axios.get('/later');",
    ].join('\n');
    expect(ofKind(extractSource(text, 'src/example.js').facts, 'http-call')).toEqual([
      httpAt(atSource(text, 5, 5, 'src/example.js'), 'axios', 'GET', env('API_URL'), lit('/v2/me')),
      httpAt(atSource(text, 6, 17, 'src/example.js'), 'axios', 'POST', lit('http://billing/invoices')),
      httpAt(atSource(text, 8, 7, 'src/example.js'), 'axios', 'GET', lit('http://gateway/later')),
    ]);
  });

  it('applies request interceptors to the instance: baseURL as a base, timeout as an instance guard', () => {
    const file = 'axios-clients/src/clients/interceptors.ts';
    const facts = extractFixture(file).facts;
    expect(ofKind(facts, 'http-call')).toEqual([
      httpAt(at(file, 19, 18), 'axios', 'POST', env('SHIPPING_URL'), lit('/quotes')),
      httpAt(at(file, 20, 17), 'axios', 'GET', lit('http://tenants:3000/v1/tenants/'), unk('parcel')),
      httpAt(at(file, 21, 15), 'axios', 'POST', lit('http://audit:3000/events')),
    ]);
    const timeouts = facts.flatMap((fact) => (fact.kind === 'http-call' ? [fact.guards?.timeout?.line ?? null] : []));
    expect(timeouts).toEqual([6, null, null]);
  });
});
