import { describe, expect, it } from 'vitest';
import type { BindMount, Fact, ServiceEvidence } from '../../src/types/index.js';
import { compose, dockerfile, pkg, server } from './facts.js';
import { composeDeployment, discover, ev, service } from './helpers.js';

/** A `volumes` entry of docker-compose.yml at `line`, as the compose extractor locates it. */
function mount(source: string, target: string, line: number): BindMount {
  return { source, target, location: { file: 'docker-compose.yml', line, column: 9, snippet: `- ${source === '.' ? '.' : `./${source}`}:${target}` } };
}

/** The evidence a compose service gets for the code folder mounted into its runtime image. */
function mountEv(at: BindMount, name: string, image: string, dir: string): ServiceEvidence {
  const detail = `docker-compose.yml service ${name} runs image ${image} with ${dir} mounted at ${at.target}`;
  return { ...at.location, kind: 'compose-build', detail };
}

describe('discoverServices: code bind-mounted into a runtime image', () => {
  it('a stock node image with a package folder mounted at working_dir runs that folder; config and data mounts do not', () => {
    const ordersMount = mount('orders_service', '/usr/app', 9);
    const paymentMount = mount('payment_service', '/usr/app', 21);
    const cronMount = mount('cron', '/app', 48);
    const facts: Fact[] = [
      pkg('orders_service', 'orders_service', { dependencies: ['express', 'kafka-node'], scripts: { start: 'node .' } }),
      // A Kafka consumer: no server framework, so before the mount it had no deploy signal at all.
      pkg('payment_service', 'payment_service', { dependencies: ['axios', 'kafka-node'], scripts: { start: 'node .' } }),
      compose('orders_service', 4, { image: 'node:18-alpine', workingDir: '/usr/app', hostnames: ['orders_service'], bindMounts: [ordersMount] }),
      compose('payment_service', 16, { image: 'node:18-alpine', workingDir: '/usr/app/', hostnames: ['payment_service'], bindMounts: [paymentMount] }),
      compose('kafka', 24, { image: 'bitnami/kafka' }),
      // Mongo init scripts are JavaScript, but a database image never runs the repository's code.
      compose('mongo', 30, { image: 'mongo:7', bindMounts: [mount('mongo-init', '/docker-entrypoint-initdb.d', 32)] }),
      compose('db', 34, {
        image: 'postgres:16',
        bindMounts: [mount('data', '/var/lib/postgresql/data', 36), mount('init.sql', '/docker-entrypoint-initdb.d/init.sql', 37)],
      }),
      compose('proxy', 38, { image: 'nginx:1.25', bindMounts: [mount('nginx.conf', '/etc/nginx/nginx.conf', 40)] }),
      // A runtime image mounting only data and a single file names no code folder.
      compose('seed', 42, { image: 'node:20', workingDir: '/seed', bindMounts: [mount('data', '/seed/data', 44), mount('seed.js', '/seed/seed.js', 45)] }),
      // Loose TypeScript without a package.json, in Deno's image.
      compose('cron', 46, { image: 'denoland/deno:2', workingDir: '/app', bindMounts: [cronMount] }),
    ];
    const files = [
      'docker-compose.yml',
      'orders_service/package.json',
      'orders_service/src/server.js',
      'payment_service/package.json',
      'payment_service/src/consumer.js',
      'mongo-init/init.js',
      'data/seed.csv',
      'init.sql',
      'nginx.conf',
      'seed.js',
      'cron/main.ts',
    ];
    expect(discover(facts, files)).toEqual({
      inventory: {
        services: [
          service('cron', 'cron', null, [mountEv(cronMount, 'cron', 'denoland/deno:2', 'cron')], {
            hostnames: ['cron'],
            deployments: [composeDeployment('cron')],
          }),
          service(
            'orders_service',
            'orders_service',
            'orders_service',
            [
              mountEv(ordersMount, 'orders_service', 'node:18-alpine', 'orders_service'),
              ev('orders_service/package.json', 'server-dependency', 'depends on express and has a start script'),
            ],
            { hostnames: ['orders_service'], deployments: [composeDeployment('orders_service')] },
          ),
          service('payment_service', 'payment_service', 'payment_service', [mountEv(paymentMount, 'payment_service', 'node:18-alpine', 'payment_service')], {
            hostnames: ['payment_service'],
            deployments: [composeDeployment('payment_service')],
          }),
        ],
        libraries: [],
      },
      errors: [],
    });
  });

  it('working_dir picks the mounted folder; several code mounts without it, or a built service, give no mount link', () => {
    const repoMount = mount('.', '/repo', 3);
    const bunMount = mount('tools/worker', '/app', 12);
    const facts: Fact[] = [
      pkg('.', 'mono', { workspaces: ['packages/*', 'libs/*'] }),
      pkg('packages/orders', '@acme/orders'),
      pkg('packages/billing', '@acme/billing'),
      pkg('libs/shared', '@acme/shared'),
      // The whole repository mounted, the service picked by working_dir below the mount.
      compose('orders-dev', 1, { image: 'node:22', workingDir: '/repo/packages/orders', bindMounts: [repoMount] }),
      // Two package folders and no working_dir inside either: which one runs is not known.
      compose('billing-dev', 5, {
        image: 'node:22',
        bindMounts: [mount('packages/billing', '/app', 7), mount('libs/shared', '/libs/shared', 8)],
      }),
      // A package outside the workspaces, in Bun's image.
      pkg('tools/worker', 'worker'),
      compose('worker', 10, { image: 'oven/bun:1', workingDir: '/app', bindMounts: [bunMount] }),
      // Built from its own Dockerfile: the build links it, a source mount for hot reload adds nothing.
      compose('api', 14, { buildContext: 'packages/api', bindMounts: [mount('packages/api/src', '/app/src', 17)] }),
      pkg('packages/api', '@acme/api'),
    ];
    const files = ['packages/api/src/main.ts'];
    expect(discover(facts, files)).toEqual({
      inventory: {
        services: [
          service('api', 'packages/api', '@acme/api', [ev('docker-compose.yml', 'compose-build', 'docker-compose.yml service api builds packages/api', 14, 'api:')], {
            hostnames: ['api'],
            deployments: [composeDeployment('api')],
          }),
          service('orders-dev', 'packages/orders', '@acme/orders', [mountEv(repoMount, 'orders-dev', 'node:22', 'packages/orders')], {
            hostnames: ['orders-dev'],
            deployments: [composeDeployment('orders-dev')],
          }),
          service('worker', 'tools/worker', 'worker', [mountEv(bunMount, 'worker', 'oven/bun:1', 'tools/worker')], {
            hostnames: ['worker'],
            deployments: [composeDeployment('worker')],
          }),
        ],
        libraries: [
          { name: 'billing', root: 'packages/billing', packageName: '@acme/billing', evidence: [ev('packages/billing/package.json', 'workspace', 'workspace package (packages/* in package.json) with no deploy signal')] },
          { name: 'shared', root: 'libs/shared', packageName: '@acme/shared', evidence: [ev('libs/shared/package.json', 'workspace', 'workspace package (libs/* in package.json) with no deploy signal')] },
        ],
      },
      errors: [],
    });
  });
});

