import { describe, expect, it } from 'vitest';
import { analyzeFixture, itReportsExactlyTheAnnotatedFindings } from './harness.js';

const RULE = 'no-sync-call-cycle';

describe(RULE, () => {
  itReportsExactlyTheAnnotatedFindings(RULE);

  it('gives the cycle path, the other call site and the services of a two-service cycle', async () => {
    const result = await analyzeFixture(RULE, 'invalid-compose-cycle');
    // Other rules (timeouts, breakers) also fire on these call sites; this test is about the cycle.
    const cycles = result.findings.filter((entry) => entry.ruleId === RULE);
    const [finding] = cycles;
    expect(cycles).toHaveLength(1);
    expect(finding?.path).toEqual(['service:accounts', 'service:billing', 'service:accounts']);
    expect(finding?.services).toEqual(['accounts', 'billing']);
    expect(finding?.related).toEqual([
      {
        file: 'billing/src/accounts-client.ts',
        line: 9,
        column: 26,
        message: 'billing calls accounts here (http://accounts:3000/api/accounts/{…})',
      },
    ]);
    expect(finding?.message).toBe(
      'Services accounts and billing call each other synchronously in a cycle: accounts → billing → accounts. ' +
        'None of them can be deployed, scaled or fail on its own: a slow or failing service stalls the whole cycle. ' +
        'Break the cycle: replace one call with an event, or move the logic both sides need into one service.',
    );
  });

  it('follows a three-service cycle through k8s DNS names, a ConfigMap and a config module', async () => {
    const result = await analyzeFixture(RULE, 'invalid-k8s-three-services');
    const [finding] = result.findings.filter((entry) => entry.ruleId === RULE);
    expect(finding?.path).toEqual(['service:catalog', 'service:pricing', 'service:promotions', 'service:catalog']);
    expect(finding?.related.map((location) => `${location.file}:${location.line}`)).toEqual([
      'services/pricing/src/main.ts:11',
      'services/promotions/src/promotions/promotions.service.ts:17',
    ]);
  });

  it('keeps the fingerprint when lines move (keyed by the services of the cycle)', async () => {
    const first = await analyzeFixture(RULE, 'invalid-compose-cycle');
    const second = await analyzeFixture(RULE, 'invalid-compose-cycle');
    const cycle = (result: typeof first) => result.findings.find((entry) => entry.ruleId === RULE);
    expect(cycle(first)?.fingerprint).toMatch(/^[0-9a-f]{20}$/);
    expect(cycle(second)?.fingerprint).toBe(cycle(first)?.fingerprint);
  });
});
