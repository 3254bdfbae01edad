/**
 * One rule = four siblings with the same id: module, docs page, fixtures (valid and invalid), test.
 * Also keeps the docs metadata block and the registry generated from `meta` (ARCHCHECK_WRITE_DOCS=1 rewrites).
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { rules } from '../../rules/index.js';
import { REPO_ROOT } from '../rules/harness.js';
import { renderMetaBlock } from './docs-meta.js';

const ids = rules.map((rule) => rule.meta.id);
const folders = (path: string, filter: (name: string) => boolean): string[] =>
  readdirSync(join(REPO_ROOT, path)).filter(filter).sort();

describe('rule siblings', () => {
  it('registry is generated from the rule folders and up to date', () => {
    expect(() =>
      execFileSync(process.execPath, [join(REPO_ROOT, 'scripts/generate-registry.mjs'), '--check'], { stdio: 'pipe' }),
    ).not.toThrow();
  });

  it('has no orphan module, docs page, fixture folder or test', () => {
    const sorted = [...ids].sort();
    expect(folders('rules', (name) => !name.startsWith('_') && !name.includes('.'))).toEqual(sorted);
    expect(folders('docs/rules', (name) => name.endsWith('.md')).map((name) => name.slice(0, -3))).toEqual(sorted);
    expect(folders('fixtures/rules', () => true)).toEqual(sorted);
    expect(folders('test/rules', (name) => name.endsWith('.test.ts')).map((name) => name.slice(0, -8))).toEqual(sorted);
  });

  describe.each(rules.map((rule) => [rule.meta.id, rule] as const))('%s', (id, rule) => {
    it('has kebab-case id with a no-/require- prefix', () => {
      expect(id).toMatch(/^(no|require)-[a-z]+(-[a-z]+)*$/);
    });

    it('has valid and invalid fixtures and a test', () => {
      const scenarios = readdirSync(join(REPO_ROOT, 'fixtures/rules', id));
      expect(scenarios.some((name) => name.startsWith('invalid-'))).toBe(true);
      expect(scenarios.some((name) => name.startsWith('valid-'))).toBe(true);
      expect(existsSync(join(REPO_ROOT, 'test/rules', `${id}.test.ts`))).toBe(true);
    });

    it('has a docs page with the description, sections in order, and a generated meta block', () => {
      const path = join(REPO_ROOT, 'docs/rules', `${id}.md`);
      let text = readFileSync(path, 'utf8');
      const block = renderMetaBlock(rule);
      const start = text.indexOf('<!-- meta:start -->');
      const end = text.indexOf('<!-- meta:end -->') + '<!-- meta:end -->'.length;
      if (process.env.ARCHCHECK_WRITE_DOCS === '1' && start !== -1) {
        text = text.slice(0, start) + block + text.slice(end);
        writeFileSync(path, text);
      }
      expect(text.startsWith(`---\ndescription: ${rule.meta.description}\n---\n`)).toBe(true);
      expect(text.slice(start, end)).toBe(block);
      const headings = [...text.matchAll(/^##+ .+$/gm)].map((match) => match[0]);
      const order = ['## Why', '## Examples', '### Invalid', '### Valid', '## Options', '## When not to use it', '## References'];
      const positions = order.map((heading) => headings.indexOf(heading));
      expect(positions.every((position) => position >= 0)).toBe(true);
      expect([...positions].sort((a, b) => a - b)).toEqual(positions);
    });

    it('names each of its fixtures in the docs examples', () => {
      const text = readFileSync(join(REPO_ROOT, 'docs/rules', `${id}.md`), 'utf8');
      for (const scenario of readdirSync(join(REPO_ROOT, 'fixtures/rules', id))) {
        expect(text).toContain(`fixtures/rules/${id}/${scenario}`);
      }
    });

    it('has message templates and references', () => {
      expect(Object.keys(rule.meta.messages).length).toBeGreaterThan(0);
      expect(rule.meta.references.length).toBeGreaterThan(0);
      expect(rule.meta.description).not.toMatch(/\.$/);
    });
  });
});
