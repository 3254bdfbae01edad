import { describe, expect, it } from 'vitest';
import { analyze } from '../../src/index.js';
import { analyzeFixture, configFile, expectedLines, findingLines, fixtureRoot, scenarios } from './harness.js';

const RULE = 'no-deep-sync-chain';

describe(RULE, () => {
  const { invalid, valid } = scenarios(RULE);

  it.each(invalid)('reports exactly the annotated call sites in %s', async (scenario) => {
    const result = await analyzeFixture(RULE, scenario);
    const expected = expectedLines(fixtureRoot(RULE, scenario), RULE);
    expect(expected.length).toBeGreaterThan(0);
    expect(findingLines(result, RULE)).toEqual(expected);
  });

  it.each(valid)('reports nothing in %s', async (scenario) => {
    const result = await analyzeFixture(RULE, scenario);
    expect(findingLines(result, RULE)).toEqual([]);
  });

  it('gives the chain as the path and the later hops as related locations', async () => {
    const result = await analyzeFixture(RULE, 'invalid-four-hops');
    const [finding] = result.findings.filter((entry) => entry.ruleId === RULE);
    expect(finding?.path).toEqual([
      'service:gateway',
      'service:orders',
      'service:pricing',
      'service:catalog',
      'service:inventory',
    ]);
    expect(finding?.related.map((location) => `${location.file}:${location.line}`)).toEqual([
      'orders/src/main.ts:5',
      'pricing/src/main.ts:5',
      'catalog/src/main.ts:5',
    ]);
  });

  it('honours maxDepth', async () => {
    const result = await analyze({
      root: fixtureRoot(RULE, 'valid-three-hops'),
      configFile: configFile({ rules: { [RULE]: ['warning', { maxDepth: 2 }] } }),
    });
    expect(findingLines(result, RULE)).toEqual(['gateway/src/main.ts:5']);
  });
});
