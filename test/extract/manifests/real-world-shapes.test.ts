/** Shapes met on public repositories that the first cut missed: Rush monorepos, compose files named otherwise, templated YAML. */
import { describe, expect, it } from 'vitest';
import { kubernetesExtractor } from '../../../src/extract/manifests/kubernetes.js';
import { workspaceGlobsExtractor } from '../../../src/extract/manifests/workspace-globs.js';

describe('rush.json', () => {
  it('turns every project folder into a workspace glob (JSONC with comments)', () => {
    const text = [
      '/**',
      ' * Rush configuration',
      ' */',
      '{',
      '  "rushVersion": "5.58.0",',
      '  // projects of the monorepo',
      '  "projects": [',
      '    { "packageName": "@krater/customers", "projectFolder": "src/services/customers" },',
      '    { "packageName": "@krater/database", "projectFolder": "src/database", },',
      '  ],',
      '}',
    ].join('\n');
    expect(workspaceGlobsExtractor.matches('rush.json')).toBe(true);
    const { facts, errors } = workspaceGlobsExtractor.extract({ path: 'rush.json', text });
    expect(errors).toEqual([]);
    expect(facts).toMatchObject([{ kind: 'workspace-globs', dir: '.', globs: ['src/services/customers', 'src/database'], location: { line: 7 } }]);
  });
});

describe('kubernetes extractor on YAML that is not a manifest', () => {
  it('hands a compose-shaped file with another name to the compose extractor', () => {
    const text = [
      "version: '3.5'",
      'services:',
      '  api-gateway:',
      '    build:',
      '      dockerfile: ./src/api-gateway/docker/Dockerfile',
      '      context: ../',
      '    environment:',
      '      - CONSUL_URL=http://consul:8500',
    ].join('\n');
    const { facts, errors } = kubernetesExtractor.extract({ path: 'compose/services.yaml', text });
    expect(errors).toEqual([]);
    expect(facts).toMatchObject([
      { kind: 'compose-service', name: 'api-gateway', buildContext: '.', dockerfile: 'src/api-gateway/docker/Dockerfile', location: { line: 3 } },
    ]);
  });

  it('leaves other YAML with a services key alone', () => {
    const text = 'services:\n  - name: billing\n    owner: team-a\n';
    expect(kubernetesExtractor.extract({ path: 'catalog/services.yaml', text })).toEqual({ facts: [], errors: [] });
  });

  it('says a manifest with template placeholders must be rendered, instead of a YAML syntax error', () => {
    const text = 'apiVersion: apps/v1\nkind: Deployment\nspec:\n  containers:\n  - image: {{CONTAINER_REGISTRY}}/gateway:{{VERSION}}\n    env: [}\n';
    expect(kubernetesExtractor.extract({ path: 'scripts/kubernetes/gateway.yaml', text }).errors).toEqual([
      {
        file: 'scripts/kubernetes/gateway.yaml',
        line: 5,
        column: 12,
        stage: 'extract',
        code: 'unrendered-template',
        message: 'YAML with template placeholders ({{ }}) is not plain YAML; render it first to analyze it.',
      },
    ]);
  });
});
