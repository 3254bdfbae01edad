/** Matching a call's method and path to the callee's route handlers, segment by segment. */
import { describe, expect, it } from 'vitest';
import { bestRoute, callPath } from '../../src/resolve/routes.js';
import type { RouteFact } from '../../src/types/index.js';

function route(line: number, method: string | null, path: string): RouteFact {
  return { kind: 'route', location: { file: 'services/orders/src/app.ts', line }, extractor: 'typescript', framework: 'express', method, path };
}

const ROUTES = [
  route(3, 'GET', '/orders'),
  route(4, 'GET', '/orders/:id'),
  route(5, 'GET', '/orders/summary'),
  route(6, 'POST', '/orders/:id/cancel'),
  route(7, null, '/health'),
  route(8, 'GET', '/static/*'),
];

function match(method: string | null, url: string): number | null {
  const path = callPath(url);
  return path === null ? null : (bestRoute(ROUTES, method, path)?.location.line ?? null);
}

describe('route matching', () => {
  it('takes the path of a display URL without query or fragment', () => {
    expect(callPath('http://orders:3000/orders/{…}?expand=lines#top')).toBe('/orders/{…}');
    expect(callPath('http://orders:3000')).toBe('/');
    expect(callPath('/orders')).toBeNull();
  });

  it('matches params and unknown parts segment-wise, preferring the most literal route', () => {
    expect(match('GET', 'http://orders:3000/orders')).toBe(3);
    expect(match('GET', 'http://orders:3000/orders/42')).toBe(4);
    expect(match('GET', 'http://orders:3000/orders/summary')).toBe(5);
    expect(match('GET', 'http://orders:3000/orders/{…}')).toBe(4);
    expect(match('post', 'http://orders:3000/orders/{…}/cancel')).toBe(6);
    expect(match('HEAD', 'http://orders:3000/health')).toBe(7);
    expect(match('GET', 'http://orders:3000/static/css/site.css')).toBe(8);
  });

  it('finds nothing for another method or a path of another shape', () => {
    expect(match('DELETE', 'http://orders:3000/orders/42')).toBeNull();
    expect(match('GET', 'http://orders:3000/orders/42/lines')).toBeNull();
    expect(match(null, 'http://orders:3000/customers')).toBeNull();
  });
});
