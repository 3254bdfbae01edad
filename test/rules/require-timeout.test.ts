import { describe, expect, it } from 'vitest';
import { analyze } from '../../src/index.js';
import { analyzeFixture, configFile, expectedLines, findingLines, fixtureRoot, scenarios } from './harness.js';

const RULE = 'require-timeout';

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

  it('names the call site, both services and the URL, and leaves external calls alone by default', async () => {
    const result = await analyzeFixture(RULE, 'invalid-axios-fetch-no-timeout');
    const findings = result.findings.filter((finding) => finding.ruleId === RULE);
    expect(findings.map((finding) => finding.services)).toEqual([
      ['inventory', 'orders'],
      ['orders', 'payments'],
    ]);
    expect(findings[1]?.message).toBe(
      'orders calls payments (http://payments:3000/authorizations) without a timeout: none in code (request option, ' +
        'client instance, defaults or module) and none in the mesh (no route timeout for payments). A slow payments ' +
        'holds this request, its connection and its caller until the socket gives up. Set a timeout on the client or ' +
        'the call, or a route timeout in the mesh.',
    );
  });

  it('judges calls to external hosts when includeExternal is set', async () => {
    const result = await analyze({
      root: fixtureRoot(RULE, 'invalid-axios-fetch-no-timeout'),
      configFile: configFile({ rules: { [RULE]: ['warning', { includeExternal: true }] } }),
    });
    expect(findingLines(result, RULE)).toEqual([
      'orders/src/clients/inventory.client.ts:20',
      'orders/src/clients/inventory.client.ts:4',
      'orders/src/clients/payments.client.ts:7',
    ]);
  });

  it('gives exactly the sync edges of the valid system, each protected in code or in the mesh', async () => {
    const result = await analyzeFixture(RULE, 'valid-timeouts-in-code-and-mesh');
    expect(result.edges.filter((edge) => edge.kind === 'sync').map((edge) => `${edge.from} -> ${edge.to}`)).toEqual([
      'service:storefront -> service:catalog',
      'service:storefront -> service:pricing',
      'service:storefront -> service:reviews',
      'service:storefront -> service:search',
    ]);
  });
});
