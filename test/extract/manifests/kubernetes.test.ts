import { describe, expect, it } from 'vitest';
import { decodeBase64 } from '../../../src/extract/manifests/k8s-resources.js';
import { kubernetesExtractor } from '../../../src/extract/manifests/kubernetes.js';
import type { EnvEntry } from '../../../src/types/index.js';
import { fixture, withCrlf } from './helpers.js';

const { extract, matches } = kubernetesExtractor;
const FILE = 'deploy/k8s/orders.yaml';
const at = (line: number, column: number, snippet: string) => ({ file: FILE, line, column, snippet });
const env = (name: string, value: string | null, line: number, from?: EnvEntry['from']): EnvEntry => ({
  name,
  value,
  ...(from ? { from } : {}),
  location: at(line, 21, `- name: ${name}`),
});

const ORDERS = [
  {
    kind: 'k8s-workload',
    workloadKind: 'Deployment',
    extractor: 'kubernetes',
    location: at(5, 9, 'name: orders'),
    name: 'orders',
    namespace: 'shop',
    podLabels: { app: 'orders', tier: 'backend' },
    containers: [
      {
        name: 'migrate',
        image: 'ghcr.io/acme/orders-migrate:1.4.0',
        ports: [],
        env: [],
        envFrom: [{ kind: 'secret', name: 'orders-secrets' }],
      },
      {
        name: 'orders',
        image: 'ghcr.io/acme/orders:1.4.0',
        ports: [3000, 9464],
        env: [
          env('PAYMENTS_URL', 'http://payments.shop.svc.cluster.local:3000', 35),
          env('PORT', '3000', 37),
          env('DB_PASSWORD', null, 39, { kind: 'secret', name: 'orders-secrets', key: 'db-password' }),
          env('KAFKA_BROKERS', null, 44, { kind: 'configMap', name: 'orders-config', key: 'kafka-brokers' }),
          env('POD_IP', null, 49),
          env('EMPTY', '', 53),
        ],
        envFrom: [{ kind: 'configMap', name: 'orders-config' }],
      },
    ],
  },
  {
    kind: 'k8s-service',
    extractor: 'kubernetes',
    location: at(61, 9, 'name: orders'),
    name: 'orders',
    namespace: 'shop',
    serviceType: 'ClusterIP',
    selector: { app: 'orders' },
    ports: [
      { port: 80, targetPort: 3000, nodePort: null },
      { port: 9464, targetPort: 9464, nodePort: null },
      { port: 8080, targetPort: null, nodePort: null },
    ],
  },
  {
    kind: 'k8s-config',
    configKind: 'configMap',
    extractor: 'kubernetes',
    location: at(79, 9, 'name: orders-config'),
    name: 'orders-config',
    namespace: 'shop',
    entries: [
      {
        name: 'kafka-brokers',
        value: 'kafka-0.kafka:9092,kafka-1.kafka:9092',
        location: at(82, 3, 'kafka-brokers: kafka-0.kafka:9092,kafka-1.kafka:9092'),
      },
      { name: 'INVENTORY_URL', value: 'http://inventory:3000', location: at(83, 3, 'INVENTORY_URL: http://inventory:3000') },
      { name: 'RETRIES', value: '3', location: at(84, 3, 'RETRIES: "3"') },
    ],
  },
  {
    kind: 'k8s-config',
    configKind: 'secret',
    extractor: 'kubernetes',
    location: at(89, 9, 'name: orders-secrets'),
    name: 'orders-secrets',
    namespace: 'shop',
    entries: [
      { name: 'db-password', value: 'super-secret', location: { file: FILE, line: 93, column: 3 } },
      { name: 'api-key', value: null, location: { file: FILE, line: 94, column: 3 } },
      { name: 'overridden', value: 'new', location: { file: FILE, line: 97, column: 3 } },
      { name: 'STRIPE_KEY', value: 'sk_test_123', location: { file: FILE, line: 98, column: 3 } },
    ],
  },
];

