/** Matching a call's method and path to the callee's route handlers, and placing routes where other files mount them. */
import { describe, expect, it } from 'vitest';
import { extractTypeScript } from '../../src/extract/typescript/index.js';
import type { OwnerOf } from '../../src/discover/owner.js';
import { ModuleResolver } from '../../src/resolve/modules.js';
import { attachRoutes, bestRoute, callPath, routesByService } from '../../src/resolve/routes.js';
import type { Fact, ResolvedCall, RouteFact, RouteMountFact } from '../../src/types/index.js';
import { allFixtures, extractFixture } from '../extract/typescript/harness.js';

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

/** Each folder under `roots` is one service, named by its last segment. */
function ownersOf(...roots: string[]): OwnerOf {
  return (path) => {
    const root = roots.find((candidate) => path.startsWith(`${candidate}/`));
    return root === undefined ? null : { kind: 'service', name: root.slice(root.lastIndexOf('/') + 1) };
  };
}

function resolverOf(facts: readonly Fact[]): ModuleResolver {
  return new ModuleResolver(new Set(facts.map((fact) => fact.location.file)), [], []);
}

/** `METHOD /path file:line` for each route a service serves, sorted. */
function served(facts: readonly Fact[], owners: OwnerOf): Record<string, string[]> {
  const byService = routesByService(facts, owners, resolverOf(facts));
  return Object.fromEntries(
    [...byService].map(([service, routes]) => [
      service,
      routes.map((entry) => `${entry.method ?? '*'} ${entry.path} ${entry.location.file.slice(entry.location.file.lastIndexOf('/') + 1)}:${entry.location.line}`).sort(),
    ]),
  );
}

function fixtureFacts(dir: string): Fact[] {
  return allFixtures(dir).flatMap((path) => extractFixture(path).facts);
}

describe('routes mounted across files', () => {
  const EXPRESS = 'routes/cross-file/express';
  const FASTIFY = 'routes/cross-file/fastify';

  it('joins express mount prefixes: default, require(), re-exported, factory-made and nested routers', () => {
    expect(served(fixtureFacts(EXPRESS), ownersOf(EXPRESS))).toEqual({
      express: [
        'GET / app.ts:15',
        'GET /api/orders/:id orders.ts:5',
        'GET /api/users/:id users.js:4',
        'GET /healthz health.ts:5',
        // app → v1 (same file) → paymentsRouter (through routes/index.ts) → receipts.
        'GET /v1/payments/:id/receipts/latest receipts.ts:4',
        'GET /v1/payments/:id/refunds payments.ts:5',
        'POST /api/orders orders.ts:6',
      ],
    });
  });

  it('joins fastify register prefixes, plugins registering plugins, and drops untyped plugins registered nowhere', () => {
    const facts = [...fixtureFacts(FASTIFY), ...extractFixture('routes/fastify-app.ts').facts.map((fact) => moved(fact, `${FASTIFY}/legacy.ts`))];
    expect(served(facts, ownersOf(FASTIFY))).toEqual({
      fastify: [
        'DELETE /api/admin/cache admin.ts:2',
        'GET /catalog/items catalog.ts:4',
        'GET /invoices legacy.ts:6',
        'GET /invoices/:id legacy.ts:5',
        'GET /orders/:id orders.ts:5',
        'GET /orders/:id/lines lines.js:2',
        'GET /v1/billing/statements legacy.ts:25',
        'GET /v1/customers/:id legacy.ts:17',
        'HEAD /invoices legacy.ts:6',
        // Exported as well, but registered by no other file: only its same-file placement.
        'POST /v1/admin/invoices/:id/void legacy.ts:9',
      ],
    });
  });

  it('sets the matched route on a call through mounted routers', () => {
    const facts = fixtureFacts(EXPRESS);
    const call = (method: string, url: string): ResolvedCall => ({
      from: 'web',
      target: { kind: 'service', service: 'express' },
      protocol: 'http',
      client: 'fetch',
      method,
      url,
      location: { file: 'services/web/src/client.ts', line: 1 },
      confidence: 'certain',
      via: [],
    });
    const calls = [call('GET', 'http://shop:3000/api/orders/42'), call('GET', 'http://shop:3000/v1/payments/{…}/receipts/latest'), call('GET', 'http://shop:3000/orders/42')];
    attachRoutes(calls, facts, ownersOf(EXPRESS), resolverOf(facts));
    expect(calls.map((entry) => entry.route && `${entry.route.file}:${entry.route.line}`)).toEqual([
      `${EXPRESS}/routes/orders.ts:5`,
      `${EXPRESS}/routes/receipts.ts:4`,
      undefined,
    ]);
  });

  it('places NestJS controllers under RouterModule paths and the global prefix, except excluded paths', () => {
    const files: Record<string, string> = {
      'src/main.ts': [
        "import { NestFactory } from '@nestjs/core';",
        "import { AppModule } from './app.module';",
        'async function bootstrap() {',
        '  const app = await NestFactory.create(AppModule);',
        "  app.setGlobalPrefix('api', { exclude: ['health'] });",
        '  await app.listen(3000);',
        '}',
        'bootstrap();',
      ].join('\n'),
      'src/app.module.ts': [
        "import { Module } from '@nestjs/common';",
        "import { RouterModule } from '@nestjs/core';",
        "import { AdminModule, ReportsModule } from './admin';",
        "import { OrdersModule } from './orders/orders.module';",
        "import { HealthController } from './health.controller';",
        '@Module({',
        "  imports: [OrdersModule, RouterModule.register([{ path: 'admin', module: AdminModule, children: [{ path: 'reports', module: ReportsModule }] }])],",
        '  controllers: [HealthController],',
        '})',
        'export class AppModule {}',
      ].join('\n'),
      'src/health.controller.ts': "import { Controller, Get } from '@nestjs/common';\n@Controller('health')\nexport class HealthController {\n  @Get() check(): void {}\n}",
      'src/orders/orders.module.ts': "import { Module } from '@nestjs/common';\nimport { OrdersController } from './orders.controller';\n@Module({ controllers: [OrdersController] })\nexport class OrdersModule {}",
      'src/orders/orders.controller.ts': "import { Controller, Get } from '@nestjs/common';\n@Controller('orders')\nexport class OrdersController {\n  @Get(':id') one(): void {}\n}",
      'src/admin/index.ts': "export * from './admin.module';\nexport * from './reports.module';",
      'src/admin/admin.module.ts': "import { Module } from '@nestjs/common';\nimport { AuditController } from './audit.controller';\n@Module({ controllers: [AuditController] })\nexport class AdminModule {}",
      'src/admin/audit.controller.ts': "import { Controller, Get } from '@nestjs/common';\n@Controller('audit')\nexport class AuditController {\n  @Get(':id') one(): void {}\n}",
      'src/admin/reports.module.ts': "import { Controller, Get, Module } from '@nestjs/common';\n@Controller()\nexport class ReportsController {\n  @Get('daily') daily(): void {}\n}\n@Module({ controllers: [ReportsController] })\nexport class ReportsModule {}",
    };
    // NestJS module files hold none of the prefilter's trigger words yet, so these sources are walked regardless.
    const facts = Object.entries(files).flatMap(([path, text]) => extractTypeScript({ path: `services/shop/${path}`, text }, { forceFullWalk: true }).facts);
    expect(served(facts, ownersOf('services/shop'))).toEqual({
      shop: [
        'GET /api/admin/audit/:id audit.controller.ts:4',
        'GET /api/admin/reports/daily reports.module.ts:4',
        'GET /api/orders/:id orders.controller.ts:4',
        'GET /health health.controller.ts:4',
      ],
    });
  });
});

