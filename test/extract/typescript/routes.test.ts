/** Route handler facts: express, fastify, koa-router, hono and NestJS controllers, with same-file and cross-file mounts. */
import { describe, expect, it } from 'vitest';
import { extractTypeScript } from '../../../src/extract/typescript/index.js';
import type { ExportedRouter, Fact } from '../../../src/types/index.js';
import { extractFixture, extractSource, ofKind } from './harness.js';

function relative(router: ExportedRouter | undefined): string {
  return router ? ` (of ${router.exports.join(', ')}${router.mountedOnly ? ', mounted only' : ''})` : '';
}

function routesOf(facts: readonly Fact[]): string[] {
  return ofKind(facts, 'route').map((fact) => `${fact.location.line} ${fact.framework} ${fact.method ?? '*'} ${fact.path}${relative(fact.relativeTo)}`);
}

function mountsOf(facts: readonly Fact[]): string[] {
  return ofKind(facts, 'route-mount').map(
    (fact) => `${fact.location.line} ${fact.framework} ${fact.prefix} ← ${fact.specifier ?? '(this file)'} ${fact.name}${relative(fact.relativeTo)}`,
  );
}

function routes(path: string): string[] {
  return routesOf(extractFixture(path).facts);
}

function mounts(path: string): string[] {
  return mountsOf(extractFixture(path).facts);
}

/** NestJS module files hold none of the prefilter's trigger words yet, so these sources are walked regardless. */
function walked(text: string, path = 'src/app.module.ts'): Fact[] {
  return extractTypeScript({ path, text }, { forceFullWalk: true }).facts;
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
    expect(mounts('routes/express-app.ts')).toEqual([]);
  });

  it('reads fastify verbs, route({ method, url }), typed plugin instances and same-file register prefixes', () => {
    expect(routes('routes/fastify-app.ts')).toEqual([
      '5 fastify GET /invoices/:id',
      '6 fastify GET /invoices',
      '6 fastify HEAD /invoices',
      '9 fastify POST /v1/admin/invoices/:id/void',
      // `adminRoutes` is exported too: another file registering it would serve it under its own prefix.
      '9 fastify POST /invoices/:id/void (of adminRoutes, mounted only)',
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
      '6 nestjs GET /orders (of OrdersController)',
      '11 nestjs GET /orders/:id/lines (of OrdersController)',
      '16 nestjs POST /orders (of OrdersController)',
      '16 nestjs POST /orders/bulk (of OrdersController)',
      '19 nestjs DELETE /orders/:id (of OrdersController)',
    ]);
  });
});

describe('typescript extractor: routers mounted across files', () => {
  const EXPRESS = 'routes/cross-file/express';
  const FASTIFY = 'routes/cross-file/fastify';

  it('records express mounts of imported, required, re-exported and factory-made routers', () => {
    expect(mounts(`${EXPRESS}/app.ts`)).toEqual([
      '9 express /api/orders ← ./routes/orders default',
      '10 express /api ← ./routes/users default',
      // Mounted on `v1`, itself mounted at `/v1` in the same file.
      '11 express /v1/payments ← ./routes paymentsRouter',
      '13 express / ← ./routes/health healthRouter',
    ]);
    expect(routes(`${EXPRESS}/app.ts`)).toEqual(['15 express GET /']);
  });

  it('marks routes of exported express routers as relative to the export (ESM, CommonJS, factory)', () => {
    expect(routes(`${EXPRESS}/routes/orders.ts`)).toEqual(['5 express GET /:id (of default)', '6 express POST / (of default)']);
    expect(routes(`${EXPRESS}/routes/users.js`)).toEqual(['4 express GET /users/:id (of default)']);
    expect(routes(`${EXPRESS}/routes/health.ts`)).toEqual(['5 express GET /healthz (of healthRouter)']);
    expect(routes(`${EXPRESS}/routes/payments.ts`)).toEqual(['5 express GET /:id/refunds (of paymentsRouter)']);
    // A mount made by an exported router is relative to that router's own mount.
    expect(mounts(`${EXPRESS}/routes/payments.ts`)).toEqual(['6 express /:id/receipts ← ./receipts default (of paymentsRouter)']);
  });

  it('records fastify registers of imported plugins, import() and plugins registered inside plugins', () => {
    expect(mounts(`${FASTIFY}/server.ts`)).toEqual([
      '7 fastify /orders ← ./routes/orders default',
      '8 fastify /catalog ← ./routes/catalog.js default',
      '11 fastify /api/admin ← ./routes/admin adminRoutes',
    ]);
  });

  it('keeps routes on an exported plugin function; untyped instances count only where registered', () => {
    expect(routes(`${FASTIFY}/routes/catalog.ts`)).toEqual(['4 fastify GET /items (of default)']);
    expect(routes(`${FASTIFY}/routes/orders.ts`)).toEqual(['5 fastify GET /:id (of default, mounted only)']);
    expect(mounts(`${FASTIFY}/routes/orders.ts`)).toEqual(['6 fastify /:id/lines ← ./lines default (of default, mounted only)']);
    expect(routes(`${FASTIFY}/routes/lines.js`)).toEqual(['2 fastify GET / (of default, mounted only)']);
    // `client.get('/not-a-route', { timeout })` has no handler: a request, not a route.
    expect(routes(`${FASTIFY}/routes/admin.ts`)).toEqual(['2 fastify DELETE /cache (of adminRoutes, mounted only)']);
  });

  it('keeps a router mounted in its own file and exported under both placements', () => {
    const text = [
      "import express, { Router } from 'express';",
      "import { auditRouter } from './audit';",
      'export const api = Router();',
      "api.get('/status', (_req, res) => res.send('ok'));",
      "api.use('/audit', auditRouter);",
      'const app = express();',
      "app.use('/api', api);",
      'export default api;',
    ].join('\n');
    const facts = extractSource(text).facts;
    expect(routesOf(facts)).toEqual(['4 express GET /api/status', '4 express GET /status (of api, default, mounted only)']);
    expect(mountsOf(facts)).toEqual(['5 express /api/audit ← ./audit auditRouter', '5 express /audit ← ./audit auditRouter (of api, default, mounted only)']);
  });

  it('reads koa-router and hono mounts of imported routers', () => {
    const text = [
      "import Router from '@koa/router';",
      "import { Hono } from 'hono';",
      "import stock from './stock';",
      "import items from './items';",
      "const api = new Router({ prefix: '/api' });",
      "api.use('/stock', stock.routes());",
      'const app = new Hono();',
      "app.route('/items', items);",
    ].join('\n');
    expect(mountsOf(extractSource(text).facts)).toEqual(['6 koa-router /api/stock ← ./stock default', '8 hono /items ← ./items default']);
  });

  it('ignores the frameworks\' own middleware and plugins', () => {
    const text = [
      "import express from 'express';",
      "import session from 'express-session';",
      "import cors from 'cors';",
      'const app = express();',
      'app.use(session({ secret: process.env.SECRET }));',
      'app.use(cors());',
      "app.use('/static', express.static('public'));",
    ].join('\n');
    expect(mountsOf(extractSource(text).facts)).toEqual([]);
  });
});

