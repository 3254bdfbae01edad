/**
 * The JSON contract on live output: every example system and rule fixture gives a Result that the published schema
 * accepts, and the same input gives the same bytes wherever it is analyzed from.
 */
import { cpSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyze } from '../../src/index.js';
import { jsonReporter as renderJson } from '../../src/report/json.js';
import { REPO_ROOT } from '../rules/harness.js';
import { resultValidator } from '../report/recorded-results.js';

const roots = [
  ...readdirSync(join(REPO_ROOT, 'fixtures/e2e')).map((name) => join('fixtures/e2e', name)),
  ...readdirSync(join(REPO_ROOT, 'fixtures/rules')).flatMap((rule) =>
    readdirSync(join(REPO_ROOT, 'fixtures/rules', rule)).map((scenario) => join('fixtures/rules', rule, scenario)),
  ),
].sort();

describe('live Result contract', () => {
  it.each(roots)('%s matches schema/result.schema.json', async (root) => {
    const result = await analyze({ root: join(REPO_ROOT, root) });
    const validate = resultValidator();
    const valid = validate(JSON.parse(renderJson(result, { color: false })));
    expect(validate.errors ?? []).toEqual([]);
    expect(valid).toBe(true);
  });

  it('gives the same bytes for the same repository, whatever its absolute path', async () => {
    const source = join(REPO_ROOT, 'fixtures/e2e/shop-distributed-monolith');
    const copy = mkdtempSync(join(tmpdir(), 'archcheck-determinism-'));
    try {
      cpSync(source, copy, { recursive: true });
      const first = renderJson(await analyze({ root: source }), { color: false });
      const second = renderJson(await analyze({ root: source }), { color: false });
      const moved = renderJson(await analyze({ root: copy }), { color: false });
      expect(second).toBe(first);
      expect(moved).toBe(first);
      expect(first).not.toContain(REPO_ROOT);
      expect(first).not.toContain(copy);
    } finally {
      rmSync(copy, { recursive: true, force: true });
    }
  });
});
