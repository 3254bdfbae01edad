import { describe, expect, it } from 'vitest';
import { workspaceProjectsExtractor } from '../../src/extract/manifests/workspace-projects.js';
import type { DeclaredProject, Fact } from '../../src/types/index.js';
import { compose, dockerfile, pkg, project, projects, workload } from './facts.js';
import { composeDeployment, discover, ev, k8sDeployment, library, service, workspaceEv } from './helpers.js';

/** The evidence a declared project gets: its key's line in the declaring file. */
function projectEv(kind: DeclaredProject['kind'], name: string, file: string, line: number) {
  return ev(file, 'workspace', `${kind} project ${name} in ${file}`, line, `"${name}": {`);
}

/** A Nest monorepo root: one package.json with every app's dependencies and `nest start`. */
const nestRoot = pkg('.', 'platform', {
  dependencies: ['@nestjs/core', '@nestjs/microservices'],
  scripts: { start: 'nest start', 'start:dev': 'nest start --watch' },
});

describe('discoverServices on declared projects (NestJS monorepo mode, Nx)', () => {
  it('Nest monorepo: each application is a service without any deploy signal, libraries are libraries, the root is neither', () => {
    const facts: Fact[] = [
      nestRoot,
      // A root Dockerfile building the whole monorepo does not make the root a service.
      dockerfile('.'),
      projects('nest-cli.json', [
        project('gateway', 'apps/gateway', 'application', 'nest-cli.json', 9),
        // Nest allows `sourceRoot` without `root`; the extractor already turned it into the root.
        project('orders', 'apps/orders', 'application', 'nest-cli.json', 17),
        project('shared', 'libs/shared', 'library', 'nest-cli.json', 24),
        // A stale entry whose folder is gone is ignored.
        project('legacy', 'apps/legacy', 'application', 'nest-cli.json', 30),
      ]),
    ];
    const files = ['Dockerfile', 'nest-cli.json', 'package.json', 'apps/gateway/src/main.ts', 'apps/orders/src/main.ts', 'libs/shared/src/index.ts'];
    expect(discover(facts, files)).toEqual({
      inventory: {
        services: [
          service('gateway', 'apps/gateway', null, [projectEv('application', 'gateway', 'nest-cli.json', 9)]),
          service('orders', 'apps/orders', null, [projectEv('application', 'orders', 'nest-cli.json', 17)]),
        ],
        libraries: [library('shared', 'libs/shared', null, [projectEv('library', 'shared', 'nest-cli.json', 24)])],
      },
      errors: [],
    });
  });

  it('Nest monorepo with compose building apps/* folders: compose names the service, the project adds evidence', () => {
    const facts: Fact[] = [
      nestRoot,
      projects('nest-cli.json', [
        project('gateway', 'apps/gateway', 'application', 'nest-cli.json', 9),
        project('orders', 'apps/orders', 'application', 'nest-cli.json', 17),
        project('billing', 'apps/billing', 'application', 'nest-cli.json', 25),
        project('shared', 'libs/shared', 'library', 'nest-cli.json', 33),
      ]),
      compose('gateway-api', 3, { buildContext: './apps/gateway' }),
      compose('orders', 9, { buildContext: '.', dockerfile: 'apps/orders/Dockerfile' }),
      dockerfile('apps/orders'),
      compose('postgres', 15, { image: 'postgres:16' }),
    ];
    const files = [
      'docker-compose.yml',
      'nest-cli.json',
      'apps/gateway/src/main.ts',
      'apps/orders/Dockerfile',
      'apps/orders/src/main.ts',
      'apps/billing/src/main.ts',
      'libs/shared/src/index.ts',
    ];
    expect(discover(facts, files)).toEqual({
      inventory: {
        services: [
          service('billing', 'apps/billing', null, [projectEv('application', 'billing', 'nest-cli.json', 25)]),
          service(
            'gateway-api',
            'apps/gateway',
            null,
            [
              ev('docker-compose.yml', 'compose-build', 'docker-compose.yml service gateway-api builds apps/gateway', 3, 'gateway-api:'),
              projectEv('application', 'gateway', 'nest-cli.json', 9),
            ],
            { hostnames: ['gateway-api'], deployments: [composeDeployment('gateway-api')] },
          ),
          service(
            'orders',
            'apps/orders',
            null,
            [
              ev('apps/orders/Dockerfile', 'dockerfile', 'Dockerfile in apps/orders'),
              ev('docker-compose.yml', 'compose-build', 'docker-compose.yml service orders builds apps/orders', 9, 'orders:'),
              projectEv('application', 'orders', 'nest-cli.json', 17),
            ],
            { hostnames: ['orders'], deployments: [composeDeployment('orders')] },
          ),
        ],
        libraries: [library('shared', 'libs/shared', null, [projectEv('library', 'shared', 'nest-cli.json', 33)])],
      },
      errors: [],
    });
  });

  it('compose building the repository root per app invents nothing: only the existing name match links a compose service', () => {
    const facts: Fact[] = [
      nestRoot,
      projects('nest-cli.json', [
        project('gateway', 'apps/gateway', 'application', 'nest-cli.json', 9),
        project('users', 'apps/users', 'application', 'nest-cli.json', 17),
      ]),
      // `build: .` with `command: node dist/apps/gateway/main`: the command is not read.
      compose('gateway', 3, { buildContext: '.' }),
      compose('users-api', 9, { buildContext: '.', dockerfile: 'docker/users/Dockerfile' }),
      dockerfile('docker/users'),
      // Named like no project: linked to nothing, and no service is made up for it.
      compose('jobs', 15, { buildContext: '.', dockerfile: 'docker/jobs/Dockerfile' }),
    ];
    const files = ['docker-compose.yml', 'docker/users/Dockerfile', 'docker/jobs/Dockerfile', 'apps/gateway/src/main.ts', 'apps/users/src/main.ts'];
    expect(discover(facts, files)).toEqual({
      inventory: {
        services: [
          service(
            'gateway',
            'apps/gateway',
            null,
            [
              ev('docker-compose.yml', 'compose-build', 'docker-compose.yml service gateway builds from .; matched by its name', 3, 'gateway:'),
              projectEv('application', 'gateway', 'nest-cli.json', 9),
            ],
            { hostnames: ['gateway'], deployments: [composeDeployment('gateway')] },
          ),
          service(
            'users-api',
            'apps/users',
            null,
            [
              ev(
                'docker-compose.yml',
                'compose-build',
                'docker-compose.yml service users-api builds from . with docker/users/Dockerfile; matched by its name',
                9,
                'users-api:',
              ),
              projectEv('application', 'users', 'nest-cli.json', 17),
            ],
            { hostnames: ['users-api'], deployments: [composeDeployment('users-api')] },
          ),
        ],
        libraries: [],
      },
      errors: [],
    });
  });

  it('the config still decides: `services` names a project, `sharedPackages` turns an application into a library', () => {
    const facts: Fact[] = [
      nestRoot,
      projects('nest-cli.json', [
        project('gateway', 'apps/gateway', 'application', 'nest-cli.json', 9),
        project('admin', 'apps/admin', 'application', 'nest-cli.json', 17),
      ]),
    ];
    const files = ['archcheck.config.json', 'nest-cli.json', 'apps/gateway/src/main.ts', 'apps/admin/src/main.ts'];
    const config = { services: { edge: 'apps/gateway' }, sharedPackages: ['apps/admin'] };
    expect(discover(facts, files, config, 'archcheck.config.json')).toEqual({
      inventory: {
        services: [
          service('edge', 'apps/gateway', null, [
            ev('archcheck.config.json', 'config', 'service edge in the config `services`'),
            projectEv('application', 'gateway', 'nest-cli.json', 9),
          ]),
        ],
        libraries: [library('admin', 'apps/admin', null, [ev('archcheck.config.json', 'config', 'listed in the config `sharedPackages`')])],
      },
      errors: [],
    });
  });

  it('nest-cli.json in standard mode (monorepo: false) changes nothing: the root package stays the one service', () => {
    const text = JSON.stringify({ collection: '@nestjs/schematics', sourceRoot: 'src', monorepo: false, compilerOptions: { deleteOutDir: true } }, null, 2);
    const extracted = workspaceProjectsExtractor.extract({ path: 'nest-cli.json', text });
    expect(extracted).toEqual({ facts: [], errors: [] });
    const root = pkg('.', 'api', { dependencies: ['@nestjs/core'], scripts: { start: 'nest start' } });
    const files = ['nest-cli.json', 'package.json', 'src/main.ts', 'src/app.module.ts'];
    expect(discover([root, ...extracted.facts], files)).toEqual({
      inventory: {
        services: [service('api', '.', 'api', [ev('package.json', 'server-dependency', 'depends on @nestjs/core and has a start script')])],
        libraries: [],
      },
      errors: [],
    });
  });

  it('Nx with a package.json per project: project.json decides, e2e projects are neither services nor libraries', () => {
    const facts: Fact[] = [
      pkg('.', 'acme', { workspaces: ['apps/*', 'libs/*'], dependencies: ['express'], scripts: { start: 'nx serve api' } }),
      projects('nx.json', []),
      pkg('apps/api', '@acme/api'),
      projects('apps/api/project.json', [project('api', 'apps/api', 'application', 'apps/api/project.json', 3)], false),
      // Would be a service by the apps/* layout, and a library as a workspace member, if it were not a test project.
      pkg('apps/api-e2e', '@acme/api-e2e'),
      projects('apps/api-e2e/project.json', [project('api-e2e', 'apps/api-e2e', 'e2e', 'apps/api-e2e/project.json', 3)], false),
      pkg('libs/data', '@acme/data-access'),
      // Nx names a project after its package in TS-solution workspaces; libraries go by the unscoped name.
      projects('libs/data/project.json', [project('@acme/data-access', 'libs/data', 'library', 'libs/data/project.json', 3)], false),
      workload('api-server', 'prod', ['registry.acme.io/acme/api:1.4'], { app: 'api' }, 'k8s/api.yaml'),
    ];
    const files = [
      'nx.json',
      'package.json',
      'apps/api/package.json',
      'apps/api/project.json',
      'apps/api/src/main.ts',
      'apps/api-e2e/package.json',
      'apps/api-e2e/project.json',
      'apps/api-e2e/src/api.spec.ts',
      'libs/data/package.json',
      'libs/data/project.json',
      'libs/data/src/index.ts',
      'k8s/api.yaml',
    ];
    expect(discover(facts, files)).toEqual({
      inventory: {
        services: [
          service(
            'api-server',
            'apps/api',
            '@acme/api',
            [
              ev('apps/api/package.json', 'layout', 'package in the apps/* layout'),
              projectEv('application', 'api', 'apps/api/project.json', 3),
              ev('k8s/api.yaml', 'k8s-workload', 'Deployment prod/api-server runs image registry.acme.io/acme/api:1.4'),
            ],
            { hostnames: ['api-server'], deployments: [k8sDeployment('api-server', 'prod', 'k8s/api.yaml')] },
          ),
        ],
        libraries: [
          library('data-access', 'libs/data', '@acme/data-access', [
            workspaceEv('libs/data', 'libs/*'),
            projectEv('library', '@acme/data-access', 'libs/data/project.json', 3),
          ]),
        ],
      },
      errors: [],
    });
  });

  it('Nx integrated repo: one root package.json, projects only in project.json; nx.json keeps the root from being a service', () => {
    const facts: Fact[] = [
      pkg('.', 'acme', { dependencies: ['express', '@nestjs/core'], scripts: { start: 'nx serve admin' } }),
      projects('nx.json', []),
      projects('apps/admin/project.json', [project('admin', 'apps/admin', 'application', 'apps/admin/project.json', 4)], false),
      projects('apps/reports/project.json', [project('reports', 'apps/reports', 'application', 'apps/reports/project.json', 4)], false),
      projects('apps/admin-e2e/project.json', [project('admin-e2e', 'apps/admin-e2e', 'e2e', 'apps/admin-e2e/project.json', 4)], false),
      projects('libs/ui/project.json', [project('ui', 'libs/ui', 'library', 'libs/ui/project.json', 4)], false),
      dockerfile('apps/admin'),
      compose('admin-web', 3, { buildContext: '.', dockerfile: 'apps/admin/Dockerfile' }),
    ];
    const files = [
      'nx.json',
      'package.json',
      'docker-compose.yml',
      'apps/admin/Dockerfile',
      'apps/admin/project.json',
      'apps/admin/src/main.ts',
      'apps/reports/project.json',
      'apps/reports/src/main.ts',
      'apps/admin-e2e/project.json',
      'apps/admin-e2e/src/admin.cy.ts',
      'libs/ui/project.json',
      'libs/ui/src/index.ts',
    ];
    expect(discover(facts, files)).toEqual({
      inventory: {
        services: [
          service(
            'admin-web',
            'apps/admin',
            null,
            [
              ev('apps/admin/Dockerfile', 'dockerfile', 'Dockerfile in apps/admin'),
              projectEv('application', 'admin', 'apps/admin/project.json', 4),
              ev('docker-compose.yml', 'compose-build', 'docker-compose.yml service admin-web builds apps/admin', 3, 'admin-web:'),
            ],
            { hostnames: ['admin-web'], deployments: [composeDeployment('admin-web')] },
          ),
          service('reports', 'apps/reports', null, [projectEv('application', 'reports', 'apps/reports/project.json', 4)]),
        ],
        libraries: [library('ui', 'libs/ui', null, [projectEv('library', 'ui', 'libs/ui/project.json', 4)])],
      },
      errors: [],
    });
  });
});
