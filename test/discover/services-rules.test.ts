import { describe, expect, it } from 'vitest';
import { ownerLookup, ownerOf } from '../../src/discover/services.js';
import type { Fact } from '../../src/types/index.js';
import { compose, dockerfile, globs, pkg, server, workload } from './facts.js';
import { composeDeployment, discover, ev, library, service, workspaceEv } from './helpers.js';

const rootOnly = 'no other deployable folder; the root package is the single service';

describe('discoverServices: monoliths', () => {
  it('a plain monolith is one service named after its unscoped package name', () => {
    expect(discover([pkg('.', '@acme/shop'), pkg('tools/codegen', 'codegen')], ['src/index.ts'])).toEqual({
      inventory: { services: [service('shop', '.', '@acme/shop', [ev('package.json', 'root-package', rootOnly)])], libraries: [] },
      errors: [],
    });
  });

  it('a root package without a name is called app; a root that only declares workspaces is never a service', () => {
    expect(discover([pkg('.', null)]).inventory.services).toEqual([service('app', '.', null, [ev('package.json', 'root-package', rootOnly)])]);
    expect(discover([pkg('.', 'libs', { workspaces: ['packages/*'] }), pkg('packages/a', 'a')]).inventory).toEqual({
      services: [],
      libraries: [library('a', 'packages/a', 'a', [workspaceEv('packages/a', 'packages/*')])],
    });
  });

  it('a monolith with one extracted service: both are services, and files belong to the deepest root', () => {
    const facts: Fact[] = [
      server('.', 'shop'),
      dockerfile('.'),
      pkg('services/billing', 'billing'),
      dockerfile('services/billing'),
      compose('shop', 1, { buildContext: '.' }),
      compose('billing', 6, { buildContext: './services/billing' }),
    ];
    const { inventory, errors } = discover(facts);
    expect(errors).toEqual([]);
    expect(inventory).toEqual({
      services: [
        service(
          'billing',
          'services/billing',
          'billing',
          [
            ev('docker-compose.yml', 'compose-build', 'docker-compose.yml service billing builds services/billing', 6, 'billing:'),
            ev('services/billing/Dockerfile', 'dockerfile', 'Dockerfile in services/billing'),
            ev('services/billing/package.json', 'layout', 'package in the services/* layout'),
          ],
          { hostnames: ['billing'], deployments: [composeDeployment('billing')] },
        ),
        service(
          'shop',
          '.',
          'shop',
          [
            ev('Dockerfile', 'dockerfile', 'Dockerfile in .'),
            ev('docker-compose.yml', 'compose-build', 'docker-compose.yml service shop builds .', 1, 'shop:'),
            ev('package.json', 'server-dependency', 'depends on express and has a start script'),
          ],
          { hostnames: ['shop'], deployments: [composeDeployment('shop')] },
        ),
      ],
      libraries: [],
    });
    expect(ownerOf('src/orders/handler.ts', inventory)).toEqual({ kind: 'service', name: 'shop' });
    expect(ownerOf('services/billing/src/index.ts', inventory)).toEqual({ kind: 'service', name: 'billing' });
    // A prefix of a name is not a parent folder.
    expect(ownerOf('services/billing-old/x.ts', inventory)).toEqual({ kind: 'service', name: 'shop' });
    expect(ownerOf('services/billing', inventory)).toEqual({ kind: 'service', name: 'billing' });
  });
});

