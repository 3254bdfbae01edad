import { describe, expect, it } from 'vitest';
import { analyze } from '../../src/index.js';
import { analyzeFixture, findingLines, fixtureRoot, itReportsExactlyTheAnnotatedFindings } from './harness.js';

const RULE = 'require-circuit-breaker';

describe(RULE, () => {
  itReportsExactlyTheAnnotatedFindings(RULE);

  it('finds each breaker style: opossum around a method, cockatiel wrap, a shared package wrapper, breaker classes, the mesh', async () => {
    const root = fixtureRoot(RULE, 'valid-breakers-in-code-and-mesh');
    const result = await analyze({ root });
    expect(result.edges.filter((edge) => edge.kind === 'sync').map((edge) => `${edge.from} -> ${edge.to}`)).toEqual([
      'service:booking -> service:cars',
      'service:booking -> service:flights',
      'service:booking -> service:hotels',
      'service:booking -> service:loyalty',
      'service:itinerary -> service:flights',
    ]);
    expect(findingLines(result, RULE)).toEqual([]);
  });

  it('does not count a retry policy as a breaker', async () => {
    const result = await analyzeFixture(RULE, 'invalid-retry-is-not-a-breaker');
    expect(result.findings.find((finding) => finding.location.file === 'checkout/src/payments.ts')?.data).toEqual({
      from: 'checkout',
      to: 'payments',
      url: 'http://payments:3000/charges',
    });
  });
});