describe('discoverServices: Dockerfiles that only configure a server image', () => {
  it('a folder built FROM a database or proxy image with init scripts is infrastructure; a Node build copied into nginx is not', () => {
    const facts: Fact[] = [
      server('catalogue', 'rs-catalogue'),
      dockerfile('catalogue', ['node:14']),
      compose('catalogue', 26, { buildContext: 'catalogue' }),
      // robot-shop `mongo/`: `FROM mongo:5` plus catalogue.js and users.js copied to /docker-entrypoint-initdb.d.
      dockerfile('mongo', ['mongo:5']),
      compose('mongodb', 3, { buildContext: 'mongo', image: '${REPO}/rs-mongodb:${TAG}' }),
      // An nginx gateway whose only other stage is an OS image fetching a tracing module.
      dockerfile('web', ['alpine', 'nginx:1.21.6']),
      compose('web', 40, { buildContext: 'web' }),
      // A frontend built with Node and served by nginx stays the repository's own code.
      pkg('frontend', 'frontend', { dependencies: ['react'], scripts: { build: 'vite build' } }),
      dockerfile('frontend', ['node:20-alpine', 'nginx:alpine']),
      compose('frontend', 50, { buildContext: 'frontend' }),
      // A service folder that also holds its database's Dockerfile: only the database build is infrastructure.
      server('orders', 'orders'),
      dockerfile('orders', ['node:20']),
      dockerfile('orders', ['postgres:16'], 'Dockerfile.db'),
      compose('orders-db', 60, { buildContext: 'orders', dockerfile: 'orders/Dockerfile.db' }),
    ];
    const files = ['catalogue/server.js', 'mongo/catalogue.js', 'mongo/users.js', 'web/static/js/controller.js', 'frontend/src/main.tsx', 'orders/src/main.ts'];
    expect(discover(facts, files)).toEqual({
      inventory: {
        services: [
          service(
            'catalogue',
            'catalogue',
            'rs-catalogue',
            [
              ev('catalogue/Dockerfile', 'dockerfile', 'Dockerfile in catalogue'),
              ev('catalogue/package.json', 'server-dependency', 'depends on express and has a start script'),
              ev('docker-compose.yml', 'compose-build', 'docker-compose.yml service catalogue builds catalogue', 26, 'catalogue:'),
            ],
            { hostnames: ['catalogue'], deployments: [composeDeployment('catalogue')] },
          ),
          service(
            'frontend',
            'frontend',
            'frontend',
            [
              ev('docker-compose.yml', 'compose-build', 'docker-compose.yml service frontend builds frontend', 50, 'frontend:'),
              ev('frontend/Dockerfile', 'dockerfile', 'Dockerfile in frontend'),
            ],
            { hostnames: ['frontend'], deployments: [composeDeployment('frontend')] },
          ),
          service('orders', 'orders', 'orders', [
            ev('orders/Dockerfile', 'dockerfile', 'Dockerfile in orders'),
            ev('orders/package.json', 'server-dependency', 'depends on express and has a start script'),
          ]),
        ],
        libraries: [],
      },
      errors: [],
    });
  });

  it('a configured root or a declared application keeps its server-image Dockerfile as a deploy signal', () => {
    const facts: Fact[] = [dockerfile('gateway', ['nginx:1.25']), compose('gateway', 2, { buildContext: 'gateway' })];
    const files = ['gateway/Dockerfile', 'gateway/nginx.conf'];
    expect(discover(facts, files, { services: { edge: 'gateway' } }, 'archcheck.config.json')).toEqual({
      inventory: {
        services: [
          service(
            'edge',
            'gateway',
            null,
            [
              ev('archcheck.config.json', 'config', 'service edge in the config `services`'),
              ev('docker-compose.yml', 'compose-build', 'docker-compose.yml service gateway builds gateway', 2, 'gateway:'),
              ev('gateway/Dockerfile', 'dockerfile', 'Dockerfile in gateway'),
            ],
            { hostnames: ['gateway'], deployments: [composeDeployment('gateway')] },
          ),
        ],
        libraries: [],
      },
      errors: [],
    });
  });
});
