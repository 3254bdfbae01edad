import { describe, expect, it } from 'vitest';
import { analyze } from '../../src/index.js';
import { analyzeFixture, configFile, findingLines, fixtureRoot, itReportsExactlyTheAnnotatedFindings } from './harness.js';

const RULE = 'no-deep-sync-chain';

describe(RULE, () => {
  itReportsExactlyTheAnnotatedFindings(RULE);

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