function moved<F extends Fact>(fact: F, file: string): F {
  return { ...fact, location: { ...fact.location, file } };
}

describe('mount composition limits', () => {
  const at = (file: string, line: number): RouteFact['location'] => ({ file: `services/app/src/${file}`, line });
  const routeIn = (file: string, path: string, exports: string[], mountedOnly = false): RouteFact => ({
    ...route(1, 'GET', path),
    location: at(file, 1),
    relativeTo: mountedOnly ? { exports, mountedOnly: true } : { exports },
  });
  const mount = (file: string, line: number, prefix: string, specifier: string, name: string, relativeTo?: string): RouteMountFact => ({
    kind: 'route-mount',
    location: at(file, line),
    extractor: 'typescript',
    framework: 'express',
    prefix,
    specifier,
    name,
    ...(relativeTo ? { relativeTo: { exports: [relativeTo] } } : {}),
  });
  const paths = (facts: Fact[]): string[] => served(facts, ownersOf('services/app')).app ?? [];

  it('gives a router mounted twice both paths, and one mounted nowhere its own path', () => {
    expect(paths([routeIn('orders.ts', '/:id', ['default']), routeIn('lonely.ts', '/alone', ['default']), mount('app.ts', 3, '/orders', './orders', 'default'), mount('app.ts', 4, '/v2/orders', './orders', 'default')])).toEqual([
      'GET /alone lonely.ts:1',
      'GET /orders/:id orders.ts:1',
      'GET /v2/orders/:id orders.ts:1',
    ]);
  });

  it('leaves out a mounted-only route mounted nowhere', () => {
    expect(paths([routeIn('plugin.ts', '/x', ['default'], true)])).toEqual([]);
  });

  it('cuts cycles of mounts and chains deeper than the cap', () => {
    // a mounts b, b mounts a; the app mounts a at /a.
    const cycle = [routeIn('b.ts', '/leaf', ['default']), mount('app.ts', 1, '/a', './a', 'default'), mount('a.ts', 1, '/b', './b', 'default', 'default'), mount('b.ts', 2, '/a2', './a', 'default', 'default')];
    expect(paths(cycle)).toEqual(['GET /a/b/leaf b.ts:1']);
    // Without the app's mount, the cycle mounts `b` nowhere: its own path.
    expect(paths(cycle.filter((fact) => fact.location.file !== 'services/app/src/app.ts'))).toEqual(['GET /leaf b.ts:1']);
    // r0 ← r1 ← … ← r11 ← app: ten levels.
    const chain: Fact[] = [routeIn('r0.ts', '/leaf', ['default']), mount('app.ts', 1, '/top', './r11', 'default')];
    for (let i = 0; i < 11; i++) chain.push(mount(`r${i + 1}.ts`, 1, `/l${i}`, `./r${i}`, 'default', 'default'));
    expect(paths(chain)).toEqual(['GET /leaf r0.ts:1']);
  });
});
