/** Runs archcheck on a fixture mini-repo and reads the findings it expects from inline annotations. */
import { expect, it } from 'vitest';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { analyze } from '../../src/index.js';
import type { Finding, Result } from '../../src/types/index.js';

export const REPO_ROOT = fileURLToPath(new URL('../..', import.meta.url));

export function fixtureRoot(ruleId: string, scenario: string): string {
  return join(REPO_ROOT, 'fixtures', 'rules', ruleId, scenario);
}

/** Scenario folders of a rule: `invalid-*` and `valid-*`. */
export function scenarios(ruleId: string): { invalid: string[]; valid: string[] } {
  const names = readdirSync(join(REPO_ROOT, 'fixtures', 'rules', ruleId)).sort();
  return {
    invalid: names.filter((name) => name.startsWith('invalid-')),
    valid: names.filter((name) => name.startsWith('valid-')),
  };
}

export async function analyzeFixture(ruleId: string, scenario: string): Promise<Result> {
  return analyze({ root: fixtureRoot(ruleId, scenario) });
}

/** `file:line` of every finding of `ruleId`, sorted. */
export function findingLines(result: Result, ruleId: string): string[] {
  return result.findings
    .filter((finding: Finding) => finding.ruleId === ruleId)
    .map((finding) => `${finding.location.file}:${finding.location.line}`)
    .sort();
}

const MARKER = /(?:\/\/|#|--)\s*archcheck-expect:\s*([a-z0-9-]+)/g;

/** `file:line` of every `archcheck-expect: <ruleId>` annotation under `root`, sorted. */
export function expectedLines(root: string, ruleId: string): string[] {
  const lines: string[] = [];
  const visit = (dir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) visit(path);
      else if (entry.isFile()) {
        readFileSync(path, 'utf8')
          .split('\n')
          .forEach((text, index) => {
            for (const match of text.matchAll(MARKER)) {
              if (match[1] === ruleId) lines.push(`${relative(root, path).split(sep).join('/')}:${index + 1}`);
            }
          });
      }
    }
  };
  visit(root);
  return lines.sort();
}

/** Writes `config` to a fresh temporary `archcheck.config.json` and returns its path (for rule options in tests). */
export function configFile(config: object): string {
  const dir = mkdtempSync(join(tmpdir(), 'archcheck-config-'));
  const path = join(dir, 'archcheck.config.json');
  writeFileSync(path, JSON.stringify(config));
  return path;
}

/**
 * The contract every rule test starts with: each `invalid-*` fixture gives exactly the findings its inline
 * `archcheck-expect` annotations name (and at least one), each `valid-*` fixture none. Call inside `describe`.
 */
export function itReportsExactlyTheAnnotatedFindings(ruleId: string): void {
  const { invalid, valid } = scenarios(ruleId);
  it.each(invalid)('reports exactly the annotated findings in %s', async (scenario) => {
    const result = await analyzeFixture(ruleId, scenario);
    const expected = expectedLines(fixtureRoot(ruleId, scenario), ruleId);
    expect(expected.length).toBeGreaterThan(0);
    expect(findingLines(result, ruleId)).toEqual(expected);
  });
  it.each(valid)('reports nothing in %s', async (scenario) => {
    const result = await analyzeFixture(ruleId, scenario);
    expect(findingLines(result, ruleId)).toEqual([]);
  });
}
