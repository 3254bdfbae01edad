import { describe, expect, it } from 'vitest';
import { HOLE } from '../../src/resolve/values.js';
import { displayUrl, parseUrl } from '../../src/resolve/url.js';

describe('parseUrl', () => {
  it.each([
    ['http://orders:3000/orders/1', 'orders', 3000],
    ['https://api.stripe.com/v1/charges', 'api.stripe.com', 443],
    ['http://payments/api', 'payments', 80],
    ['HTTP://Orders.Shop.svc.cluster.local.:8080', 'orders.shop.svc.cluster.local', 8080],
    ['http://user:secret@inventory:3000', 'inventory', 3000],
    ['http://[::1]:4000/x', '[::1]', 4000],
    [`http://orders:3000/orders/${HOLE}`, 'orders', 3000],
    ['//cdn.example.com/x', 'cdn.example.com', 80],
  ])('reads the host and port of %s', (text, host, port) => {
    expect(parseUrl(text)).toMatchObject({ kind: 'absolute', host, port });
  });

  it.each([
    [`${HOLE}/orders`, 'the URL is built from a value archcheck cannot know statically'],
    ['/api/orders', 'a relative URL names no host (same origin or a proxy decides)'],
    [`http://${HOLE}:3000/x`, 'the host is not known statically'],
    ['orders/list', 'the URL has no scheme and host archcheck can read'],
    ['', 'the URL is built from a value archcheck cannot know statically'],
  ])('says why %j cannot be resolved', (text, reason) => {
    expect(parseUrl(text)).toMatchObject({ kind: 'unparsable', reason });
  });

  it('masks credentials and shows unknown parts as {…}', () => {
    expect(displayUrl(`postgres://admin:hunter2@db:5432/${HOLE}`)).toBe('postgres://***@db:5432/{…}');
    expect(displayUrl('http://x/\u001b[31mred')).toBe('http://x/[31mred');
  });

  it('stays linear on hostile input', () => {
    const long = `${'a'.repeat(200_000)}:${'/'.repeat(100_000)}`;
    const started = performance.now();
    parseUrl(long);
    displayUrl(long);
    expect(performance.now() - started).toBeLessThan(500);
  });
});
