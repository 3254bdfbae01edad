import { describe, expect, it } from 'vitest';
import { composeExtractor } from '../../../src/extract/manifests/compose.js';
import type { ComposeServiceFact, EnvEntry, PortMapping } from '../../../src/types/index.js';
import { fixture, withCrlf } from './helpers.js';

const { extract, matches } = composeExtractor;
const FILE = 'deploy/docker-compose.yml';
const at = (line: number, column: number, snippet: string) => ({ file: FILE, line, column, snippet });
const env = (name: string, value: string | null, line: number, column: number, snippet: string): EnvEntry => ({
  name,
  value,
  location: at(line, column, snippet),
});

function service(name: string, line: number, fields: Partial<ComposeServiceFact>): ComposeServiceFact {
  return {
    kind: 'compose-service',
    extractor: 'compose',
    location: at(line, 3, `${name}:`),
    name,
    buildContext: null,
    dockerfile: null,
    image: null,
    hostnames: [],
    ports: [],
    environment: [],
    envFiles: [],
    dependsOn: [],
    workingDir: null,
    bindMounts: [],
    ...fields,
  };
}

const COMMON_ENV = [
  env('NODE_ENV', 'development', 3, 3, 'NODE_ENV: development'),
  env('KAFKA_BROKERS', 'kafka:9092', 4, 3, 'KAFKA_BROKERS: kafka:9092'),
  env('LOG_LEVEL', 'info', 5, 3, 'LOG_LEVEL: info'),
];

const SHOP: ComposeServiceFact[] = [
  service('orders', 17, {
    buildContext: 'services/orders',
    hostnames: ['shop-orders', 'node-app'],
    ports: [{ published: 3001, target: 3000 }],
    environment: [
      ...COMMON_ENV,
      env('DATABASE_URL', 'postgres://shop:shop@postgres:5432/orders', 25, 7, 'DATABASE_URL: postgres://shop:***@postgres:5432/orders'),
      env('PAYMENTS_URL', 'http://payments:3000', 26, 7, 'PAYMENTS_URL: http://payments:3000'),
      env('CACHE_TTL', '30', 27, 7, 'CACHE_TTL: 30'),
      env('FEATURE_X', 'true', 28, 7, 'FEATURE_X: true'),
      env('EXTERNAL_TOKEN', null, 29, 7, 'EXTERNAL_TOKEN:'),
    ],
    envFiles: ['deploy/env/common.env'],
    dependsOn: ['postgres', 'kafka'],
  }),
  service('payments', 34, {
    buildContext: 'services/payments',
    dockerfile: 'services/payments/docker/Dockerfile.prod',
    hostnames: ['payments-internal', 'node-app'],
    ports: [{ published: 3002, target: 3000 }],
    environment: [
      env('NODE_ENV', 'development', 44, 9, '- NODE_ENV=development'),
      env('ORDERS_URL', 'http://orders:3000', 45, 9, '- ORDERS_URL=http://orders:3000'),
      env('STRIPE_KEY', null, 46, 9, '- STRIPE_KEY'),
    ],
    envFiles: ['deploy/env/payments.env'],
    dependsOn: ['postgres', 'kafka'],
  }),
  service('postgres', 56, {
    image: 'postgres:16-alpine',
    ports: [{ published: 5432, target: 5432 }],
    environment: [
      env('POSTGRES_USER', 'shop', 59, 7, 'POSTGRES_USER: shop'),
      env('POSTGRES_PASSWORD', 'shop', 60, 7, 'POSTGRES_PASSWORD: ***'),
    ],
  }),
  service('kafka', 64, {
    image: 'bitnami/kafka:3.7',
    ports: [{ published: null, target: 9092 }],
    environment: [
      env('KAFKA_CFG_NODE_ID', '0', 69, 7, 'KAFKA_CFG_NODE_ID: 0'),
      env('KAFKA_CFG_PROCESS_ROLES', 'controller,broker', 70, 7, 'KAFKA_CFG_PROCESS_ROLES: controller,broker'),
    ],
  }),
  service('redis', 72, { image: 'redis:7', ports: [{ published: 6379, target: 6379 }] }),
];

