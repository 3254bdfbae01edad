import { describe, expect, it } from 'vitest';
import type { Fact } from '../../src/types/index.js';
import { compose, dockerfile, pkg, server } from './facts.js';
import { composeDeployment, discover, ev, library, service, workspaceEv } from './helpers.js';

describe('discoverServices: test-runner folders', () => {
  it('e2e/ and tests/ suites with their own Dockerfile and compose file are neither services nor libraries', () => {
    const facts: Fact[] = [
      pkg('.', 'sleepr', { workspaces: ['apps/*', 'libs/*', 'e2e'] }),
      server('apps/reservations', '@sleepr/reservations', '@nestjs/core'),
      dockerfile('apps/reservations', ['node:alpine']),
      pkg('libs/common', '@sleepr/common'),
      // mguay22/sleepr `e2e/`: jest plus a helper dependency, built and run by its own compose file.
      pkg('e2e', '@sleepr/e2e', {
        scripts: { test: 'jest' },
        devDependencies: ['@types/jest', '@types/node', 'jest', 'tcp-ping', 'ts-jest', 'ts-node', 'typescript'],
      }),
      dockerfile('e2e', ['node:alpine']),
      compose('e2e', 2, { location: { file: 'e2e/docker-compose.yaml', line: 2, snippet: 'e2e:' }, buildContext: 'e2e', dockerfile: 'e2e/Dockerfile' }),
      // mjhea0/node-docker-api `tests/`: mocha called from the test script, no dependency list of runtime packages.
      pkg('tests', null, { scripts: { test: "./node_modules/mocha/bin/_mocha 'app/*.test.js'" }, devDependencies: ['chai', 'request'] }),
      dockerfile('tests', ['node:latest']),
      compose('tests', 89, { buildContext: 'tests' }),
    ];
    const files = ['e2e/specs/reservations.e2e.spec.ts', 'tests/main.test.js'];
    expect(discover(facts, files)).toEqual({
      inventory: {
        services: [
          service('reservations', 'apps/reservations', '@sleepr/reservations', [
            ev('apps/reservations/Dockerfile', 'dockerfile', 'Dockerfile in apps/reservations'),
            ev('apps/reservations/package.json', 'layout', 'package in the apps/* layout'),
            ev('apps/reservations/package.json', 'server-dependency', 'depends on @nestjs/core and has a start script'),
          ]),
        ],
        libraries: [library('common', 'libs/common', '@sleepr/common', [workspaceEv('libs/common', 'libs/*')])],
      },
      errors: [],
    });
  });

  it('a test-named folder that can serve stays deployable: a server framework, a start script, or no test runner', () => {
    const facts: Fact[] = [
      // A mock server for contract tests: express and a start script.
      pkg('test', 'mock-server', { dependencies: ['express'], devDependencies: ['jest'], scripts: { start: 'node mock.js', test: 'jest' } }),
      dockerfile('test', ['node:20']),
      // An Nx-style `*-e2e` folder with a server framework among its dependencies.
      pkg('api-e2e', 'api-e2e', { dependencies: ['fastify'], devDependencies: ['vitest'] }),
      dockerfile('api-e2e', ['node:20']),
      // Named like a suite but runs no test runner.
      pkg('integration-tests', 'integration-tests', { scripts: { test: 'node run.js' } }),
      dockerfile('integration-tests', ['node:20']),
      // A playwright suite is not deployable even with a Dockerfile.
      pkg('web-e2e', 'web-e2e', { devDependencies: ['@playwright/test'], scripts: { e2e: 'playwright test' } }),
      dockerfile('web-e2e', ['mcr.microsoft.com/playwright:v1.44.0']),
      compose('web-e2e', 20, { buildContext: 'web-e2e' }),
    ];
    const dockerEv = (dir: string) => ev(`${dir}/Dockerfile`, 'dockerfile', `Dockerfile in ${dir}`);
    expect(discover(facts)).toEqual({
      inventory: {
        services: [
          service('api-e2e', 'api-e2e', 'api-e2e', [dockerEv('api-e2e')]),
          service('integration-tests', 'integration-tests', 'integration-tests', [dockerEv('integration-tests')]),
          service('mock-server', 'test', 'mock-server', [dockerEv('test'), ev('test/package.json', 'server-dependency', 'depends on express and has a start script')]),
        ],
        libraries: [],
      },
      errors: [],
    });
  });

  it('the config still decides: a test-runner folder named in `services` or `sharedPackages` is taken as such', () => {
    const facts: Fact[] = [
      pkg('.', 'mono', { workspaces: ['e2e', 'tests'] }),
      pkg('e2e', 'e2e', { devDependencies: ['jest'], scripts: { test: 'jest' } }),
      pkg('tests', 'tests', { devDependencies: ['vitest'], scripts: { test: 'vitest run' } }),
      compose('e2e', 3, { buildContext: 'e2e' }),
    ];
    const result = discover(facts, ['e2e/specs/app.e2e.spec.ts', 'tests/app.test.ts'], { services: { suite: 'e2e' }, sharedPackages: ['tests'] }, 'archcheck.config.json');
    expect(result).toEqual({
      inventory: {
        services: [
          service(
            'suite',
            'e2e',
            'e2e',
            [
              ev('archcheck.config.json', 'config', 'service suite in the config `services`'),
              ev('docker-compose.yml', 'compose-build', 'docker-compose.yml service e2e builds e2e', 3, 'e2e:'),
            ],
            { hostnames: ['e2e'], deployments: [composeDeployment('e2e')] },
          ),
        ],
        libraries: [library('tests', 'tests', 'tests', [ev('archcheck.config.json', 'config', 'listed in the config `sharedPackages`')])],
      },
      errors: [],
    });
  });
});
