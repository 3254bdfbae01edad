import { describe, expect, it } from 'vitest';
import { analyze } from '../../src/index.js';
import { analyzeFixture, configFile, expectedLines, findingLines, fixtureRoot, scenarios } from './harness.js';

const RULE = 'no-orphan-event';

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

  it('links producers to consumers through topic nodes for every broker family', async () => {
    const result = await analyzeFixture(RULE, 'valid-every-broker-matched');
    expect(result.edges.filter((edge) => edge.kind === 'async').map((edge) => `${edge.from} -> ${edge.to} (${edge.protocol})`)).toEqual([
      'service:orders -> topic:amqp:orders (amqp)',
      'service:orders -> topic:bullmq:invoices (bullmq)',
      'service:orders -> topic:nest:order.shipped (nest)',
      'service:orders -> topic:redis:order-status (redis)',
      'service:orders -> topic:sns:partner-orders (sns)',
      'service:warehouse -> topic:nest:stock.reserved (nest)',
      'topic:amqp:orders -> service:warehouse (amqp)',
      'topic:bullmq:invoices -> service:notifier (bullmq)',
      'topic:nest:order.shipped -> service:notifier (nest)',
      'topic:nest:stock.reserved -> service:orders (nest)',
      'topic:redis:order-status -> service:notifier (redis)',
    ]);
  });

  it('says which side is missing', async () => {
    const result = await analyzeFixture(RULE, 'invalid-kafka-topic-typo');
    expect(result.findings.filter((finding) => finding.ruleId === RULE).map((finding) => [finding.messageId, finding.data])).toEqual([
      ['unpublished', { service: 'billing', broker: 'kafka', topic: 'order.payed' }],
      ['unconsumed', { service: 'checkout', broker: 'kafka', topic: 'cart.abandoned' }],
    ]);
  });
});