describe('typescript extractor: NestJS mounts and global prefix', () => {
  it('mounts a module\'s controllers relative to the module, and RouterModule route trees at their paths', () => {
    const facts = walked(
      [
        "import { Module } from '@nestjs/common';",
        "import { RouterModule, type Routes } from '@nestjs/core';",
        "import { AdminModule } from './admin/admin.module';",
        "import { ReportsModule } from './admin/reports.module';",
        "import { HealthController } from './health.controller';",
        '',
        "const routes: Routes = [{ path: 'admin', module: AdminModule, children: [{ path: 'reports', module: ReportsModule }] }];",
        '',
        '@Module({ imports: [AdminModule, RouterModule.register(routes)], controllers: [HealthController] })',
        'export class AppModule {}',
      ].join('\n'),
    );
    expect(mountsOf(facts)).toEqual([
      '7 nestjs /admin ← ./admin/admin.module AdminModule',
      '7 nestjs /admin/reports ← ./admin/reports.module ReportsModule',
      '9 nestjs / ← ./health.controller HealthController (of AppModule)',
    ]);
  });

  it('mounts a controller declared in the module\'s own file', () => {
    const facts = walked(
      [
        "import { Controller, Get, Module } from '@nestjs/common';",
        "@Controller('users')",
        'export class UsersController {',
        "  @Get(':id') one(): void {}",
        '}',
        '@Module({ controllers: [UsersController] })',
        'export default class UsersModule {}',
      ].join('\n'),
    );
    expect(routesOf(facts)).toEqual(['4 nestjs GET /users/:id (of UsersController)']);
    expect(mountsOf(facts)).toEqual(['6 nestjs / ← (this file) UsersController (of default)']);
  });

  it('reads setGlobalPrefix on a NestFactory app with its literal exclusions', () => {
    const text = [
      "import { NestFactory } from '@nestjs/core';",
      "import { RequestMethod } from '@nestjs/common';",
      "import { AppModule } from './app.module';",
      'async function bootstrap() {',
      '  const app = await NestFactory.create(AppModule);',
      "  app.setGlobalPrefix('api/', { exclude: ['health', { path: 'metrics', method: RequestMethod.GET }] });",
      '  await app.listen(3000);',
      '}',
      'bootstrap();',
    ].join('\n');
    expect(ofKind(extractSource(text, 'src/main.ts').facts, 'route-prefix').map(({ location, prefix, exclude }) => ({ line: location.line, prefix, exclude }))).toEqual([
      { line: 6, prefix: '/api', exclude: ['/health', '/metrics'] },
    ]);
  });
});
