/** Route handler facts: express, fastify, koa-router, hono and NestJS controllers, with same-file mount prefixes. */
import { describe, expect, it } from 'vitest';
import { extractFixture, ofKind } from './harness.js';

function routes(path: string): string[] {
  return ofKind(extractFixture(path).facts, 'route').map(
    (fact) => `${fact.location.line} ${fact.framework} ${fact.method ?? '*'} ${fact.path}`,
  );
}

describe('typescript extractor: route handlers', () => {
  it('reads express apps and routers under any local name, with same-file mounts', () => {
    expect(routes('routes/express-app.ts')).toEqual([
      '7 express GET /api/v2/orders',
      '8 express GET /api/v2/orders/:orderId',
      '9 express POST /api/v2/orders/:orderId/cancel',
      '9 express DELETE /api/v2/orders/:orderId',
      '11 express GET /healthz',
    ]);
  });

  it('reads fastify verbs, route({ method, url }), typed plugin instances and same-file register prefixes', () => {
    expect(routes('routes/fastify-app.ts')).toEqual([
      '5 fastify GET /invoices/:id',
      '6 fastify GET /invoices',
      '6 fastify HEAD /invoices',
      '9 fastify POST /v1/admin/invoices/:id/void',
      '17 fastify GET /v1/customers/:id',
      '25 fastify GET /v1/billing/statements',
    ]);
  });

  it('reads koa-router prefixes and mounts, hono basePath and route mounts', () => {
    expect(routes('routes/koa-hono.ts')).toEqual([
      '5 koa-router GET /warehouse/stock/:sku',
      '13 hono PUT /api/v1/items/:sku',
      '15 hono * /api/ping',
    ]);
  });

  it('joins a NestJS controller prefix with its method decorators, imported under any name', () => {
    expect(routes('routes/orders.controller.ts')).toEqual([
      '6 nestjs GET /orders',
      '11 nestjs GET /orders/:id/lines',
      '16 nestjs POST /orders',
      '16 nestjs POST /orders/bulk',
      '19 nestjs DELETE /orders/:id',
    ]);
  });
});