describe('discoverServices: config', () => {
  const facts: Fact[] = [
    pkg('.', 'root', { workspaces: ['services/*', 'packages/*'] }),
    pkg('services/orders', '@acme/orders'),
    pkg('services/gateway-kit', '@acme/gateway-kit'),
    dockerfile('services/gateway-kit'),
    pkg('packages/jobs', '@acme/jobs'),
    compose('orders', 4, { buildContext: 'services/orders' }),
  ];
  const files = ['legacy/server.js', 'packages/jobs/src/index.ts', 'services/orders/src/index.ts'];

  it('configured services rename discovered ones, add new roots, override shared; bad roots and names are reported', () => {
    const result = discover(
      facts,
      files,
      {
        services: { checkout: './services/orders/', legacy: { root: 'legacy' }, jobs: 'packages/jobs', ghost: 'nope', outside: '../elsewhere' },
        sharedPackages: ['@acme/gateway-kit', 'packages/missing'],
      },
      'archcheck.config.json',
    );
    const configEv = (name: string) => ev('archcheck.config.json', 'config', `service ${name} in the config \`services\``);
    expect(result).toEqual({
      inventory: {
        services: [
          service(
            'checkout',
            'services/orders',
            '@acme/orders',
            [configEv('checkout'), ev('docker-compose.yml', 'compose-build', 'docker-compose.yml service orders builds services/orders', 4, 'orders:'), ev('services/orders/package.json', 'layout', 'package in the services/* layout')],
            { hostnames: ['orders'], deployments: [composeDeployment('orders')] },
          ),
          service('jobs', 'packages/jobs', '@acme/jobs', [configEv('jobs')]),
          service('legacy', 'legacy', null, [configEv('legacy')]),
        ],
        libraries: [
          library('gateway-kit', 'services/gateway-kit', '@acme/gateway-kit', [
            ev('archcheck.config.json', 'config', 'listed in the config `sharedPackages`'),
            workspaceEv('services/gateway-kit', 'services/*'),
          ]),
        ],
      },
      errors: [
        {
          file: 'archcheck.config.json',
          stage: 'config',
          code: 'unknown-service-root',
          message: 'Service ghost has root nope, which is not a folder of the repository; ignored',
        },
        {
          file: 'archcheck.config.json',
          stage: 'config',
          code: 'unknown-service-root',
          message: 'Service outside has root ../elsewhere, which is not a folder of the repository; ignored',
        },
        {
          file: 'archcheck.config.json',
          stage: 'config',
          code: 'unknown-shared-package',
          message: '`sharedPackages` entry packages/missing names no package or folder of the repository',
        },
      ],
    });
  });

  it('without a config file path, config evidence and errors point at the repository', () => {
    const result = discover(facts, files, { services: { ghost: 'nope' } });
    expect(result.errors.map((error) => error.file)).toEqual(['.']);
  });
});

