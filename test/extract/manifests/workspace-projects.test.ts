import { describe, expect, it } from 'vitest';
import { findKeyPath } from '../../../src/extract/manifests/json-locate.js';
import { workspaceProjectsExtractor } from '../../../src/extract/manifests/workspace-projects.js';
import type { DeclaredProject, WorkspaceProjectsFact } from '../../../src/types/index.js';

const { extract, matches } = workspaceProjectsExtractor;

/** Text from lines, so expected line numbers can be read off the test. */
const lines = (...rows: string[]): string => rows.join('\n');

/** A declared project as the extractor writes it; the snippet is the whole declaring line. */
function declared(name: string | null, root: string, kind: DeclaredProject['kind'], file: string, at: [number, number, string]): DeclaredProject {
  const [line, column, snippet] = at;
  return { name, root, kind, location: { file, line, column, snippet } };
}

function onlyFact(path: string, text: string): WorkspaceProjectsFact {
  const { facts, errors } = extract({ path, text });
  expect(errors).toEqual([]);
  expect(facts).toHaveLength(1);
  const [fact] = facts;
  if (fact?.kind !== 'workspace-projects') throw new Error('expected a workspace-projects fact');
  return fact;
}

describe('workspace-projects extractor', () => {
  it('matches nest-cli.json, project.json, nx.json, workspace.json and angular.json, outside node_modules', () => {
    for (const path of ['nest-cli.json', 'apps/api/project.json', 'nx.json', 'workspace.json', 'frontend/angular.json']) {
      expect(matches(path), path).toBe(true);
    }
    for (const path of ['node_modules/@nx/js/project.json', 'nest-cli.jsonc', 'projects.json', 'package.json', 'tsconfig.json']) {
      expect(matches(path), path).toBe(false);
    }
  });

  it('reads nest-cli.json in monorepo mode leniently (comments, trailing commas); roots resolve from its folder', () => {
    const file = 'backend/nest-cli.json';
    const text = lines(
      '{',
      '  "$schema": "https://json.schemastore.org/nest-cli",',
      '  "collection": "@nestjs/schematics",',
      '  // monorepo mode since the second app',
      '  "monorepo": true,',
      '  "root": "apps/gateway",',
      '  "sourceRoot": "apps/gateway/src",',
      '  "projects": {',
      '    "gateway": {',
      '      "type": "application",',
      '      "root": "apps/gateway",',
      '      "entryFile": "main",',
      '      "sourceRoot": "apps/gateway/src",',
      '      "compilerOptions": { "tsConfigPath": "apps/gateway/tsconfig.app.json" }',
      '    },',
      '    "orders": {',
      '      "type": "application",',
      '      "sourceRoot": "apps/orders/src",',
      '    },',
      '    "shared": {',
      '      "type": "library",',
      '      "root": "libs/shared",',
      '      "sourceRoot": "libs/shared/src",',
      '    },',
      '    "no-root": { "type": "application" },',
      '    "outside": { "type": "application", "root": "../../other" },',
      '    "plugin": { "type": "plugin", "root": "tools/plugin" }',
      '  }',
      '}',
    );
    expect(extract({ path: file, text })).toEqual({
      errors: [],
      facts: [
        {
          kind: 'workspace-projects',
          extractor: 'workspace-projects',
          location: { file, line: 5, column: 3, snippet: '"monorepo": true,' },
          dir: 'backend',
          workspaceRoot: true,
          projects: [
            declared('gateway', 'backend/apps/gateway', 'application', file, [9, 5, '"gateway": {']),
            declared('orders', 'backend/apps/orders', 'application', file, [16, 5, '"orders": {']),
            declared('shared', 'backend/libs/shared', 'library', file, [20, 5, '"shared": {']),
          ],
        },
      ],
    });
  });

  it('gives no fact for nest-cli.json in standard mode, and an empty one for a monorepo without projects', () => {
    const standard = JSON.stringify({ collection: '@nestjs/schematics', sourceRoot: 'src', projects: { lib: { type: 'library', root: 'libs/lib' } } });
    expect(extract({ path: 'nest-cli.json', text: standard })).toEqual({ facts: [], errors: [] });
    expect(extract({ path: 'nest-cli.json', text: '{ "monorepo": false }' })).toEqual({ facts: [], errors: [] });
    expect(onlyFact('nest-cli.json', '{ "monorepo": true }')).toMatchObject({ dir: '.', workspaceRoot: true, projects: [] });
  });

  it('reads Nx project.json: the folder is the project, named by `name` or the folder', () => {
    const api = lines(
      '{',
      '  "name": "api",',
      '  "$schema": "../../node_modules/nx/schemas/project-schema.json",',
      '  "projectType": "application",',
      '  "sourceRoot": "apps/api/src",',
      '  // an app may run its own e2e target; it is still an app',
      '  "targets": { "build": {}, "serve": {}, "e2e": {} },',
      '}',
    );
    expect(extract({ path: 'apps/api/project.json', text: api })).toEqual({
      errors: [],
      facts: [
        {
          kind: 'workspace-projects',
          extractor: 'workspace-projects',
          location: { file: 'apps/api/project.json', line: 4, column: 3, snippet: '"projectType": "application",' },
          dir: 'apps/api',
          workspaceRoot: false,
          projects: [declared('api', 'apps/api', 'application', 'apps/api/project.json', [4, 3, '"projectType": "application",'])],
        },
      ],
    });
    expect(onlyFact('libs/data-access/project.json', '{"projectType": "library"}').projects).toMatchObject([
      { name: 'data-access', root: 'libs/data-access', kind: 'library' },
    ]);
    // A standalone Nx app at the repository root has no folder name to fall back on.
    expect(onlyFact('project.json', '{"projectType": "application"}').projects).toMatchObject([{ name: null, root: '.', kind: 'application' }]);
  });

  it('tells Nx end-to-end test projects apart: a `-e2e` name or folder, or only an e2e target besides lint', () => {
    const kindOf = (path: string, text: string): string | undefined => onlyFact(path, text).projects[0]?.kind;
    expect(kindOf('apps/api-e2e/project.json', '{"name": "api-e2e", "projectType": "application", "targets": {"e2e": {}, "lint": {}}}')).toBe('e2e');
    expect(kindOf('apps/shop-e2e/project.json', '{"projectType": "application"}')).toBe('e2e');
    expect(kindOf('apps/smoke/project.json', '{"name": "smoke", "projectType": "application", "targets": {"e2e": {}, "lint": {}}}')).toBe('e2e');
    expect(kindOf('apps/web/project.json', '{"name": "web", "projectType": "application", "targets": {"lint": {}}}')).toBe('application');
    expect(kindOf('apps/web/project.json', '{"name": "web", "projectType": "application", "targets": {}}')).toBe('application');
    // Only applications are test projects; a library named like one is still a library.
    expect(kindOf('libs/testing-e2e/project.json', '{"projectType": "library"}')).toBe('library');
  });

  it('gives nothing for project.json files that are not Nx projects, and reports broken JSON located', () => {
    expect(extract({ path: 'tools/project.json', text: '{"name": "x"}' })).toEqual({ facts: [], errors: [] });
    expect(extract({ path: 'tools/project.json', text: '{"projectType": "tool"}' })).toEqual({ facts: [], errors: [] });
    expect(extract({ path: 'tools/project.json', text: '[1, 2]' })).toEqual({ facts: [], errors: [] });
    expect(extract({ path: 'apps/api/project.json', text: '{\n  "projectType": "application"\n  "name": "api"\n}' })).toEqual({
      facts: [],
      errors: [
        {
          file: 'apps/api/project.json',
          line: 3,
          column: 3,
          stage: 'extract',
          code: 'invalid-json',
          message: 'project.json is not valid JSON: unexpected character.',
        },
      ],
    });
    expect(extract({ path: 'nest-cli.json', text: '[]' })).toEqual({
      facts: [],
      errors: [{ file: 'nest-cli.json', line: 1, stage: 'extract', code: 'invalid-workspace', message: 'nest-cli.json must hold a JSON object.' }],
    });
  });

  it('reads workspace.json/angular.json project maps; string entries are left to their project.json', () => {
    const web = '"web": { "root": "apps/web", "projectType": "application", "targets": { "serve": {} } },';
    const webE2e = '"web-e2e": { "root": "apps/web-e2e", "projectType": "application", "targets": { "e2e": {} } },';
    const util = '"util": { "root": "libs/util", "projectType": "library" },';
    const text = lines('{', '  "version": 2,', '  "projects": {', '    "api": "apps/api",', `    ${web}`, `    ${webE2e}`, `    ${util}`, '    "no-type": { "root": "tools/x" }', '  }', '}');
    const fact = onlyFact('workspace.json', text);
    expect(fact).toMatchObject({ dir: '.', workspaceRoot: true, location: { line: 3 } });
    expect(fact.projects).toEqual([
      declared('web', 'apps/web', 'application', 'workspace.json', [5, 5, web]),
      declared('web-e2e', 'apps/web-e2e', 'e2e', 'workspace.json', [6, 5, webE2e]),
      declared('util', 'libs/util', 'library', 'workspace.json', [7, 5, util]),
    ]);
    const angular = '{"projects": {"shop": {"projectType": "application", "root": "", "architect": {"build": {}}}}}';
    expect(onlyFact('angular.json', angular).projects).toMatchObject([{ name: 'shop', root: '.', kind: 'application' }]);
    expect(extract({ path: 'angular.json', text: '{"version": 1}' })).toEqual({ facts: [], errors: [] });
  });

  it('marks the Nx workspace root with nx.json', () => {
    expect(extract({ path: 'nx.json', text: '{\n  "targetDefaults": {}\n}' })).toEqual({
      errors: [],
      facts: [
        {
          kind: 'workspace-projects',
          extractor: 'workspace-projects',
          location: { file: 'nx.json', line: 1, column: 1, snippet: '{' },
          dir: '.',
          workspaceRoot: true,
          projects: [],
        },
      ],
    });
  });
});

describe('findKeyPath', () => {
  const text = '{"gateway": 1, "list": [{"projects": {"gateway": 2}}], "projects": {"a": {"gateway": 3}, "gateway": {"x": 4}}}';

  it('finds a key only at its path, not under arrays or deeper objects', () => {
    expect(findKeyPath(text, ['projects', 'gateway'])).toBe(text.lastIndexOf('"gateway"'));
    expect(findKeyPath(text, ['gateway'])).toBe(1);
    expect(findKeyPath(text, ['projects', 'a', 'gateway'])).toBe(text.indexOf('"gateway": 3'));
    expect(findKeyPath(text, ['projects', 'missing'])).toBeNull();
    expect(findKeyPath(text, [])).toBeNull();
  });

  it('does not take string values for keys, and survives broken text', () => {
    expect(findKeyPath('{"a": "projects", "projects": {"b": 1}}', ['projects', 'b'])).toBe(31);
    expect(findKeyPath('{"projects": {"b"', ['projects', 'b'])).toBe(14);
    // Stray closers before the object are skipped, as the tolerant top-level scanner does.
    expect(findKeyPath(']]}}{"projects": {"b": 1}}', ['projects', 'b'])).toBe(18);
  });
});