describe('kubernetes extractor', () => {
  it('matches YAML that no other extractor owns, outside .github/', () => {
    for (const path of ['k8s/orders.yaml', 'deploy/base/service.yml', 'charts/x/templates/deployment.yaml', 'openapi.yaml']) {
      expect(matches(path), path).toBe(true);
    }
    for (const path of ['docker-compose.yml', 'compose.prod.yaml', 'pnpm-workspace.yaml', 'pnpm-lock.yaml', '.github/workflows/ci.yml', 'k8s/orders.json']) {
      expect(matches(path), path).toBe(false);
    }
  });

  it('reads a Deployment + Service + ConfigMap + Secret manifest exactly', () => {
    expect(extract(fixture('kubernetes/orders/orders.yaml', FILE))).toEqual({ errors: [], facts: ORDERS });
  });

  it('never puts Secret values in snippets', () => {
    const text = JSON.stringify(extract(fixture('kubernetes/orders/orders.yaml', FILE)).facts[3]?.location);
    expect(text).not.toContain('c3VwZXItc2VjcmV0');
    const secret = extract(fixture('kubernetes/orders/orders.yaml', FILE)).facts[3];
    const snippets = secret?.kind === 'k8s-config' ? secret.entries.map((e) => e.location.snippet) : ['missing'];
    expect(snippets).toEqual([undefined, undefined, undefined, undefined]);
  });

  it('reads CRLF manifests identically', () => {
    expect(extract(withCrlf(fixture('kubernetes/orders/orders.yaml', FILE)))).toEqual({ errors: [], facts: ORDERS });
  });

  it('walks CronJob job templates and List items (Pod, StatefulSet, NodePort Service)', () => {
    const out = extract(fixture('kubernetes/workloads/jobs.yml', 'jobs.yml'));
    expect(out.errors).toEqual([]);
    expect(out.facts).toMatchObject([
      {
        workloadKind: 'CronJob',
        name: 'nightly-report',
        namespace: 'default',
        podLabels: { job: 'nightly-report' },
        containers: [
          {
            name: 'report',
            image: 'acme/report:2',
            ports: [],
            env: [{ name: 'ORDERS_URL', value: 'http://orders.shop:80', location: { line: 18 } }],
            envFrom: [],
          },
        ],
      },
      { workloadKind: 'Pod', name: 'debug', namespace: 'tools', podLabels: { app: 'debug' }, location: { line: 28 } },
      { workloadKind: 'StatefulSet', name: 'kafka', podLabels: { app: 'kafka' }, containers: [{ ports: [9092, 9093] }] },
      {
        kind: 'k8s-service',
        name: 'kafka',
        serviceType: 'NodePort',
        selector: { app: 'kafka' },
        ports: [{ port: 9092, targetPort: 9092, nodePort: 30092 }],
      },
    ]);
  });

  it('silently ignores unknown kinds, non-manifest YAML and empty documents', () => {
    expect(extract(fixture('kubernetes/unknown/misc.yaml', 'misc.yaml'))).toEqual({ facts: [], errors: [] });
    expect(extract({ path: 'empty.yaml', text: '' })).toEqual({ facts: [], errors: [] });
    expect(extract({ path: 'comments.yaml', text: '# nothing\n---\n' })).toEqual({ facts: [], errors: [] });
  });

  it('reports modeled objects without a name, and uses generateName', () => {
    const text = [
      'apiVersion: v1\nkind: Service\nmetadata: {}\n',
      'apiVersion: batch/v1\nkind: Job\nmetadata:\n  generateName: migrate-\nspec: {}\n',
      'apiVersion: v1\nkind: constructor\nmetadata: {name: odd}\n',
    ].join('---\n');
    const out = extract({ path: 'x.yaml', text });
    expect(out.facts).toMatchObject([{ kind: 'k8s-workload', workloadKind: 'Job', name: 'migrate-', containers: [] }]);
    expect(out.errors).toEqual([
      {
        file: 'x.yaml',
        line: 1,
        column: 1,
        stage: 'extract',
        code: 'invalid-manifest',
        message: 'Kubernetes Service has no metadata.name; it was skipped.',
      },
    ]);
  });

  it('keeps the good documents of a file with one bad document', () => {
    const out = extract(fixture('kubernetes/partial/mixed.yaml', 'mixed.yaml'));
    expect(out.facts.map((f) => ('name' in f ? f.name : ''))).toEqual(['good-before', 'good-after']);
    expect(out.errors).toEqual([
      {
        file: 'mixed.yaml',
        line: 14,
        column: 1,
        stage: 'extract',
        code: 'invalid-yaml',
        message: 'Invalid YAML (All mapping items must start at the same column); this document was skipped.',
      },
    ]);
  });

  it('refuses unrendered Helm templates with one error per file', () => {
    const path = 'charts/orders/templates/deployment.yaml';
    expect(extract(fixture('kubernetes/helm/charts/orders/templates/deployment.yaml', path))).toEqual({
      facts: [],
      errors: [
        {
          file: path,
          line: 4,
          column: 9,
          stage: 'extract',
          code: 'unrendered-template',
          message: 'Helm template is not plain YAML; render it with `helm template` to analyze it.',
        },
      ],
    });
  });

  it('decodes base64 strictly', () => {
    expect(decodeBase64('c3VwZXItc2VjcmV0')).toBe('super-secret');
    expect(decodeBase64('b2xk\n')).toBe('old');
    expect(decodeBase64('not base64!')).toBeNull();
    expect(decodeBase64('abc')).toBeNull();
    expect(decodeBase64('//79')).toBeNull();
  });
});