describe('discoverServices: names', () => {
  it('a name clash is settled by the folder path and reported; a compose name beats a package name', () => {
    const facts: Fact[] = [
      pkg('services/orders', 'orders'),
      pkg('legacy/orders', 'orders'),
      dockerfile('legacy/orders'),
      pkg('services/billing', 'billing'),
      server('services/invoices', 'billing'),
      compose('billing', 3, { buildContext: 'services/invoices' }),
    ];
    const result = discover(facts);
    expect(result.inventory.services.map((s) => [s.name, s.root])).toEqual([
      ['billing', 'services/invoices'],
      ['billing@services/billing', 'services/billing'],
      ['orders@legacy/orders', 'legacy/orders'],
      ['orders@services/orders', 'services/orders'],
    ]);
    expect(result.errors).toEqual([
      {
        file: '.',
        stage: 'discover',
        code: 'service-name-clash',
        message: 'Several services would be named billing (services/invoices, services/billing); renamed services/billing → billing@services/billing; name them in the config to choose',
      },
      {
        file: '.',
        stage: 'discover',
        code: 'service-name-clash',
        message: 'Several services would be named orders (legacy/orders, services/orders); renamed legacy/orders → orders@legacy/orders, services/orders → orders@services/orders; name them in the config to choose',
      },
    ]);
  });

  it('two compose services building one folder leave the name to Kubernetes, then to the package', () => {
    const facts: Fact[] = [
      pkg('services/orders', '@acme/orders'),
      compose('orders-api', 1, { buildContext: 'services/orders' }),
      compose('orders-worker', 5, { buildContext: 'services/orders' }),
    ];
    expect(discover(facts).inventory.services.map((s) => [s.name, s.hostnames])).toEqual([['orders', ['orders-api', 'orders-worker']]]);
    const withK8s = [...facts, workload('orders-web', 'prod', ['acme/orders:1'], {}, 'k8s/orders.yaml')];
    expect(discover(withK8s).inventory.services.map((s) => s.name)).toEqual(['orders-web']);
  });

  it('a compose build from the workspace root with a shared Dockerfile folder is matched by the service name', () => {
    const facts: Fact[] = [
      pkg('.', 'root', { workspaces: ['apps/*'] }),
      pkg('apps/orders-service', '@acme/orders-service'),
      pkg('apps/web', '@acme/web'),
      compose('orders', 1, { buildContext: '.', dockerfile: 'docker/orders.Dockerfile' }),
      compose('tools', 5, { buildContext: '.', dockerfile: 'docker/tools.Dockerfile' }),
    ];
    const { inventory, errors } = discover(facts);
    expect(errors).toEqual([]);
    expect(inventory.services.find((s) => s.root === 'apps/orders-service')).toEqual(
      service(
        'orders',
        'apps/orders-service',
        '@acme/orders-service',
        [
          ev('apps/orders-service/package.json', 'layout', 'package in the apps/* layout'),
          ev('docker-compose.yml', 'compose-build', 'docker-compose.yml service orders builds from . with docker/orders.Dockerfile; matched by its name', 1, 'orders:'),
        ],
        { hostnames: ['orders'], deployments: [composeDeployment('orders')] },
      ),
    );
    expect(inventory.services.map((s) => s.name)).toEqual(['orders', 'web']);
  });

  it('an image that matches two folders equally is linked to neither, and reported', () => {
    const facts: Fact[] = [
      pkg('.', 'root', { workspaces: ['*/*'] }),
      pkg('team-a/orders', 'orders-a'),
      pkg('team-b/orders', 'orders-b'),
      workload('orders', 'default', ['acme/orders:1'], {}, 'k8s/orders.yaml', 7),
    ];
    const result = discover(facts);
    expect(result.inventory.services).toEqual([]);
    expect(result.errors).toEqual([
      {
        file: 'k8s/orders.yaml',
        line: 7,
        stage: 'discover',
        code: 'ambiguous-deployment',
        message: 'image acme/orders:1 matches several folders equally well; not linked to any (name it in the config `services`)',
      },
    ]);
  });

  it('an exact image match beats a suffix-trimmed one, and a folder with a deploy signal beats one without', () => {
    const facts: Fact[] = [
      pkg('.', 'root', { workspaces: ['apps/*', 'packages/*'] }),
      pkg('apps/orders', '@acme/orders-app'),
      pkg('packages/orders', '@acme/orders'),
      pkg('packages/orders-api', '@acme/orders-api'),
      workload('orders', 'default', ['acme/orders:1'], {}, 'k8s/orders.yaml'),
    ];
    const services = discover(facts).inventory.services;
    expect(services.map((s) => [s.name, s.root])).toEqual([['orders', 'apps/orders']]);
  });
});

describe('discoverServices: determinism and scale', () => {
  it('gives the same inventory whatever the order of the facts', () => {
    const facts: Fact[] = [
      pkg('.', 'shop', { workspaces: ['services/*', 'packages/*'] }),
      server('services/orders', '@acme/orders'),
      pkg('services/payments', '@acme/payments'),
      pkg('packages/shared', '@acme/shared'),
      compose('orders', 3, { buildContext: 'services/orders' }),
      compose('orders', 2, { buildContext: 'services/orders', hostnames: ['o'] }),
      workload('payments', 'shop', ['acme/payments:2'], { app: 'p' }, 'k8s/b.yaml'),
      workload('payments', 'shop', ['acme/payments:2'], { app: 'p' }, 'k8s/a.yaml'),
      globs('.', 'lerna.json', ['packages/*']),
    ];
    const expected = discover(facts);
    expect(discover([...facts].reverse())).toEqual(expected);
    expect(discover([...facts.slice(4), ...facts.slice(0, 4)])).toEqual(expected);
  });

  it('matches thousands of workspace packages against the globs quickly', () => {
    const facts: Fact[] = [pkg('.', 'big', { workspaces: ['packages/*', '!packages/skip-*'] })];
    for (let i = 0; i < 5000; i++) facts.push(pkg(`packages/p${i}`, `p${i}`));
    facts.push(pkg('packages/skip-me', 'skip-me'));
    const started = performance.now();
    const { inventory } = discover(facts);
    expect(performance.now() - started).toBeLessThan(2000);
    expect(inventory.libraries).toHaveLength(5000);
    const lookup = ownerLookup(inventory);
    expect(lookup('packages/p4999/src/index.ts')).toEqual({ kind: 'library', name: 'p4999' });
    expect(lookup('packages/skip-me/index.ts')).toBeNull();
  });
});