describe('compose extractor', () => {
  it('matches compose file names only', () => {
    for (const path of ['docker-compose.yml', 'docker-compose.override.yaml', 'ops/compose.yaml', 'compose.prod.yml', 'compose-ci.yml']) {
      expect(matches(path), path).toBe(true);
    }
    for (const path of ['composer.yml', 'k8s/deploy.yaml', 'docker-compose.json', 'compose']) {
      expect(matches(path), path).toBe(false);
    }
  });

  it('reads a realistic stack: anchors, merge keys, build forms, env forms, env_file, depends_on', () => {
    expect(extract(fixture('compose/shop/docker-compose.yml', FILE))).toEqual({ errors: [], facts: SHOP });
  });

  it('reads the same facts from a CRLF file', () => {
    expect(extract(withCrlf(fixture('compose/shop/docker-compose.yml', FILE)))).toEqual({ errors: [], facts: SHOP });
  });

  it('reads every port form, expands and caps ranges, reports bad ports', () => {
    const out = extract(fixture('compose/ports/compose.yaml', 'compose.yaml'));
    const edge = out.facts[0];
    const ports: PortMapping[] = edge?.kind === 'compose-service' ? edge.ports : [];
    const expanded = Array.from({ length: 100 }, (_, k) => ({ published: null, target: 10000 + k }));
    expect(ports).toEqual([
      { published: null, target: 3000 },
      { published: 3001, target: 3000 },
      { published: 3002, target: 3000 },
      { published: 3003, target: 3000 },
      { published: null, target: 8080 },
      { published: 9000, target: 9000 },
      { published: 9001, target: 9001 },
      { published: null, target: 7000 },
      { published: null, target: 7001 },
      { published: null, target: 7002 },
      { published: 8443, target: 443 },
      { published: null, target: 5000 },
      { published: null, target: 80 },
      { published: 5353, target: 53 },
      { published: null, target: 8081 },
      ...expanded,
    ]);
    const problem = (line: number, code: string, message: string) => ({
      file: 'compose.yaml',
      line,
      column: 9,
      stage: 'extract',
      code,
      message,
    });
    expect(out.errors).toEqual([
      problem(20, 'invalid-port', 'Port mapping is invalid (the published port is not a port number or range); it was skipped.'),
      problem(21, 'port-range-truncated', 'Port range expands past 100 ports; only the first 100 were kept.'),
      problem(
        22,
        'invalid-port',
        'Port mapping is invalid (the published and container port ranges differ in length); it was skipped.',
      ),
      { ...problem(48, 'invalid-compose', 'A compose service must be a mapping; it was skipped.'), column: 3 },
    ]);
  });

  it('applies same-file extends; other-file bases and cycles leave the service as written', () => {
    const facts = extract(fixture('compose/ports/compose.yaml', 'ops/compose.yaml')).facts;
    const byName = new Map(facts.flatMap((f) => (f.kind === 'compose-service' ? [[f.name, f] as const] : [])));
    expect(byName.get('worker')).toMatchObject({ image: 'worker:latest', buildContext: null });
    expect(byName.get('worker')?.ports).toHaveLength(116);
    expect(byName.get('worker')?.ports.at(-1)).toEqual({ published: 4000, target: 4000 });
    expect(byName.get('child')).toMatchObject({
      buildContext: 'ops',
      environment: [
        { name: 'SHARED', value: 'from-base', location: { line: 31 } },
        { name: 'OVERRIDDEN', value: 'child', location: { line: 37 } },
        { name: 'OWN', value: 'yes', location: { line: 38 } },
      ],
    });
    expect(byName.get('remote')).toMatchObject({ buildContext: 'https://github.com/acme/api.git#main', environment: [] });
    expect(byName.get('loop-a')).toMatchObject({ buildContext: null, image: null });
    expect(byName.get('empty')).toMatchObject({ image: null, ports: [] });
    expect(byName.has('not-a-map')).toBe(false);
  });

  it('adds `expose` ports as unpublished container ports', () => {
    const text = 'services:\n  api:\n    image: api\n    ports: ["8080:80"]\n    expose:\n      - "3000"\n      - 9229/tcp\n      - "80"\n';
    expect(extract({ path: 'compose.yml', text }).facts).toMatchObject([
      {
        ports: [
          { published: 8080, target: 80 },
          { published: null, target: 3000 },
          { published: null, target: 9229 },
          { published: null, target: 80 },
        ],
      },
    ]);
  });

  it('reads working_dir and bind mounts of relative host paths; named volumes and absolute paths are left out', () => {
    const text = [
      'services:',
      '  base:',
      '    image: node:20',
      '    volumes: ["./shared:/usr/app/shared", "./base:/usr/app"]',
      '  payment_service:',
      '    extends: base',
      '    working_dir: /usr/app',
      '    volumes:',
      '      - ./payment_service/:/usr/app:ro',
      '      - /usr/app/node_modules',
      '      - data:/var/data',
      '      - /var/run/docker.sock:/var/run/docker.sock',
      '      - ~/.aws:/root/.aws',
      '      - ${PWD}/scripts:/scripts',
      '      - ../lib:/lib',
      '      - type: bind',
      '        source: ./nginx.conf',
      '        target: /etc/nginx/nginx.conf',
      '      - { type: volume, source: ./named, target: /named }',
      '      - { source: ., target: /repo }',
    ].join('\n');
    const mount = (source: string, target: string, line: number, column: number, snippet: string) => ({
      source,
      target,
      location: { file: 'deploy/compose.yml', line, column, snippet },
    });
    const facts = extract({ path: 'deploy/compose.yml', text }).facts;
    expect(facts.map((fact) => fact.kind === 'compose-service' && [fact.name, fact.workingDir, fact.bindMounts])).toEqual([
      [
        'base',
        null,
        [
          mount('deploy/shared', '/usr/app/shared', 4, 15, 'volumes: ["./shared:/usr/app/shared", "./base:/usr/app"]'),
          mount('deploy/base', '/usr/app', 4, 43, 'volumes: ["./shared:/usr/app/shared", "./base:/usr/app"]'),
        ],
      ],
      [
        'payment_service',
        '/usr/app',
        [
          // The base's mount at /usr/app is replaced by the service's own.
          mount('deploy/shared', '/usr/app/shared', 4, 15, 'volumes: ["./shared:/usr/app/shared", "./base:/usr/app"]'),
          mount('deploy/payment_service', '/usr/app', 9, 9, '- ./payment_service/:/usr/app:ro'),
          mount('deploy/scripts', '/scripts', 14, 9, '- ${PWD}/scripts:/scripts'),
          mount('lib', '/lib', 15, 9, '- ../lib:/lib'),
          mount('deploy/nginx.conf', '/etc/nginx/nginx.conf', 16, 9, '- type: bind'),
          mount('deploy', '/repo', 20, 9, '- { source: ., target: /repo }'),
        ],
      ],
    ]);
  });

  it('bounds an alias bomb quickly with one invalid-yaml error', () => {
    const started = performance.now();
    const out = extract(fixture('compose/bomb/docker-compose.yml', FILE));
    expect(performance.now() - started).toBeLessThan(1000);
    expect(out).toEqual({
      facts: [],
      errors: [
        {
          file: FILE,
          line: 1,
          column: 1,
          stage: 'extract',
          code: 'invalid-yaml',
          message: 'YAML aliases expand past 1000 nodes (an alias bomb?); this document was skipped.',
        },
      ],
    });
  });

  it('locates syntax errors and handles empty or service-less files', () => {
    expect(extract(fixture('compose/invalid/docker-compose.yml', FILE))).toEqual({
      facts: [],
      errors: [
        {
          file: FILE,
          line: 6,
          column: 1,
          stage: 'extract',
          code: 'invalid-yaml',
          message: 'Invalid YAML (All mapping items must start at the same column); this document was skipped.',
        },
      ],
    });
    expect(extract({ path: FILE, text: '' })).toEqual({ facts: [], errors: [] });
    expect(extract({ path: FILE, text: 'volumes:\n  data: {}\n' })).toEqual({ facts: [], errors: [] });
    expect(extract({ path: FILE, text: 'services:\n  - web\n' }).errors).toMatchObject([
      { code: 'invalid-compose', line: 2, column: 3 },
    ]);
  });
});
