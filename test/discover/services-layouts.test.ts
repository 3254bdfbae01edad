import { describe, expect, it } from 'vitest';
import type { Fact } from '../../src/types/index.js';
import { compose, dockerfile, globs, k8sService, pkg, server, workload } from './facts.js';
import { composeDeployment, discover, ev, k8sDeployment, library, service, workspaceEv } from './helpers.js';

describe('discoverServices on common repository layouts', () => {
  it('npm workspaces: services/* are services, packages/* libraries, compose names and aliases win', () => {
    const facts: Fact[] = [
      pkg('.', 'shop', { workspaces: ['services/*', 'packages/*'] }),
      server('services/orders', '@acme/orders'),
      pkg('services/payments', '@acme/payments'),
      dockerfile('services/payments'),
      pkg('services/gateway', '@acme/gateway'),
      pkg('packages/shared', '@acme/shared'),
      pkg('packages/ui', '@acme/ui'),
      // A root Dockerfile that builds the whole workspace does not make the workspace root a service.
      dockerfile('.'),
      compose('orders', 3, { buildContext: './services/orders/', hostnames: ['orders-container', 'orders.internal'] }),
      compose('payments-svc', 9, { buildContext: '.', dockerfile: 'services/payments/Dockerfile' }),
      compose('postgres', 14, { image: 'postgres:16' }),
    ];
    expect(discover(facts)).toEqual({
      inventory: {
        services: [
          service('gateway', 'services/gateway', '@acme/gateway', [ev('services/gateway/package.json', 'layout', 'package in the services/* layout')]),
          service(
            'orders',
            'services/orders',
            '@acme/orders',
            [
              ev('docker-compose.yml', 'compose-build', 'docker-compose.yml service orders builds services/orders', 3, 'orders:'),
              ev('services/orders/package.json', 'layout', 'package in the services/* layout'),
              ev('services/orders/package.json', 'server-dependency', 'depends on express and has a start script'),
            ],
            { hostnames: ['orders', 'orders-container', 'orders.internal'], deployments: [composeDeployment('orders')] },
          ),
          service(
            'payments-svc',
            'services/payments',
            '@acme/payments',
            [
              ev('docker-compose.yml', 'compose-build', 'docker-compose.yml service payments-svc builds services/payments', 9, 'payments-svc:'),
              ev('services/payments/Dockerfile', 'dockerfile', 'Dockerfile in services/payments'),
              ev('services/payments/package.json', 'layout', 'package in the services/* layout'),
            ],
            { hostnames: ['payments-svc'], deployments: [composeDeployment('payments-svc')] },
          ),
        ],
        libraries: [
          library('shared', 'packages/shared', '@acme/shared', [workspaceEv('packages/shared', 'packages/*')]),
          library('ui', 'packages/ui', '@acme/ui', [workspaceEv('packages/ui', 'packages/*')]),
        ],
      },
      errors: [],
    });
  });

  it('pnpm workspace: globs with ** and a negation; a server package outside layouts; the workspace root is no service', () => {
    const facts: Fact[] = [
      // Server dependencies at the root of a workspace do not make it a service either.
      server('.', 'monorepo'),
      globs('.', 'pnpm-workspace.yaml', ['apps/*', 'libs/**', '!libs/legacy', 'tools/api']),
      pkg('apps/web', '@acme/web', { dependencies: ['next', 'react'], scripts: { start: 'next start', build: 'next build' } }),
      pkg('apps/cli', '@acme/cli', { hasBin: true }),
      server('tools/api', 'internal-api', 'fastify'),
      pkg('libs/auth', '@acme/auth'),
      pkg('libs/db/client', '@acme/db-client'),
      pkg('libs/legacy', '@acme/legacy'),
      // express without a start script is a library that happens to use express.
      pkg('libs/http', '@acme/http', { dependencies: ['express'] }),
    ];
    expect(discover(facts)).toEqual({
      inventory: {
        services: [
          service('cli', 'apps/cli', '@acme/cli', [ev('apps/cli/package.json', 'layout', 'package in the apps/* layout')]),
          service('internal-api', 'tools/api', 'internal-api', [
            ev('tools/api/package.json', 'server-dependency', 'depends on fastify and has a start script'),
          ]),
          service('web', 'apps/web', '@acme/web', [
            ev('apps/web/package.json', 'layout', 'package in the apps/* layout'),
            ev('apps/web/package.json', 'server-dependency', 'depends on next and has a start script'),
          ]),
        ],
        libraries: [
          library('auth', 'libs/auth', '@acme/auth', [workspaceEv('libs/auth', 'libs/**', 'pnpm-workspace.yaml')]),
          library('db-client', 'libs/db/client', '@acme/db-client', [workspaceEv('libs/db/client', 'libs/**', 'pnpm-workspace.yaml')]),
          library('http', 'libs/http', '@acme/http', [workspaceEv('libs/http', 'libs/**', 'pnpm-workspace.yaml')]),
        ],
      },
      errors: [],
    });
  });

  it('compose-only folder of services: build contexts are services, images without a folder are infrastructure', () => {
    const facts: Fact[] = [
      pkg('orders', 'orders'),
      pkg('payments', 'payments-service'),
      pkg('gateway', 'gateway'),
      pkg('e2e', 'e2e-tests'),
      compose('orders', 2, { buildContext: './orders', hostnames: ['orders-api'] }),
      compose('payments', 8, { buildContext: '.', dockerfile: 'payments/docker/Dockerfile' }),
      compose('gateway', 14, { buildContext: 'gateway' }),
      compose('proxy', 20, { buildContext: './nginx' }),
      compose('db', 24, { image: 'postgres:16-alpine', hostnames: ['database'] }),
      compose('kafka', 30, { image: 'bitnami/kafka:3.7' }),
      compose('cache', 36, { image: 'redis:7' }),
    ];
    const files = ['docker-compose.yml', 'nginx/Dockerfile', 'nginx/nginx.conf', 'orders/package.json', 'orders/src/index.ts'];
    expect(discover(facts, files)).toEqual({
      inventory: {
        services: [
          service('gateway', 'gateway', 'gateway', [ev('docker-compose.yml', 'compose-build', 'docker-compose.yml service gateway builds gateway', 14, 'gateway:')], {
            hostnames: ['gateway'],
            deployments: [composeDeployment('gateway')],
          }),
          service('orders', 'orders', 'orders', [ev('docker-compose.yml', 'compose-build', 'docker-compose.yml service orders builds orders', 2, 'orders:')], {
            hostnames: ['orders', 'orders-api'],
            deployments: [composeDeployment('orders')],
          }),
          service('payments', 'payments', 'payments-service', [ev('docker-compose.yml', 'compose-build', 'docker-compose.yml service payments builds payments', 8, 'payments:')], {
            hostnames: ['payments'],
            deployments: [composeDeployment('payments')],
          }),
        ],
        libraries: [],
      },
      errors: [],
    });
  });

  it('Kubernetes only: images matched to folders with role suffixes trimmed; Services add their DNS names', () => {
    const facts: Fact[] = [
      pkg('.', 'platform', { devDependencies: ['typescript'] }),
      pkg('orders', '@acme/orders'),
      pkg('payments-api', '@acme/payments-api'),
      pkg('scripts', 'scripts'),
      workload('orders', 'shop', ['registry/acme/orders-service:1.2', 'envoyproxy/envoy:v1.30'], { app: 'orders', tier: 'backend' }, 'k8s/orders.yaml', 1),
      k8sService('orders', 'shop', { app: 'orders' }, 'k8s/orders.yaml'),
      k8sService('orders-public', 'shop', { app: 'orders', tier: 'backend' }, 'k8s/orders.yaml'),
      k8sService('orders-other-ns', 'default', { app: 'orders' }, 'k8s/orders.yaml'),
      k8sService('orders-canary', 'shop', { app: 'orders', track: 'canary' }, 'k8s/orders.yaml'),
      k8sService('external-db', 'shop', {}, 'k8s/db.yaml'),
      workload('payments', '', ['registry.example.com:5000/acme/payments@sha256:0123abcd'], { app: 'payments' }, 'k8s/payments.yaml', 3),
      k8sService('payments', '', { app: 'payments' }, 'k8s/payments.yaml'),
      workload('db', 'shop', ['postgres:16'], { app: 'db' }, 'k8s/db.yaml', 1),
    ];
    expect(discover(facts)).toEqual({
      inventory: {
        services: [
          service(
            'orders',
            'orders',
            '@acme/orders',
            [ev('k8s/orders.yaml', 'k8s-workload', 'Deployment shop/orders runs image registry/acme/orders-service:1.2')],
            {
              hostnames: [
                'orders',
                'orders-public',
                'orders-public.shop',
                'orders-public.shop.svc',
                'orders-public.shop.svc.cluster.local',
                'orders.shop',
                'orders.shop.svc',
                'orders.shop.svc.cluster.local',
              ],
              deployments: [k8sDeployment('orders', 'shop', 'k8s/orders.yaml')],
            },
          ),
          service(
            'payments',
            'payments-api',
            '@acme/payments-api',
            [ev('k8s/payments.yaml', 'k8s-workload', 'Deployment default/payments runs image registry.example.com:5000/acme/payments@sha256:0123abcd', 3)],
            {
              hostnames: ['payments', 'payments.default', 'payments.default.svc', 'payments.default.svc.cluster.local'],
              deployments: [k8sDeployment('payments', 'default', 'k8s/payments.yaml')],
            },
          ),
        ],
        libraries: [],
      },
      errors: [],
    });
  });
});
