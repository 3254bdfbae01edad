import { describe, expect, it } from 'vitest';
import { workspaceGlobsExtractor } from '../../../src/extract/manifests/workspace-globs.js';
import { fixture } from './helpers.js';

const { extract, matches } = workspaceGlobsExtractor;

describe('workspace-globs extractor', () => {
  it('matches pnpm-workspace.yaml and lerna.json only', () => {
    expect(matches('pnpm-workspace.yaml')).toBe(true);
    expect(matches('apps/lerna.json')).toBe(true);
    expect(matches('pnpm-lock.yaml')).toBe(false);
    expect(matches('workspace.yaml')).toBe(false);
  });

  it('reads pnpm packages, keeping quotes off and negations as written', () => {
    expect(extract(fixture('workspace-globs/pnpm/pnpm-workspace.yaml', 'pnpm-workspace.yaml'))).toEqual({
      errors: [],
      facts: [
        {
          kind: 'workspace-globs',
          extractor: 'workspace-globs',
          location: { file: 'pnpm-workspace.yaml', line: 2, column: 1, snippet: 'packages:' },
          dir: '.',
          globs: ['services/*', 'packages/**', 'tools/codegen', '!**/test/**'],
        },
      ],
    });
  });

  it('still marks a root when pnpm-workspace.yaml lists no packages', () => {
    const out = extract(fixture('workspace-globs/pnpm-empty/pnpm-workspace.yaml', 'platform/pnpm-workspace.yaml'));
    expect(out.errors).toEqual([]);
    expect(out.facts).toMatchObject([{ dir: 'platform', globs: [] }]);
  });

  it('reads lerna packages', () => {
    expect(extract(fixture('workspace-globs/lerna/lerna.json', 'lerna.json'))).toEqual({
      errors: [],
      facts: [
        {
          kind: 'workspace-globs',
          extractor: 'workspace-globs',
          location: { file: 'lerna.json', line: 4, column: 3, snippet: '"packages": ["services/*", "libs/*"],' },
          dir: '.',
          globs: ['services/*', 'libs/*'],
        },
      ],
    });
  });

  it('reports YAML errors located, and lerna.json without packages gives no fact', () => {
    const bad = extract({ path: 'pnpm-workspace.yaml', text: 'packages:\n  - a\n\tb: 1\n' });
    expect(bad.facts).toEqual([]);
    expect(bad.errors).toEqual([
      {
        file: 'pnpm-workspace.yaml',
        line: 3,
        column: 1,
        stage: 'extract',
        code: 'invalid-yaml',
        message: 'Invalid YAML (Tabs are not allowed as indentation); this document was skipped.',
      },
    ]);
    expect(extract({ path: 'lerna.json', text: '{"version": "1.0.0"}' })).toEqual({ facts: [], errors: [] });
  });
});
